"""Sources: all 86 footnotes of the paper, searchable, with their printed links."""

import streamlit as st

from components import data, ui
from components.sources_view import KIND_LABELS, footnote_markdown, footnote_table

ui.start_page(
    "Sources: the paper's footnotes",
    "Every figure and claim in this dashboard points to one of these footnotes. "
    "Citations are quoted as printed in the paper.",
)

sources = data.sources()
left, right = st.columns([2, 1])
query = left.text_input("Search citations", key="sources_q", placeholder="e.g. OSCE, Tajikistan, 2023, 36")
kinds = right.multiselect("Kind of source", options=list(KIND_LABELS), format_func=KIND_LABELS.get, key="sources_kind")

table = footnote_table(sources, query, kinds)
st.caption(f"{len(table)} of {len(sources)} footnotes")
if table.empty:
    st.info("No footnote matches this search. Clear the search box or the kind filter.")
else:
    st.markdown(footnote_markdown(table))
st.download_button(
    "Download these footnotes (CSV)",
    table.to_csv(index=False).encode("utf-8"),
    file_name="footnotes.csv" if not query and not kinds else "footnotes-filtered.csv",
    mime="text/csv",
    key="sources_download",
)
ui.footer()
