"""Initiatives timeline: every initiative on one timeline, filtered in the sidebar, shared by link.

Layout: URL -> widgets (first run of a visit only) -> sidebar filters -> URL <- widgets ->
count -> timeline -> undated items -> list with details -> CSV -> who works where.
"""

import streamlit as st

from components import data, ui
from components import filters as F
from components import timeline_view as TV
from components.text import footnote_links_md, md_escape

ui.start_page(
    "Initiatives timeline",
    "Every initiative the paper describes, on one timeline. Filter in the sidebar: the "
    "address bar keeps the filters, so copying the link shares exactly this view.",
)


@ui.cached_view
def vocabulary(version: str) -> F.Vocabulary:
    return F.Vocabulary.from_frames(data.initiatives(), data.organisations(), data.countries(),
                                    data.approach_categories(), data.CENTRAL_ASIA)


@ui.cached_view
def build(state: F.FilterState, view: F.ViewOptions, version: str) -> TV.TimelineView:
    """Everything shown for one filter state, once per state and dataset version."""
    return TV.build(state, view, data.initiatives(), data.incidents(),
                    data.sources(), vocabulary(version))


sources = data.sources()
vocab = vocabulary(data.dataset_version())
WIDGETS = {  # widget key -> value for "no filter"
    "timeline_partner": [],
    "timeline_country": [],
    "timeline_theme": [],
    "timeline_type": [],
    "timeline_years": (vocab.year_min, vocab.year_max),
    "timeline_q": "",
}

# --- URL -> widgets, only on the first run of a visit (widget state wins afterwards) ---
if "timeline_partner" not in st.session_state:
    url_state, url_view, notices = F.parse_query(
        {key: st.query_params.get_all(key) for key in F.ALL_PARAMS}, vocab
    )
    st.session_state.update({
        "timeline_partner": list(url_state.partners),
        "timeline_country": list(url_state.countries),
        "timeline_theme": list(url_state.themes),
        "timeline_type": list(url_state.types),
        "timeline_years": F.slider_value(url_state, vocab),
        "timeline_q": url_state.text,
        "timeline_rows": url_view.rows,
        "timeline_colour": url_view.colour,
        "timeline_incidents": url_view.incidents,
        "timeline_url_notices": notices,
    })


def clear_filters() -> None:
    st.session_state.update(WIDGETS)


# --- sidebar filters ---
with st.sidebar:
    st.header("Filter initiatives")
    st.multiselect("Partner organisation", list(vocab.partners), format_func=vocab.partners.get,
                   key="timeline_partner", placeholder="All partners",
                   help="An organisation includes everything under it: OSCE includes its field "
                        "offices, each of which can also be chosen alone.")
    st.multiselect("Country", list(vocab.countries), format_func=vocab.countries.get,
                   key="timeline_country", placeholder="All countries")
    st.multiselect("Theme", list(vocab.themes), format_func=vocab.themes.get,
                   key="timeline_theme", placeholder="All themes")
    st.multiselect("Type", list(vocab.types), format_func=vocab.types.get,
                   key="timeline_type", placeholder="All types")
    st.slider("Years", min_value=vocab.year_min, max_value=vocab.year_max, step=1,
              key="timeline_years",
              help="Keeps items whose period overlaps these years. The full range also keeps "
                   "undated items; any narrower range drops them.")
    st.text_input("Search titles, summaries and figures", key="timeline_q",
                  max_chars=F.MAX_TEXT_CHARS, placeholder="e.g. border, PROTECT, 2023")
    st.button("Clear all filters", key="timeline_clear", on_click=clear_filters,
              icon=":material/filter_alt_off:")

state, text_notice = F.state_from_widgets(
    st.session_state["timeline_partner"], st.session_state["timeline_country"],
    st.session_state["timeline_theme"], st.session_state["timeline_type"],
    st.session_state["timeline_years"], st.session_state["timeline_q"], vocab,
)

# --- view options ---
left, middle, right = st.columns([3, 2, 2], vertical_alignment="bottom")
left.radio("One row per", list(F.ROW_MODES), format_func=F.ROW_MODES.get, horizontal=True,
           key="timeline_rows")
middle.radio("Colour by", list(F.COLOUR_MODES), format_func=F.COLOUR_MODES.get, horizontal=True,
             key="timeline_colour")
right.checkbox("Overlay incidents (attacks)", key="timeline_incidents",
               help="Attacks the paper describes, to show what initiatives responded to.")
view = F.ViewOptions(st.session_state["timeline_rows"], st.session_state["timeline_colour"],
                     bool(st.session_state["timeline_incidents"]))

# --- widgets -> URL (only our parameters; others are left alone) ---
wanted = F.to_query(state, view)
for param in F.ALL_PARAMS:
    if param not in wanted:
        if param in st.query_params:
            del st.query_params[param]
    elif st.query_params.get_all(param) != [wanted[param]]:
        st.query_params[param] = wanted[param]

for notice in st.session_state.get("timeline_url_notices", []) + ([text_notice] if text_notice else []):
    st.caption(f":material/info: {md_escape(notice)}")

# --- count and active filters ---
built = build(state, view, data.dataset_version())
shown = built.shown
st.sidebar.markdown(f"**{built.count}**")
described = " · ".join(f"{name}: {md_escape(value)}" for name, value in built.described)
st.subheader(built.count)
st.markdown(f"**Filtered by** {described}" if described else "No filter set: showing every initiative.")

if shown.empty:
    st.info(md_escape(built.empty_reason) + "\n\nUse **Clear all filters** "
            "in the sidebar to start again.", icon=":material/search_off:")
    ui.footer()
    st.stop()

# --- the timeline ---
if built.chart is not None:
    ui.vega_chart(built.chart, width="stretch", key="timeline_chart")
    st.caption(
        "Dates keep the paper's precision: an item known only to the year is a pale dashed box over "
        "that whole year, one known to the month a band over that month, never a made-up day. "
        "Rows repeat an initiative that involves several countries or partners. Sources: the "
        "footnotes of each initiative (tooltip, list below); incidents from footnotes "
        + md_escape(", ".join(str(n) for n in built.incident_footnotes)) + "."
    )
else:
    st.info("None of these initiatives has a date in the paper, so nothing is drawn on the timeline.",
            icon=":material/event_busy:")

if built.undated:
    st.markdown(f"**{F.plural(len(built.undated), 'undated initiative')} not drawn** (the paper gives no date):")
    st.markdown("\n".join(f"- {md_escape(t)} ({md_escape(d)})" for t, d in built.undated))

# --- list view with details ---
st.subheader("The initiatives in this view")
table = built.table
event = st.dataframe(
    table,
    hide_index=True,
    width="stretch",
    height=min(38 + 35 * len(table), 560),
    key="timeline_table",
    on_select="rerun",
    selection_mode="single-row",
    column_order=["date", "title", "flag", "countries", "partners", "themes", "summary", "footnotes",
                  "source"],
    column_config={
        "date": st.column_config.TextColumn("Date as published", width="medium"),
        "title": st.column_config.TextColumn("Title", width="large"),
        "flag": st.column_config.TextColumn("Flag", width="small"),
        "countries": st.column_config.TextColumn("Countries"),
        "partners": st.column_config.TextColumn("Partners"),
        "themes": st.column_config.TextColumn("Themes"),
        "summary": st.column_config.TextColumn("Summary", width="large"),
        "footnotes": st.column_config.TextColumn("Footnotes", width="small"),
        "source": st.column_config.LinkColumn("First source", display_text="open ↗", width="small"),
    },
)
picked = [i for i in event.selection.rows if i < len(shown)] if event else []
if not picked:
    st.caption("Select a row (the box at its left) to see full details and every source.")
else:
    r = shown.iloc[picked[0]]
    with st.container(border=True, key="timeline_details"):
        st.markdown(f"#### {md_escape(r['title'])}")
        if isinstance(r["flag"], str):
            st.warning(f"**Flag ({md_escape(r['flag'].replace('_', ' '))}):** {md_escape(r['flag_note'])}",
                       icon=":material/flag:")
        facts = [
            ("Date as published", r["date_text"]),
            ("Type", vocab.types.get(r["type"], r["type"])),
            ("Scope", r["scope"]),
            ("Countries", ", ".join(vocab.countries.get(c, c) for c in r["countries"]) or "none listed"),
            ("Partners", "; ".join(vocab.partners.get(p, vocab.short_names.get(p, p))
                                   for p in r["partners"]) or "none listed"),
            ("Themes", ", ".join(vocab.themes.get(t, t) for t in r["themes"])),
            ("Figures as published", r["figures"] if isinstance(r["figures"], str) else "none given"),
        ]
        st.markdown("\n".join(f"- **{name}:** {md_escape(value)}" for name, value in facts))
        st.markdown(md_escape(r["summary"]))
        st.markdown("**Sources** (footnotes of the paper: " + footnote_links_md(r["footnotes"], sources) + ")")
        cited = sources.set_index("footnote")
        st.markdown("\n".join(
            f"{n}. {md_escape(cited.loc[n, 'citation'])}" for n in sorted(r["footnotes"]) if n in cited.index
        ))
        for iso in [c for c in r["countries"] if c in data.CENTRAL_ASIA]:
            st.page_link("pages/countries.py", label=f"{vocab.countries[iso]}: country view",
                         query_params={"country": iso}, icon=":material/flag:")

st.download_button(
    f"Download these {F.plural(len(shown), 'initiative')} (CSV)",
    built.csv,
    file_name=built.csv_name,
    mime="text/csv",
    key="timeline_download",
    icon=":material/download:",
)

# --- who works where ---
ui.vega_chart(built.summary, width="stretch", key="timeline_summary")
st.caption("Number of initiatives in this view per partner family and country. An initiative counts "
           "once in every family among its partners and every country it lists, so rows and columns "
           "do not add up to the totals (bold, distinct initiatives).")

ui.footer()
