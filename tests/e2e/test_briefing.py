"""Briefing decks in real Chromium: the regional deck presented from the keyboard in the deck
page's player, and the URL follows. Every slide of it is measured by
tests/e2e/test_slides.py."""

from __future__ import annotations

from urllib.parse import parse_qs, quote, urlparse

import pytest

from components import deck_slides
from components import deck_view as DV
from tests.support.browser import assert_no_exception, wait_for_idle
from tests.support.reruns import FRAGMENT, RunRecorder

DECK = DV.regional_briefing()

# Briefing pages that show no slide: each draws its page in the briefing type and spacing.
NO_SLIDE = (
    "countries?present=1",  # the country chooser
    "countries?present=1&country=XXX",  # a notice, then the chooser
    "deck?present=1",  # an empty deck
    "timeline?q=zzzz&present=1",  # a filter that leaves nothing: a count, the filter, a notice
)
# The element boxes checked, and pairs of them where the visible text of one reaches more than
# a pixel into the other's box (once the page's fonts are in).
COVERED_JS = """async () => {
  await document.fonts.ready;
  const boxes = [...document.querySelectorAll('[data-testid=stMain] [data-testid=stElementContainer]')]
    .filter(e => e.offsetParent && !e.querySelector('[data-testid=stElementContainer]')
                 && !e.closest('.st-key-briefing_bar, .st-key-lang_briefing'));
  const text = (e) => {
    const out = [], walk = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
    while (walk.nextNode()) {
      const node = walk.currentNode;
      if (!node.textContent.trim() || getComputedStyle(node.parentElement).visibility !== 'visible') continue;
      const range = document.createRange(); range.selectNodeContents(node);
      out.push(...range.getClientRects());
    }
    return out;
  };
  const into = (r, b) => Math.min(r.right, b.right) - Math.max(r.left, b.left) > 1
    && Math.min(r.bottom, b.bottom) - Math.max(r.top, b.top) > 1;
  const name = (e) => e.innerText.trim().slice(0, 40);
  return [boxes.length, boxes.flatMap(a => boxes.filter(b => b !== a)
    .filter(b => text(a).some(r => into(r, b.getBoundingClientRect())))
    .map(b => `${name(a)} -> ${name(b)}`))];
}"""


def _query(url: str) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(urlparse(url).query).items()}


def _counter(page) -> str:
    return page.locator(".st-key-deck_counter").inner_text()


def _press(page, key: str, recorder: RunRecorder) -> list[int]:
    """Press ``key``; once its run has finished and the page is idle, the run's statuses."""
    mark = recorder.mark()
    page.keyboard.press(key)
    assert recorder.wait_finished(mark), f"{key}: no run"
    wait_for_idle(page, 60000)
    return recorder.finished(mark)


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720)], ids=["1080p", "720p"])
@pytest.mark.parametrize("path", NO_SLIDE)
def test_a_briefing_page_without_a_slide_covers_none_of_its_text(app_server, page, path, size):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(app_server.page_url(path))
    wait_for_idle(page, 60000)
    assert page.locator(".st-key-slide_frame").count() == 0, "a slide, not a page without one"
    checked, covered = page.evaluate(COVERED_JS)
    assert checked >= 4, f"/{path}: only {checked} elements found to check"
    assert covered == [], f"/{path}: text under another element"
    assert_no_exception(page)


def _heading(page) -> str:
    return page.locator(".st-key-slide_head h2").inner_text().strip()


def test_regional_deck_from_the_keyboard(app_server, page) -> None:
    """From a deck link to its first slide's page, the clicker's first key opens the deck
    page's player; then every key moves the player: a fragment run (the page frame is
    neither rerun nor re-sent; tests/support/reruns.py reads the websocket) that changes
    the slide's heading and the counter, and the URL's ``slide`` follows. Esc leaves on
    the shown slide's own page, keeping the deck."""
    n = len(DECK)
    titles = [deck_slides.slide_of(s).title.replace("\\", "") for s in DECK.slides]  # shown
    recorder = RunRecorder(page)
    page.goto(app_server.page_url(f"?present=1&deck={quote(DECK.encode())}"))
    wait_for_idle(page, 60000, 600)
    assert _counter(page) == f"1 / {n}" and _heading(page) == titles[0]
    moves = [("PageDown", 2), ("ArrowRight", 3), ("ArrowLeft", 2), ("End", n)]
    moves += [("PageUp", n - 1), ("Home", 1), ("End", n), ("ArrowLeft", n - 1)]
    for i, (key, number) in enumerate(moves):
        finished = _press(page, key, recorder)
        if i:  # the first key switches from the slide's page to the player
            assert set(finished) == {FRAGMENT}, (key, finished)
        q = _query(page.url)
        assert urlparse(page.url).path.endswith("/deck"), (key, page.url)
        assert q["slide"] == str(number) and q["present"] == "1" and q["deck"] == DECK.encode()
        assert _counter(page) == f"{number} / {n}" and _heading(page) == titles[number - 1]
    _press(page, "Escape", recorder)  # leaves presenting on slide n-1's page, keeps the deck
    q = _query(page.url)
    assert urlparse(page.url).path.endswith("/countries") and q["country"] == "KGZ"
    assert "present" not in q and q["deck"] == DECK.encode()
    assert page.locator(".st-key-deck_nav").count() == 0
    assert_no_exception(page)
