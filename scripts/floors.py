"""The benchmark's floors: generated Streamlit apps that cost what the library costs.

- ``floor_app(folder)``: the *floor*, a copy of the app's router where every page is a
  one-line empty Streamlit page (same url paths, same page config; same server settings
  because every server is started from the repo root, which holds ``.streamlit/config.toml``),
  plus one ``widget`` page with one widget of each kind, the floor for widget reruns, and the
  library floors (one minimal instance of each heavy element kind a page mounts);
- ``live_library_app(folder, combos)``: library floors whose heavy elements all draw from
  one widget, for widget-rerun floors.

Used by ``bench/pages.py`` and checked by ``tests/test_bench_floors.py`` (which must not
import bench/), so it lives here.
"""

from __future__ import annotations

import itertools
import re
import textwrap
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from scripts.browser import REPO_ROOT, app_routes

APP = REPO_ROOT / "app.py"

# url path -> page file, as routed by app.py ("" is the default page, served at "/").
PAGES: dict[str, str] = app_routes(APP)


def label(path: str) -> str:
    return path or "overview"


# --------------------------------------------------------------------------- floor app
def _floor_router() -> str:
    """app.py itself, with every page file swapped for its empty floor page, plus the widget
    floor page: the floor cannot drift from the real router's config and url paths."""
    router = APP.read_text(encoding="utf-8")
    # `st.Page(` and its file may be on two lines (ruff format): keep the whitespace
    floor = re.sub(r'st\.Page\((\s*)"pages/', r'st.Page(\1"floor_', router)
    tail = "\n]\n\nst.navigation(pages).run()"
    assert floor != router and tail in floor, "app.py changed shape: update scripts/floors.py"
    widget = '\n    st.Page("floor_widget.py", title="Floor widgets", url_path="widget"),'
    return floor.replace(tail, widget + tail)


_FLOOR_WIDGETS = """\
import streamlit as st

st.selectbox("Floor selectbox", ["a", "b", "c"], key="floor_select")
st.multiselect("Floor multiselect", ["a", "b", "c"], key="floor_multi")
st.radio("Floor radio", ["a", "b", "c"], key="floor_radio", horizontal=True)
st.segmented_control("Floor segmented", ["a", "b", "c"], key="floor_seg")
st.toggle("Floor toggle", key="floor_toggle")
st.text_input("Floor text", key="floor_text")
"""


# Library floors: the browser cost of a heavy element kind is paid by any page that draws
# one, however small (its JavaScript chunk is parsed and run, the element mounted). A page's
# library floor is an otherwise empty page with one minimal instance of each heavy kind the
# page mounts, detected in the browser by these selectors. In the floor app they are hidden
# from the sidebar, so the empty floor's sidebar stays the app's; they are reached by deep
# links. The code draws from `pick`, a string: a constant on those pages, a widget's value
# on the live library floor (live_library_app), so that a widget change redraws each one.
HEAVY_KINDS: dict[str, tuple[str, str]] = {  # kind -> (DOM selector, minimal Streamlit code)
    "deck": (
        '[data-testid="stDeckGlJsonChart"]',
        (
            "import pydeck as pdk\n"
            "st.pydeck_chart(pdk.Deck(layers=[pdk.Layer('ScatterplotLayer', "
            "data=[{'p': [60 + sum(map(ord, pick)) % 10, 40]}], get_position='p', "
            "get_radius=20000)], map_provider=None, initial_view_state="
            "pdk.ViewState(latitude=40, longitude=65, zoom=4)), key='floor_deck')\n"
        ),
    ),
    "grid": (
        '[data-testid="stDataFrame"]',
        ("import pandas as pd\nst.dataframe(pd.DataFrame({'a': [pick]}), key='floor_grid')\n"),
    ),
    "vega": (
        '[data-testid="stVegaLiteChart"]',
        (
            "st.vega_lite_chart({'data': {'values': [{'a': 'x', 'b': sum(map(ord, pick))}]}, "
            "'mark': 'bar', 'encoding': {'x': {'field': 'a', 'type': 'nominal'}, "
            "'y': {'field': 'b', 'type': 'quantitative'}}}, key='floor_vega')\n"
        ),
    ),
}


def library_path(kinds: Iterable[str]) -> str | None:
    """The floor app's url path for a set of heavy kinds (None: the plain empty floor)."""
    kinds = sorted(set(kinds))
    return "lib-" + "-".join(kinds) if kinds else None


def _library_sets() -> list[tuple[str, ...]]:
    names = sorted(HEAVY_KINDS)
    return [combo for n in range(1, len(names) + 1) for combo in itertools.combinations(names, n)]


def _library_code(kinds: Iterable[str], widget: str | None = None) -> str:
    """A library floor page: a constant ``pick``, or ``widget`` (code setting ``pick``) drawn
    below the heavy elements, where no chart toolbar can cover it."""
    heavy = "".join(HEAVY_KINDS[k][1] for k in sorted(kinds))
    if widget is None:
        return 'import streamlit as st\npick = "a"\n' + heavy
    return (
        "import streamlit as st\ntop = st.container()\n"
        + widget
        + "with top:\n"
        + textwrap.indent(heavy, "    ")
    )


def floor_app(folder: Path) -> Path:
    """Write the floor app into ``folder`` and return its router script."""
    folder.mkdir(parents=True, exist_ok=True)
    router = _floor_router()
    extra = "".join(
        f'\n    st.Page("floor_{library_path(kinds).replace("-", "_")}.py", '
        f'title="Floor {" + ".join(kinds)}", url_path="{library_path(kinds)}", visibility="hidden"),'
        for kinds in _library_sets()
    )
    tail = "\n]\n\nst.navigation(pages).run()"
    (folder / "floor_app.py").write_text(router.replace(tail, extra + tail), encoding="utf-8")
    for path in PAGES:
        (folder / f"floor_{label(path)}.py").write_text(
            "import streamlit as st\n", encoding="utf-8"
        )
    (folder / "floor_widget.py").write_text(_FLOOR_WIDGETS, encoding="utf-8")
    for kinds in _library_sets():
        (folder / f"floor_{library_path(kinds).replace('-', '_')}.py").write_text(
            _library_code(kinds), encoding="utf-8"
        )
    return folder / "floor_app.py"


# The live library floor: for sidebar clicks and widget reruns, a page per (heavy kinds,
# widget kind) a measured page needs, visible in the sidebar, with one widget of that kind
# whose value every heavy element draws. Its own server, so the empty floor's sidebar
# stays exactly the app's. Answers: what does a click or a widget change cost on a page
# that draws the same libraries and nothing else?
LIVE_WIDGET_KEY = "floor_live"
_LIVE_PICK = {  # widget kind -> code setting `pick` from a widget keyed LIVE_WIDGET_KEY
    # only the kinds of MAIN_WIDGETS (tests/test_bench_floors.py asks for a new one)
    "selectbox": f'pick = st.selectbox("Floor pick", ["a", "b", "c"], key="{LIVE_WIDGET_KEY}")\n',
    "multiselect": (
        f'pick = ",".join(st.multiselect("Floor pick", ["a", "b", "c"], '
        f'key="{LIVE_WIDGET_KEY}")) or "-"\n'
    ),
    "toggle": f'pick = "on" if st.toggle("Floor pick", key="{LIVE_WIDGET_KEY}") else "off"\n',
}
LIVE_START = "start"  # the live floor's empty page, where every measured click starts


def live_path(kinds: Iterable[str], widget_kind: str) -> str:
    return f"live-{'-'.join(sorted(set(kinds)))}-{widget_kind}"


def live_library_app(folder: Path, combos: Iterable[tuple[tuple[str, ...], str]]) -> Path:
    """Write the live library floor (an empty start page plus one page per combo)."""
    folder.mkdir(parents=True, exist_ok=True)
    combos = sorted(set(combos))
    router = APP.read_text(encoding="utf-8")
    assert "pages = [" in router, "app.py changed shape: update scripts/floors.py"
    header = router[: router.index("pages = [")]  # imports and app.py's own page config
    lines = [
        header.rstrip("\n"),
        "pages = [",
        f'    st.Page("live_start.py", title="Start", url_path="{LIVE_START}", default=True),',
    ]
    (folder / "live_start.py").write_text("import streamlit as st\n", encoding="utf-8")
    for kinds, widget_kind in combos:
        path = live_path(kinds, widget_kind)
        name = path.replace("-", "_") + ".py"
        (folder / name).write_text(_library_code(kinds, _LIVE_PICK[widget_kind]), encoding="utf-8")
        lines.append(f'    st.Page("{name}", title="{path}", url_path="{path}"),')
    lines += ["]", "", "st.navigation(pages).run()", ""]
    (folder / "live_app.py").write_text("\n".join(lines), encoding="utf-8")
    return folder / "live_app.py"


def heavy_kinds(page: Any) -> list[str]:
    """The heavy element kinds mounted on the page now (HEAVY_KINDS selectors)."""
    return [k for k, (sel, _code) in sorted(HEAVY_KINDS.items()) if page.locator(sel).count()]


# The floor's equivalent of each widget kind (used for the widget-rerun floor).
FLOOR_WIDGETS = {
    "selectbox": "floor_select",
    "multiselect": "floor_multi",
    "radio": "floor_radio",
    "segmented": "floor_seg",
    "toggle": "floor_toggle",
    "text": "floor_text",
}
