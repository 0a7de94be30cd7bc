"""The benchmark's generated floors (scripts/floors.py, used by bench/pages.py) run, and measure what they claim.

No timing here: these check that every generated page runs without an exception, mounts
the heavy elements its name says, and that the live library floor's widget really redraws
every element (otherwise its widget-rerun figure would time a no-op).
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from scripts import floors as c
from tests.support.apptest import run_page
from tests.support.browser import MAIN_WIDGETS, OTHER_WIDGETS

# heavy kind -> AppTest element type
ELEMENT = {"deck": "deck_gl_json_chart", "grid": "dataframe", "vega": "vega_lite_chart"}
ALL_KINDS = tuple(sorted(c.HEAVY_KINDS))


def _protos(at: AppTest, kinds) -> dict[str, bytes]:
    return {k: at.get(ELEMENT[k])[0].proto.SerializeToString() for k in kinds}


def _change(at: AppTest, kind: str) -> None:
    """Drive the live floor's widget by key to a value it did not have."""
    key = c.LIVE_WIDGET_KEY
    {
        "selectbox": lambda: at.selectbox(key=key).select("b"),
        "multiselect": lambda: at.multiselect(key=key).select("b"),
        "toggle": lambda: at.toggle(key=key).set_value(True),
    }[kind]()
    at.run()


def test_the_live_floor_offers_every_main_widget_kind():
    kinds = {w.kind for w in MAIN_WIDGETS.values() if w}
    assert kinds <= set(c._LIVE_PICK), "add a _LIVE_PICK entry for each page's main widget kind"


def test_every_floor_page_runs_and_mounts_its_heavy_kinds(tmp_path):
    c.floor_app(tmp_path)
    for kinds in c._library_sets():
        page = tmp_path / f"floor_{c.library_path(kinds).replace('-', '_')}.py"
        at = AppTest.from_file(str(page)).run()
        assert not at.exception, page.name
        for k in ALL_KINDS:
            assert len(at.get(ELEMENT[k])) == (k in kinds), (page.name, k)
    library = {f"floor_{c.library_path(k).replace('-', '_')}.py" for k in c._library_sets()}
    for page in tmp_path.glob("floor_*.py"):  # the empty pages and the widget floor
        if page.name not in library | {"floor_app.py"}:
            assert not AppTest.from_file(str(page)).run().exception, page.name


@pytest.mark.parametrize(
    ("kinds", "widget_kind"),
    [((k,), "selectbox") for k in ALL_KINDS] + [(ALL_KINDS, w) for w in sorted(c._LIVE_PICK)],
)
def test_the_live_floors_widget_redraws_every_heavy_element(tmp_path, kinds, widget_kind):
    c.live_library_app(tmp_path, [(kinds, widget_kind)])
    page = tmp_path / (c.live_path(kinds, widget_kind).replace("-", "_") + ".py")
    at = AppTest.from_file(str(page)).run()
    assert not at.exception
    # the widget sits below the heavy elements, where no chart toolbar covers it
    assert [e.type for e in at.main.children[0].children.values()] == [ELEMENT[k] for k in kinds]
    before = _protos(at, kinds)
    _change(at, widget_kind)
    assert not at.exception
    after = _protos(at, kinds)
    assert all(before[k] != after[k] for k in kinds), (
        "every heavy element must draw from the widget"
    )


def test_the_live_router_lists_a_start_page_and_every_combo(tmp_path):
    combos = [(("vega",), "multiselect"), (("deck", "vega"), "toggle"), (("vega",), "multiselect")]
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
