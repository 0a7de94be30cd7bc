"""Pytest fixtures for end-to-end tests in real headless Chromium (Playwright, sync API).

Fixtures
--------
app_server          (session)  AppServer for app.py with the current environment.
start_app_server    (function) factory: start_app_server(env=None, *, app=None) -> AppServer,
                               stopped at the end of the test.
playwright_instance (session)  started sync_playwright().
browser             (session)  Debian Chromium at /usr/bin/chromium, headless.
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

from tests.support.browser import (
    CHROMIUM_PATH,
    AppServer,
    assert_no_exception,
    assert_no_external_requests,
    launch_app_server,
    launch_chromium,
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


# Longest first (suite speed, issue 14). `make test` runs this phase with `--dist loadfile
# --no-loadscope-reorder`: each module is one unit of work on one worker, so a module's
# module-scoped fixtures (the HAProxy cluster, the printed handout, the injected-data server)
# are set up once, and the workers take the units in this order, the longest first, so the
# short ones balance the end. (`--dist loadgroup` with xdist_group marks would be finer, but
# it does not group under pytest 9.2 with pytest-xdist 3.8: pytest-xdist issue #1386.)
# Modules not listed (each under 30 s) follow in their usual order.
SLOW_FIRST = (  # sums of durations, -n 3, fresh-clone CI run, 2026-11-28 17:15
    "test_slides.py",  # ~170 s
    "test_reliability.py",  # ~120 s
    "test_cluster.py",  # ~85 s
    "test_links.py",  # ~80 s, one test
    "test_map.py",  # ~55 s
    "test_partial_reruns.py",  # ~50 s
    "test_countries.py",  # ~45 s
    "test_timeline.py",  # ~30 s
)


def _slow_rank(item: pytest.Item) -> int:
    name = Path(str(item.path)).name
    return SLOW_FIRST.index(name) if name in SLOW_FIRST else len(SLOW_FIRST)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Everything under tests/e2e is an e2e test (select/deselect with -m e2e / -m "not e2e").
    for item in items:
        if E2E_DIR in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.e2e)
    items.sort(key=lambda item: _slow_rank(item) if item.get_closest_marker("e2e") else -1)


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


@pytest.fixture
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """Fresh 1920x1080 context + page with the network guard and error recorders."""
    page = new_guarded_page(browser)
    try:
        yield page
        failed = getattr(request.node, "rep_call", None)
        if failed is not None and failed.failed:
            with contextlib.suppress(PlaywrightError, OSError):
                screenshot(page, f"FAILED-{request.node.name}")
        elif request.node.get_closest_marker("allow_external_requests") is None:
            assert_no_external_requests(page)
    finally:
        page.context.close()
