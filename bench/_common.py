"""Shared helpers for the bench scripts (pages.py, load.py, soak.py).

Run the scripts from the repository root, e.g. ``.venv/bin/python bench/pages.py``.
They reuse the e2e harness in ``tests/e2e/helpers.py`` (server start, Debian Chromium,
network guard) and add:

- ``floor_app(folder)``: the *floor*, a copy of the app's router where every page is a
  one-line empty Streamlit page (same url paths, same page config; same server settings
  because every server is started from the repo root, which holds ``.streamlit/config.toml``),
  plus one ``widget`` page with one widget of each kind, the floor for widget reruns;
- an in-page idle waiter (``IDLE_WAITER_JS``) that times "navigation/input -> idle" with the
  browser's own clock, so Playwright's round trips are not counted;
- widget actions by key (``WIDGET_ACTIONS``) used by pages.py and load.py;
- machine information, statistics and JSON output to ``bench/results/``.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import platform
import statistics
import sys
import textwrap
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from tests.e2e.helpers import (
    CHROMIUM_PATH,
    AppServer,
    app_routes,
    launch_app_server,
    launch_chromium,
    new_guarded_page,
)

RESULTS_DIR = REPO_ROOT / "bench" / "results"
APP = REPO_ROOT / "app.py"

# url path -> page file, as routed by app.py ("" is the default page, served at "/").
PAGES: dict[str, str] = app_routes(APP)


def label(path: str) -> str:
    return path or "overview"


# --------------------------------------------------------------------------- floor app
def _floor_router() -> str:
    """app.py itself, with every page file swapped for its empty floor page, plus the widget
    floor page: the floor cannot drift from the real router's config and url paths."""
    router = APP.read_text(encoding="utf-8")
    floor = router.replace('st.Page("pages/', 'st.Page("floor_')
    tail = "\n]\n\nst.navigation(pages).run()"
    assert floor != router and tail in floor, "app.py changed shape: update bench/_common.py"
    widget = '\n    st.Page("floor_widget.py", title="Floor widgets", url_path="widget"),'
    return floor.replace(tail, widget + tail)


_FLOOR_WIDGETS = '''\
import streamlit as st

st.selectbox("Floor selectbox", ["a", "b", "c"], key="floor_select")
st.multiselect("Floor multiselect", ["a", "b", "c"], key="floor_multi")
st.radio("Floor radio", ["a", "b", "c"], key="floor_radio", horizontal=True)
st.segmented_control("Floor segmented", ["a", "b", "c"], key="floor_seg")
st.toggle("Floor toggle", key="floor_toggle")
st.text_input("Floor text", key="floor_text")
'''


# Library floors: the browser cost of a heavy element kind is paid by any page that draws
# one, however small (its JavaScript chunk is parsed and run, the element mounted). A page's
# library floor is an otherwise empty page with one minimal instance of each heavy kind the
# page mounts, detected in the browser by these selectors. In the floor app they are hidden
# from the sidebar, so the empty floor's sidebar stays the app's; they are reached by deep
# links. The code draws from `pick`, a string: a constant on those pages, a widget's value
# on the live library floor (live_library_app), so that a widget change redraws each one.
HEAVY_KINDS: dict[str, tuple[str, str]] = {  # kind -> (DOM selector, minimal Streamlit code)
    "deck": ('[data-testid="stDeckGlJsonChart"]',
             ("import pydeck as pdk\n"
             "st.pydeck_chart(pdk.Deck(layers=[pdk.Layer('ScatterplotLayer', "
             "data=[{'p': [60 + sum(map(ord, pick)) % 10, 40]}], get_position='p', "
             "get_radius=20000)], map_provider=None, initial_view_state="
             "pdk.ViewState(latitude=40, longitude=65, zoom=4)), key='floor_deck')\n")),
    "grid": ('[data-testid="stDataFrame"]',
             ("import pandas as pd\n"
             "st.dataframe(pd.DataFrame({'a': [pick]}), key='floor_grid')\n")),
    "vega": ('[data-testid="stVegaLiteChart"]',
             ("st.vega_lite_chart({'data': {'values': [{'a': 'x', 'b': sum(map(ord, pick))}]}, "
             "'mark': 'bar', 'encoding': {'x': {'field': 'a', 'type': 'nominal'}, "
             "'y': {'field': 'b', 'type': 'quantitative'}}}, key='floor_vega')\n")),
}


def library_path(kinds: Iterable[str]) -> str | None:
    """The floor app's url path for a set of heavy kinds (None: the plain empty floor)."""
    kinds = sorted(set(kinds))
    return "lib-" + "-".join(kinds) if kinds else None


def _library_sets() -> list[tuple[str, ...]]:
    names = sorted(HEAVY_KINDS)
    return [combo for n in range(1, len(names) + 1) for combo in itertools.combinations(names, n)]


def _library_code(kinds: Iterable[str], widget: str | None = None) -> str:
    """A library floor page: a constant ``pick``, or ``widget`` (code setting ``pick``) drawn
    below the heavy elements, where no chart toolbar can cover it."""
    heavy = "".join(HEAVY_KINDS[k][1] for k in sorted(kinds))
    if widget is None:
        return 'import streamlit as st\npick = "a"\n' + heavy
    return ("import streamlit as st\ntop = st.container()\n" + widget + "with top:\n"
            + textwrap.indent(heavy, "    "))


def floor_app(folder: Path) -> Path:
    """Write the floor app into ``folder`` and return its router script."""
    folder.mkdir(parents=True, exist_ok=True)
    router = _floor_router()
    extra = "".join(
        f'\n    st.Page("floor_{library_path(kinds).replace("-", "_")}.py", '
        f'title="Floor {" + ".join(kinds)}", url_path="{library_path(kinds)}", visibility="hidden"),'
        for kinds in _library_sets()
    )
    tail = "\n]\n\nst.navigation(pages).run()"
    (folder / "floor_app.py").write_text(router.replace(tail, extra + tail), encoding="utf-8")
    for path in PAGES:
        (folder / f"floor_{label(path)}.py").write_text(
            "import streamlit as st\n", encoding="utf-8"
        )
    (folder / "floor_widget.py").write_text(_FLOOR_WIDGETS, encoding="utf-8")
    for kinds in _library_sets():
        (folder / f"floor_{library_path(kinds).replace('-', '_')}.py").write_text(
            _library_code(kinds), encoding="utf-8")
    return folder / "floor_app.py"


# The live library floor: for sidebar clicks and widget reruns, a page per (heavy kinds,
# widget kind) a measured page needs, visible in the sidebar, with one widget of that kind
# whose value every heavy element draws. Its own server, so the empty floor's sidebar
# stays exactly the app's. Answers: what does a click or a widget change cost on a page
# that draws the same libraries and nothing else?
LIVE_WIDGET_KEY = "floor_live"
_LIVE_PICK = {  # widget kind -> code setting `pick` from a widget keyed LIVE_WIDGET_KEY
    # only the kinds of MAIN_WIDGETS (tests/test_bench_floors.py asks for a new one)
    "selectbox": f'pick = st.selectbox("Floor pick", ["a", "b", "c"], key="{LIVE_WIDGET_KEY}")\n',
    "multiselect": (f'pick = ",".join(st.multiselect("Floor pick", ["a", "b", "c"], '
                    f'key="{LIVE_WIDGET_KEY}")) or "-"\n'),
    "toggle": f'pick = "on" if st.toggle("Floor pick", key="{LIVE_WIDGET_KEY}") else "off"\n',
}
LIVE_START = "start"  # the live floor's empty page, where every measured click starts


def live_path(kinds: Iterable[str], widget_kind: str) -> str:
    return f"live-{'-'.join(sorted(set(kinds)))}-{widget_kind}"


def live_library_app(folder: Path, combos: Iterable[tuple[tuple[str, ...], str]]) -> Path:
    """Write the live library floor (an empty start page plus one page per combo)."""
    folder.mkdir(parents=True, exist_ok=True)
    combos = sorted(set(combos))
    router = APP.read_text(encoding="utf-8")
    assert "pages = [" in router, "app.py changed shape: update bench/_common.py"
    header = router[:router.index("pages = [")]  # imports and app.py's own page config
    lines = [header.rstrip("\n"), 'pages = [',
             f'    st.Page("live_start.py", title="Start", url_path="{LIVE_START}", default=True),']
    (folder / "live_start.py").write_text("import streamlit as st\n", encoding="utf-8")
    for kinds, widget_kind in combos:
        path = live_path(kinds, widget_kind)
        name = path.replace("-", "_") + ".py"
        (folder / name).write_text(_library_code(kinds, _LIVE_PICK[widget_kind]), encoding="utf-8")
        lines.append(f'    st.Page("{name}", title="{path}", url_path="{path}"),')
    lines += [']', '', 'st.navigation(pages).run()', '']
    (folder / "live_app.py").write_text("\n".join(lines), encoding="utf-8")
    return folder / "live_app.py"


def heavy_kinds(page: Any) -> list[str]:
    """The heavy element kinds mounted on the page now (HEAVY_KINDS selectors)."""
    return [k for k, (sel, _code) in sorted(HEAVY_KINDS.items()) if page.locator(sel).count()]


# The floor's equivalent of each widget kind (used for the widget-rerun floor).
FLOOR_WIDGETS = {
    "selectbox": "floor_select",
    "multiselect": "floor_multi",
    "radio": "floor_radio",
    "segmented": "floor_seg",
    "toggle": "floor_toggle",
    "text": "floor_text",
}


# --------------------------------------------------------------------------- idle waiter
# Resolves with the browser-clock time (performance.now(), ms since navigation start) at
# which the app became idle and then stayed idle for `holdMs`. Idle is the same rule as
# tests/e2e/helpers.wait_for_idle (stApp script state notRunning, connection CONNECTED,
# no stSkeleton/stAppSkeleton, status widget not running) plus "no DOM change": the clock
# stops at the first idle poll (every 10 ms) after the last DOM change, so rendering that
# lands after the script finished (charts, tables) is counted.
IDLE_WAITER_JS = textwrap.dedent(
    """
    async ({holdMs, timeoutMs, t0, requireBusy, busyGraceMs}) => {
      const probe = () => {
        const app = document.querySelector('[data-testid="stApp"]');
        if (!app) return 'no stApp';
        const script = app.getAttribute('data-test-script-state');
        if (script === 'compilationError') return 'FATAL: script compilation error';
        if (script !== 'notRunning') return 'script state: ' + script;
        const conn = app.getAttribute('data-test-connection-state');
        if (conn !== 'CONNECTED') return 'connection state: ' + conn;
        if (document.querySelector('[data-testid="stSkeleton"], [data-testid="stAppSkeleton"]'))
          return 'skeleton visible';
        const status = document.querySelector('[data-testid="stStatusWidget"]');
        if (status && status.querySelector('[data-testid="stStatusWidgetRunningIcon"],'
            + '[data-testid="stStatusWidgetRunningManIcon"]')) return 'status widget: running';
        return '';
      };
      const begin = performance.now();
      t0 = (t0 === null || t0 === undefined) ? begin : t0;
      let sawBusy = false, idleSince = null, last = 'not probed';
      // A fast rerun can be over before this waiter starts (a Playwright round trip later):
      // ACTIVITY_CLOCK_JS, installed before the action, saw it, so the quiet period
      // started at its last DOM change, not now.
      const seen = window.__benchActivityAt;
      if (seen !== undefined && seen !== null && seen >= t0) { sawBusy = true; idleSince = seen; }
      const mark = () => {
        last = probe();
        if (last !== '') { sawBusy = true; idleSince = null; }
        return last;
      };
      // Any change of the state attributes, or any DOM change in the app view, is
      // activity: fast reruns can flip running -> notRunning within one React render,
      // so the rendered DOM changing is the other sign that the rerun happened.
      const activity = () => { sawBusy = true; idleSince = null; };
      const stateObserver = new MutationObserver(() => { mark(); activity(); });
      stateObserver.observe(document, {
        subtree: true, attributes: true,
        attributeFilter: ['data-test-script-state', 'data-test-connection-state', 'data-stale'],
      });
      const domObserver = new MutationObserver(activity);
      domObserver.observe(document, {
        subtree: true, childList: true, characterData: true,
      });
      try {
        return await new Promise((resolve) => {
          const tick = () => {
            const now = performance.now();
            const reason = mark();
            if (reason.startsWith('FATAL')) return resolve({error: reason});
            const armed = sawBusy || !requireBusy || (now - t0) > busyGraceMs;
            if (reason === '' && armed) {
              if (idleSince === null) idleSince = now;
              if (now - idleSince >= holdMs) {
                const exceptions = document.querySelectorAll(
                  '[data-testid="stException"], [data-testid="stErrorElementStack"]').length;
                return resolve({idle: idleSince, t0: t0, elapsed: idleSince - t0,
                                sawBusy: sawBusy, exceptions: exceptions});
              }
            }
            if (now - begin > timeoutMs) return resolve({timeout: reason || last});
            setTimeout(tick, 10);
          };
          tick();
        });
      } finally {
        stateObserver.disconnect();
        domObserver.disconnect();
      }
    }
    """
)

# Records the browser-clock time of the last user input, so a widget action driven by
# Playwright (several events) is timed from its last pointer/key event.
INPUT_CLOCK_JS = """
() => {
  if (window.__benchInputClock) return;
  window.__benchInputClock = true;
  window.__benchLastInput = null;
  for (const type of ['pointerdown', 'mousedown', 'keydown', 'click']) {
    window.addEventListener(type, () => { window.__benchLastInput = performance.now(); },
                            {capture: true});
  }
}
"""

# Records the browser-clock time of the last DOM change in the page, from before an action
# until the next navigation, so the idle waiter also sees a rerun that ended before it
# started: on the floor a rerun takes ~40 ms, about one Playwright round trip.
ACTIVITY_CLOCK_JS = """
() => {
  if (window.__benchActivityClock) return;
  window.__benchActivityClock = true;
  window.__benchActivityAt = null;
  new MutationObserver(() => { window.__benchActivityAt = performance.now(); }).observe(
    document, {subtree: true, childList: true, characterData: true, attributes: true,
               attributeFilter: ['data-test-script-state', 'data-test-connection-state',
                                 'data-stale']});
}
"""

HOLD_MS = 300


class BenchError(RuntimeError):
    pass


def _evaluate_waiter(page: Any, args: dict) -> dict:
    from playwright.sync_api import Error as PlaywrightError

    for _ in range(20):
        try:
            result = page.evaluate(IDLE_WAITER_JS, args)
            break
        except PlaywrightError as exc:  # context destroyed by a navigation in progress
            if "Execution context was destroyed" not in str(exc) and "navigat" not in str(exc):
                raise
            time.sleep(0.05)
    else:
        raise BenchError(f"{page.url}: idle waiter could not run")
    if "idle" not in result:
        raise BenchError(f"{page.url}: {result}")
    return result


def wait_idle(
    page: Any,
    *,
    t0: float | None = None,
    require_busy: bool = False,
    timeout_ms: float = 60000,
    busy_grace_ms: float = 2000,
) -> dict:
    """Wait in the page until idle; returns {'idle', 't0', 'elapsed', 'sawBusy', 'exceptions'}."""
    return _evaluate_waiter(
        page,
        {
            "holdMs": HOLD_MS,
            "timeoutMs": timeout_ms,
            "t0": t0,
            "requireBusy": require_busy,
            "busyGraceMs": busy_grace_ms,
        },
    )


def deep_link(page: Any, url: str, timeout_ms: float = 60000) -> dict:
    """Navigate to ``url``; time from navigation start to idle (browser clock)."""
    page.goto(url, wait_until="commit", timeout=timeout_ms)
    result = wait_idle(page, t0=0.0, timeout_ms=timeout_ms)
    result["elapsed"] = result["idle"]  # performance.now() counts from navigation start
    return result


def nav_link_selector(path: str) -> str:
    # The default page's link points at the base URL; the others at /<url_path>.
    if path:
        return f'[data-testid="stSidebarNav"] a[href$="/{path}"]'
    return '[data-testid="stSidebarNav"] a[data-testid="stSidebarNavLink"]'


def sidebar_click(page: Any, path: str, timeout_ms: float = 60000) -> dict:
    """Click the sidebar link of ``path`` (client-side navigation); time click -> idle."""
    selector = nav_link_selector(path)
    link = page.locator(selector).first
    link.wait_for(state="visible", timeout=timeout_ms)
    page.evaluate(ACTIVITY_CLOCK_JS)
    t0 = page.evaluate(
        """(sel) => { const a = document.querySelector(sel); const t = performance.now();
                      a.click(); return t; }""",
        selector,
    )
    return wait_idle(page, t0=t0, require_busy=True, timeout_ms=timeout_ms)


# --------------------------------------------------------------------------- widget actions
def _key_locator(page: Any, key: str) -> Any:
    return page.locator(f".st-key-{key}").first


def _open_and_pick(page: Any, key: str, pick: int | None) -> None:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    box = _key_locator(page, key)
    combo = box.locator('[role="combobox"], [data-baseweb="select"] input').first
    options = page.locator('[role="listbox"] [role="option"]')
    for attempt in range(3):  # a click landing during a re-render may not open the list
        if attempt == 0:
            combo.click()
        elif attempt == 1:
            combo.press("ArrowDown")
        else:
            box.locator('button[aria-label="Open"]').first.click()
        try:
            options.first.wait_for(state="visible", timeout=3000)
            break
        except PlaywrightTimeout:
            continue
    else:
        raise BenchError(f"{key}: the option list did not open")
    n = options.count()
    if n == 0:
        raise BenchError(f"{key}: no options")
    # Cycle through options so every action really changes the value.
    state = page.evaluate("(k) => (window.__benchPick = window.__benchPick || {})[k] || 0", key)
    idx = (state + 1) % n if pick is None else pick % n
    page.evaluate("([k, i]) => { window.__benchPick[k] = i; }", [key, idx])
    options.nth(idx).click()


def _selectbox(page: Any, key: str) -> None:
    _open_and_pick(page, key, None)


def _multiselect(page: Any, key: str) -> None:
    box = _key_locator(page, key)
    # Alternate: add an option, then clear everything (both are reruns).
    clear = box.locator('[role="button"][aria-label*="Clear"], [aria-label="Clear all"]')
    if clear.count() and clear.first.is_visible():
        clear.first.click()
        return
    _open_and_pick(page, key, -1)  # the last option (the first may be "Select all")


def _radio_like(page: Any, key: str) -> None:
    box = _key_locator(page, key)
    options = box.locator(
        '[data-testid="stRadioOption"], button[role="radio"], button[data-variant="pills"]'
    )
    n = options.count()
    if n < 2:
        raise BenchError(f"{key}: fewer than two options")
    state = page.evaluate("(k) => (window.__benchPick = window.__benchPick || {})[k] || 0", key)
    idx = (state + 1) % n
    page.evaluate("([k, i]) => { window.__benchPick[k] = i; }", [key, idx])
    options.nth(idx).click()


def _toggle(page: Any, key: str) -> None:
    _key_locator(page, key).locator("label").first.click()


def _text(page: Any, key: str) -> None:
    box = _key_locator(page, key).locator("input, textarea").first
    value = page.evaluate("(k) => { window.__benchText = (window.__benchText || 0) + 1; "
                          "return window.__benchText; }", key)
    box.fill("osce" if value % 2 else "")
    box.press("Enter")


def _slider(page: Any, key: str) -> None:
    thumb = _key_locator(page, key).locator('[role="slider"]').first
    value = page.evaluate("(k) => { window.__benchSlide = (window.__benchSlide || 0) + 1; "
                          "return window.__benchSlide; }", key)
    thumb.focus()
    thumb.press("ArrowLeft" if value % 2 else "ArrowRight")


WIDGET_ACTIONS = {
    "selectbox": _selectbox,
    "multiselect": _multiselect,
    "radio": _radio_like,
    "segmented": _radio_like,
    "pills": _radio_like,
    "toggle": _toggle,
    "checkbox": _toggle,
    "text": _text,
    "slider": _slider,
}


@dataclass(frozen=True)
class Widget:
    key: str
    kind: str  # a WIDGET_ACTIONS key


# The main widget of each page (benchmarked for rerun time) and its other interactions
# (exercised by bench/load.py and the offline test). Keys come from the pages' source.
MAIN_WIDGETS: dict[str, Widget | None] = {
    "": None,  # the overview has no widget of its own
    "map": Widget("map_layer_incidents", "toggle"),
    "gti": Widget("gti_countries", "multiselect"),
    "approaches": Widget("approaches_partner", "multiselect"),
    "timeline": Widget("timeline_partner", "multiselect"),
    "countries": Widget("country", "selectbox"),
    "sources": Widget("kind", "multiselect"),
}
OTHER_WIDGETS: dict[str, list[Widget]] = {
    "": [],
    "map": [Widget("map_view", "segmented"), Widget("map_layer_labels", "toggle")],
    "gti": [],
    "approaches": [Widget("approaches_transpose", "toggle"), Widget("approaches_country", "selectbox")],
    "timeline": [Widget("timeline_incidents", "checkbox"), Widget("q", "text")],  # bound to ?q=
    "countries": [],
    "sources": [Widget("q", "text")],
}


def widget_rerun(page: Any, widget: Widget, timeout_ms: float = 60000) -> dict:
    """Change ``widget`` once; time from the last input event to idle."""
    page.evaluate(INPUT_CLOCK_JS)
    page.evaluate(ACTIVITY_CLOCK_JS)
    page.evaluate("() => { window.__benchLastInput = null; }")
    _key_locator(page, widget.key).wait_for(state="visible", timeout=timeout_ms)
    WIDGET_ACTIONS[widget.kind](page, widget.key)
    t0 = page.evaluate("() => window.__benchLastInput")
    if t0 is None:
        raise BenchError(f"{widget.key}: no input event recorded")
    result = wait_idle(page, t0=t0, require_busy=True, timeout_ms=timeout_ms)
    if page.locator('[role="listbox"]').count():  # close a dropdown left open (no rerun)
        page.keyboard.press("Escape")
    # Leave nothing focused: a multiselect keeps focus after a pick, and then a click on its
    # "Clear all" button only reopens the list (no change, no rerun: a timed-out sample).
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    return result


# --------------------------------------------------------------------------- browser/server
def start_server(app: Path | None = None, env: dict[str, str | None] | None = None) -> AppServer:
    return launch_app_server(env, app=app)


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
    }


def write_json(name: str, payload: dict[str, Any]) -> Path:
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path = RESULTS_DIR / f"{name}-{stamp}.json"
    path.write_text(json.dumps(payload, indent=2, default=str), encoding="utf-8")
    latest = RESULTS_DIR / f"{name}-latest.json"
    latest.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    return path
