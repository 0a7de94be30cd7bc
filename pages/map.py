"""Map: Central Asia and the Afghan border, with the paper's risk notes, drawn offline."""

import streamlit as st

from components import data, map_deck, ui
from components.format import footnote_links_md, md_escape, score

# ------------------------------------------------------------------ small render helpers


def layer_toggles() -> map_deck.Toggles:
    st.markdown("##### Layers")
    return map_deck.Toggles(**{
        k: st.toggle(map_deck.LAYER_LABELS[k], value=True, key=f"map_layer_{k}")
        for k in map_deck.LAYER_KEYS
    })


def note_block(item: dict, sources) -> None:
    """One border note as readable text (every data string escaped for Markdown)."""
    st.markdown(f"**{md_escape(item['title'])}**")
    if item["flag"]:
        st.warning(f"**Flag ({md_escape(item['flag'].replace('_', ' '))}):** "
                   f"{md_escape(item['flag_note'])}", icon=":material/flag:")
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
    st.markdown("\n".join(lines))


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


def selection_details(picked, notes_by_geo: dict, incidents, sources) -> None:
    if picked is None:
        st.caption("Click a country, an Afghan province, a border segment or an incident "
                   "marker to show its details here. Click the sea or empty space to clear.")
        return
    kind, key = picked
    if kind == "country":
        summary = map_deck.country_summary(key, data.countries(), data.gti_countries(),
                                           data.border_notes(), data.initiatives(), incidents)
        if summary:
            country_details(summary)
        else:
            name = next(f["properties"]["name"] for f in data.geo("geo_countries")["features"]
                        if f["properties"]["iso3"] == key)
            st.subheader(name)
            st.markdown("Shown for context only: the paper gives no GTI score and no "
                        "country data for it.")
    elif kind in ("province", "border") and key in notes_by_geo:
        note_block(notes_by_geo[key], sources)
    elif kind == "province":
        st.markdown(f"**{md_escape(key)}**: the paper has no risk note on this province.")
    elif kind == "incidents":
        for _, r in incidents[incidents["id"].isin(key)].iterrows():
            st.markdown(
                f"**{md_escape(r['title'])}**\n"
                f"- **Date:** {md_escape(map_deck.incident_date(r))}\n"
                f"- **Place:** {md_escape(map_deck.incident_location(r))}\n"
                f"- **What happened:** {md_escape(r['summary'])}\n"
                f"- **Casualties:** {md_escape(r['casualties_text'] or 'not given')}\n"
                f"- **Footnotes:** {footnote_links_md(r['footnotes'], sources)}"
            )


# --------------------------------------------------------------------------------- page

ui.start_page("Map: Central Asia and the Afghan border")  # first: it guards against broken data
ca = data.central_asia()
n_border = int(ca["borders_afghanistan"].fillna(False).sum())
if not ui.briefing():
    st.caption(
        f"{n_border} of the {len(ca)} Central Asian states border Afghanistan. Countries are "
        "shaded by GTI 2023 score; Afghan provinces and border segments carry the paper's risk "
        "notes."
    )

geo_c, geo_p, geo_b = data.geo("geo_countries"), data.geo("geo_provinces"), data.geo("geo_borders")
gti, countries, notes = data.gti_countries(), data.countries(), data.border_notes()
incidents, groups, sources = data.incidents(), data.armed_groups(), data.sources()
note_items = map_deck.border_note_items(notes, groups, incidents)

VIEWS = {
    "Central Asia": map_deck.view_for(geo_c, geo_p, data.CENTRAL_ASIA),
    "Afghan border close-up": map_deck.border_view(geo_p, geo_b),
}
map_col, side_col = st.columns([2, 1], gap="medium")
with side_col:
    st.altair_chart(map_deck.legend_chart(gti, geo_c), width="content", key="map_legend")
    toggles = layer_toggles()

with map_col:
    framing = st.segmented_control("View", list(VIEWS), default="Central Asia",
                                   key="map_view", label_visibility="collapsed")
    deck = map_deck.build_deck(geo_c, geo_p, geo_b, gti, countries, notes, incidents, groups,
                               toggles, focus=data.CENTRAL_ASIA,
                               view=VIEWS.get(framing or "", VIEWS["Central Asia"]))
    event = st.pydeck_chart(
        deck, on_select="rerun", selection_mode="single-object", key="map_deck",
        height=map_deck.MAP_HEIGHT,
        alt="Map of Central Asia and northern Afghanistan: countries shaded by GTI 2023 score, "
            "Afghan provinces with risk notes, border segments and cited incidents.",
    )
    st.caption(f"Scores: {md_escape(map_deck.gti_source(gti))}; colours run from {score(data.GTI_RANGE[0])} to the "
               f"highest score in Table 1 ({score(map_deck.scale_top(gti))}) on a GTI scale of "
               f"{data.GTI_RANGE[0]:g}-{data.GTI_RANGE[1]:g}. Grey hatching: no score in the "
               "source, never zero. Hover for notes, click for details. Boundaries: Natural "
               "Earth, simplified; not authoritative.")
    selection_details(map_deck.selected(event.selection),
                      {i["geo_id"]: i for i in note_items}, incidents, sources)

with st.expander("Data behind this map", expanded=False):
    table = map_deck.data_table(geo_c, geo_p, geo_b, gti, countries, notes, incidents, groups)
    st.dataframe(table, hide_index=True, width="stretch", key="map_data_table")
    st.download_button("Download as CSV", table.to_csv(index=False).encode("utf-8"),
                       file_name="map_data.csv", mime="text/csv", key="map_download_csv",
                       icon=":material/download:")

with side_col:
    st.markdown("##### Border notes (all of them: no hovering needed)")
    with st.container(height=map_deck.MAP_HEIGHT, border=True, key="map_notes"):
        for item in note_items:
            note_block(item, sources)

ui.footer()
