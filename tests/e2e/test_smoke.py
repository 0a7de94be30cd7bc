"""Smoke test: every page of the dashboard renders without errors or external requests."""

from __future__ import annotations

import pytest

from tests.support.browser import (
    assert_no_exception,
    assert_no_external_requests,
    heading_texts,
    wait_for_idle,
)

# URL path of every page in the app ("" is the default/overview page).
PAGE_PATHS = ["", "map", "gti", "approaches", "timeline", "countries", "sources"]
VIEWPORTS = [(1920, 1080), (1280, 720)]


@pytest.mark.parametrize("path", PAGE_PATHS, ids=lambda p: p or "overview")
def test_page_renders(page, app_server, path):
    page.goto(app_server.page_url(path))
    wait_for_idle(page)

    assert_no_exception(page)
    assert not page.get_by_text("Page not found").is_visible(), (
        f"/{path} is not a page of the app (Streamlit fell back to the main page)"
    )
    headings = heading_texts(page)
    assert headings, f"/{path}: no h1 or stHeading with text"

    for width, height in VIEWPORTS:
        page.set_viewport_size({"width": width, "height": height})
        wait_for_idle(page)

    assert_no_exception(page)
    assert_no_external_requests(page)
