"""Map: Central Asia and the Afghan border, with the paper's risk notes, drawn offline."""

import streamlit as st

from components import data, map_deck, ui
from components.text import footnote_links_md, md_escape, score

# ------------------------------------------------------------------ small render helpers


def layer_toggles() -> map_deck.Toggles:
    st.markdown("##### Layers")
    return map_deck.Toggles(**{
        k: st.toggle(map_deck.LAYER_LABELS[k], value=True, key=f"map_layer_{k}")
        for k in map_deck.LAYER_KEYS
    })


def note_markdown(item: dict, sources) -> tuple[str, str | None, str]:
    """One border note as Markdown (title, flag or None, body), every data string escaped."""
    flag = (f"**Flag ({md_escape(item['flag'].replace('_', ' '))}):** {md_escape(item['flag_note'])}"
            if item["flag"] else None)
    lines = [
        f"- **Risk:** {md_escape(item['risk'])}",
        f"- **Terrain:** {md_escape(item['terrain'])}",
        (f"- **Groups:** {md_escape(', '.join(item['groups']) or 'none named')}. "
         f"*{md_escape(item['groups_note'])}*"),
        f"- **What the neighbour does:** {md_escape(item['measures'])}",
    ]
    if item["incidents"]:
        lines.append(f"- **Incidents:** {md_escape('; '.join(item['incidents']))}")
    lines.append(f"- **Footnotes:** {footnote_links_md(item['footnotes'], sources)}")
    return f"**{md_escape(item['title'])}**", flag, "\n".join(lines)


def note_block(note_md: tuple[str, str | None, str]) -> None:
    title, flag, body = note_md
    st.markdown(title)
    if flag:
        st.warning(flag, icon=":material/flag:")
    st.markdown(body)


def country_details(summary: dict) -> None:
    name = md_escape(summary["name"])
    st.subheader(summary["name"])
    if summary["has_score"]:
        text = (f"**GTI 2023 score: {summary['score']}** (out of 10; row {summary['rank']} "
                f"of {summary['n_table1']} in Table 1). Change 2013-2023: "
                f"{summary['change_2013']}; change 2022-2023: {summary['change_2022']}.")
        st.markdown(f"{text}  \nSource: {md_escape(summary['source'])}.")
        if summary["flag_note"]:
            st.warning(md_escape(summary["flag_note"]), icon=":material/flag:")
    else:
        st.markdown(f"**No GTI score in the source.** Table 1 lists {summary['n_table1']} "
                    f"countries and {name} is not among them: its shading means "
                    "'not reported', not zero.")
    notes = "; ".join(summary["notes"]) or "none"
    st.markdown(
        f"- Border notes about {name}: {md_escape(notes)}\n"
        f"- Initiatives in the paper involving {name}: **{summary['n_initiatives']}**\n"
        f"- Incidents the paper cites in {name}: **{summary['n_incidents']}**"
    )
    st.page_link("pages/countries.py", label=f"Open the country view for {summary['name']}",
                 icon=":material/arrow_forward:", query_params={"country": summary["iso3"]})


def selection_details(picked, built: dict) -> None:
    """What the page shows under the map for the picked object (read from data on a click)."""
    if picked is None:
        st.caption("Click a country, an Afghan province, a border segment or an incident "
                   "marker to show its details here. Click the sea or empty space to clear.")
        return
    kind, key = picked
    notes_by_geo = built["notes_by_geo"]
    if kind == "country":
        summary = map_deck.country_summary(key, data.countries(), data.gti_countries(),
                                           data.border_notes(), data.initiatives(),
                                           data.incidents())
        if summary:
            country_details(summary)
        else:
            st.subheader(built["names"][key])
            st.markdown("Shown for context only: the paper gives no GTI score and no "
                        "country data for it.")
    elif kind in ("province", "border") and key in notes_by_geo:
        note_block(notes_by_geo[key])
    elif kind == "province":
        st.markdown(f"**{md_escape(key)}**: the paper has no risk note on this province.")
    elif kind == "incidents":
        incidents, sources = data.incidents(), data.sources()
        for _, r in incidents[incidents["id"].isin(key)].iterrows():
            st.markdown(
                f"**{md_escape(r['title'])}**\n"
                f"- **Date:** {md_escape(map_deck.incident_date(r))}\n"
                f"- **Place:** {md_escape(map_deck.incident_location(r))}\n"
                f"- **What happened:** {md_escape(r['summary'])}\n"
                f"- **Casualties:** {md_escape(r['casualties_text'] or 'not given')}\n"
                f"- **Footnotes:** {footnote_links_md(r['footnotes'], sources)}"
            )


# ------------------------------------------------------------------- cached builds


@ui.cached_view
def build(version: str) -> dict:
    """Everything here that depends on the data only: views, legend spec, notes, table.

    Shared by every session (ui.cached_view): callers read it and never change it.
    """
    geo_c, geo_p, geo_b = data.geo("geo_countries"), data.geo("geo_provinces"), data.geo("geo_borders")
    gti, countries, notes = data.gti_countries(), data.countries(), data.border_notes()
    incidents, groups, sources = data.incidents(), data.armed_groups(), data.sources()
    ca = data.central_asia()
    items = map_deck.border_note_items(notes, groups, incidents)
    notes_md = [note_markdown(i, sources) for i in items]
    table = map_deck.data_table(geo_c, geo_p, geo_b, gti, countries, notes, incidents, groups)
    return {
        "n_border": int(ca["borders_afghanistan"].fillna(False).sum()), "n_ca": len(ca),
        "views": {
            "Central Asia": map_deck.view_for(geo_c, geo_p, data.CENTRAL_ASIA),
            "Afghan border close-up": map_deck.border_view(geo_p, geo_b),
        },
        "legend": map_deck.legend_chart(gti, geo_c).to_dict(),
        "gti_source": map_deck.gti_source(gti), "scale_top": map_deck.scale_top(gti),
        "notes": notes_md,
        "notes_by_geo": {i["geo_id"]: md for i, md in zip(items, notes_md, strict=True)},
        "names": {f["properties"]["iso3"]: f["properties"]["name"] for f in geo_c["features"]},
        "table": table, "csv": table.to_csv(index=False).encode("utf-8"),
    }


@ui.cached_view
def deck_for(toggles: map_deck.Toggles, view_name: str, version: str) -> map_deck.CompactDeck:
    """The deck for one layer choice and framing, serialised once (its JSON is memoised)."""
    views = build(version)["views"]
    deck = map_deck.build_deck(
        data.geo("geo_countries"), data.geo("geo_provinces"), data.geo("geo_borders"),
        data.gti_countries(), data.countries(), data.border_notes(), data.incidents(),
        data.armed_groups(), toggles, focus=data.CENTRAL_ASIA,
        view=views.get(view_name, views["Central Asia"]))
    deck.to_json()
    return deck


# --------------------------------------------------------------------------------- page

ui.start_page("Map: Central Asia and the Afghan border")  # first: it guards against broken data
version = data.dataset_version()
built = build(version)
if not ui.briefing():
    st.caption(
        f"{built['n_border']} of the {built['n_ca']} Central Asian states border Afghanistan. "
        "Countries are shaded by GTI 2023 score; Afghan provinces and border segments carry "
        "the paper's risk notes."
    )

map_col, side_col = st.columns([2, 1], gap="medium")
with side_col:
    ui.vega_chart(built["legend"], width="content", key="map_legend")
    toggles = layer_toggles()

with map_col:
    framing = st.segmented_control("View", list(built["views"]), default="Central Asia",
                                   key="map_view", label_visibility="collapsed")
    event = st.pydeck_chart(
        deck_for(toggles, framing or "Central Asia", version),
        on_select="rerun", selection_mode="single-object", key="map_deck",
        height=map_deck.MAP_HEIGHT,
        alt="Map of Central Asia and northern Afghanistan: countries shaded by GTI 2023 score, "
            "Afghan provinces with risk notes, border segments and cited incidents.",
    )
    st.caption(f"Scores: {md_escape(built['gti_source'])}; colours run from {score(data.GTI_RANGE[0])} "
               f"to the highest score in Table 1 ({score(built['scale_top'])}) on a GTI scale of "
               f"{data.GTI_RANGE[0]:g}-{data.GTI_RANGE[1]:g}. Grey hatching: no score in the "
               "source, never zero. Hover for notes, click for details. Boundaries: Natural "
               "Earth, simplified; not authoritative.")
    selection_details(map_deck.selected(event.selection), built)

with ui.lazy_expander("Data behind this map", key="map_data") as shown:
    if shown:
        st.dataframe(built["table"], hide_index=True, width="stretch", key="map_data_table")
    st.download_button("Download as CSV", built["csv"], file_name="map_data.csv",
                       mime="text/csv", key="map_download_csv", icon=":material/download:")

with side_col:
    st.markdown("##### Border notes (all of them: no hovering needed)")
    with st.container(height=map_deck.MAP_HEIGHT, border=True, key="map_notes"):
        for note_md in built["notes"]:
            note_block(note_md)

ui.footer()
