"""Terrorism index and programmes: Tables 1-3 of the paper as sourced, interactive charts."""

from __future__ import annotations

import streamlit as st

from components import data, ui
from components import gti_charts as charts
from components.text import footnote_links_md, md_escape

PICKER_KEY = "gti_countries"
PARAM = "countries"
HOST_OF_TABLE3 = "KAZ"  # Table 3 is Astana's programme; Astana is Kazakhstan's capital


@ui.cached_view
def build(selected: tuple[str, ...], version: str) -> dict[str, tuple[charts.ChartResult, dict, bytes]]:
    """Every chart of the page for one selection, with its validated Vega-Lite spec and CSV.

    Cached per (selection, dataset version): Altair builds and validates each spec once.
    """
    gti, regions = data.gti_countries(), data.gti_regions()
    act, countries = data.astana_activities(), data.countries()
    in_kaz = HOST_OF_TABLE3 in selected
    results = [
        charts.scores_chart(gti, selected),
        charts.country_changes_chart(gti, selected),
        charts.regions_chart(regions, gti, selected, countries=countries),
        charts.region_changes_chart(regions, gti, selected, countries=countries),
        charts.programme_chart(act, highlight=in_kaz),
        charts.totals_chart(act, highlight=in_kaz),
    ]
    return {r.key: (r, r.spec(), r.csv()) for r in results}


def show(result: charts.ChartResult, spec: dict, csv: bytes, sources) -> None:
    """One chart with its notes, footnote links, 'show data' table and CSV download."""
    ui.vega_chart(spec, width="stretch", key=f"gti_chart_{result.key}")
    for note in result.notes:
        st.caption(md_escape(note))
    st.caption(f"Footnotes: {footnote_links_md(result.footnotes, sources)}")
    with ui.lazy_expander(f"Show data: {md_escape(result.title)}", key=f"gti_data_{result.key}") as shown:
        if shown:
            st.dataframe(result.data, hide_index=True, width="stretch", key=f"gti_table_{result.key}")
    st.download_button(
        "Download this chart's data (CSV)",
        csv,
        file_name=f"{result.key}.csv",
        mime="text/csv",
        key=f"gti_csv_{result.key}",
        on_click="ignore",
        icon=":material/download:",
    )


ui.start_page(
    "Terrorism index and Astana's prevention programme",
    "Global Terrorism Index 2024 scores for Eurasia (Table 1) and by region (Table 2), and the "
    "events of Astana's prevention programme (Table 3), exactly as printed in the paper. "
    "Hover a bar for its exact value and footnote; the ⋯ menu of each chart exports PNG or SVG.",
)

gti = data.gti_countries()
codes = gti["iso3"].tolist()
names = dict(zip(gti["iso3"], gti["country_as_printed"], strict=True))

# The picker starts from the link (?countries=TJK,UZB) and keeps the link in step with it.
if PICKER_KEY not in st.session_state:
    wanted, ignored = charts.parse_countries_param(st.query_params.get_all(PARAM), codes)
    st.session_state[PICKER_KEY] = wanted
    if ignored:
        st.caption(
            f":material/info: Ignored unknown country code(s) in the link: "
            f"{md_escape(', '.join(ignored))}. Use codes from Table 1: {md_escape(', '.join(codes))}."
        )
selected = st.multiselect(
    "Highlight countries in every chart",
    options=codes,
    format_func=lambda c: f"{names[c]} ({c})",
    key=PICKER_KEY,
    placeholder="Choose countries from Table 1 (the link keeps your choice)",
)
param = charts.countries_param(selected)
if param and st.query_params.get(PARAM) != param:
    st.query_params[PARAM] = param
elif not param and PARAM in st.query_params:
    del st.query_params[PARAM]
if linkable := [c for c in selected if c in data.CENTRAL_ASIA]:
    with st.container(horizontal=True):
        for iso in linkable:
            st.page_link(
                "pages/countries.py", label=f"{names[iso]}: country view", icon=":material/flag:",
                query_params={"country": iso},
            )

built = build(tuple(selected), data.dataset_version())
sources = data.sources()

st.header("Eurasian countries, 2023 (Table 1)")
show(*built["table1-scores"], sources)
for _, row in gti[gti["flags"].map(bool)].iterrows():
    st.warning(
        f"**Flagged: {md_escape(row['country_as_printed'])}.** {md_escape(row['flag_note'])}",
        icon=":material/flag:",
    )
show(*built["table1-changes"], sources)

st.header("Regions (Table 2)")
show(*built["table2-regions"], sources)
show(*built["table2-changes"], sources)

st.header("Astana's prevention programme (Table 3)")
if selected and HOST_OF_TABLE3 not in selected:
    st.caption(
        f"Table 3 covers Astana, {md_escape(names[HOST_OF_TABLE3])}, only; the paper prints no such "
        "table for the other selected countries."
    )
show(*built["table3-programme"], sources)
show(*built["table3-totals"], sources)

ui.footer()
