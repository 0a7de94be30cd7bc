"""Pure GeoJSON geometry helpers shared by the map and the country mini map."""

from __future__ import annotations

import itertools
from collections.abc import Sequence


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
    """Twice the signed area (shoelace): positive when the ring runs anticlockwise."""
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in itertools.pairwise(ring))


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
