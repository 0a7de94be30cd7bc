"""Drive the running app in Chromium by widget key, and time it with the browser's clock.

Shared by the browser tests (through ``tests/support/browser.py``) and the benchmarks in
``bench/`` (which neither import each other), so it lives here with ``scripts/browser.py``:

- an in-page idle waiter (``IDLE_WAITER_JS``, ``wait_idle``) that times
  "navigation/input -> idle" with the browser's own clock, so Playwright's round trips are
  not counted; ``deep_link`` and ``sidebar_click`` time a navigation;
- widget actions by key (``WIDGET_ACTIONS``), each page's widgets (``MAIN_WIDGETS``,
  ``OTHER_WIDGETS``) and ``widget_rerun``, which changes one and waits until idle.
"""

from __future__ import annotations

import textwrap
import time
from dataclasses import dataclass
from typing import Any

from scripts.browser import IDLE_PROBE_JS

# --------------------------------------------------------------------------- idle waiter
# A mutation record inside an open dropdown list (role="listbox") is the widget's own list,
# not the page: after a pick in a long multiselect the list stays open and re-renders
# about 320 ms later (Base Web), whatever the page draws. Measured on the timeline with
# every element but its sidebar filters removed: 326 ms to the list's last change, against
# 100 ms to the rerun's end. Both the page and the floor are timed without it.
IN_OPEN_LIST_JS = """
(record) => {
  const node = record.target;
  const el = node && node.nodeType === 1 ? node : node && node.parentElement;
  return !!(el && el.closest('[role="listbox"]'));
}
"""


# Resolves with the browser-clock time (performance.now(), ms since navigation start) at
# which the app became idle and then stayed idle for `holdMs`. Idle is the probe that
# scripts/browser.wait_for_idle uses (IDLE_PROBE_JS: stApp script state notRunning, connection
# CONNECTED, no stSkeleton/stAppSkeleton, status widget not running), without that function's
# empty-main check (MAIN_EMPTY_JS: the floor's pages draw nothing), plus "no DOM change": the clock
# stops at the first idle poll (every 10 ms) after the last DOM change, so rendering that
# lands after the script finished (charts, tables) is counted.
IDLE_WAITER_JS = textwrap.dedent(
    """
    async ({holdMs, timeoutMs, t0, requireBusy, busyGraceMs}) => {
      const probe = __IDLE_PROBE__;
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
      const inList = __IN_OPEN_LIST__;
      const stateObserver = new MutationObserver(() => { mark(); activity(); });
      stateObserver.observe(document, {
        subtree: true, attributes: true,
        attributeFilter: ['data-test-script-state', 'data-test-connection-state', 'data-stale'],
      });
      const domObserver = new MutationObserver((records) => {
        if (!records.every(inList)) activity();
      });
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
).replace("__IDLE_PROBE__", IDLE_PROBE_JS.strip())
IDLE_WAITER_JS = IDLE_WAITER_JS.replace("__IN_OPEN_LIST__", IN_OPEN_LIST_JS.strip())

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
  const inList = __IN_OPEN_LIST__;
  new MutationObserver((records) => {
    if (!records.every(inList)) window.__benchActivityAt = performance.now();
  }).observe(
    document, {subtree: true, childList: true, characterData: true, attributes: true,
               attributeFilter: ['data-test-script-state', 'data-test-connection-state',
                                 'data-stale']});
}
"""

ACTIVITY_CLOCK_JS = ACTIVITY_CLOCK_JS.replace("__IN_OPEN_LIST__", IN_OPEN_LIST_JS.strip())

HOLD_MS = 300


class BenchError(RuntimeError):
    """The app did not reach the state an action waits for."""


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


def open_options(page: Any, key: str) -> Any:
    """Open the option list of the select widget keyed ``key`` and return its options. A
    click or key press landing during a re-render may not open it, so each way is tried in
    turn (click, ArrowDown, the Open button) before giving up.

    The options are those of the list this widget's combobox controls (``aria-controls``),
    not any list on the page: the list of a select changed just before can still be in the
    DOM, closing, and its options would pass for this one's (a CI run found none to pick)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    box = _key_locator(page, key)
    combo = box.locator('[role="combobox"]').first
    expanded = box.locator('[role="combobox"][aria-expanded="true"][aria-controls]').first
    for attempt in range(3):
        if attempt == 0:
            combo.click()
        elif attempt == 1:
            combo.press("ArrowDown")
        else:
            box.locator('button[aria-label="Open"]').first.click()
        try:
            expanded.wait_for(state="attached", timeout=3000)
            options = page.locator(
                f'[id="{expanded.get_attribute("aria-controls")}"] [role="option"]'
            )
            options.first.wait_for(state="visible", timeout=3000)
            return options
        except PlaywrightTimeout:
            continue
    raise BenchError(f"{key}: the option list did not open")


# The indices of the options wholly inside their open list's box. A long list is
# virtualised: it renders a few options past its edge, and scrolling one of those into view
# re-renders the list, which detached the option under Playwright's click for 30 s in two
# CI runs.
OPTIONS_IN_VIEW_JS = """
(options) => {
  const list = options.length ? options[0].closest('[role="listbox"]') : null;
  if (!list) return [];
  const box = list.getBoundingClientRect();
  return options
    .map((o, i) => [o.getBoundingClientRect(), i])
    .filter(([r]) => r.height > 0 && r.top >= box.top - 1 && r.bottom <= box.bottom + 1)
    .map(([, i]) => i);
}
"""


PICK_ATTEMPTS = 3
PICK_TIMEOUT_MS = 5000


def _open_and_pick(page: Any, key: str, pick: int | None) -> None:
    """Pick option ``pick`` of those in view (-1: the last), or with None the next option
    after the previous pick (a selectbox cycles through its options).

    A rerun that lands just after the list opened (the previous change's late URL update,
    say) redraws the select and shuts its list, and the click then waited 30 s for an option
    that never came back (a CI run under load): the list is opened again, a few times."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for attempt in range(PICK_ATTEMPTS):
        options = open_options(page, key)
        n = options.count()
        if n == 0:
            raise BenchError(f"{key}: no options")
        # Cycle through options so every action really changes the value.
        state = page.evaluate("(k) => (window.__benchPick = window.__benchPick || {})[k] || 0", key)
        if pick is None:
            idx = (state + 1) % n
        else:
            in_view = options.evaluate_all(OPTIONS_IN_VIEW_JS) or list(range(n))
            idx = in_view[pick % len(in_view)]
        try:
            options.nth(idx).click(timeout=PICK_TIMEOUT_MS)
        except PlaywrightTimeout:
            if attempt == PICK_ATTEMPTS - 1:
                raise
            continue
        page.evaluate("([k, i]) => { window.__benchPick[k] = i; }", [key, idx])
        return


def _selectbox(page: Any, key: str) -> None:
    _open_and_pick(page, key, None)


def _multiselect(page: Any, key: str) -> None:
    box = _key_locator(page, key)
    # Alternate: add an option, then clear everything (both are reruns).
    clear = box.locator('[role="button"][aria-label*="Clear"], [aria-label="Clear all"]')
    if clear.count() and clear.first.is_visible():
        clear.first.click()
        return
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    chip = box.locator("[data-tag]").first  # a selected value's chip
    for _ in range(3):  # under load a click can land while the list animates: no pick
        _open_and_pick(page, key, -1)  # the last option (the first may be "Select all")
        try:
            chip.wait_for(state="visible", timeout=5000)
            return
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    raise BenchError(f"{key}: picking an option selected nothing")


RADIO_OPTIONS = '[data-testid="stRadioOption"], button[role="radio"]'  # radio, segmented
PILLS = 'button[data-variant="pills"]'


def _radio_like(page: Any, key: str) -> None:
    options = _key_locator(page, key).locator(RADIO_OPTIONS)
    n = options.count()
    if n < 2:
        raise BenchError(f"{key}: fewer than two options")
    state = page.evaluate("(k) => (window.__benchPick = window.__benchPick || {})[k] || 0", key)
    idx = (state + 1) % n
    page.evaluate("([k, i]) => { window.__benchPick[k] = i; }", [key, idx])
    options.nth(idx).click()


def _pill(page: Any, key: str) -> None:
    """Press the last pill: it toggles, so changes alternate between two values (as a
    multiselect's add and clear do)."""
    _key_locator(page, key).locator(PILLS).last.click()


def _toggle(page: Any, key: str) -> None:
    _key_locator(page, key).locator("label").first.click()


def _text(page: Any, key: str) -> None:
    box = _key_locator(page, key).locator("input, textarea").first
    value = page.evaluate(
        "(k) => { window.__benchText = (window.__benchText || 0) + 1; return window.__benchText; }",
        key,
    )
    box.fill("osce" if value % 2 else "")
    box.press("Enter")


def _slider(page: Any, key: str) -> None:
    thumb = _key_locator(page, key).locator('[role="slider"]').first
    value = page.evaluate(
        "(k) => { window.__benchSlide = (window.__benchSlide || 0) + 1; "
        "return window.__benchSlide; }",
        key,
    )
    thumb.focus()
    thumb.press("ArrowLeft" if value % 2 else "ArrowRight")


WIDGET_ACTIONS = {
    "selectbox": _selectbox,
    "multiselect": _multiselect,
    "radio": _radio_like,
    "segmented": _radio_like,
    "pills": _pill,
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
    "gti": Widget("gti_countries", "pills"),
    "approaches": Widget("approaches_partner", "multiselect"),
    "timeline": Widget("timeline_partner", "multiselect"),
    "countries": Widget("country", "selectbox"),
    "sources": Widget("kind", "pills"),  # bound to ?kind=
}
OTHER_WIDGETS: dict[str, list[Widget]] = {
    "": [],
    "map": [Widget("map_view", "segmented"), Widget("map_layer_labels", "toggle")],
    "gti": [],
    "approaches": [
        Widget("approaches_transpose", "toggle"),
        Widget("approaches_country", "selectbox"),
    ],
    "timeline": [Widget("timeline_incidents", "checkbox"), Widget("q", "text")],  # bound to ?q=
    "countries": [],
    "sources": [Widget("q", "text")],  # bound to ?q=
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


def cycle_length(page: Any, widget: Widget) -> int:
    """How many changes visit each value ``widget`` takes: a selectbox, a radio or a segmented
    control cycles through its options; any other kind alternates between two values.

    A benchmark makes that many changes untimed first: every value the timed changes then
    reach has been drawn once, so they time the browser with the server's caches warm, as
    the server-side figure is (a country's view is built once per server process)."""
    if widget.kind == "selectbox":
        n = open_options(page, widget.key).count()
        page.keyboard.press("Escape")
        return n
    if widget.kind in ("radio", "segmented"):
        return _key_locator(page, widget.key).locator(RADIO_OPTIONS).count()
    return 2
