"""Pure GeoJSON geometry helpers shared by the map and the country mini map."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence

import shapely
from shapely.geometry import shape


def polygons(geometry: dict) -> list[list[list[list[float]]]]:
    """The polygons (each a list of rings, outer ring first) of a (Multi)Polygon."""
    if geometry.get("type") == "Polygon":
        return [geometry["coordinates"]]
    if geometry.get("type") == "MultiPolygon":
        return list(geometry["coordinates"])
    return []


def rings(geometry: dict) -> list[list[list[float]]]:
    """Every ring, outer and inner, of a (Multi)Polygon."""
    return [ring for poly in polygons(geometry) for ring in poly]


def round_points(points: Sequence[Sequence[float]], ndigits: int) -> list[list[float]]:
    """[x, y] of each point rounded to `ndigits`, without the repeats rounding makes (a
    closed ring stays closed; extra coordinates such as z are dropped)."""
    out: list[list[float]] = []
    for x, y, *_ in points:
        p = [round(x, ndigits), round(y, ndigits)]
        if not out or p != out[-1]:
            out.append(p)
    return out


def signed_area(ring: Sequence[Sequence[float]]) -> float:
    """The signed area (shoelace), in square degrees: positive when the ring runs
    anticlockwise (GeoJSON's outer rings), negative when clockwise (d3's)."""
    return 0.5 * sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in itertools.pairwise(ring))


def point_in_ring(point: Sequence[float], ring: Sequence[Sequence[float]]) -> bool:
    """Even-odd test: whether (x, y) lies inside a closed ring."""
    x, y = point[0], point[1]
    inside = False
    for (x0, y0), (x1, y1) in itertools.pairwise(ring):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def point_in_geometry(point: Sequence[float], geometry: dict) -> bool:
    """Whether (x, y) lies inside a (Multi)Polygon: inside an outer ring and no hole."""
    return any(
        point_in_ring(point, poly[0]) and not any(point_in_ring(point, h) for h in poly[1:])
        for poly in polygons(geometry)
    )


def points_bbox(points: Iterable[Sequence[float]]) -> tuple[float, float, float, float]:
    """(min_x, min_y, max_x, max_y) of some points."""
    xs, ys = zip(*((p[0], p[1]) for p in points), strict=True)
    return min(xs), min(ys), max(xs), max(ys)


def bbox(geometries: Iterable[dict]) -> tuple[float, float, float, float]:
    """(min_lon, min_lat, max_lon, max_lat) of (Multi)Polygons, LineStrings and Points."""

    def points(g: dict) -> Iterable[Sequence[float]]:
        if g["type"] in ("Polygon", "MultiPolygon"):
            return (p for ring in rings(g) for p in ring)
        if g["type"] in ("LineString", "MultiPoint"):
            return g["coordinates"]
        if g["type"] == "MultiLineString":
            return (p for line in g["coordinates"] for p in line)
        return [g["coordinates"]]  # Point

    return points_bbox(p for g in geometries for p in points(g))


def ring_area_centroid(ring: Sequence[Sequence[float]]) -> tuple[float, float, float]:
    """(signed area, centroid x, centroid y) of a closed ring, in degrees."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in itertools.pairwise(ring):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if a == 0:
        return 0.0, ring[0][0], ring[0][1]
    return a / 2, cx / (3 * a), cy / (3 * a)


def largest_ring_centroid(geometry: dict) -> tuple[float, float]:
    """Centroid of the largest outer ring (where the country mini map writes a name)."""
    outer = (ring_area_centroid(poly[0]) for poly in polygons(geometry))
    best = max(outer, key=lambda c: abs(c[0]), default=(0.0, 0.0, 0.0))
    return best[1], best[2]


def scanline(rings_: Sequence[Sequence[Sequence[float]]], lat: float) -> list[tuple[float, float]]:
    """Inside intervals (even-odd) of the rings along a parallel."""
    xs = []
    for ring in rings_:
        for (x0, y0), (x1, y1) in itertools.pairwise(ring):
            if (y0 <= lat < y1) or (y1 <= lat < y0):
                xs.append(x0 + (lat - y0) * (x1 - x0) / (y1 - y0))
    xs.sort()
    return list(zip(xs[0::2], xs[1::2], strict=False))


def label_point(
    geometry: dict, region: tuple[float, float, float, float] | None = None
) -> list[float]:
    """A point inside the geometry for its label: the middle of the widest inside interval
    on the parallel through the largest polygon's centroid (kept within `region`). Unlike
    a centroid, it never falls outside a concave shape."""
    polys = polygons(geometry)
    best = max(polys, key=lambda p: abs(ring_area_centroid(p[0])[0]))
    _, cx, cy = ring_area_centroid(best[0])
    lo_x, lo_y, hi_x, hi_y = region or (-180.0, -90.0, 180.0, 90.0)
    candidates = [cy]
    if region and not lo_y < cy < hi_y:
        candidates = [min(max(cy, lo_y + 1.5), hi_y - 1.5)]
    candidates += [cy + d for d in (0.5, -0.5, 1.0, -1.0, 2.0, -2.0)]
    for lat in candidates:
        spans = [(max(a, lo_x), min(b, hi_x)) for a, b in scanline(best, lat)]
        spans = [s for s in spans if s[1] > s[0]]
        if spans:
            a, b = max(spans, key=lambda s: s[1] - s[0])
            return [round((a + b) / 2, 3), round(lat, 3)]
    return [round(cx, 3), round(cy, 3)]


# ------------------------------------------------------------------ shared-edge simplification

Point = tuple[float, float]


def _junctions(rings_: Sequence[Sequence[Point]]) -> set[Point]:
    """The points where a shared edge begins or ends (TopoJSON's rule): a point whose
    neighbours differ between the rings through it, or that a ring visits twice."""
    seen: dict[Point, frozenset] = {}
    out: set[Point] = set()
    for ring in rings_:
        body = ring[:-1]
        if len(set(body)) < len(body):
            out.update(p for p in body if body.count(p) > 1)
        for i, p in enumerate(body):
            pair = frozenset((body[i - 1], body[(i + 1) % len(body)]))
            if seen.setdefault(p, pair) != pair:
                out.add(p)
    return out


def _arcs(ring: Sequence[Point], junctions: set[Point]) -> list[list[Point]]:
    """A closed ring cut at its junctions into arcs (each arc's ends are junctions). A ring
    with none is one closed arc from its smallest point, so that a ring two geometries
    share (an enclave and its hole) is cut alike in both."""
    body = list(ring[:-1])
    cuts = [i for i, p in enumerate(body) if p in junctions]
    start = cuts[0] if cuts else body.index(min(body))
    body = body[start:] + body[:start] + [body[start]]
    cuts = [i for i, p in enumerate(body) if p in junctions or i in (0, len(body) - 1)]
    return [body[a : b + 1] for a, b in itertools.pairwise(cuts)]


def _canonical(arc: list[Point]) -> tuple[tuple[Point, ...], bool]:
    """An arc in one fixed direction, and whether that reverses it: the two rings along a
    shared edge run it in opposite directions, and must get the same points."""
    flip = arc[-1] < arc[0] or (arc[0] == arc[-1] and len(arc) > 2 and arc[-2] < arc[1])
    return tuple(arc[::-1] if flip else arc), flip


def simplify_line(points: Sequence[Sequence[float]], tolerance: float) -> list:
    """Douglas-Peucker (GEOS, through shapely): a subset of `points` (ends kept) such that
    every dropped point lies within `tolerance` of the kept line."""
    if len(points) < 3:
        return [list(p) for p in points]
    kept = shapely.LineString(points).simplify(tolerance, preserve_topology=False)
    return [list(p) for p in kept.coords]


def _douglas_peucker(key: tuple[Point, ...], tolerance: float) -> list[Point]:
    """simplify_line on an arc; a closed arc (a whole ring) keeps a triangle and an open one
    its two ends, or the arc stays as it was."""
    kept = [tuple(p) for p in simplify_line(key, tolerance)]
    return kept if len(kept) >= (4 if key[0] == key[-1] else 2) else list(key)


def simplify_coverage(geometries: Sequence[dict], tolerance: float) -> list[dict]:
    """(Multi)Polygons that tile without overlaps (countries, provinces), simplified by
    Douglas-Peucker with `tolerance` per shared edge, as TopoJSON does: no point moves more
    than `tolerance`, and neighbours keep one common border, without gaps or slivers.
    A ring that would fall below a triangle is kept as it was, and so are the edges of a
    polygon that simplifying would make self-intersecting."""
    # each geometry's polygons, their rings as tuples of (x, y): made once for every round
    as_polys = [
        [[[tuple(p[:2]) for p in r] for r in poly] for poly in polygons(g)] for g in geometries
    ]
    junctions = _junctions([r for g in as_polys for poly in g for r in poly])
    memo: dict[tuple[Point, ...], list[Point]] = {}
    keep: set[tuple[Point, ...]] = set()  # edges left whole (see the docstring)

    def ring_out(ring: list[Point], used: set) -> list[list[float]]:
        if len(ring) < 4 or ring[0] != ring[-1]:  # not a ring: nothing to simplify
            return [list(p) for p in ring]
        arcs = _arcs(ring, junctions)
        pts: list[Point] = [arcs[0][0]]  # the ring now starts where its first arc does
        for arc in arcs:
            key, flip = _canonical(arc)
            used.add(key)
            if key not in memo:
                memo[key] = list(key) if key in keep else _douglas_peucker(key, tolerance)
            pts += (memo[key][::-1] if flip else memo[key])[1:]
        return [list(p) for p in (pts if len(pts) >= 4 else ring)]

    def geometry_out(g: dict, polys_in: list, used: set) -> dict:
        polys = [[ring_out(r, used) for r in poly] for poly in polys_in]
        return {"type": g["type"], "coordinates": polys[0] if g["type"] == "Polygon" else polys}

    for _ in range(3):  # an edge left whole can, rarely, make a neighbour intersect
        used = [set() for _ in geometries]
        out = [geometry_out(*args) for args in zip(geometries, as_polys, used, strict=True)]
        bad = [
            u
            for g, o, u in zip(geometries, out, used, strict=True)
            if not shape(o).is_valid and shape(g).is_valid
        ]
        if not bad:
            break
        for u in bad:
            keep.update(u)
            for key in u:
                memo.pop(key, None)
    return out
