"""AppTest of the Map page: it renders, every layer toggles by key, and nothing raises."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components import data
from components import map_deck as md

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


def test_page_renders_map_legend_notes_and_data(at):
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
    assert len(at.dataframe) == 0  # the data table is drawn only when its expander opens
    assert at.get("download_button")
    at.session_state["map_data"] = True
    at.run()
    assert len(at.dataframe) == 1


@pytest.mark.parametrize("layer", md.LAYER_KEYS)
def test_each_layer_toggles_by_key(layer):
    at = open_map()
    before = deck_layers(at)
    at.toggle(key=f"map_layer_{layer}").set_value(False).run()
    assert not at.exception
    after = deck_layers(at)
    assert not after & LAYERS_OF[layer]
    assert after == before - LAYERS_OF[layer]
    at.toggle(key=f"map_layer_{layer}").set_value(True).run()
    assert not at.exception
    assert deck_layers(at) == before


def test_all_layers_off_still_renders():
    at = open_map()
    for layer in md.LAYER_KEYS:
        at.toggle(key=f"map_layer_{layer}").set_value(False)
    at.run()
    assert not at.exception
    assert deck_layers(at) == set()


def test_close_up_view_switches_the_camera():
    at = open_map()
    region = deck_spec(at)["initialViewState"]
    at.button_group(key="map_view").set_value("Afghan border close-up").run()
    assert not at.exception
    close = deck_spec(at)["initialViewState"]
    assert close["zoom"] > region["zoom"]


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


def test_the_data_table_and_csv_show_every_map_object():
    at = open_map()
    at.session_state["map_data"] = True
    at.run()
    table = at.dataframe[0].value
    assert len(table) == (len(data.geo("geo_countries")["features"])
                          + len(data.geo("geo_provinces")["features"])
                          + len(data.geo("geo_borders")["features"]) + len(data.incidents()))
    assert set(table["id"]) >= set(data.incidents()["id"]) | set(data.border_notes()["geo_id"])


@pytest.mark.parametrize(
    ("picked", "expected"),
    [
        (("country", "KAZ"), ["GTI 2023 score: 0.000", "Open the country view for Kazakhstan"]),
        (("country", "AFG"), ["No GTI score in the source", "Afghanistan"]),
        (("country", "CHN"), ["China", "Shown for context only"]),
        (("province", "AF-TAK"), ["Takhar province", "Footnotes:"]),
        (("province", "AF-HER"), ["AF-HER", "no risk note"]),
        (("border", "AFG-UZB"), ["Afghan-Uzbek border", "Flag (country mismatch)"]),
        (("incidents", ["tashkent_1999"]), ["Rocket attacks in Tashkent", "13 people killed"]),
    ],
)
def test_a_selection_shows_its_details_under_the_map(monkeypatch, picked, expected):
    """What a click shows (the browser's click is stood in for: `selected` is patched)."""
    monkeypatch.setattr(md, "selected", lambda selection: picked)
    at = open_map()
    main = " ".join([m.value for m in at.markdown] + [s.value for s in at.subheader]
                    + [w.value for w in at.warning]
                    + [str(getattr(e.proto, "label", "")) for e in at.get("page_link")])
    main = main.replace("\\", "")
    for text in expected:
        assert text in main, text
