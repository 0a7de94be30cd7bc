"""Overview: the briefing's front page. The region in five sourced facts, one card per
country (each opens its country view) and what this dashboard is, and is not."""

import streamlit as st

from components import country_view as cv
from components import data, ui
from components.text import footnote_links_label, md_escape, score
from components.vocab import STANCE_LABELS

ui.start_page(
    "Countering terrorism and extremism in Central Asia",
    "A briefing dashboard built from one research paper (Security and Human Rights Monitor). "
    "Every number is as published and carries its footnote.",
)

inputs = cv.Inputs.from_data()
sources = inputs.sources
names = cv.country_names(inputs.countries)

# ---- the region in five facts
st.subheader("The region in five facts", anchor=False)
facts = cv.overview_facts(inputs, data.gti_regions())
ui.wrapping_metrics("overview_facts")
with st.container(key="overview_facts"):
    for col, fact in zip(st.columns(len(facts)), facts, strict=True):
        with col:
            st.metric(md_escape(fact.label), fact.value, border=True)
            if len(fact.footnotes) <= 6:
                notes = footnote_links_label(fact.footnotes, sources)
                if fact.source.startswith("Table"):
                    notes = f"{md_escape(fact.source.split(',')[0])}, {notes}"
                st.caption(notes[0].upper() + notes[1:])
            else:
                st.caption(f"From {len(fact.footnotes)} footnotes: each initiative cites its own.")
                st.page_link("pages/timeline.py", label="Initiatives timeline",
                             icon=":material/timeline:", query_params=ui.with_present())

# ---- five country cards
st.subheader("The five states", anchor=False)
gti = inputs.gti.set_index("iso3")
t4 = inputs.table4.set_index("iso3")
ini = inputs.initiatives
ui.fitting_card_titles("overview_card_")
cols = st.columns(len(cv.ORDER))
for col, iso in zip(cols, cv.ORDER, strict=True):
    n_ini = int(ini["countries"].map(lambda cs, i=iso: i in cs).sum())
    gti_text = f"GTI 2023: **{score(gti.loc[iso, 'score_2023'])}**" if iso in gti.index \
        else "GTI 2023: **not in Table 1**"
    with col.container(border=True, key=f"overview_card_{iso}"):
        st.markdown(f"#### {md_escape(names[iso])}")
        st.markdown(
            f"{gti_text}  \n"
            f"Table 4: “{md_escape(t4.loc[iso, 'approaches_as_printed'])}”  \n"
            f"{n_ini} initiatives in the paper"
        )
        st.page_link("pages/countries.py", label="Country view", icon=":material/flag:",
                     help=f"Open the country view for {names[iso]}",
                     query_params=ui.with_present({"country": iso}))

# ---- what this is, and what it is not
st.subheader("What this dashboard is, and what it is not", anchor=False)
paper = next(s for s in data.provenance()["sources"] if s["id"] == "paper")
limits = inputs.human_rights.set_index("id")
tkm_limit = (limits.loc["hr_tkm_closed_information", "summary"]
             if "hr_tkm_closed_information" in limits.index else None)
left, right = st.columns(2, gap="large")
with left:
    st.markdown(
        f"**It is** a briefing tool built from one paper: "
        f"{md_escape(' '.join(paper['title'].split()))}, [doi:10.58866/ZNHX7290]"
        f"({paper['path']}). Figures, dates and names are shown as published, each with the "
        f"paper's footnote or table; dates are never more precise than the paper. "
        f"Dataset version {md_escape(data.dataset_version())}."
    )
    st.markdown(
        "**It is not** a live feed, a threat assessment or a complete record of every "
        "programme in the region: it shows what one paper reports, up to its writing. "
        "Where the paper says nothing, the dashboard says “not found”, never “no”."
        + (f" **{STANCE_LABELS['limitation']}:** {md_escape(tkm_limit)}" if tkm_limit else "")
    )
with right:
    flags = data.flags()
    st.markdown(f"**{len(flags)} flags raised while curating.** Where a published number "
                "fails a plausibility rule, or the text and a cited source disagree, both "
                "versions are kept and flagged:")
    st.markdown("\n".join(
        f"- {cv.FLAG} *{md_escape(r.resource)} · {md_escape(r.row)}*: {md_escape(r.note)}"
        for r in flags.itertuples()
    ))

ui.footer()
