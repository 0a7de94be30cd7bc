"""Overview: the briefing's front page. The region in five sourced facts, one card per
country (each opens its country view) and what this dashboard is, and is not."""

import streamlit as st

from components import country_view as cv
from components import data, i18n, ui
from components import overview_view as ov
from components.layout import Link


@ui.cached_view
def build(version: str, tr: i18n.Translator) -> ov.OverviewView:
    return ov.build(
        cv.Inputs.from_data(tr.lang),
        data.gti_regions(tr.lang),
        data.flags(),
        data.provenance(),
        version,
        tr=tr,
        ca_groups=ov.ca_group_ids(data.armed_groups()),
    )


@ui.cached_view
def slides(version: str, tr: i18n.Translator) -> tuple:
    return ov.slides(build(version, tr))


def page_link(link: Link, icon: str) -> None:
    st.page_link(
        link.page,
        label=link.label,
        icon=icon,
        help=link.help,
        query_params=ui.with_present(link.query),
    )


tr = ui.translator()
ui.start_page(tr._(ov.TITLE), tr._(ov.CAPTION))  # first: it guards against broken data
ui.show_slides(slides(data.dataset_version(), tr))  # briefing mode: the slides, then stop
view = build(data.dataset_version(), tr)

st.subheader(view.facts_heading, anchor=False)
ui.wrapping_metrics("overview_facts")
ui.flowing("overview_fact_", 14)
with st.container(key="overview_facts", horizontal=True):
    for i, fact in enumerate(view.facts):
        with st.container(key=f"overview_fact_{i}"):
            st.metric(fact.label_md, fact.value, border=True, height="stretch")
            st.caption(fact.caption_md)
            if fact.link:
                page_link(fact.link, ":material/timeline:")

st.subheader(view.cards_heading, anchor=False)
ui.fitting_card_titles("overview_card_")
ui.flowing("overview_card_", 14)
with st.container(key="overview_cards", horizontal=True):
    for card in view.cards:
        with st.container(border=True, height="stretch", key=f"overview_card_{card.iso3}"):
            st.markdown(card.card_md)
            page_link(card.link, ":material/flag:")

st.subheader(view.about_heading, anchor=False)
left, right = st.columns(2, gap="large")
left.markdown(view.about_md)
right.markdown(view.flags_section_md)

ui.footer()
