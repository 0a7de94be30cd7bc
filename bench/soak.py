"""Soak: many reruns across all pages in one server; does its memory grow?

    .venv/bin/python bench/soak.py                 # 500 reruns
    .venv/bin/python bench/soak.py --reruns 60     # quick smoke

One headless Chromium session cycles through every page by sidebar clicks and changes each
page's widgets (every click or change is one rerun); every 100 reruns it reloads (a new
Streamlit session, so the old one must be cleaned up). After each rerun the server's RSS
(process group incl. children, psutil) is sampled. The figure is the growth from the mean
RSS over the first 50 reruns to the mean over the last 50; target < 10 %.
``--warmup-cycles 1`` first runs one untimed cycle, so the first 50 reruns are not
the cold start (module imports, caches filled on first use of each page).
Prints a table and writes bench/results/soak-<stamp>.json (and soak-latest.json).
"""

from __future__ import annotations

import argparse
import os
import sys

import _common as c
import psutil


def rss_mb(pid: int) -> float:
    try:
        root = psutil.Process(pid)
        return sum(p.memory_info().rss for p in [root, *root.children(recursive=True)]) / 2**20
    except psutil.NoSuchProcess:
        return float("nan")


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--reruns", type=int, default=500)
    ap.add_argument("--window", type=int, default=50, help="reruns averaged at start and end")
    ap.add_argument("--reload-every", type=int, default=100)
    ap.add_argument(
        "--warmup-cycles",
        type=int,
        default=0,
        help="untimed cycles through every page and widget before counting "
        "(imports and caches are filled on first use; 0 = the issue's method)",
    )
    ap.add_argument(
        "--server-env",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="extra environment for the server, e.g. MALLOC_ARENA_MAX=2",
    )
    args = ap.parse_args()
    server_env = dict(kv.split("=", 1) for kv in args.server_env)

    machine = c.machine()
    print(
        f"bench/soak.py: {args.reruns} reruns on {machine['cpu']} ({machine['cores']} cores), "
        f"load {machine['loadavg']}",
        flush=True,
    )
    server = c.start_server(env=server_env or None)
    samples: list[dict] = []
    errors: list[str] = []
    paths = list(c.SIDEBAR_PAGES)  # a navigate clicks the target's sidebar link
    try:
        with c.chromium() as browser:
            page = c.new_page(browser)
            c.deep_link(page, server.page_url(paths[0]))
            steps = []  # one cycle: click to each page, then change each of its widgets
            for path in paths[1:] + paths[:1]:
                steps.append(("navigate", path, None))
                for w in [c.MAIN_WIDGETS.get(path), *c.OTHER_WIDGETS.get(path, [])]:
                    if w:
                        steps.append(("filter", path, w))
            for _ in range(args.warmup_cycles):
                for action, path, widget in steps:
                    try:
                        if action == "navigate":
                            c.sidebar_click(page, path)
                        else:
                            c.widget_rerun(page, widget)
                    except Exception as exc:  # noqa: BLE001 - warm-up failures are reported too
                        errors.append(f"warm-up {action} /{path}: {exc.__class__.__name__}")
            if args.warmup_cycles:
                print(
                    f"  warm-up ({args.warmup_cycles} cycle(s) of {len(steps)} reruns), "
                    f"RSS {rss_mb(server.process.pid):.1f} MB",
                    flush=True,
                )
            n = 0
            while n < args.reruns:
                action, path, widget = steps[n % len(steps)]
                try:
                    if n and n % args.reload_every == 0:
                        result = c.deep_link(page, server.page_url(path))
                        action = "reload"
                    elif action == "navigate":
                        result = c.sidebar_click(page, path)
                    else:
                        result = c.widget_rerun(page, widget)
                    ms = result["elapsed"]
                    if result.get("exceptions"):
                        errors.append(f"{n} {action} /{path}: exception element(s)")
                except Exception as exc:  # noqa: BLE001 - a soak records every failure
                    ms = None
                    errors.append(
                        f"{n} {action} /{path}: {exc.__class__.__name__}: {str(exc)[:200]}"
                    )
                    c.deep_link(page, server.page_url(path))  # recover and carry on
                samples.append(
                    {
                        "n": n,
                        "action": action,
                        "page": c.label(path),
                        "ms": ms,
                        "rss_mb": rss_mb(server.process.pid),
                    }
                )
                n += 1
                if n % 50 == 0:
                    print(f"  {n} reruns, RSS {samples[-1]['rss_mb']:.1f} MB", flush=True)
            if page.external_requests:
                errors.append(f"external requests: {sorted(set(page.external_requests))[:3]}")
            page.context.close()
    finally:
        server.stop()

    rss = [s["rss_mb"] for s in samples]
    w = min(args.window, len(rss) // 2) or 1
    first, last = sum(rss[:w]) / w, sum(rss[-w:]) / w
    growth = (last - first) / first * 100
    times = [s["ms"] for s in samples if s["ms"] is not None]
    rows = [
        ["reruns", len(samples)],
        [f"RSS MB, mean of first {w}", f"{first:.1f}"],
        [f"RSS MB, mean of last {w}", f"{last:.1f}"],
        ["RSS growth", f"{growth:+.1f} % ({'ok' if growth < 10 else 'MISS'}: target < 10 %)"],
        ["RSS MB min / max", f"{min(rss):.1f} / {max(rss):.1f}"],
        [
            "rerun to idle ms p50 / p95",
            f"{c.fmt_ms(c.pct(times, 0.5))} / {c.fmt_ms(c.pct(times, 0.95))}",
        ],
        ["errors", len(errors)],
    ]
    text = c.table(["soak", "value"], rows)
    machine["loadavg_end"] = os.getloadavg()
    print()
    print(text)
    for e in errors[:20]:
        print("  -", e)
    path = c.write_json(
        "soak",
        {
            "machine": machine,
            "args": vars(args),
            "samples": samples,
            "growth_pct": growth,
            "first_mb": first,
            "last_mb": last,
            "errors": errors,
            "table": text,
        },
    )
    print(f"\nJSON: {path.relative_to(c.REPO_ROOT)}")
    return 0 if growth < 10 and not errors else 1


if __name__ == "__main__":
    sys.exit(main())
