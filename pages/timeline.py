"""Initiatives timeline: link -> widgets -> URL -> (briefing: slides) -> count -> chart ->
details picker and card -> list -> CSV -> who works where. Words: TV. ?q= is bound;
?partner=osce,un via sync_query."""

import streamlit as st

from components import data, ui
from components import filters as F
from components import timeline_view as TV

tr = ui.translator()
C = TV.controls(tr)
ui.start_page(C.title, C.caption)


@ui.cached_view
def vocabulary(version: str, tr) -> F.Vocabulary:  # frames and labels in the session's language
    return TV.vocabulary_from_data(tr)


@ui.cached_view
def build(state, view, notes: tuple, version: str, tr) -> TV.TimelineView:
    return TV.build_from_data(state, view, notes, vocabulary(version, tr), tr)


@ui.cached_view
def slides(state: F.FilterState, view: F.ViewOptions, notes: tuple, version: str, tr) -> tuple:
    return TV.slides(build(state, view, notes, version, tr))


version = data.dataset_version()
vocab = vocabulary(version, tr)
refused_q = False
link = {k: st.query_params.get_all(k) for k in F.ALL_PARAMS}
if TV.link_applies(st.session_state, link):  # a visit's first run, or Back to other filters
    first, refused_q = TV.from_link(link, vocab, tr)
    st.session_state.update(first)
    if refused_q:  # before the box binds ?q=: only now can the page drop it from the URL
        ui.sync_query({"q": None})
if st.session_state.pop("timeline_q_refused", False):  # bound: only session state can empty it
    st.session_state["q"] = ""


def clear_filters() -> None:
    st.session_state.update(TV.widget_values(F.FilterState(), F.ViewOptions(), vocab))


@st.fragment
def timeline() -> None:
    """Filters (in the sidebar), chart, list and details: a change reruns only this part."""
    with st.sidebar:
        st.header(C.header)
        for key, label, opts, empty, tip in TV.multiselects(vocab, tr):
            st.multiselect(
                label, [*opts], format_func=opts.get, key=key, placeholder=empty, help=tip
            )
        st.slider(C.years, *vocab.slider_range, key="timeline_years", help=C.years_help)
        st.text_input(
            C.search, key="q", bind="query-params", max_chars=F.MAX_TEXT_CHARS, placeholder=C.eg
        )
        st.button(
            C.clear, key="timeline_clear", on_click=clear_filters, icon=":material/filter_alt_off:"
        )
    if refused_q:  # the link's refused search text seeded the bound box: empty it, then draw
        st.session_state["timeline_q_refused"] = True
        st.rerun()

    if not ui.briefing():  # a slide shows no controls; a row that wraps cuts none short
        with st.container(horizontal=True, vertical_alignment="bottom", gap="medium"):
            for key, label, modes in zip(TV.VIEW_KEYS, (C.rows, C.colour), TV.modes(tr)):
                st.segmented_control(label, [*modes], format_func=modes.get, key=key, required=True)
            st.checkbox(C.incidents, key="timeline_incidents", help=C.incidents_help)

    state, text_notice = F.state_from_widgets(
        *(st.session_state[k] for k in TV.FILTER_KEYS), vocab, tr
    )
    view = TV.view_options(st.session_state)
    notices = st.session_state.get(TV.NOTICES_KEY, ()) + ((text_notice,) if text_notice else ())
    built = build(state, view, notices, version, tr)
    ui.sync_query(dict(built.query))
    st.session_state[TV.APPLIED_KEY] = dict(built.query)
    ui.show_slides(slides(state, view, notices, version, tr), notices_md=built.notices_md)
    ui.view_parts(TV.slide_parts(built))  # "Add to deck" adds every slide of this view

    for notice in built.notices_md:
        st.caption(f":material/info: {notice}")
    st.sidebar.markdown(built.count_md)
    st.subheader(built.count)
    st.markdown(built.filtered_md)
    if empty := built.empty_reason_md if ui.briefing() else built.empty_md:  # (no sidebar)
        st.info(empty, icon=":material/search_off:")
        return

    if built.chart is not None:
        ui.vega_chart(built.chart, width="stretch", key="timeline_chart")
        st.caption(built.chart_caption_md)
    else:
        st.info(built.chart_caption_md, icon=":material/event_busy:")
    if built.undated_md:
        st.markdown(built.undated_md)

    st.subheader(C.list_heading)
    picked = st.selectbox(
        C.pick,
        [*built.picks],
        format_func=built.picks.get,
        index=None,
        key="timeline_pick",
        placeholder=C.pick_placeholder,
    )
    if details := built.details_for(picked):
        ui.details_card(details, key="timeline_details")
    ui.static_table(built.list_html)  # one HTML table: see TV.LIST_COLUMNS
    st.download_button(
        built.download_label,
        built.csv,
        file_name=built.csv_name,
        mime="text/csv",
        key="timeline_download",
        icon=":material/download:",
    )
    with ui.lazy_expander(C.summary_label, key="timeline_summary_open") as shown:
        if shown:  # below the fold: drawn when opened (issue 17)
            ui.vega_chart(built.summary, width="stretch", key="timeline_summary")
            st.caption(C.summary_caption)
    ui.data_table(built.summary_table)  # a11y: the heatmap's counts (a lazy expander too)


timeline()
ui.footer()
