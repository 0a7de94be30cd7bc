"""End-to-end: the Map page in real headless Chromium, drawn offline and used offline."""

from __future__ import annotations

import io

from PIL import Image
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from components import data
from components import map_deck as md
from components import map_view as mv
from tests.support.browser import (
    assert_no_exception,
    assert_no_external_requests,
    wait_for_idle,
)

CANVAS = '[data-testid="stDeckGlJsonChart"] canvas'
GEO_C, GEO_P, GEO_B = data.geo("geo_countries"), data.geo("geo_provinces"), data.geo("geo_borders")
VIEW = md.view_for(GEO_C, GEO_P, data.CENTRAL_ASIA)
CLOSE = md.border_view(GEO_P, GEO_B)


def blended(rgba) -> tuple[int, int, int]:
    """A deck.gl fill as it looks over the page's white background."""
    a = rgba[3] / 255
    return tuple(round(c * a + 255 * (1 - a)) for c in rgba[:3])


def has_colour(img: Image.Image, rgb, tol: int = 10, min_pixels: int = 200) -> bool:
    n = 0
    for (r, g, b), count in ((px[:3], c) for c, px in img.getcolors(maxcolors=1 << 20)):
        if abs(r - rgb[0]) <= tol and abs(g - rgb[1]) <= tol and abs(b - rgb[2]) <= tol:
            n += count
    return n >= min_pixels


def canvas_image(page) -> Image.Image:
    page.wait_for_selector(CANVAS, state="visible", timeout=30000)
    page.wait_for_timeout(1500)  # let deck.gl draw its first frames
    return Image.open(io.BytesIO(page.locator(CANVAS).first.screenshot())).convert("RGB")


def screen_point(page, lon: float, lat: float, view: dict = VIEW) -> tuple[float, float]:
    box = page.locator(CANVAS).first.bounding_box()
    x, y = md.project(lon, lat, view, box["width"], box["height"])
    return box["x"] + x, box["y"] + y


def click_canvas(page, x: float, y: float, hovered: str, until, attempts: int = 8) -> None:
    """Click the map at (x, y), once deck.gl has picked `hovered` there, until `until` shows.

    deck.gl takes a press as a click only if its tap recogniser sees the button come
    up within 250 ms, timed when each event is handled. On pointerdown deck.gl first
    picks synchronously, which takes about 150 ms in the software WebGL used here;
    with the two cores saturated, the gap grew to 240-430 ms (measured), and the press
    was dropped as a long one (seen in CI: the tooltip showed, no selection followed).
    A person clicks again; so does this, at most `attempts` times. If clicking never
    selects, the test still fails.
    """
    page.mouse.move(x, y)  # deck.gl picks on hover first; a bare click can arrive before it
    page.locator(".deck-tooltip").filter(has_text=hovered).wait_for(state="visible", timeout=15000)
    for attempt in range(attempts):
        page.mouse.click(x, y)
        wait_for_idle(page)
        try:
            until.wait_for(state="visible", timeout=3000)
            return
        except PlaywrightTimeoutError:
            if attempt == attempts - 1:
                raise


def label_pos(fc: dict, key: str, value: str) -> list[float]:
    return next(
        md.label_point(f["geometry"]) for f in fc["features"] if f["properties"][key] == value
    )


def test_the_map_draws_frames_and_selects_offline(page, app_server):
    """One load of /map (a map load is the suite's costliest, deck.gl in software WebGL):

    1. it draws a non-blank canvas at 1920x1080 and, the window shrunk, at 1280x720, with
       the score colours and the 'no score' grey;
    2. the close-up framing draws too, and hovering Badakhshan shows its note as plain text;
    3. back in the region framing, clicking Kazakhstan (pydeck selection, on_select) shows
       its summary under the map and a link that opens its country view.

    Every layer toggle is driven by key in AppTest; in Chromium, test_partial_reruns.py
    toggles the incidents and switches the framing as a fragment rerun."""
    page.goto(app_server.page_url("map"))
    top = md.scale_top(data.gti_countries())
    for width, height in ((1920, 1080), (1280, 720)):  # one load, then the window shrinks
        page.set_viewport_size({"width": width, "height": height})
        wait_for_idle(page)
        img = canvas_image(page)
        assert_no_exception(page)

        at = f"{width}x{height}"
        w, h = img.size
        assert w > 300 and h > 300, at
        colours = img.getcolors(maxcolors=1 << 20)
        assert len(colours) > 50, f"{at}: canvas has almost no distinct colours: nothing drawn"
        white = sum(c for c, px in colours if min(px) >= 250)
        assert white < 0.5 * w * h, f"{at}: canvas is mostly background"
        # Kazakhstan's 0.000 colour and the 'no score' grey are both drawn, and differ.
        assert has_colour(img, blended(md.score_color(0.0, top))), at
        assert has_colour(img, blended(md.NO_SCORE_FILL)), at
        assert has_colour(img, blended(md.score_color(top, top))), at  # Russia, the top
    page.set_viewport_size({"width": 1920, "height": 1080})

    framing = page.locator(".st-key-map_view")
    framing.get_by_text(mv.CLOSE_UP).click()
    wait_for_idle(page)
    img = canvas_image(page)
    assert len(img.getcolors(maxcolors=1 << 20)) > 50
    page.mouse.move(*screen_point(page, *label_pos(GEO_P, "id", "AF-BDS"), view=CLOSE))
    tip = page.locator(".deck-tooltip")
    tip.wait_for(state="visible", timeout=10000)
    assert "Badakhshan province" in tip.inner_text()
    assert "difficult and strained" in tip.inner_text()
    assert tip.locator("script, img").count() == 0
    assert_no_exception(page)

    framing.get_by_text(mv.REGION, exact=True).click()
    wait_for_idle(page)
    canvas_image(page)
    x, y = screen_point(page, *label_pos(GEO_C, "iso3", "KAZ"))
    y += 40  # just below the label box, on Kazakhstan's fill
    main = page.locator('[data-testid="stMain"]')
    link = main.get_by_role("link", name="Open the country view for Kazakhstan")
    click_canvas(page, x, y, hovered="Kazakhstan", until=link)
    kaz = data.gti_countries().set_index("iso3").loc["KAZ"]
    assert f"GTI 2023 score: {kaz.score_2023:.3f}" in main.inner_text()
    link.click()
    wait_for_idle(page)
    assert "/countries" in page.url and "country=KAZ" in page.url
    assert "Kazakhstan" in main.inner_text()
    assert_no_exception(page)
    assert_no_external_requests(page)
