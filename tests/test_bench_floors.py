"""The benchmark's generated floors (scripts/floors.py, used by bench/pages.py) run, and measure what they claim.

No timing here: these check that every generated page runs without an exception, that
each element kind's minimal instance runs in the main area and in the sidebar, and that
the live library floor's widget really redraws every content element (otherwise its
widget-rerun figure would time a no-op). tests/e2e/test_bench_floors.py checks in the
browser that each instance mounts as the kind it stands for.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from scripts import floors as c
from tests.support.apptest import run_page
from tests.support.browser import MAIN_WIDGETS, OTHER_WIDGETS

# The kinds whose minimal instance draws from the live widget's value (content, not widgets).
CONTENT = tuple(sorted(k for k, code in c.ELEMENT_KINDS.items() if "pick" in code))
ALL = tuple(sorted({*c.ELEMENT_KINDS, *(c.SIDEBAR + k for k in c.ELEMENT_KINDS)}))


def _live_page(tmp_path, kinds, widget_kind) -> AppTest:
    """The combo's page, run through the live router (its page links need st.navigation)."""
    router = c.live_library_app(tmp_path, [(kinds, widget_kind)])
    at = AppTest.from_file(str(router)).run()
    name = c.live_path(kinds, widget_kind).replace("-", "_") + ".py"
    at.switch_page(str(tmp_path / name)).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _change(at: AppTest, kind: str) -> None:
    """Drive the live floor's widget by key to a value it did not have."""
    key = c.LIVE_WIDGET_KEY
    {
        "selectbox": lambda: at.selectbox(key=key).select("b"),
        "multiselect": lambda: at.multiselect(key=key).select("b"),
        "pills": lambda: at.button_group(key=key).set_value(["b"]),
        "toggle": lambda: at.toggle(key=key).set_value(True),
    }[kind]()
    at.run()


def test_the_live_floor_offers_every_main_widget_kind():
    kinds = {w.kind for w in MAIN_WIDGETS.values() if w}
    assert kinds <= set(c._LIVE_PICK), "add a _LIVE_PICK entry for each page's main widget kind"


@pytest.mark.parametrize("widget_kind", sorted(c._LIVE_PICK))
def test_every_kind_runs_in_both_places_and_the_widget_stands_for_its_own(tmp_path, widget_kind):
    at = _live_page(tmp_path, ALL, widget_kind)
    # one instance per kind and place: the main one of the widget's own kind is the widget
    main = [*at.main.children[0].children.values()]
    assert len(main) == len(c.ELEMENT_KINDS) - 1
    keys = [w.key for w in (*at.selectbox, *at.multiselect, *at.button_group, *at.toggle)]
    assert keys.count(c.LIVE_WIDGET_KEY) == 1


@pytest.mark.parametrize("widget_kind", sorted(c._LIVE_PICK))
def test_the_live_floors_widget_redraws_every_content_element(tmp_path, widget_kind):
    at = _live_page(tmp_path, CONTENT, widget_kind)
    before = [e.proto.SerializeToString() for e in at.main.children[0].children.values()]
    assert len(before) == len(CONTENT)
    _change(at, widget_kind)
    assert not at.exception
    after = [e.proto.SerializeToString() for e in at.main.children[0].children.values()]
    unchanged = [k for k, b, a in zip(CONTENT, before, after, strict=True) if b == a]
    assert unchanged == [], "every content element must draw from the widget"


def test_the_live_router_lists_a_start_page_and_every_combo(tmp_path):
    vega, deck = ("stVegaLiteChart",), ("stDeckGlJsonChart", "stVegaLiteChart")
    combos = [(vega, "multiselect"), (deck, "toggle"), (vega, "multiselect")]
    router = c.live_library_app(tmp_path, combos).read_text(encoding="utf-8")
    assert router.count("st.Page(") == 3  # start + two distinct combos
    assert f'url_path="{c.LIVE_START}", default=True' in router
    assert 'layout="wide"' in router  # app.py's own page config
    for kinds, kind in combos:
        assert f'url_path="{c.live_path(kinds, kind)}"' in router


def test_the_floor_router_itself_runs_every_page(tmp_path):
    """The router (app.py with every page file swapped) must run: with one file left
    unswapped every floor page failed, and the benchmarks timed an error page."""
    router = c.floor_app(tmp_path)
    assert '"pages/' not in router.read_text(encoding="utf-8")
    at = AppTest.from_file(str(router)).run()
    assert not at.exception, [e.value for e in at.exception]
    for name in ("floor_map.py", "floor_widget.py"):
        at.switch_page(name).run()
        assert not at.exception, (name, [e.value for e in at.exception])


@pytest.mark.parametrize("path", sorted(MAIN_WIDGETS), ids=lambda p: p or "overview")
def test_every_widget_the_benchmark_drives_is_on_its_page(path):
    """bench/pages.py and bench/load.py drive these keys: a renamed key would make them
    silently time nothing."""
    at = run_page(path or "overview")
    keys = [w.key for w in [MAIN_WIDGETS[path], *OTHER_WIDGETS[path]] if w]
    assert [k for k in keys if k not in at.session_state] == [], path


def test_the_benchmarks_click_only_pages_with_a_sidebar_link():
    """app.py also routes a hidden /overview alias of "/": a sidebar click on it (bench/
    load.py, bench/soak.py) waited 60 s for a link that is not there."""
    assert "overview" in c.PAGES and "overview" not in c.SIDEBAR_PAGES
    assert c.SIDEBAR_PAGES[0] == "" and len(set(map(c.PAGES.get, c.SIDEBAR_PAGES))) == len(
        c.SIDEBAR_PAGES
    )
    assert set(map(c.PAGES.get, c.SIDEBAR_PAGES)) == set(c.PAGES.values())
