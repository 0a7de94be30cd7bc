"""Briefing decks in real Chromium: the regional deck presented from the keyboard in the deck
page's player, and the URL follows. Every slide of it is measured by
tests/e2e/test_slides.py."""

from __future__ import annotations

from urllib.parse import parse_qs, quote, urlparse

from components import deck_slides
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


def _heading(page) -> str:
    return page.locator(".st-key-slide_head h2").inner_text().strip()


def test_regional_deck_from_the_keyboard(app_server, page) -> None:
    """From a deck link to its first slide's page, the clicker's first key opens the deck
    page's player; then every key moves the player (the slide's heading and the counter
    change, the URL's ``slide`` follows). Esc leaves on the shown slide's page."""
    n = len(DECK)
    titles = [deck_slides.slide_of(s).title.replace("\\", "") for s in DECK.slides]  # shown
    page.goto(app_server.page_url(f"?present=1&deck={quote(DECK.encode())}"))
    wait_for_idle(page, 60000, 600)
    assert _counter(page) == f"1 / {n}" and _heading(page) == titles[0]
    for key, number in [
        ("PageDown", 2),  # what a presentation clicker sends
        ("ArrowRight", 3),
        ("ArrowLeft", 2),
        ("End", n),
        ("PageUp", n - 1),
        ("Home", 1),
        ("End", n),
        ("PageUp", n - 1),
    ]:
        _press(page, key)
        q = _query(page.url)
        assert urlparse(page.url).path.endswith("/deck"), (key, page.url)
        assert q["slide"] == str(number) and q["present"] == "1" and q["deck"] == DECK.encode()
        assert _counter(page) == f"{number} / {n}" and _heading(page) == titles[number - 1]
    _press(page, "Escape")  # leaves presenting on slide n-1's page, keeps the deck
    q = _query(page.url)
    assert urlparse(page.url).path.endswith("/countries") and q["country"] == "KGZ"
    assert "present" not in q and q["deck"] == DECK.encode()
    assert page.locator(".st-key-deck_nav").count() == 0
    assert_no_exception(page)
