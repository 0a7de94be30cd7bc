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

from components import data
from components import map_deck as md
from components.text import footnote_links_md, md_escape, score
from components.vocab import STATES

TITLE = "Map: Central Asia and the Afghan border"
REGION = "Central Asia"
CLOSE_UP = "Afghan border close-up"
FRAMINGS = (REGION, CLOSE_UP)
DECK_ALT = (
    "Map of Central Asia and northern Afghanistan: countries shaded by GTI 2023 score, "
    "Afghan provinces with risk notes, border segments and cited incidents."
)
LAYERS_HEADING = "##### Layers"
LAYER_LABELS = tuple((k, md.LAYER_LABELS[k]) for k in md.LAYER_KEYS)  # (toggle key, label)
HINT = (
    "Click a country, an Afghan province, a border segment or an incident marker to show "
    "its details here. Click the sea or empty space to clear."
)


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
    def from_data(cls) -> Inputs:
        return cls(
            geo_countries=data.geo("geo_countries"),
            geo_provinces=data.geo("geo_provinces"),
            geo_borders=data.geo("geo_borders"),
            gti=data.gti_countries(),
            countries=data.countries(),
            border_notes=data.border_notes(),
            incidents=data.incidents(),
            armed_groups=data.armed_groups(),
            initiatives=data.initiatives(),
            sources=data.sources(),
        )


@dataclass(frozen=True)
class Link:
    page: str
    label: str
    query: tuple[tuple[str, str], ...] = ()

    @property
    def params(self) -> dict[str, str]:
        return dict(self.query)


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


def note_panel(item: dict, sources: pd.DataFrame) -> Panel:
    """One border note (from map_deck.border_note_items), every data string escaped."""
    flag = (
        f"**Flag ({md_escape(item['flag'].replace('_', ' '))}):** {md_escape(item['flag_note'])}"
        if item["flag"]
        else ""
    )
    lines = [
        f"- **Risk:** {md_escape(item['risk'])}",
        f"- **Terrain:** {md_escape(item['terrain'])}",
        (
            f"- **Groups:** {md_escape(', '.join(item['groups']) or 'none named')}. "
            f"*{md_escape(item['groups_note'])}*"
        ),
        f"- **What the neighbour does:** {md_escape(item['measures'])}",
    ]
    if item["incidents"]:
        lines.append(f"- **Incidents:** {md_escape('; '.join(item['incidents']))}")
    lines.append(f"- **Footnotes:** {footnote_links_md(item['footnotes'], sources)}")
    return Panel(lead_md=f"**{md_escape(item['title'])}**", flag_md=flag, body_md="\n".join(lines))


def country_panel(summary: dict) -> Panel:
    """A country of the paper (from map_deck.country_summary): score or its absence,
    notes and counts, and the link to its country view."""
    name = md_escape(summary["name"])
    if summary["has_score"]:
        lead = (
            f"**GTI 2023 score: {summary['score']}** (out of 10; row {summary['rank']} "
            f"of {summary['n_table1']} in Table 1). Change 2013-2023: "
            f"{summary['change_2013']}; change 2022-2023: {summary['change_2022']}."
            f"  \nSource: {md_escape(summary['source'])}."
        )
        flag = md_escape(summary["flag_note"]) if summary["flag_note"] else ""
    else:
        lead = (
            f"**No GTI score in the source.** Table 1 lists {summary['n_table1']} "
            f"countries and {name} is not among them: its shading means "
            "'not reported', not zero."
        )
        flag = ""
    notes = "; ".join(summary["notes"]) or "none"
    body = (
        f"- Border notes about {name}: {md_escape(notes)}\n"
        f"- Initiatives in the paper involving {name}: **{summary['n_initiatives']}**\n"
        f"- Incidents the paper cites in {name}: **{summary['n_incidents']}**"
    )
    return Panel(
        heading=name,
        lead_md=lead,
        flag_md=flag,
        body_md=body,
        link=Link(
            "pages/countries.py",
            f"Open the country view for {summary['name']}",
            (("country", summary["iso3"]),),
        ),
    )


def incident_panel(r: pd.Series, sources: pd.DataFrame) -> Panel:
    return Panel(
        lead_md=(
            f"**{md_escape(r['title'])}**\n"
            f"- **Date:** {md_escape(md.incident_date(r))}\n"
            f"- **Place:** {md_escape(md.incident_location(r))}\n"
            f"- **What happened:** {md_escape(r['summary'])}\n"
            f"- **Casualties:** {md_escape(r['casualties_text'] or 'not given')}\n"
            f"- **Footnotes:** {footnote_links_md(r['footnotes'], sources)}"
        )
    )


def detail_panels(
    inp: Inputs, note_items: Sequence[dict], notes: Sequence[Panel]
) -> dict[tuple[str, str], Panel]:
    """What a click on each object of the map shows, keyed as map_deck.selected names it."""
    out: dict[tuple[str, str], Panel] = {}
    for f in inp.geo_countries["features"]:
        iso, name = f["properties"]["iso3"], f["properties"]["name"]
        summary = md.country_summary(
            iso, inp.countries, inp.gti, inp.border_notes, inp.initiatives, inp.incidents
        )
        out[("country", iso)] = (
            country_panel(summary)
            if summary
            else Panel(
                heading=md_escape(name),
                lead_md="Shown for context only: the paper gives no GTI score and no country "
                "data for it.",
            )
        )
    by_geo = {i["geo_id"]: p for i, p in zip(note_items, notes, strict=True)}
    for kind, fc in (("province", inp.geo_provinces), ("border", inp.geo_borders)):
        for f in fc["features"]:
            gid = f["properties"]["id"]
            if gid in by_geo:
                out[(kind, gid)] = by_geo[gid]
            elif kind == "province":
                out[(kind, gid)] = Panel(
                    lead_md=f"**{md_escape(gid)}**: the paper has no risk note on this province."
                )
    for _, r in inp.incidents.iterrows():
        out[("incident", r["id"])] = incident_panel(r, inp.sources)
    return out


# ------------------------------------------------------------------------------ build


def views(inp: Inputs) -> dict[str, dict]:
    """framing -> deck.gl view state: the region, and the close-up on the Afghan border."""
    return {
        REGION: md.view_for(inp.geo_countries, inp.geo_provinces, inp.focus),
        CLOSE_UP: md.border_view(inp.geo_provinces, inp.geo_borders),
    }


def map_caption(gti: pd.DataFrame, gti_range: tuple[float, float]) -> str:
    lo, hi = gti_range
    return (
        f"Scores: {md_escape(md.gti_source(gti))}; colours run from {score(lo)} to the "
        f"highest score in Table 1 ({score(md.scale_top(gti))}) on a GTI scale of "
        f"{lo:g}-{hi:g}. Grey hatching: no score in the source, never zero. Hover for "
        "notes, click for details. Boundaries: Natural Earth, simplified; not "
        "authoritative."
    )


def intro(countries: pd.DataFrame, focus: Sequence[str]) -> str:
    ca = countries.set_index("iso3").reindex(list(focus))
    n_border = int(ca["borders_afghanistan"].fillna(False).astype(bool).sum())
    return (
        f"{n_border} of the {len(ca)} Central Asian states border Afghanistan. "
        "Countries are shaded by GTI 2023 score; Afghan provinces and border segments "
        "carry the paper's risk notes."
    )


ALL_LAYERS = md.Toggles()


def build(inp: Inputs, toggles: md.Toggles = ALL_LAYERS, framing: str = REGION) -> MapView:
    """The whole page for one layer choice and framing (an unknown framing is the region)."""
    framing = framing if framing in FRAMINGS else REGION
    all_views = views(inp)
    deck = md.build_deck(
        inp.geo_countries,
        inp.geo_provinces,
        inp.geo_borders,
        inp.gti,
        inp.countries,
        inp.border_notes,
        inp.incidents,
        inp.armed_groups,
        toggles,
        focus=inp.focus,
        view=all_views[framing],
    )
    deck.to_json()  # serialise once, here: the cached view is shared
    items = md.border_note_items(inp.border_notes, inp.armed_groups, inp.incidents)
    notes = tuple(note_panel(i, inp.sources) for i in items)
    table = md.data_table(
        inp.geo_countries,
        inp.geo_provinces,
        inp.geo_borders,
        inp.gti,
        inp.countries,
        inp.border_notes,
        inp.incidents,
        inp.armed_groups,
    )
    return MapView(
        title=TITLE,
        intro=intro(inp.countries, inp.focus),
        framings=FRAMINGS,
        framing=framing,
        views=MappingProxyType(all_views),
        deck=deck,
        deck_alt=DECK_ALT,
        height=md.MAP_HEIGHT,
        legend=md.legend_chart(inp.gti, inp.geo_countries).to_dict(),
        layers_heading=LAYERS_HEADING,
        layer_labels=LAYER_LABELS,
        map_caption=map_caption(inp.gti, inp.gti_range),
        hint=HINT,
        notes_heading="##### Border notes (all of them: no hovering needed)",
        notes=notes,
        details=MappingProxyType(detail_panels(inp, items, notes)),
        data_label="Data behind this map",
        table=table,
        csv=table.to_csv(index=False).encode("utf-8"),
        csv_label="Download as CSV",
        csv_name="map_data.csv",
    )
