"""Map: Central Asia and the Afghan border, with the paper's risk notes, drawn offline."""

import streamlit as st

from components import data, i18n, map_deck, ui
from components import map_view as mv


@ui.cached_view
def build(toggles: map_deck.Toggles, framing: str, tr: i18n.Translator, version: str) -> mv.MapView:
    """The whole page for one layer choice, framing and language (shared by every session)."""
    return mv.build(mv.Inputs.from_data(tr.lang), toggles, framing, tr)


@ui.cached_view
def slides(tr: i18n.Translator, version: str) -> tuple:
    """The briefing slides: the region and the Afghan-border close-up, drawn to print."""
    return mv.slides(mv.Inputs.from_data(tr.lang), mv.slide_geometry(), tr)


def panel(p: mv.Panel) -> None:
    if p.heading:
        st.subheader(p.heading)
    if p.lead_md:
        st.markdown(p.lead_md)
    if p.flag_md:
        st.warning(p.flag_md, icon=":material/flag:")
    if p.body_md:
        st.markdown(p.body_md)
    if p.link:
        st.page_link(
            p.link.page,
            label=p.link.label,
            icon=":material/arrow_forward:",
            query_params=p.link.query,
        )


tr = ui.translator()
ui.start_page(tr._(mv.TITLE))  # first: it guards against broken data
# The framing: the URL keeps its code (?map_view=Afghan border close-up) in any language
# while the control shows a translated label, so ui.query_value/sync_query, not binding.
P = mv.FRAMING_PARAM
linked = mv.read_framing(raw := ui.query_value(P))
junk = [mv.framing_notice(raw, tr)] if raw is not None and linked is None else []
# briefing mode: the slides (the framing's first), then stop
first = mv.FRAMING_PARTS[linked or mv.REGION]
ui.show_slides(slides(tr, data.dataset_version()), None, first, junk)
for notice in junk:  # a junk value: say so, then sync_query drops it
    st.toast(notice, icon=":material/link_off:")
if linked or st.session_state.get(P) not in mv.FRAMINGS:
    st.session_state[P] = linked or mv.REGION


def _framed() -> None:
    ui.sync_query({P: None if st.session_state.get(P) == mv.REGION else st.session_state.get(P)})


@st.fragment
def explore() -> None:
    """The map, its layers, framing and selection: a change reruns only this part (issue 17)."""
    intro = st.empty()
    map_col, side_col = st.columns([2, 1], gap="medium")

    # ---- widgets first (the view depends on them), drawn in their places
    with side_col:
        legend = st.empty()
        st.markdown(mv.layers_heading(tr))
        toggles = map_deck.Toggles(
            **{
                key: ui.switch(st, label, f"map_layer_{key}", value=True)
                for key, label in mv.layer_labels(tr)
            }
        )
    with map_col:
        framing = st.segmented_control(
            tr._("View"),
            mv.FRAMINGS,  # option values stay codes; their labels are translated
            format_func=lambda f: mv.framing_label(f, tr),
            key=P,
            label_visibility="collapsed",
            on_change=_framed,
        )
    framing = framing or mv.REGION
    ui.view_parts([mv.FRAMING_PARTS[framing]])  # "Add to deck" adds this framing's slide
    ui.sync_query({P: None if framing == mv.REGION else framing})  # a junk value is dropped
    view = build(toggles, framing, tr, data.dataset_version())

    # ---- the view
    if not ui.briefing():
        intro.caption(view.intro)
    with legend:
        ui.vega_chart(view.legend, width="content", key="map_legend")
    with map_col:
        event = st.pydeck_chart(
            view.deck,
            on_select="rerun",
            selection_mode="single-object",
            key="map_deck",
            height=view.height,
            alt=view.deck_alt,
        )
        st.caption(view.map_caption)
        picked = view.selection(map_deck.selected(event.selection))
        if not picked:
            st.caption(view.hint)
        for p in picked:
            panel(p)

    with ui.lazy_expander(view.data_label, key="map_data") as shown:
        if shown:
            ui.frame_table(view.table)  # nothing to click
        st.download_button(
            view.csv_label,
            view.csv,
            file_name=view.csv_name,
            mime="text/csv",
            key="map_download_csv",
            icon=":material/download:",
        )

    with side_col:
        st.markdown(view.notes_heading)
        with st.container(height=view.height, border=True, key="map_notes"):
            for p in view.notes:
                panel(p)


explore()
ui.footer()
