"""Unit tests for components/country_view.py: the pure builders behind a country view."""

from __future__ import annotations

import dataclasses
import json
import re

import altair as alt
import numpy as np
import pandas as pd
import pytest

from components import country_view as cv
from components import data
from components.geometry import largest_ring_centroid, polygons, rings, signed_area
from components.text import change, md_escape, score
from tests.support.initiatives import filtered


@pytest.fixture(scope="module")
def inputs() -> cv.Inputs:
    return cv.Inputs.from_data()


# ------------------------------------------------------------------ choosing a country


@pytest.mark.parametrize(
    ("value", "iso", "notice"),
    [
        ("KAZ", "KAZ", False),
        ("uzb", "UZB", False),
        (" TJK ", "TJK", False),
        (["KGZ"], "KGZ", False),
        ("TKM", "TKM", False),
        ("AFG", None, True),  # Afghanistan is not one of the five
        ("XYZ", None, True),
        ("", None, True),
        ("<script>alert(1)</script>", None, True),
        (None, None, False),
    ],
)
def test_resolve_country(value, iso, notice):
    got, msg = cv.resolve_country(value)
    assert got == iso
    assert (msg is not None) == notice


def test_notice_is_short_even_for_long_input():
    _, msg = cv.resolve_country("X" * 500)
    assert msg is not None and len(msg) < 160


@pytest.mark.parametrize(
    ("iso", "delta", "expected"),
    [
        ("KAZ", 1, "UZB"),
        ("TKM", 1, "KAZ"),
        ("KAZ", -1, "TKM"),
        ("TJK", -1, "UZB"),
        ("KGZ", 5, "KGZ"),
    ],
)
def test_step_wraps_in_paper_order(iso, delta, expected):
    assert cv.step(iso, delta) == expected


def test_walking_next_visits_all_five_in_paper_order():
    seen, cur = [], data.CENTRAL_ASIA[0]
    for _ in data.CENTRAL_ASIA:
        seen.append(cur)
        cur = cv.step(cur, 1)
    assert seen == list(data.CENTRAL_ASIA) and cur == data.CENTRAL_ASIA[0]


# ---------------------------------------------------------------------- headline figures


@pytest.mark.parametrize("iso", ["KAZ", "UZB", "TJK", "KGZ"])
def test_gti_figures_as_printed_for_table1_countries(iso, inputs):
    view = cv.build_view(iso, inputs)
    row = data.gti_countries().set_index("iso3").loc[iso]
    assert view.in_table1 and view.gti_missing is None
    values = [f.value for f in view.gti]
    assert values == [
        score(row["score_2023"]),
        change(row["change_2013_2023"]),
        change(row["change_2022_2023"]),
    ]
    assert all(len(v.split(".")[1]) == 3 for v in values)  # three decimals, as printed
    assert all(f.footnotes == (36, 37) and f.source.startswith("Table 1") for f in view.gti)


def test_turkmenistan_is_not_in_table1(inputs):
    view = cv.build_view("TKM", inputs)
    assert not view.in_table1 and view.gti == ()
    assert "not in Table 1" in view.gti_missing
    cards = cv.metric_cards(view)
    assert cards[0].value == "not in Table 1"


@pytest.mark.parametrize("iso", data.CENTRAL_ASIA)
@pytest.mark.parametrize("combine_gti", [False, True])
def test_metric_labels_carry_no_needless_escapes(iso, combine_gti, inputs):
    # the label is also its help icon's accessible name ("Help for <label>", issue 17)
    for card in cv.metric_cards(cv.build_view(iso, inputs), combine_gti=combine_gti):
        assert "\\" not in card.label, card.label
        assert " · " in card.label  # the source is in the label


def test_kyrgyz_name_as_printed_in_table1(inputs):
    view = cv.build_view("KGZ", inputs)
    assert view.table1_name == "Kyrgyz Republic"
    assert any("Kyrgyz Republic" in n for n in cv.figure_notes(view))


@pytest.mark.parametrize("iso", data.CENTRAL_ASIA)
def test_each_note_is_one_caption_naming_every_figure_it_explains(iso, inputs):
    view = cv.build_view(iso, inputs)
    figures = (*view.gti, *view.key_figures)
    notes = cv.figure_notes(view)
    for text in {f.note for f in figures if f.note}:
        labels = [md_escape(f.label) for f in figures if f.note == text]
        assert [n for n in notes if n.endswith(f": {md_escape(text)}")] == [
            f"{'; '.join(labels)}: {md_escape(text)}"
        ]


@pytest.mark.parametrize("iso", data.CENTRAL_ASIA)
def test_key_figures_are_the_countrys_with_footnotes(iso, inputs):
    view = cv.build_view(iso, inputs)
    kf = data.key_figures()
    mine = kf[kf["country"] == iso]
    assert [f.key for f in view.key_figures] == list(mine["id"])
    for f, (_, r) in zip(view.key_figures, mine.iterrows(), strict=True):
        assert r["value_as_printed"] in f.value  # as printed, never reformatted
        assert f.footnotes == tuple(r["footnotes"]) and f.footnotes
        assert set(f.footnotes) <= set(view.footnotes)


@pytest.mark.parametrize(
    ("printed", "unit", "expected"),
    [
        ("531", "people", "531 people"),
        ("about 450 million tenge", "KZT", "about 450 million tenge"),
        ("almost $1 million", "USD", "almost $1 million"),
        ("more than 70%", "percent", "more than 70%"),
        ("five", "operations", "five operations"),
        ("0.022%", "percent", "0.022%"),
        ("7", None, "7"),
    ],
)
def test_figure_text(printed, unit, expected):
    assert cv.figure_text(printed, unit) == expected


def test_briefing_card_combines_both_gti_changes(inputs):
    view = cv.build_view("UZB", inputs)
    card = cv.metric_cards(view, combine_gti=True, key_figures=())[0]
    assert card.value == "0.423"
    assert "-0.029 since 2013" in card.delta and "-0.297 since 2022" in card.delta
    assert "Table 1" in card.label


# ------------------------------------------------------------------------ approaches


@pytest.mark.parametrize("iso", data.CENTRAL_ASIA)
def test_table4_wording_verbatim_and_categories(iso, inputs):
    view = cv.build_view(iso, inputs)
    t4 = data.table4().set_index("iso3").loc[iso]
    assert view.table4_text == t4["approaches_as_printed"]
    assert "compiled by the authors" in view.table4_source
    assert view.table4_text in cv.table4_md(view).replace("\\", "")
    cells = data.approach_cells()
    mine = cells[(cells["country"] == iso) & (cells["evidence"] != "not_found")]
    assert set(view.approaches["category"]) == set(mine["category"])
    t4_first = list(view.approaches["in_table4"])
    assert t4_first == sorted(t4_first, reverse=True)  # Table 4 categories come first
    md = cv.approaches_md(view)
    for r in view.approaches.itertuples():
        assert f"{r.n_initiatives} initiative" in md


@pytest.mark.parametrize("iso", ["UZB", "KGZ"])
def test_a_slide_lists_eight_text_only_approaches_and_counts_the_rest(inputs, iso):
    view = cv.build_view(iso, inputs)
    text_only = view.approaches[~view.approaches["in_table4"]]["category_label"].tolist()
    md = cv.approaches_md(view, compact=True).replace("\\", "")
    listed = [label for label in text_only if f"{label} (" in md]
    assert listed == text_only[: cv.COMPACT_TEXT_ONLY]
    rest = len(text_only) - cv.COMPACT_TEXT_ONLY
    assert (f"{rest} more in the brief" in md) == (rest > 0)
    full = cv.approaches_md(view).replace("\\", "")
    assert all(label in full for label in text_only)  # the page and the brief list all


def test_flagged_approach_shows_its_flag(inputs):
    view = cv.build_view("UZB", inputs)
    assert view.approaches["flag_note"].notna().any()
    assert cv.FLAG in cv.approaches_md(view)


# ----------------------------------------------------------------------- initiatives


@pytest.mark.parametrize("iso", data.CENTRAL_ASIA)
def test_initiatives_are_the_countrys_and_dates_keep_precision(iso, inputs):
    view = cv.build_view(iso, inputs)
    expected = filtered(countries=[iso])
    assert set(view.initiatives["id"]) == set(expected["id"])
    for r in view.initiatives.itertuples():
        if isinstance(r.start, str) and len(r.start) == 4 and not isinstance(r.end, str):
            assert r.when == r.start  # a year stays a year
        if not r.dated:
            assert r.when.startswith("undated")


def test_timeline_bands_cover_whole_periods(inputs):
    view = cv.build_view("KAZ", inputs)
    spec = cv.timeline_chart(view.initiatives).to_dict()
    values = next(iter(spec["datasets"].values()))
    by_title = {v["title"]: v for v in values}
    contract = by_title[
        "City religious affairs department's contract with SAYONE"
        " for a counselling and rehabilitation centre"
    ]  # printed as January 2024: a month-long band
    assert contract["period_start"].startswith("2024-01-01")
    assert contract["period_end"].startswith("2024-02-01")
    year_item = next(v for v in values if v["when"] == "2023")
    assert year_item["period_start"].startswith("2023-01-01")
    assert year_item["period_end"].startswith("2024-01-01")
    undated = view.initiatives[~view.initiatives["dated"]]
    assert not set(undated["title"]) & set(by_title)  # undated items are not drawn


# ---------------------------------------------------------------------- Afghan border


@pytest.mark.parametrize(
    ("iso", "borders"),
    [("KAZ", False), ("UZB", True), ("TJK", True), ("KGZ", False), ("TKM", True)],
)
def test_border_notes_or_no_shared_border(iso, borders, inputs):
    view = cv.build_view(iso, inputs)
    md = cv.border_md(view)
    assert view.borders_afghanistan is borders
    if borders:
        assert len(view.border_segments) == 1
        seg = view.border_segments.iloc[0]
        assert md.count("Terrain") == 1 and "Measures" in md
        if isinstance(seg["flag_note"], str):
            assert cv.FLAG in md
    else:
        assert "No shared border" in md and view.border_segments.empty


@pytest.mark.parametrize(
    ("iso", "flagged"), [("KAZ", True), ("KGZ", True), ("UZB", False), ("TKM", False)]
)
def test_the_papers_border_contradiction_is_flagged_beside_the_border(iso, flagged, inputs):
    """Materials and Methods says all five border Afghanistan; Results names three."""
    view = cv.build_view(iso, inputs)
    md = cv.border_md(view)
    assert (view.border_flag is not None) is flagged
    assert ("Materials and Methods" in md) is flagged
    if flagged:
        assert f"{cv.FLAG} **Flag (contradiction in the paper):**" in md
        assert view.border_flag in view.flags


@pytest.mark.parametrize("iso", ["UZB", "TJK", "TKM"])
def test_a_flagged_group_is_marked_and_its_note_given(iso, inputs):
    view = cv.build_view(iso, inputs)
    md = cv.border_md(view)
    imu = data.armed_groups().set_index("id").loc["imu"]
    assert f"{md_escape(imu['name'])} {cv.FLAG}" in md
    assert md_escape(imu["flag_note"]) in md
    assert f"Jamaat Ansarullah {cv.FLAG}" not in md  # only the flagged group is marked


def test_the_youth_share_speaker_flag_reaches_its_card(inputs):
    view = cv.build_view("TJK", inputs)
    fig = next(f for f in view.key_figures if f.key == "tjk_youth_share")
    assert fig.flag_note and "Nasriddinzoda" in fig.flag_note
    card = next(c for c in cv.metric_cards(view) if c.label.startswith(md_escape(fig.label)))
    assert cv.FLAG in card.label and "Nasriddinzoda" in card.help


@pytest.mark.parametrize(("iso", "flagged"), [("TJK", True), ("UZB", False)])
def test_a_flagged_figure_on_a_slide_points_to_the_brief(iso, flagged, inputs, geometry):
    """A slide has no room for the note: the card's mark and a one-line pointer."""
    slide = cv.slides(cv.build_view(iso, inputs), geometry)[0]
    captions = [b.body for col in slide.columns for b in col if b.kind == "caption"]
    assert any("both versions are in the brief" in c for c in captions) is flagged


@pytest.mark.parametrize("undated", [True, False], ids=["with undated items", "all dated"])
def test_a_slides_timeline_heading_says_where_its_undated_items_are(undated, inputs, geometry):
    view = cv.build_view("UZB", inputs)
    if not undated:
        view = dataclasses.replace(view, initiatives=view.initiatives[view.initiatives["dated"]])
    n, drawn = len(view.initiatives), int(view.initiatives["dated"].sum())
    slide = cv.slides(view, geometry)[0]
    headings = [b.body for col in slide.columns for b in col if b.kind == "heading"]
    assert (
        f"Initiatives ({n}; {n - drawn} undated, in the brief)" if undated else f"Initiatives ({n})"
    ) in headings


@pytest.mark.parametrize("iso", ["TJK", "KAZ"])
def test_a_slide_names_a_flags_kind_and_points_to_the_brief(iso, inputs):
    """A border flag on a slide: its kind in words, its two versions in the brief."""
    md = cv.border_md(cv.build_view(iso, inputs), compact=True)
    kind = "country mismatch" if iso == "TJK" else "contradiction in the paper"
    assert f"{cv.FLAG} **{kind}:** both versions are in the brief" in md


def test_border_groups_are_named(inputs):
    view = cv.build_view("TJK", inputs)
    assert "Wilayat Khorasan" in list(view.groups["name"])
    assert "Wilayat Khorasan" in cv.border_md(view)


# ----------------------------------------------------------------------- human rights


def test_rights_country_items_first_and_region_labelled(inputs):
    view = cv.build_view("KAZ", inputs)
    md = cv.rights_md(view)
    assert "A/HRC/43/46/Add.1" in md.replace("\\", "")
    assert md.index("Concern") < md.index("Region-wide")
    assert "Region-wide" in md


def test_rights_without_country_item_says_so(inputs):
    view = cv.build_view("KGZ", inputs)
    assert "no Kyrgyzstan-specific concern" in cv.rights_md(view)


def test_turkmenistan_limit_of_evidence_stays_in_compact_view(inputs):
    view = cv.build_view("TKM", inputs)
    assert "closed" in cv.rights_md(view, compact=True)


# -------------------------------------------------------------------------- sources


@pytest.mark.parametrize("iso", data.CENTRAL_ASIA)
def test_every_footnote_used_is_referenced(iso, inputs):
    view = cv.build_view(iso, inputs)
    used = set()
    for f in (*view.gti, *view.key_figures):
        used |= set(f.footnotes)
    for col in (view.approaches, view.initiatives, view.border_segments, view.rights):
        for fs in col["footnotes"]:
            used |= set(fs)
    assert used <= set(view.footnotes)
    assert view.footnotes == sorted(view.footnotes)
    assert view.references["citation"].str.len().gt(0).all()


def test_ibid_reference_points_to_its_footnote(inputs):
    view = cv.build_view("KAZ", inputs)
    refs = view.references.set_index("footnote")
    assert 37 in refs.index
    assert "= footnote 36" in refs.loc[37, "citation"]
    assert refs.loc[37, "url"] == data.footnote_url(36)


# ------------------------------------------------------------------------- escaping


def test_markdown_escapes_data_text(inputs):
    view = cv.build_view("UZB", inputs)
    evil = "**bold** [x](javascript:alert(1)) <img src=x onerror=alert(1)>"
    segs = view.border_segments.copy()
    segs.loc[0, "risk_note"] = evil
    view = dataclasses.replace(view, border_segments=segs, table4_text=evil)
    for md in (cv.border_md(view), cv.table4_md(view)):
        assert not re.search(r"(?<!\\)<img", md)  # only as escaped text: \<img
        assert not re.search(r"(?<!\\)\]\(javascript", md)
        assert "**bold**" not in md


# ---------------------------------------------------------------------------- maps


@pytest.fixture(scope="module")
def geometry() -> cv.MapGeometry:
    return cv.map_geometry(data.geo("geo_countries"), data.geo("geo_borders"))


def _layer_values(layer: dict) -> list:
    """A layer's inline data; the mini map ships its geometry as a JSON string."""
    d = layer["data"]
    if isinstance(d["values"], str):
        assert d["format"] == {"type": "json"}
        return json.loads(d["values"])
    return d["values"]


def test_mini_map_highlights_only_the_country(geometry):
    spec = cv.mini_map("TJK", geometry)
    assert isinstance(spec, dict)
    feats = _layer_values(spec["layer"][0])
    roles = {f["properties"]["iso3"]: f["properties"]["role"] for f in feats}
    assert roles["TJK"] == "selected"
    assert [k for k, v in roles.items() if v == "selected"] == ["TJK"]
    assert roles["AFG"] == "afghanistan"
    # the Afghan-Tajik border is drawn; Kazakhstan's map draws none
    assert any("TJK" in f["properties"]["id"] for f in _layer_values(spec["layer"][1]))
    kaz = cv.mini_map("KAZ", geometry)
    assert len(kaz["layer"]) == 2  # shapes + names, no border line


@pytest.mark.parametrize("iso", data.CENTRAL_ASIA)
def test_mini_map_keeps_the_region_and_the_highlighted_country(iso, geometry):
    spec = cv.mini_map(iso, geometry)
    feats = _layer_values(spec["layer"][0])
    drawn = {f["properties"]["iso3"] for f in feats}
    assert set(data.CENTRAL_ASIA) | {"AFG"} <= drawn
    assert [f["properties"]["iso3"] for f in feats if f["properties"]["role"] == "selected"] == [
        iso
    ]
    # named: the chosen state and Afghanistan only (the others' names collided at this size)
    names = {r["name"] for layer in spec["layer"][-1]["layer"] for r in layer["data"]["values"]}
    assert names == {
        f["properties"]["name"] for f in feats if f["properties"]["iso3"] in {iso, "AFG"}
    }


def _labels(spec: dict) -> dict[str, dict]:
    return {r["name"]: r for r in spec["layer"][-1]["layer"][-1]["data"]["values"]}


@pytest.mark.parametrize(
    ("iso", "name", "beside"),
    [
        ("TJK", "Tajikistan", True),
        ("KAZ", "Kazakhstan", False),
        ("UZB", "Uzbekistan", False),
        ("KGZ", "Kyrgyzstan", False),
    ],
)
def test_a_narrow_highlighted_state_has_its_name_beside_it(iso, name, beside, geometry):
    """Written on top, Tajikistan's bold name covered most of its own shape."""
    labels = _labels(cv.mini_map(iso, geometry))
    assert labels[name]["beside"] is beside
    assert not any(r["beside"] for n, r in labels.items() if n != name)
    east = max(
        p[0]
        for poly in polygons(
            next(f["geometry"] for f in geometry.countries if f["properties"]["iso3"] == iso)
        )
        for p in poly[0]
    )
    assert (labels[name]["lon"] >= east - 0.01) is beside
    text = cv.mini_map(iso, geometry)["layer"][-1]["layer"][-1]["mark"]
    assert "datum.beside" in text["align"]["expr"] and "datum.beside" in text["dx"]["expr"]


def _without_data(node: dict) -> dict:
    return {
        k: ([_without_data(x) for x in v] if k == "layer" else v)
        for k, v in node.items()
        if k not in ("data", "description")  # the name says which state is shown
    }


def test_mini_map_frame_is_built_once_and_shared_by_the_countries(geometry):
    """Only the data differs between countries, so the frame can be built once: every
    country's spec is valid Vega-Lite and has the same frame as another with a border."""
    tjk, uzb, kaz = (cv.mini_map(iso, geometry) for iso in ("TJK", "UZB", "KAZ"))
    for spec in (tjk, uzb, kaz):
        alt.TopLevelSpec.validate(spec)  # raises on anything outside the schema
    assert _without_data(tjk) == _without_data(uzb)
    assert "Tajikistan highlighted" in tjk["description"]  # the accessible name names it
    assert "Uzbekistan highlighted" in uzb["description"]
    assert _layer_values(tjk["layer"][0]) != _layer_values(uzb["layer"][0])
    assert _layer_values(tjk["layer"][1]) != _layer_values(uzb["layer"][1])
    selected = [
        r["name"]
        for layer in tjk["layer"][-1]["layer"]
        for r in layer["data"]["values"]
        if r["selected"]
    ]
    assert selected == ["Tajikistan", "Tajikistan"]  # halo and text
    tjk["layer"][0]["data"]["values"] = "[]"  # callers get their own copy to change
    assert cv.mini_map("TJK", geometry)["layer"][0]["data"]["values"] != "[]"


def test_mini_map_is_much_smaller_than_the_full_geometry(inputs, geometry):
    full = len(json.dumps(data.geo("geo_countries")))
    spec = cv.mini_map("KAZ", geometry)
    assert len(json.dumps(spec)) < 0.6 * full
    # The projection is fitted to four corners, not to a second copy of the outlines.
    assert spec["projection"]["fit"]["geometry"]["type"] == "MultiPoint"
    assert len(json.dumps(spec["projection"])) < 400


def test_map_geometry_is_rounded_closed_and_wound_for_d3(geometry):
    for f in geometry.countries:
        g = f["geometry"]
        polys = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
        for poly in polys:
            for k, ring in enumerate(poly):
                assert len(ring) >= 4 and ring[0] == ring[-1]
                assert all(round(v, cv.MAP_DECIMALS) == v for p in ring for v in p)
                assert (signed_area(ring) < 0) == (k == 0)  # outer clockwise, holes not
    for f in geometry.borders:
        assert all(round(v, cv.MAP_DECIMALS) == v for p in f["geometry"]["coordinates"] for v in p)


def _max_distance(points: list, line: list) -> float:
    """Largest distance from any of `points` to the polyline `line` (degrees)."""
    p = np.asarray(points, dtype=float)[:, None, :]
    a, b = np.asarray(line[:-1], dtype=float), np.asarray(line[1:], dtype=float)
    ab = b - a
    t = np.clip(((p - a) * ab).sum(-1) / np.maximum((ab * ab).sum(-1), 1e-12), 0, 1)
    d = np.linalg.norm(p - (a + t[..., None] * ab), axis=-1)
    return float(d.min(axis=1).max())


@pytest.mark.parametrize("iso", [*data.CENTRAL_ASIA, "AFG"])
def test_simplified_outline_stays_within_the_tolerance(iso, inputs, geometry):
    full = next(f for f in data.geo("geo_countries")["features"] if f["properties"]["iso3"] == iso)
    small = next(f for f in geometry.countries if f["properties"]["iso3"] == iso)
    big = max(polygons(full["geometry"]), key=lambda poly: len(poly[0]))[0]
    kept = max(polygons(small["geometry"]), key=lambda poly: len(poly[0]))[0]
    assert len(kept) < len(big)
    slack = cv.MAP_TOLERANCE + 0.5 * 10**-cv.MAP_DECIMALS * 2**0.5 + 1e-9
    assert _max_distance(big, kept) <= slack


def test_map_geometry_keeps_labels_and_frame_of_the_full_geometry(inputs, geometry):
    focus = set(data.CENTRAL_ASIA) | {"AFG"}
    full = {f["properties"]["iso3"]: f for f in data.geo("geo_countries")["features"]}
    assert set(geometry.labels) == focus
    for iso in focus:
        assert geometry.labels[iso] == largest_ring_centroid(full[iso]["geometry"])
    pts = [p for iso in focus for ring in rings(full[iso]["geometry"]) for p in ring]
    assert geometry.bounds == (
        min(p[0] for p in pts),
        min(p[1] for p in pts),
        max(p[0] for p in pts),
        max(p[1] for p in pts),
    )


def test_map_geometry_drops_what_can_never_be_in_view():
    def square(x: float, y: float, r: float) -> list:
        return [[x - r, y - r], [x + r, y - r], [x + r, y + r], [x - r, y + r], [x - r, y - r]]

    focus = [
        {
            "type": "Feature",
            "properties": {"iso3": iso, "name": iso},
            "geometry": {"type": "Polygon", "coordinates": [square(60 + 2 * i, 40, 1)]},
        }
        for i, iso in enumerate([*data.CENTRAL_ASIA, "AFG"])
    ]
    island = square(-150, -40, 1)  # the other side of the world
    near = {
        "type": "Feature",
        "properties": {"iso3": "NEA", "name": "Near"},
        "geometry": {"type": "MultiPolygon", "coordinates": [[square(80, 41, 2)], [island]]},
    }
    far = {
        "type": "Feature",
        "properties": {"iso3": "FAR", "name": "Far"},
        "geometry": {"type": "Polygon", "coordinates": [island]},
    }
    tiny = {
        "type": "Feature",
        "properties": {"iso3": "TNY", "name": "Tiny"},
        "geometry": {"type": "Polygon", "coordinates": [square(65, 42, 0.001)]},
    }
    g = cv.map_geometry({"features": [*focus, near, far, tiny]}, {"features": []})
    kept = {f["properties"]["iso3"]: f["geometry"] for f in g.countries}
    assert set(kept) == {*data.CENTRAL_ASIA, "AFG", "NEA"}  # far and sub-pixel ones dropped
    assert kept["NEA"]["type"] == "Polygon"  # its far island is gone


def test_simplify_line_keeps_ends_and_real_corners_only():
    straight = [[0, 0], [1, 0.001], [2, -0.001], [3, 0]]
    assert cv.simplify_line(straight, 0.01) == [[0, 0], [3, 0]]
    corner = [[0, 0], [1, 0], [2, 1], [3, 1]]
    assert cv.simplify_line(corner, 0.01) == corner
    assert cv.simplify_ring([[0, 0], [0.001, 0], [0, 0.001], [0, 0]], 0.05, 2) is None


def test_rewind_makes_outer_rings_clockwise(inputs):
    for f in data.geo("geo_countries")["features"]:
        g = cv.rewind_for_d3(f["geometry"])
        polys = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
        for poly in polys:
            assert signed_area(poly[0]) < 0


@pytest.mark.parametrize("iso", data.CENTRAL_ASIA)
def test_label_point_lies_in_the_countrys_bbox(iso, inputs):
    f = next(x for x in data.geo("geo_countries")["features"] if x["properties"]["iso3"] == iso)
    lon, lat = largest_ring_centroid(f["geometry"])
    pts = [p for ring in rings(f["geometry"]) for p in ring]
    assert min(p[0] for p in pts) < lon < max(p[0] for p in pts)
    assert min(p[1] for p in pts) < lat < max(p[1] for p in pts)


def test_empty_key_figures_do_not_break_the_view(inputs):
    empty = dataclasses.replace(inputs, key_figures=inputs.key_figures.iloc[0:0])
    view = cv.build_view("UZB", empty)
    assert view.key_figures == () and len(cv.metric_cards(view)) == 3


def test_unknown_country_raises_in_builder(inputs):
    with pytest.raises(ValueError):
        cv.build_view("AFG", inputs)


def test_initiatives_table_marks_flags(inputs):
    table = cv.initiatives_table(cv.build_view("TJK", inputs))
    assert isinstance(table, pd.DataFrame)
    flagged = table[table["Flag"] != ""]
    assert len(flagged) and flagged["Initiative"].str.startswith(cv.FLAG).all()


@pytest.mark.parametrize("iso", data.CENTRAL_ASIA)
def test_an_undated_initiative_says_so_then_gives_the_papers_words(iso, inputs):
    """'undated: held regularly (no dates given)', not 'undated (held regularly (no ...))'."""
    ini = cv.build_view(iso, inputs).initiatives
    said = inputs.initiatives.set_index("id")["date_text"]
    undated = ini[ini["start"].isna()]
    assert len(undated)  # every state has one: the UN project's fourth phase, at least
    for when, id_ in zip(undated["when"], undated["id"], strict=True):
        assert when == f"undated: {said[id_]}"
    assert not any("((" in w or "))" in w for w in ini["when"])
