"""End-to-end accessibility: axe-core (WCAG 2.1 A and AA) reports zero violations.

Every page of the navigation, and every other URL the app links to that Chromium opens, is
checked by tests/e2e/test_links.py as it crawls them; every slide by tests/e2e/test_slides.py,
in the page load that measures it. Here: a country view with its data-table alternative
open, and two more tables opened."""

from __future__ import annotations

import pytest

from tests.support import axe
from tests.support.browser import wait_for_idle

# The data table alternatives (ui.data_table: a static table in a keyed expander), opened.
OPENED_TABLES = [
    # Kazakhstan's view, whole: its metrics' help icons are named from labels with
    # parentheses ("(2024)"), checked by the axe helper
    ("countries?country=KAZ", "country_map_data"),
    ("timeline", "timeline_summary_data"),
    ("map?present=1&part=border", "map_slide_data_border"),
]


@pytest.mark.parametrize(("path", "key"), OPENED_TABLES, ids=[k for _, k in OPENED_TABLES])
def test_opened_data_table_has_no_wcag_violations(page, app_server, path, key) -> None:
    page.goto(app_server.page_url(path))
    wait_for_idle(page, 60000)
    page.locator(f".st-key-{key} summary").click()
    page.locator(f".st-key-{key} table").wait_for()
    wait_for_idle(page, 60000)
    found = axe.violations(page)
    assert not found, f"axe violations, /{path} with {key} open:\n{axe.report(found)}"
