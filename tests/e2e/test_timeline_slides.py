"""The timeline's slides in real Chromium: each fits one screen at 1920x1080
and 1280x720 (no scrolling), with HTML text >= 22 px and chart text >= 18 px at the 1080p
design size, and nothing that shows only on hover (one page load a slide, measured at both
sizes)."""

from __future__ import annotations

import pytest

from components.slides import MIN_CHART_PX, MIN_HTML_PX
from components.vocab import PAGE_TITLES
from tests.support.browser import assert_no_exception, new_guarded_page, wait_for_idle
from tests.support.slides import HIDDEN_KEYS, MEASURE_JS, screens

CHARTS = {"timeline": 1}  # Vega-Lite charts each slide must show
TITLES = {
    # The map's slides and the overview's are in the regional deck (test_briefing.py); the
    # timeline's: the first and last of the whole list, and a filtered one.
    ("timeline", "1"): PAGE_TITLES["timeline"],
    ("timeline", "3"): PAGE_TITLES["timeline"],
    ("timeline?partner=osce", "1"): PAGE_TITLES["timeline"],
    # slide 2 carries three flag notes; in Russian every title and note runs longer
    ("timeline", "2"): PAGE_TITLES["timeline"],
    ("timeline?lang=ru", "1"): "Хронология инициатив",
    ("timeline?lang=ru", "2"): "Хронология инициатив",
    ("timeline?lang=ru", "3"): "Хронология инициатив",
    ("timeline?lang=ru&partner=osce", "1"): "Хронология инициатив",
}
SLIDES = list(TITLES)


@pytest.mark.parametrize(("page_name", "part"), SLIDES, ids=[f"{p}-{q}" for p, q in SLIDES])
def test_slide_fits_one_screen_with_legible_type(app_server, browser, page_name, part):
    (width, height), *others = screens(SLIDES.index((page_name, part)))
    page = new_guarded_page(browser, viewport={"width": width, "height": height})
    try:
        joiner = "&" if "?" in page_name else "?"
        page.goto(app_server.page_url(f"{page_name}{joiner}present=1&part={part}"))
        for size in [None, *others]:  # loaded at the first screen, then resized to the other
            if size is not None:
                width, height = size
                page.set_viewport_size({"width": width, "height": height})
            wait_for_idle(page, 60000, 800)
            page.wait_for_selector(".st-key-slide_source")
            charts = CHARTS[page_name.split("?")[0]]
            if charts:
                page.wait_for_selector(".st-key-slide_frame svg.marks")
            page.wait_for_timeout(500)
            at = f"{width}x{height}"
            assert (
                TITLES[page_name, part].lower()
                in page.locator(".st-key-slide_head h2").inner_text().lower()
            ), at
            m = page.evaluate(MEASURE_JS, HIDDEN_KEYS)
            se_h, se_c, main_h, main_c = m["scroll"]
            assert se_h <= se_c and main_h <= main_c, (at, m)  # no scrolling
            assert m["charts"] >= charts, (at, m)
            assert m["zoom"] == pytest.approx(min(width / 1920, height / 1080), abs=0.03), at
            assert m["html"] >= MIN_HTML_PX, (at, m)  # sizes at the 1080p design size
            if m["charts"]:
                assert m["svg"] >= MIN_CHART_PX, (at, m)
                chart = page.locator(".st-key-slide_frame svg.marks").first
                chart.hover()  # a map needs no hover: nothing pops up
                page.wait_for_timeout(300)
                assert not page.locator("#vg-tooltip-element.visible").count(), at
                page.mouse.move(0, 0)
            assert_no_exception(page)
    finally:
        page.context.close()
