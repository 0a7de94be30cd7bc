"""Everything the Map page shows for one layer choice and framing, built in one pure function.

`build(inp, toggles, framing)` returns a `MapView`: the deck (serialised once), the legend
as a Vega-Lite dict, the border notes with their risk notes, flags and footnotes, what a
click on any object shows under the map (a `Panel` per country, province, border segment
and incident, with the country view's link target), captions, the data table and its CSV.
Every sentence is made here as escaped Markdown; the page only places it. Nothing here
calls Streamlit or reads a file (`Inputs.from_data()` takes every table from
components.data); the deck itself is drawn by components.map_deck.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

import pandas as pd

from components import country_view as cv
from components import data
from components import map_deck as md
from components.geometry import bbox, label_point, polygons
from components.i18n import ENGLISH, Translator
from components.layout import DataTable, Link
from components.text import (
    aside_md,
    flag_md,
    footnote_links_md,
    join_list,
    md_escape,
    md_escape_frame,
    table_label,
)
from components.vocab import (
    AFGHAN_BORDER_CLOSE_UP,
    AFGHANISTAN,
    FLAG,
    INCIDENTS,
    N_,
    NONE_NAMED,
    NONE_WORD,
    NOT_GIVEN,
    ON_THE_MAP,
    RISK_PROVINCE,
    STATES,
)

# Marked for extraction; translated at use (tr._(TITLE)). The framings are also the
# framing control's option values and its URL value (?map_view=...), so they stay English
# codes and only their labels are translated (`framing_label`).
TITLE = N_("Map: Central Asia and the Afghan border")
REGION = N_("Central Asia")
CLOSE_UP = AFGHAN_BORDER_CLOSE_UP
FRAMINGS = (REGION, CLOSE_UP)
FRAMING_PARTS = {REGION: "region", CLOSE_UP: "border"}  # each framing's slide (`slides`)
DECK_ALT = N_(
    "Map of Central Asia and northern Afghanistan: countries shaded by GTI 2023 score, "
    "Afghan provinces with risk notes, border segments and cited incidents."
)
LAYERS_HEADING = N_("Layers")
LAYER_LABELS = tuple((k, md.LAYER_LABELS[k]) for k in md.LAYER_KEYS)  # (toggle key, label)
DATA_LABEL = N_("Data behind this map")
# a11y (issue 17): where a reader finds the map's figures as text (the map is drawn on canvas);
# {table}: DATA_LABEL in the page's language
TABLE_POINTER = N_(
    "Every country, province, border segment and incident drawn here, with its score or "
    "note as published, is in the table “{table}” below the map."
)
SLIDE_TABLE_LABEL = N_("Data table: everything on this map")
# a11y (issue 17): the legend's accessible name (the legend is a chart of its own);
# {low}, {top}: the colour scale's ends, as the map caption gives them
LEGEND_NAME = N_(
    "Map legend: colours for GTI 2023 scores from {low} to {top}, grey hatching for no "
    "score, and the symbols for Afghan provinces, border segments and incidents"
)
HINT = N_(
    "Click a country, an Afghan province, a border segment or an incident marker to show "
    "its details here. Click the sea or empty space to clear."
)


FRAMING_PARAM = "map_view"  # the URL parameter (and widget key) of the framing


def read_framing(raw: object) -> str | None:
    """The framing a URL value names (a code, the same in every language), or None."""
    return raw if isinstance(raw, str) and raw in FRAMINGS else None


def framing_notice(raw: str, tr: Translator = ENGLISH) -> str:
    """What a link's unusable ``map_view`` value became (escaped Markdown)."""
    msg = tr._(
        "The map view {value} in this link is not one of the page's views; the region is shown."
    )
    return msg.format(value=md_escape(repr(raw[:24])))


def framing_label(framing: str, tr: Translator = ENGLISH) -> str:
    """The framing control's label for an option value (a code: REGION or CLOSE_UP)."""
    return tr._(framing)


def layers_heading(tr: Translator = ENGLISH) -> str:
    return "##### " + tr._(LAYERS_HEADING)


def layer_labels(tr: Translator = ENGLISH) -> tuple[tuple[str, str], ...]:
    """(toggle key, label) of each layer toggle, in the translator's language."""
    return tuple((k, tr._(label)) for k, label in LAYER_LABELS)


@dataclass(frozen=True)
class Inputs:
    """Every table and boundary file the map needs (from components.data)."""

    geo_countries: dict
    geo_provinces: dict
    geo_borders: dict
    gti: pd.DataFrame
    countries: pd.DataFrame
    border_notes: pd.DataFrame
    incidents: pd.DataFrame
    armed_groups: pd.DataFrame
    initiatives: pd.DataFrame
    sources: pd.DataFrame
    focus: tuple[str, ...] = STATES
    gti_range: tuple[float, float] = data.GTI_RANGE

    @classmethod
    def from_data(cls, lang: str = "en") -> Inputs:
        """The tables in `lang` (curated text translated by components.data). Whether a
        border note describes its terrain is read from the English text, the one the
        curators wrote "not described in the paper" in."""
        notes = data.border_notes(lang)
        english = data.border_notes().set_index("id")["terrain"]
        described = notes["id"].map(lambda i: md.terrain_described(english[i]))
        return cls(
            geo_countries=data.geo("geo_countries"),
            geo_provinces=data.geo("geo_provinces"),
            geo_borders=data.geo("geo_borders"),
            gti=data.gti_countries(lang),
            countries=data.countries(lang),
            border_notes=notes.assign(terrain_described=described),
            incidents=data.incidents(lang),
            armed_groups=data.armed_groups(lang),
            initiatives=data.initiatives(lang),
            sources=data.sources(lang),
        )

    def drawn(self) -> tuple:
        """The boundaries and tables the map draws, in `map_deck.build_deck`'s (and
        `map_deck.data_table`'s) argument order."""
        return (
            self.geo_countries,
            self.geo_provinces,
            self.geo_borders,
            self.gti,
            self.countries,
            self.border_notes,
            self.incidents,
            self.armed_groups,
        )


@dataclass(frozen=True)
class Panel:
    """One object's details: a border note in the side panel, or what a click shows.

    Rendered in this order: heading (a subheader, escaped), lead, flag (a warning), body,
    link. Any part may be empty."""

    heading: str = ""
    lead_md: str = ""
    flag_md: str = ""
    body_md: str = ""
    link: Link | None = None


@dataclass(frozen=True)
class MapView:
    title: str
    intro: str  # the caption under the title (hidden in briefing mode)
    framings: tuple[str, ...]  # the choices of the framing control
    framing: str  # the one this view is drawn for
    views: Mapping[str, dict]  # framing -> deck.gl view state (the close-up included)
    deck: md.CompactDeck  # serialised once; treat as frozen
    deck_alt: str
    height: int
    legend: dict  # Vega-Lite spec
    layers_heading: str
    layer_labels: tuple[tuple[str, str], ...]  # (toggle key, label)
    map_caption: str
    hint: str  # shown under the map while nothing is selected
    notes_heading: str
    notes: tuple[Panel, ...]  # every border note, segments first
    details: Mapping[tuple[str, str], Panel]  # (kind, id) -> what a click on it shows
    data_label: str
    table: pd.DataFrame
    csv: bytes
    csv_label: str
    csv_name: str

    @property
    def deck_json(self) -> str:
        return self.deck.to_json()

    def selection(self, picked: tuple[str, object] | None) -> tuple[Panel, ...]:
        """What the page shows under the map for a pick from `map_deck.selected`."""
        if picked is None:
            return ()
        kind, key = picked
        if kind == "incidents":  # a marker can stand for several incidents
            ids = set(key)
            return tuple(p for (k, i), p in self.details.items() if k == "incident" and i in ids)
        panel = self.details.get((kind, key))
        return (panel,) if panel else ()


# ------------------------------------------------------------------------------ panels

FOOTNOTES_LINE = N_("- **Footnotes:** {links}")  # a panel's last line: its footnotes, linked


def note_panel(item: dict, sources: pd.DataFrame, tr: Translator = ENGLISH) -> Panel:
    """One border note (from map_deck.border_note_items), every data string escaped."""
    flag = flag_md(item["flag"], item["flag_note"], tr) if item["flag"] else ""
    groups = ", ".join(item["groups"]) or tr._(NONE_NAMED)
    lines = [
        tr._("- **Risk:** {text}").format(text=md_escape(item["risk"])),
        tr._("- **Terrain:** {text}").format(text=md_escape(item["terrain"])),
        tr._("- **Groups:** {groups}. *{note}*").format(
            groups=md_escape(groups), note=md_escape(item["groups_note"])
        ),
        tr._("- **What the neighbour does:** {text}").format(text=md_escape(item["measures"])),
    ]
    if item["incidents"]:
        lines.append(
            tr._("- **Incidents:** {text}").format(text=md_escape("; ".join(item["incidents"])))
        )
    lines.append(tr._(FOOTNOTES_LINE).format(links=footnote_links_md(item["footnotes"], sources)))
    return Panel(lead_md=f"**{md_escape(item['title'])}**", flag_md=flag, body_md="\n".join(lines))


def country_panel(summary: dict, tr: Translator = ENGLISH) -> Panel:
    """A country of the paper (from map_deck.country_summary): score or its absence,
    notes and counts, and the link to its country view."""
    name = md_escape(summary["name"])
    n_table1 = summary["n_table1"]
    if summary["has_score"]:
        lead = tr._(
            "**GTI 2023 score: {score}** (out of 10; row {rank} of {n} in Table 1). "
            "Change 2013-2023: {change_2013}; change 2022-2023: {change_2022}."
            "  \nSource: {source}."
        ).format(
            score=summary["score"],
            rank=tr.integer(summary["rank"]),
            n=tr.integer(n_table1),
            change_2013=summary["change_2013"],
            change_2022=summary["change_2022"],
            source=md_escape(summary["source"]),
        )
        flag = md_escape(summary["flag_note"]) if summary["flag_note"] else ""
    else:
        lead = tr.n_(
            "**No GTI score in the source.** Table 1 lists {n} country and {name} is not "
            "among them: its shading means 'not reported', not zero.",
            "**No GTI score in the source.** Table 1 lists {n} countries and {name} is not "
            "among them: its shading means 'not reported', not zero.",
            n_table1,
        ).format(n=tr.integer(n_table1), name=name)
        flag = ""
    notes = "; ".join(summary["notes"]) or tr._(NONE_WORD)
    body = "\n".join(
        (
            tr._("- Border notes about {name}: {notes}").format(name=name, notes=md_escape(notes)),
            tr._("- Initiatives in the paper involving {name}: **{n}**").format(
                name=name, n=tr.integer(summary["n_initiatives"])
            ),
            tr._("- Incidents the paper cites in {name}: **{n}**").format(
                name=name, n=tr.integer(summary["n_incidents"])
            ),
        )
    )
    return Panel(
        heading=name,
        lead_md=lead,
        flag_md=flag,
        body_md=body,
        link=Link(
            tr._("Open the country view for {name}").format(name=summary["name"]),
            "pages/countries.py",
            (("country", summary["iso3"]),),
        ),
    )


def incident_panel(r: pd.Series, sources: pd.DataFrame, tr: Translator = ENGLISH) -> Panel:
    lines = (
        f"**{md_escape(r['title'])}**",
        tr._("- **Date:** {text}").format(text=md_escape(md.incident_date(r, tr))),
        tr._("- **Place:** {text}").format(text=md_escape(md.incident_location(r, tr))),
        tr._("- **What happened:** {text}").format(text=md_escape(r["summary"])),
        tr._("- **Casualties:** {text}").format(
            text=md_escape(r["casualties_text"] or tr._(NOT_GIVEN))
        ),
        tr._(FOOTNOTES_LINE).format(links=footnote_links_md(r["footnotes"], sources)),
    )
    return Panel(lead_md="\n".join(lines))


def detail_panels(
    inp: Inputs, note_items: Sequence[dict], notes: Sequence[Panel], tr: Translator = ENGLISH
) -> dict[tuple[str, str], Panel]:
    """What a click on each object of the map shows, keyed as map_deck.selected names it."""
    out: dict[tuple[str, str], Panel] = {}
    for f in inp.geo_countries["features"]:
        iso, name = f["properties"]["iso3"], md.geo_name(f["properties"]["name"], tr)
        summary = md.country_summary(
            iso, inp.countries, inp.gti, inp.border_notes, inp.initiatives, inp.incidents, tr
        )
        out[("country", iso)] = (
            country_panel(summary, tr)
            if summary
            else Panel(
                heading=md_escape(name),
                lead_md=tr._(
                    "Shown for context only: the paper gives no GTI score and no country "
                    "data for it."
                ),
            )
        )
    by_geo = {i["geo_id"]: p for i, p in zip(note_items, notes, strict=True)}
    for kind, fc in (("province", inp.geo_provinces), ("border", inp.geo_borders)):
        for f in fc["features"]:
            gid = f["properties"]["id"]
            if gid in by_geo:
                out[(kind, gid)] = by_geo[gid]
            elif kind == "province":
                name = md.geo_name(f["properties"].get("name") or gid, tr)
                out[(kind, gid)] = Panel(
                    lead_md=tr._("**{name}**: the paper has no risk note on this province.").format(
                        name=md_escape(name)
                    )
                )
    for _, r in inp.incidents.iterrows():
        out[("incident", r["id"])] = incident_panel(r, inp.sources, tr)
    return out


# ------------------------------------------------------------------------------ build


def views(inp: Inputs) -> dict[str, dict]:
    """framing -> deck.gl view state: the region, and the close-up on the Afghan border."""
    return {
        REGION: md.view_for(inp.geo_countries, inp.geo_provinces, inp.focus),
        CLOSE_UP: md.border_view(inp.geo_provinces, inp.geo_borders),
    }


def map_caption(gti: pd.DataFrame, gti_range: tuple[float, float], tr: Translator = ENGLISH) -> str:
    lo, hi = gti_range
    caption = tr._(
        "Scores: {source}; colours run from {low} to the highest score in Table 1 ({top}) "
        "on a GTI scale of {scale}. Grey hatching: no score in the source, never zero. "
        "Hover for notes, click for details. Boundaries: Natural Earth, simplified; not "
        "authoritative."
    ).format(
        source=md_escape(md.gti_source(gti, tr)),
        low=md.score(lo, tr),
        top=md.score(md.scale_top(gti), tr),
        scale=f"{tr.decimal(lo, 0)}-{tr.decimal(hi, 0)}",
    )
    return f"{caption} {tr._(TABLE_POINTER).format(table=tr._(DATA_LABEL))}"


def border_count(countries: pd.DataFrame, focus: Sequence[str], tr: Translator = ENGLISH) -> str:
    """'3 of the 5 Central Asian states border Afghanistan' (no full stop)."""
    ca = countries.set_index("iso3").reindex(list(focus))
    n_border = int(ca["borders_afghanistan"].fillna(False).astype(bool).sum())
    return tr.n_(
        "{n} of the {total} Central Asian states borders Afghanistan",
        "{n} of the {total} Central Asian states border Afghanistan",
        n_border,
    ).format(n=tr.integer(n_border), total=tr.integer(len(ca)))


def intro(countries: pd.DataFrame, focus: Sequence[str], tr: Translator = ENGLISH) -> str:
    return tr._(
        "{border_count}. Countries are shaded by GTI 2023 score; Afghan provinces and border "
        "segments carry the paper's risk notes."
    ).format(border_count=border_count(countries, focus, tr))


ALL_LAYERS = md.Toggles()


def legend(inp: Inputs, tr: Translator = ENGLISH) -> dict:
    """The map's legend (map_deck.legend_chart) as a Vega-Lite dict, with its accessible
    name: what it keys, in the page's language."""
    spec = md.legend_chart(inp.gti, inp.geo_countries, tr=tr).to_dict()
    spec["description"] = tr._(LEGEND_NAME).format(
        low=md.score(inp.gti_range[0], tr), top=md.score(md.scale_top(inp.gti), tr)
    )
    return spec


def _features_table(inp: Inputs, tr: Translator = ENGLISH) -> pd.DataFrame:
    """Every drawn feature as a table (`map_deck.data_table`): the map's text alternative."""
    return md.data_table(*inp.drawn(), tr)


def build(
    inp: Inputs, toggles: md.Toggles = ALL_LAYERS, framing: str = REGION, tr: Translator = ENGLISH
) -> MapView:
    """The whole page for one layer choice and framing (an unknown framing is the region)."""
    framing = framing if framing in FRAMINGS else REGION
    all_views = views(inp)
    deck = md.build_deck(
        *inp.drawn(),
        toggles,
        focus=inp.focus,
        view=all_views[framing],
        tr=tr,
    )
    deck.to_json()  # serialise once, here: the cached view is shared
    items = md.border_note_items(inp.border_notes, inp.armed_groups, inp.incidents)
    notes = tuple(note_panel(i, inp.sources, tr) for i in items)
    table = _features_table(inp, tr)
    return MapView(
        title=tr._(TITLE),
        intro=intro(inp.countries, inp.focus, tr),
        framings=FRAMINGS,
        framing=framing,
        views=MappingProxyType(all_views),
        deck=deck,
        deck_alt=tr._(DECK_ALT),
        height=md.MAP_HEIGHT,
        legend=legend(inp, tr),
        layers_heading=layers_heading(tr),
        layer_labels=layer_labels(tr),
        map_caption=map_caption(inp.gti, inp.gti_range, tr),
        hint=tr._(HINT),
        notes_heading="##### " + tr._("Border notes (all of them: no hovering needed)"),
        notes=notes,
        details=MappingProxyType(detail_panels(inp, items, notes, tr)),
        data_label=tr._(DATA_LABEL),
        table=table,
        csv=table.to_csv(index=False).encode("utf-8"),
        csv_label=tr._("Download as CSV"),
        csv_name="map_data.csv",
    )


# ------------------------------------------------------------------- briefing slides (issue 15)
# The slides draw the map with Vega-Lite geoshape (not deck.gl) so that they print in the
# handout and need no hover: every shape that matters is labelled on the map, the key is a
# legend, and the risk notes are written beside the map.

SLIDE_MAP_HEIGHT = 800  # px at 1080p
SLIDE_FONT = 20  # map labels (the slide minimum is 18)
# The slide legends' entries (translated at use: each is also its legend's domain value)
NO_SCORE_KEY = N_("No GTI score (hatched): not zero")
RISK_PROVINCE_KEY = RISK_PROVINCE
SEGMENT_KEY = N_("Afghan border segment")
POINT_KEYS = (N_("Incident at a named place"), N_("Incident, approximate place"))
HATCH_DEG = {"region": 0.8, "border": 0.3}  # hatch spacing: about 20 px on either map
SLIDE_BOUNDARIES = N_("boundaries: Natural Earth, simplified, not authoritative")
# a11y (issue 17): each slide map's accessible name (components/chart_a11y.py)
SLIDE_MAP_NAMES = {
    "region": N_(
        "Map of Central Asia and northern Afghanistan: countries shaded by GTI 2023 score, "
        "no score hatched, Afghan provinces with risk notes, border segments and incidents"
    ),
    "border": N_(
        "Close-up map of the Afghan border: the northern Afghan provinces with risk notes, "
        "the border segments and the incidents, lettered as in the list beside it"
    ),
}


def _d3_polygon(geometry: dict) -> dict:
    """A province polygon simplified like the mini map's countries and wound for d3."""
    parts = []
    for poly in polygons(geometry):
        kept = [cv.simplify_ring(r, cv.MAP_TOLERANCE / 2, cv.MAP_DECIMALS) for r in poly]
        if kept[0] is not None:
            parts.append([r for r in kept if r is not None])
    return cv.rewind_for_d3(
        {"type": "Polygon", "coordinates": parts[0]}
        if len(parts) == 1
        else {"type": "MultiPolygon", "coordinates": parts}
    )


def _feature(geometry: dict, **props: object) -> dict:
    return {"type": "Feature", "geometry": geometry, "properties": props}


def _fit(bounds: tuple[float, float, float, float]) -> dict:
    west, south, east, north = bounds
    corners = [[west, south], [east, south], [east, north], [west, north]]
    return _feature({"type": "MultiPoint", "coordinates": corners})


def _close_up_bounds(inp: Inputs) -> tuple[float, float, float, float]:
    """The border segments and the provinces with risk notes, with room for their labels."""
    noted = set(inp.border_notes["geo_id"])
    geoms = [f["geometry"] for f in inp.geo_provinces["features"] if f["properties"]["id"] in noted]
    geoms += [f["geometry"] for f in inp.geo_borders["features"]]
    west, south, east, north = bbox(geoms)
    return (west - 0.5, south - 0.6, east + 0.3, north + 1.2)


# The region slide frames the five states' south (Kazakhstan's steppe would take half the
# map) and the northern Afghan provinces: (west, south, east, north) in degrees.
REGION_SLIDE_BOUNDS = (50.0, 31.0, 82.0, 47.5)
# Where a map label sits relative to its anchor, in degrees: border segment names under
# their line; province names low in their outline.
SEGMENT_LABEL_DLAT = {"region": -0.7, "border": -0.25}
PROVINCE_LABEL_DLAT = -0.35
LABEL_SHIFT = {  # clear of the legends (which run wider in Russian)
    ("region", AFGHANISTAN): (-2.5, 0.6),
    ("border", AFGHANISTAN): (-1.8, 0.0),
}


def _label_sides(points: list[dict], others: list[dict]) -> None:
    """Write a marker's label on its left when something sits just east of it."""
    for p in points:
        p["left"] = any(
            0 < o["lon"] - p["lon"] < 5.5 and abs(o["lat"] - p["lat"]) < 0.8
            for o in (*points, *others)
            if o is not p
        )


def marker_letters(markers: Sequence[dict]) -> list[str]:
    return [chr(ord("A") + i) for i in range(len(markers))]


def slide_geometry() -> cv.MapGeometry:
    """The mini map's geometry (the country view's), which the slides' maps also draw."""
    return cv.map_geometry(data.geo("geo_countries"), data.geo("geo_borders"))


def static_map(
    inp: Inputs,
    geometry: cv.MapGeometry,
    part: str,
    *,
    height: int = SLIDE_MAP_HEIGHT,
    font_size: int = SLIDE_FONT,
    tr: Translator = ENGLISH,
) -> dict:
    """The region ("region") or the Afghan-border close-up ("border") as a Vega-Lite spec:
    countries shaded by GTI 2023 score with a legend, no score hatched, the provinces with
    risk notes and the border segments drawn and labelled, incidents as lettered markers."""
    import altair as alt

    no_score_key, risk_province_key, segment_key = (
        tr._(k) for k in (NO_SCORE_KEY, RISK_PROVINCE_KEY, SEGMENT_KEY)
    )
    point_keys = tuple(tr._(k) for k in POINT_KEYS)
    no_score = tr._("(no score)")
    close_up = part == "border"
    bounds = _close_up_bounds(inp) if close_up else REGION_SLIDE_BOUNDS
    top = md.scale_top(inp.gti)
    scores = dict(zip(inp.gti["iso3"], inp.gti["score_2023"], strict=True))
    names = dict(zip(inp.countries["iso3"], inp.countries["name"], strict=True))
    countries, hatch, labels = [], [], []
    for f in geometry.countries:
        iso = f["properties"]["iso3"]
        value = scores.get(iso)
        countries.append(_feature(f["geometry"], iso3=iso, score=value))
        if value is None:
            segs = md.hatch_paths(f["geometry"], HATCH_DEG[part])
            if segs:
                hatch.append(
                    _feature({"type": "MultiLineString", "coordinates": segs}, key=no_score_key)
                )
    for iso in (*inp.focus, AFGHANISTAN):
        if iso in geometry.labels and not (close_up and iso != AFGHANISTAN):
            lon, lat = geometry.beside.get(iso) or geometry.labels[iso]
            dlon, dlat = LABEL_SHIFT.get((part, iso), (0.0, 0.0))
            lon, lat = lon + dlon, lat + dlat
            value = scores.get(iso)
            text = f"{names.get(iso, iso)} {md.score(value, tr) if value is not None else no_score}"
            labels.append({"lon": lon, "lat": lat, "text": text, "left": iso in geometry.beside})
    if close_up:  # the neighbours' names, placed in the frame above the border
        for iso, lat in (("TKM", 38.2), ("UZB", 39.0), ("TJK", 38.9)):
            lon = {"TKM": 63.2, "UZB": 66.2, "TJK": 70.4}[iso]
            value = scores.get(iso)
            text = f"{names.get(iso, iso)} {md.score(value, tr) if value is not None else no_score}"
            labels.append({"lon": lon, "lat": lat, "text": text, "left": False})
    noted = set(inp.border_notes["geo_id"])
    provinces = [
        _feature(_d3_polygon(f["geometry"]), key=risk_province_key, name=f["properties"]["name"])
        for f in inp.geo_provinces["features"]
        if f["properties"]["id"] in noted
    ]
    titles = dict(zip(inp.border_notes["geo_id"], inp.border_notes["title"], strict=True))
    named = [f for f in inp.geo_provinces["features"] if f["properties"]["id"] in noted]
    if close_up:
        for f in named:
            lon, lat = label_point(f["geometry"])
            labels.append(
                {
                    "lon": lon,
                    "lat": lat + PROVINCE_LABEL_DLAT,
                    "text": md.geo_name(f["properties"]["name"], tr),
                    "left": False,
                }
            )
    elif named:  # too small to name one by one on the region map: named together, below
        points_ = [label_point(f["geometry"]) for f in named]
        labels.append(
            {
                "lon": max(p[0] for p in points_),
                "lat": min(p[1] for p in points_) - 1.9,
                "left": False,
                "text": join_list([md.geo_name(f["properties"]["name"], tr) for f in named], tr),
            }
        )
    borders, border_labels = [], []
    for f in geometry.borders:
        gid = f["properties"]["id"]
        borders.append(_feature(f["geometry"], key=segment_key))
        g = f["geometry"]
        line = g["coordinates"] if g["type"] == "LineString" else max(g["coordinates"], key=len)
        lon, lat = line[len(line) // 2]
        border_labels.append(
            {
                "lon": lon,
                "lat": lat + SEGMENT_LABEL_DLAT[part],
                "text": titles.get(gid) or md.geo_name(f["properties"]["name"], tr),
            }
        )
    markers = md.incident_markers(inp.incidents, inp.armed_groups, tr=tr)
    points = [
        {
            "lon": m["position"][0],
            "lat": m["position"][1],
            "key": point_keys[m["approximate"]],
            "text": f"{letter} {m['label']}",
        }
        for letter, m in zip(marker_letters(markers), markers, strict=True)
    ]
    _label_sides(points, labels)
    for p in points:
        p["text"] = f"{p['text'][2:]} {p['text'][0]}" if p["left"] else p["text"]

    def values(rows: list) -> alt.InlineData:
        return alt.InlineData(values=rows)

    stroke_keys = [no_score_key, risk_province_key, segment_key]
    stroke_scale = alt.Scale(
        domain=stroke_keys,
        range=[
            md.hex_color(md.HATCH_COLOR),
            md.hex_color(md.RISK_PROVINCE_LINE),
            md.hex_color(md.BORDER_COLOR),
        ],
    )
    stroke_legend = alt.Legend(
        title=tr._(ON_THE_MAP),
        orient="bottom-right",
        symbolType="stroke",
        symbolStrokeWidth=5,
        labelLimit=420,
    )
    stroke = alt.Stroke("properties.key:N", scale=stroke_scale, legend=stroke_legend)
    steps = [top * i / 4 for i in range(5)]
    colour = alt.Color(
        "properties.score:Q",
        scale=alt.Scale(domain=steps, range=[md.hex_color(md.score_color(s, top)) for s in steps]),
        legend=alt.Legend(
            title=tr._(md.LEGEND_HEADS["score"]),  # as the page's legend says it
            orient="top-left",
            type="symbol",
            symbolType="square",
            format=".3f",
            titleLimit=400,
            values=sorted(set(scores.values())),
        ),
    )
    layers = [
        alt.Chart(values(countries)).mark_geoshape(
            fill=md.hex_color(md.NO_SCORE_FILL), stroke="#ffffff", strokeWidth=1, clip=True
        ),
        alt.Chart(values(countries))
        .mark_geoshape(stroke="#ffffff", strokeWidth=1, clip=True)
        .encode(color=colour)
        .transform_filter("isValid(datum.properties.score)"),
        alt.Chart(values(hatch))
        .mark_geoshape(filled=False, strokeWidth=1.3, clip=True)
        .encode(stroke=stroke),
        alt.Chart(values(provinces))
        .mark_geoshape(
            fill=md.hex_color(md.RISK_PROVINCE_FILL), fillOpacity=0.55, strokeWidth=2.5, clip=True
        )
        .encode(stroke=stroke),
        alt.Chart(values(borders))
        .mark_geoshape(filled=False, strokeWidth=6, clip=True)
        .encode(stroke=stroke),
        alt.Chart(values(points))
        .mark_point(filled=True, size=320, strokeWidth=3, opacity=1, clip=True)
        .encode(
            longitude="lon:Q",
            latitude="lat:Q",
            fill=alt.Fill(
                "key:N",
                scale=alt.Scale(domain=list(point_keys), range=["#000000", "#ffffff"]),
                legend=alt.Legend(title=tr._(INCIDENTS), orient="bottom-right", labelLimit=420),
            ),
            stroke=alt.value("#000000"),
        ),
    ]

    def text(rows: list, halo: bool, **kw: object) -> alt.Chart:
        mark = alt.Chart(values(rows)).mark_text(
            fontSize=font_size,
            stroke="#ffffff" if halo else None,
            strokeWidth=5 if halo else 0,
            strokeJoin="round",
            clip=True,
            **kw,
        )
        return mark.encode(longitude="lon:Q", latitude="lat:Q", text="text:N")

    for halo in (True, False):
        layers.append(
            text(
                labels,
                halo,
                fontWeight="bold",
                color="#111111",
                align=alt.ExprRef(expr="datum.left ? 'left' : 'center'"),
            )
        )
        layers.append(
            text(
                border_labels,
                halo,
                fontStyle="italic",
                color=md.hex_color(md.BORDER_COLOR),
                fontWeight="bold",
            )
        )
        layers.append(
            text(
                points,
                halo,
                color="#111111",
                align=alt.ExprRef(expr="datum.left ? 'right' : 'left'"),
                dx=alt.ExprRef(expr="datum.left ? -14 : 14"),
            )
        )
    spec = (
        alt.layer(*layers)
        .project(type="mercator", fit=_fit(bounds))
        .properties(height=height, width="container")
        .resolve_scale(stroke="shared")
        .configure_view(stroke=None)
        .configure_legend(
            labelFontSize=font_size,
            titleFontSize=font_size,
            symbolSize=300,
            labelColor="#111111",
            titleColor="#111111",
            fillColor="#ffffffdd",
            padding=8,
            cornerRadius=4,
        )
        .to_dict(validate=False)
    )
    spec["config"]["locale"] = tr.vega_locale()  # (alt's .configure() would replace the rest)
    spec["description"] = tr._(SLIDE_MAP_NAMES[part])
    return spec


def _segment_item(item: dict) -> str:
    terrain = item["terrain"]
    described = md.terrain_described(terrain, item.get("terrain_described"))
    where = aside_md(terrain) if described else ""
    return f"**{md_escape(item['title'])}**{where}: {md_escape(item['risk'])}"


def _flag_note(item: dict) -> str:
    return f"{FLAG} **{md_escape(item['title'])}:** {md_escape(item['flag_note'])}"


def _province_items(
    items: Sequence[dict], provinces_geo: dict | None = None, tr: Translator = ENGLISH
) -> list[str]:
    """Provinces sharing one risk note are written once, named together (by the boundary
    file's names when given, else by their notes' titles without ' province')."""
    geo = {
        f["properties"]["id"]: f["properties"]["name"]
        for f in (provinces_geo or {}).get("features", ())
    }
    by_risk: dict[str, list[str]] = {}
    for i in items:
        name = geo.get(i["geo_id"])
        name = md.geo_name(name, tr) if name else i["title"].removesuffix(" province")
        by_risk.setdefault(i["risk"], []).append(name)
    return [
        f"**{md_escape(join_list(names, tr))}:** {md_escape(risk)}"
        for risk, names in by_risk.items()
    ]


OFF_MAP = N_("on the region map only")
APPROXIMATE_MARKER = N_("place not given, marker approximate")


def _incident_items(
    inp: Inputs, bounds: tuple[float, float, float, float], tr: Translator = ENGLISH
) -> list[str]:
    """One line per incident, lettered as on the map; those outside `bounds` say so."""
    markers = md.incident_markers(inp.incidents, inp.armed_groups, tr=tr)
    rows = inp.incidents.set_index("id")
    west, south, east, north = bounds
    out = []
    for letter, m in zip(marker_letters(markers), markers, strict=True):
        lon, lat = m["position"]
        inside = west <= lon <= east and south <= lat <= north
        for iid in m["ids"]:
            r = rows.loc[iid]
            notes = [md.incident_date(r, tr)]
            if r["location_precision"] != "city":
                notes.append(tr._(APPROXIMATE_MARKER))
            if not inside:
                notes.append(tr._(OFF_MAP))
            out.append(f"**{letter}** {md_escape(r['title'])} ({md_escape('; '.join(notes))})")
    return out


def slides(inp: Inputs, geometry: cv.MapGeometry, tr: Translator = ENGLISH) -> tuple:
    """The map's two projector screens: the region with the border segments' risk notes
    beside it, and the Afghan-border close-up with the provinces' notes and the incidents.
    Every number and note is as published; footnotes go to the source line."""
    from components.slides import Block, Slide, legible, without_tooltips
    from components.vocab import PART_TITLES

    items = md.border_note_items(inp.border_notes, inp.armed_groups, inp.incidents)
    segments = [i for i in items if i["kind"] == "segment"]
    provinces = [i for i in items if i["kind"] == "province"]

    def chart(part: str) -> Block:
        spec = legible(without_tooltips(static_map(inp, geometry, part, tr=tr)))
        return Block("chart", spec, SLIDE_MAP_HEIGHT)

    def notes(rows: Sequence[dict]) -> tuple[int, ...]:
        return tuple(sorted({n for i in rows for n in i["footnotes"]}))

    table = _features_table(inp, tr)

    def data(part: str) -> tuple[DataTable, ...]:
        """The slide map's text alternative: every drawn feature, as on the map page."""
        label = tr._(SLIDE_TABLE_LABEL)
        return (DataTable(label, md_escape_frame(table), f"map_slide_data_{part}"),)

    gti_notes = tuple(sorted({int(n) for fs in inp.gti["footnotes"] for n in fs}))
    incident_notes = tuple(sorted({int(n) for fs in inp.incidents["footnotes"] for n in fs}))
    # The frame appends the slide's footnotes; the line says which table and what else.
    tables = join_list([table_label(t, tr) for t in sorted(set(inp.gti["table"]))], tr)
    gti_source = md_escape(tr._("GTI: {tables}, GTI 2024").format(tables=tables))
    boundaries = tr._(SLIDE_BOUNDARIES)
    titles = PART_TITLES["map"]
    region = Slide(
        page="map",
        part="region",
        title=md_escape(
            tr._("Central Asia and the Afghan border: {part}").format(
                part=tr._(titles["region"]).lower()
            )
        ),
        columns=(
            (chart("region"),),
            (
                Block("text", md_escape(border_count(inp.countries, inp.focus, tr)) + "."),
                Block("heading", tr._("Risk notes on the border segments")),
                *(Block("item", _segment_item(i)) for i in segments),
                *(Block("warning", _flag_note(i)) for i in segments if i["flag"]),
            ),
        ),
        widths=(1.75, 1.0),
        footnotes=tuple(sorted(set(gti_notes) | set(notes(segments)))),
        source=tr._("{gti}; risk notes as cited; {boundaries}").format(
            gti=gti_source, boundaries=boundaries
        ),
        tables=data("region"),
    )
    border = Slide(
        page="map",
        part="border",
        title=md_escape(tr._(titles["border"])),
        columns=(
            (chart("border"),),
            (
                Block("heading", tr._("Provinces with a risk note")),
                *(Block("item", t) for t in _province_items(provinces, inp.geo_provinces, tr)),
                Block("heading", tr._("Incidents (letters on the map)")),
                *(Block("item", t) for t in _incident_items(inp, _close_up_bounds(inp), tr)),
            ),
        ),
        widths=(1.75, 1.0),
        footnotes=tuple(sorted(set(gti_notes) | set(notes(provinces)) | set(incident_notes))),
        source=tr._("{gti}; risk notes and incidents as cited; {boundaries}").format(
            gti=gti_source, boundaries=boundaries
        ),
        tables=data("border"),
    )
    return region, border
