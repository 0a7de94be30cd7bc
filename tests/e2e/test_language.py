"""End-to-end (issue 19): in briefing mode the briefing controls ("Add to deck", the language
button, "Exit briefing") sit apart in both languages at 1920x1080 and 1280x720 (Russian
labels are longer), inside the screen, and over none of the slide's text."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from components import deck_view as DV
from tests.support.browser import assert_no_exception, new_guarded_page, wait_for_idle

CONTROLS = (
    ".st-key-deck_add button",
    ".st-key-lang_briefing button",
    ".st-key-present_exit button",
)
# Presenting a deck: no "Add to deck"; the language shares the top row with "Exit briefing".
DECK = DV.regional_briefing()
DECK_PATH = f"?present=1&deck={quote(DECK.encode(), safe='')}&slide=1"

# Every line box of text on the slide that a control's box would cover.
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


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720)], ids=["1080p", "720p"])
@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize(
    "path", ["?present=1", "countries?country=UZB&present=1", DECK_PATH], ids=["one", "uzb", "deck"]
)
def test_briefing_controls_overlap_nothing(app_server, browser, path, lang, size):
    width, height = size
    page = new_guarded_page(browser, viewport={"width": width, "height": height})
    try:
        page.goto(app_server.page_url(f"{path}&lang={lang}"))
        wait_for_idle(page, 60000, 800)
        page.wait_for_selector(".st-key-slide_frame")
        page.wait_for_timeout(500)
        assert_no_exception(page)
        shown = [sel for sel in CONTROLS if page.locator(sel).count()]
        assert len(shown) == (2 if path == DECK_PATH else 3), shown
        boxes = [page.locator(sel).first.bounding_box() for sel in shown]
        assert all(boxes), boxes
        for i, a in enumerate(boxes):
            assert 0 <= a["x"] and a["x"] + a["width"] <= width and a["y"] >= 0, (shown[i], a)
            for j, b in enumerate(boxes[i + 1 :], start=i + 1):
                assert not _overlap(a, b), (shown[i], a, shown[j], b)
        assert page.evaluate(COVERED_TEXT_JS, shown) == []
        if path == DECK_PATH:  # nor the deck's navigation at the bottom right
            nav = page.locator(".st-key-deck_nav").bounding_box()
            assert nav and not any(_overlap(nav, b) for b in boxes), (nav, boxes)
    finally:
        page.context.close()


def test_two_browsers_in_two_languages_at_the_same_time(app_server, browser):
    """Two sessions whose scripts run at the same moment on one server (Streamlit runs each
    session's script in its own thread): each opens the country views in its language, and
    both then step to the sources page by a sidebar link that carries no ?lang. A language
    kept in a module global would show one viewer the other's."""
    pages = {lang: new_guarded_page(browser) for lang in ("ru", "en")}
    try:
        for lang, page in pages.items():  # both requests go out before either is waited on
            page.goto(app_server.page_url(f"countries?lang={lang}"), wait_until="commit")
        for page in pages.values():
            wait_for_idle(page, timeout=60000)
        heads = {lang: page.locator("h1").first.inner_text() for lang, page in pages.items()}
        assert heads == {"ru": "Страны", "en": "Country views"}
        for page in pages.values():  # the sidebar's sources link, clicked in both at once
            page.locator('[data-testid="stSidebarNav"] a[href$="/sources"]').click()
        for page in pages.values():
            wait_for_idle(page, timeout=60000)
            assert_no_exception(page)
        heads = {lang: page.locator("h1").first.inner_text() for lang, page in pages.items()}
        assert heads["ru"].startswith("Источники") and heads["en"].startswith("Sources")
        assert "lang=ru" in pages["ru"].url and "lang=" not in pages["en"].url
    finally:
        for page in pages.values():
            page.context.close()
