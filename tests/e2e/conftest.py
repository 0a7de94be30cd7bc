"""Pytest fixtures for end-to-end tests in real headless Chromium (Playwright, sync API).

Fixtures
--------
app_server          (session)  AppServer for app.py with the current environment.
start_app_server    (function) factory: start_app_server(env=None, *, app=None) -> AppServer,
                               stopped at the end of the test.
playwright_instance (session)  started sync_playwright().
browser             (session)  Debian Chromium at /usr/bin/chromium, headless.
shared_context      (session)  guarded context the `page`s share (their caches).
page                (function) 1920x1080 page with a network guard; has
                               .external_requests, .page_errors, .console_errors.
                               Fails at teardown if an external request was made, unless
                               the test is marked @pytest.mark.allow_external_requests.

Plain helpers (wait_for_idle, screenshot, assert_no_exception, ...) live in
tests/support/browser.py (code in scripts/browser.py).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Error as PlaywrightError
from xdist.scheduler import LoadScopeScheduling

from tests.support.browser import (
    CHROMIUM_PATH,
    DEFAULT_VIEWPORT,
    AppServer,
    assert_no_exception,
    assert_no_external_requests,
    close_page,
    launch_app_server,
    launch_chromium,
    new_guarded_context,
    new_guarded_page,
    screenshot,
    wait_for_idle,
)

__all__ = [
    "assert_no_exception",
    "assert_no_external_requests",
    "screenshot",
    "wait_for_idle",
]

E2E_DIR = Path(__file__).resolve().parent


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "allow_external_requests: the page fixture does not fail on blocked external requests",
    )


# Units of work (suite speed, issue 14). `make test` runs this phase with `--dist loadscope
# --no-loadscope-reorder`, and the scheduler below decides the scopes: a test is a unit of
# its own, so the long parametrised tests (every slide, every page's hostile links) spread
# over all the workers, except the tests that share a costly module-scoped setup (the
# HAProxy cluster, the printed handout, the injected-data server), which stay together so
# it is set up once. (A test missing here is still correct, its fixture is just set up on
# every worker that runs one of its tests. `--dist loadgroup` with xdist_group marks would
# say this per test, but it does not group under pytest 9.2 with pytest-xdist 3.8:
# pytest-xdist issue #1386.)
SHARED_SETUP = (
    "test_cluster.py",
    "test_handout.py",
    "test_countries.py",
    "test_reliability.py::test_injected_payloads_stay_inert",
)

# The workers take the units in this order, the longest first, so the short ones balance
# the end (seconds from -n 3 runs, 2026-11-28; every other test takes under 15 s).
LONGEST_FIRST = (
    "test_cluster.py",  # ~100 s, one unit
    "test_links.py",  # ~90 s, one test (a crawl)
    "test_reliability.py::test_injected_payloads_stay_inert",  # ~65 s, one unit
    "test_countries.py",  # ~58 s, one unit
    "test_slides.py::test_the_deck_in_the_player",  # ~40 s, ten slides
    "test_briefing.py",  # ~35 s, one test: the clicker journey
    "test_map.py",  # ~35 s, one test
    "test_handout.py",  # ~25 s, one unit
    "test_reliability.py::test_data_faults_while_running",  # ~21 s
    "test_partial_reruns.py::test_each_widget_change_reruns_only_its_fragment[map]",
    "test_reliability.py::test_hostile_links_render_politely[map]",
    "test_partial_reruns.py",  # 5-15 s a test
)


def _local_id(nodeid: str) -> str:
    """'test_x.py::test_y[z]' from 'tests/e2e/test_x.py::test_y[z]'."""
    path, _, rest = nodeid.partition("::")
    return f"{Path(path).name}::{rest}" if rest else Path(path).name


def _prefix_of(nodeid: str, prefixes: tuple[str, ...]) -> str | None:
    """The first prefix naming this test: its module, its function or the test itself."""
    local = _local_id(nodeid)
    for prefix in prefixes:
        more = "::" if prefix.endswith(".py") else "["  # a module's tests; a function's cases
        if local == prefix or local.startswith(prefix + more):
            return prefix
    return None


class UnitScheduling(LoadScopeScheduling):
    """`--dist loadscope` whose scope is a test, or its shared-setup group."""

    def _split_scope(self, nodeid: str) -> str:
        return _prefix_of(nodeid, SHARED_SETUP) or nodeid


@pytest.hookimpl(tryfirst=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    return UnitScheduling(config, log) if config.getvalue("dist") == "loadscope" else None


def _rank(item: pytest.Item) -> int:
    found = _prefix_of(item.nodeid, LONGEST_FIRST)
    return LONGEST_FIRST.index(found) if found else len(LONGEST_FIRST)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Everything under tests/e2e is an e2e test (select/deselect with -m e2e / -m "not e2e").
    for item in items:
        if E2E_DIR in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.e2e)
    items.sort(key=lambda item: _rank(item) if item.get_closest_marker("e2e") else -1)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Any:
    report = yield
    # Let fixtures see whether the test body failed (for failure screenshots).
    setattr(item, f"rep_{report.when}", report)
    return report


# --------------------------------------------------------------------------- #
# Streamlit server
# --------------------------------------------------------------------------- #
@pytest.fixture(scope="session")
def app_server() -> Iterator[AppServer]:
    """The app (``$CA_DASHBOARD_APP`` or app.py) on a free 127.0.0.1 port, env passed through."""
    server = launch_app_server()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def start_app_server() -> Iterator[Callable[..., AppServer]]:
    """Factory for extra servers with a different environment, e.g.::

        def test_broken_data(start_app_server, page, tmp_path):
            server = start_app_server({"CA_DASHBOARD_DATA_DIR": str(tmp_path)})
            page.goto(server.url)

    Signature: ``start_app_server(env=None, *, app=None, timeout=60.0) -> AppServer``.
    ``env`` is merged over os.environ (``None`` values unset a variable). All servers
    started by the factory are stopped at the end of the test.
    """
    servers: list[AppServer] = []

    def _start(
        env: dict[str, str | None] | None = None,
        *,
        app: str | os.PathLike[str] | None = None,
        timeout: float = 60.0,
    ) -> AppServer:
        server = launch_app_server(env, app=app, timeout=timeout)
        servers.append(server)
        return server

    try:
        yield _start
    finally:
        for server in reversed(servers):
            server.stop()


# --------------------------------------------------------------------------- #
# Browser
# --------------------------------------------------------------------------- #
def _ci() -> bool:
    return bool(os.environ.get("CI"))


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Any]:
    if not os.path.exists(CHROMIUM_PATH):
        if _ci():
            pytest.fail(
                f"{CHROMIUM_PATH} not found and CI is set: install Debian's chromium "
                "(apt-get install chromium; `make test` does this)",
                pytrace=False,
            )
        pytest.skip(
            f"{CHROMIUM_PATH} not found (install Debian's chromium, or run `make test`); "
            "browser tests are skipped outside CI"
        )
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    try:
        yield pw
    finally:
        pw.stop()


@pytest.fixture(scope="session")
def browser(playwright_instance: Any) -> Iterator[Any]:
    browser = launch_chromium(playwright_instance)
    try:
        yield browser
    finally:
        browser.close()


@pytest.fixture(scope="session")
def shared_context(browser: Any) -> Iterator[Any]:
    """One guarded context for the worker's plain pages: its caches serve the app's
    JavaScript to the next page. (A Streamlit session lives in its page's websocket, so
    pages sharing a context share no app state. Tests that set cookies or go offline open
    a context of their own.)"""
    context = new_guarded_context(browser)
    try:
        yield context
    finally:
        context.close()


@pytest.fixture
def page(browser: Any, shared_context: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh 1920x1080 page in the shared context, with the network guard and error
    recorders."""
    page = new_guarded_page(browser, dict(DEFAULT_VIEWPORT), context=shared_context)
    try:
        yield page
        failed = getattr(request.node, "rep_call", None)
        if failed is not None and failed.failed:
            with contextlib.suppress(PlaywrightError, OSError):
                screenshot(page, f"FAILED-{request.node.name}")
        elif request.node.get_closest_marker("allow_external_requests") is None:
            assert_no_external_requests(page)
    finally:
        close_page(page)
