"""Briefing deck: the slides in the URL's deck, reordered, removed, shared and presented.
Words: components/deck_view.py. URL: ?deck=overview~map?part=border~countries?country=KAZ
(kept across pages by the frame, like ?present=1)."""

import streamlit as st

from components import data, deck_slides, handout, i18n, ui
from components import deck as dk
from components import deck_view as DV

tr = ui.translator()
L = DV.labels(tr)


@ui.cached_view
def words(version: str, tr: i18n.Translator) -> DV.SettingWords:
    """The slide settings' values by name (countries, approaches, partners...)."""
    return DV.setting_words(tr)


@ui.cached_view
def slide(entry: dk.Slide, version: str, tr: i18n.Translator):
    """A deck entry's slide, as its page draws it (None: the page has none), and what its
    link asked for and did not get."""
    return deck_slides.slide_with_notices(entry, tr)


def _set(deck: dk.Deck) -> None:
    ui.set_frame_param("deck", deck.encode() or None)
    ui.set_frame_param("slide", None)


def _edit(change, index: int, *args) -> None:
    _set(change(ui.current_deck()[0], index, *args))


ui.start_page(L.title, L.caption)
# briefing mode with a deck: the player (moving on reruns only the slide), then stop
ui.present_deck(lambda entry: slide(entry, data.dataset_version(), tr))


@st.fragment
def deck_editor() -> None:
    """The deck's rows and actions: reordering, removing or loading reruns only this part."""
    deck, _, notices = ui.current_deck()
    v = DV.build(deck, notices, words(data.dataset_version(), tr), tr)
    for notice in v.notices:
        st.info(notice, icon=":material/link_off:")

    actions = st.container(horizontal=True)
    actions.button(
        L.regional,
        key="deck_regional",
        icon=":material/auto_awesome:",
        help=L.regional_help,
        on_click=_set,
        args=(DV.regional_briefing(),),
    )
    if v.rows:
        present = actions.button(
            L.present, key="deck_present", type="primary", icon=":material/slideshow:"
        )
        actions.button(
            L.clear,
            key="deck_clear",
            icon=":material/delete_sweep:",
            on_click=_set,
            args=(dk.Deck(),),
        )
        if present:
            ui.go_to_slide(0)

    if v.rows:
        st.subheader(v.summary, anchor=False)
    else:
        st.info(v.summary, icon=":material/slideshow:")
    for row in v.rows:
        i = row.number - 1
        with st.container(horizontal=True, vertical_alignment="center", key=f"deck_row_{i}"):
            st.markdown(row.label, width=460)
            st.button(
                L.up,
                key=f"deck_up_{i}",
                icon=":material/arrow_upward:",
                disabled=i == 0,
                on_click=_edit,
                args=(dk.move, i, -1),
                width="content",
            )
            st.button(
                L.down,
                key=f"deck_down_{i}",
                icon=":material/arrow_downward:",
                disabled=row.number == len(v.rows),
                on_click=_edit,
                args=(dk.move, i, 1),
                width="content",
            )
            st.button(
                L.remove,
                key=f"deck_remove_{i}",
                icon=":material/close:",
                on_click=_edit,
                args=(dk.remove, i),
                width="content",
            )
        if row.warning:
            st.caption(":material/warning: " + row.warning)

    if v.rows:
        st.download_button(
            L.handout,
            # built on click only: vl-convert draws every chart of the deck as a PNG
            data=deck_slides.handout_download(deck, L.title, tr),
            file_name=handout.handout_filename(deck),
            mime="text/html",
            key="deck_handout",
            on_click="ignore",
            icon=":material/print:",
            help=L.handout_help,
        )
        st.subheader(L.share, anchor=False)
        st.code(v.share_url(st.context.url or "/deck"), language=None, wrap_lines=True)
        st.caption(L.advance_help)


deck_editor()
ui.footer()
