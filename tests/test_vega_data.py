"""Charts carry only the data they draw (issue 17): components/vega_data.py, and every chart
the pages send."""

from __future__ import annotations

import copy
import json
import re

import pyarrow as pa
import pytest

from components import brief, gti_view, vega_data
from components.approaches_view import SLIDE_CHART_HEIGHT
from components.vega_data import _named, drawn_columns_only, stable_dataset_names
from tests.support.apptest import run_page

ROWS = [
    {"country": "KAZ", "score": 1.5, "rank": 1, "note": "a", "x y": 2, "unused": "big text"},
    {"country": "UZB", "score": 0.0, "rank": 2, "note": "b", "x y": 3, "unused": "more text"},
]


def _spec(**extra) -> dict:
    return {
        "datasets": {"d1": copy.deepcopy(ROWS)},
        "data": {"name": "d1"},
        "mark": "bar",
        "encoding": {
            "x": {"field": "score", "type": "quantitative"},
            "y": {"field": "country", "type": "nominal"},
        },
        **extra,
    }


def _columns(spec: dict) -> set[str]:
    return {c for r in spec["datasets"]["d1"] for c in r}


@pytest.mark.parametrize(
    ("extra", "kept"),
    [
        ({}, {"country", "score"}),
        ({"transform": [{"calculate": "datum.rank * 2", "as": "r2"}]}, {"country", "score", "rank"}),
        ({"transform": [{"filter": "datum['note'] != 'a'"}]}, {"country", "score", "note"}),
        ({"transform": [{"fold": ["x y"]}]}, {"country", "score", "x y"}),
        ({"params": [{"name": "p", "select": {"type": "point", "fields": ["rank"]}}]},
         {"country", "score", "rank"}),
        ({"title": "countries by rank"}, {"country", "score", "rank"}),  # conservative
    ],
)  # fmt: skip
def test_only_the_columns_the_spec_names_are_kept(extra, kept):
    spec = _spec(**extra)
    before = copy.deepcopy(spec)
    out = drawn_columns_only(spec)
    assert _columns(out) == kept
    assert spec == before, "the input (a cached spec) must not change"
    assert [r["score"] for r in out["datasets"]["d1"]] == [1.5, 0.0], "rows and values kept"


def test_inline_values_in_a_layer_are_slimmed_too():
    layer = {"data": {"values": copy.deepcopy(ROWS)}, "mark": "text", "encoding": {
        "text": {"field": "note"}}}  # fmt: skip
    out = drawn_columns_only(_spec(layer=[layer]))
    assert {c for r in out["layer"][0]["data"]["values"] for c in r} == {"note", "country", "score"}


def test_a_tooltip_showing_every_field_keeps_every_column():
    spec = _spec(mark={"type": "bar", "tooltip": {"content": "data"}})
    assert _columns(drawn_columns_only(spec)) == _columns(spec)


def test_a_word_inside_another_is_not_a_name():
    assert not _named("rank", '{"field": "ranking"}')
    assert _named("rank", '{"field": "rank"}')
    assert _named("x y", '{"field": "x y"}')


def _chart_columns(el) -> list[tuple[list[str], str]]:
    """Each dataset's column names, with the spec text that must name them."""
    p = el.proto
    spec = json.loads(p.spec)
    text = json.dumps(spec)
    out = []
    for ds in p.datasets:
        table = pa.ipc.open_stream(ds.data.data).read_all()
        out.append((table.column_names, text))
    if p.HasField("data"):
        out.append((pa.ipc.open_stream(p.data.data).read_all().column_names, text))
    return out


@pytest.mark.parametrize(
    ("page", "params"),
    [
        ("gti", {}),
        ("gti", {"table": "2"}),  # one table's tab at a time
        ("gti", {"table": "3"}),
        ("map", {}),
        ("countries", {"country": "TJK"}),
        ("approaches", {}),
    ],
)
def test_every_chart_a_page_sends_carries_only_columns_it_names(page, params):
    at = run_page(page, params)
    charts = at.get("vega_lite_chart")
    assert charts, f"{page}: no chart"
    for el in charts:
        for columns, text in _chart_columns(el):
            unnamed = [c for c in columns if not _named(c, text)]
            assert not unnamed, f"{page}: columns sent but never drawn: {unnamed}"


def test_datasets_are_renamed_by_position_and_every_reference_follows():
    layer = {"data": {"name": "d2"}, "mark": "text", "encoding": {"text": {"field": "note"}}}
    spec = _spec(layer=[layer], transform=[{"lookup": "country", "from": {
        "data": {"name": "d2"}, "key": "country"}}])  # fmt: skip
    spec["datasets"]["d2"] = copy.deepcopy(ROWS)
    spec["title"] = "d1 and d2 in a title stay"  # only the quoted names are renamed
    before = copy.deepcopy(spec)
    out = stable_dataset_names(spec)
    assert spec == before, "the input (a cached spec) must not change"
    assert list(out["datasets"]) == ["data-0", "data-1"]
    assert out["data"] == {"name": "data-0"}
    assert out["layer"][0]["data"] == {"name": "data-1"}
    assert out["transform"][0]["from"]["data"] == {"name": "data-1"}
    assert out["title"] == "d1 and d2 in a title stay"
    assert out["datasets"]["data-0"] == ROWS


def test_new_rows_leave_a_chart_spec_unchanged():
    """Altair names a dataset by a hash of its rows; with the rows moved out (as Streamlit
    does), two charts that differ only in their rows have the same spec."""
    import altair as alt
    import pandas as pd

    def sent(rows, rename=True):
        spec = alt.Chart(pd.DataFrame(rows)).mark_bar().encode(x="score:Q", y="country:N")
        out = stable_dataset_names(spec.to_dict()) if rename else spec.to_dict()
        out.pop("datasets")
        return out

    assert sent(ROWS) == sent(ROWS[:1])
    assert sent(ROWS, rename=False) != sent(ROWS[:1], rename=False), "Altair's hashed names"


# --- ui._prepared: each cached spec made ready once (the memo behind ui.vega_chart) ---


@pytest.fixture
def memo(monkeypatch):
    """An empty memo for this test only: page tests in the same worker fill the real one."""
    from collections import OrderedDict

    from components import ui

    monkeypatch.setattr(ui, "_PREPARED", OrderedDict())
    return ui


def _drawn(spec, interactive=False, lang="en", height=None, width=None) -> dict:
    import pickle

    from components import i18n, ui

    return pickle.loads(ui._prepared(spec, interactive, i18n.translator(lang), height, width))


def test_a_prepared_spec_is_the_cached_spec_made_ready(memo):
    spec = _spec(title="Scores")
    out = _drawn(spec)
    assert spec == _spec(title="Scores"), "the input (a cached spec) must not change"
    assert out["datasets"]["data-0"] == [
        {"country": r["country"], "score": r["score"]} for r in ROWS
    ]
    assert out["description"] == "Scores" and out["config"]["mark"] == {"aria": False}
    assert "height" not in out and "width" not in out


def test_what_streamlit_edits_is_a_fresh_copy_on_every_rerun(memo, monkeypatch):
    """Streamlit may edit the dict it is given: no edit may reach the next rerun's chart."""
    from components import i18n

    given = []

    def vega_lite_chart(spec, **kwargs):
        given.append(copy.deepcopy(spec))
        spec.pop("datasets")  # as a Streamlit that moves the data out would
        spec["encoding"]["x"]["title"] = " "

    monkeypatch.setattr(memo.st, "vega_lite_chart", vega_lite_chart)
    monkeypatch.setattr(memo, "translator", lambda: i18n.translator("en"))
    spec = _spec()
    memo.vega_chart(spec)
    memo.vega_chart(spec)
    assert given[0] == given[1] and "datasets" in given[1]
    assert spec == _spec()


@pytest.mark.parametrize(
    ("extra", "height", "width", "sized"),
    [
        ({}, 300, 900.0, {"height": 300, "width": 900}),  # a slide: its design size
        ({"width": "container"}, None, 640.5, {"width": 640}),
        ({"width": 500, "height": 200}, None, 900.0, {"width": 500, "height": 200}),  # fixed stays
        ({"height": 200}, 350, None, {"height": 350}),
    ],
)
def test_a_slide_chart_is_drawn_at_its_design_size(memo, extra, height, width, sized):
    spec = _spec(**extra)
    out = _drawn(spec, height=height, width=width)
    assert {k: out[k] for k in sized} == sized
    fitted = width is not None and extra.get("width", "container") == "container"
    assert out.get("autosize") == ({"type": "fit-x", "contains": "padding"} if fitted else None)
    assert spec == _spec(**extra), "the input (a cached spec) must not change"


def test_prepared_specs_are_reused_per_spec_object_language_and_clickability(memo, monkeypatch):
    calls = []
    monkeypatch.setattr(memo, "drawn_columns_only", lambda s: calls.append(1) or s)
    spec, twin = _spec(), _spec()
    assert _drawn(spec) == _drawn(spec) and len(calls) == 1  # the page's next rerun
    assert _drawn(spec, lang="ru")["description"] != _drawn(spec)["description"]  # "Chart"
    assert "mark" not in _drawn(spec, interactive=True)["config"]  # its named marks stay
    assert _drawn(spec, height=300)["height"] == 300 and "height" not in _drawn(spec)  # a slide
    _drawn(twin)  # an equal spec, another object: its own entry
    assert len(calls) == 5
    # an entry whose spec object is gone must not serve a new object at the same id
    key = (id(twin), False, "en", None, None)
    memo._PREPARED[key] = (spec, memo._PREPARED[key][1])
    _drawn(twin)
    assert len(calls) == 6


def test_the_memo_drops_the_least_recently_drawn_spec_first(memo, monkeypatch):
    """A spec built afresh on every run (a miss each time) must push out stale entries, not
    the ones every rerun reads."""
    monkeypatch.setattr(memo, "_PREPARED_MAX", 3)
    hot, a, b, c = _spec(), _spec(), _spec(), _spec()
    for spec in (hot, a, b):
        _drawn(spec)
    _drawn(hot)  # read again: now the most recent
    _drawn(c)  # one over the limit
    kept = [entry[0] for entry in memo._PREPARED.values()]
    assert len(kept) == 3 and kept[0] is b and kept[1] is hot and kept[2] is c


@pytest.mark.parametrize(
    ("params", "check"),
    [
        # the matrix is clickable: Vega keeps its named cells reachable (chart_a11y)
        ({}, lambda spec: "mark" not in spec["config"]),
        # its briefing slide: the slide's chart height and a fixed design width
        (
            {"present": "1"},
            lambda spec: (
                spec["height"] == SLIDE_CHART_HEIGHT
                and isinstance(spec["width"], int)
                and spec["autosize"]["type"] == "fit-x"
            ),
        ),
    ],
)
def test_the_page_and_its_slide_hand_their_chart_to_the_memo_as_drawn(params, check):
    (el,) = run_page("approaches", params).get("vega_lite_chart")
    assert check(json.loads(el.proto.spec))


def test_map_spec_rewrites_settings_given_literally_and_leaves_rows_and_expressions():
    spec = {
        "config": {"font": "A", "axis": {"labelFont": "A"}},
        "title": {"text": "t", "font": "A", "fontSize": 30},
        "layer": [{"mark": {"type": "text", "font": {"expr": "f"}}}],
        "datasets": {"d": [{"font": "a column", "fontSize": 3}]},
        "data": {"values": [{"font": "a column"}]},
    }
    out = vega_data.map_spec(spec, vega_data.FONT_FAMILY_KEYS, lambda _: "B", (str,))
    assert out["config"] == {"font": "B", "axis": {"labelFont": "B"}}
    assert out["title"] == {"text": "t", "font": "B", "fontSize": 30}
    assert out["layer"][0]["mark"]["font"] == {"expr": "f"}
    assert out["datasets"] == spec["datasets"] and out["data"] == spec["data"]
    assert spec["config"]["font"] == "A"  # a copy


def test_printed_charts_name_only_the_print_font():
    """A chart that names the app's font (the GTI charts) prints in the brief's font, the
    one vl-convert measures it with, not in whatever a reader's browser substitutes."""
    spec = gti_view.build_from_data(()).sections[0].charts[0].spec
    assert "Source Sans" in json.dumps(spec)  # the app's font, which print does not have
    svg = brief.chart_svg(spec)
    assert set(re.findall(r'font-family="([^"]+)"', svg)) == {"'DejaVu Sans', sans-serif"}


def test_map_text_sizes_scales_a_text_marks_size_channel_and_nothing_else():
    def text(size):
        return {"mark": {"type": "text"}, "encoding": {"size": size}}

    spec = {
        "layer": [
            text({"condition": {"test": "datum.selected", "value": 21}, "value": 18}),
            text({"condition": [{"test": "a", "value": 30}], "value": {"expr": "s"}}),
            {"mark": "point", "encoding": {"size": {"value": 100}}},  # an area, not a font
        ],
        "datasets": {"d": [{"size": 5}]},
    }
    out = vega_data.map_text_sizes(spec, lambda v: v / 2)
    assert out["layer"][0]["encoding"]["size"] == {
        "condition": {"test": "datum.selected", "value": 10.5},
        "value": 9,
    }
    assert out["layer"][1]["encoding"]["size"] == {
        "condition": [{"test": "a", "value": 15}],
        "value": {"expr": "s"},
    }
    assert out["layer"][2] == spec["layer"][2] and out["datasets"] == spec["datasets"]
    assert spec["layer"][0]["encoding"]["size"]["value"] == 18  # a copy
