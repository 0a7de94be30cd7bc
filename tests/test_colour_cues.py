"""a11y (issue 17): colour is never the only cue. For each chart where colour names a
category, a second cue (shape, letter, outline dash, text, weight) tells the same categories
apart; docs/accessibility.md lists them. (The timeline's category letters are checked in
tests/test_timeline_chart.py.)"""

from __future__ import annotations

import pytest

from components import country_view as cv
from components import data
from components import filters as F
from components import gti_charts as G
from components import matrix as M
from components import timeline_view as TV


def _layers(spec: dict) -> list[dict]:
    """The unit specs of a (possibly layered) spec."""
    if "layer" not in spec:
        return [spec]
    return [unit for layer in spec["layer"] for unit in _layers(layer)]


def _encodings(spec: dict, channel: str) -> list[dict]:
    return [x["encoding"][channel] for x in _layers(spec) if channel in x.get("encoding", {})]


def test_astana_activities_have_a_shape_each_as_well_as_a_colour() -> None:
    spec = G.programme_chart(data.astana_activities()).spec()
    (colour,) = [c for c in _encodings(spec, "color") if c.get("field") == "activity_short"]
    (shape,) = _encodings(spec, "shape")
    assert shape["field"] == colour["field"] and shape["title"] == colour["title"]  # one legend
    acts = colour["scale"]["domain"]
    assert shape["scale"]["domain"] == acts
    assert len(set(shape["scale"]["range"])) == len(acts)  # a distinct shape per activity


@pytest.mark.parametrize("make", [cv.timeline_chart, None], ids=["country view", "slide"])
def test_scope_is_an_outline_dash_as_well_as_a_colour(make) -> None:
    if make is cv.timeline_chart:
        spec = make(cv.build_view("KAZ", cv.Inputs.from_data()).initiatives).to_dict()
    else:
        vocab = TV.vocabulary_from_data()
        view = TV.build_from_data(F.FilterState(), F.ViewOptions(), (), vocab)
        spec = TV.slides(view)[0].blocks[0].body
    (colour,) = _encodings(spec, "color")
    (dash,) = _encodings(spec, "strokeDash")
    assert dash["field"] == colour["field"] == "scope"
    assert dash["scale"]["domain"] == colour["scale"]["domain"]
    ranges = [tuple(d) for d in dash["scale"]["range"]]
    assert len(set(ranges)) == len(ranges)  # a distinct outline per scope


def test_matrix_cells_say_their_evidence_in_text() -> None:
    labels = {e: M.cell_label(e, 2, False) for e in M.EVIDENCE}
    assert len(set(labels.values())) == len(labels)  # T4 · 2, text · 2, — · 2
    assert M.cell_label("not_found", 0, False) == M.EVIDENCE["not_found"].short
    assert M.cell_label("table4", 1, True).endswith(M.FLAG)  # flagged: a glyph too


def test_mini_map_names_the_chosen_state_in_larger_bold_type() -> None:
    geometry = cv.map_geometry(data.geo("geo_countries"), data.geo("geo_borders"))
    spec = cv.mini_map("TJK", geometry)
    (size,) = _encodings(spec, "size")[:1]
    assert size["condition"]["test"] == "datum.selected"
    assert size["condition"]["value"] > size["value"]
    names = [x for x in _layers(spec) if "text" in x.get("encoding", {})]
    assert all(x["mark"]["fontWeight"] == "bold" for x in names)
