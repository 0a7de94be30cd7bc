"""The benchmark's library floor (scripts/floors.py) in the browser: each element kind's
minimal instance mounts as the kind it stands for, in the main area and in the sidebar,
and the detector that bench/pages.py runs on the app's pages finds exactly those kinds.
Otherwise a page's library floor would silently draw less than the page does."""

from scripts import floors as c
from tests.support.browser import assert_no_exception, wait_for_idle

ALL = tuple(sorted({*c.ELEMENT_KINDS, *(c.SIDEBAR + k for k in c.ELEMENT_KINDS)}))


def test_every_kind_mounts_as_itself_and_is_found(start_app_server, page, tmp_path):
    server = start_app_server(app=c.live_library_app(tmp_path, [(ALL, "selectbox")]))
    page.goto(server.page_url(c.live_path(ALL, "selectbox")))
    wait_for_idle(page)
    assert_no_exception(page)
    kinds, unknown = c.element_kinds(page)
    assert (kinds, unknown) == (list(ALL), [])
