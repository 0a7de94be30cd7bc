"""Country views and briefing mode in real headless Chromium (1920x1080 and 1280x720).

Each of the five views opens and draws its charts; briefing mode hides the sidebar and
holds across "next" until it is left (every country's briefing screen is measured as a
slide by test_slides.py). One brief is downloaded for real and opened offline.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from components import data
from tests.support.browser import (
    assert_no_exception,
    new_guarded_page,
    wait_for_idle,
)
from tests.support.offline_html import external_loads

NAMES = data.countries().set_index("iso3")["name"]


@pytest.fixture(scope="module")
def server(app_server):
    """The shared server. (No visit to "/" first: a deep link, even a fresh server's first
    request, runs through app.py; tests/e2e/test_deep_link_fresh_server.py.)"""
    return app_server


def button(page, key: str):
    """The visible button of a keyed Streamlit widget."""
    return page.locator(f".st-key-{key} button:visible").first


def open_view(page, server, iso: str, present: bool) -> None:
    url = server.page_url(f"countries?country={iso}" + ("&present=1" if present else ""))
    page.goto(url)
    wait_for_idle(page, timeout=90000)
    # both Vega charts (timeline, mini map) have drawn
    page.wait_for_function(
        '() => document.querySelectorAll(\'[data-testid="stVegaLiteChart"] canvas,'
        ' [data-testid="stVegaLiteChart"] svg.marks\').length >= 2',
        timeout=60000,
    )
    page.wait_for_timeout(300)
    assert_no_exception(page)
    assert page.get_by_role("heading", name=NAMES[iso]).first.is_visible()


@pytest.mark.parametrize("iso", data.CENTRAL_ASIA)
def test_country_view_1920(page, server, iso):
    """Each view draws its two charts in Chromium with no exception (a spec Vega rejects
    shows only in a browser). In briefing mode each view is a slide of the regional deck,
    measured at both screen sizes by tests/e2e/test_slides.py."""
    open_view(page, server, iso, False)
    assert page.locator('[data-testid="stSidebar"]').is_visible()
    assert button(page, "country_prev").is_visible() and button(page, "country_next").is_visible()
    assert "present=1" not in page.url


# The country timeline (the chart whose axis labels read "<date> · <title>"): its width
# and the span of its year grid, in px.
TIMELINE_SPAN_JS = """
() => {
  for (const svg of document.querySelectorAll('[data-testid="stVegaLiteChart"] svg.marks')) {
    const labels = [...svg.querySelectorAll('.role-axis-label text')].map(t => t.textContent);
    if (!labels.some(t => t.includes(' · '))) continue;
    const xs = [...svg.querySelectorAll('.role-axis-grid line')].map(l => l.getBoundingClientRect());
    return {width: svg.getBoundingClientRect().width,
            grid: Math.max(...xs.map(r => r.right)) - Math.min(...xs.map(r => r.left))};
  }
  return null;
}
"""


def test_normal_view_1280_gives_the_timeline_room_and_lists_every_initiative(browser, server):
    """At 1280 px the timeline sat in a column where its titles left the bars a sliver, and
    the list was a scrolling grid that cut the flag notes short."""
    page = new_guarded_page(browser, viewport={"width": 1280, "height": 720})
    try:
        open_view(page, server, "TJK", False)
        span = page.evaluate(TIMELINE_SPAN_JS)
        assert span, "no country timeline chart found"
        assert span["grid"] >= 0.4 * span["width"], f"the bars get too little room: {span}"
        table = page.locator('[data-testid="stMain"] table.ca-table')
        view = data.initiatives()
        tjk = view[view["countries"].map(lambda cs: "TJK" in cs)]
        assert table.locator("tbody tr").count() == len(tjk)
        note = tjk["flag_note"].dropna().iloc[0]
        assert table.get_by_text(note, exact=True).is_visible()
        assert_no_exception(page)
    finally:
        page.context.close()


def test_briefing_holds_across_next_and_exit_restores_normal(page, server):
    open_view(page, server, "TKM", True)
    assert not page.locator('[data-testid="stSidebar"]').is_visible()
    assert not page.locator('[data-testid="stHeader"]').is_visible()
    button(page, "country_next").click()
    page.wait_for_url("**country=KAZ**", timeout=60000)
    wait_for_idle(page, timeout=90000)
    assert "present=1" in page.url
    assert page.get_by_role("heading", name=NAMES["KAZ"]).first.is_visible()
    assert not page.locator('[data-testid="stSidebar"]').is_visible()
    button(page, "present_exit").click()
    page.wait_for_function("() => !location.search.includes('present=1')", timeout=60000)
    wait_for_idle(page, timeout=90000)
    assert page.locator('[data-testid="stSidebar"]').is_visible()
    assert "country=KAZ" in page.url
    assert_no_exception(page)


def test_download_brief_opens_offline(page, server, browser, tmp_path: Path):
    open_view(page, server, "UZB", False)
    with page.expect_download(timeout=180000) as info:
        button(page, "brief_download").click()
    download = info.value
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    assert target.suffix == ".html" and "UZB" in target.name
    html_doc = target.read_text(encoding="utf-8")
    assert "0.423" in html_doc and "531 people" in html_doc
    assert '<li id="fn44" value="44">' in html_doc
    assert data.dataset_version() in html_doc
    assert external_loads(html_doc) == []

    offline = new_guarded_page(browser)
    try:
        offline.context.set_offline(True)
        # the guard would block file://, so the downloaded bytes are loaded as content
        offline.set_content(html_doc, wait_until="load")
        widths = offline.evaluate("() => [...document.images].map(i => i.naturalWidth)")
        assert len(widths) == 2 and all(w > 0 for w in widths)  # inline PNGs render
        assert offline.locator("h1").inner_text().startswith(NAMES["UZB"])
        assert not offline.external_requests
        offline.screenshot(path=str(tmp_path / "brief.png"), full_page=False)
    finally:
        offline.context.close()


def test_overview_front_page(page, server):
    # (In briefing mode the overview is a slide: tests/e2e/test_slides.py.)
    page.goto(server.url + "/")
    wait_for_idle(page, timeout=90000)
    assert_no_exception(page)
    assert page.locator('[data-testid="stMetric"]').count() == 5
    cards = page.locator('[data-testid="stPageLink"] a[href*="countries"]')
    assert cards.count() >= 5
    for sel_iso in data.CENTRAL_ASIA:
        assert page.locator(f'a[href*="country={sel_iso}"]').count() >= 1
    page.locator(f'a[href*="country={data.CENTRAL_ASIA[1]}"]').first.click()
    page.wait_for_url(f"**country={data.CENTRAL_ASIA[1]}**", timeout=60000)
    wait_for_idle(page, timeout=90000)
    assert page.get_by_role("heading", name=NAMES[data.CENTRAL_ASIA[1]]).first.is_visible()
    assert "present=1" not in page.url


# Per overview card: its title's rendered lines and whether its link text is cut off.
CARD_FIT_JS = """
() => [...document.querySelectorAll('[class*="st-key-overview_card_"]')].map(card => {
  const h = card.querySelector('h4');
  const tops = new Set();  // one per line box of the title's own text
  const walker = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.textContent.trim()) continue;
    const range = document.createRange();
    range.selectNodeContents(n);
    for (const r of range.getClientRects()) if (r.width > 0) tops.add(Math.round(r.top));
  }
  // The link's label text must end inside the card (it was clipped at the card's edge).
  const link = card.querySelector('[data-testid="stPageLink"] a');
  const range = document.createRange();
  range.selectNodeContents(link);
  const textRight = Math.max(...[...range.getClientRects()].map(r => r.right));
  return {title: h.innerText, lines: tops.size, link: link.innerText,
          linkCut: textRight > card.getBoundingClientRect().right - 4};
})
"""


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1920, 1080)])
def test_overview_cards_fit_their_titles_and_links(browser, server, width, height):
    """At 1280 px "Turkmenistan" broke mid-word and the links read "Open Kazakhs"."""
    page = new_guarded_page(browser, viewport={"width": width, "height": height})
    try:
        page.goto(server.url)
        wait_for_idle(page, timeout=90000)
        cards = page.evaluate(CARD_FIT_JS)
        assert [c["title"] for c in cards] == [NAMES[iso] for iso in data.CENTRAL_ASIA]
        for c in cards:
            assert c["lines"] == 1 and not c["linkCut"], c
    finally:
        page.context.close()
