"""AppTest for pages/approaches.py: every widget driven by its key, the selected cell in the
query string, the bound toggles, and the view placed on the page as built.

What the view says is tested in tests/test_approaches_view.py; here the page must show
exactly that view for the state its widgets and URL give."""

from __future__ import annotations

import functools
import io
import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from components import approaches_view as V
from tests.support.apptest import kept_downloads, select_on_chart, static_tables

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
PAGE = "pages/approaches.py"


@functools.cache
def inputs() -> V.Inputs:
    return V.Inputs.from_data()  # when a test runs, not at collection


def _open(query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def _matrix_table(at: AppTest) -> pd.DataFrame:
    """The matrix as its static table shows it, indexed by its first column."""
    (table,) = static_tables(at)
    return table.set_index(table.columns[0])


def _query(at: AppTest) -> dict[str, str]:
    return {k: at.query_params[k] for k in at.query_params}


def _shown(at: AppTest) -> dict[str, list[str]]:
    """Rendered text by kind, as the page sent it (escaped Markdown)."""
    return {
        "text": [m.value for m in at.markdown],
        "caption": [c.value for c in at.caption],
        "warning": [w.value for w in at.warning],
        "info": [i.value for i in at.info],
        "subheader": [h.value for h in at.subheader],
    }


def _assert_shows(at: AppTest, view: V.ApproachesView) -> None:
    """The page places every part of the view, in its kind of element."""
    shown = _shown(at)
    assert view.summary in shown["text"]
    assert view.legend in shown["caption"]
    assert ("  \n".join(view.flag_notes) in shown["warning"]) == bool(view.flag_notes)
    assert (view.partner_caption in shown["caption"]) == bool(view.partner_caption)
    assert "  \n".join(view.table4) in shown["text"]
    assert view.table4_caption in shown["caption"]
    kinds = {
        "heading": "text",
        "text": "text",
        "item": "text",
        "warning": "warning",
        "caption": "caption",
    }
    blocks = list(view.drilldown.blocks())
    assert blocks, "the view has no drilldown to look for"
    for kind, text in blocks:
        if kind != "item":
            prefix = {"heading": "### "}.get(kind, "")
            assert prefix + text in shown[kinds[kind]], (kind, text)
    items = [text for kind, text in blocks if kind == "item"]  # one list, in order
    assert ("\n".join("- " + t for t in items) in shown["text"]) == bool(items)
    links = at.get("page_link")
    if view.drilldown.link:
        (link,) = links
        assert link.proto.label == view.drilldown.link.label
        assert link.proto.query_string == "country=" + dict(view.drilldown.link.query)["country"]
    else:
        assert not links
    if view.rights:
        assert view.rights.heading in shown["subheader"]
        for row in view.rights.rows:
            assert row.security in shown["text"]
            assert "\n\n".join(row.items) in shown["text"]  # one block, a paragraph a line
        region = (view.rights.region_heading, *view.rights.region)
        assert "\n\n".join(region) in shown["text"]
    else:
        assert V.LABELS.rights_heading not in shown["subheader"]


@pytest.fixture(scope="module")
def page() -> AppTest:
    return _open()


def test_default_view(page):
    assert _query(page) == {}
    _assert_shows(page, V.build(inputs()))


def test_the_csv_holds_the_matrix_shown_and_the_table_follows_the_transpose_toggle():
    """The CSV (by its key) has one row per cell of the matrix table, with the cell's
    label; the transpose toggle turns the table (tests/test_data_tables_page.py checks
    that the table is drawn only once its expander opens)."""
    with kept_downloads() as read:
        at = _open()
        at.session_state["approaches_matrix_table"] = True
        at.run()
        csv = pd.read_csv(io.BytesIO(read(at, "approaches_download")), keep_default_na=False)
    table = _matrix_table(at)
    cells = csv.pivot(index="approach", columns="country_name", values="cell_label")
    assert cells.shape == table.shape == (14, 5)
    assert (cells.loc[table.index, table.columns].to_numpy() == table.to_numpy()).all()
    at.toggle(key="approaches_transpose").set_value(True).run()
    assert not at.exception
    assert (_matrix_table(at).to_numpy() == table.T.to_numpy()).all()
    assert _query(at) == {}  # no cell selected


def test_a_click_on_a_matrix_cell_selects_it():
    """The chart's cell selection, sent by its key as the browser sends a click, sets both
    pickers, the URL and the drilldown."""
    at = _open()
    key = f"approaches_chart_{at.session_state['_approaches_chart_version']}"
    select_on_chart(at, key, {"cell": [{"country": "UZB", "category": "reintegration"}]})
    assert not at.exception
    assert at.selectbox(key="approaches_country").value == "UZB"
    assert at.selectbox(key="approaches_category").value == "reintegration"
    assert _query(at) == {"country": "UZB", "approach": "reintegration"}
    _assert_shows(at, V.build(inputs(), country="UZB", approach="reintegration"))


def test_pickers_by_key_set_the_query_and_the_drilldown():
    at = _open()
    at.selectbox(key="approaches_country").set_value("UZB").run()
    assert _query(at) == {"country": "UZB"}
    _assert_shows(at, V.build(inputs(), country="UZB"))
    at.selectbox(key="approaches_category").set_value("reintegration").run()
    assert not at.exception
    assert _query(at) == {"country": "UZB", "approach": "reintegration"}
    _assert_shows(at, V.build(inputs(), country="UZB", approach="reintegration"))
    at.selectbox(key="approaches_country").set_value(None).run()
    assert _query(at) == {"approach": "reintegration"}
    _assert_shows(at, V.build(inputs(), approach="reintegration"))


@pytest.mark.parametrize(
    "country,approach",
    [("UZB", "reintegration"), ("UZB", "private_sector"), ("TKM", "border_security")],
)
def test_deep_link_opens_the_same_cell(country, approach):
    at = _open({"country": country, "approach": approach})
    assert at.selectbox(key="approaches_country").value == country
    assert at.selectbox(key="approaches_category").value == approach
    assert _query(at) == {"country": country, "approach": approach}
    _assert_shows(at, V.build(inputs(), country=country, approach=approach))


def test_partner_filter_by_key_narrows_the_cell():
    at = _open({"country": "KGZ", "approach": "osce"})
    at.multiselect(key="approaches_partner").select("osce_po_bishkek").run()
    assert not at.exception
    _assert_shows(at, V.build(inputs(), ("osce_po_bishkek",), country="KGZ", approach="osce"))
    # the link keeps the partners (ids, as on the timeline), and opens with them
    want = {"country": "KGZ", "approach": "osce", "partner": "osce_po_bishkek"}
    assert _query(at) == want
    linked = _open(want | {"partner": "osce_po_bishkek,nowhere"})
    assert linked.multiselect(key="approaches_partner").value == ["osce_po_bishkek"]
    assert [i.value for i in linked.info if "nowhere" in i.value] == [
        "Ignored partner(s) in the link: nowhere. No supporting initiative involves them."
    ]
    _assert_shows(linked, V.build(inputs(), ("osce_po_bishkek",), country="KGZ", approach="osce"))


def test_rights_toggle_by_key_and_from_the_url():
    at = _open({"country": "KAZ", "approach": "prevention"})
    at.toggle(key="approaches_rights").set_value(True).run()
    assert not at.exception
    _assert_shows(at, V.build(inputs(), rights=True, country="KAZ", approach="prevention"))
    # The toggles are bound to the query string: a shared link opens with the lens on.
    linked = _open({"approaches_rights": "true", "approach": "online"})
    assert linked.toggle(key="approaches_rights").value is True
    assert linked.toggle(key="approaches_transpose").value is False
    _assert_shows(linked, V.build(inputs(), rights=True, approach="online"))


@pytest.mark.parametrize(
    "query,notice,kept",
    [
        (
            {"country": "XXX", "approach": "reintegration"},
            "not one of the five states",
            {"approach": "reintegration"},
        ),
        ({"country": "UZB", "approach": "nonsense"}, "not a row of the matrix", {"country": "UZB"}),
        # dropped by Streamlit's binding, and named by the page
        ({"approaches_transpose": "maybe"}, "a switch there is true or false", {}),
        ({"approaches_transpose": " true"}, "a switch there is true or false", {}),  # spaced
    ],
)
def test_bad_query_falls_back_politely(query, notice, kept):
    at = _open(query)
    infos = _shown(at)["info"]
    assert [notice in i for i in infos] == ([True] if notice else [])
    assert _query(at) == kept  # a bad toggle value is dropped by Streamlit's binding
    assert at.toggle(key="approaches_transpose").value is False


def test_matrix_is_sent_as_a_cell_selection_chart_with_its_data(page):
    (chart,) = page.get("vega_lite_chart")
    assert list(chart.proto.selection_mode) == ["cell"]
    assert chart.key.startswith("approaches_chart_")
    spec = json.loads(chart.proto.spec)
    assert "datasets" not in spec  # the tables go as Arrow next to the spec
    assert len(chart.proto.datasets) == 2  # the cells and the country header
    (param,) = spec["params"]
    assert param["name"] == "cell" and param["select"]["fields"] == ["country", "category"]
    assert param["views"] == [spec["layer"][0]["name"]]  # clicks on the evidence cells
