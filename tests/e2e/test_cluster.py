"""End-to-end through HAProxy: the `make cluster` topology (deploy/cluster.py, deploy/haproxy.cfg)
with two replicas, in real Chromium.

- Sessions from several browser contexts land on both replicas (the affinity cookie
  ``ca_replica`` names the replica; HAProxy also adds ``X-Replica`` to every response) and
  stays on its replica across reruns, page changes and reloads (one session per replica is
  driven through them). The replicas' own ``active_sessions`` metric confirms where the
  websockets went, before and after.
- The country brief (a download served from one replica's memory through Streamlit's media
  endpoint) downloads through the proxy from a session on each replica; the same URL pinned
  to the other replica is a 404, so the affinity is what makes it work.
- Failover: the browsers on one replica show the views in ``VIEWS``; that replica is killed
  (SIGKILL); every browser reconnects through the proxy to the survivor and shows the same
  view, restored from its URL, without an error element, a "Connection error" dialog or a
  lost filter. The replica is then started again and new sessions reach it.

One cluster for the whole module. Every wait is on a condition, bounded; no timing asserts.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from components import data
from components import deck_view as DV
from components import filters as F
from tests.support.browser import (
    LOG_DIR,
    REPO_ROOT,
    assert_no_exception,
    free_port,
    new_guarded_page,
    wait_for_idle,
)
from tests.support.initiatives import filtered

HAPROXY = shutil.which("haproxy") or "/usr/sbin/haproxy"
AFFINITY_COOKIE = "ca_replica"  # deploy/haproxy.cfg: cookie ca_replica insert indirect ...
START_TIMEOUT_S = 240.0
VICTIM, SURVIVOR = "r1", "r2"


# --------------------------------------------------------------------------- cluster
@dataclass
class Cluster:
    url: str
    state_file: Path
    process: subprocess.Popen

    def state(self) -> dict:
        return json.loads(self.state_file.read_text())

    def replica(self, name: str) -> dict:
        return next(r for r in self.state()["replicas"] if r["name"] == name)


def _get(url: str, cookie: str | None = None, timeout: float = 5.0) -> tuple[int, dict, bytes]:
    """GET without any proxy from the environment; (status, lower-case headers, body)."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(request, timeout=timeout) as resp:
            return resp.status, {k.lower(): v for k, v in resp.headers.items()}, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, {k.lower(): v for k, v in exc.headers.items()}, exc.read()


def wait_until(predicate: Callable[[], Any], what: str, timeout: float = 90.0) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        with contextlib.suppress(OSError, ValueError, KeyError, StopIteration):
            value = predicate()
            if value:
                return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"not true after {timeout:.0f} s: {what}")
        time.sleep(0.25)


def active_sessions(replica_url: str) -> int:
    """The replica's own count of connected sessions (Streamlit's /_stcore/metrics)."""
    _, _, body = _get(f"{replica_url}/_stcore/metrics?families=active_sessions")
    match = re.search(rb"^active_sessions (\d+)", body, re.MULTILINE)
    assert match, body[:300]
    return int(match.group(1))


def _ci() -> bool:
    return bool(os.environ.get("CI"))


@pytest.fixture(scope="module")
def cluster(browser, tmp_path_factory) -> Iterator[Cluster]:
    if not os.access(HAPROXY, os.X_OK):
        message = f"{HAPROXY} not found: install Debian's haproxy (`make test` does)"
        if _ci():
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    state_file = tmp_path_factory.mktemp("cluster") / "state.json"
    port = free_port()
    log_dir = LOG_DIR / f"cluster-{port}"
    cmd = [sys.executable, str(REPO_ROOT / "deploy" / "cluster.py"), "--replicas", "2",
           "--port", str(port), "--replica-ports", "auto", "--state-file", str(state_file),
           "--log-dir", str(log_dir)]  # fmt: skip
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    with open(LOG_DIR / f"cluster-{port}.log", "wb") as out:
        process = subprocess.Popen(
            cmd,
            cwd=REPO_ROOT,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    cluster = Cluster(f"http://127.0.0.1:{port}", state_file, process)
    pids: list[int] = []
    try:
        wait_until(lambda: process.poll() is not None or cluster.state()["ready"],
                   "cluster ready", START_TIMEOUT_S)  # fmt: skip
        assert process.poll() is None, (LOG_DIR / f"cluster-{port}.log").read_text()[-3000:]
        pids = [cluster.state()["haproxy_pid"]] + [r["pid"] for r in cluster.state()["replicas"]]
        # tests/e2e/test_timeline.py reports that a fresh server may answer its very first
        # deep link in the old pages/ folder mode. Through the proxy cold deep links rendered
        # correctly when checked by hand (and test_restarted_replica_takes_new_sessions
        # deep-links a cold replica), but the other tests here should not depend on it:
        # open the entry page on each replica directly first.
        for replica in cluster.state()["replicas"]:
            warm(browser, replica["url"])
        yield cluster
    finally:
        # SIGTERM to the launcher (what `make cluster` gets from Ctrl-C or a service manager)
        # must stop everything it started.
        with contextlib.suppress(ProcessLookupError):
            process.send_signal(signal.SIGTERM)
        try:
            code = process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            raise
        with contextlib.suppress(FileNotFoundError, ValueError):
            pids += [r["pid"] for r in cluster.state()["replicas"]]
        left = [pid for pid in set(pids) if pid and _alive(pid)]
        assert code == 0 and not left, f"launcher exit {code}; still running: {left}"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def warm(browser: Any, base_url: str) -> None:
    page = new_guarded_page(browser)
    try:
        page.goto(base_url)
        wait_for_idle(page, timeout=120000)
    finally:
        page.context.close()


# --------------------------------------------------------------------------- browsers
def replica_of(page: Any) -> str | None:
    """The replica HAProxy pinned this browser context to (its affinity cookie)."""
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    return cookies.get(AFFINITY_COOKIE)


def new_session(browser: Any, cluster: Cluster, pin: str | None = None) -> Any:
    """A fresh browser context on the proxy; ``pin`` presets the affinity cookie."""
    page = new_guarded_page(browser)
    page.document_replicas = []  # X-Replica of every document (page load) response

    def _on_response(response: Any) -> None:
        if response.request.resource_type == "document":
            page.document_replicas.append(response.headers.get("x-replica"))

    page.on("response", _on_response)
    if pin:
        page.context.add_cookies([{"name": AFFINITY_COOKIE, "value": pin, "url": cluster.url}])
    return page


def open_path(page: Any, cluster: Cluster, path: str) -> None:
    page.goto(f"{cluster.url}/{path}")
    wait_for_idle(page, timeout=120000)
    assert_no_exception(page)


def query(page: Any) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


# --------------------------------------------------------------------------- views
def check_timeline_osce(page: Any) -> None:
    """The timeline filtered by partner OSCE: URL, sidebar chip, summary line and count."""
    assert query(page).get("partner") == ["osce"], page.url
    page.get_by_text(re.compile(r"^\d+ of \d+ initiatives$")).first.wait_for(timeout=60000)
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert sidebar.locator(".st-key-timeline_partner").get_by_text("OSCE", exact=True).is_visible()
    main = page.locator('[data-testid="stMain"]')
    count = F.count_text(len(filtered(partners=["osce"])), len(data.initiatives()))
    assert main.get_by_text(count, exact=True).is_visible()
    assert main.get_by_text("partner: OSCE").is_visible()


def check_country_briefing_tjk(page: Any) -> None:
    """Tajikistan's country view in briefing mode: no sidebar, the exit control, the name."""
    q = query(page)
    assert q.get("country") == ["TJK"] and q.get("present") == ["1"], page.url
    page.get_by_role("heading", name="Tajikistan").first.wait_for(timeout=60000)
    assert page.locator(".st-key-present_exit button:visible").first.is_visible()
    assert not page.locator('[data-testid="stSidebar"]').is_visible()


# The ready-made regional briefing, presented at its approaches slide (slide 5).
DECK = DV.regional_briefing()
DECK_SLIDE = 5


def check_deck_slide(page: Any) -> None:
    """The regional deck presented at slide 5: the deck and position stay in the URL, the
    counter and the approaches slide show."""
    q = query(page)
    assert q.get("deck") == [DECK.encode()] and q.get("slide") == [str(DECK_SLIDE)], page.url
    assert q.get("present") == ["1"], page.url
    counter = page.locator(".st-key-deck_counter")
    counter.wait_for(timeout=60000)
    assert counter.inner_text().strip() == f"{DECK_SLIDE} / {len(DECK)}"
    assert page.locator(".st-key-slide_frame").first.is_visible()
    assert not page.locator('[data-testid="stSidebar"]').is_visible()


@dataclass(frozen=True)
class View:
    id: str
    path: str  # deep link, relative to the proxy's URL
    check: Callable[[Any], None]  # the view shows the state its link asks for


# The views a replica's browsers show when it dies: a filtered timeline, a country view in
# briefing mode and a slide of a presented deck.
VIEWS = [
    View("timeline-partner-osce", "timeline?partner=osce", check_timeline_osce),
    View("country-TJK-briefing", "countries?country=TJK&present=1", check_country_briefing_tjk),
    View(
        "deck-slide",
        "approaches?" + urlencode({"present": "1", "deck": DECK.encode(), "slide": DECK_SLIDE}),
        check_deck_slide,
    ),
]


# --------------------------------------------------------------------------- sessions
N_SESSIONS = 4


@pytest.fixture(scope="module")
def sessions(browser, cluster) -> Iterator[list[Any]]:
    """Four browser contexts that arrived without a cookie: HAProxy chose their replicas."""
    pages = []
    try:
        for _ in range(N_SESSIONS):
            page = new_session(browser, cluster)
            pages.append(page)
            open_path(page, cluster, "")
        yield pages
    finally:
        for page in pages:
            with contextlib.suppress(Exception):
                page.context.close()


def _sessions_match_metrics(cluster: Cluster, pages: list[Any]) -> bool:
    expected = {r["name"]: 0 for r in cluster.state()["replicas"]}
    for page in pages:
        expected[replica_of(page)] += 1
    actual = {r["name"]: active_sessions(r["url"]) for r in cluster.state()["replicas"]}
    return actual == expected


def one_per_replica(sessions: list[Any]) -> list[Any]:
    """The first session on each replica: what one session does through the proxy, another
    session on the same replica (same cookie, same route) would only repeat."""
    first: dict[str, Any] = {}
    for page in sessions:
        first.setdefault(replica_of(page), page)
    return list(first.values())


def test_sessions_spread_over_replicas_and_stay(cluster, sessions):
    replicas = [replica_of(page) for page in sessions]
    assert set(replicas) == {"r1", "r2"}, f"all sessions on one replica: {replicas}"
    # The websockets went where the cookies say (each replica counts its own sessions).
    wait_until(lambda: _sessions_match_metrics(cluster, sessions),
               f"active_sessions per replica == cookies {replicas}")  # fmt: skip

    for page in one_per_replica(sessions):
        replica = replica_of(page)
        # A page change (sidebar link: over the websocket), a rerun (widget), a reload
        # (new HTTP requests and a new websocket): the same replica throughout.
        page.locator('[data-testid="stSidebarNav"] a[href$="/timeline"]').click()
        wait_for_idle(page, timeout=120000)
        page.get_by_text(re.compile(r"^\d+ of \d+ initiatives$")).first.wait_for(timeout=60000)
        sidebar = page.locator('[data-testid="stSidebar"]')
        sidebar.get_by_role("combobox", name="Country").click()
        page.get_by_role("option", name="Tajikistan", exact=True).click()
        page.keyboard.press("Escape")
        wait_for_idle(page, timeout=120000)
        assert query(page).get("country") == ["TJK"], page.url
        page.reload()
        wait_for_idle(page, timeout=120000)
        assert_no_exception(page)
        assert query(page).get("country") == ["TJK"], page.url
        assert replica_of(page) == replica
        assert page.document_replicas and set(page.document_replicas) == {replica}, (
            page.document_replicas
        )
    wait_until(lambda: _sessions_match_metrics(cluster, sessions),
               "active_sessions per replica still == cookies after reloads")  # fmt: skip


def test_country_brief_downloads_through_proxy_from_each_replica(cluster, sessions):
    built_on: set[str] = set()  # replicas that have built (and hold) Tajikistan's brief
    for page in one_per_replica(sessions):
        replica = replica_of(page)
        open_path(page, cluster, "countries?country=TJK")
        page.get_by_role("heading", name="Tajikistan").first.wait_for(timeout=60000)
        with page.expect_download(timeout=180000) as info:
            page.locator(".st-key-brief_download button:visible").first.click()
        download = info.value
        assert download.failure() is None, download.failure()
        body = Path(download.path()).read_text(encoding="utf-8")
        assert "Tajikistan" in body and "country-brief-TJK" in download.suggested_filename
        media = urlsplit(download.url)
        assert media.path.startswith("/media/") and media.netloc == urlsplit(cluster.url).netloc
        # The file is in the memory of this session's replica: through the proxy with this
        # session's cookie that replica serves it.
        status, headers, again = _get(download.url, cookie=f"{AFFINITY_COOKIE}={replica}")
        assert (status, headers.get("x-replica"), again.decode()) == (200, replica, body)
        built_on.add(replica)
        # A replica that has not built this brief has no such file (its id is a hash of the
        # content, so one that built the same brief for another session does): without the
        # affinity the download would fail.
        other = "r2" if replica == "r1" else "r1"
        if other not in built_on:
            status, headers, _ = _get(download.url, cookie=f"{AFFINITY_COOKIE}={other}")
            assert (status, headers.get("x-replica")) == (404, other)
        assert replica_of(page) == replica
        assert_no_exception(page)
    assert built_on == {"r1", "r2"}


# --------------------------------------------------------------------------- failover
# Records every connection state the app goes through (Streamlit sets it on stApp).
CONNECTION_RECORDER_JS = """
() => {
  window.__conn = [];
  const app = document.querySelector('[data-testid="stApp"]');
  const note = () => window.__conn.push(app.getAttribute('data-test-connection-state'));
  note();
  new MutationObserver(note).observe(app, {attributes: true,
    attributeFilter: ['data-test-connection-state']});
  // What the viewer saw meanwhile: did Streamlit's "Connection error" dialog open?
  window.__dialogs = [];
  new MutationObserver(() => {
    for (const d of document.querySelectorAll('[role="dialog"]')) {
      const text = d.innerText.trim().slice(0, 80);
      if (text && !window.__dialogs.includes(text)) window.__dialogs.push(text);
    }
  }).observe(document.body, {childList: true, subtree: true});
}
"""
# Console errors the browser itself logs while the replica is gone (its websocket and
# health probes fail); they are expected during the outage and only then.
OUTAGE_CONSOLE = re.compile(r"WebSocket|websocket|Failed to load resource|net::ERR_|health")


def _lost_and_regained(page: Any) -> bool:
    states = page.evaluate("() => window.__conn")
    lost = [i for i, s in enumerate(states) if s != "CONNECTED"]
    return bool(lost) and "CONNECTED" in states[lost[0] :] and states[-1] == "CONNECTED"


def connection_error_dialog(page: Any) -> Any:
    return page.locator('[role="dialog"]').filter(has_text="Connection error")


@pytest.fixture(scope="module")
def failover(browser, cluster) -> Iterator[dict[str, Any]]:
    """Open every view in VIEWS on the victim replica, kill it, wait for every browser to
    reconnect. Yields view id -> page (plus the console errors logged before the kill)."""
    pages: dict[str, Any] = {}
    try:
        for view in VIEWS:
            page = new_session(browser, cluster, pin=VICTIM)
            pages[view.id] = page
            open_path(page, cluster, view.path)
            view.check(page)
            assert replica_of(page) == VICTIM
            page.evaluate(CONNECTION_RECORDER_JS)
            page.errors_before_kill = len(page.page_errors)
        survivor_before = active_sessions(cluster.replica(SURVIVOR)["url"])

        victim = cluster.replica(VICTIM)
        os.killpg(victim["pid"], signal.SIGKILL)  # a crash: no clean shutdown
        wait_until(lambda: not _alive_or_zombie(victim["pid"]), "victim replica gone", 30)

        for page in pages.values():
            wait_until(lambda p=page: _lost_and_regained(p), f"{page.url} reconnected", 120)
            wait_for_idle(page, timeout=120000)
        wait_until(
            lambda: (
                active_sessions(cluster.replica(SURVIVOR)["url"]) >= survivor_before + len(VIEWS)
            ),
            "the survivor holds the moved sessions",
        )
        yield pages
    finally:
        for page in pages.values():
            with contextlib.suppress(Exception):
                page.context.close()


def _alive_or_zombie(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(") ")[-1][:1] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.parametrize("view", VIEWS, ids=[v.id for v in VIEWS])
def test_view_survives_replica_failure(failover, view):
    page = failover[view.id]
    # The browser did lose its replica and is now on the survivor, via the proxy.
    assert _lost_and_regained(page), page.evaluate("() => window.__conn")
    assert replica_of(page) == SURVIVOR
    # The same view, restored from the URL, no lost filter.
    view.check(page)
    connection_error_dialog(page).first.wait_for(state="hidden", timeout=60000)
    assert not page.locator('[role="dialog"]').filter(has_text="Connection").count()
    errors_after = page.page_errors[page.errors_before_kill :]
    unexpected = [e for e in errors_after if not OUTAGE_CONSOLE.search(e)]
    page.page_errors[page.errors_before_kill :] = unexpected
    assert_no_exception(page)
    # For the record (pytest -s): the states the app went through and any dialog it showed.
    print(view.id, page.evaluate("() => [window.__conn, window.__dialogs]"))


def test_restarted_replica_takes_new_sessions(browser, cluster, failover):
    old_pid = cluster.replica(VICTIM)["pid"]
    os.kill(cluster.state()["launcher_pid"], signal.SIGUSR1)  # start exited replicas again
    victim = wait_until(lambda: (r := cluster.replica(VICTIM))["pid"] != old_pid and r,
                        "victim replica started again", 60)  # fmt: skip
    wait_until(lambda: _get(f"{victim['url']}/_stcore/health")[0] == 200,
               "restarted replica healthy", START_TIMEOUT_S)  # fmt: skip
    # HAProxy marks it up after its health checks pass; then (leastconn) a browser without a
    # cookie goes to it, the replica with no sessions.
    wait_until(lambda: _get(f"{cluster.url}/_stcore/health")[1].get("x-replica") == VICTIM,
               "HAProxy sends a new client to the restarted replica", 120)  # fmt: skip
    page = new_session(browser, cluster)
    try:
        # The restarted replica is cold: its first page is a deep link, as after a real restart.
        open_path(page, cluster, VIEWS[0].path)
        assert replica_of(page) == VICTIM
        VIEWS[0].check(page)
        assert replica_of(page) == VICTIM
        assert set(page.document_replicas) == {VICTIM}
        wait_until(lambda: active_sessions(victim["url"]) == 1, "one session on the restarted")
    finally:
        page.context.close()
