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
  -> idle, vs the same click in the floor; target <= 3x floor (issue 17; issue 8 asked for 2x);
- widget rerun: change the page's main widget (bench/_common.MAIN_WIDGETS) -> idle, vs the
  same kind of widget on the floor's widget page; target <= 2x floor. An untimed cycle
  through the widget's values comes first (scripts.widgets.cycle_length), so the timed
  changes meet the server's caches warm, as the server-side figure does;
- library floors, a second table: for each page, a page with one minimal instance of each
  element kind the page mounts (Markdown, heading, each widget kind, Vega-Lite chart,
  deck.gl map, ...: scripts/floors.ELEMENT_KINDS, found in the browser during the warm-up),
  in the same place (sidebar or main), and one widget of the page's main widget kind, which
  every content element draws from. They run on their own server (scripts/floors.
  live_library_app), generated once the kinds are known; their deep links are timed
  interleaved with the app's and the floor's, their sidebar clicks from an empty page. The
  table gives the library floor against the empty floor, with the same targets (can any
  page drawing these kinds of element meet them?), and the page against its library floor
  (what the page's own content adds).

The floor (bench/_common.floor_app) is app.py's router with one-line empty pages, served
by the same server settings; app and floor run interleaved so machine noise hits both.
Prints a table and writes bench/results/pages-<stamp>.json (and pages-latest.json).

Before and after in one run: ``--before REF`` checks REF out into a temporary
``git worktree``, serves it as a second app (from that checkout, with its own config) and
times it interleaved with this checkout and the floor, sample by sample, so all three see
the same machine load. It prints the same table for REF and a before/after comparison
(ratios to the same floor). The AppTest section measures this checkout only.

    .venv/bin/python bench/pages.py --before main --skip-apptest --browser-runs 6
"""

from __future__ import annotations

import argparse
import itertools
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any

import _common as c

# issue 17: deep link <= 1.5x, widget rerun <= 2x, sidebar click <= 3x the floor's
TARGETS = {"script_ms": 50.0, "deep_ratio": 1.5, "click_ratio": 3.0, "widget_ratio": 2.0}
WHO = ("floor", "before", "app")  # who is timed; "before" only with --before REF


def _x(target: str) -> str:
    return f"<={TARGETS[target]:g}x"


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
    return {
        "samples_ms": times,
        "median_ms": c.median(times),
        "p90_ms": c.pct(times, 0.9),
        "exceptions": errors,
    }


def apptest_section(paths: list[str], floor: Path, runs: int) -> dict[str, Any]:
    out: dict[str, Any] = {"floor": {}, "app": {}}
    for path in paths:
        out["floor"][c.label(path)] = _apptest(floor, f"floor_{c.label(path)}.py", runs)
        out["app"][c.label(path)] = _apptest(c.APP, c.PAGES[path], runs)
        print(
            f"  AppTest {c.label(path):<11} app {c.fmt_ms(out['app'][c.label(path)]['median_ms'])} ms"
            f"  floor {c.fmt_ms(out['floor'][c.label(path)]['median_ms'])} ms",
            flush=True,
        )
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


def _turns(whos: list[str], run: int) -> list[str]:
    """Who is timed in what order in a run: every order in turn, so that each is timed first,
    and right after each other, equally often (in runs of 2 with two, of 6 with three). With
    three, the orders go so that where one run ends and the next begins, each pair meets
    once too (widget reruns and clicks run straight on). A heavy page leaves work behind
    (the GPU process finishing its frame, in one shared browser) that falls on whoever comes
    next. With a fixed order the app always came after --before; with orders rotated, the
    app still came right after --before in two runs of three, and an A/A run (--before HEAD)
    read the map's deep link 10 % slower "after"."""
    orders = list(itertools.permutations(whos))
    if len(orders) == 6:
        orders = [orders[i] for i in (0, 1, 5, 2, 3, 4)]  # FBA FAB ABF BFA BAF AFB
    return list(orders[run % len(orders)])


def browser_section(
    paths: list[str],
    app_srv: c.AppServer,
    floor_srv: c.AppServer,
    runs: int,
    width: int,
    height: int,
    before_srv: c.AppServer | None = None,
) -> dict[str, Any]:
    servers = {"app": app_srv, "floor": floor_srv}
    if before_srv is not None:
        servers["before"] = before_srv
    whos = [w for w in WHO if w in servers]
    res: dict[str, Any] = {
        k: {c.label(p): {w: [] for w in whos} for p in paths} for k in ("deep", "click", "widget")
    }
    res["library"] = {
        c.label(p): {"kinds": [], "widget_kinds": [], "deep": [], "click": [], "widget": []}
        for p in paths
    }
    errors: list[str] = []
    with c.chromium() as browser, tempfile.TemporaryDirectory(prefix="bench-live-") as tmp:
        pages = {w: c.new_page(browser, width, height) for w in whos}
        live = lib_page = None
        try:
            # Warm-up: HTTP cache, server imports and caches (not counted). On the app it
            # also records which element kinds each page mounts, before and after its main
            # widget changes (the country chooser draws no chart, a country's view two).
            for who in whos:
                for path in paths:
                    _safe(
                        lambda w=who, p=path: c.deep_link(pages[w], servers[w].page_url(p)),
                        errors,
                        "warm-up",
                    )
                    if who == "app":
                        _record_kinds(pages["app"], path, res, "kinds", errors)
                        if widget := c.MAIN_WIDGETS.get(path):
                            _safe(
                                lambda w=widget: c.widget_rerun(pages["app"], w), errors, "warm-up"
                            )
                            _record_kinds(pages["app"], path, res, "widget_kinds", errors)
            # The library floors, one page per set of kinds, on their own server.
            live = c.start_server(c.live_library_app(Path(tmp), _combos(paths, res)))
            lib_page = c.new_page(browser, width, height)
            for path in paths:  # warm-up
                _safe(
                    lambda p=path: c.deep_link(lib_page, live.page_url(_live(p, res))),
                    errors,
                    "warm-up",
                )
            # Deep links, interleaved app/floor/library floor, order alternating per run.
            for run in range(runs):
                for path in paths:
                    for who in _turns(whos, run):
                        ms = _safe(
                            lambda w=who, p=path: c.deep_link(pages[w], servers[w].page_url(p)),
                            errors,
                            f"deep {who} /{path}",
                        )
                        if ms is not None:
                            res["deep"][c.label(path)][who].append(ms)
                    ms = _safe(
                        lambda p=path: c.deep_link(lib_page, live.page_url(_live(p, res))),
                        errors,
                        f"deep library floor /{path}",
                    )
                    if ms is not None:
                        res["library"][c.label(path)]["deep"].append(ms)
            print("  deep links done", flush=True)
            # Sidebar clicks: a cycle through every page, so each click leaves the previous.
            for who in whos:
                c.deep_link(pages[who], servers[who].page_url(paths[-1]))
            for run in range(runs):
                for path in paths:
                    for who in _turns(whos, run):
                        ms = _safe(
                            lambda w=who, p=path: c.sidebar_click(pages[w], p),
                            errors,
                            f"click {who} /{path}",
                        )
                        if ms is not None:
                            res["click"][c.label(path)][who].append(ms)
            print("  sidebar clicks done", flush=True)
            # Widget reruns: the page's main widget vs the same kind on the floor.
            for path in paths:
                widget = c.MAIN_WIDGETS.get(path)
                if widget is None:
                    continue
                floor_widget = c.Widget(
                    c.FLOOR_WIDGETS.get(widget.kind, "floor_select"),
                    widget.kind if widget.kind in c.FLOOR_WIDGETS else "selectbox",
                )
                for who in whos:
                    c.deep_link(
                        pages[who], servers[who].page_url("widget" if who == "floor" else path)
                    )
                    w = floor_widget if who == "floor" else widget
                    _warm_cycle(pages[who], w, errors)
                for run in range(runs):
                    for who in _turns(whos, run):
                        w = floor_widget if who == "floor" else widget
                        ms = _safe(
                            lambda who=who, w=w: c.widget_rerun(pages[who], w),
                            errors,
                            f"widget {who} /{path} {w.key}",
                        )
                        if ms is not None:
                            res["widget"][c.label(path)][who].append(ms)
                res["widget"][c.label(path)]["key"] = f"{widget.key} ({widget.kind})"
            print("  widget reruns done", flush=True)
            live_section(paths, res, lib_page, live, runs, errors)
            print("  library floors' clicks and widget reruns done", flush=True)
            external = [u for p in [*pages.values(), lib_page] for u in p.external_requests]
            if external:
                errors.append(f"external requests: {sorted(set(external))[:5]}")
        finally:
            for p in [*pages.values(), lib_page]:
                if p is not None:
                    p.context.close()
            if live is not None:
                live.stop()
    res["errors"] = errors
    return res


def _record_kinds(page: Any, path: str, res: dict, key: str, errors: list[str]) -> None:
    kinds, unknown = c.element_kinds(page)
    res["library"][c.label(path)][key] = kinds
    if unknown:  # the library floor would leave them out: model them in scripts/floors.py
        errors.append(f"/{path}: element kinds the library floor does not model: {unknown}")


def _widget_kind(path: str) -> str:
    widget = c.MAIN_WIDGETS.get(path)
    return widget.kind if widget else "selectbox"


def _combos(paths: list[str], res: dict) -> list[tuple[tuple[str, ...], str]]:
    """The library floor pages to serve: each page's kinds, and (for a page with a main
    widget) what it mounts after the widget changed."""
    return [
        (tuple(res["library"][c.label(path)][key]), _widget_kind(path))
        for path in paths
        for key in ("kinds", "widget_kinds")
        if key == "kinds" or c.MAIN_WIDGETS.get(path)
    ]


def _warm_cycle(page: Any, widget: c.Widget, errors: list[str]) -> None:
    """Untimed changes of ``widget`` until each of its values was drawn (c.cycle_length)."""
    n = _safe(lambda: {"elapsed": c.cycle_length(page, widget)}, errors, "warm-up") or 2
    for _ in range(int(n)):
        _safe(lambda: c.widget_rerun(page, widget), errors, f"warm-up {widget.key}")


def _live(path: str, res: dict, key: str = "kinds") -> str:
    return c.live_path(res["library"][c.label(path)][key], _widget_kind(path))


def live_section(
    paths: list[str], res: dict[str, Any], page: Any, live: c.AppServer, runs: int, errors: list
) -> None:
    """Sidebar clicks and widget reruns on the library floors (scripts/floors.py
    live_library_app): for each page, a page with the same element kinds, one minimal
    instance each, and one widget of the page's main widget kind. A click is timed from the
    live floor's empty start page; a widget change redraws every content element."""
    c.deep_link(page, live.page_url(c.LIVE_START))
    for path in paths:  # warm-up, not counted
        _safe(lambda p=path: c.sidebar_click(page, _live(p, res)), errors, "warm-up")
        _safe(lambda: c.sidebar_click(page, ""), errors, "warm-up")
    for _run in range(runs):
        for path in paths:
            ms = _safe(
                lambda p=path: c.sidebar_click(page, _live(p, res)),
                errors,
                f"click library floor /{path}",
            )
            if ms is not None:
                res["library"][c.label(path)]["click"].append(ms)
            _safe(lambda: c.sidebar_click(page, ""), errors, "click library floor start")
    for path in paths:
        if not c.MAIN_WIDGETS.get(path):
            continue
        c.deep_link(page, live.page_url(_live(path, res, "widget_kinds")))
        widget = c.Widget(c.LIVE_WIDGET_KEY, _widget_kind(path))
        _warm_cycle(page, widget, errors)
        for _run in range(runs):
            ms = _safe(
                lambda w=widget: c.widget_rerun(page, w),
                errors,
                f"widget library floor /{path}",
            )
            if ms is not None:
                res["library"][c.label(path)]["widget"].append(ms)


# --------------------------------------------------------------------------- report
def _ratio(app: list[float], floor: list[float]) -> float | None:
    a, f = c.median(app), c.median(floor)
    return None if a is None or not f else a / f


def report(
    paths: list[str], at: dict | None, br: dict | None, who: str = "app"
) -> tuple[str, dict]:
    """The table for ``who`` ("app": this checkout; "before": the --before ref)."""
    rows, verdicts = [], {}
    for path in paths:
        name = c.label(path)
        v: dict[str, Any] = {}
        row = [f"/{path}" if path else "/ (overview)"]
        if at:
            ms = at["app"][name]["median_ms"]
            v["script_ms"] = ms
            v["script_ok"] = (
                ms is not None and ms <= TARGETS["script_ms"] and not at["app"][name]["exceptions"]
            )
            row += [
                f"{c.fmt_ms(ms)} (floor {c.fmt_ms(at['floor'][name]['median_ms'])})",
                "ok" if v["script_ok"] else "MISS",
            ]
        if br:
            for kind, target in (
                ("deep", "deep_ratio"),
                ("click", "click_ratio"),
                ("widget", "widget_ratio"),
            ):
                d = br[kind][name]
                ratio = _ratio(d[who], d["floor"])
                v[f"{kind}_app_ms"], v[f"{kind}_floor_ms"] = (
                    c.median(d[who]),
                    c.median(d["floor"]),
                )
                v[f"{kind}_ratio"] = ratio
                if ratio is None:
                    row += ["n/a", ""]
                    continue
                ok = ratio <= TARGETS[target]
                v[f"{kind}_ok"] = ok
                row += [
                    f"{c.fmt_ms(c.median(d[who]))} / {c.fmt_ms(c.median(d['floor']))} = {ratio:.2f}x",
                    "ok" if ok else "MISS",
                ]
        rows.append(row)
        verdicts[name] = v
    headers = ["page"]
    if at:
        headers += ["AppTest warm ms", "<=50ms"]
    if br:
        headers += [
            "deep link ms app/floor",
            _x("deep_ratio"),
            "sidebar click ms app/floor",
            _x("click_ratio"),
            "widget rerun ms app/floor",
            _x("widget_ratio"),
        ]
    text = c.table(headers, rows)
    if br and who == "app":
        keys = [f"{c.label(p)}: {br['widget'][c.label(p)].get('key', 'no widget')}" for p in paths]
        text += "\nwidgets: " + "; ".join(keys)
        text += "\n\n" + library_report(paths, br, verdicts)
    return text, verdicts


def library_report(paths: list[str], br: dict, verdicts: dict[str, dict]) -> str:
    """The heavy libraries alone, against the same targets: the library floor against the
    empty floor (can any page drawing these kinds meet the target?), and the page against
    its library floor (what the page's own content adds)."""
    rows = []
    for path in paths:
        name = c.label(path)
        lib, v = br["library"][name], verdicts[name]
        v["library_kinds"], v["library_widget_kinds"] = lib["kinds"], lib["widget_kinds"]
        mounted = _kinds_summary(lib["kinds"])
        if lib["widget_kinds"] and lib["widget_kinds"] != lib["kinds"]:
            mounted += f"; after the widget {_kinds_summary(lib['widget_kinds'])}"
        row = [f"/{path}" if path else "/ (overview)", mounted]
        pairs = []
        for kind, target in (
            ("deep", "deep_ratio"),
            ("click", "click_ratio"),
            ("widget", "widget_ratio"),
        ):
            floor, own = br[kind][name]["floor"], lib[kind]
            ratio = _ratio(own, floor)
            v[f"{kind}_library_ms"], v[f"{kind}_library_floor_ratio"] = c.median(own), ratio
            app_ratio = _ratio(br[kind][name]["app"], own)
            v[f"{kind}_app_library_ratio"] = app_ratio
            if ratio is None:
                row += ["n/a", ""]
            else:
                row += [
                    f"{c.fmt_ms(c.median(own))} / {c.fmt_ms(c.median(floor))} = {ratio:.2f}x",
                    "ok" if ratio <= TARGETS[target] else "MISS",
                ]
            pairs.append("n/a" if app_ratio is None else f"{app_ratio:.2f}x")
        rows.append(row + pairs)
    headers = [
        "page",
        "element kinds (sidebar)",
        "library floor / floor: deep link ms",
        _x("deep_ratio"),
        "sidebar click ms",
        _x("click_ratio"),
        "widget rerun ms",
        _x("widget_ratio"),
        "page / library floor: deep",
        "click",
        "widget",
    ]
    return (
        "Library floors (one minimal instance of each element kind the page mounts, in the "
        "same place; the kinds are in the JSON results):\n" + c.table(headers, rows)
    )


def _kinds_summary(kinds: list[str]) -> str:
    side = sum(k.startswith(c.SIDEBAR) for k in kinds)
    return f"{len(kinds)} ({side})"


def compare_report(paths: list[str], br: dict, ref: str) -> str:
    """Before (--before REF) and after (this checkout), each as a ratio to the same floor,
    from the same run."""
    rows = []
    for path in paths:
        name = c.label(path)
        row = [f"/{path}" if path else "/ (overview)"]
        for kind, target in (
            ("deep", "deep_ratio"),
            ("click", "click_ratio"),
            ("widget", "widget_ratio"),
        ):
            d = br[kind][name]
            before, after = _ratio(d["before"], d["floor"]), _ratio(d["app"], d["floor"])
            if before is None or after is None:
                row += ["n/a", ""]
                continue
            ms = f"{c.fmt_ms(c.median(d['before']))} -> {c.fmt_ms(c.median(d['app']))} ms"
            row += [
                f"{ms} ({before:.2f}x -> {after:.2f}x)",
                "ok" if after <= TARGETS[target] else "MISS",
            ]
        rows.append(row)
    headers = [
        "page",
        "deep link before -> after (x floor)",
        _x("deep_ratio"),
        "sidebar click before -> after",
        _x("click_ratio"),
        "widget rerun before -> after",
        _x("widget_ratio"),
    ]
    return f"Before ({ref}) and after (this checkout), same run, same floor:\n" + c.table(
        headers, rows
    )


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--apptest-runs", type=int, default=20)
    ap.add_argument("--browser-runs", type=int, default=6)  # every order once, with --before
    ap.add_argument(
        "--pages",
        nargs="*",
        default=None,
        help="url paths to measure ('overview' for the default page); default all",
    )
    ap.add_argument("--skip-apptest", action="store_true")
    ap.add_argument("--skip-browser", action="store_true")
    ap.add_argument("--width", type=int, default=1920)
    ap.add_argument("--height", type=int, default=1080)
    ap.add_argument("--profile", metavar="PAGE", help="profile one page with pyinstrument and exit")
    ap.add_argument(
        "--before",
        metavar="REF",
        help="also serve this git ref (a temporary worktree) and time it in the same run",
    )
    args = ap.parse_args()

    paths = list(c.SIDEBAR_PAGES)
    if args.pages:
        paths = ["" if p in ("overview", "") else p for p in args.pages]
    if args.profile is not None:
        profile_page("" if args.profile == "overview" else args.profile, args.apptest_runs)
        return 0

    machine = c.machine()
    print(
        f"bench/pages.py on {machine['cpu']} ({machine['cores']} cores), load {machine['loadavg']}",
        flush=True,
    )
    if args.before:
        machine["before"] = subprocess.run(
            ["git", "-C", str(c.REPO_ROOT), "rev-parse", "--short", args.before],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    with (
        tempfile.TemporaryDirectory(prefix="bench-floor-") as tmp,
        c.before_checkout(None if args.skip_browser else args.before) as before_dir,
    ):
        floor = c.floor_app(Path(tmp))
        at = None if args.skip_apptest else apptest_section(paths, floor, args.apptest_runs)
        br = None
        if not args.skip_browser:
            servers = [c.start_server(), c.start_server(floor)]
            if before_dir is not None:
                servers.append(c.start_server(before_dir / "app.py", cwd=before_dir))
            try:
                br = browser_section(
                    paths, *servers[:2], args.browser_runs, args.width, args.height, *servers[2:]
                )
            except Exception:  # noqa: BLE001 - print, stop the servers, exit 1
                traceback.print_exc()
                return 1
            finally:
                for srv in servers:
                    srv.stop()
    text, verdicts = report(paths, at, br)
    if br and args.before:
        before_text, before_verdicts = report(paths, None, br, who="before")
        text = (
            f"{compare_report(paths, br, args.before)}\n\nAfter (this checkout, "
            f"{machine['commit']}):\n{text}\n\nBefore ({args.before}, {machine['before']}):\n"
            f"{before_text}"
        )
        verdicts = {"after": verdicts, "before": before_verdicts}
    machine["loadavg_end"] = __import__("os").getloadavg()
    print()
    print(text)
    if br and br["errors"]:
        print(f"\n{len(br['errors'])} error(s):")
        for e in br["errors"][:20]:
            print("  -", e)
    path = c.write_json(
        "pages",
        {
            "machine": machine,
            "args": vars(args),
            "targets": TARGETS,
            "apptest": at,
            "browser": br,
            "verdicts": verdicts,
            "table": text,
        },
    )
    print(f"\nJSON: {path.relative_to(c.REPO_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
