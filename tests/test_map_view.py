"""Unit tests of the Map page's builder (components/map_view.py), without an app."""

from __future__ import annotations

import dataclasses
import io
import json

import pandas as pd
import pytest

from components import data
from components import map_deck as md
from components import map_view as mv
from components.text import md_escape, score

LAYERS_OF = {
    "countries": {"countries", "countries-no-score-hatch", "labels-countries"},
    "provinces": {"provinces", "labels-provinces"},
    "borders": {"borders", "labels-borders"},
    "incidents": {"incidents", "labels-incidents"},
    "labels": {"labels-countries", "labels-provinces", "labels-borders", "labels-incidents"},
}
ALL_LAYER_IDS = set().union(*LAYERS_OF.values())


@pytest.fixture(scope="module")
def inputs() -> mv.Inputs:
    return mv.Inputs.from_data()


@pytest.fixture(scope="module")
def view(inputs) -> mv.MapView:
    return mv.build(inputs)


def layer_ids(view: mv.MapView) -> set[str]:
    return {layer["id"] for layer in json.loads(view.deck_json)["layers"]}


def test_view_is_frozen_and_its_mappings_read_only(view):
    with pytest.raises(dataclasses.FrozenInstanceError):
        view.framing = mv.CLOSE_UP  # type: ignore[misc]
    with pytest.raises(TypeError):
        view.details[("country", "KAZ")] = mv.Panel()  # type: ignore[index]
    with pytest.raises(TypeError):
        view.views[mv.REGION] = {}  # type: ignore[index]


def test_the_deck_is_offline_with_every_layer(view):
    spec = json.loads(view.deck_json)
    assert spec.get("mapProvider") is None and "http" not in view.deck_json
    assert layer_ids(view) == ALL_LAYER_IDS
    assert md.tooltip_is_inert(view.deck._tooltip)
    assert view.deck_alt.startswith("Map of Central Asia")


@pytest.mark.parametrize("layer", md.LAYER_KEYS)
def test_each_toggle_removes_its_layers(inputs, layer):
    off = mv.build(inputs, md.Toggles(**{layer: False}))
    assert layer_ids(off) == ALL_LAYER_IDS - LAYERS_OF[layer]


def test_all_layers_off_is_an_empty_deck(inputs):
    off = mv.build(inputs, md.Toggles(**dict.fromkeys(md.LAYER_KEYS, False)))
    assert layer_ids(off) == set()


@pytest.mark.parametrize(
    ("framing", "expected"),
    [(mv.REGION, mv.REGION), (mv.CLOSE_UP, mv.CLOSE_UP), ("nonsense", mv.REGION)],
)
def test_framing_sets_the_camera(inputs, view, framing, expected):
    built = mv.build(inputs, framing=framing)
    assert built.framing == expected
    assert json.loads(built.deck_json)["initialViewState"]["zoom"] == pytest.approx(
        view.views[expected]["zoom"]
    )


def test_the_close_up_is_closer(view):
    assert view.framings == (mv.REGION, mv.CLOSE_UP)
    assert view.views[mv.CLOSE_UP]["zoom"] > view.views[mv.REGION]["zoom"]


def test_captions(view):
    ca = data.central_asia()
    n_border = int(ca["borders_afghanistan"].fillna(False).sum())
    assert view.intro.startswith(f"{n_border} of the {len(ca)} Central Asian states border")
    gti = data.gti_countries()
    assert view.map_caption.startswith(f"Scores: {md_escape(md.gti_source(gti))}; ")
    assert f"from 0.000 to the highest score in Table 1 ({score(md.scale_top(gti))})" in (
        view.map_caption
    )
    assert "on a GTI scale of 0-10" in view.map_caption
    assert "no score in the source, never zero" in view.map_caption
    # a11y (issue 17): the caption says where the map's figures are as a table
    assert view.map_caption.endswith(f"in the table “{view.data_label}” below the map.")


def test_border_notes_side_panel(view):
    notes = data.border_notes()
    assert len(view.notes) == len(notes)
    titles = [p.lead_md for p in view.notes]
    assert all(f"**{md_escape(t)}**" in titles for t in notes["title"])
    assert sum(bool(p.flag_md) for p in view.notes) == notes["flag"].notna().sum()
    assert all("- **Risk:** " in p.body_md and "- **Footnotes:** " in p.body_md for p in view.notes)
    segments = notes.loc[notes["kind"] == "segment", "title"]
    assert set(titles[: len(segments)]) == {f"**{md_escape(t)}**" for t in segments}


@pytest.mark.parametrize(
    ("picked", "expected"),
    [
        (("country", "KAZ"), ["GTI 2023 score: 0.000", "row ", "Initiatives in the paper"]),
        (("country", "RUS"), ["GTI 2023 score: 3.016"]),
        (("country", "AFG"), ["No GTI score in the source", "'not reported', not zero"]),
        (("country", "CHN"), ["Shown for context only"]),
        (("province", "AF-TAK"), ["Takhar province", "Footnotes:"]),
        (("province", "AF-HER"), ["**Herat**", "no risk note"]),
        (("border", "AFG-UZB"), ["Afghan\\-Uzbek border", "Flag (country mismatch)"]),
        (("incidents", ["tashkent_1999"]), ["Rocket attacks in Tashkent", "13 people killed"]),
    ],
)
def test_what_a_click_shows(view, picked, expected):
    panels = view.selection(picked)
    assert len(panels) == 1
    text = " ".join(dataclasses.astuple(panels[0])[:4])
    for part in expected:
        assert part in text, part


@pytest.mark.parametrize(
    ("picked", "link"),
    [
        (("country", "KAZ"), ("Open the country view for Kazakhstan", {"country": "KAZ"})),
        (("country", "AFG"), ("Open the country view for Afghanistan", {"country": "AFG"})),
        (("country", "CHN"), None),
        (("province", "AF-TAK"), None),
    ],
)
def test_country_panels_link_to_their_country_view(view, picked, link):
    (panel,) = view.selection(picked)
    if link is None:
        assert panel.link is None
    else:
        assert panel.link.page == "pages/countries.py"
        assert (panel.link.label, panel.link.query) == link


@pytest.mark.parametrize(
    "picked",
    [None, ("country", "XXX"), ("border", "AFG-XXX"), ("province", "nope"), ("incidents", [])],
)
def test_nothing_or_unknown_picks_show_nothing(view, picked):
    assert view.selection(picked) == ()


def test_a_cluster_marker_shows_each_incident_in_data_order(view):
    ids = list(data.incidents()["id"])
    panels = view.selection(("incidents", list(reversed(ids))))
    titles = [md_escape(t) for t in data.incidents()["title"]]
    assert [next(t for t in titles if f"**{t}**" in p.lead_md) for p in panels] == titles


def test_every_clickable_object_has_a_panel(view):
    keys = set(view.details)
    assert {
        ("country", f["properties"]["iso3"]) for f in data.geo("geo_countries")["features"]
    } <= keys
    assert {
        ("province", f["properties"]["id"]) for f in data.geo("geo_provinces")["features"]
    } <= keys
    assert {("incident", i) for i in data.incidents()["id"]} <= keys


def test_data_text_is_escaped(inputs):
    notes = inputs.border_notes.copy()
    notes.loc[notes.index[0], "risk_note"] = "<img src=x onerror=alert(1)> **bold**"
    incidents = inputs.incidents.copy()
    incidents.loc[incidents.index[0], "summary"] = "<script>alert(1)</script>"
    built = mv.build(dataclasses.replace(inputs, border_notes=notes, incidents=incidents))
    text = " ".join(p.body_md for p in built.notes)
    assert "\\<img" in text and "<img" not in text.replace("\\<", "")
    assert "\\*\\*bold\\*\\*" in text
    first = built.selection(("incidents", [incidents.iloc[0]["id"]]))[0]
    assert "\\<script\\>" in first.lead_md and "<script" not in first.lead_md.replace("\\<", "")


def test_table_and_csv_hold_every_map_object(view):
    n = (
        len(data.geo("geo_countries")["features"])
        + len(data.geo("geo_provinces")["features"])
        + len(data.geo("geo_borders")["features"])
        + len(data.incidents())
    )
    assert len(view.table) == n
    assert set(view.table["id"]) >= set(data.incidents()["id"]) | set(data.border_notes()["geo_id"])
    csv = pd.read_csv(io.BytesIO(view.csv), dtype=str, keep_default_na=False)
    assert csv.equals(view.table.astype(str))
    assert view.csv_name == "map_data.csv"


def test_legend_is_a_vega_lite_dict_with_the_scores(view):
    assert view.legend["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
    labels = {r["label"] for r in view.legend["datasets"][next(iter(view.legend["datasets"]))]}
    assert {score(s) for s in data.gti_countries()["score_2023"]} | {"no score"} <= labels


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_province_without_a_note_is_named_not_coded(lang):
    """A click on an Afghan province the paper has no note on names it, in the page's
    language (map_deck.GEO_NAMES), never by its boundary-file code."""
    from components.i18n import Translator

    tr = Translator(lang)
    v = mv.build(mv.Inputs.from_data(lang), tr=tr)
    noted = set(data.border_notes()["geo_id"])
    bare = [f for f in data.geo("geo_provinces")["features"] if f["properties"]["id"] not in noted]
    assert bare  # Herat, Samangan, ... carry no note
    for f in bare:
        (panel,) = v.selection(("province", f["properties"]["id"]))
        name = md.geo_name(f["properties"]["name"], tr)
        assert panel.lead_md.startswith(f"**{md_escape(name)}**:"), panel.lead_md
        assert "AF" not in panel.lead_md
    if lang == "ru":
        (herat,) = v.selection(("province", "AF-HER"))
        assert herat.lead_md.startswith("**Герат**")
