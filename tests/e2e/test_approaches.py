"""End-to-end: the Approaches matrix in real Chromium.

Click a cell of the heatmap, see the evidence list and the cell in the address bar, then
open the same cell as a deep link (at 1280x720) and see the same list; a bad link falls
back with a notice; a country header opens its column; the toggles land in the URL.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from components import data
from tests.support.browser import (
    assert_no_exception,
    assert_no_external_requests,
    new_guarded_page,
    wait_for_idle,
)

CHART = '[data-testid="stVegaLiteChart"]'


def _cell(page, country: str, category: str | None):
    """The heatmap's SVG rect for a cell (Vega labels each mark with its tooltip fields);
    category None is the country's dark header cell."""
    names = dict(zip(data.central_asia()["iso3"], data.central_asia()["name"], strict=True))
    if category is None:
        needle = f"Open the country column: {names[country]}"
    else:
        labels = dict(data.approach_categories()[["id", "label"]].itertuples(index=False))
        needle = f"Country: {names[country]}; Approach: {labels[category]};"
    rect = page.locator(f'{CHART} .mark-rect path[aria-label*="{needle}"]')
    assert rect.count() == 1, f"expected one chart cell labelled {needle!r}, found {rect.count()}"
    return rect.first


def _click_cell(page, country: str, category: str | None) -> None:
    """Click the middle of the cell, where its text label sits (the label must not swallow it)."""
    rect = _cell(page, country, category)
    rect.scroll_into_view_if_needed()
    box = rect.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    wait_for_idle(page)


def _expected_titles(country: str, category: str) -> list[str]:
    cells = data.approach_cells()
    cell = cells[(cells["country"] == country) & (cells["category"] == category)].iloc[0]
    titles = data.initiatives().set_index("id")["title"]
    return [titles[i] for i in cell["initiatives"]]


def _assert_evidence_list(page, country: str, category: str) -> None:
    names = dict(zip(data.central_asia()["iso3"], data.central_asia()["name"], strict=True))
    labels = dict(data.approach_categories()[["id", "label"]].itertuples(index=False))
    heading = f"{names[country]} × {labels[category]}"
    page.get_by_role("heading", name=heading).wait_for(timeout=15000)
    main = page.locator('[data-testid="stMain"]')
    for title in _expected_titles(country, category):
        assert main.get_by_text(title, exact=False).count() >= 1, f"missing initiative {title!r}"


def _toggle(page, label: str):
    return page.locator(
        '[data-testid="stCheckbox"], [data-testid="stToggle"]', has_text=label
    ).locator("input")


def _query(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


@pytest.fixture
def warm_server(app_server):
    """The shared server. (No visit to "/" first: a deep link, even a fresh server's first
    request, runs through app.py; tests/e2e/test_deep_link_fresh_server.py.)"""
    return app_server


def test_click_cell_then_deep_link(page, warm_server):
    country, category = "UZB", "reintegration"
    page.goto(warm_server.page_url("approaches"))
    wait_for_idle(page)
    assert_no_exception(page)

    _click_cell(page, country, category)
    _assert_evidence_list(page, country, category)
    assert _query(page) == {"country": [country], "approach": [category]}
    page.get_by_role("heading", name="Evidence behind a cell").scroll_into_view_if_needed()
    # The country view link carries the country.
    link = page.locator('[data-testid="stPageLink"] a', has_text="country view")
    assert "country=UZB" in (link.first.get_attribute("href") or "")

    # Same cell from a deep link, in a fresh tab at the smaller projector size.
    deep = new_guarded_page(page.context.browser, viewport={"width": 1280, "height": 720})
    deep.goto(warm_server.page_url(f"approaches?country={country}&approach={category}"))
    wait_for_idle(deep)
    _assert_evidence_list(deep, country, category)
    deep.get_by_role("heading", name="Evidence behind a cell").scroll_into_view_if_needed()
    assert_no_exception(page)
    assert_no_exception(deep)
    assert_no_external_requests(deep)
    deep.context.close()


def test_country_header_and_bad_link(page, warm_server):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(warm_server.page_url("approaches?country=XXX&approach=reintegration"))
    wait_for_idle(page)
    assert page.get_by_text("not one of the five states").count() == 1
    assert _query(page) == {"approach": ["reintegration"]}

    # A click on a country name (the dark header row) selects its whole column.
    _click_cell(page, "KGZ", None)
    page.get_by_role("heading", name="Kyrgyzstan: every approach").wait_for(timeout=15000)
    assert _query(page) == {"country": ["KGZ"]}
    link = page.locator('[data-testid="stPageLink"] a', has_text="country view")
    assert "country=KGZ" in (link.first.get_attribute("href") or "")
    assert_no_exception(page)
    assert_no_external_requests(page)


def test_toggles_are_kept_in_the_link(page, warm_server):
    page.goto(warm_server.page_url("approaches?country=KAZ&approach=prevention"))
    wait_for_idle(page)
    page.get_by_text("Human-rights lens", exact=True).click()
    wait_for_idle(page)
    lens = "Human-rights lens: security approaches and rights concerns"
    page.get_by_role("heading", name=lens).wait_for(timeout=15000)
    assert _query(page) == {
        "country": ["KAZ"],
        "approach": ["prevention"],
        "approaches_rights": ["true"],
    }
    # The same link, opened afresh, shows the lens and the cell again.
    page.goto(page.url)
    wait_for_idle(page)
    page.get_by_role("heading", name=lens).wait_for(timeout=15000)
    page.get_by_role("heading", name="Kazakhstan × Prevention & de-radicalisation").wait_for()
    assert _toggle(page, "Human-rights lens").is_checked()
    assert not _toggle(page, "Countries as rows").is_checked()
    assert_no_exception(page)
    assert_no_external_requests(page)
