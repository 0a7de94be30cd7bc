"""Terrorism index and programmes: Tables 1-3 of the paper as sourced, interactive charts.

?countries=TJK,UZB (Table 1 codes) sets the picker and follows it. The URL keeps codes
while the picker shows names, so it goes through ui.query_value/ui.sync_query, not binding.
"""

import streamlit as st

from components import data, i18n, ui
from components import gti_view as gv

PICKER_KEY = "gti_countries"
SECTION_KEY = "gti_table"


@ui.cached_view
def picker(version: str, tr: i18n.Translator) -> gv.Picker:
    return gv.picker(data.gti_countries(tr.lang), tr)


@ui.cached_view
def build(selected: tuple[str, ...], version: str, tr: i18n.Translator) -> gv.GtiView:
    """Cached per (selection, dataset version, language): Altair builds each spec once."""
    return gv.build_from_data(selected, tr)


@ui.cached_view
def slides(selected: tuple[str, ...], version: str, tr: i18n.Translator) -> tuple:
    """The briefing slides (one chart each) for the linked selection."""
    return gv.slides(build(selected, version, tr), tr)


@st.fragment
def show(block: gv.ChartBlock) -> None:
    """One chart with its notes, footnote links, 'show data' table and CSV download (a
    fragment: opening its table reruns only this chart's part)."""
    ui.vega_chart(block.spec, width="stretch", key=f"gti_chart_{block.key}")
    st.caption(block.caption_md)
    with ui.lazy_expander(block.data_label, key=f"gti_data_{block.key}") as shown:
        if shown:
            ui.frame_table(block.table)  # nothing to click
    st.download_button(
        tr._(gv.DOWNLOAD_LABEL),
        block.csv,
        file_name=block.csv_name,
        mime="text/csv",
        key=f"gti_csv_{block.key}",
        on_click="ignore",
        icon=":material/download:",
    )
    for warning in block.warnings:
        st.warning(warning, icon=":material/flag:")


tr = ui.translator()
ui.start_page(tr._(gv.TITLE), tr._(gv.INTRO))
version = data.dataset_version()
if ui.briefing():
    linked, ignored = gv.read_link(ui.query_value(gv.PARAM), data.gti_countries(), tr)
    links = build(linked, version, tr).country_links  # on the title row: the country views

    def country_links() -> None:
        for link in links:
            ui.page_link(link)

    table, refused = gv.read_section(ui.query_value(gv.SECTION_PARAM), tr)
    first = next(iter(gv.section_parts(build(linked, version, tr), table)), None)  # its first
    said = (ignored, refused)  # what the link asked for and did not get (None: all of it)
    ui.show_slides(slides(linked, version, tr), country_links if links else None, first, said)
choices = picker(version, tr)

# The picker starts from the link and keeps the link in step with it.
if PICKER_KEY not in st.session_state:
    wanted, notice = gv.read_link(ui.query_value(gv.PARAM), data.gti_countries(), tr)
    st.session_state[PICKER_KEY] = list(wanted)
    if notice:
        st.caption(":material/info: " + notice)
if SECTION_KEY not in st.session_state:  # a visit's first run: a refused ?table= is named
    _, refused = gv.read_section(ui.query_value(gv.SECTION_PARAM), tr)
    if refused:
        st.caption(":material/link_off: " + refused)


@st.fragment
def charts() -> None:
    """The picker and the charts it highlights: a change reruns only this part (issue 17)."""
    # Pills, not a multiselect: Table 1's countries are in view, one click each (a room can
    # see what is highlighted), and the page mounts one element kind fewer (issue 17).
    selected = st.pills(
        tr._(gv.PICKER_LABEL),
        options=choices.options,
        selection_mode="multi",
        format_func=choices.label,
        key=PICKER_KEY,
        help=tr._(gv.PICKER_PLACEHOLDER),
    )
    ui.sync_query({gv.PARAM: gv.link_value(selected)})

    view = build(tuple(selected), version, tr)
    if view.country_links:
        with st.container(horizontal=True):
            for link in view.country_links:
                ui.page_link(link)

    # One table's charts at a time, in lazy tabs: a closed tab's charts are not drawn. The
    # link opens a tab only when the tab has no state of its own (a visit's first run, or a
    # language switch, which renames the tabs); `default=` would change the widget's
    # identity whenever ?table= changes, and so reset the tab the user has just opened.
    headers = {section.code: section.header for section in view.sections}
    if st.session_state.get(SECTION_KEY) not in headers.values():
        linked, _ = gv.read_section(ui.query_value(gv.SECTION_PARAM))
        st.session_state[SECTION_KEY] = headers[linked]
    tabs = st.tabs(list(headers.values()), key=SECTION_KEY, on_change="rerun")
    for section, tab in zip(view.sections, tabs, strict=True):
        if not tab.open:
            continue
        with tab:
            if section.note:
                st.caption(section.note)
            for block in section.charts:
                show(block)
        ui.sync_query({gv.SECTION_PARAM: gv.section_value(section.code)})
        ui.view_parts(gv.section_parts(view, section.code))  # "Add to deck": its charts


charts()
ui.footer()
