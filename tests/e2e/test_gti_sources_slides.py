"""The terrorism-index slides (one chart each) and the sources' references slides in real
Chromium: every part fits one screen at 1920x1080 and 1280x720, with HTML >= 22 px and
chart SVG text >= 18 px at 1080p measured in the DOM, and no hover-only information (one
page load a part, measured at both sizes)."""

from __future__ import annotations

import pytest

from components import data
from components import sources_view as sv
from components.slides import MIN_CHART_PX, MIN_HTML_PX
from components.vocab import PART_TITLES
from tests.support.browser import assert_no_exception, new_guarded_page, wait_for_idle
from tests.support.slides import HIDDEN_KEYS, MEASURE_JS, screens

N_SOURCE_PARTS = -(-len(data.sources()) // sv.SLIDE_SIZE)
PATHS = [
    *(f"gti?present=1&part={part}" for part in PART_TITLES["gti"]),
    "gti?present=1&part=region_changes&countries=KAZ,RUS",  # a selection adds derived rows
    *(f"sources?present=1&part={i}" for i in range(1, N_SOURCE_PARTS + 1)),
    "sources?present=1&q=osce",
]


@pytest.mark.parametrize("path", PATHS)
def test_slide_fits_one_screen_with_legible_type(app_server, browser, path) -> None:
    (width, height), *others = screens(PATHS.index(path))
    page = new_guarded_page(browser, viewport={"width": width, "height": height})
    try:
        page.goto(app_server.page_url(path))
        for size in [None, *others]:  # loaded at the first screen, then resized to the other
            if size is not None:
                width, height = size
                page.set_viewport_size({"width": width, "height": height})
            _fits(page, path, width, height)
    finally:
        page.context.close()


def _fits(page, path: str, width: int, height: int) -> None:
    at = f"{width}x{height}"
    wait_for_idle(page, 60000, 800)
    page.wait_for_selector(".st-key-slide_frame")
    if path.startswith("gti"):
        page.wait_for_selector(".st-key-slide_frame svg.marks")
    page.wait_for_timeout(500)
    m = page.evaluate(MEASURE_JS, HIDDEN_KEYS)
    se_h, se_c, main_h, main_c = m["scroll"]
    assert se_h <= se_c and main_h <= main_c, (at, m)  # no scrolling
    assert m["zoom"] == pytest.approx(min(width / 1920, height / 1080), abs=0.03), at
    assert m["html"] >= MIN_HTML_PX, (at, m)
    if path.startswith("gti"):
        assert m["charts"] == 1, (at, m)  # one chart per slide
        assert m["svg"] >= MIN_CHART_PX, (at, m)
        # Nothing on hover: no bar opens a tooltip (Streamlit would show the datum's fields).
        boxes = [
            b.bounding_box() for b in page.locator(".st-key-slide_frame g.mark-rect path").all()
        ]
        boxes = [b for b in boxes if b and b["width"] > 2 and b["height"] > 2]  # not 0-wide
        assert boxes, at
        for box in boxes[:: max(1, len(boxes) // 6)]:
            page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            page.wait_for_timeout(150)
            assert page.locator("#vg-tooltip-element.visible").count() == 0, (at, box)
        page.mouse.move(0, 0)
    else:
        assert m["charts"] == 0, (at, m)
        frame = page.locator(".st-key-slide_frame")
        box = frame.bounding_box()
        # Every listed footnote ends inside the frame (none hidden under an overflow).
        last = frame.locator("strong").last.bounding_box()
        assert last["y"] + last["height"] <= box["y"] + box["height"], (at, last, box)
    assert_no_exception(page)
