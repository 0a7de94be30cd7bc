"""Briefing decks in real Chromium: the regional deck presented from the keyboard (the URL
follows), and every slide of it fits one screen at 1920x1080 and 1280x720 with the minimum
type sizes measured in the DOM and nothing that shows only on hover (one page load a slide,
measured at both sizes)."""

from __future__ import annotations

from urllib.parse import parse_qs, quote, urlparse

import pytest

from components import deck_view as DV
from components.slides import MIN_CHART_PX, MIN_HTML_PX
from tests.support.browser import assert_no_exception, new_guarded_page, wait_for_idle
from tests.support.slides import HIDDEN_KEYS, MEASURE_JS, screens

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


@pytest.mark.parametrize("n", range(1, len(DECK) + 1))
def test_every_deck_slide_fits_one_screen_with_legible_type(app_server, browser, n):
    slide = DECK.slides[n - 1]
    query = {**slide.query, "present": "1", "deck": DECK.encode(), "slide": str(n)}
    path = slide.page + "?" + "&".join(f"{k}={quote(v, safe='')}" for k, v in query.items())
    (width, height), *others = screens(n)
    page = new_guarded_page(browser, viewport={"width": width, "height": height})
    try:
        page.goto(app_server.page_url(path))
        for size in [None, *others]:  # loaded at the first screen, then resized to the other
            if size is not None:
                width, height = size
                page.set_viewport_size({"width": width, "height": height})
            wait_for_idle(page, 60000, 800)
            page.wait_for_selector(".st-key-slide_source")
            if slide.page != "overview":  # every other slide of this deck draws a chart
                page.wait_for_selector(".st-key-slide_frame svg.marks")
            page.wait_for_timeout(500)
            at = f"slide {n} at {width}x{height}"
            assert _counter(page).strip() == f"{n} / {len(DECK)}", at
            m = page.evaluate(MEASURE_JS, HIDDEN_KEYS)
            se_h, se_c, main_h, main_c = m["scroll"]
            assert se_h <= se_c and main_h <= main_c, (at, m)  # no scrolling
            assert m["zoom"] == pytest.approx(min(width / 1920, height / 1080), abs=0.03), at
            # Sizes at the 1080p design size (the zoom scales them with the screen).
            assert m["html"] >= MIN_HTML_PX, (at, m)
            if m["charts"]:
                assert m["svg"] >= MIN_CHART_PX, (at, m)
                page.locator(".st-key-slide_frame svg.marks").first.hover()
                page.wait_for_timeout(300)
                assert not page.locator("#vg-tooltip-element.visible").count(), at  # no hover info
                page.mouse.move(0, 0)
            assert_no_exception(page)
    finally:
        page.context.close()
