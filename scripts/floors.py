"""The benchmark's floors: generated Streamlit apps that cost what the library costs.

- ``floor_app(folder)``: the *floor*, a copy of the app's router where every page is a
  one-line empty Streamlit page (same url paths, same page config; same server settings
  because every server is started from the repo root, which holds ``.streamlit/config.toml``),
  plus one ``widget`` page with one widget of each kind, the floor for widget reruns;
- ``live_library_app(folder, combos)``: the library floors, one page per set of element
  kinds a measured page mounts (``element_kinds``), one minimal instance of each, all
  content drawing from one widget.

Used by ``bench/pages.py`` and checked by ``tests/test_bench_floors.py`` (which must not
import bench/), so it lives here.
"""

from __future__ import annotations

import hashlib
import re
import textwrap
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from scripts.browser import REPO_ROOT, app_routes

APP = REPO_ROOT / "app.py"

# url path -> page file, as routed by app.py ("" is the default page, served at "/").
PAGES: dict[str, str] = app_routes(APP)
# The pages with a sidebar link, once each: not the hidden /overview alias of "/" (nothing
# to click, and its figures repeat the overview's).
SIDEBAR_PAGES: list[str] = [p for p, file in PAGES.items() if p == "" or file != PAGES.get("")]


def label(path: str) -> str:
    return path or "overview"


# --------------------------------------------------------------------------- floor app
def _floor_router() -> str:
    """app.py itself, with every page file swapped for its empty floor page, plus the widget
    floor page: the floor cannot drift from the real router's config and url paths."""
    router = APP.read_text(encoding="utf-8")
    # `st.Page(` and its file may be on two lines (ruff format): keep the whitespace
    floor = re.sub(r'st\.Page\((\s*)"pages/', r'st.Page(\1"floor_', router)
    tail = "\n]\n\npage = st.navigation(pages)"
    assert floor != router and tail in floor, "app.py changed shape: update scripts/floors.py"
    widget = '\n    st.Page("floor_widget.py", title="Floor widgets", url_path="widget"),'
    return floor.replace(tail, widget + tail)


_FLOOR_WIDGETS = """\
import streamlit as st

st.selectbox("Floor selectbox", ["a", "b", "c"], key="floor_select")
st.multiselect("Floor multiselect", ["a", "b", "c"], key="floor_multi")
st.radio("Floor radio", ["a", "b", "c"], key="floor_radio", horizontal=True)
st.segmented_control("Floor segmented", ["a", "b", "c"], key="floor_seg")
st.pills("Floor pills", ["a", "b", "c"], selection_mode="multi", key="floor_pills")
st.toggle("Floor toggle", key="floor_toggle")
st.text_input("Floor text", key="floor_text")
"""


def floor_app(folder: Path) -> Path:
    """Write the floor app into ``folder`` and return its router script."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "floor_app.py").write_text(_floor_router(), encoding="utf-8")
    for path in PAGES:
        (folder / f"floor_{label(path)}.py").write_text(
            "import streamlit as st\n", encoding="utf-8"
        )
    (folder / "floor_widget.py").write_text(_FLOOR_WIDGETS, encoding="utf-8")
    return folder / "floor_app.py"


# Library floors: each element kind costs the browser something however little it draws
# (its JavaScript chunk is loaded and run, the element mounted and styled). A page's
# library floor is a page with one minimal instance of each element kind the page mounts,
# in the same place (sidebar or main), detected in the browser by its data-testid
# (``element_kinds``). Content kinds draw from `pick`, a string: a widget's value on the
# live library floor (live_library_app), so that a widget change redraws each of them.
# "@" in the code is the place ("main" or "sidebar"), so that widget keys differ.
ELEMENT_KINDS: dict[str, str] = {  # data-testid -> minimal Streamlit code
    "stAlert": "st.info(pick)\n",
    "stButton": "st.button('Floor button', key='floor_@_button')\n",
    "stButtonGroup": "st.segmented_control('Floor segments', ['a', 'b'], key='floor_@_seg')\n",
    "stCheckbox": "st.checkbox('Floor checkbox', key='floor_@_checkbox')\n",
    "stDataFrame": (
        "import pandas as pd\nst.dataframe(pd.DataFrame({'a': [pick]}), key='floor_@_grid')\n"
    ),
    "stDeckGlJsonChart": (
        "import pydeck as pdk\n"
        "st.pydeck_chart(pdk.Deck(layers=[pdk.Layer('ScatterplotLayer', "
        "data=[{'p': [60 + sum(map(ord, pick)) % 10, 40]}], get_position='p', "
        "get_radius=20000)], map_provider=None, initial_view_state="
        "pdk.ViewState(latitude=40, longitude=65, zoom=4)), key='floor_@_deck')\n"
    ),
    "stDownloadButton": "st.download_button('Floor download', pick, key='floor_@_download')\n",
    "stEmpty": "st.empty()\n",  # a slot that holds its place (the language script's)
    "stExpander": "st.expander('Floor expander')\n",
    "stHeading": "st.header(pick, anchor=False)\n",
    "stHtml": "st.html(f'<p>{pick}</p>')\n",
    "stMarkdown": "st.markdown(pick)\n",
    "stMetric": "st.metric('Floor metric', pick)\n",
    "stMultiSelect": "st.multiselect('Floor multiselect', ['a', 'b'], key='floor_@_multi')\n",
    "stPageLink": "st.page_link(START_FILE, label='Floor link')\n",
    "stRadio": "st.radio('Floor radio', ['a', 'b'], horizontal=True, key='floor_@_radio')\n",
    "stSelectbox": "st.selectbox('Floor selectbox', ['a', 'b'], key='floor_@_select')\n",
    "stSlider": "st.slider('Floor slider', 0, 10, (2, 8), key='floor_@_slider')\n",
    "stTable": "st.table({'a': [pick]})\n",
    "stTabs": "st.tabs(['Floor tab a', 'Floor tab b'])\n",
    "stTextInput": "st.text_input('Floor text', key='floor_@_text')\n",
    "stVegaLiteChart": (
        "st.vega_lite_chart({'data': {'values': [{'a': 'x', 'b': sum(map(ord, pick))}]}, "
        "'mark': 'bar', 'encoding': {'x': {'field': 'a', 'type': 'nominal'}, "
        "'y': {'field': 'b', 'type': 'quantitative'}}}, key='floor_@_vega')\n"
    ),
}
SIDEBAR = "sidebar:"  # a kind mounted in the sidebar: "sidebar:stMultiSelect"

# The kinds mounted now, and any element the table above does not model (reported, so that
# a new kind cannot silently leave the library floor short).
ELEMENT_KINDS_JS = """
(known) => {
  const kinds = new Set(), unknown = new Set();
  for (const box of document.querySelectorAll('[data-testid="stElementContainer"]')) {
    const where = box.closest('[data-testid="stSidebar"]') ? '__SIDEBAR__' : '';
    const found = known.filter((k) => box.querySelector(`[data-testid="${k}"]`));
    found.forEach((k) => kinds.add(where + k));
    const first = box.firstElementChild;
    const id = first && first.getAttribute('data-testid');
    if (!found.length && id && !box.hidden) unknown.add(where + id);
  }
  for (const k of ['stExpander', 'stTabs']) {  // blocks, not element containers
    for (const el of document.querySelectorAll(`[data-testid="${k}"]`)) {
      kinds.add((el.closest('[data-testid="stSidebar"]') ? '__SIDEBAR__' : '') + k);
    }
  }
  return {kinds: [...kinds].sort(), unknown: [...unknown].sort()};
}
""".replace("__SIDEBAR__", SIDEBAR)


def element_kinds(page: Any) -> tuple[list[str], list[str]]:
    """The element kinds mounted on the page now (ELEMENT_KINDS, "sidebar:"-prefixed where
    in the sidebar), and the data-testids of any element the table does not model."""
    found = page.evaluate(ELEMENT_KINDS_JS, sorted(ELEMENT_KINDS))
    return found["kinds"], found["unknown"]


def _library_code(kinds: Iterable[str], widget_kind: str) -> str:
    """A library floor page: one minimal instance of each kind, in its place. Below them,
    where no chart toolbar can cover it, the widget that sets ``pick`` stands for one
    instance of its own kind (the main one if the page has one there)."""
    kinds = sorted(set(kinds))
    own = LIVE_TESTID[widget_kind]
    for stand_in in (own, SIDEBAR + own):
        if stand_in in kinds:
            kinds.remove(stand_in)
            break
    main = "".join(ELEMENT_KINDS[k].replace("@", "main") for k in kinds if k in ELEMENT_KINDS)
    side = "".join(
        ELEMENT_KINDS[k[len(SIDEBAR) :]].replace("@", "sidebar")
        for k in kinds
        if k.startswith(SIDEBAR)
    )
    code = f"import streamlit as st\n\nSTART_FILE = {LIVE_START_FILE!r}\ntop = st.container()\n"
    code += _LIVE_PICK[widget_kind]
    if side:
        code += "with st.sidebar:\n" + textwrap.indent(side, "    ")
    return code + "with top:\n" + textwrap.indent(main or "pass\n", "    ")


# The live library floor: a page per (element kinds, widget kind) a measured page needs,
# visible in the sidebar, with one widget of that kind whose value every content element
# draws. Its own server, generated once the pages' kinds are known, so the empty floor's
# sidebar stays exactly the app's. Answers: what does a deep link, a click or a widget
# change cost on a page that draws the same kinds of element, one of each, and nothing else?
LIVE_WIDGET_KEY = "floor_live"
_LIVE_PICK = {  # widget kind -> code setting `pick` from a widget keyed LIVE_WIDGET_KEY
    # only the kinds of MAIN_WIDGETS (tests/test_bench_floors.py asks for a new one)
    "selectbox": f'pick = st.selectbox("Floor pick", ["a", "b", "c"], key="{LIVE_WIDGET_KEY}")\n',
    "multiselect": (
        f'pick = ",".join(st.multiselect("Floor pick", ["a", "b", "c"], '
        f'key="{LIVE_WIDGET_KEY}")) or "-"\n'
    ),
    "pills": (
        f'pick = ",".join(st.pills("Floor pick", ["a", "b", "c"], selection_mode="multi", '
        f'key="{LIVE_WIDGET_KEY}")) or "-"\n'
    ),
    "toggle": f'pick = "on" if st.toggle("Floor pick", key="{LIVE_WIDGET_KEY}") else "off"\n',
}
LIVE_TESTID = {
    "selectbox": "stSelectbox",
    "multiselect": "stMultiSelect",
    "pills": "stButtonGroup",
    "toggle": "stCheckbox",
}
LIVE_START = "start"  # the live floor's empty page, where every measured click starts
LIVE_START_FILE = "live_start.py"


def live_path(kinds: Iterable[str], widget_kind: str) -> str:
    """A short, stable url path per combo (a page may mount twenty kinds)."""
    digest = hashlib.sha1("|".join(sorted(set(kinds))).encode()).hexdigest()[:10]
    return f"live-{digest}-{widget_kind}"


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
        f'    st.Page("{LIVE_START_FILE}", title="Start", url_path="{LIVE_START}", default=True),',
    ]
    (folder / LIVE_START_FILE).write_text("import streamlit as st\n", encoding="utf-8")
    for kinds, widget_kind in combos:
        path = live_path(kinds, widget_kind)
        name = path.replace("-", "_") + ".py"
        (folder / name).write_text(_library_code(kinds, widget_kind), encoding="utf-8")
        lines.append(f'    st.Page("{name}", title="{path}", url_path="{path}"),')
    lines += ["]", "", "st.navigation(pages).run()", ""]
    (folder / "live_app.py").write_text("\n".join(lines), encoding="utf-8")
    return folder / "live_app.py"


# The floor's equivalent of each widget kind (used for the widget-rerun floor).
FLOOR_WIDGETS = {
    "selectbox": "floor_select",
    "multiselect": "floor_multi",
    "radio": "floor_radio",
    "segmented": "floor_seg",
    "pills": "floor_pills",
    "toggle": "floor_toggle",
    "text": "floor_text",
}
