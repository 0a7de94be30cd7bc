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

LIBRARY = (("stVegaLiteChart",), "selectbox")  # (element kinds, widget kind): one chart
NEXT_JS = """() => { const b = document.querySelector('.st-key-deck_next button');
  const t = performance.now(); b.click(); return t; }"""


def _next(page) -> float:
    page.locator(".st-key-deck_next button").first.wait_for(state="visible", timeout=60000)
    page.evaluate(ACTIVITY_CLOCK_JS)
    t0 = page.evaluate(NEXT_JS)
    return c.wait_idle(page, t0=t0, require_busy=True)["elapsed"]


def _present(page, server, deck, times: dict[str, list[float]]) -> None:
    c.deep_link(page, server.page_url(f"deck?present=1&deck={quote(deck.encode())}"))
    for target in deck.slides[1:]:
        name = target.page + "".join(f" {v}" for _, v in target.params)
        times.setdefault(name, []).append(_next(page))


def _rows(times: dict[str, list[float]], floor_ms: float) -> list[list[str]]:
    rows = [
        [name, c.fmt_ms(c.median(ts)), f"{c.median(ts) / floor_ms:.2f}x"]
        for name, ts in times.items()
    ]
    every = [t for ts in times.values() for t in ts]
    rows.append(["all slides", c.fmt_ms(c.median(every)), f"{c.median(every) / floor_ms:.2f}x"])
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--before", metavar="REF", help="also present the deck on this git ref")
    args = parser.parse_args()
    deck = DV.regional_briefing()
    times: dict[str, dict[str, list[float]]] = {"app": {}, "before": {}}
    floor_times: list[float] = []
    library_times: list[float] = []
    with tempfile.TemporaryDirectory() as tmp, c.before_checkout(args.before) as before_dir:
        servers = {"app": c.start_server(), "floor": c.start_server(c.floor_app(Path(tmp)))}
        # The library floor of a slide move: one minimal Vega-Lite chart redrawn by a widget
        # change (scripts/floors.py), the least a move to a chart slide can cost.
        servers["library"] = c.start_server(c.live_library_app(Path(tmp) / "live", [LIBRARY]))
        if before_dir is not None:
            servers["before"] = c.start_server(before_dir / "app.py", cwd=before_dir)
        try:
            with c.chromium() as browser:
                pages = {w: c.new_page(browser) for w in servers}
                for _ in range(2):  # a fresh server's first run is in legacy pages mode
                    for who, page in pages.items():
                        c.deep_link(page, servers[who].page_url(""))
                c.deep_link(pages["library"], servers["library"].page_url(c.live_path(*LIBRARY)))
                widget = c.Widget(c.LIVE_WIDGET_KEY, LIBRARY[1])
                c.widget_rerun(pages["library"], widget)  # warm-up, not counted
                paths = itertools.cycle([p for p in c.PAGES if p][:4])
                for n in range(args.rounds):
                    whos = [w for w in ("before", "app") if w in servers]
                    for who in whos if n % 2 == 0 else whos[::-1]:
                        _present(pages[who], servers[who], deck, times[who])
                    c.deep_link(pages["floor"], servers["floor"].page_url(""))
                    for path in itertools.islice(paths, len(deck)):
                        floor_times.append(c.sidebar_click(pages["floor"], path)["elapsed"])
                    for _ in range(len(deck)):
                        library_times.append(c.widget_rerun(pages["library"], widget)["elapsed"])
        finally:
            for srv in servers.values():
                srv.stop()
    floor_ms = c.median(floor_times)
    head = ["next slide (median ms)", "ms", "vs floor (<=2x)"]
    text = c.table(
        head,
        [
            *_rows(times["app"], floor_ms),
            ["floor (empty page switch)", c.fmt_ms(floor_ms), "1.00x"],
            [
                "library floor (one chart redrawn)",
                c.fmt_ms(c.median(library_times)),
                f"{c.median(library_times) / floor_ms:.2f}x",
            ],
        ],
    )
    if times["before"]:
        text = f"After (this checkout):\n{text}\n\nBefore ({args.before}):\n" + c.table(
            head, _rows(times["before"], floor_ms)
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
            "library_floor_ms": library_times,
            "table": text,
        },
    )


if __name__ == "__main__":
    main()
