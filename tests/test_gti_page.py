"""AppTest of the GTI page: the country picker drives the URL and every chart's highlight;
one table's tab at a time draws its charts, and ?table= opens it."""

from __future__ import annotations

import functools
import json

import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from components import data
from components import gti_view as gv
from tests.support.apptest import kept_downloads, static_tables
from tests.support.slides import hover_only

N_CHARTS = 6  # two per table


@functools.cache
def chart_keys() -> tuple[str, ...]:
    """Every chart the view builds (tests/test_gti_view.py pins the keys): the page shows
    each. Built when a test runs, not at collection (every xdist worker collects)."""
    return tuple(b.key for s in gv.build_from_data(()).sections for b in s.charts)


TAB_KEY = "gti_table"
TABS = (
    "Eurasian countries, 2023 (Table 1)",
    "Regions (Table 2)",
    "Astana's prevention programme (Table 3)",
)


def _in_every_tab(at: AppTest, look, state: dict | None = None) -> list:
    """``look(at)`` with each table's tab open in turn (a closed tab draws nothing; ``state``
    is set before each run), then the tab that was open is opened again."""
    was, seen = at.session_state[TAB_KEY], []
    for tab in TABS:
        at.session_state[TAB_KEY] = tab
        for key, value in (state or {}).items():
            at.session_state[key] = value
        at.run()
        assert not at.exception, at.exception
        seen.extend(look(at))
    at.session_state[TAB_KEY] = was
    at.run()
    return seen


def _open(query: dict | None = None) -> AppTest:
    at = AppTest.from_file("../app.py", default_timeout=120)
    at.run()
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.switch_page("pages/gti.py").run()
    assert not at.exception, at.exception
    return at


def _charts(at: AppTest) -> list[tuple[dict, list[dict]]]:
    """(spec, rows of the main dataset) of every Vega-Lite chart on the page."""
    return _in_every_tab(at, _charts_shown)


def _charts_shown(at: AppTest) -> list[tuple[dict, list[dict]]]:
    out = []
    for el in at.get("vega_lite_chart"):
        spec = json.loads(el.proto.spec)
        rows = []
        for ds in el.proto.datasets:
            table = pa.ipc.open_stream(ds.data.data).read_all()
            if table.num_rows > len(rows):
                rows = table.to_pylist()
        if not rows:  # inline values
            rows = max(spec.get("datasets", {}).values(), key=len, default=[])
        out.append((spec, rows))
    return out


def _selected_rows(at: AppTest) -> list[set[str]]:
    """Per chart, the rows marked selected, as Table 1 codes (a chart carries the country's
    name, not the code it does not draw) or labels (derived rows, the Table 3 highlight)."""
    gti = data.gti_countries()
    iso = dict(zip(gti["country_as_printed"], gti["iso3"], strict=True))
    out = []
    for spec, rows in _charts(at):
        out.append(
            {
                str(iso.get(r.get("country")) or iso.get(r.get("label")) or r.get("label"))
                for r in rows
                if r.get("selected")
            }
        )
    return out


def test_page_renders_every_chart_without_selection():
    at = _open()
    charts = _charts(at)
    assert len(charts) == N_CHARTS
    assert at.button_group(key="gti_countries").value == []
    assert "countries" not in at.query_params
    assert all(not s for s in _selected_rows(at))
    # one "show data" table per chart, each with its own key, drawn only when its expander
    # opens (a hidden grid still costs the browser)
    assert len(_in_every_tab(at, static_tables)) == 0
    opened = {f"gti_data_{chart}": True for chart in chart_keys()}
    assert len(_in_every_tab(at, static_tables, opened)) == N_CHARTS
    # Russia's flag is shown as a warning on the page, not only in a tooltip
    assert any("Flagged: Russia" in w.value for w in at.warning)


def test_picker_writes_the_query_string_and_highlights_every_chart():
    at = _open()
    at.button_group(key="gti_countries").select("TJK").select("UZB").run()
    assert not at.exception
    assert at.query_params["countries"] == "TJK,UZB"
    sel = _selected_rows(at)
    assert sel[0] == {"TJK", "UZB"}  # Table 1 scores
    assert sel[1] == {"TJK", "UZB"}  # Table 1 changes
    assert sel[2] == {"Selected: TJK, UZB (derived)"}  # Table 2: a derived comparison row
    assert sel[3] == {"Selected: TJK, UZB (derived)"}
    # and the "show data" tables show the same highlighted rows
    at.session_state["gti_data_table1-scores"] = True
    at.run()
    (table,) = static_tables(at)  # the rows as printed, the highlighted ones marked
    assert set(table.loc[table["Highlighted"] == "✓", "Country"]) == {"Tajikistan", "Uzbekistan"}
    assert "3.016" in set(table["GTI score (as printed)"])  # as printed, not 3.0160

    at.button_group(key="gti_countries").unselect("TJK").run()
    assert at.query_params["countries"] == "UZB"
    assert _selected_rows(at)[0] == {"UZB"}

    at.button_group(key="gti_countries").set_value([]).run()
    assert "countries" not in at.query_params
    assert all(not s for s in _selected_rows(at))


def test_query_string_sets_the_picker_and_bad_codes_get_a_notice():
    """How a link is read is tests/test_gti_view.py's table of cases (hostile links on
    every page: tests/test_reliability_querystrings.py); the picker then highlights as in
    the test above."""
    at = _open({"countries": "kgz,NOPE,TJK"})
    assert at.button_group(key="gti_countries").value == ["KGZ", "TJK"]
    assert at.query_params["countries"] == "KGZ,TJK"
    _, notice = gv.read_link("kgz,NOPE,TJK", data.gti_countries())
    assert ":material/info: " + notice in [c.value for c in at.caption]


def test_selecting_kazakhstan_highlights_the_astana_charts():
    at = _open({"countries": "KAZ"})
    specs = [spec for spec, _ in _charts(at)]
    for spec in specs[4:]:
        assert spec["config"]["view"]["strokeWidth"] == 3
        assert any("Kazakhstan (Astana) is selected" in line for line in spec["title"]["subtitle"])
    at.button_group(key="gti_countries").set_value(["TJK"]).run()
    specs = [spec for spec, _ in _charts(at)]
    assert all(spec["config"]["view"]["strokeWidth"] == 0 for spec in specs[4:])
    notes = _in_every_tab(
        at, lambda at: [c.value for c in at.caption if "Table 3 covers" in c.value]
    )
    assert len(notes) == 1 and "Astana" in notes[0]  # once, on Table 3's tab


def test_selected_central_asian_states_link_to_their_country_views():
    """Which states get a link is tests/test_gti_view.py's table of cases."""
    at = _open({"countries": "RUS,TJK,UZB"})
    built = gv.build_from_data(("RUS", "TJK", "UZB")).country_links
    shown = [(link.proto.label, link.proto.query_string) for link in at.get("page_link")]
    assert shown == [(link.label, f"country={dict(link.params)['country']}") for link in built]
    assert len(shown) == 2 and {link.proto.page for link in at.get("page_link")} == {"countries"}


def test_every_chart_has_its_own_csv_download():
    """Each chart's download button (by its key, in its table's tab) serves that chart's
    CSV as the view built it."""
    with kept_downloads() as read:
        at = _open()
        served = dict(
            _in_every_tab(at, lambda at: [(b.key, read(at, b.key)) for b in at.download_button])
        )
    built = {f"gti_csv_{b.key}": b.csv for s in gv.build_from_data(()).sections for b in s.charts}
    assert len(built) == N_CHARTS and served == built
    labels = {b.proto.label for b in at.download_button}
    assert labels == {"Download this chart's data (CSV)"}


def test_every_chart_prints_its_notes_and_footnotes_under_it():
    """Each chart's notes and footnote links reach the page, a paragraph each, in one
    caption per chart, in its table's tab."""
    shown = _in_every_tab(_open(), lambda at: [c.value for c in at.caption])
    blocks = [b for s in gv.build_from_data(()).sections for b in s.charts]
    assert sum(len(b.notes) for b in blocks) > N_CHARTS  # the tables' notes are not empty
    for b in blocks:
        assert "\n\n".join((*b.notes, b.footnotes_md)) in shown, b.key


def test_country_links_keep_briefing_mode():
    at = _open({"countries": "KAZ", "present": "1"})
    assert [link.proto.query_string for link in at.get("page_link")] == ["country=KAZ&present=1"]


@pytest.mark.parametrize(
    ("part", "shown"),
    [(None, "scores"), ("changes", "changes"), ("totals", "totals"), ("nope", "scores")],
)
def test_briefing_shows_one_chart_slide_per_part(part, shown):
    from components.vocab import PART_TITLES

    query = {"present": "1", "countries": "TJK", **({"part": part} if part else {})}
    at = _open(query)
    assert len(at.get("vega_lite_chart")) == 1  # one chart, not the page's six
    assert not at.multiselect  # no picker on the slide: the link holds the selection
    title = PART_TITLES["gti"][shown]
    assert any(title in m.value.replace("\\", "") for m in at.markdown)
    assert at.query_params.get("part") == shown
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert hover_only(spec) == []  # no hover


def test_tabs_name_the_tables_and_draw_only_the_open_one():
    at = _open()
    assert [t.label for t in at.tabs] == list(TABS)
    assert [s.header for s in gv.build_from_data(()).sections] == list(TABS)
    assert len(at.get("vega_lite_chart")) == 2 and "table" not in at.query_params
    for tab in TABS[1:]:  # 1 -> 2 -> 3: each click opens its tab (the link follows)
        at.session_state[TAB_KEY] = tab
        at.run()
    assert at.session_state[TAB_KEY] == TABS[2]
    keys = [b.key for b in at.download_button]
    assert keys == ["gti_csv_table3-programme", "gti_csv_table3-totals"]
    assert at.query_params["table"] == "3"  # the link opens the same tab


@pytest.mark.parametrize(
    ("value", "tab", "notice"),
    [
        ("2", TABS[1], False),
        ("3", TABS[2], False),
        ("1", TABS[0], False),
        (" 2 ", TABS[1], False),
        ("4", TABS[0], True),
        ("<b>x</b>", TABS[0], True),
        ("", TABS[0], True),
    ],
)
def test_table_in_the_link_opens_its_tab_or_falls_back_with_a_notice(value, tab, notice):
    at = _open({"table": value})
    assert not at.exception
    assert at.session_state[TAB_KEY] == tab
    named = [c.value for c in at.caption if "unknown table" in c.value]
    assert bool(named) == notice
    assert all("<b>" not in c for c in named)  # escaped
    expected = gv.section_value(str(TABS.index(tab) + 1))
    assert at.query_params.get("table") == expected


def test_the_open_tab_survives_a_language_switch():
    """Switching language renames the tabs; the link (?table=) keeps the same table open."""
    from components import i18n, ui

    at = _open({"table": "3"})
    at.segmented_control(key=ui.LANG_KEY).set_value("ru").run()
    assert not at.exception
    ru = [s.header for s in gv.build_from_data((), i18n.Translator("ru")).sections]
    assert [t.label for t in at.tabs] == ru
    assert at.session_state[TAB_KEY] == ru[2] and at.query_params["table"] == "3"
