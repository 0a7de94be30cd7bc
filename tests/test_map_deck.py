"""Unit tests for components/map_deck.py: the Map page's pure deck, legend and panel builders."""

from __future__ import annotations

import itertools
import json
import math

import pandas as pd
import pytest
import shapely

from components import data, geometry
from components import map_deck as md
from components.geometry import rings

GEO_C, GEO_P, GEO_B = data.geo("geo_countries"), data.geo("geo_provinces"), data.geo("geo_borders")
GTI, COUNTRIES = data.gti_countries(), data.countries()
NOTES, INCIDENTS, GROUPS = data.border_notes(), data.incidents(), data.armed_groups()
ALL_LAYER_IDS = {
    "countries",
    "countries-no-score-hatch",
    "provinces",
    "borders",
    "incidents",
    "labels-countries",
    "labels-provinces",
    "labels-borders",
    "labels-incidents",
}


def deck(toggles=None, notes=NOTES, incidents=INCIDENTS, countries=COUNTRIES, **kw):
    return md.build_deck(
        GEO_C,
        GEO_P,
        GEO_B,
        GTI,
        countries,
        notes,
        incidents,
        GROUPS,
        toggles or md.Toggles(),
        focus=data.CENTRAL_ASIA,
        **kw,
    )


def spec(d) -> dict:
    return json.loads(d.to_json())


def layer(d, layer_id: str) -> dict:
    return next(lyr for lyr in spec(d)["layers"] if lyr["id"] == layer_id)


def layer_ids(d) -> set[str]:
    return {lyr["id"] for lyr in spec(d)["layers"]}


def feature(d, layer_id: str, key: str, value: str) -> dict:
    return next(
        f["properties"]
        for f in layer(d, layer_id)["data"]["features"]
        if f["properties"][key] == value
    )


# ------------------------------------------------------------------------------ layers


def test_every_layer_is_present_by_default():
    ids = layer_ids(deck())
    assert ALL_LAYER_IDS <= ids


@pytest.mark.parametrize(
    ("off", "gone"),
    [
        ("countries", {"countries", "countries-no-score-hatch", "labels-countries"}),
        ("provinces", {"provinces", "labels-provinces"}),
        ("borders", {"borders", "labels-borders"}),
        ("incidents", {"incidents", "labels-incidents"}),
        ("labels", {"labels-countries", "labels-provinces", "labels-borders", "labels-incidents"}),
    ],
)
def test_each_toggle_removes_exactly_its_layers(off, gone):
    on = layer_ids(deck())
    ids = layer_ids(deck(md.Toggles(**{off: False})))
    assert not ids & gone
    assert ids == on - gone


def test_every_layer_has_an_id_and_the_map_needs_no_basemap_or_network():
    d = deck()
    raw = d.to_json()
    s = json.loads(raw)
    assert all(lyr.get("id") for lyr in s["layers"])  # selection needs stable ids
    assert s.get("mapProvider") is None  # map_provider=None: no tiles
    assert s["mapStyle"] == "__MAP_STYLE__"  # default style sentinel, so Streamlit adds none
    assert "http" not in raw  # nothing to fetch: no tiles, fonts, icons or data URLs
    assert "\n" not in raw  # compact JSON (pydeck's indented JSON is ~5x bigger)


# ----------------------------------------------------------------------------- colours

SCORED = list(GTI.sort_values("score_2023")["iso3"])


@pytest.mark.parametrize(("low", "high"), list(itertools.pairwise(SCORED)))
def test_country_colours_follow_the_scores(low, high):
    d = deck()
    a, b = feature(d, "countries", "iso3", low), feature(d, "countries", "iso3", high)
    sa = GTI.set_index("iso3").loc[low, "score_2023"]
    sb = GTI.set_index("iso3").loc[high, "score_2023"]
    top = md.scale_top(GTI)
    assert a["fill"] == md.score_color(sa, top) and b["fill"] == md.score_color(sb, top)
    if sa == sb:
        assert a["fill"] == b["fill"]
    else:  # reversed viridis: a higher score is darker
        assert sum(a["fill"][:3]) > sum(b["fill"][:3])


@pytest.mark.parametrize(
    ("iso3", "has_score", "text"),
    [
        ("KAZ", True, "0.000"),
        ("KGZ", True, "0.000"),
        ("UZB", True, "0.423"),
        ("TJK", True, "0.871"),
        ("AFG", False, "no score in source"),
        ("TKM", False, "no score in source"),
        ("CHN", False, "no score in source"),
        ("IRN", False, "no score in source"),
        ("PAK", False, "no score in source"),
    ],
)
def test_no_score_is_distinct_from_zero(iso3, has_score, text):
    props = next(
        f["properties"]
        for f in md.country_features(GEO_C, GTI, COUNTRIES)["features"]
        if f["properties"]["iso3"] == iso3
    )
    zero = md.score_color(0.0, md.scale_top(GTI))
    assert props["has_score"] is has_score
    assert props["score_text"] == text
    if has_score:
        assert props["fill"] != md.NO_SCORE_FILL
    else:
        assert props["fill"] == md.NO_SCORE_FILL != zero
        assert "no score" in props["label"] and "0.000" not in props["label"]
    # The browser gets the same fill, and the same label wherever the label is drawn.
    d = deck()
    assert feature(d, "countries", "iso3", iso3)["fill"] == props["fill"]
    name = props["label"].split("\n")[0]
    drawn = [
        t["text"] for t in layer(d, "labels-countries")["data"] if t["text"].split("\n")[0] == name
    ]
    assert drawn in ([], [props["label"]])


def test_no_score_countries_are_hatched_and_scored_ones_are_not():
    cfc = md.country_features(GEO_C, GTI, COUNTRIES)
    for f in cfc["features"]:
        paths = md.hatch_paths(f["geometry"])
        if not f["properties"]["has_score"]:
            assert paths, f["properties"]["iso3"]
            for (x0, y0), (x1, y1) in paths[:: max(1, len(paths) // 25)]:
                mx, my = (x0 + x1) / 2, (y0 + y1) / 2  # each hatch segment lies inside
                spans = geometry.scanline(rings(f["geometry"]), my)
                assert any(a - 0.05 <= mx <= b + 0.05 for a, b in spans)
    hatch = layer(deck(), "countries-no-score-hatch")["data"]
    assert len(hatch) > 50


def test_legend_puts_zero_and_no_score_side_by_side_with_different_symbols():
    rows = md.legend_rows(GTI, GEO_C)
    zero = rows[rows["label"] == "0.000"].iloc[0]
    none = rows[rows["label"] == "no score"].iloc[0]
    assert zero["symbol"] == "swatch" and none["symbol"] == "hatch"
    assert zero["color"] != none["color"]
    assert list(rows[rows.section == "score"]["label"][:-1]) == [
        md.score(v) for v in sorted(set(GTI["score_2023"]))
    ]
    chart = md.legend_chart(GTI, GEO_C).to_dict()
    assert chart["layer"]


def test_gti_source_line_comes_from_the_data():
    assert md.gti_source(GTI) == "Table 1, GTI 2024 (footnotes 36, 37)"


# ----------------------------------------------------------------------------- tooltips

EVIL = ["<script>alert(1)</script>", '<img src=x onerror="alert(2)">']


@pytest.mark.parametrize("evil", EVIL)
def test_tooltips_cannot_inject_markup(evil):
    notes = NOTES.copy()
    notes.loc[notes["geo_id"] == "AF-TAK", "risk_note"] = evil
    notes.loc[notes["geo_id"] == "AFG-UZB", "measures"] = evil
    incidents = INCIDENTS.copy()
    incidents.loc[0, "summary"] = evil
    countries = COUNTRIES.copy()
    countries.loc[countries["iso3"] == "KAZ", "name"] = evil
    d = deck(notes=notes, incidents=incidents, countries=countries)
    s = json.loads(d.to_json())
    # Data reaches the browser only as tooltip *text*: Streamlit sets it with innerText.
    assert md.tooltip_is_inert(d._tooltip)
    assert "html" not in d._tooltip and "{tooltip}" in d._tooltip["text"]
    assert evil not in json.dumps(d._tooltip)
    tips = [
        f["properties"]["tooltip"]
        for lyr in s["layers"]
        if isinstance(lyr["data"], dict)
        for f in lyr["data"]["features"]
    ]
    tips += [m["tooltip"] for m in layer(d, "incidents")["data"]]
    assert sum(evil in t for t in tips) >= 4  # kept literally, shown as text


def test_tooltip_inertness_check_can_fail():
    assert not md.tooltip_is_inert({"html": "<b>{tooltip}</b>"})
    assert not md.tooltip_is_inert({"text": "{x}", "html": "{x}"})


@pytest.mark.parametrize(
    ("geo_id", "expected"),
    [
        (
            "AF-TAK",
            [
                "Takhar province",
                "Terrain:",
                "Groups: none named",
                "What the neighbour does:",
                "footnotes 54, 55",
            ],
        ),
        (
            "AFG-UZB",
            [
                "Afghan-Uzbek border",
                "FLAG (country mismatch)",
                "Desert, without mountains",
                "Wilayat Khorasan",
                "footnotes 4, 30, 31, 56",
            ],
        ),
        ("AFG-TJK", ["Mountainous", "FLAG", "footnotes 4, 54, 55, 56, 63"]),
    ],
)
def test_province_and_border_tooltips_carry_the_notes(geo_id, expected):
    d = deck()
    lid = "provinces" if geo_id.startswith("AF-") else "borders"
    tip = feature(d, lid, "id", geo_id)["tooltip"]
    for text in expected:
        assert text in tip


def test_only_provinces_with_notes_are_emphasised():
    pfc = md.province_features(GEO_P, NOTES, GROUPS)
    risky = {f["properties"]["id"] for f in pfc["features"] if f["properties"]["risk"]}
    assert risky == set(NOTES[NOTES["kind"] == "province"]["geo_id"])
    assert len(pfc["features"]) > len(risky)
    for f in pfc["features"]:
        p = f["properties"]
        assert (p["fill"] == md.RISK_PROVINCE_FILL) is p["risk"]
        assert p["line_width"] > 1 if p["risk"] else p["line_width"] == 1


# ----------------------------------------------------------------------------- incidents


@pytest.mark.parametrize(
    ("incident", "date", "approximate"),
    [
        ("tashkent_1999", "1999", False),
        ("cyclists_2018", "2018 (paper: 'summer 2018')", True),
        ("shelling_uzb_2022", "April 2022 – May 2022 (paper: 'April and May 2022')", True),
        ("missile_attack_uzb_2022", "April 2022", True),
    ],
)
def test_incident_dates_at_true_precision_and_approximate_places_say_so(
    incident, date, approximate
):
    r = INCIDENTS.set_index("id").loc[incident].to_dict() | {"id": incident}
    assert md.incident_date(r) == date
    markers = md.incident_markers(INCIDENTS, GROUPS)
    m = next(m for m in markers if incident in m["ids"])
    assert f"Date: {date}" in m["tooltip"]
    assert ("APPROXIMATE location" in m["tooltip"]) is approximate or m["n"] > 1
    assert m["approximate"] is (approximate or m["n"] > 1)
    assert (m["fill"] == list(md.HALO)) is m["approximate"]  # ring, not dot


def test_every_incident_is_on_the_map_once_with_casualties_and_footnotes():
    markers = md.incident_markers(INCIDENTS, GROUPS)
    ids = [i for m in markers for i in m["ids"]]
    assert sorted(ids) == sorted(INCIDENTS["id"])
    tashkent = next(m for m in markers if "tashkent_1999" in m["ids"])
    assert "Casualties: 13 people killed" in tashkent["tooltip"]
    assert "footnote 30" in tashkent["tooltip"]


# ----------------------------------------------------------------------------- view


@pytest.mark.parametrize("size", [md.LAYOUT_SIZE, (900, md.MAP_HEIGHT), (1000, 620)])
def test_default_view_covers_central_asia_and_northern_afghanistan(size):
    view = spec(deck())["initialViewState"]
    lon0, lat0, lon1, lat1 = md.visible_bounds(view, *size)
    b = md.focus_bounds(GEO_C, GEO_P, data.CENTRAL_ASIA)
    assert lon0 <= b[0] and lat0 <= b[1] and lon1 >= b[2] and lat1 >= b[3]
    assert view["zoom"] > 3  # the region, not the whole continent
    kaz = md.bbox([f["geometry"] for f in GEO_C["features"] if f["properties"]["iso3"] == "KAZ"])
    assert kaz[2] - kaz[0] > 0.5 * (md.visible_bounds(view, *md.LAYOUT_SIZE)[2] - lon0)


def test_close_up_frames_the_provinces_and_borders_more_tightly():
    region = md.view_for(GEO_C, GEO_P, data.CENTRAL_ASIA)
    close = md.border_view(GEO_P, GEO_B)
    assert close["zoom"] > region["zoom"] + 1
    lon0, lat0, lon1, lat1 = md.visible_bounds(close, *md.LAYOUT_SIZE)
    b = md.bbox([f["geometry"] for g in (GEO_P, GEO_B) for f in g["features"]])
    assert lon0 <= b[0] and lat0 <= b[1] and lon1 >= b[2] and lat1 >= b[3]


@pytest.mark.parametrize("view_name", ["region", "close"])
def test_labels_do_not_overlap_at_the_default_view(view_name):
    view = (
        md.view_for(GEO_C, GEO_P, data.CENTRAL_ASIA)
        if view_name == "region"
        else md.border_view(GEO_P, GEO_B)
    )
    cfc = md.country_features(GEO_C, GTI, COUNTRIES)
    pfc = md.province_features(GEO_P, NOTES, GROUPS)
    bfc = md.border_features(GEO_B, NOTES, GROUPS)
    markers = md.incident_markers(INCIDENTS, GROUPS)
    items = md.label_items(cfc, pfc, bfc, markers, md.Toggles(), data.CENTRAL_ASIA)
    placed = md.place_labels(items, view, *md.LAYOUT_SIZE, markers)
    width, height = md.LAYOUT_SIZE
    for i, a in enumerate(placed):
        x0, y0, x1, y1 = a["box"]  # wholly on the map: no label cut by its edge
        assert 0 <= x0 and 0 <= y0 and x1 <= width and y1 <= height, a["text"]
        for b in placed[i + 1 :]:
            assert not md._overlap(a["box"], b["box"]), (a["text"], b["text"])
    focus_names = set(COUNTRIES.set_index("iso3").loc[list(data.CENTRAL_ASIA), "name"])
    shown = {p["text"].split("\n")[0] for p in placed}
    if view_name == "region":
        assert focus_names <= shown
    else:
        assert {"Takhar", "Balkh", "Badakhshan"} <= shown


# ----------------------------------------------------------------------- side panel etc.


def test_side_panel_lists_every_border_note_with_flags_visible():
    items = md.border_note_items(NOTES, GROUPS, INCIDENTS)
    assert sorted(i["id"] for i in items) == sorted(NOTES["id"])
    flagged = {i["id"] for i in items if i["flag"]}
    assert flagged == set(NOTES[NOTES["flag"].notna()]["id"])
    assert all(i["flag_note"] for i in items if i["flag"])
    assert all(i["footnotes"] for i in items)


@pytest.mark.parametrize(
    ("selection", "expected"),
    [
        (None, None),
        ({"indices": {}, "objects": {}}, None),
        (
            {
                "indices": {"countries": [5]},
                "objects": {"countries": [{"type": "Feature", "properties": {"iso3": "UZB"}}]},
            },
            ("country", "UZB"),
        ),
        (
            {
                "indices": {"provinces": [6]},
                "objects": {"provinces": [{"properties": {"id": "AF-TAK", "kind": "province"}}]},
            },
            ("province", "AF-TAK"),
        ),
        (
            {
                "indices": {"borders": [1]},
                "objects": {"borders": [{"properties": {"id": "AFG-UZB", "kind": "border"}}]},
            },
            ("border", "AFG-UZB"),
        ),
        (
            {
                "indices": {"incidents": [2]},
                "objects": {"incidents": [{"ids": ["a", "b"], "kind": "incidents"}]},
            },
            ("incidents", ["a", "b"]),
        ),
    ],
)
def test_selected_reads_streamlit_selection_state(selection, expected):
    assert md.selected(selection) == expected


@pytest.mark.parametrize("iso3", ["UZB", "TJK", "KAZ", "TKM", "AFG"])
def test_country_summary_comes_from_the_data(iso3):
    ini = data.initiatives()
    s = md.country_summary(iso3, COUNTRIES, GTI, NOTES, ini, INCIDENTS)
    g = GTI.set_index("iso3")
    assert s["has_score"] is (iso3 in g.index)
    if s["has_score"]:
        assert s["score"] == md.score(g.loc[iso3, "score_2023"])
    assert s["n_initiatives"] == sum(iso3 in list(cs) for cs in ini["countries"])
    assert s["n_incidents"] == int((INCIDENTS["country"] == iso3).sum())
    assert set(s["notes"]) == {
        t for t, ns in zip(NOTES["title"], NOTES["neighbours"], strict=True) if iso3 in list(ns)
    }


def test_data_table_has_every_map_object_with_scores_as_printed():
    t = md.data_table(GEO_C, GEO_P, GEO_B, GTI, COUNTRIES, NOTES, INCIDENTS, GROUPS)
    assert len(t) == (
        len(GEO_C["features"]) + len(GEO_P["features"]) + len(GEO_B["features"]) + len(INCIDENTS)
    )
    c = t[t.layer == "country"].set_index("id")
    assert c.loc["KAZ", "gti_2023_score"] == "0.000"
    assert c.loc["AFG", "gti_2023_score"] == "no score in source"
    assert not t.isna().any().any()
    assert isinstance(t.to_csv(index=False), str)
    assert pd.api.types.is_string_dtype(t["gti_2023_score"])


# ------------------------------------------------------------------ what the browser gets


def _points(geometry: dict) -> list:
    kind, c = geometry["type"], geometry["coordinates"]
    if kind == "LineString":
        return [c]
    if kind == "Polygon":
        return c
    if kind == "MultiPolygon":
        return [r for poly in c for r in poly]
    raise AssertionError(kind)


@pytest.mark.parametrize("geo", [GEO_C, GEO_P, GEO_B], ids=["countries", "provinces", "borders"])
def test_compact_geometry_keeps_every_feature_ring_and_shape(geo):
    for f in geo["features"]:
        before, after = f["geometry"], md.compact_geometry(f["geometry"])
        assert after["type"] == before["type"]
        rings_before, rings_after = _points(before), _points(after)
        assert len(rings_after) == len(rings_before)  # no ring, island or part is lost
        for rb, ra in zip(rings_before, rings_after, strict=True):
            if before["type"] != "LineString":
                assert ra[0] == ra[-1] and len(ra) >= 4  # still a closed ring
            assert ra[0] == [round(rb[0][0], md.COORD_DIGITS), round(rb[0][1], md.COORD_DIGITS)]
            assert ra[-1] == [round(rb[-1][0], md.COORD_DIGITS), round(rb[-1][1], md.COORD_DIGITS)]
            rounded = [[round(x, md.COORD_DIGITS), round(y, md.COORD_DIGITS)] for x, y, *_ in rb]
            assert [p for i, p in enumerate(rounded) if i == 0 or p != rounded[i - 1]] == ra
            assert all(len(repr(v).split(".")[-1]) <= md.COORD_DIGITS for p in ra for v in p)
    assert md.compact_geometry(geo["features"][0]["geometry"]) is not geo["features"][0]["geometry"]


def test_compact_geometry_keeps_borders_on_the_country_edges():
    """The border lines are arcs of the country polygons; rounding moves both alike."""
    country_pts = {
        tuple(p)
        for f in GEO_C["features"]
        for r in _points(md.compact_geometry(f["geometry"]))
        for p in r
    }
    for f in GEO_B["features"]:
        for p in _points(md.compact_geometry(f["geometry"]))[0]:
            assert tuple(p) in country_pts, (f["properties"]["id"], p)


def test_compact_geometry_never_drops_a_ring_below_its_minimum():
    tiny = {
        "type": "Polygon",
        "coordinates": [[[1.0, 1.0], [1.001, 1.0], [1.001, 1.001], [1.0, 1.0]]],
    }
    ring = md.compact_geometry(tiny)["coordinates"][0]
    assert len(ring) == 4 and ring[0] == ring[-1] == [1.0, 1.0]
    line = md.compact_geometry({"type": "LineString", "coordinates": [[5.0, 5.0], [5.001, 5.0]]})
    assert len(line["coordinates"]) == 2


# ------------------------------------------------------ on-screen simplification

REGION_VIEW = md.view_for(GEO_C, GEO_P, data.CENTRAL_ASIA)
CLOSE_UP_VIEW = md.border_view(GEO_P, GEO_B)
# How far rounding to COORD_DIGITS can move a point, in pixels at the close-up's zoom (the
# larger), where a degree of latitude is longest on screen: the data's northern edge, 62 N.
_HALF_UNIT_PX = 0.5 * 10**-md.COORD_DIGITS * 512 * 2 ** CLOSE_UP_VIEW["zoom"] / 360
ROUNDING_PX = math.hypot(_HALF_UNIT_PX, _HALF_UNIT_PX / math.cos(math.radians(62)))


def _px(point, zoom):
    return [c * 512 * 2**zoom for c in md._merc(*point[:2])]


def _worst_shift_px(source: dict, shipped: dict, zoom: float) -> float:
    """How far, in screen pixels, the farthest source vertex lies from the shipped rings."""
    worst = 0.0
    for before, after in zip(rings(source), rings(shipped), strict=True):
        line = shapely.LineString([_px(p, zoom) for p in after])
        worst = max(worst, max(line.distance(shapely.Point(_px(p, zoom))) for p in before))
    return worst


def _vertices(fc: dict) -> int:
    return sum(len(r) for f in fc["features"] for r in rings(f["geometry"]))


@pytest.mark.parametrize("view", [REGION_VIEW, CLOSE_UP_VIEW], ids=["region", "close-up"])
@pytest.mark.parametrize(("lid", "geo"), [("countries", GEO_C), ("provinces", GEO_P)])
def test_the_areas_shipped_move_no_point_more_than_a_pixel(lid, geo, view):
    shipped = layer(deck(view=view), lid)["data"]["features"]
    source = (
        geo["features"]
        if lid == "countries"
        else md.province_features(GEO_P, NOTES, GROUPS)["features"]
    )
    assert len(shipped) == len(source)
    for s, f in zip(shipped, source, strict=True):
        assert s["geometry"]["type"] == f["geometry"]["type"]
        assert len(rings(s["geometry"])) == len(rings(f["geometry"]))  # no island or hole lost
        shift = _worst_shift_px(f["geometry"], s["geometry"], view["zoom"])
        assert shift <= md.SIMPLIFY_PX + ROUNDING_PX, (lid, shift)
    shapes = [shapely.geometry.shape(s["geometry"]) for s in shipped]
    # neighbours still share one border: no gap, no overlap
    assert shapely.coverage_is_valid(shapes)
    for s, f in zip(shapes, source, strict=True):  # and none crosses itself anew
        assert s.is_valid or not shapely.geometry.shape(f["geometry"]).is_valid


def test_the_region_view_ships_fewer_vertices_than_the_close_up():
    """What simplifying is for: the zoomed-out view draws far fewer vertices than the data
    has (each costs a software-rendered WebGL time), the close-up keeps more detail."""
    region = _vertices(layer(deck(view=REGION_VIEW), "countries")["data"])
    close = _vertices(layer(deck(view=CLOSE_UP_VIEW), "countries")["data"])
    assert region < 0.7 * _vertices(GEO_C)
    assert region < close <= _vertices(GEO_C)


SQUARE_A = [[0, 0], [0, 10], [5, 10.04], [10, 10], [10, 0], [0, 0]]  # top edge dips 0.04
SQUARE_B = [[0, 10], [0, 20], [10, 20], [10, 10], [5, 10.04], [0, 10]]  # shares it


@pytest.mark.parametrize(
    ("tolerance", "kept"),
    [(0.01, True), (0.1, False)],  # a bend under the tolerance goes, one over it stays
)
def test_a_shared_edge_is_simplified_alike_on_both_sides(tolerance, kept):
    a, b = geometry.simplify_coverage(
        [
            {"type": "Polygon", "coordinates": [SQUARE_A]},
            {"type": "Polygon", "coordinates": [SQUARE_B]},
        ],
        tolerance,
    )
    ring_a, ring_b = a["coordinates"][0], b["coordinates"][0]
    assert ([5, 10.04] in ring_a) is kept
    assert ([5, 10.04] in ring_b) is kept
    edge = lambda r: sorted(map(tuple, (p for p in r if p[1] >= 10 and p[1] < 10.5)))
    assert edge(ring_a) == edge(ring_b)  # the same points: no gap, no sliver
    assert ring_a[0] == ring_a[-1] and ring_b[0] == ring_b[-1]


def test_a_ring_keeps_a_triangle_and_an_enclave_matches_its_hole():
    island = [[0, 0], [1, 0.001], [2, 0], [1, 0.002], [0, 0]]  # flatter than the tolerance
    enclave = [[4, 4], [6, 4], [6, 6], [5, 6.001], [4, 6], [4, 4]]
    outer = [[0, 10], [0, 3], [10, 3], [10, 10], [0, 10]]
    kept_island, kept_enclave, kept_outer = geometry.simplify_coverage(
        [
            {"type": "Polygon", "coordinates": [island]},
            {"type": "Polygon", "coordinates": [enclave]},
            {"type": "Polygon", "coordinates": [outer, enclave[::-1]]},
        ],
        0.1,
    )
    assert kept_island["coordinates"][0] == island  # would fall below a triangle: kept
    assert [5, 6.001] not in kept_enclave["coordinates"][0]
    assert sorted(map(tuple, kept_enclave["coordinates"][0][:-1])) == sorted(
        map(tuple, kept_outer["coordinates"][1][:-1])
    )


def test_the_browser_gets_every_feature_with_its_tooltip_and_fill_exactly():
    d = deck()
    built = {
        "countries": md.country_features(GEO_C, GTI, COUNTRIES),
        "provinces": md.province_features(GEO_P, NOTES, GROUPS),
        "borders": md.border_features(GEO_B, NOTES, GROUPS),
    }
    for lid, fc in built.items():
        shipped = layer(d, lid)["data"]["features"]
        assert len(shipped) == len(fc["features"])
        for s, f in zip(shipped, fc["features"], strict=True):
            assert set(s["properties"]) == set(md.SHIPPED_PROPERTIES[lid])
            for k in md.SHIPPED_PROPERTIES[lid]:
                assert s["properties"][k] == f["properties"][k]  # tooltips exactly as built
    markers = md.incident_markers(INCIDENTS, GROUPS)
    shipped = layer(d, "incidents")["data"]
    assert [{k: m[k] for k in md.SHIPPED_PROPERTIES["incidents"]} for m in markers] == shipped


@pytest.mark.parametrize(
    ("lid", "kind"),
    [
        ("countries", "country"),
        ("provinces", "province"),
        ("borders", "border"),
        ("incidents", "incidents"),
    ],
)
def test_a_click_on_any_shipped_object_is_understood(lid, kind):
    """Streamlit's selection returns the shipped object: it must carry what `selected` reads."""
    data_ = layer(deck(), lid)["data"]
    for obj in data_["features"] if isinstance(data_, dict) else data_:
        picked = md.selected({"objects": {lid: [obj]}})
        assert picked is not None and picked[0] == kind


def test_hatch_is_shipped_as_bare_two_point_paths():
    hatch = layer(deck(), "countries-no-score-hatch")
    assert hatch["getPath"] == "@@=-"  # deck.gl JSON: the datum itself
    assert hatch["data"] and all(len(p) == 2 and p[0] != p[1] for p in hatch["data"])
    no_score = [
        f
        for f in md.country_features(GEO_C, GTI, COUNTRIES)["features"]
        if not f["properties"]["has_score"]
    ]
    assert len(hatch["data"]) == sum(
        len(md.hatch_paths(f["geometry"], ndigits=md.COORD_DIGITS)) for f in no_score
    )


def test_deck_json_is_pydecks_json_compacted_and_computed_once():
    d = deck()
    first = d.to_json()
    assert d.to_json() is first  # memoised: a cached deck serialises once
    assert json.loads(first) == json.loads(md.pdk.Deck.to_json(d))
    d.initial_view_state = md.pdk.ViewState(longitude=1, latitude=2, zoom=3)
    again = d.to_json()
    assert again != first and json.loads(again)["initialViewState"]["zoom"] == 3


def test_legend_spec_carries_one_dataset():
    spec = md.legend_chart(GTI, GEO_C).to_dict()
    assert len(spec["datasets"]) == 1  # Streamlit converts each dataset to Arrow per rerun
    rows = next(iter(spec["datasets"].values()))
    labels = {r["label"] for r in rows}
    assert {md.score(v) for v in GTI["score_2023"]} | {"no score"} <= labels
    assert {"GTI 2023 score (out of 10)", "On the map"} <= labels
