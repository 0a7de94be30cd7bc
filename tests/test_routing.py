"""A page reroutes through app.py only when app.py did not run it (ui._route_through_app).

Streamlit runs a fresh server's first deep link in its legacy pages/ mode, without app.py;
the page then reruns once through app.py. A page that app.py ran must never reroute: that
would cost every visit a second run, and leave the once-per-visit marker set, which turns
the fix for two first visits at once off (tests/e2e/test_deep_link_fresh_server.py).
"""

from __future__ import annotations

from unittest import mock

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from components import ui
from tests.support.apptest import APP, PAGES, warm_server


@pytest.mark.parametrize(
    ("legacy", "page", "reroutes"),
    [
        (False, "sources", 0),  # a server past its first run: app.py runs every page
        (True, "overview", 0),  # legacy mode runs app.py itself for "/"
        (True, "sources", 1),  # ... and a page file alone: one reroute, no more
    ],
)
def test_a_page_reroutes_only_when_app_py_did_not_run_it(legacy, page, reroutes):
    at = AppTest.from_file(APP, default_timeout=60)
    if page != "overview":
        at.switch_page(PAGES[page])
    rerun = mock.Mock(wraps=st.rerun)
    # AppTest starts every run in legacy mode; warm_server is a server that has left it
    with mock.patch.object(st, "rerun", rerun), mock.MagicMock() if legacy else warm_server():
        at.run()
    assert not at.exception
    assert rerun.call_count == reroutes
    assert ui._REROUTED not in at.session_state  # cleared by the run through app.py
    assert at.title[0].value  # the page drew its title
