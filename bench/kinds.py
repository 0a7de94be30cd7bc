"""What each element kind costs the browser on its own: the basis for choosing what to draw.

    .venv/bin/python bench/kinds.py              # 5 samples per kind (about 3 minutes)
    .venv/bin/python bench/kinds.py --runs 1     # quick smoke

For every kind of scripts/floors.ELEMENT_KINDS, a page with one minimal instance of it,
in the main area, and nothing else but the live library floor's selectbox (the base page,
which has only that selectbox). Figures (medians, browser clock, headless Chromium at
1920x1080), all on one server, interleaved kind by kind:
- deep link: navigation start -> idle;
- sidebar click: from the empty start page -> idle;
each with what the kind adds to the base page. A kind's first instance on a page pays for
its JavaScript (loaded, parsed and run) as well as its mounting; the library floors of
bench/pages.py are sums of these, one instance of each kind a page draws.
Prints a table and writes bench/results/kinds-<stamp>.json (and kinds-latest.json).
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import _common as c

BASE = "(base: the selectbox alone)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    # the selectbox kind is the base page itself (the live widget stands for it)
    kinds = sorted(set(c.ELEMENT_KINDS) - {c.LIVE_TESTID["selectbox"]})
    combos = {BASE: ((), "selectbox")} | {k: ((k,), "selectbox") for k in kinds}
    deep: dict[str, list[float]] = {k: [] for k in combos}
    click: dict[str, list[float]] = {k: [] for k in combos}
    with tempfile.TemporaryDirectory(prefix="bench-kinds-") as tmp:
        srv = c.start_server(c.live_library_app(Path(tmp), combos.values()))
        try:
            with c.chromium() as browser:
                page = c.new_page(browser)
                for kind, combo in combos.items():  # warm-up, not counted
                    c.deep_link(page, srv.page_url(c.live_path(*combo)))
                for run in range(args.runs):
                    order = list(combos.items())
                    order = order[run % len(order) :] + order[: run % len(order)]
                    for kind, combo in order:
                        deep[kind].append(
                            c.deep_link(page, srv.page_url(c.live_path(*combo)))["elapsed"]
                        )
                    c.deep_link(page, srv.page_url(c.LIVE_START))
                    for kind, combo in order:
                        click[kind].append(c.sidebar_click(page, c.live_path(*combo))["elapsed"])
                        c.sidebar_click(page, "")
                external = sorted(set(page.external_requests))
        finally:
            srv.stop()
    base_deep, base_click = c.median(deep[BASE]), c.median(click[BASE])
    rows = [
        [
            kind,
            c.fmt_ms(c.median(deep[kind])),
            f"{c.median(deep[kind]) - base_deep:+.0f}",
            c.fmt_ms(c.median(click[kind])),
            f"{c.median(click[kind]) - base_click:+.0f}",
        ]
        for kind in sorted(combos, key=lambda k: (k != BASE, -c.median(deep[k])))
    ]
    text = c.table(
        ["element kind (one instance)", "deep link ms", "vs base", "sidebar click ms", "vs base"],
        rows,
    )
    if external:
        text += f"\nexternal requests: {external[:5]}"
    print(text)
    c.write_json(
        "kinds",
        {
            "machine": c.machine(),
            "runs": args.runs,
            "deep_ms": deep,
            "click_ms": click,
            "table": text,
        },
    )


if __name__ == "__main__":
    main()
