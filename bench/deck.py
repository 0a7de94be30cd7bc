"""Slide-to-slide time while presenting a deck, against the empty-page floor.

    .venv/bin/python bench/deck.py              # 3 passes through the regional briefing
    .venv/bin/python bench/deck.py --rounds 1   # quick smoke

Figures (medians, browser clock, headless Chromium at 1920x1080):
- next: click on the frame's Next button (what Right/PageDown press) -> idle on the next
  slide's page (st.switch_page with the slide's query parameters), per target page;
- floor: a sidebar click between two empty pages of the floor app (bench/_common.floor_app),
  the least any page switch costs on this machine and Streamlit version.
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

NEXT_JS = """() => { const b = document.querySelector('.st-key-deck_next button');
  const t = performance.now(); b.click(); return t; }"""


def _next(page) -> float:
    page.evaluate(c.ACTIVITY_CLOCK_JS)
    t0 = page.evaluate(NEXT_JS)
    return c.wait_idle(page, t0=t0, require_busy=True)["elapsed"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    deck = DV.regional_briefing()
    times: dict[str, list[float]] = {}
    floor_times: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        app, floor = c.start_server(), c.start_server(c.floor_app(Path(tmp)))
        try:
            with c.chromium() as browser:
                page = c.new_page(browser)
                for _ in range(args.rounds):
                    c.deep_link(page, app.page_url(f"?present=1&deck={quote(deck.encode())}"))
                    for target in deck.slides[1:]:
                        name = target.page + "".join(f" {v}" for _, v in target.params)
                        times.setdefault(name, []).append(_next(page))
                floor_page = c.new_page(browser)
                c.deep_link(floor_page, floor.page_url(""))
                paths = [p for p in c.PAGES if p][:4]
                for path in itertools.islice(itertools.cycle(paths), args.rounds * len(deck)):
                    floor_times.append(c.sidebar_click(floor_page, path)["elapsed"])
        finally:
            app.stop()
            floor.stop()
    floor_ms = c.median(floor_times)
    rows = [
        [name, c.fmt_ms(c.median(ts)), f"{c.median(ts) / floor_ms:.1f}x"]
        for name, ts in times.items()
    ]
    all_next = [t for ts in times.values() for t in ts]
    rows.append(
        ["all slides", c.fmt_ms(c.median(all_next)), f"{c.median(all_next) / floor_ms:.1f}x"]
    )
    rows.append(["floor (empty page switch)", c.fmt_ms(floor_ms), "1.0x"])
    print(c.table(["next slide (median ms)", "ms", "vs floor"], rows))
    c.write_json(
        "deck",
        {"machine": c.machine(), "rounds": args.rounds, "next_ms": times, "floor_ms": floor_times},
    )


if __name__ == "__main__":
    main()
