"""Sources: all 86 footnotes of the paper, searchable, with their printed links.

The search text and the kind filter live in the URL (?q=OSCE&kind=Law) through Streamlit's
own binding; the kind filter's URL value is its label, as Streamlit binds multiselects.
"""

import streamlit as st

from components import data, ui
from components import sources_view as sv


@ui.cached_view
def build(query: str, kinds: tuple[str, ...], version: str) -> sv.SourcesView:
    return sv.build(data.sources(), query, kinds)


@ui.cached_view
def slides(query: str, kinds: tuple[str, ...], version: str) -> tuple:
    return sv.slides(build(query, kinds, version), query, kinds)


ui.start_page(sv.TITLE, sv.INTRO)
if ui.briefing():  # the references slides of the linked search; the widgets stay off-screen
    linked = sv.read_link(ui.query_value("q"), st.query_params.get_all("kind"))
    ui.show_slides(slides(*linked, data.dataset_version()))


@st.fragment
def search() -> None:
    """The search and what it finds: a change reruns only this part (issue 17)."""
    left, right = st.columns([2, 1])
    query = left.text_input(
        sv.SEARCH_LABEL,
        key="q",
        placeholder=sv.SEARCH_PLACEHOLDER,
        max_chars=sv.SEARCH_MAX_CHARS,
        bind="query-params",
    )
    kinds = right.multiselect(
        sv.KIND_LABEL, options=sv.KINDS, format_func=sv.kind_label, key="kind", bind="query-params"
    )

    view = build(query, tuple(kinds), data.dataset_version())
    st.caption(view.count)
    if view.notice:
        st.info(view.notice)
    else:
        st.markdown(view.table_md)
    st.download_button(
        sv.DOWNLOAD_LABEL,
        view.csv,
        file_name=view.csv_name,
        mime="text/csv",
        key="sources_download",
    )


search()
ui.footer()
