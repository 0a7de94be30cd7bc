"""Screenshots of every page and briefing slide, in English and Russian, at 1920x1080 and
1280x720: ``make screenshots``.

Starts the app on a free loopback port (``CA_DASHBOARD_DATA_DIR`` etc. pass through), opens
each view below in Debian's headless Chromium with the network guard, waits until the app
is idle and writes ``artifacts/screenshots/<view>-<width>.png``. A view that shows an
exception or makes an external request is reported and the script exits 1 (the picture is
still written, so the failure can be looked at).

    .venv/bin/python -m scripts.screenshots               # every view, both sizes
    .venv/bin/python -m scripts.screenshots countries     # views whose name starts so
    .venv/bin/python -m scripts.screenshots ru-           # the Russian views only

Run it as a module from the repository root (``-m``), so ``scripts`` is importable.
Screenshots are artifacts for people (README images, before/after comparisons), not tests.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from components.vocab import PART_TITLES
from scripts.browser import (
    SCREENSHOT_DIR,
    app_routes,
    assert_no_exception,
    assert_no_external_requests,
    launch_app_server,
    launch_chromium,
    new_guarded_page,
    screenshot,
    wait_for_idle,
)

SIZES = ((1920, 1080), (1280, 720))


def views() -> list[tuple[str, str]]:
    """(name, url path with query): every routed page, then states a link can open."""
    out = [(path or "overview", path) for path in app_routes()]
    out += [
        ("overview-briefing", "?present=1"),
        ("countries-UZB", "countries?country=UZB"),
        ("countries-UZB-briefing", "countries?country=UZB&present=1"),
        ("gti-highlight", "gti?countries=TJK,UZB"),
        ("approaches-cell", "approaches?country=KAZ&approach=reintegration"),
        ("timeline-osce", "timeline?partner=osce"),
    ]
    out += [(f"slide-{n}", path) for n, path in _regional_slides()]
    out += [
        (f"slide-{page}-{part}", f"{page}?part={part}&present=1")
        for page, parts in PART_TITLES.items()
        for part in parts
        if page != "map"  # both map parts are in the regional deck
    ]
    out += [("slide-timeline", "timeline?present=1"), ("slide-sources", "sources?present=1")]
    # the same views in Russian (?lang=ru): Russian runs 20-30% longer, so every one is
    # looked at for overflow and missing glyphs
    out += [(f"ru-{name}", _with(path, "lang=ru")) for name, path in list(out)]
    return out


def _with(path: str, param: str) -> str:
    return f"{path}{'&' if '?' in path else '?'}{param}"


def _regional_slides() -> list[tuple[int, str]]:
    """Every slide of the ready-made regional deck, as a presenting link."""
    from urllib.parse import urlencode

    from components import deck_view

    deck = deck_view.regional_briefing()
    return [
        (n, f"{s.page}?{urlencode(dict(s.params) | {'present': '1'})}")
        for n, s in enumerate(deck.slides, start=1)
    ]


def main(argv: Sequence[str]) -> int:
    from playwright.sync_api import sync_playwright

    wanted = [v for v in views() if not argv or any(v[0].startswith(a) for a in argv)]
    if not wanted:
        print(f"no view matches {list(argv)}; views: {[v[0] for v in views()]}", file=sys.stderr)
        return 2
    failures: list[str] = []
    server = launch_app_server()
    try:
        with sync_playwright() as pw:
            browser = launch_chromium(pw)
            for width, height in SIZES:
                page = new_guarded_page(browser, viewport={"width": width, "height": height})
                try:
                    for name, path in wanted:
                        page.goto(server.page_url(path))
                        wait_for_idle(page, timeout=60000)
                        shot = screenshot(page, f"{name}-{width}")
                        print(shot.relative_to(SCREENSHOT_DIR.parents[1]))
                        try:
                            assert_no_exception(page)
                            assert_no_external_requests(page)
                        except AssertionError as exc:
                            failures.append(f"{name}-{width}: {exc}")
                finally:
                    page.context.close()
            browser.close()
    finally:
        server.stop()
    for failure in failures:
        print(f"FAILED {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
