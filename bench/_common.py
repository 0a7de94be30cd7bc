"""Shared helpers for the bench scripts (pages.py, load.py, soak.py).

Run the scripts from the repository root, e.g. ``.venv/bin/python bench/pages.py``.
They share the app harness with the browser tests: ``scripts/browser.py`` (server start,
Debian Chromium, network guard) and ``scripts/widgets.py`` (in-page idle waiter, widget
actions by key, each page's widgets), and the generated floor apps in ``scripts/floors.py``.
This module adds:

- machine information, statistics and JSON output to ``bench/results/``.
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from scripts.browser import (
    CHROMIUM_PATH,
    AppServer,
    launch_app_server,
    launch_chromium,
    new_guarded_page,
)
from scripts.floors import (  # noqa: F401  (re-exported for pages.py)
    ELEMENT_KINDS,
    FLOOR_WIDGETS,
    LIVE_START,
    LIVE_TESTID,
    LIVE_WIDGET_KEY,
    PAGES,
    SIDEBAR,
    SIDEBAR_PAGES,
    element_kinds,
    floor_app,
    label,
    live_library_app,
    live_path,
)
from scripts.widgets import (  # noqa: F401  (re-exported for pages.py and load.py)
    MAIN_WIDGETS,
    OTHER_WIDGETS,
    BenchError,
    Widget,
    cycle_length,
    deep_link,
    nav_link_selector,
    sidebar_click,
    wait_idle,
    widget_rerun,
)

RESULTS_DIR = REPO_ROOT / "bench" / "results"
APP = REPO_ROOT / "app.py"


# --------------------------------------------------------------------------- browser/server
def start_server(
    app: Path | None = None, env: dict[str, str | None] | None = None, cwd: Path | None = None
) -> AppServer:
    return launch_app_server(env, app=app, cwd=cwd)


@contextlib.contextmanager
def chromium() -> Any:
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM_PATH):
        raise SystemExit(f"{CHROMIUM_PATH} not found: install Debian's chromium")
    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        try:
            yield browser
        finally:
            browser.close()


def new_page(browser: Any, width: int = 1920, height: int = 1080) -> Any:
    return new_guarded_page(browser, viewport={"width": width, "height": height})


@contextlib.contextmanager
def before_checkout(ref: str | None):
    """``git worktree add --detach`` of ``ref`` in a temporary folder (None: nothing)."""
    if ref is None:
        yield None
        return
    with tempfile.TemporaryDirectory(prefix="bench-before-") as tmp:
        dest = Path(tmp) / "checkout"
        git = ["git", "-C", str(REPO_ROOT), "worktree"]
        subprocess.run([*git, "add", "--detach", str(dest), ref], check=True, capture_output=True)
        try:
            yield dest
        finally:
            subprocess.run([*git, "remove", "--force", str(dest)], check=False)


# --------------------------------------------------------------------------- stats/output
def pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    xs = sorted(values)
    k = (len(xs) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def fmt_ms(value: float | None) -> str:
    return "-" if value is None else f"{value:,.0f}"


def table(headers: list[str], rows: list[list[Any]]) -> str:
    cells = [[str(c) for c in headers]] + [[str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = []
    for n, r in enumerate(cells):
        lines.append("| " + " | ".join(c.ljust(widths[i]) for i, c in enumerate(r)) + " |")
        if n == 0:
            lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def machine() -> dict[str, Any]:
    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem_gb = None
    with contextlib.suppress(ImportError):
        import psutil

        mem_gb = round(psutil.virtual_memory().total / 2**30, 1)
    import streamlit

    return {
        "date": time.strftime("%Y-%m-%d %H:%M:%S %z"),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": mem_gb,
        "streamlit": streamlit.__version__,
        "loadavg": os.getloadavg(),
        # "-dirty" when tracked files differ from HEAD: the figures are then not HEAD's
        "commit": subprocess.run(
            ["git", "-C", str(REPO_ROOT), "describe", "--always", "--dirty", "--match=NONE"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip(),
    }


def write_json(name: str, payload: dict[str, Any]) -> Path:
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path = RESULTS_DIR / f"{name}-{stamp}.json"
    path.write_text(json.dumps(payload, indent=2, default=str), encoding="utf-8")
    latest = RESULTS_DIR / f"{name}-latest.json"
    latest.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    return path
