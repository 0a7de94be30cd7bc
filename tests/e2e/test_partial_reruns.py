"""Partial reruns (issue 17): a widget change reruns only the part of the page it affects.

Each page is opened once, by a deep link; its widgets are changed one after another in real
Chromium, and for each change the test reads Streamlit's websocket messages
(tests/support/reruns.py): the rerun must end as a *fragment* run
(FINISHED_FRAGMENT_RUN_SUCCESSFULLY), so the page's frame (title, sidebar, footer) is
neither rerun on the server nor re-sent. Without the fragment the same change ends as a
full run (FINISHED_SUCCESSFULLY) and this test fails. Where the widget is in the URL, the
link must still follow it (``bind="query-params"`` and ui.sync_query)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from components.country_view import ORDER
from scripts.widgets import cycle_length
from tests.support.browser import Widget, assert_no_exception, wait_for_idle, widget_rerun
from tests.support.reruns import FRAGMENT, FULL, RunRecorder

# url path -> the widgets changed there, one after another in one session, each with the URL
# parameter that must follow it (or None). Every change must be a fragment run on its own.
CASES = {
    "sources": [(Widget("kind", "pills"), "kind"), (Widget("q", "text"), "q")],
    "gti": [(Widget("gti_countries", "pills"), "countries")],
    "map": [
        (Widget("map_layer_incidents", "toggle"), "map_layer_incidents"),
        (Widget("map_view", "segmented"), "map_view"),
    ],
    "approaches": [
        (Widget("approaches_transpose", "toggle"), "approaches_transpose"),
        (Widget("approaches_country", "selectbox"), "country"),
        (Widget("approaches_partner", "multiselect"), None),
    ],
    "timeline": [  # the partner filter is in the sidebar
        (Widget("timeline_partner", "multiselect"), "partner"),
        (Widget("timeline_incidents", "checkbox"), None),
    ],
    "countries?country=TKM": [(Widget("country", "selectbox"), "country")],
    "countries": [(Widget("country", "selectbox"), "country")],  # the chooser, then a view
}


def _param(page, name: str) -> list[str] | None:
    return parse_qs(urlsplit(page.url).query).get(name)


def _open(page, app_server, path: str) -> RunRecorder:
    recorder = RunRecorder(page)  # before the websocket opens
    page.goto(app_server.page_url(path))  # a deep link runs through app.py's router
    wait_for_idle(page)
    assert_no_exception(page)
    assert FULL in recorder.finished(0), "the page's own first run is a full run"
    return recorder


@pytest.mark.parametrize("path", list(CASES))
def test_each_widget_change_reruns_only_its_fragment(page, app_server, path):
    recorder = _open(page, app_server, path)
    for widget, param in CASES[path]:
        before = _param(page, param) if param else None
        mark = recorder.mark()
        widget_rerun(page, widget)
        # Wait for the rerun's own script_finished message, not only for an idle-looking
        # page (under load the rerun may not have started yet when the page first looks idle).
        assert recorder.wait_finished(mark), f"{widget.key}: no rerun"
        wait_for_idle(page)
        assert_no_exception(page)
        finished = recorder.finished(mark)
        assert set(finished) == {FRAGMENT}, f"{widget.key}: a full rerun ({finished})"
        if param:  # the shared link still follows the widget
            page.wait_for_function(
                "([name, old]) => JSON.stringify(new URL(location.href).searchParams.getAll(name))"
                " !== JSON.stringify(old || [])",
                arg=[param, before],
            )


def test_deck_controls_rerun_only_the_deck_and_keep_the_link(page, app_server):
    recorder = _open(page, app_server, "deck")
    mark = recorder.mark()
    page.locator(".st-key-deck_regional button").first.click()
    page.wait_for_function("new URL(location.href).searchParams.get('deck')")
    wait_for_idle(page)
    page.locator(".st-key-deck_down_0 button").first.click()
    wait_for_idle(page)
    assert_no_exception(page)
    finished = recorder.finished(mark)
    assert len(finished) >= 2 and set(finished) == {FRAGMENT}, finished
    assert page.locator(".st-key-deck_row_0").is_visible()


def test_the_benchmarks_warm_up_cycle_visits_every_country(page, app_server):
    """bench/pages.py makes ``cycle_length`` untimed changes before timing a widget, so that
    timed changes find every state's server cache warm: for the country chooser that must
    be each of the five states once."""
    _open(page, app_server, "countries?country=KGZ")
    chooser = Widget("country", "selectbox")
    n = cycle_length(page, chooser)
    seen = []
    for _ in range(n):
        widget_rerun(page, chooser)
        wait_for_idle(page)
        seen.append(*_param(page, "country"))
    assert n == len(ORDER) and sorted(seen) == sorted(ORDER), seen
