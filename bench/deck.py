"""Slide-to-slide time while presenting a deck, against the empty-page floor.

    .venv/bin/python bench/deck.py              # 3 passes through the regional briefing
    .venv/bin/python bench/deck.py --rounds 1   # quick smoke
    .venv/bin/python bench/deck.py --before main   # before (REF) and after, interleaved

Figures (medians, browser clock, headless Chromium at 1920x1080):
- next: click on the frame's Next button (what Right/PageDown press) -> idle on the next
  slide, per target slide: presenting starts on the deck page (``/deck?present=1&deck=``),
  whose player draws each slide in a fragment run (before issue 17's player, the deck page
  sent the first Next to the slide's page, and every slide was a page switch);
- floor: a sidebar click between two empty pages of the floor app (bench/_common.floor_app),
  the least any page switch costs on this machine and Streamlit version;
- library floor: a widget change that redraws one minimal Vega-Lite chart (the live library
  floor of bench/pages.py), the least a move to a slide with a chart costs.
Target (issue 17): moving between slides <= 2x the floor. ``--before REF`` also serves REF
(a temporary git worktree, as in bench/pages.py) and presents the same deck there, round by
round, so both see the same machine load.
Prints a table and writes bench/results/deck-<stamp>.json (and deck-latest.json).
"""

from __future__ import annotations

import argparse
import itertools
import tempfile
from pathlib import Path
from urllib.parse import quote

import _common as c

from components import deck_view as DV
from scripts.widgets import ACTIVITY_CLOCK_JS

NEXT_JS = """() => { const b = document.querySelector('.st-key-deck_next button');
  const t = performance.now(); b.click(); return t; }"""


def _next(page) -> float:
    page.locator(".st-key-deck_next button").first.wait_for(state="visible", timeout=60000)
    page.evaluate(ACTIVITY_CLOCK_JS)
    t0 = page.evaluate(NEXT_JS)
    return c.wait_idle(page, t0=t0, require_busy=True)["elapsed"]


def _name(slide) -> str:
    return slide.page + "".join(f" {v}" for _, v in slide.params)


def _present(page, server, deck, times: dict[str, list[float]], kinds: dict | None = None) -> None:
    """Step through the deck, timing each Next; or, given ``kinds``, record what each slide
    mounts instead (an untimed pass)."""
    c.deep_link(page, server.page_url(f"deck?present=1&deck={quote(deck.encode())}"))
    for target in deck.slides[1:]:
        elapsed = _next(page)
        if kinds is None:
            times.setdefault(_name(target), []).append(elapsed)
        else:
            kinds[_name(target)] = tuple(c.element_kinds(page)[0])


def _x(ms: float | None, floor_ms: float) -> str:
    return f"{c.fmt_ms(ms)} ({ms / floor_ms:.2f}x)" if ms is not None else "n/a"


def _rows(times: dict, library: dict, floor_ms: float) -> list[list[str]]:
    rows = [
        [name, _x(c.median(ts), floor_ms), _x(c.median(library.get(name, [])), floor_ms)]
        for name, ts in times.items()
    ]
    every = [t for ts in times.values() for t in ts]
    floors = [t for ts in library.values() for t in ts]
    rows.append(["all slides", _x(c.median(every), floor_ms), _x(c.median(floors), floor_ms)])
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--before", metavar="REF", help="also present the deck on this git ref")
    args = parser.parse_args()
    deck = DV.regional_briefing()
    times: dict[str, dict[str, list[float]]] = {"app": {}, "before": {}}
    floor_times: list[float] = []
    library: dict[str, list[float]] = {}  # slide -> its library floor's widget reruns
    with tempfile.TemporaryDirectory() as tmp, c.before_checkout(args.before) as before_dir:
        servers = {"app": c.start_server(), "floor": c.start_server(c.floor_app(Path(tmp)))}
        if before_dir is not None:
            servers["before"] = c.start_server(before_dir / "app.py", cwd=before_dir)
        try:
            with c.chromium() as browser:
                pages = {w: c.new_page(browser) for w in servers}
                for _ in range(2):  # a fresh server's first run is in legacy pages mode
                    for who, page in pages.items():
                        c.deep_link(page, servers[who].page_url(""))
                # An untimed pass: what each slide mounts, for its library floor. --before
                # gets one too, so that neither side's first timed round is its cold one.
                kinds: dict[str, tuple[str, ...]] = {}
                _present(pages["app"], servers["app"], deck, {}, kinds)
                if "before" in servers:
                    _present(pages["before"], servers["before"], deck, {})
                combos = {name: (k, "selectbox") for name, k in kinds.items()}
                live = c.live_library_app(Path(tmp) / "live", combos.values())
                servers["library"] = c.start_server(live)
                pages["library"] = c.new_page(browser)
                widget = c.Widget(c.LIVE_WIDGET_KEY, "selectbox")
                for combo in set(combos.values()):  # warm-up, not counted
                    c.deep_link(pages["library"], servers["library"].page_url(c.live_path(*combo)))
                    c.widget_rerun(pages["library"], widget)
                paths = itertools.cycle([p for p in c.PAGES if p][:4])
                for n in range(args.rounds):
                    whos = [w for w in ("before", "app") if w in servers]
                    for who in whos if n % 2 == 0 else whos[::-1]:
                        _present(pages[who], servers[who], deck, times[who])
                    c.deep_link(pages["floor"], servers["floor"].page_url(""))
                    for path in itertools.islice(paths, len(deck)):
                        floor_times.append(c.sidebar_click(pages["floor"], path)["elapsed"])
                    for name, combo in combos.items():
                        page = pages["library"]
                        c.deep_link(page, servers["library"].page_url(c.live_path(*combo)))
                        ms = c.widget_rerun(page, widget)["elapsed"]
                        library.setdefault(name, []).append(ms)
        finally:
            for srv in servers.values():
                srv.stop()
    floor_ms = c.median(floor_times)
    head = ["next slide (median)", "ms (x floor, target <=2x)", "its library floor ms (x floor)"]
    text = c.table(
        head,
        [
            *_rows(times["app"], library, floor_ms),
            ["floor (empty page switch)", _x(floor_ms, floor_ms), ""],
        ],
    )
    if times["before"]:
        text = f"After (this checkout):\n{text}\n\nBefore ({args.before}):\n" + c.table(
            head, _rows(times["before"], library, floor_ms)
        )
    print(text)
    c.write_json(
        "deck",
        {
            "machine": c.machine(),
            "rounds": args.rounds,
            "before": args.before,
            "next_ms": times["app"],
            "before_next_ms": times["before"],
            "floor_ms": floor_times,
            "library_floor_ms": library,
            "slide_kinds": {name: list(k) for name, k in kinds.items()},
            "table": text,
        },
    )


if __name__ == "__main__":
    main()
