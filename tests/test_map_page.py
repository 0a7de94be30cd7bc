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
    assert len(at.dataframe) == 1
    assert at.get("download_button")


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
