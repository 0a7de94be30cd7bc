"""The first request to a fresh server may be a deep link (a prepared briefing link).

Streamlit 1.67 would run such a page without app.py because a pages/ folder exists; the
page frame (components/ui.py) reroutes it through app.py. Each case starts its own server
so that the deep link really is the first request that server sees.

Every page calls ui.start_page first, so one case per kind of link covers the reroute: a
briefing link with its query (no sidebar) and a plain page link (the sidebar's titles).
Other browser tests deep-link every page on the shared server without visiting "/" first.
"""

import pytest
from playwright.sync_api import expect

from components.vocab import APP_TITLE, PAGE_TITLES
from tests.support.browser import assert_no_exception, new_guarded_page, wait_for_idle

CASES = [
    ("countries?country=UZB&present=1", "Uzbekistan"),
    ("sources", "Sources"),
]


@pytest.mark.parametrize(("path", "heading"), CASES, ids=[c[0].split("?")[0] for c in CASES])
def test_first_request_deep_link_goes_through_app_py(start_app_server, page, path, heading):
    server = start_app_server()
    page.goto(server.page_url(path))
    wait_for_idle(page)
    assert_no_exception(page)
    assert heading in page.locator('[data-testid="stMain"]').inner_text()
    nav = page.locator('[data-testid="stSidebarNav"]')
    if "present=1" not in path:
        labels = nav.inner_text()
        assert PAGE_TITLES["sources"] in labels, labels  # app.py's titles, not file names
        assert "\napp\n" not in f"\n{labels}\n"
    # app.py sets layout="wide": the main block is not the 736 px centred column.
    width = page.locator('[data-testid="stMainBlockContainer"]').bounding_box()["width"]
    assert width > 1000
    assert path.split("?")[0] in page.url


FIRST_VISITS = ("countries", "sources", "gti")


def test_first_visits_at_once_all_go_through_app_py(start_app_server, browser):
    """Several deep links at once as a fresh server's first requests (a briefing room
    opening its links after a restart). Streamlit reads its legacy-mode flag as each run
    starts, and the first page to leave the mode clears it for all, so a page whose run
    began in that mode must reroute though the flag now reads cleared. Each page is then
    app.py's: its titles in the sidebar, and a tab that names it (WCAG 2.4.2)."""
    server = start_app_server()
    pages = {path: new_guarded_page(browser) for path in FIRST_VISITS}
    try:
        for path, page in pages.items():  # all requests go out before any is waited on
            page.goto(server.page_url(path), wait_until="commit")
        for path, page in pages.items():
            wait_for_idle(page, timeout=60000)  # three cold sessions at once on two cores
            assert_no_exception(page)
            labels = page.locator('[data-testid="stSidebarNav"]').inner_text()
            assert PAGE_TITLES["sources"] in labels, (path, labels)
            assert "\napp\n" not in f"\n{labels}\n", (path, labels)
            expect(page).to_have_title(f"{PAGE_TITLES[path]} · {APP_TITLE}")
            width = page.locator('[data-testid="stMainBlockContainer"]').bounding_box()["width"]
            assert width > 1000, (path, width)  # app.py's wide layout
            assert page.url.endswith(f"/{path}"), page.url
    finally:
        for page in pages.values():
            page.context.close()


# A first run that draws nothing and ends, then content a moment later: the shape of a fresh
# server's first deep link (the page file reroutes with st.rerun() before drawing, then
# app.py runs), with the pause between the runs stretched to a second. CI once caught
# wait_for_idle in that pause and read an empty page.
LATE_CONTENT_APP = """
import streamlit as st

@st.fragment(run_every=1.0)
def later():
    if st.session_state.setdefault("ticks", 0):
        st.write("Drawn by the second run")
    st.session_state.ticks += 1

later()
"""


def test_idle_waits_past_a_pause_with_nothing_drawn(start_app_server, page, tmp_path):
    app = tmp_path / "late.py"
    app.write_text(LATE_CONTENT_APP)
    server = start_app_server(app=app)
    page.goto(server.url)
    wait_for_idle(page)
    assert "Drawn by the second run" in page.locator('[data-testid="stMain"]').inner_text()
