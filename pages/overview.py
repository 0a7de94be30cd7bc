"""Overview: what the dashboard covers and where to start."""

import streamlit as st

from components import data, ui
from components.format import md_escape

ui.start_page(
    "Countering terrorism and extremism in Central Asia",
    "A briefing dashboard built from one research paper (Security and Human Rights Monitor). "
    "Every number is as published and carries its footnote.",
)

counts = {
    "Initiatives": len(data.initiatives()),
    "Footnotes": len(data.sources()),
    "Countries in Table 1": len(data.gti_countries()),
    "Flags raised": len(data.flags()),
}
cols = st.columns(len(counts))
for col, (label, value) in zip(cols, counts.items(), strict=True):
    col.metric(label, value)

st.subheader("Flags raised while curating")
st.caption("Where a published number fails a plausibility rule, or the text and a cited source disagree, both are kept and flagged.")
for row in data.flags().itertuples():
    st.warning(f"**{md_escape(row.resource)} · {md_escape(row.row)}** — {md_escape(row.note)}", icon=":material/flag:")

ui.footer()
