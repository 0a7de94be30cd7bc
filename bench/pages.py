"""Benchmark every page against the empty-page floor, in one run.

    .venv/bin/python bench/pages.py                      # full run (about 5-8 minutes)
    .venv/bin/python bench/pages.py --apptest-runs 3 --browser-runs 1   # quick smoke
    .venv/bin/python bench/pages.py --profile timeline   # pyinstrument profile of one page

Figures per page (medians):
- warm server-side script time: AppTest ``run()`` wall time (>= 20 runs after one warm-up);
  target <= 50 ms;
- deep link: navigation start -> idle in headless Chromium at 1920x1080, vs the floor's
  deep link to the same url path; target <= 1.5x floor;
- sidebar click: click on the page's sidebar link (from the previous page in the cycle)
  -> idle, vs the same click in the floor; target <= 2x floor;
- widget rerun: change the page's main widget (bench/_common.MAIN_WIDGETS) -> idle, vs the
  same kind of widget on the floor's widget page; target <= 2x floor;
- for reference, not a target: the deep link vs the page's library floor, an otherwise
  empty page with one minimal instance of each heavy element kind the page mounts (Vega-Lite
  chart, deck.gl map, data grid; bench/_common.HEAVY_KINDS): what any page drawing those
  elements pays in the browser, however little it draws.

The floor (bench/_common.floor_app) is app.py's router with one-line empty pages, served
by the same server settings; app and floor run interleaved so machine noise hits both.
Prints a table and writes bench/results/pages-<stamp>.json (and pages-latest.json).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any

import _common as c

TARGETS = {"script_ms": 50.0, "deep_ratio": 1.5, "click_ratio": 2.0, "widget_ratio": 2.0}


# --------------------------------------------------------------------------- AppTest
def _apptest(app: Path, page_file: str | None, runs: int, profile: Any = None) -> dict:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(app), default_timeout=120).run()
    if page_file:
        at.switch_page(page_file).run()
    at.run()  # warm: caches filled, modules imported
    times = []
    if profile is not None:
        profile.start()
    for _ in range(runs):
        t = time.perf_counter()
        at.run()
        times.append((time.perf_counter() - t) * 1000)
    if profile is not None:
        profile.stop()
    errors = [e.value for e in at.exception]
    return {"samples_ms": times, "median_ms": c.median(times), "p90_ms": c.pct(times, 0.9),
            "exceptions": errors}


def apptest_section(paths: list[str], floor: Path, runs: int) -> dict[str, Any]:
    out: dict[str, Any] = {"floor": {}, "app": {}}
    for path in paths:
        out["floor"][c.label(path)] = _apptest(floor, f"floor_{c.label(path)}.py", runs)
        out["app"][c.label(path)] = _apptest(c.APP, c.PAGES[path], runs)
        print(f"  AppTest {c.label(path):<11} app {c.fmt_ms(out['app'][c.label(path)]['median_ms'])} ms"
              f"  floor {c.fmt_ms(out['floor'][c.label(path)]['median_ms'])} ms", flush=True)
    return out


class _ThreadProfile:
    """pyinstrument samples one thread; AppTest runs the script in its own thread. Wrap
    the script-runner thread's entry point so one Profiler (started in that thread) sees
    every run's script code."""

    def __init__(self) -> None:
        from pyinstrument import Profiler

        self.profiler = Profiler(interval=0.0005)
        self.active = False

    def start(self) -> None:
        from streamlit.runtime.scriptrunner.script_runner import ScriptRunner

        self._orig = ScriptRunner._run_script
        outer = self

        def wrapped(runner, rerun_data):
            outer.profiler.start()
            try:
                return outer._orig(runner, rerun_data)
            finally:
                outer.profiler.stop()

        ScriptRunner._run_script = wrapped

    def stop(self) -> None:
        from streamlit.runtime.scriptrunner.script_runner import ScriptRunner

        ScriptRunner._run_script = self._orig


def profile_page(path: str, runs: int) -> None:
    prof = _ThreadProfile()
    result = _apptest(c.APP, c.PAGES[path], runs, profile=prof)
    profiler = prof.profiler
    c.RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    html = c.RESULTS_DIR / f"profile-{c.label(path)}.html"
    html.write_text(profiler.output_html(), encoding="utf-8")
    print(profiler.output_text(unicode=True, color=False, show_all=False))
    print(f"median {c.fmt_ms(result['median_ms'])} ms over {runs} runs; profile: {html}")


# --------------------------------------------------------------------------- browser
def _safe(fn, errors: list[str], what: str) -> float | None:
    try:
        result = fn()
    except Exception as exc:  # noqa: BLE001 - a benchmark records failures and carries on
        errors.append(f"{what}: {exc.__class__.__name__}: {str(exc)[:300]}")
        return None
    if result.get("exceptions"):
        errors.append(f"{what}: {result['exceptions']} exception element(s) on the page")
    if not result.get("sawBusy", True):
        errors.append(f"{what}: no rerun observed (timed to the grace period)")
    return result["elapsed"]


def browser_section(paths: list[str], app_srv: c.AppServer, floor_srv: c.AppServer,
                    runs: int, width: int, height: int) -> dict[str, Any]:
    res: dict[str, Any] = {
        k: {c.label(p): {"app": [], "floor": []} for p in paths} for k in ("deep", "click", "widget")
    }
    res["library"] = {c.label(p): {"kinds": [], "deep": []} for p in paths}
    errors: list[str] = []
    with c.chromium() as browser:
        pages = {"app": c.new_page(browser, width, height), "floor": c.new_page(browser, width, height)}
        servers = {"app": app_srv, "floor": floor_srv}
        try:
            # Warm-up: HTTP cache, server imports and caches (not counted).
            for who in ("floor", "app"):
                for path in paths:
                    _safe(lambda w=who, p=path: c.deep_link(pages[w], servers[w].page_url(p)),
                          errors, "warm-up")
                    if who == "app":  # which heavy element kinds does the page mount?
                        res["library"][c.label(path)]["kinds"] = c.heavy_kinds(pages["app"])
            for path in paths:  # warm the library floors too
                if lib := c.library_path(res["library"][c.label(path)]["kinds"]):
                    _safe(lambda p=lib: c.deep_link(pages["floor"], floor_srv.page_url(p)), errors, "warm-up")
            # Deep links, interleaved app/floor, order alternating per run.
            for run in range(runs):
                order = ("floor", "app") if run % 2 == 0 else ("app", "floor")
                for path in paths:
                    for who in order:
                        ms = _safe(lambda w=who, p=path: c.deep_link(pages[w], servers[w].page_url(p)),
                                   errors, f"deep {who} /{path}")
                        if ms is not None:
                            res["deep"][c.label(path)][who].append(ms)
                    if lib := c.library_path(res["library"][c.label(path)]["kinds"]):
                        ms = _safe(lambda p=lib: c.deep_link(pages["floor"], floor_srv.page_url(p)),
                                   errors, f"deep library floor /{lib}")
                        if ms is not None:
                            res["library"][c.label(path)]["deep"].append(ms)
            print("  deep links done", flush=True)
            # Sidebar clicks: a cycle through every page, so each click leaves the previous.
            for who in ("floor", "app"):
                c.deep_link(pages[who], servers[who].page_url(paths[-1]))
            for _run in range(runs):
                for path in paths:
                    for who in ("floor", "app"):
                        ms = _safe(lambda w=who, p=path: c.sidebar_click(pages[w], p), errors,
                                   f"click {who} /{path}")
                        if ms is not None:
                            res["click"][c.label(path)][who].append(ms)
            print("  sidebar clicks done", flush=True)
            # Widget reruns: the page's main widget vs the same kind on the floor.
            for path in paths:
                widget = c.MAIN_WIDGETS.get(path)
                if widget is None:
                    continue
                floor_widget = c.Widget(c.FLOOR_WIDGETS.get(widget.kind, "floor_select"),
                                        widget.kind if widget.kind in c.FLOOR_WIDGETS else "selectbox")
                c.deep_link(pages["app"], app_srv.page_url(path))
                c.deep_link(pages["floor"], floor_srv.page_url("widget"))
                for _run in range(runs):
                    for who, w in (("floor", floor_widget), ("app", widget)):
                        ms = _safe(lambda who=who, w=w: c.widget_rerun(pages[who], w), errors,
                                   f"widget {who} /{path} {w.key}")
                        if ms is not None:
                            res["widget"][c.label(path)][who].append(ms)
                res["widget"][c.label(path)]["key"] = f"{widget.key} ({widget.kind})"
            print("  widget reruns done", flush=True)
            external = pages["app"].external_requests + pages["floor"].external_requests
            if external:
                errors.append(f"external requests: {sorted(set(external))[:5]}")
        finally:
            for p in pages.values():
                p.context.close()
    res["errors"] = errors
    return res


# --------------------------------------------------------------------------- report
def _ratio(app: list[float], floor: list[float]) -> float | None:
    a, f = c.median(app), c.median(floor)
    return None if a is None or not f else a / f


def report(paths: list[str], at: dict | None, br: dict | None) -> tuple[str, dict]:
    rows, verdicts = [], {}
    for path in paths:
        name = c.label(path)
        v: dict[str, Any] = {}
        row = [f"/{path}" if path else "/ (overview)"]
        if at:
            ms = at["app"][name]["median_ms"]
            v["script_ms"] = ms
            v["script_ok"] = ms is not None and ms <= TARGETS["script_ms"] and not at["app"][name]["exceptions"]
            row += [f"{c.fmt_ms(ms)} (floor {c.fmt_ms(at['floor'][name]['median_ms'])})",
                    "ok" if v["script_ok"] else "MISS"]
        if br:
            for kind, target in (("deep", "deep_ratio"), ("click", "click_ratio"), ("widget", "widget_ratio")):
                d = br[kind][name]
                ratio = _ratio(d["app"], d["floor"])
                v[f"{kind}_app_ms"], v[f"{kind}_floor_ms"] = c.median(d["app"]), c.median(d["floor"])
                v[f"{kind}_ratio"] = ratio
                if ratio is None:
                    row += ["n/a", ""]
                    continue
                ok = ratio <= TARGETS[target]
                v[f"{kind}_ok"] = ok
                row += [f"{c.fmt_ms(c.median(d['app']))} / {c.fmt_ms(c.median(d['floor']))} = {ratio:.2f}x",
                        "ok" if ok else "MISS"]
        if br:
            lib = br["library"][name]
            lib_ms = c.median(lib["deep"]) if lib["deep"] else c.median(br["deep"][name]["floor"])
            ratio = _ratio(br["deep"][name]["app"], lib["deep"] or br["deep"][name]["floor"])
            v["library_kinds"], v["deep_library_ms"], v["deep_library_ratio"] = lib["kinds"], lib_ms, ratio
            row += [" + ".join(lib["kinds"]) or "none",
                    "n/a" if ratio is None else
                    f"{c.fmt_ms(c.median(br['deep'][name]['app']))} / {c.fmt_ms(lib_ms)} = {ratio:.2f}x"]
        rows.append(row)
        verdicts[name] = v
    headers = ["page"]
    if at:
        headers += ["AppTest warm ms", "<=50ms"]
    if br:
        headers += ["deep link ms app/floor", "<=1.5x", "sidebar click ms app/floor", "<=2x",
                    "widget rerun ms app/floor", "<=2x", "heavy kinds mounted",
                    "deep link ms app/library floor"]
    text = c.table(headers, rows)
    if br:
        keys = [f"{c.label(p)}: {br['widget'][c.label(p)].get('key', 'no widget')}" for p in paths]
        text += "\nwidgets: " + "; ".join(keys)
    return text, verdicts


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--apptest-runs", type=int, default=20)
    ap.add_argument("--browser-runs", type=int, default=5)
    ap.add_argument("--pages", nargs="*", default=None,
                    help="url paths to measure ('overview' for the default page); default all")
    ap.add_argument("--skip-apptest", action="store_true")
    ap.add_argument("--skip-browser", action="store_true")
    ap.add_argument("--width", type=int, default=1920)
    ap.add_argument("--height", type=int, default=1080)
    ap.add_argument("--profile", metavar="PAGE", help="profile one page with pyinstrument and exit")
    args = ap.parse_args()

    paths = list(c.PAGES)
    if args.pages:
        paths = ["" if p in ("overview", "") else p for p in args.pages]
    if args.profile is not None:
        profile_page("" if args.profile == "overview" else args.profile, args.apptest_runs)
        return 0

    machine = c.machine()
    print(f"bench/pages.py on {machine['cpu']} ({machine['cores']} cores), load {machine['loadavg']}",
          flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-floor-") as tmp:
        floor = c.floor_app(Path(tmp))
        at = None if args.skip_apptest else apptest_section(paths, floor, args.apptest_runs)
        br = None
        if not args.skip_browser:
            app_srv = c.start_server()
            floor_srv = c.start_server(floor)
            try:
                br = browser_section(paths, app_srv, floor_srv, args.browser_runs, args.width, args.height)
            except Exception:  # noqa: BLE001 - print, stop the servers, exit 1
                traceback.print_exc()
                return 1
            finally:
                app_srv.stop()
                floor_srv.stop()
    text, verdicts = report(paths, at, br)
    machine["loadavg_end"] = __import__("os").getloadavg()
    print()
    print(text)
    if br and br["errors"]:
        print(f"\n{len(br['errors'])} error(s):")
        for e in br["errors"][:20]:
            print("  -", e)
    path = c.write_json("pages", {
        "machine": machine, "args": vars(args), "targets": TARGETS, "apptest": at,
        "browser": br, "verdicts": verdicts, "table": text,
    })
    print(f"\nJSON: {path.relative_to(c.REPO_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
