"""Approaches: Table 4 as a country × approach matrix. Contents: controls · the matrix · the
evidence behind a cell, country or approach · Table 4 as printed · human-rights lens · export.
Words: components/approaches_view.py. URL, by hand (codes behind labels): ?country=UZB&approach=
reintegration, ?partner=osce,un; bound toggles: ?approaches_transpose=true&approaches_rights=true."""

import streamlit as st

from components import approaches_view as V
from components import data, i18n, ui

COUNTRY_KEY, CATEGORY_KEY = "approaches_country", "approaches_category"
CHART_VERSION = "_approaches_chart_version"
APPLIED_QUERY = "_approaches_applied_query"
tr = ui.translator()
L = V.labels(tr)


@ui.cached_view
def choices(version: str, tr: i18n.Translator) -> V.Choices:
    return V.choices(V.Inputs.from_data(tr.lang), tr)


@ui.cached_view
def view(controls: tuple, version: str, tr: i18n.Translator) -> V.ApproachesView:
    """controls: (partners, transpose, rights, country, approach), as V.build takes them."""
    return V.build(V.Inputs.from_data(tr.lang), *controls, tr=tr)


def _reset_chart() -> None:
    """A new chart key drops a stale click selection after the pickers change."""
    st.session_state[CHART_VERSION] = st.session_state.get(CHART_VERSION, 0) + 1


def _on_chart_select(chart_key: str) -> None:
    cell = ((st.session_state.get(chart_key) or {}).get("selection", {}).get("cell") or [{}])[0]
    picked = ch.pick(cell.get("country"), cell.get("category"))
    st.session_state[COUNTRY_KEY], st.session_state[CATEGORY_KEY] = picked


def _picker(column, label: str, options, placeholder: str, key: str) -> None:
    column.selectbox(
        label,
        options=list(options),
        format_func=options.get,
        index=None,
        placeholder=placeholder,
        key=key,
        on_change=_reset_chart,
    )


ui.start_page(L.title, L.caption)
version = data.dataset_version()
ch = choices(version, tr)

query = (ui.query_value("country"), ui.query_value("approach"))
# A deep link, the browser's back button, or a revisit: Streamlit dropped the pickers' state
# when the last page drew no picker, though APPLIED_QUERY (a plain key) stayed.
if st.session_state.get(APPLIED_QUERY) != query or COUNTRY_KEY not in st.session_state:
    sel = ch.parse(*query)
    st.session_state[COUNTRY_KEY], st.session_state[CATEGORY_KEY] = sel.country, sel.approach
    _reset_chart()
    for notice in sel.notices:
        st.info(notice, icon=":material/link_off:")

if "approaches_partner" not in st.session_state:  # a visit's first run: the link's partners
    st.session_state["approaches_partner"], refused = ch.read_partners(ui.query_value("partner"))
    if refused:
        st.info(refused, icon=":material/link_off:")

if ui.briefing():  # the matrix slide with the linked cell (rows, no partner filter), then stop
    cell = (st.session_state[COUNTRY_KEY], st.session_state[CATEGORY_KEY])
    ui.show_slides(V.slides(view(((), False, False, *cell), version, tr), tr))


@st.fragment
def matrix() -> None:
    """Controls, matrix, evidence and lens: a change or a cell click reruns only this part."""
    left, mid, right = st.columns([3, 1, 1], vertical_alignment="bottom")
    partners = left.multiselect(
        L.partner,
        options=list(ch.partners),
        format_func=ch.partners.get,
        key="approaches_partner",
        placeholder=L.partner_placeholder,
    )
    transpose = ui.switch(mid, L.transpose, "approaches_transpose", notice_at=st)
    rights = ui.switch(right, L.rights, "approaches_rights", notice_at=st)
    selected = (st.session_state.get(COUNTRY_KEY), st.session_state.get(CATEGORY_KEY))
    v = view((tuple(partners), transpose, rights, *selected), version, tr)
    st.markdown(v.summary)
    if v.partner_caption:
        st.caption(v.partner_caption)
    chart_key = f"approaches_chart_{st.session_state.get(CHART_VERSION, 0)}"
    ui.vega_chart(
        v.chart,
        key=chart_key,
        on_select=lambda: _on_chart_select(chart_key),
        selection_mode="cell",
        width="stretch",
    )  # its accessible name is the spec's description (an alt= too would log a warning)
    st.caption(v.legend)
    st.caption(v.table_pointer)  # a11y: where the chart's cells are as text
    if v.flag_notes:
        st.warning("  \n".join(v.flag_notes), icon=":material/flag:")
    st.subheader(L.drilldown)
    pick_country, pick_category = st.columns(2)
    _picker(pick_country, L.country, ch.countries, L.country_placeholder, COUNTRY_KEY)
    _picker(pick_category, L.approach, ch.approaches, L.approach_placeholder, CATEGORY_KEY)
    ui.markdown_blocks(v.drilldown.blocks())
    if link := v.drilldown.link:
        st.page_link(link.page, label=link.label, query_params=link.query, icon=link.icon)
    st.subheader(L.table4)
    st.markdown("  \n".join(v.table4))
    st.caption(v.table4_caption)
    if v.rights:
        ui.paired_rows(v.rights)
    with ui.lazy_expander(L.matrix_table, key="approaches_matrix_table") as shown:
        if shown:
            ui.frame_table(v.matrix, index=True)  # a static table: nothing to click
    st.download_button(
        L.download, v.csv, file_name=v.csv_name, mime="text/csv", key="approaches_download"
    )
    # Keep the selected cell in the address bar, so a briefing can link straight to it.
    ui.sync_query({"country": selected[0], "approach": selected[1], "partner": ",".join(partners)})
    st.session_state[APPLIED_QUERY] = selected


matrix()
ui.footer()
