"""Leaving a page and coming back by the sidebar (no query string) must draw it again.

Streamlit drops a widget's state once a run no longer draws the widget, while plain
session keys stay: a page that keeps "what I already applied" in a plain key and reads a
widget key unguarded raised KeyError on its second visit (the approaches page did, found
by bench/pages.py's sidebar-click cycle)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.support.apptest import APP, PAGES

ELSEWHERE = "pages/sources.py"


@pytest.mark.parametrize("path", sorted(p for p, f in PAGES.items() if f != ELSEWHERE))
def test_a_page_draws_again_when_revisited(path):
    at = AppTest.from_file(APP, default_timeout=90).run()
    for page in (PAGES[path], ELSEWHERE, PAGES[path]):
        at.switch_page(page).run()
        assert not at.exception, f"{page}: {at.exception}"
    assert at.main.children, "the revisited page drew nothing"
