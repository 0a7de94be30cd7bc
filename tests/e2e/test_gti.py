"""End-to-end: /gti in real headless Chromium renders every chart, one table's tab at a time,
with no exception."""

from __future__ import annotations

from tests.support.browser import (
    assert_no_exception,
    assert_no_external_requests,
    wait_for_idle,
)

PER_TAB = 2  # Table 1 scores + changes, Table 2 regions + changes, Table 3 activities + totals
TABS = ("Table 1", "Table 2", "Table 3")
CHART = '[data-testid="stVegaLiteChart"]'

# Marks drawn in one chart: SVG mark elements, or non-white pixels on a canvas.
_MARKS_JS = """
(el) => {
  const svg = el.querySelector('svg.marks, svg');
  if (svg) {
    const marks = svg.querySelectorAll('g.mark-rect path, g.mark-rect rect, g.mark-text text');
    return {kind: 'svg', marks: marks.length, width: svg.getBoundingClientRect().width};
  }
  const canvas = el.querySelector('canvas');
  if (!canvas) return {kind: 'none', marks: 0, width: 0};
  const ctx = canvas.getContext('2d');
  const {width, height} = canvas;
  const img = ctx.getImageData(0, 0, width, height).data;
  let ink = 0;
  for (let i = 0; i < img.length; i += 16) {
    if (img[i + 3] > 0 && (img[i] < 235 || img[i + 1] < 235 || img[i + 2] < 235)) ink++;
  }
  return {kind: 'canvas', marks: ink, width: canvas.getBoundingClientRect().width};
}
"""


def _charts_ready(page, n: int = PER_TAB) -> list[dict]:
    charts = page.locator(CHART)
    charts.first.wait_for(state="visible", timeout=30000)
    page.wait_for_function(
        f"document.querySelectorAll('{CHART}').length === {n} && "
        f"[...document.querySelectorAll('{CHART}')].every(c => c.querySelector('canvas, svg'))",
        timeout=30000,
    )
    page.wait_for_timeout(500)  # let vega finish drawing
    return [charts.nth(i).evaluate(_MARKS_JS) for i in range(charts.count())]


# A deep link, even a fresh server's first request, runs through app.py (components/ui.py
# reroutes it; tests/e2e/test_deep_link_fresh_server.py): no visit to "/" first.


def test_gti_renders_every_chart_and_keeps_the_selection(page, app_server):
    page.goto(app_server.page_url("gti?countries=TJK,UZB,NOPE"))
    wait_for_idle(page)
    assert_no_exception(page)

    stats = []
    for n, tab in enumerate(TABS):  # each tab by keyboard: arrows move between tabs
        page.locator('[role="tab"][aria-selected="true"]').focus()  # the open tab
        if n:
            page.keyboard.press("ArrowRight")
        # The server's rerun for the tab writes ?table= (none for the first): wait for it, so
        # the charts measured are this tab's, not the last tab's still on screen.
        want = f"table={n + 1}" if n else "table="
        page.wait_for_function(
            f"location.search.includes('{want}') === {'true' if n else 'false'}", timeout=30_000
        )
        wait_for_idle(page)
        assert page.get_by_role("tab", name=tab).get_attribute("aria-selected") == "true"
        stats += _charts_ready(page)
    assert len(stats) == PER_TAB * len(TABS), stats
    for i, s in enumerate(stats):
        assert s["kind"] in ("svg", "canvas"), f"chart {i} has no svg/canvas: {s}"
        assert s["marks"] > 50 if s["kind"] == "canvas" else s["marks"] > 5, (
            f"chart {i} is blank: {s}"
        )
        assert s["width"] > 800, f"chart {i} does not fill the width: {s}"

    # The link's selection reached the picker; the unknown code was reported, not fatal.
    pressed = page.locator('.st-key-gti_countries button[aria-pressed="true"]')
    assert pressed.all_inner_texts() == ["Tajikistan (TJK)", "Uzbekistan (UZB)"]
    assert page.get_by_text("Ignored unknown country code").is_visible()
    assert "countries=TJK%2CUZB" in page.url or "countries=TJK,UZB" in page.url

    # A flagged row is visible on the page, not only in a tooltip (Table 1's tab).
    page.get_by_role("tab", name=TABS[0]).click()
    wait_for_idle(page)
    assert page.get_by_text("Flagged: Russia").is_visible()

    assert_no_exception(page)
    assert_no_external_requests(page)


def test_gti_without_selection_has_no_notice(page, app_server):
    page.goto(app_server.page_url("gti"))
    wait_for_idle(page)
    stats = _charts_ready(page)
    assert len(stats) == PER_TAB
    assert not page.get_by_text("Ignored unknown country code").count()
    assert_no_exception(page)
