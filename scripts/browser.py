"""The app under a real server and Debian Chromium: one harness for tests, bench and scripts.

Plain functions (no pytest dependency) that take plain arguments (a Playwright
``Page``/``Browser``, an env dict, ...). It lives in ``scripts/`` because three
independent users share it and none may import another: the browser tests
(through ``tests/support/browser.py``), the benchmarks in ``bench/`` and
``scripts/screenshots.py``::

    from scripts.browser import launch_app_server, launch_chromium, new_guarded_page,
                                wait_for_idle

The app under test is ``app.py`` in the repo root unless ``CA_DASHBOARD_APP``
points at another script (absolute, or relative to the repo root).
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Error as PlaywrightError

REPO_ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS_DIR = REPO_ROOT / "artifacts"


def app_routes(app: Path = REPO_ROOT / "app.py") -> dict[str, str]:
    """url path -> page file, read from the st.Page calls in app.py (the one routing table).

    The default page, served at "/", gets the path "".
    """
    import ast

    routes = {}
    for node in ast.walk(ast.parse(app.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "Page":
            kw = {k.arg: k.value.value for k in node.keywords if isinstance(k.value, ast.Constant)}
            routes["" if kw.get("default") else kw["url_path"]] = node.args[0].value
    return routes


SCREENSHOT_DIR = ARTIFACTS_DIR / "screenshots"
LOG_DIR = ARTIFACTS_DIR / "logs"

APP_ENV_VAR = "CA_DASHBOARD_APP"
DATA_DIR_ENV_VAR = "CA_DASHBOARD_DATA_DIR"

CHROMIUM_PATH = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

DEFAULT_VIEWPORT = {"width": 1920, "height": 1080}
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
# Schemes that never leave the machine.
LOCAL_SCHEMES = frozenset({"data", "blob", "about", "chrome", "chrome-extension", "devtools"})

HEALTH_TIMEOUT_S = 60.0


# --------------------------------------------------------------------------- #
# Streamlit server
# --------------------------------------------------------------------------- #
@dataclass
class AppServer:
    """A running ``streamlit run`` subprocess."""

    url: str  # base URL without trailing slash, e.g. "http://127.0.0.1:51234"
    port: int
    process: subprocess.Popen
    log_path: Path
    env: dict[str, str] = field(default_factory=dict, repr=False)

    def page_url(self, path: str = "") -> str:
        """URL of an app page: ``server.page_url("map")`` -> ``<base>/map``."""
        return f"{self.url}/{path.lstrip('/')}"

    def log_tail(self, n_chars: int = 4000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-n_chars:]
        except OSError:
            return ""

    def stop(self, timeout: float = 10.0) -> None:
        stop_process_group(self.process, timeout=timeout)


def app_script() -> Path:
    """The Streamlit entry script under test (``$CA_DASHBOARD_APP`` or ``app.py``)."""
    script = Path(os.environ.get(APP_ENV_VAR) or "app.py")
    if not script.is_absolute():
        script = REPO_ROOT / script
    return script


def free_port(host: str = "127.0.0.1") -> int:
    """A currently free TCP port on the loopback interface."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def _http_get(url: str, timeout: float = 2.0) -> tuple[int, str]:
    # Never route loopback traffic through an http(s)_proxy from the environment.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(url, timeout=timeout) as resp:
        return resp.status, resp.read().decode("utf-8", "replace")


def wait_for_health(server: AppServer, timeout: float = HEALTH_TIMEOUT_S) -> None:
    """Poll ``/_stcore/health`` until it answers ``ok``; raise with the log tail otherwise."""
    health = f"{server.url}/_stcore/health"
    deadline = time.monotonic() + timeout
    last_error = "no response yet"
    while time.monotonic() < deadline:
        code = server.process.poll()
        if code is not None:
            raise RuntimeError(
                f"streamlit exited with code {code} before becoming healthy.\n"
                f"--- {server.log_path} ---\n{server.log_tail()}"
            )
        try:
            status, body = _http_get(health)
            if status == 200 and body.strip() == "ok":
                return
            last_error = f"HTTP {status}: {body[:200]!r}"
        except (urllib.error.URLError, OSError) as exc:
            last_error = repr(exc)
        time.sleep(0.25)
    raise TimeoutError(
        f"{health} not ok after {timeout:.0f}s (last: {last_error}).\n"
        f"--- {server.log_path} ---\n{server.log_tail()}"
    )


def launch_app_server(
    env: dict[str, str | None] | None = None,
    *,
    app: str | os.PathLike[str] | None = None,
    port: int | None = None,
    timeout: float = HEALTH_TIMEOUT_S,
    extra_args: list[str] | None = None,
    cwd: str | os.PathLike[str] | None = None,
) -> AppServer:
    """Start ``python -m streamlit run <app>`` on a free loopback port and wait until healthy.

    ``env`` is merged over ``os.environ`` (so ``CA_DASHBOARD_DATA_DIR`` etc. pass through);
    a value of ``None`` removes that variable. The process runs in its own process
    group from the repo root (or ``cwd``: another checkout, with its own
    ``.streamlit/config.toml``); call ``server.stop()`` (or ``stop_process_group``) when done.
    """
    script = Path(app) if app is not None else app_script()
    if not script.is_absolute():
        script = REPO_ROOT / script
    if not script.exists():
        raise FileNotFoundError(f"Streamlit app script not found: {script}")

    port = port or free_port()
    full_env = dict(os.environ)
    for key, value in (env or {}).items():
        if value is None:
            full_env.pop(key, None)
        else:
            full_env[key] = str(value)
    full_env.setdefault("PYTHONUNBUFFERED", "1")

    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        # Tests never edit sources; don't spend CPU watching files.
        "--server.fileWatcherType",
        "none",
        *(extra_args or []),
    ]
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    log_path = LOG_DIR / f"streamlit-{port}.log"
    with open(log_path, "wb") as log:
        log.write(("$ " + " ".join(cmd) + "\n").encode())
        log.flush()
        process = subprocess.Popen(
            cmd,
            cwd=cwd or REPO_ROOT,
            env=full_env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # own process group, so we can kill it whole
        )
    server = AppServer(
        url=f"http://127.0.0.1:{port}",
        port=port,
        process=process,
        log_path=log_path,
        env={k: v for k, v in (env or {}).items() if v is not None},
    )
    try:
        wait_for_health(server, timeout=timeout)
    except BaseException:
        server.stop()
        raise
    return server


def stop_process_group(process: subprocess.Popen, timeout: float = 10.0) -> None:
    """SIGTERM the process group of ``process``; SIGKILL it if it does not exit in time."""
    if process.poll() is not None:
        return
    try:
        pgid = os.getpgid(process.pid)
    except ProcessLookupError:
        return
    for sig, wait in ((signal.SIGTERM, timeout), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(pgid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


# --------------------------------------------------------------------------- #
# Browser
# --------------------------------------------------------------------------- #
def launch_chromium(playwright: Any, executable_path: str = CHROMIUM_PATH) -> Any:
    """Launch Debian's headless Chromium via a started ``sync_playwright()`` object."""
    return playwright.chromium.launch(
        executable_path=executable_path,
        args=list(CHROMIUM_ARGS),
        headless=True,
    )


def is_local_url(url: str) -> bool:
    """True for loopback http(s)/ws(s) URLs and for data:/blob: style local schemes."""
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return True
    host = (parts.hostname or "").lower()
    return host in LOCAL_HOSTS


# The network guard: a guarded context sends every request that would leave loopback to a
# proxy on loopback's discard port, which refuses it, so the request fails inside Chromium
# and nothing leaves the machine. Loopback bypasses the proxy. (Intercepting every request
# with context.route instead costs a round trip to Python per request, about 125 a page
# load, and turns the HTTP cache off: a tenth of the browser tests' CPU.)
BLOCKING_PROXY = {"server": "http://127.0.0.1:9", "bypass": "localhost,127.0.0.1,[::1]"}


def install_network_guard(target: Any) -> list[str]:
    """Record every non-loopback request of ``target`` (a page, or a context), in a context
    created with ``proxy=BLOCKING_PROXY`` (which makes them fail); the (live) list of them.

    HTTP(S) requests are refused by the proxy and recorded when they fail; WebSockets to
    other hosts are closed via ``route_web_socket`` (Streamlit's own is untouched).
    """
    blocked: list[str] = []

    def _record(request: Any) -> None:
        if not is_local_url(request.url):
            blocked.append(request.url)

    def _handle_ws(ws: Any) -> None:
        blocked.append(ws.url)
        with contextlib.suppress(PlaywrightError):
            ws.close(code=1008, reason="external websocket blocked by test network guard")

    target.on("requestfailed", _record)
    if hasattr(target, "route_web_socket"):
        target.route_web_socket(lambda url: not is_local_url(url), _handle_ws)
    return blocked


# Console errors that are not app errors: failed resource loads. These include
# Streamlit's own base-path probe (GET /<page>/_stcore/health -> 404 on deep links)
# and requests aborted by the network guard (reported via external_requests).
BENIGN_CONSOLE_ERRORS = (re.compile(r"^Failed to load resource\b"),)


def attach_error_recorders(page: Any) -> None:
    """Record JS errors on the page object.

    ``page.page_errors``: uncaught exceptions (``pageerror``) plus ``console.error``
    messages that are not benign resource-load failures (React error boundaries,
    e.g. a crashed chart, only show up as console errors).
    ``page.console_errors``: every ``console.error`` message, unfiltered.
    """
    page.page_errors = []
    page.console_errors = []
    page.on("pageerror", lambda exc: page.page_errors.append(f"pageerror: {exc}"))

    def _console(msg: Any) -> None:
        if msg.type != "error":
            return
        text = msg.text
        page.console_errors.append(text)
        if not any(rx.search(text) for rx in BENIGN_CONSOLE_ERRORS):
            page.page_errors.append(f"console.error: {text[:2000]}")

    page.on("console", _console)


def new_guarded_context(browser: Any, viewport: dict[str, int] | None = None, **kwargs: Any) -> Any:
    """A browser context whose requests to other hosts are refused (BLOCKING_PROXY)."""
    return browser.new_context(
        viewport=viewport or dict(DEFAULT_VIEWPORT),
        service_workers="block",
        proxy=BLOCKING_PROXY,
        **kwargs,
    )


def new_guarded_page(
    browser: Any,
    viewport: dict[str, int] | None = None,
    *,
    context: Any = None,
    **context_kwargs: Any,
) -> Any:
    """A page with the network guard and error recorders attached: in a context of its own,
    or in ``context`` (a `new_guarded_context` shared by several pages, whose HTTP and
    compiled-script caches then serve the app's JavaScript to the next page: a page load
    costs about a tenth less CPU).

    The page gets ``external_requests``, ``page_errors`` and ``console_errors`` list
    attributes. Close it with `close_page`.
    """
    own = context is None
    if own:
        context = new_guarded_context(browser, viewport, **context_kwargs)
    page = context.new_page()
    if not own and viewport:
        page.set_viewport_size(viewport)
    page.owns_context = own
    # A context of its own is guarded whole (popups too, as before); a shared one per page.
    page.external_requests = install_network_guard(context if own else page)
    attach_error_recorders(page)
    return page


def close_page(page: Any) -> None:
    """Close a `new_guarded_page`: its own context with it, or only the page."""
    (page.context if getattr(page, "owns_context", True) else page).close()


# --------------------------------------------------------------------------- #
# Waiting and assertions
# --------------------------------------------------------------------------- #
# The one idle rule (also inside scripts/widgets.IDLE_WAITER_JS): returns "" when idle,
# else why not.
IDLE_PROBE_JS = """
() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app) return 'no [data-testid="stApp"] yet';
  const script = app.getAttribute('data-test-script-state');
  if (script === 'compilationError') return 'FATAL: script compilation error';
  if (script !== 'notRunning') return 'script state: ' + script;
  const conn = app.getAttribute('data-test-connection-state');
  if (conn !== 'CONNECTED') return 'connection state: ' + conn;
  const skeletons = document.querySelectorAll(
    '[data-testid="stSkeleton"], [data-testid="stAppSkeleton"]').length;
  if (skeletons) return skeletons + ' skeleton(s) visible';
  const status = document.querySelector('[data-testid="stStatusWidget"]');
  if (status && status.querySelector('[data-testid="stStatusWidgetRunningIcon"],'
      + '[data-testid="stStatusWidgetRunningManIcon"]')) return 'status widget: running';
  return '';
}
"""


# A fresh server's first request, when it is a deep link, runs twice: the page file alone,
# which reroutes through app.py with st.rerun() before drawing anything
# (components/ui._route_through_app), then app.py. Between the two runs the app reports
# "notRunning" with an empty main area while the server starts the second run: 10-70 ms
# here, and over 300 ms once on a loaded CI machine. Every page draws text, so an empty main
# area is not idle yet.
MAIN_EMPTY_JS = """
() => {
  const main = document.querySelector('[data-testid="stMain"]');
  return !main || main.innerText.trim() === '';
}
"""


# Both checks in one round trip to the page per poll.
_IDLE_JS = f"""
() => {{
  const reason = ({IDLE_PROBE_JS.strip()})();
  if (reason) return reason;
  return ({MAIN_EMPTY_JS.strip()})()
    ? 'main area empty (between the two runs of a first deep link?)' : '';
}}
"""


def wait_for_idle(page: Any, timeout: float = 30000, stable_ms: float = 300) -> None:
    """Wait until the Streamlit app has finished running and rendering.

    Idle means: ``stApp`` has ``data-test-script-state="notRunning"`` and
    ``data-test-connection-state="CONNECTED"``, no ``stSkeleton``/``stAppSkeleton``
    placeholder is present and the status widget shows no running indicator,
    continuously for ``stable_ms``, with some text in the main area (MAIN_EMPTY_JS).
    ``timeout`` is in milliseconds (Playwright style).
    Raises ``TimeoutError`` describing the last non-idle reason.
    """
    deadline = time.monotonic() + timeout / 1000
    idle_since: float | None = None
    reason = "not checked yet"
    while True:
        now = time.monotonic()
        try:
            reason = page.evaluate(_IDLE_JS)
        except PlaywrightError as exc:  # navigation in progress destroys the context
            reason = f"evaluate failed: {exc.__class__.__name__}"
        if reason.startswith("FATAL"):
            raise AssertionError(f"{page.url}: {reason}")
        if reason == "":
            idle_since = idle_since or now
            if (now - idle_since) * 1000 >= stable_ms:
                return
        else:
            idle_since = None
        if now >= deadline:
            raise TimeoutError(
                f"{page.url}: Streamlit app not idle after {timeout:.0f} ms ({reason})"
            )
        page.wait_for_timeout(50)


def _safe_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("_") or "screenshot"


def screenshot(page: Any, name: str) -> Path:
    """Save a viewport PNG to ``artifacts/screenshots/<name>.png`` and return its path."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    stem = _safe_name(name.removesuffix(".png"))
    path = SCREENSHOT_DIR / f"{stem}.png"
    page.screenshot(path=str(path), full_page=False, animations="disabled")
    return path


def assert_no_exception(page: Any) -> None:
    """No ``stException``/``stErrorElementStack`` element and no JS error in ``page_errors``."""
    # stException: Python exception (st.exception / uncaught in the script).
    # stErrorElementStack: an element crashed in the frontend (React error boundary).
    exceptions = page.locator('[data-testid="stException"], [data-testid="stErrorElementStack"]')
    count = exceptions.count()
    if count:
        texts = [t.strip()[:500] for t in exceptions.all_inner_texts()]
        raise AssertionError(f"{page.url}: {count} exception element(s): {texts}")
    errors = getattr(page, "page_errors", [])
    assert not errors, f"{page.url}: JavaScript error(s): {errors}"


def assert_no_external_requests(page: Any) -> None:
    """The network guard saw (and blocked) no request to a non-loopback host."""
    external = getattr(page, "external_requests", None)
    assert external is not None, "page has no network guard (use new_guarded_page / `page`)"
    assert not external, f"{page.url}: blocked external request(s): {sorted(set(external))}"


def heading_texts(page: Any) -> list[str]:
    """Non-empty texts of ``h1`` elements and ``stHeading`` blocks on the page."""
    texts = page.locator('h1, [data-testid="stHeading"]').all_inner_texts()
    return [t.strip() for t in texts if t.strip()]
