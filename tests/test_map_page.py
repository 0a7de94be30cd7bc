"""AppTest of the Map page: it renders, every layer toggles by key, and nothing raises."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from components import data
from components import map_deck as md
from components import map_view as mv
from tests.support.apptest import kept_downloads, select_on_chart, static_tables

APP = Path(__file__).resolve().parent.parent / "app.py"
LAYERS_OF = {
    "countries": {"countries", "countries-no-score-hatch", "labels-countries"},
    "provinces": {"provinces", "labels-provinces"},
    "borders": {"borders", "labels-borders"},
    "incidents": {"incidents", "labels-incidents"},
    "labels": {"labels-countries", "labels-provinces", "labels-borders", "labels-incidents"},
}


def open_map() -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=90)
    at.run()
    at.switch_page("pages/map.py").run()
    assert not at.exception
    return at


def deck_spec(at: AppTest) -> dict:
    charts = at.get("deck_gl_json_chart")
    assert len(charts) == 1
    return json.loads(charts[0].proto.json)


def deck_layers(at: AppTest) -> set[str]:
    return {lyr["id"] for lyr in deck_spec(at)["layers"]}


@pytest.fixture(scope="module")
def at() -> AppTest:
    return open_map()


def test_page_renders_map_legend_and_notes(at):
    assert at.title[0].value.startswith("Map")
    spec = deck_spec(at)
    assert spec.get("mapProvider") is None and "http" not in json.dumps(spec)
    assert deck_layers(at) >= set().union(*LAYERS_OF.values())
    assert len(at.get("vega_lite_chart")) >= 1  # the legend
    text = " ".join(m.value for m in at.markdown)
    for title in data.border_notes()["title"]:
        assert title in text.replace("\\", "")  # every note in the side panel
    flagged = data.border_notes()["flag"].notna().sum()
    assert len([w for w in at.warning if "Flag" in w.value]) >= flagged


def test_every_widget_by_key_and_all_layers_off():
    """Each layer toggle and the framing, driven by key (the layers each one removes are
    unit-tested in tests/test_map_view.py)."""
    at = open_map()
    before = deck_layers(at)
    for layer in md.LAYER_KEYS:
        at.toggle(key=f"map_layer_{layer}").set_value(False).run()
        assert not at.exception
        assert not deck_layers(at) & LAYERS_OF[layer]
    assert deck_layers(at) == set()
    region = deck_spec(at)["initialViewState"]
    at.button_group(key="map_view").set_value(mv.CLOSE_UP).run()
    assert deck_spec(at)["initialViewState"]["zoom"] > region["zoom"]
    for layer in md.LAYER_KEYS:
        at.toggle(key=f"map_layer_{layer}").set_value(True)
    at.button_group(key="map_view").set_value(mv.REGION).run()
    assert not at.exception
    assert deck_layers(at) == before and deck_spec(at)["initialViewState"] == region


@pytest.mark.parametrize(
    ("query", "incidents_on", "framing"),
    [
        ({"map_layer_incidents": "false", "map_view": mv.CLOSE_UP}, False, mv.CLOSE_UP),
        ({"map_layer_incidents": "<script>", "map_view": "nonsense"}, True, mv.REGION),
    ],
)
def test_layers_and_framing_are_bound_to_the_url(query, incidents_on, framing):
    """bind="query-params": a shared link opens with its layers and framing; junk is ignored,
    and named (Streamlit would drop it in silence)."""
    at = AppTest.from_file(str(APP), default_timeout=90)
    at.run()
    at.switch_page("pages/map.py")
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception
    assert at.toggle(key="map_layer_incidents").value is incidents_on
    told = [i.value for i in at.info if "a switch there is true or false" in i.value]
    junk = query["map_layer_incidents"] not in ("true", "false")
    assert told == (
        ["Ignored “\\<script\\>” in the link for “Incidents”: a switch there is true or false."]
        if junk
        else []
    )
    assert at.button_group(key="map_view").value == framing
    assert ("incidents" in deck_layers(at)) is incidents_on


def legend_spec(at: AppTest) -> str:
    charts = at.get("vega_lite_chart")
    return charts[0].proto.spec


def test_reruns_reuse_the_cached_deck_and_legend_and_toggles_change_them():
    at = open_map()
    deck_json, legend = at.get("deck_gl_json_chart")[0].proto.json, legend_spec(at)
    at.run()
    assert at.get("deck_gl_json_chart")[0].proto.json == deck_json
    assert legend_spec(at) == legend  # the cached spec dict was not consumed by rendering
    at.toggle(key="map_layer_incidents").set_value(False).run()
    off = at.get("deck_gl_json_chart")[0].proto.json
    assert off != deck_json and "labels-incidents" not in off
    at.button_group(key="map_view").set_value("Afghan border close-up").run()
    close = at.get("deck_gl_json_chart")[0].proto.json
    assert close != off and deck_layers(at) == {lyr["id"] for lyr in json.loads(off)["layers"]}
    at.toggle(key="map_layer_incidents").set_value(True).run()
    at.button_group(key="map_view").set_value("Central Asia").run()
    assert at.get("deck_gl_json_chart")[0].proto.json == deck_json
    assert legend_spec(at) == legend
    assert not at.exception


def test_the_csv_holds_the_rows_of_the_data_table():
    """The CSV (by its key) is the data table its expander shows, row for row (what the
    table holds is tests/test_map_view.py's)."""
    with kept_downloads() as read:
        at = open_map()
        at.session_state["map_data"] = True
        at.run()
        csv = pd.read_csv(io.BytesIO(read(at, "map_download_csv")), keep_default_na=False)
    (table,) = static_tables(at)
    assert list(csv.columns) == list(table.columns)
    assert len(table) > 0 and list(csv["id"]) == list(table["id"])


def test_a_click_on_the_map_shows_its_details_under_the_map():
    """A click on a country, sent by the deck's key as the browser sends it (the object as
    the deck ships it), puts that country's panel under the map in place of the hint.
    What each object's panel says: tests/test_map_view.py; reading a selection:
    tests/test_map_deck.py."""
    at = open_map()
    (layer,) = [lyr for lyr in deck_spec(at)["layers"] if lyr["id"] == md.LAYER_IDS["countries"]]
    i, kaz = next(
        (i, f) for i, f in enumerate(layer["data"]["features"]) if f["properties"]["iso3"] == "KAZ"
    )
    select_on_chart(
        at, "map_deck", {"indices": {"countries": [i]}, "objects": {"countries": [kaz]}}
    )
    assert not at.exception
    (panel,) = mv.build(mv.Inputs.from_data()).selection(("country", "KAZ"))
    under_map = at.columns[0]
    assert [s.value for s in under_map.subheader] == [panel.heading]
    assert [m.value for m in under_map.markdown] == [panel.lead_md, panel.body_md]
    assert [p.proto.label for p in under_map.get("page_link")] == [panel.link.label]
    assert mv.HINT not in [c.value for c in under_map.caption]


def test_without_a_selection_the_hint_shows(at):
    assert mv.HINT in [c.value for c in at.caption]
