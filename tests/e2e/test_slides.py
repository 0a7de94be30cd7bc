"""Every kind of slide in real Chromium, one page load a slide (the deck's slides: one load of
the deck player, then Next), measured at 1920x1080 and at 1280x720 (a resize of the same
window, which re-applies the zoom media queries):

- it fits one screen: no scrolling, the slide frame zoomed to the screen;
- its type is legible: HTML text >= MIN_HTML_PX and chart text >= MIN_CHART_PX at the 1080p
  design size, measured in the DOM;
- nothing shows only on hover: hovering a chart opens no tooltip;
- the briefing controls ("Add to deck", the language button, "Exit briefing") sit inside
  the screen, apart from each other, over none of the slide's text and not over the deck's
  navigation, in both languages (Russian labels are longer);
- axe-core reports no WCAG 2.1 A/AA violation (issue 17: every slide).

The slides: the ready-made regional briefing presented as a deck (its counter reads
"n / N"), the terrorism-index parts (one chart each), the longest references part (every
listed footnote ends inside the frame) and the timeline's parts, some in Russian.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from components import data
from components import deck_view as DV
from components import sources_view as sv
from components.i18n import Translator
from components.slides import MIN_CHART_PX, MIN_HTML_PX
from components.vocab import PAGE_TITLES, PART_TITLES
from tests.support import axe
from tests.support.browser import (
    assert_no_exception,
    assert_no_external_requests,
    close_page,
    new_guarded_page,
    wait_for_idle,
)
from tests.support.slides import HIDDEN_KEYS, MEASURE_JS, screens

DECK = DV.regional_briefing()
DECK_QUERY = f"present=1&deck={quote(DECK.encode(), safe='')}"
TIMELINE_RU = "Хронология инициатив"
ANY_CHARTS = range(1, 10)


@dataclass(frozen=True)
class Case:
    id: str
    path: str  # page?query, presenting
    charts: range = ANY_CHARTS  # how many Vega-Lite charts (svg.marks) the slide shows
    in_deck: bool = False  # presenting a deck: a counter, and no "Add to deck"
    counter: str = ""
    title: str = ""  # in the slide's heading
    bars: bool = False  # hover over bars, not just the chart
    footnotes: bool = False  # a references slide: its last footnote ends inside the frame


def _deck_cases() -> list[Case]:
    """Every slide of the deck in the deck page's player, walked with Next in one page load
    (`test_the_deck_in_the_player`)."""
    n = len(DECK)
    return [
        Case(
            f"deck-{i}-{slide.page}",
            f"deck?{DECK_QUERY}&slide={i}",
            charts=range(1) if slide.page == "overview" else ANY_CHARTS,
            in_deck=True,
            counter=f"{i} / {n}",
        )
        for i, slide in enumerate(DECK.slides, start=1)
    ]


DECK_CASES = _deck_cases()
# A deck link to a slide's own page (an older link's form: the page's slide, its own
# controls, the deck's navigation).
LAST = DECK.slides[-1]
LINK_QUERY = "".join(f"&{k}={quote(v, safe='')}" for k, v in LAST.query.items())


def _longest_sources_part(lang: str) -> int:
    """The references part with the most text in a language (``"&lang=ru"`` or ``""``)."""
    tr = Translator("ru" if lang else "en")
    parts = sv.slides(sv.build(data.sources(tr.lang), tr=tr), tr=tr)
    sizes = [sum(len(b.body) for col in p.columns for b in col) for p in parts]
    return sizes.index(max(sizes)) + 1


NO_CHART, ONE_CHART = range(1), range(1, 2)
CASES = [
    Case(
        f"deck-link-{LAST.page}",
        f"{LAST.page}?{DECK_QUERY}&slide={len(DECK)}{LINK_QUERY}",
        in_deck=True,
        counter=f"{len(DECK)} / {len(DECK)}",
    ),
    Case("deck-1-ru", f"deck?{DECK_QUERY}&slide=1&lang=ru", NO_CHART, True, f"1 / {len(DECK)}"),
    # Presenting one view, not a deck: "Add to deck" joins the controls (in Russian, whose
    # labels run longest).
    Case("overview-ru", "?present=1&lang=ru", NO_CHART),
    # Every state in Russian, whose words run longest (the deck walks them in English).
    *(
        Case(f"countries-{iso}-ru", f"countries?country={iso}&present=1&lang=ru")
        for iso in data.CENTRAL_ASIA
    ),
    # The regional deck has the scores part; the other terrorism-index parts, and a
    # selection, which adds derived rows.
    *(
        Case(f"gti-{part}", f"gti?present=1&part={part}", ONE_CHART, bars=True)
        for part in PART_TITLES["gti"]
        if part != "scores"
    ),
    Case(
        "gti-selection",
        "gti?present=1&part=region_changes&countries=KAZ,RUS",
        ONE_CHART,
        bars=True,
    ),
    # The references parts share one layout; the longest one in each language is the one
    # that could overflow.
    *(
        Case(
            f"sources{lang and '-ru'}-{part}",
            f"sources?present=1&part={part}{lang}",
            NO_CHART,
            footnotes=True,
        )
        for lang, part in ((lang, _longest_sources_part(lang)) for lang in ("", "&lang=ru"))
    ),
    Case("sources-osce", "sources?present=1&q=osce", NO_CHART, footnotes=True),
    # The timeline's parts in Russian, where every title and note runs longer; part 2
    # (three flag notes) in English too, and a filtered one.
    *(
        Case(f"timeline-ru-{part}", f"timeline?present=1&part={part}&lang=ru", title=TIMELINE_RU)
        for part in (1, 2, 3)
    ),
    Case("timeline-2", "timeline?present=1&part=2", title=PAGE_TITLES["timeline"]),
    Case("timeline-osce-ru", "timeline?lang=ru&partner=osce&present=1&part=1", title=TIMELINE_RU),
]

CONTROLS = (
    ".st-key-deck_add button",
    ".st-key-lang_briefing button",
    ".st-key-present_exit button",
)
# Every line box of the slide's text that a control's box would cover.
COVERED_TEXT_JS = """(controls) => {
  const boxes = controls.map(s => document.querySelector(s).getBoundingClientRect());
  const frame = document.querySelector('.st-key-slide_frame');
  const walker = document.createTreeWalker(frame, NodeFilter.SHOW_TEXT);
  const hits = [];
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.textContent.trim()) continue;
    const range = document.createRange(); range.selectNodeContents(node);
    for (const r of range.getClientRects()) {
      for (const b of boxes) {
        if (r.left < b.right && b.left < r.right && r.top < b.bottom && b.top < r.bottom)
          hits.push(node.textContent.trim().slice(0, 60));
      }
    }
  }
  return hits;
}"""


def _overlap(a: dict, b: dict) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


def _check(page, case: Case, others, width: int, height: int) -> None:
    """Measure the slide on screen now at its size, then at the `others` (resizes)."""
    first = True
    for size in [None, *others]:
        if size is not None:
            width, height = size
            page.set_viewport_size({"width": width, "height": height})
        _settle(page, case)
        at = f"{case.id} at {width}x{height}"
        _fits_and_reads(page, case, width, height, at)
        _controls_apart(page, case, width, at)
        if first:  # hover behaviour does not depend on the screen's size
            _nothing_on_hover(page, case, at)
            first = False
        assert_no_exception(page)
    found = axe.violations(page)
    assert not found, f"axe WCAG 2.1 A/AA violations on {case.id}:\n{axe.report(found)}"


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_slide_fits_reads_and_passes_axe(app_server, browser, shared_context, case: Case) -> None:
    (width, height), *others = screens(CASES.index(case))
    viewport = {"width": width, "height": height}
    page = new_guarded_page(browser, viewport, context=shared_context)
    try:
        page.goto(app_server.page_url(case.path))
        _check(page, case, others, width, height)
        assert_no_external_requests(page)
    finally:
        close_page(page)


def test_the_deck_in_the_player(app_server, browser, shared_context) -> None:
    """The regional deck presented in the player: one page load, then Next (a fragment run)
    to every slide, each measured as above at both screen sizes."""
    page = new_guarded_page(browser, context=shared_context)
    try:
        page.goto(app_server.page_url(DECK_CASES[0].path))
        for i, case in enumerate(DECK_CASES):
            if i:
                page.locator(".st-key-deck_next button").first.click()
                counter = page.locator(".st-key-deck_counter")
                expect(counter).to_have_text(case.counter, timeout=60000)
            (width, height), *others = screens(i)
            page.set_viewport_size({"width": width, "height": height})
            _check(page, case, others, width, height)
        assert_no_external_requests(page)
    finally:
        close_page(page)


def _settle(page, case: Case) -> None:
    wait_for_idle(page, 60000)
    page.wait_for_selector(".st-key-slide_source")
    if case.charts.start:
        page.wait_for_selector(".st-key-slide_frame svg.marks")
    # The zoom and Vega's re-render after a resize land within a frame or two.
    page.wait_for_timeout(200)


def _fits_and_reads(page, case: Case, width: int, height: int, at: str) -> None:
    if case.counter:
        assert page.locator(".st-key-deck_counter").inner_text().strip() == case.counter, at
    if case.title:
        head = page.locator(".st-key-slide_head h2").inner_text().lower()
        assert case.title.lower() in head, (at, head)
    m = page.evaluate(MEASURE_JS, HIDDEN_KEYS)
    se_h, se_c, main_h, main_c = m["scroll"]
    assert se_h <= se_c and main_h <= main_c, (at, m)  # no scrolling
    assert m["zoom"] == pytest.approx(min(width / 1920, height / 1080), abs=0.03), at
    assert m["html"] >= MIN_HTML_PX, (at, m)  # sizes at the 1080p design size
    assert m["charts"] in case.charts, (at, m)
    if m["charts"]:
        assert m["svg"] >= MIN_CHART_PX, (at, m)
    if case.footnotes:  # every listed footnote ends inside the frame, none under an overflow
        frame = page.locator(".st-key-slide_frame")
        box = frame.bounding_box()
        last = frame.locator("strong").last.bounding_box()
        assert last["y"] + last["height"] <= box["y"] + box["height"], (at, last, box)


def _controls_apart(page, case: Case, width: int, at: str) -> None:
    shown = [sel for sel in CONTROLS if page.locator(sel).count()]
    assert len(shown) == (2 if case.in_deck else 3), (at, shown)
    boxes = [page.locator(sel).first.bounding_box() for sel in shown]
    assert all(boxes), (at, boxes)
    for i, a in enumerate(boxes):
        assert 0 <= a["x"] and a["x"] + a["width"] <= width and a["y"] >= 0, (at, shown[i], a)
        for j, b in enumerate(boxes[i + 1 :], start=i + 1):
            assert not _overlap(a, b), (at, shown[i], a, shown[j], b)
    assert page.evaluate(COVERED_TEXT_JS, shown) == [], at
    if case.in_deck:  # nor the deck's navigation at the bottom right
        nav = page.locator(".st-key-deck_nav").bounding_box()
        assert nav and not any(_overlap(nav, b) for b in boxes), (at, nav, boxes)


def _nothing_on_hover(page, case: Case, at: str) -> None:
    """Streamlit's Vega theme would show a datum's fields on hover: a slide must not."""
    if not case.charts.start:
        return
    if case.bars:
        rects = page.locator(".st-key-slide_frame g.mark-rect path").all()
        boxes = [b for b in (r.bounding_box() for r in rects) if b]
        boxes = [b for b in boxes if b["width"] > 2 and b["height"] > 2]  # not 0-wide
        assert boxes, at
        points = [(b["x"] + b["width"] / 2, b["y"] + b["height"] / 2) for b in boxes]
        points = points[:: max(1, len(points) // 6)]
    else:
        box = page.locator(".st-key-slide_frame svg.marks").first.bounding_box()
        points = [(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)]
    for x, y in points:
        page.mouse.move(x, y)
        page.wait_for_timeout(150)
        assert not page.locator("#vg-tooltip-element.visible").count(), (at, x, y)
    page.mouse.move(0, 0)
