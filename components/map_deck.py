"""Pure builders for the Map page: the pydeck deck, its legend, side-panel and table data.

Nothing here calls Streamlit or reads a file: every function takes DataFrames from
components.data (or GeoJSON dicts from data.geo) and returns plain objects.

Offline by construction: the deck has no basemap (``map_provider=None`` with the default
map style), the polygons are the map, and labels come from data through a TextLayer whose
font atlas is drawn locally from the browser's own fonts.

Tooltips are *text* tooltips. Streamlit renders ``tooltip["text"]`` with ``innerText``, so
data text can never become markup, whatever it contains and whatever the Streamlit
version. (HTML tooltips would need pre-escaped fields, but Streamlit >= 1.5x escapes
interpolated values itself since PR #15820, so pre-escaping shows '&#x27;' for every
apostrophe.) ``tooltip_is_inert`` states the guarantee and the tests check it.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import altair as alt
import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from components.geometry import bbox, label_point, polygons, rings, round_points, simplify_coverage
from components.i18n import ENGLISH, Translator
from components.text import (
    date_range,
    flag_kind,
    flag_marked,
    footnote_label,
    implied_out_of_scale,
    table_label,
)
from components.vocab import (
    COUNTRY_NOUN,
    FLAG_HEADING,
    GTI_2023_SCORE,
    INCIDENTS,
    N_,
    NONE_NAMED,
    NOT_GIVEN,
    NOT_NAMED,
    NOTE,
    ON_THE_MAP,
    RISK_PROVINCE,
    SOURCE,
    STATES,
)

# ----------------------------------------------------------------------------- constants

# Words the tooltips, labels and legend share (translate at use: tr._(NO_SCORE)).
NO_SCORE = N_("no score")
NO_SCORE_IN_SOURCE = N_("no score in source")
SOURCE_LINE = N_("Source: {source}")

LAYER_KEYS = ("countries", "provinces", "borders", "incidents", "labels")
LAYER_LABELS = {  # translate at use: tr._(LAYER_LABELS[key])
    "countries": N_("Countries (GTI score)"),
    "provinces": N_("Afghan provinces"),
    "borders": N_("Border segments"),
    "incidents": INCIDENTS,
    "labels": N_("Labels"),
}
# deck.gl layer ids (stable, so the chart's selection survives reruns)
LAYER_IDS = {
    "countries": "countries",
    "hatch": "countries-no-score-hatch",
    "provinces": "provinces",
    "borders": "borders",
    "incidents": "incidents",
    "country_labels": "labels-countries",
    "province_labels": "labels-provinces",
    "border_labels": "labels-borders",
    "incident_labels": "labels-incidents",
}

# Viridis (matplotlib), 9 stops. The map reverses it so 0 is the light end.
_VIRIDIS = [
    (68, 1, 84),
    (71, 44, 122),
    (59, 81, 139),
    (44, 113, 142),
    (33, 144, 141),
    (39, 173, 129),
    (92, 200, 99),
    (170, 220, 50),
    (253, 231, 37),
]
NO_SCORE_FILL = [205, 205, 205, 235]  # neutral grey, drawn with diagonal hatching
HATCH_COLOR = [95, 95, 95, 200]
COUNTRY_LINE = [60, 60, 60, 255]
RISK_PROVINCE_FILL = [204, 121, 167, 190]  # Okabe-Ito reddish purple
RISK_PROVINCE_LINE = [0, 0, 0, 255]
OTHER_PROVINCE_FILL = [255, 255, 255, 0]
OTHER_PROVINCE_LINE = [70, 70, 70, 255]
BORDER_COLOR = [0, 114, 178, 255]  # Okabe-Ito blue
INCIDENT_COLOR = [0, 0, 0, 255]
HALO = [255, 255, 255, 255]
HATCH_SPACING_DEG = 0.7
# Decimals of the coordinates sent to the browser: +-0.005 deg (about 0.5 km), under the
# 0.01-0.04 deg Douglas-Peucker tolerance the boundaries were simplified with
# (data/geo/SOURCES.md) and a sixth of a pixel at the close-up's zoom.
COORD_DIGITS = 2
# The areas sent to the browser are simplified for the view's zoom: no point moves more
# than this many screen pixels (map_deck.on_screen).
SIMPLIFY_PX = 1.0
# The feature properties the browser uses: fill and line accessors, the tooltip, and what
# `selected` reads back from a click. The rest (labels, flags) stays on the server.
SHIPPED_PROPERTIES = {
    "countries": ("iso3", "fill", "tooltip"),
    "provinces": ("id", "kind", "fill", "line", "line_width", "tooltip"),
    "borders": ("id", "kind", "tooltip"),
    "incidents": ("ids", "position", "fill", "line", "tooltip"),
}
CLUSTER_DEG = 0.6  # incidents closer than this share one marker (they would overlap)
MAP_HEIGHT = 540
# The smallest map the page draws: its column at 1280x720 with the sidebar open. The default
# view is fitted to it; wider screens show more surroundings.
LAYOUT_SIZE = (560, MAP_HEIGHT)
LABEL_BACKGROUND = {
    "country": [255, 255, 255, 215],
    "province": [255, 255, 255, 235],
    "border": [225, 238, 248, 240],
    "incident": [255, 255, 255, 225],
}
APPROXIMATE = {"border_area": N_("near the border"), "country": N_("somewhere in the country")}
# Places the boundary files name that no data table does (the data tables' own names come
# translated from components.data): translated at use with tr._(name).
GEO_NAMES = (
    N_("China"),
    N_("Iran"),
    N_("Mongolia"),
    N_("Azerbaijan"),
    N_("Georgia"),
    N_("India"),
    N_("Herat"),
    N_("Badghis"),
    N_("Faryab"),
    N_("Jowzjan"),
    N_("Balkh"),
    N_("Kunduz"),
    N_("Takhar"),
    N_("Badakhshan"),
    N_("Samangan"),
    N_("Baghlan"),
    N_("Sar-e Pol"),
    N_("Afghanistan–Turkmenistan border"),
    N_("Afghanistan–Uzbekistan border"),
    N_("Afghanistan–Tajikistan border"),
)

TOOLTIP_STYLE = {
    "backgroundColor": "#1b1b1b",
    "color": "#ffffff",
    "fontSize": "16px",
    "lineHeight": "1.35",
    "maxWidth": "480px",
    "padding": "10px 12px",
    "whiteSpace": "pre-line",
    "fontFamily": "sans-serif",
}


@dataclass(frozen=True)
class Toggles:
    countries: bool = True
    provinces: bool = True
    borders: bool = True
    incidents: bool = True
    labels: bool = True


# ----------------------------------------------------------------------------- colours


def viridis(t: float) -> list[int]:
    """Viridis at t in [0, 1] (0 = dark purple, 1 = yellow), linear between stops."""
    t = min(1.0, max(0.0, float(t)))
    pos = t * (len(_VIRIDIS) - 1)
    i = min(int(pos), len(_VIRIDIS) - 2)
    f = pos - i
    a, b = _VIRIDIS[i], _VIRIDIS[i + 1]
    return [round(a[k] + (b[k] - a[k]) * f) for k in range(3)]


def score_color(value: float | None, top: float) -> list[int]:
    """RGBA for a GTI score on reversed viridis (0 = light yellow, `top` = dark purple).

    A missing score gets NO_SCORE_FILL, never the zero colour.
    """
    if value is None or pd.isna(value):
        return list(NO_SCORE_FILL)
    t = 0.0 if top <= 0 else float(value) / top
    return [*viridis(1.0 - t), 235]


def hex_color(rgba: Sequence[int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgba[:3])


def scale_top(gti: pd.DataFrame) -> float:
    """Top of the colour scale: the highest score in Table 1 (the GTI itself runs 0-10)."""
    return float(gti["score_2023"].max())


def gti_source(gti: pd.DataFrame, tr: Translator = ENGLISH) -> str:
    tables = ", ".join(table_label(t, tr) for t in sorted(set(gti["table"])))
    notes = sorted({int(n) for fs in gti["footnotes"] for n in fs})
    return tr._("{tables}, GTI 2024 ({footnotes})").format(
        tables=tables, footnotes=footnote_label(notes, tr)
    )


def score(value: float, tr: Translator = ENGLISH) -> str:
    """A GTI score as printed, three decimals: 0.871 / 0,871."""
    return tr.decimal(value, 3)


def change(value: float, tr: Translator = ENGLISH) -> str:
    """A printed change with its sign: +0.328 / +0,328; zero has none."""
    return tr.signed(value, 3)


def gti_flag_note(row: pd.Series | dict, tr: Translator = ENGLISH) -> str | None:
    """The plausibility flag of a Table 1 row (components.data writes it in English): in
    another language it is written again from the same printed and implied numbers."""
    note = row.get("flag_note")
    if not isinstance(note, str):
        return None
    if tr.lang == ENGLISH.lang:
        return note
    out = []
    for flag in _seq(row.get("flags")):
        year = flag.removeprefix("implied_")[:4]
        out.append(
            implied_out_of_scale(
                row["score_2023"], row[f"change_{year}_2023"], year, row[f"implied_{year}"], tr
            )
        )
    return " ".join(out) or note


def terrain_described(terrain: str, described: object = None) -> bool:
    """Whether a border note's terrain says something: components.map_view passes
    `described` from the English table; without it the English wording decides."""
    if described is not None and not pd.isna(described):
        return bool(described)
    return bool(terrain) and not terrain.startswith("not described")


def geo_name(name: str, tr: Translator = ENGLISH) -> str:
    """A boundary file's place name in the translator's language (see GEO_NAMES)."""
    return tr._(name) if name else name


# ----------------------------------------------------------------------------- geometry


def hatch_paths(
    geometry: dict, spacing: float = HATCH_SPACING_DEG, ndigits: int = 3
) -> list[list[list[float]]]:
    """Diagonal hatch segments clipped to a (multi)polygon, on a global grid so that
    neighbouring polygons' hatching lines up. Lines run along lat - lon = constant.
    Coordinates are rounded to `ndigits`; a segment that rounds to a point is left out."""
    all_rings = rings(geometry)
    us = [y - x for ring in all_rings for x, y, *_ in ring]
    out = []
    k = math.floor(min(us) / spacing)
    while k * spacing <= max(us):
        u = k * spacing
        pts = []
        for ring in all_rings:
            for (x0, y0), (x1, y1) in itertools.pairwise(ring):
                u0, u1 = y0 - x0, y1 - x1
                if (u0 <= u < u1) or (u1 <= u < u0):
                    t = (u - u0) / (u1 - u0)
                    pts.append((x0 + t * (x1 - x0), y0 + t * (y1 - y0)))
        pts.sort(key=lambda p: p[0] + p[1])
        for a, b in zip(pts[0::2], pts[1::2], strict=False):
            seg = [
                [round(a[0], ndigits), round(a[1], ndigits)],
                [round(b[0], ndigits), round(b[1], ndigits)],
            ]
            if seg[0] != seg[1]:
                out.append(seg)
        k += 1
    return out


def _round_points(points: Sequence[Sequence[float]], ndigits: int, min_len: int) -> list:
    """Points rounded to `ndigits`, without the repeats rounding makes (a closed ring stays
    closed). If that would leave fewer than `min_len` points, the rounded points are kept."""
    out = round_points(points, ndigits)
    return (
        out
        if len(out) >= min_len
        else [[round(p[0], ndigits), round(p[1], ndigits)] for p in points]
    )


def compact_geometry(geometry: dict, ndigits: int = COORD_DIGITS) -> dict:
    """A copy of a GeoJSON geometry for the browser: coordinates rounded to `ndigits`,
    repeated points dropped. Shared vertices round alike, so neighbours still share edges."""
    kind, coords = geometry["type"], geometry["coordinates"]
    if kind == "Point":
        out = [round(coords[0], ndigits), round(coords[1], ndigits)]
    elif kind in ("LineString", "MultiPoint"):
        out = _round_points(coords, ndigits, 2)
    elif kind in ("Polygon", "MultiLineString"):
        out = [_round_points(r, ndigits, 4 if kind == "Polygon" else 2) for r in coords]
    elif kind == "MultiPolygon":
        out = [[_round_points(r, ndigits, 4) for r in poly] for poly in coords]
    else:
        raise ValueError(f"unsupported geometry type {kind!r}")
    return {"type": kind, "coordinates": out}


def shipped_features(fc: dict, keep: Sequence[str], ndigits: int = COORD_DIGITS) -> dict:
    """What the browser gets of a feature collection: compact geometry and the `keep`
    properties, unchanged (tooltips and colours exactly as built)."""
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": compact_geometry(f["geometry"], ndigits),
                "properties": {k: f["properties"][k] for k in keep},
            }
            for f in fc["features"]
        ],
    }


# Web Mercator with deck.gl's 512 px tiles: at zoom z the world is 512 * 2**z pixels wide.
TILE_PX = 512


def _scale(zoom: float) -> float:
    return TILE_PX * 2**zoom


def _merc(lon: float, lat: float) -> tuple[float, float]:
    x = (lon + 180) / 360
    y = (1 - math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) / math.pi) / 2
    return x, y


def _unmerc(x: float, y: float) -> tuple[float, float]:
    lon = x * 360 - 180
    lat = math.degrees(2 * math.atan(math.exp(math.pi * (1 - 2 * y))) - math.pi / 2)
    return lon, lat


def on_screen(fc: dict, zoom: float, px: float = SIMPLIFY_PX) -> dict:
    """The areas of `fc` (countries or provinces) as a map at `zoom` can show them: no
    point moves more than `px` screen pixels, and neighbours keep one common border
    (geometry.simplify_coverage, run in Web Mercator pixels). Detail the eye cannot see is
    neither sent nor drawn. A browser that draws WebGL in software (no GPU, as in the
    benchmarks) spends time in proportion to the vertices (docs/benchmarks.md)."""
    feats = fc["features"]
    # Keyed by the geometry's text: every layer choice and language of a view ships the same
    # shapes, so each (view, boundary file) is simplified once per process.
    shapes = json.dumps([f["geometry"] for f in feats], separators=(",", ":"))
    simplified = _on_screen_geometries(shapes, zoom, px)
    return dict(fc, features=[dict(f, geometry=g) for f, g in zip(feats, simplified, strict=True)])


@functools.lru_cache(maxsize=16)
def _on_screen_geometries(shapes: str, zoom: float, px: float) -> tuple[dict, ...]:
    """on_screen's work, shared by the decks that read it: treat the result as read-only."""
    scale = _scale(zoom)

    def to_px(poly: list) -> list:
        return [[[c * scale for c in _merc(*p[:2])] for p in ring] for ring in poly]

    def to_lonlat(poly: list) -> list:
        return [[list(_unmerc(x / scale, y / scale)) for x, y in ring] for ring in poly]

    geometries = json.loads(shapes)
    flat = [
        {"type": "MultiPolygon", "coordinates": [to_px(q) for q in polygons(g)]} for g in geometries
    ]
    out = []
    for source, g in zip(geometries, simplify_coverage(flat, px), strict=True):
        polys = [to_lonlat(q) for q in g["coordinates"]]
        kind = source["type"]
        out.append({"type": kind, "coordinates": polys[0] if kind == "Polygon" else polys})
    return tuple(out)


def fit_view(
    bounds: tuple[float, float, float, float], width: int, height: int, padding: int = 16
) -> dict:
    """Centre and zoom that fit `bounds` in a width x height map (deck.gl MapView)."""
    x0, y1 = _merc(bounds[0], bounds[1])
    x1, y0 = _merc(bounds[2], bounds[3])
    zx = (width - 2 * padding) / ((x1 - x0) * TILE_PX)
    zy = (height - 2 * padding) / ((y1 - y0) * TILE_PX)
    zoom = math.log2(min(zx, zy))
    lon, lat = _unmerc((x0 + x1) / 2, (y0 + y1) / 2)
    return {"longitude": round(lon, 3), "latitude": round(lat, 3), "zoom": round(zoom, 2)}


def project(lon: float, lat: float, view: dict, width: int, height: int) -> tuple[float, float]:
    """Screen pixel (x, y) of a lon/lat in a width x height map showing `view`."""
    scale = _scale(view["zoom"])
    cx, cy = _merc(view["longitude"], view["latitude"])
    x, y = _merc(lon, lat)
    return width / 2 + (x - cx) * scale, height / 2 + (y - cy) * scale


def visible_bounds(view: dict, width: int, height: int) -> tuple[float, float, float, float]:
    scale = _scale(view["zoom"])
    cx, cy = _merc(view["longitude"], view["latitude"])
    lon0, lat0 = _unmerc(cx - width / 2 / scale, cy + height / 2 / scale)
    lon1, lat1 = _unmerc(cx + width / 2 / scale, cy - height / 2 / scale)
    return lon0, lat0, lon1, lat1


def focus_bounds(countries_geo: dict, provinces_geo: dict, focus: Iterable[str]) -> tuple:
    """Bounds of the focus countries plus the northern Afghan provinces."""
    focus = set(focus)
    geoms = [f["geometry"] for f in countries_geo["features"] if f["properties"]["iso3"] in focus]
    geoms += [f["geometry"] for f in provinces_geo["features"]]
    return bbox(geoms)


# ----------------------------------------------------------------------------- text helpers


def _seq(value: object) -> list:
    if value is None or isinstance(value, str):
        return [] if value is None else [value]
    try:
        return list(value)
    except TypeError:
        return []


def _text(value: object) -> str:
    if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)):
        return ""
    return str(value)


def group_names(ids: Iterable[str], armed_groups: pd.DataFrame) -> list[str]:
    """The groups' names (in the language `armed_groups` was loaded in), a flagged group's
    marked: the paper says two things of it (overview and country views give both)."""
    notes = armed_groups["flag_note"] if "flag_note" in armed_groups else [None] * len(armed_groups)
    names = {
        i: flag_marked(n, note)
        for i, n, note in zip(armed_groups["id"], armed_groups["name"], notes, strict=True)
    }
    return [names.get(i, i) for i in _seq(ids)]


def incident_date(row: pd.Series | dict, tr: Translator = ENGLISH) -> str:
    """Date at its true precision, with the paper's wording when it says more."""
    shown = date_range(row["start"], _text(row.get("end")) or None, tr)
    printed = _text(row.get("date_text"))
    if not printed or printed == shown:
        return shown
    return tr._("{date} (paper: '{printed}')").format(date=shown, printed=printed)


def incident_location(row: pd.Series | dict, tr: Translator = ENGLISH) -> str:
    place = _text(row["place"])
    where = APPROXIMATE.get(row["location_precision"])
    if where is None:
        return place
    return tr._("{place}. APPROXIMATE location: the marker is {where}, not at the site.").format(
        place=place, where=tr._(where)
    )


# ----------------------------------------------------------------------------- tables


def country_features(
    countries_geo: dict,
    gti: pd.DataFrame,
    countries: pd.DataFrame,
    region: tuple | None = None,
    tr: Translator = ENGLISH,
) -> dict:
    """countries.geojson with fill colour, score text, label point and tooltip per feature."""
    top = scale_top(gti)
    source = gti_source(gti, tr)
    no_score = tr._(NO_SCORE)
    by_iso = gti.set_index("iso3")
    names = dict(zip(countries["iso3"], countries["name"], strict=True))
    feats = []
    for f in countries_geo["features"]:
        iso = f["properties"]["iso3"]
        name = names.get(iso) or geo_name(f["properties"]["name"], tr)
        has = iso in by_iso.index
        props = {"iso3": iso, "name": name, "kind": "country", "has_score": has}
        if has:
            r = by_iso.loc[iso]
            props["score_text"] = score(r["score_2023"], tr)
            lines = [
                tr._("{name}: GTI 2023 score {score} (out of 10)").format(
                    name=name, score=props["score_text"]
                ),
                tr._("Change 2013-2023: {change_2013}; 2022-2023: {change_2022}").format(
                    change_2013=change(r["change_2013_2023"], tr),
                    change_2022=change(r["change_2022_2023"], tr),
                ),
            ]
            flag_note = gti_flag_note(r, tr)
            if flag_note:
                lines.append(tr._("FLAG: {note}").format(note=flag_note))
            lines.append(tr._(SOURCE_LINE).format(source=source))
        else:
            props["score_text"] = tr._(NO_SCORE_IN_SOURCE)
            lines = [
                tr._("{name}: no GTI score in the source").format(name=name),
                tr.n_(
                    "Table 1 lists {n} country; {name} is not among them.",
                    "Table 1 lists {n} countries; {name} is not among them.",
                    len(gti),
                ).format(n=len(gti), name=name),
            ]
        lines.append(tr._("Click for a summary under the map."))
        props["fill"] = score_color(r["score_2023"] if has else None, top)
        props["label"] = f"{name}\n{props['score_text'] if has else no_score}"
        props["label_pos"] = label_point(f["geometry"], region)
        props["tooltip"] = "\n".join(lines)
        feats.append({"type": "Feature", "geometry": f["geometry"], "properties": props})
    return {"type": "FeatureCollection", "features": feats}


def _note_lines(n: pd.Series, armed_groups: pd.DataFrame, tr: Translator = ENGLISH) -> list[str]:
    lines = [n["title"]]
    if isinstance(n["flag"], str):
        lines.append(
            tr._("FLAG ({flag}): {note}").format(flag=flag_kind(n["flag"], tr), note=n["flag_note"])
        )
    groups = ", ".join(group_names(n["groups"], armed_groups)) or tr._(NONE_NAMED)
    lines += [
        tr._("Risk: {text}").format(text=n["risk_note"]),
        tr._("Terrain: {text}").format(text=n["terrain"]),
        tr._("Groups: {text}").format(text=groups),
        tr._("Where the groups are: {text}").format(text=n["groups_note"]),
        tr._("What the neighbour does: {text}").format(text=n["measures"]),
        tr._(SOURCE_LINE).format(source=footnote_label(_seq(n["footnotes"]), tr)),
    ]
    return lines


def province_features(
    provinces_geo: dict,
    notes: pd.DataFrame,
    armed_groups: pd.DataFrame,
    region: tuple | None = None,
    tr: Translator = ENGLISH,
) -> dict:
    by_geo = notes.set_index("geo_id")
    feats = []
    for f in provinces_geo["features"]:
        pid, name = f["properties"]["id"], geo_name(f["properties"]["name"], tr)
        risk = pid in by_geo.index
        lines = (
            _note_lines(by_geo.loc[pid], armed_groups, tr)
            if risk
            else [
                tr._("{name} (northern Afghanistan)").format(name=name),
                tr._("The paper has no risk note on this province."),
            ]
        )
        feats.append(
            {
                "type": "Feature",
                "geometry": f["geometry"],
                "properties": {
                    "id": pid,
                    "name": name,
                    "kind": "province",
                    "risk": risk,
                    "fill": RISK_PROVINCE_FILL if risk else OTHER_PROVINCE_FILL,
                    "line": RISK_PROVINCE_LINE if risk else OTHER_PROVINCE_LINE,
                    "line_width": 3 if risk else 1,
                    "label_pos": label_point(f["geometry"], region),
                    "tooltip": "\n".join(lines),
                },
            }
        )
    return {"type": "FeatureCollection", "features": feats}


def border_features(
    borders_geo: dict, notes: pd.DataFrame, armed_groups: pd.DataFrame, tr: Translator = ENGLISH
) -> dict:
    by_geo = notes.set_index("geo_id")
    feats = []
    for f in borders_geo["features"]:
        bid = f["properties"]["id"]
        has = bid in by_geo.index
        n = by_geo.loc[bid] if has else None
        title = n["title"] if has else geo_name(f["properties"]["name"], tr)
        coords = f["geometry"]["coordinates"]
        line = coords if f["geometry"]["type"] == "LineString" else max(coords, key=len)
        mid = line[len(line) // 2]
        terrain = _text(n["terrain"]) if has else ""
        if terrain and not terrain_described(terrain, n.get("terrain_described")):
            terrain = ""
        short = f"{title}:\n{terrain}" if terrain else title
        feats.append(
            {
                "type": "Feature",
                "geometry": f["geometry"],
                "properties": {
                    "id": bid,
                    "name": title,
                    "kind": "border",
                    "has_note": has,
                    "terrain": terrain,
                    "label": short,
                    "label_pos": [round(mid[0], 3), round(mid[1], 3)],
                    "tooltip": "\n".join(_note_lines(n, armed_groups, tr)) if has else title,
                },
            }
        )
    return {"type": "FeatureCollection", "features": feats}


def incident_markers(
    incidents: pd.DataFrame,
    armed_groups: pd.DataFrame,
    cluster_deg: float = CLUSTER_DEG,
    tr: Translator = ENGLISH,
) -> list[dict]:
    """One marker per incident, except incidents closer than `cluster_deg` share one marker
    (at their mean position) whose tooltip lists each of them."""
    rows = incidents.to_dict("records")
    clusters: list[list[dict]] = []
    for r in rows:
        for c in clusters:
            if any(math.hypot(r["lon"] - o["lon"], r["lat"] - o["lat"]) < cluster_deg for o in c):
                c.append(r)
                break
        else:
            clusters.append([r])
    out = []
    for c in clusters:
        approx = any(r["location_precision"] != "city" for r in c)
        blocks = []
        for r in c:
            killed = r.get("killed")
            perpetrators = ", ".join(group_names(r["perpetrators"], armed_groups))
            casualties = _text(r.get("casualties_text")) or tr._(NOT_GIVEN)
            if (
                killed is not None
                and not pd.isna(killed)
                and str(int(killed)) not in _text(r.get("casualties_text"))
            ):
                casualties = tr._("{casualties} (killed: {n})").format(
                    casualties=casualties, n=tr.integer(int(killed))
                )
            lines = [
                r["title"],
                tr._("Date: {text}").format(text=incident_date(r, tr)),
                tr._("Place: {text}").format(text=incident_location(r, tr)),
                tr._("What happened: {text}").format(text=r["summary"]),
                tr._("Perpetrators: {text}").format(text=perpetrators or tr._(NOT_NAMED)),
                tr._("Casualties: {text}").format(text=casualties),
                tr._(SOURCE_LINE).format(source=footnote_label(_seq(r["footnotes"]), tr)),
            ]
            if _text(r.get("note")):
                lines.append(tr._("Note: {text}").format(text=r["note"]))
            blocks.append("\n".join(lines))
        head = (
            tr.n_(
                "{n} incident at about this place", "{n} incidents at about this place", len(c)
            ).format(n=len(c))
            + "\n\n"
            if len(c) > 1
            else ""
        )
        years = sorted({r["start"][:4] for r in c})
        span = "-".join(dict.fromkeys([years[0], years[-1]]))
        if len(c) > 1:
            label = tr.n_("{n} incident, {span}", "{n} incidents, {span}", len(c)).format(
                n=len(c), span=span
            )
        elif not approx:
            label = f"{c[0]['place'].split(' (')[0]} {span}"
        else:
            label = span
        out.append(
            {
                "ids": [r["id"] for r in c],
                "kind": "incidents",
                "n": len(c),
                "position": [
                    round(sum(r["lon"] for r in c) / len(c), 3),
                    round(sum(r["lat"] for r in c) / len(c), 3),
                ],
                "approximate": approx,
                "fill": list(HALO) if approx else list(INCIDENT_COLOR),
                "line": list(INCIDENT_COLOR) if approx else list(HALO),
                "label": label,
                "tooltip": head + "\n\n".join(blocks),
            }
        )
    return out


# ----------------------------------------------------------------------------- labels


def label_items(
    cfc: dict, pfc: dict, bfc: dict, markers: list[dict], toggles: Toggles, focus: Sequence[str]
) -> list[dict]:
    """Every label the map may show, highest priority first."""
    items: list[dict] = []

    def add(group: str, prio: int, pos: Sequence[float], text: str, size: int) -> None:
        items.append(
            {"group": group, "prio": prio, "position": list(pos), "text": text, "size": size}
        )

    if toggles.countries:
        for f in cfc["features"]:
            p = f["properties"]
            main = p["iso3"] in focus or p["iso3"] == "AFG"
            add("country", 0 if main else 4, p["label_pos"], p["label"], 16)
    if toggles.provinces:
        for f in pfc["features"]:
            if f["properties"]["risk"]:
                add("province", 1, f["properties"]["label_pos"], f["properties"]["name"], 14)
    if toggles.incidents:
        for m in markers:
            add("incident", 2, m["position"], m["label"], 14)
    if toggles.borders:
        for f in bfc["features"]:
            p = f["properties"]
            if p["has_note"] and p["terrain"]:
                add("border", 3, p["label_pos"], p["terrain"], 14)
    return sorted(items, key=lambda i: i["prio"])


def _box(cx: float, cy: float, text: str, size: int) -> tuple[float, float, float, float]:
    lines = text.split("\n")
    w = max(len(t) for t in lines) * size * 0.62 + 10
    h = len(lines) * size * 1.15 + 6
    return cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2


def _overlap(a: Sequence[float], b: Sequence[float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def place_labels(
    items: list[dict], view: dict, width: int, height: int, markers: Sequence[dict] = ()
) -> list[dict]:
    """Greedy placement at the default view: each label takes the first candidate offset
    that lies wholly on the map and overlaps no placed label or marker, or is left out (its
    text stays in the tooltip and the side panel): a label cut by the map's edge ("kraine
    1.686") reads as a different word. Returns the kept items with a pixel `offset` and
    their `box`. The map is `width` x `height` at its smallest; a wider one shows more
    around the same centre, so what fits here fits there."""
    taken = []
    for m in markers:
        x, y = project(*m["position"], view, width, height)
        taken.append((x - 12, y - 12, x + 12, y + 12))
    out = []
    for it in items:
        x, y = project(*it["position"], view, width, height)
        x0, y0, x1, y1 = _box(0, 0, it["text"], it["size"])
        w, h = x1 - x0, y1 - y0
        if it["group"] == "incident":
            cands = [(w / 2 + 16, 0), (-w / 2 - 16, 0), (0, -h / 2 - 14), (0, h / 2 + 14)]
        elif it["group"] == "border":
            cands = [(-w / 2 - 10, h), (w / 2 + 10, h), (0, h + 8), (-w / 2 - 10, 2 * h)]
        else:
            cands = [
                (0, 0),
                (0, h * 0.9),
                (0, -h * 0.9),
                (w * 0.55, 0),
                (-w * 0.55, 0),
                (w * 0.55, h),
                (-w * 0.55, h),
                (0, 2 * h),
            ]
        for dx, dy in cands:
            box = _box(x + dx, y + dy, it["text"], it["size"])
            on_map = box[0] >= 0 and box[1] >= 0 and box[2] <= width and box[3] <= height
            if on_map and not any(_overlap(box, t) for t in taken):
                taken.append(box)
                out.append({**it, "offset": [round(dx), round(dy)], "box": box})
                break
    return out


# ----------------------------------------------------------------------------- deck


def view_for(
    countries_geo: dict,
    provinces_geo: dict,
    focus: Iterable[str],
    width: int | None = None,
    height: int | None = None,
) -> dict:
    """Default view: Central Asia plus northern Afghanistan, fitted to the smallest map the
    page draws (the map column at 1280x720); wider screens show more surroundings."""
    width, height = width or LAYOUT_SIZE[0], height or LAYOUT_SIZE[1]
    return fit_view(focus_bounds(countries_geo, provinces_geo, focus), width, height)


def border_view(
    provinces_geo: dict, borders_geo: dict, size: tuple[int, int] = LAYOUT_SIZE
) -> dict:
    """Close-up on the northern Afghan provinces and the three border segments."""
    geoms = [f["geometry"] for g in (provinces_geo, borders_geo) for f in g["features"]]
    return fit_view(bbox(geoms), *size, padding=40)


def tooltip_spec() -> dict:
    """Text tooltip: Streamlit puts it into the page with innerText, never as HTML."""
    return {"text": "{tooltip}", "style": dict(TOOLTIP_STYLE)}


def tooltip_is_inert(tooltip: dict) -> bool:
    """True when data can only reach the tooltip as plain text."""
    return "html" not in tooltip and set(tooltip) <= {"text", "style", "className"}


class CompactDeck(pdk.Deck):
    """A pydeck Deck whose JSON has no indentation and is computed once.

    pydeck indents its JSON by two spaces, which puts every coordinate on its own line and
    roughly triples what Streamlit sends to the browser on each rerun. Serialising takes
    tens of milliseconds, so the first ``to_json`` keeps its result: setting an attribute
    drops it, but a change inside an attribute (a layer's data, the layer list) does not,
    so treat a serialised deck as frozen. (A page caches one deck per key and shares it.)
    """

    __slots__ = ("_json_memo",)  # a slot, not in __dict__: pydeck's serialiser never sees it

    def __setattr__(self, name: str, value: object) -> None:
        super().__setattr__(name, value)
        if name != "_json_memo":
            super().__setattr__("_json_memo", None)

    def to_json(self) -> str:
        memo = getattr(self, "_json_memo", None)
        if memo is None:  # pydeck's serialize(), without the indent
            memo = json.dumps(
                self, sort_keys=True, default=default_serialize, separators=(",", ":")
            )
            self._json_memo = memo
        return memo


def _text_layer(layer_id: str, data: list[dict], size: int, **kw) -> pdk.Layer:
    return pdk.Layer(
        "TextLayer",
        data=data,
        id=layer_id,
        pickable=False,
        get_position="position",
        get_text="text",
        get_size=size,
        size_units="'pixels'",
        font_family='"DejaVu Sans, Liberation Sans, Arial, sans-serif"',
        font_weight=f"'{kw.pop('font_weight', 'bold')}'",
        character_set="'auto'",
        get_text_anchor="'middle'",
        get_alignment_baseline="'center'",
        get_pixel_offset="offset",
        background=True,
        get_background_color=kw.pop("background", [255, 255, 255, 215]),
        background_padding=[4, 2, 4, 2],
        line_height=1.1,
        **kw,
    )


def _area_layer(
    kind: str, fc: dict, zoom: float, line_color: object, line_width: object, highlight_alpha: int
) -> pdk.Layer:
    """A pickable, filled and outlined GeoJSON layer of areas (countries or provinces)."""
    return pdk.Layer(
        "GeoJsonLayer",
        data=shipped_features(on_screen(fc, zoom), SHIPPED_PROPERTIES[kind]),
        id=LAYER_IDS[kind],
        pickable=True,
        stroked=True,
        filled=True,
        get_fill_color="properties.fill",
        get_line_color=line_color,
        line_width_units="'pixels'",
        get_line_width=line_width,
        auto_highlight=True,
        highlight_color=[255, 255, 255, highlight_alpha],
    )


def build_deck(
    countries_geo: dict,
    provinces_geo: dict,
    borders_geo: dict,
    gti: pd.DataFrame,
    countries: pd.DataFrame,
    border_notes: pd.DataFrame,
    incidents: pd.DataFrame,
    armed_groups: pd.DataFrame,
    toggles: Toggles = Toggles(),
    focus: Iterable[str] = STATES,
    view: dict | None = None,
    size: tuple[int, int] = LAYOUT_SIZE,
    tr: Translator = ENGLISH,
) -> CompactDeck:
    """The map: no basemap, GTI-shaded countries, provinces, borders, incidents, labels."""
    focus = tuple(focus)
    view = view or view_for(countries_geo, provinces_geo, focus)
    region = visible_bounds(view, *size)
    layers: list[pdk.Layer] = []
    labels = toggles.labels

    cfc = country_features(countries_geo, gti, countries, region, tr)
    if toggles.countries:
        layers.append(_area_layer("countries", cfc, view["zoom"], COUNTRY_LINE, 1.2, 70))
        hatch = [
            p
            for f in cfc["features"]
            if not f["properties"]["has_score"]
            for p in hatch_paths(f["geometry"], ndigits=COORD_DIGITS)
        ]
        layers.append(
            pdk.Layer(  # each datum is a path itself ("-" = the whole datum)
                "PathLayer",
                data=hatch,
                id=LAYER_IDS["hatch"],
                pickable=False,
                get_path="-",
                get_color=HATCH_COLOR,
                width_units="'pixels'",
                get_width=1.3,
            )
        )
    pfc = province_features(provinces_geo, border_notes, armed_groups, region, tr)
    if toggles.provinces:
        layers.append(
            _area_layer(
                "provinces", pfc, view["zoom"], "properties.line", "properties.line_width", 90
            )
        )
    bfc = border_features(borders_geo, border_notes, armed_groups, tr)
    if toggles.borders:
        layers.append(
            pdk.Layer(
                "GeoJsonLayer",
                data=shipped_features(bfc, SHIPPED_PROPERTIES["borders"]),
                id=LAYER_IDS["borders"],
                pickable=True,
                stroked=True,
                filled=False,
                get_line_color=BORDER_COLOR,
                line_width_units="'pixels'",
                get_line_width=7,
                line_cap_rounded=True,
                line_joint_rounded=True,
                auto_highlight=True,
                highlight_color=[255, 255, 255, 120],
            )
        )
    markers = incident_markers(incidents, armed_groups, tr=tr)
    if toggles.incidents:
        layers.append(
            pdk.Layer(
                "ScatterplotLayer",
                id=LAYER_IDS["incidents"],
                pickable=True,
                data=[{k: m[k] for k in SHIPPED_PROPERTIES["incidents"]} for m in markers],
                get_position="position",
                radius_units="'pixels'",
                get_radius=9,
                stroked=True,
                filled=True,
                get_fill_color="fill",
                get_line_color="line",
                line_width_units="'pixels'",
                get_line_width=3.5,
                auto_highlight=True,
                highlight_color=[230, 159, 0, 255],
            )
        )

    if labels:
        items = label_items(cfc, pfc, bfc, markers, toggles, focus)
        placed = place_labels(items, view, *size, markers if toggles.incidents else [])
        for group, px, weight in (
            ("country", 16, "bold"),
            ("province", 14, "bold"),
            ("border", 14, "normal"),
            ("incident", 14, "normal"),
        ):
            data = [
                {"position": i["position"], "text": i["text"], "offset": i["offset"]}
                for i in placed
                if i["group"] == group
            ]
            if getattr(
                toggles,
                {
                    "country": "countries",
                    "province": "provinces",
                    "border": "borders",
                    "incident": "incidents",
                }[group],
            ):
                layers.append(
                    _text_layer(
                        LAYER_IDS[f"{group}_labels"],
                        data,
                        px,
                        font_weight=weight,
                        background=LABEL_BACKGROUND[group],
                    )
                )

    return CompactDeck(
        layers=layers,
        initial_view_state=pdk.ViewState(**view, pitch=0, bearing=0),
        map_provider=None,
        tooltip=tooltip_spec(),
    )


# ----------------------------------------------------------------------------- legend


LEGEND_LABELS = {
    "no_score": NO_SCORE,
    "risk_province": RISK_PROVINCE,
    "other_province": N_("Other northern province"),
    "border": N_("Border with notes"),
    "incident": N_("Incident (named place)"),
    "incident_approx": N_("Incident, approx. place"),
}
LEGEND_HEADS = {"score": N_("GTI 2023 score (out of 10)"), "map": ON_THE_MAP}


def legend_rows(gti: pd.DataFrame, countries_geo: dict, tr: Translator = ENGLISH) -> pd.DataFrame:
    """One row per legend entry: the distinct Table 1 scores, 'no score', map symbols."""
    top = scale_top(gti)
    rows = []
    for value in sorted(set(gti["score_2023"])):
        rows.append(
            {
                "section": "score",
                "symbol": "swatch",
                "color": hex_color(score_color(value, top)),
                "label": score(value, tr),
            }
        )
    rows.append(
        {
            "section": "score",
            "symbol": "hatch",
            "color": hex_color(NO_SCORE_FILL),
            "label": tr._(LEGEND_LABELS["no_score"]),
        }
    )
    rows += [
        {
            "section": "map",
            "symbol": "swatch",
            "color": hex_color(RISK_PROVINCE_FILL),
            "label": tr._(LEGEND_LABELS["risk_province"]),
        },
        {
            "section": "map",
            "symbol": "outline",
            "color": "#ffffff",
            "label": tr._(LEGEND_LABELS["other_province"]),
        },
        {
            "section": "map",
            "symbol": "line",
            "color": hex_color(BORDER_COLOR),
            "label": tr._(LEGEND_LABELS["border"]),
        },
        {
            "section": "map",
            "symbol": "dot",
            "color": "#000000",
            "label": tr._(LEGEND_LABELS["incident"]),
        },
        {
            "section": "map",
            "symbol": "ring",
            "color": "#ffffff",
            "label": tr._(LEGEND_LABELS["incident_approx"]),
        },
    ]
    return pd.DataFrame(rows)


def _hatch_swatch(
    boxes: list[tuple[float, float]], sw: int, half: int = 9, step: int = 6
) -> list[tuple]:
    """Diagonal rules clipped to a sw x 2*half swatch at each (left x, centre y)."""
    out = []
    for xl, yc in boxes:
        for a in range(-2 * half, sw, step):
            x0, x1 = max(a, 0), min(a + 2 * half, sw)
            if x1 > x0:
                out.append((xl + x0, yc - half + (x0 - a), xl + x1, yc - half + (x1 - a)))
    return out


def legend_layout(
    rows: pd.DataFrame,
    width: int,
    score_cols: int,
    map_cols: int,
    row_h: int = 28,
    tr: Translator = ENGLISH,
) -> tuple[pd.DataFrame, list[dict], int]:
    """Grid positions (x = swatch's left edge, y = row centre) for the legend entries."""
    heads, items, y = [], [], 0
    for section, ncols in (("score", score_cols), ("map", map_cols)):
        title = tr._(LEGEND_HEADS[section])
        heads.append({"x": 0, "y": y + row_h / 2, "text": title})
        y += row_h
        sub = rows[rows["section"] == section].reset_index(drop=True)
        for i, r in sub.iterrows():
            items.append(
                {
                    **r.to_dict(),
                    "x": (i % ncols) * width / ncols,
                    "y": y + (i // ncols) * row_h + row_h / 2,
                }
            )
        y += -(-len(sub) // ncols) * row_h + 6
    return pd.DataFrame(items), heads, y


def legend_chart(
    gti: pd.DataFrame,
    countries_geo: dict,
    width: int = 250,
    score_cols: int = 3,
    map_cols: int = 1,
    tr: Translator = ENGLISH,
) -> alt.LayerChart:
    """The legend as a small Altair chart (readable without hovering, offline).

    0.000 and 'no score' sit side by side with different swatches: a colour of the scale
    versus grey hatching. Every layer reads one shared table (filtered by `symbol`), so the
    spec carries one dataset: Streamlit converts each dataset to Arrow on every rerun."""
    rows = legend_rows(gti, countries_geo, tr)
    df, heads, height = legend_layout(rows, width, score_cols, map_cols, tr=tr)
    sw = 26
    xs = alt.Scale(domain=[0, width], nice=False, zero=True)
    ys = alt.Scale(domain=[height, 0], nice=False, zero=False)
    X = alt.X("x:Q", scale=xs, axis=None)
    Y = alt.Y("y:Q", scale=ys, axis=None)
    df = df.assign(x2=df.x + sw, y0=df.y - 9, y2=df.y + 9, xm=df.x + sw / 2, xt=df.x + sw + 8)
    item_symbols = sorted(set(df.symbol))
    hatch = pd.DataFrame(
        _hatch_swatch(
            list(zip(df[df.symbol == "hatch"].x, df[df.symbol == "hatch"].y, strict=True)), sw
        ),
        columns=["x", "y", "x2", "y2"],
    ).assign(symbol="hatch_rule")
    heads = pd.DataFrame(heads).rename(columns={"text": "label"}).assign(symbol="head")
    table = pd.concat([df, hatch, heads], ignore_index=True)

    def only(*symbols: str) -> alt.FieldOneOfPredicate:
        return alt.FieldOneOfPredicate(field="symbol", oneOf=list(symbols))

    def rects(symbols: list[str], stroke_width: float) -> alt.Chart:
        return (
            alt.Chart()
            .mark_rect(stroke="#444444", strokeWidth=stroke_width)
            .encode(
                x=X,
                x2="x2:Q",
                y=alt.Y("y0:Q", scale=ys, axis=None),
                y2="y2:Q",
                color=alt.Color("color:N", scale=None),
            )
            .transform_filter(only(*symbols))
        )

    layers = [
        rects(["swatch", "hatch"], 1),
        rects(["outline"], 1.5),
        alt.Chart()
        .mark_rule(color=hex_color(HATCH_COLOR), strokeWidth=1.3)
        .encode(x=X, x2="x2:Q", y=Y, y2="y2:Q")
        .transform_filter(only("hatch_rule")),
        alt.Chart()
        .mark_rule(color=hex_color(BORDER_COLOR), strokeWidth=7, strokeCap="round")
        .encode(x=X, x2="x2:Q", y=Y)
        .transform_filter(only("line")),
        alt.Chart()
        .mark_point(shape="circle", size=230, strokeWidth=3.5, opacity=1, filled=True)
        .encode(
            x=alt.X("xm:Q", scale=xs, axis=None),
            y=Y,
            fill=alt.Color("color:N", scale=None),
            stroke=alt.condition(
                "datum.symbol == 'ring'", alt.value("#000000"), alt.value("#ffffff")
            ),
        )
        .transform_filter(only("dot", "ring")),
        alt.Chart()
        .mark_text(align="left", baseline="middle", fontSize=15, color="#111111")
        .encode(
            x=alt.X("xt:Q", scale=xs, axis=None),
            y=Y,
            text="label:N",
        )
        .transform_filter(only(*item_symbols)),
        alt.Chart()
        .mark_text(align="left", baseline="middle", fontWeight="bold", fontSize=16, color="#111111")
        .encode(x=X, y=Y, text="label:N")
        .transform_filter(only("head")),
    ]
    return (
        alt.layer(*layers, data=table)
        .properties(width=width, height=height)
        # .configure() replaces the whole config, so it comes before configure_view
        .configure(padding={"left": 2, "right": 2, "top": 2, "bottom": 2}, locale=tr.vega_locale())
        .configure_view(strokeWidth=0)
    )


# ----------------------------------------------------------------------------- side panel


def border_note_items(
    notes: pd.DataFrame, armed_groups: pd.DataFrame, incidents: pd.DataFrame
) -> list[dict]:
    """Border notes as readable records for the side panel (plain text; the page escapes)."""
    titles = dict(zip(incidents["id"], incidents["title"], strict=True))
    order = {"province": 1, "segment": 0}
    out = []
    for _, n in sorted(notes.iterrows(), key=lambda kv: (order.get(kv[1]["kind"], 2), kv[0])):
        out.append(
            {
                "id": n["id"],
                "kind": n["kind"],
                "geo_id": n["geo_id"],
                "title": n["title"],
                "terrain": n["terrain"],
                "terrain_described": terrain_described(n["terrain"], n.get("terrain_described")),
                "risk": n["risk_note"],
                "measures": n["measures"],
                "groups": group_names(n["groups"], armed_groups),
                "groups_note": n["groups_note"],
                "incidents": [titles.get(i, i) for i in _seq(n["incidents"])],
                "footnotes": [int(x) for x in _seq(n["footnotes"])],
                "flag": n["flag"] if isinstance(n["flag"], str) else None,
                "flag_note": n["flag_note"] if isinstance(n["flag_note"], str) else None,
            }
        )
    return out


def country_summary(
    iso3: str,
    countries: pd.DataFrame,
    gti: pd.DataFrame,
    notes: pd.DataFrame,
    initiatives: pd.DataFrame,
    incidents: pd.DataFrame,
    tr: Translator = ENGLISH,
) -> dict | None:
    """What the page shows under the map for a selected country."""
    c = countries[countries["iso3"] == iso3]
    if c.empty:
        return None
    c = c.iloc[0]
    g = gti[gti["iso3"] == iso3]
    out = {
        "iso3": iso3,
        "name": c["name"],
        "has_score": not g.empty,
        "source": gti_source(gti, tr),
        "n_table1": len(gti),
        "notes": [
            t for t, ns in zip(notes["title"], notes["neighbours"], strict=True) if iso3 in _seq(ns)
        ],
        "n_initiatives": int(initiatives["countries"].map(lambda cs: iso3 in _seq(cs)).sum()),
        "n_incidents": int((incidents["country"] == iso3).sum()),
        "central_asia": bool(c["central_asia"]) if not pd.isna(c["central_asia"]) else False,
    }
    if not g.empty:
        r = g.iloc[0]
        out.update(
            score=score(r["score_2023"], tr),
            change_2013=change(r["change_2013_2023"], tr),
            change_2022=change(r["change_2022_2023"], tr),
            flag_note=gti_flag_note(r, tr),
            rank=int(r["table_order"]),
        )
    return out


def selected(selection: dict | None) -> tuple[str, object] | None:
    """(kind, key) of the object picked on the map, from st.pydeck_chart's selection."""
    if not selection:
        return None
    objects = selection.get("objects") or {}
    for layer, objs in objects.items():
        if not objs:
            continue
        obj = objs[0] or {}
        props = obj.get("properties", obj) if isinstance(obj, dict) else {}
        if layer == LAYER_IDS["countries"] and props.get("iso3"):
            return "country", props["iso3"]
        if layer in (LAYER_IDS["provinces"], LAYER_IDS["borders"]) and props.get("id"):
            return props.get("kind", "province"), props["id"]
        if layer == LAYER_IDS["incidents"] and obj.get("ids"):
            return "incidents", list(obj["ids"])
    return None


# ----------------------------------------------------------------------------- data table


def data_table(
    countries_geo: dict,
    provinces_geo: dict,
    borders_geo: dict,
    gti: pd.DataFrame,
    countries: pd.DataFrame,
    notes: pd.DataFrame,
    incidents: pd.DataFrame,
    armed_groups: pd.DataFrame,
    tr: Translator = ENGLISH,
) -> pd.DataFrame:
    """Everything drawn on the map, one row per feature, as text (scores with 3 decimals).
    In English the columns keep their identifiers; in another language they are named in
    it (`TABLE_COLUMNS`), as are the layers."""
    rows = []
    by_iso = gti.set_index("iso3")
    names = dict(zip(countries["iso3"], countries["name"], strict=True))
    for f in countries_geo["features"]:
        iso = f["properties"]["iso3"]
        has = iso in by_iso.index
        rows.append(
            {
                "layer": tr._(TABLE_LAYERS["country"]),
                "id": iso,
                "name": names.get(iso) or geo_name(f["properties"]["name"], tr),
                "gti_2023_score": score(by_iso.loc[iso, "score_2023"], tr)
                if has
                else tr._(NO_SCORE_IN_SOURCE),
                "date": "",
                "location": "",
                "note": _text(gti_flag_note(by_iso.loc[iso], tr)) if has else "",
                "flag": "",
                "source": gti_source(gti, tr) if has else "",
            }
        )
    by_geo = notes.set_index("geo_id")
    for kind, geo, key in (("province", provinces_geo, "id"), ("border", borders_geo, "id")):
        for f in geo["features"]:
            gid = f["properties"][key]
            has = gid in by_geo.index
            n = by_geo.loc[gid] if has else None
            rows.append(
                {
                    "layer": tr._(TABLE_LAYERS[kind]),
                    "id": gid,
                    "name": n["title"] if has else geo_name(f["properties"]["name"], tr),
                    "gti_2023_score": "",
                    "date": "",
                    "location": "",
                    "note": tr._("Risk: {risk} Terrain: {terrain}. Measures: {measures}").format(
                        risk=n["risk_note"], terrain=n["terrain"], measures=n["measures"]
                    )
                    if has
                    else tr._("no risk note in the paper"),
                    "flag": _text(n["flag_note"]) if has else "",
                    "source": footnote_label(_seq(n["footnotes"]), tr) if has else "",
                }
            )
    for _, r in incidents.iterrows():
        rows.append(
            {
                "layer": tr._(TABLE_LAYERS["incident"]),
                "id": r["id"],
                "name": r["title"],
                "gti_2023_score": "",
                "date": incident_date(r, tr),
                "location": incident_location(r, tr),
                "note": tr._("{summary} Casualties: {casualties}.").format(
                    summary=r["summary"],
                    casualties=_text(r["casualties_text"]) or tr._(NOT_GIVEN),
                ),
                "flag": "",
                "source": footnote_label(_seq(r["footnotes"]), tr),
            }
        )
    table = pd.DataFrame(rows)
    if tr.lang == ENGLISH.lang:
        return table
    return table.rename(columns={k: tr._(v) for k, v in TABLE_COLUMNS.items()})


TABLE_LAYERS = {
    "country": COUNTRY_NOUN,
    "province": N_("province"),
    "border": N_("border"),
    "incident": N_("incident"),
}
# The data table's columns named for a reader (English keeps the identifiers).
TABLE_COLUMNS = {
    "layer": N_("Layer"),
    "id": N_("Code"),
    "name": N_("Name"),
    "gti_2023_score": GTI_2023_SCORE,
    "date": N_("Date"),
    "location": N_("Place"),
    "note": NOTE,
    "flag": FLAG_HEADING,
    "source": SOURCE,
}
