"""Load: N concurrent browser sessions against one server for a fixed time.

    .venv/bin/python bench/load.py                         # 8 sessions, 60 s
    .venv/bin/python bench/load.py --sessions 2 --duration 15   # quick smoke

Each session runs in its own thread with its own headless Chromium (Playwright's sync API
is per thread) and loops over a random mix of actions until the time is up:
- reload: a deep link to a random page (a new Streamlit session);
- navigate: a click on a random page's sidebar link;
- filter: a change of the current page's main or other widget (bench/_common).
Each action is timed to idle with the in-page waiter. Errors are: exception elements on
the page, JavaScript errors, blocked external requests, and actions that time out.
A sampler thread records the server's RSS and CPU (psutil, process group incl. children),
the Chromium processes' CPU and the machine's CPU, once a second.

On a 2-core machine eight Chromium instances saturate the CPU long before the server
does: compare server CPU with Chromium CPU in the output before blaming the app.
Prints a table and writes bench/results/load-<stamp>.json (and load-latest.json).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import threading
import time
from collections import defaultdict

import _common as c
import psutil


def _proc_tree(pid: int) -> list[psutil.Process]:
    try:
        root = psutil.Process(pid)
        return [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


class Sampler(threading.Thread):
    """Once a second: server RSS/CPU, Chromium CPU, machine CPU."""

    def __init__(self, server_pid: int, interval: float = 1.0):
        super().__init__(daemon=True)
        self.server_pid, self.interval = server_pid, interval
        self.samples: list[dict[str, float]] = []
        self.stop_event = threading.Event()

    def _chromium(self) -> list[psutil.Process]:
        me = psutil.Process(os.getpid())
        return [p for p in me.children(recursive=True) if "chrom" in (p.name() or "").lower()]

    def run(self) -> None:
        server = _proc_tree(self.server_pid)
        for p in server:
            p.cpu_percent(None)
        psutil.cpu_percent(None)
        seen: dict[int, psutil.Process] = {}
        while not self.stop_event.wait(self.interval):
            try:
                rss = sum(p.memory_info().rss for p in server) / 2**20
                cpu = sum(p.cpu_percent(None) for p in server)
                chrome = 0.0
                for p in self._chromium():
                    if p.pid not in seen:
                        seen[p.pid] = p
                        p.cpu_percent(None)
                        continue
                    chrome += seen[p.pid].cpu_percent(None)
            except psutil.Error:
                continue
            self.samples.append(
                {
                    "t": time.time(),
                    "server_rss_mb": rss,
                    "server_cpu_pct": cpu,
                    "chromium_cpu_pct": chrome,
                    "machine_cpu_pct": psutil.cpu_percent(None),
                }
            )


def session(
    idx: int,
    server: c.AppServer,
    deadline: float,
    seed: int,
    records: list[dict],
    errors: list[str],
    lock: threading.Lock,
) -> None:
    from playwright.sync_api import sync_playwright

    rng = random.Random(seed)
    paths = list(c.SIDEBAR_PAGES)  # a navigate clicks the target's sidebar link
    with sync_playwright() as pw:
        browser = c.launch_chromium(pw)
        page = c.new_page(browser)
        current = rng.choice(paths)

        def record(action: str, path: str, fn) -> None:
            t = time.time()
            err = None
            try:
                result = fn()
                ms = result["elapsed"]
                if result.get("exceptions"):
                    err = f"{result['exceptions']} exception element(s)"
            except Exception as exc:  # noqa: BLE001 - a load test records every failure
                ms, err = None, f"{exc.__class__.__name__}: {str(exc)[:200]}"
            if page.page_errors:
                err = (err or "") + f" JS errors: {page.page_errors[:2]}"
                page.page_errors.clear()
            with lock:
                records.append(
                    {
                        "session": idx,
                        "action": action,
                        "page": c.label(path),
                        "ms": ms,
                        "t": t,
                        "error": err,
                    }
                )
                if err:
                    errors.append(f"s{idx} {action} /{path}: {err}")

        try:
            record("reload", current, lambda: c.deep_link(page, server.page_url(current)))
            while time.time() < deadline:
                roll = rng.random()
                if roll < 0.25:
                    current = rng.choice(paths)
                    record(
                        "reload", current, lambda p=current: c.deep_link(page, server.page_url(p))
                    )
                elif roll < 0.6:
                    target = rng.choice([p for p in paths if p != current])
                    record("navigate", target, lambda p=target: c.sidebar_click(page, p))
                    current = target
                else:
                    widgets = [
                        w
                        for w in [c.MAIN_WIDGETS.get(current), *c.OTHER_WIDGETS.get(current, [])]
                        if w
                    ]
                    if not widgets:
                        continue
                    w = rng.choice(widgets)
                    record("filter", current, lambda w=w: c.widget_rerun(page, w))
            if page.external_requests:
                with lock:
                    errors.append(
                        f"s{idx}: external requests {sorted(set(page.external_requests))[:3]}"
                    )
        finally:
            page.context.close()
            browser.close()


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--sessions", type=int, default=8)
    ap.add_argument("--duration", type=float, default=60.0, help="seconds of load")
    ap.add_argument("--seed", type=int, default=8)
    args = ap.parse_args()

    machine = c.machine()
    print(
        f"bench/load.py: {args.sessions} sessions x {args.duration:.0f} s on {machine['cpu']} "
        f"({machine['cores']} cores), load {machine['loadavg']}",
        flush=True,
    )
    server = c.start_server()
    records: list[dict] = []
    errors: list[str] = []
    lock = threading.Lock()
    sampler = Sampler(server.process.pid)
    try:
        sampler.start()
        # Sessions start staggered over 2 s, then run until the common deadline.
        start = time.time()
        deadline = start + args.duration
        threads = []
        for i in range(args.sessions):
            t = threading.Thread(
                target=session, args=(i, server, deadline, args.seed + i, records, errors, lock)
            )
            t.start()
            threads.append(t)
            time.sleep(2.0 / max(args.sessions, 1))
        for t in threads:
            t.join(timeout=args.duration + 180)
        elapsed = time.time() - start
    finally:
        sampler.stop_event.set()
        sampler.join(timeout=5)
        server.stop()

    by_action: dict[str, list[float]] = defaultdict(list)
    err_by_action: dict[str, int] = defaultdict(int)
    for r in records:
        if r["ms"] is not None:
            by_action[r["action"]].append(r["ms"])
        if r["error"]:
            err_by_action[r["action"]] += 1
    rows = []
    for action in ("reload", "navigate", "filter"):
        xs = by_action.get(action, [])
        rows.append(
            [
                action,
                len(xs) + 0,
                c.fmt_ms(c.pct(xs, 0.5)),
                c.fmt_ms(c.pct(xs, 0.95)),
                c.fmt_ms(max(xs) if xs else None),
                err_by_action.get(action, 0),
            ]
        )
    text = c.table(["action", "n", "p50 ms", "p95 ms", "max ms", "errors"], rows)
    s = sampler.samples
    rss = [x["server_rss_mb"] for x in s]
    res_rows = [
        [
            "server RSS MB (start / max / end)",
            f"{rss[0]:.0f} / {max(rss):.0f} / {rss[-1]:.0f}" if rss else "-",
        ],
        [
            "server CPU % (median / max; 100 = one core)",
            (
                f"{c.median([x['server_cpu_pct'] for x in s]) or 0:.0f} / "
                f"{max([x['server_cpu_pct'] for x in s], default=0):.0f}"
            ),
        ],
        [
            "Chromium CPU % (median / max)",
            (
                f"{c.median([x['chromium_cpu_pct'] for x in s]) or 0:.0f} / "
                f"{max([x['chromium_cpu_pct'] for x in s], default=0):.0f}"
            ),
        ],
        [
            "machine CPU % (median; all cores)",
            f"{c.median([x['machine_cpu_pct'] for x in s]) or 0:.0f}",
        ],
        ["actions / errors", f"{len(records)} / {len(errors)}"],
    ]
    text += "\n\n" + c.table(["resource", "value"], res_rows)
    machine["loadavg_end"] = os.getloadavg()
    print()
    print(text)
    if errors:
        print(f"\n{len(errors)} error(s):")
        for e in errors[:20]:
            print("  -", e)
    path = c.write_json(
        "load",
        {
            "machine": machine,
            "args": vars(args),
            "elapsed_s": elapsed,
            "records": records,
            "errors": errors,
            "samples": s,
            "table": text,
        },
    )
    print(f"\nJSON: {path.relative_to(c.REPO_ROOT)}")
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())
