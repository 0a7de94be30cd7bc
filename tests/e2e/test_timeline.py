"""End-to-end: the Initiatives timeline in real Chromium (deep link, clicks, URL, CSV, details).

Screenshots are not taken here: `make screenshots` takes them (timeline?partner=osce and
timeline?incidents=1 at 1920x1080 and 1280x720 were the README's)."""

from __future__ import annotations

import csv
import re
from urllib.parse import parse_qs, urlsplit

from components import data
from components import filters as F
from components import timeline_view as TV
from tests.support.browser import assert_no_exception, assert_no_external_requests, wait_for_idle

VOCAB = TV.vocabulary_from_data()


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def shown(**kwargs):
    """The initiatives the page shows for a filter state (filters.apply, its one filter)."""
    return F.apply(F.FilterState(**kwargs), data.initiatives(), VOCAB)


def count_text(**kwargs) -> str:
    return F.count_text(len(shown(**kwargs)), len(data.initiatives()))


def open_page(page, app_server, path: str) -> None:
    # A deep link, even a fresh server's first request, runs through app.py (components/ui.py
    # reroutes it; tests/e2e/test_deep_link_fresh_server.py): no visit to "/" first.
    page.goto(app_server.page_url(path))
    wait_for_idle(page)
    page.get_by_text(re.compile(r"^\d+ of \d+ initiatives$")).first.wait_for()


def test_deep_link_click_url_and_csv(page, app_server, tmp_path):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_page(page, app_server, "timeline?partner=osce")
    assert_no_exception(page)

    # The view shows the filter from the link: the chip, the count and the summary line.
    sidebar = page.locator('[data-testid="stSidebar"]')
    partner = sidebar.locator(".st-key-timeline_partner")
    assert partner.get_by_text("OSCE", exact=True).is_visible()
    main = page.locator('[data-testid="stMain"]')
    assert main.get_by_text(count_text(partners=("osce",)), exact=True).is_visible()
    assert main.get_by_text("partner: OSCE").is_visible()
    assert page.locator('[data-testid="stVegaLiteChart"]').first.is_visible()

    # Change a filter by clicking: add Tajikistan in the Country multiselect.
    page.set_viewport_size({"width": 1920, "height": 1080})
    sidebar.get_by_role("combobox", name="Country").click()
    page.get_by_role("option", name="Tajikistan", exact=True).click()
    page.keyboard.press("Escape")
    wait_for_idle(page)
    expected = shown(partners=("osce",), countries=("TJK",))
    page.wait_for_function("() => location.search.includes('country=TJK')", timeout=10_000)
    assert query(page) == {"partner": ["osce"], "country": ["TJK"]}
    assert main.get_by_text(
        count_text(partners=("osce",), countries=("TJK",)), exact=True
    ).is_visible()

    # Download the CSV: its name says what was filtered and its rows are the filtered ones.
    button = page.locator(".st-key-timeline_download button")
    with page.expect_download() as info:
        button.click()
    download = info.value
    assert download.suggested_filename == "initiatives_partner-osce_country-TJK.csv"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    with open(path, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert sorted(r["id"] for r in rows) == sorted(expected["id"])
    assert list(rows[0]) == F.CSV_COLUMNS
    by_id = {r["id"]: r for r in rows}
    assert by_id["tjk_soft_targets_workshop_2023"]["date_text"] == "July 2023"

    assert not dialogs
    assert_no_exception(page)
    assert_no_external_requests(page)


# Right edges of the timeline's mark titles (not axis labels) and of its plot area, in px.
TITLE_EDGES_JS = """
() => {
  const svg = document.querySelector('[data-testid="stVegaLiteChart"] svg.marks');
  if (!svg) return null;
  const grid = [...svg.querySelectorAll('.role-axis-grid line')].map(l => l.getBoundingClientRect().right);
  const titles = [...svg.querySelectorAll('.role-mark.mark-text text')]
    .filter(t => t.textContent.length > 3)
    .map(t => ({text: t.textContent, right: t.getBoundingClientRect().right}));
  return {plotRight: Math.max(...grid), titles};
}
"""


def test_titles_on_the_chart_end_inside_the_plot_at_each_width(page, app_server):
    """A title too long for the room left of the plot's edge is shortened with an ellipsis,
    not cut off mid-word by the edge (it was, at 1280 px)."""
    open_page(page, app_server, "timeline?partner=osce")
    for width, height in ((1280, 720), (1920, 1080)):
        page.set_viewport_size({"width": width, "height": height})
        wait_for_idle(page)
        page.wait_for_timeout(400)
        edges = page.evaluate(TITLE_EDGES_JS)
        assert edges and edges["titles"], f"no SVG titles found on the chart at {width}px"
        over = [t for t in edges["titles"] if t["right"] > edges["plotRight"] + 1]
        assert not over, (
            f"titles run past the plot's edge ({edges['plotRight']:.0f}px) at {width}px: {over}"
        )
        assert any(t["text"].endswith("…") for t in edges["titles"])


def test_everything_with_incidents(page, app_server):
    open_page(page, app_server, "timeline?incidents=1")
    assert_no_exception(page)
    main = page.locator('[data-testid="stMain"]')
    assert main.get_by_text(count_text(), exact=True).is_visible()
    undated = int(data.initiatives()["start"].isna().sum())
    assert main.get_by_text(f"{undated} undated initiatives not drawn").is_visible()
    assert page.locator('[data-testid="stVegaLiteChart"]').first.is_visible()
    assert page.locator(".st-key-timeline_incidents input").is_checked()
    assert_no_external_requests(page)


def test_picking_an_initiative_by_keyboard_shows_details_and_the_linked_list(page, app_server):
    open_page(page, app_server, "timeline?partner=osce_po_bishkek")
    rows = F.sort_for_list(shown(partners=("osce_po_bishkek",)))
    first = rows.iloc[0]
    # The list is a static table (issue 17): one row per initiative, footnotes as links.
    table = page.locator("table.ca-table").filter(has_text=first["title"])
    assert table.locator("tbody tr").count() == len(rows)
    url = data.footnote_url(first["footnotes"][0])
    assert table.locator(f'a[href="{url}"]').count() >= 1
    # The details picker: typed into and chosen with Enter, no mouse.
    box = page.locator(".st-key-timeline_pick input")
    box.focus()
    page.keyboard.type(first["title"][:40])
    page.locator('[role="listbox"] [role="option"]').first.wait_for(timeout=10_000)  # open
    page.keyboard.press("Enter")
    wait_for_idle(page)
    details = page.locator(".st-key-timeline_details")
    details.wait_for(timeout=10_000)
    assert details.get_by_text(first["title"]).is_visible()
    citation = data.sources().set_index("footnote").loc[first["footnotes"][0], "citation"]
    assert details.get_by_text(citation[:40], exact=False).first.is_visible()
    assert_no_exception(page)


def test_search_box_is_bound_to_q(page, app_server):
    """Typing a search writes ?q= (Streamlit's binding, in the browser); a refused ?q= from a
    link is emptied from the box and the address bar, with its notice."""
    open_page(page, app_server, "timeline?partner=osce&q=%3Cb%3Eborder%3C/b%3E")
    box = page.locator(".st-key-q input")
    assert page.get_by_text("it looks like markup or code").is_visible()
    page.wait_for_function("() => !location.search.includes('q=')", timeout=10_000)
    assert box.input_value() == ""
    assert query(page) == {"partner": ["osce"]}
    box.fill("workshop")
    box.press("Enter")
    wait_for_idle(page)
    page.wait_for_function("() => location.search.includes('q=workshop')", timeout=10_000)
    assert query(page) == {"partner": ["osce"], "q": ["workshop"]}
    main = page.locator('[data-testid="stMain"]')
    assert main.get_by_text(
        count_text(partners=("osce",), text="workshop"), exact=True
    ).is_visible()
    assert_no_exception(page)
