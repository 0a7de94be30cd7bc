"""Sources: all 86 footnotes of the paper, searchable, with their printed links.

The search text and the kind filter live in the URL (?q=OSCE&kind=Law) through Streamlit's
own binding; the kind filter's URL value is its label (in the page's language), as
Streamlit binds pills.
"""

import streamlit as st

from components import data, i18n, ui
from components import sources_view as sv


@ui.cached_view
def build(query: str, kinds: tuple[str, ...], version: str, tr: i18n.Translator) -> sv.SourcesView:
    return sv.build(data.sources(tr.lang), query, kinds, tr)


@ui.cached_view
def slides(query: str, kinds: tuple[str, ...], version: str, tr: i18n.Translator) -> tuple:
    return sv.slides(build(query, kinds, version, tr), query, kinds, tr)


tr = ui.translator()
ui.start_page(tr._(sv.TITLE), tr._(sv.INTRO))
if ui.briefing():  # the references slides of the linked search; the widgets stay off-screen
    linked = sv.read_link(ui.query_value("q"), st.query_params.get_all("kind"))
    ignored = sv.link_notice(st.query_params.get_all("kind"), tr, ui.query_value("q"))
    ui.show_slides(slides(*linked, data.dataset_version(), tr), notices_md=[ignored])

if "kind" not in st.session_state:  # a link's ?kind= labels, in either language, as codes
    st.session_state["kind"] = list(sv.read_link(None, st.query_params.get_all("kind"))[1])
    if ignored := sv.link_notice(st.query_params.get_all("kind"), tr, ui.query_value("q")):
        st.info(ignored, icon=":material/link_off:")


@st.fragment
def search(tr: i18n.Translator) -> None:
    """The search and what it finds: a change reruns only this part (issue 17)."""
    query = st.text_input(
        tr._(sv.SEARCH_LABEL),
        key="q",
        placeholder=tr._(sv.SEARCH_PLACEHOLDER),
        max_chars=sv.SEARCH_MAX_CHARS,
        bind="query-params",
    )
    # Pills, not a multiselect: the eleven kinds are in view, one click each, and the page
    # mounts one element kind fewer (the language switch is the same kind; issue 17).
    kinds = st.pills(
        tr._(sv.KIND_LABEL),
        options=sv.KINDS,
        selection_mode="multi",
        format_func=lambda k: sv.kind_label(k, tr),
        key="kind",
        bind="query-params",
    )

    view = build(query, tuple(kinds), data.dataset_version(), tr)
    st.caption(view.count)
    if view.notice:
        st.info(view.notice)
    else:
        st.markdown(view.first_md)
        # Below the fold: drawn when asked for (issue 17). A toggle, not a button that
        # vanishes, so that keyboard focus stays where it was and Tab goes on into the rest.
        if view.more_md and st.toggle(view.more_label, key="sources_all"):
            st.markdown(view.more_md)
    st.download_button(
        tr._(sv.DOWNLOAD_LABEL),
        view.csv,
        file_name=view.csv_name,
        mime="text/csv",
        key="sources_download",
    )


search(tr)
ui.footer()
