"""Briefing decks in real Chromium: the regional deck presented from the keyboard, and the
URL follows. Every slide of it is measured by tests/e2e/test_slides.py."""

from __future__ import annotations

from urllib.parse import parse_qs, quote, urlparse

from components import deck_view as DV
from tests.support.browser import assert_no_exception, wait_for_idle

DECK = DV.regional_briefing()


def _query(url: str) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(urlparse(url).query).items()}


def _counter(page) -> str:
    return page.locator(".st-key-deck_counter").inner_text()


def _press(page, key: str) -> None:
    page.keyboard.press(key)
    page.wait_for_timeout(200)
    wait_for_idle(page, 60000, 600)


def test_regional_deck_from_the_keyboard(app_server, page) -> None:
    n = len(DECK)
    page.goto(app_server.page_url(f"?present=1&deck={quote(DECK.encode())}"))
    wait_for_idle(page, 60000, 600)
    assert _counter(page) == f"1 / {n}"
    _press(page, "PageDown")  # what a presentation clicker sends
    q = _query(page.url)
    assert urlparse(page.url).path.endswith("/map") and q["slide"] == "2" and q["present"] == "1"
    assert q["deck"] == DECK.encode() and _counter(page) == f"2 / {n}"
    _press(page, "ArrowRight")
    q = _query(page.url)
    assert urlparse(page.url).path.endswith("/map") and q["part"] == "border" and q["slide"] == "3"
    _press(page, "ArrowLeft")
    q = _query(page.url)  # the map's first slide: the frame records its part in the URL
    assert q["slide"] == "2" and q.get("part", "region") == "region"
    _press(page, "End")
    q = _query(page.url)
    assert urlparse(page.url).path.endswith("/countries") and q["country"] == "TKM"
    assert _counter(page) == f"{n} / {n}"
    _press(page, "PageUp")
    assert _query(page.url)["country"] == "KGZ" and _counter(page) == f"{n - 1} / {n}"
    _press(page, "Home")
    assert _query(page.url)["slide"] == "1" and _counter(page) == f"1 / {n}"
    _press(page, "Escape")  # leaves presenting, keeps the deck
    q = _query(page.url)
    assert "present" not in q and q["deck"] == DECK.encode()
    assert page.locator(".st-key-deck_nav").count() == 0
    assert_no_exception(page)
