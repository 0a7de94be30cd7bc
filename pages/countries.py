"""Country views: one state's story from the paper. ?country=KAZ|UZB|TJK|KGZ|TKM (a code the
URL keeps while the selectbox shows the name: ui.query_value/sync_query, not binding)."""

import datetime as dt
from functools import partial

import streamlit as st

from components import country_page as cp
from components import country_view as cv
from components import data, ui


@ui.cached_view
def map_geometry(version: str) -> cv.MapGeometry:
    """The mini map's rounded, simplified geometry, once per dataset version (read-only)."""
    return cv.map_geometry(data.geo("geo_countries"), data.geo("geo_borders"))


@ui.cached_view
def build(iso: str, version: str, tr, briefing: bool) -> tuple[cv.CountryView, cp.CountryPage]:
    """One country's view and screen, per (country, dataset version, language, mode)."""
    view = cv.build_view(iso, cv.Inputs.from_data(tr.lang), tr)
    names = cv.country_names(data.countries(tr.lang))
    return view, cp.build(view, names, map_geometry(version), briefing=briefing, tr=tr)


tr = ui.translator()
ui.start_page(tr._(cp.TITLE), tr._(cp.INTRO))
version = data.dataset_version()
names = cv.country_names(data.countries(tr.lang))
today = dt.date.today()

# Which country: the URL first, then the selector's remembered value.
iso, notice = cv.resolve_country(ui.query_value(cp.PARAM), tr=tr)
if iso is None and notice is None and st.session_state.get("country") in cv.ORDER:
    iso = st.session_state["country"]
st.session_state["country"] = iso
ui.sync_query({cp.PARAM: iso})


def _chosen() -> None:
    if st.session_state.get("country") in cv.ORDER:
        ui.sync_query({cp.PARAM: st.session_state["country"]})


def _go(delta: int) -> None:
    st.session_state["country"] = cv.step(st.session_state.get("country") or cv.ORDER[0], delta)
    ui.sync_query({cp.PARAM: st.session_state["country"]})


def chooser(label_visibility: str = "visible") -> None:
    st.selectbox(
        tr._(cp.CHOOSER_LABEL),
        cv.ORDER,  # values stay ISO codes (?country=UZB) whatever the language
        format_func=names.get,
        key="country",
        placeholder=tr._(cp.CHOOSER_PLACEHOLDER),
        on_change=_chosen,
        label_visibility=label_visibility,
    )


def controls(places) -> None:
    """Previous/next country, the chooser and the brief, one widget per place."""
    iso = st.session_state["country"]
    view, page = build(iso, version, tr, ui.briefing())
    ui.step_buttons(places[:2], ("country_prev", "country_next"), page.steps, _go)
    with places[2]:
        chooser("collapsed")
    places[3].download_button(
        tr._(cp.BRIEF_LABEL),
        # built on click only: vl-convert renders the brief's two charts as static PNGs
        data=partial(
            cp.brief_bytes,
            view,
            map_geometry(version),
            version,
            data.provenance(),
            today,
            tr,
            names,
        ),
        file_name=cp.brief_file_name(iso, today, tr.lang),
        mime="text/html",
        key="brief_download",
        icon=":material/download:",
        on_click="ignore",
        help=tr._(cp.BRIEF_HELP),
    )


@ui.cached_view
def slides(iso: str, version: str, tr) -> tuple:
    names = cv.country_names(data.countries(tr.lang))
    return cv.slides(build(iso, version, tr, ui.briefing())[0], map_geometry(version), tr, names)


@st.fragment
def country() -> None:
    """The chooser or one country's view: picking or stepping reruns only this part."""
    iso = st.session_state["country"]
    if iso is None:
        start = cp.chooser(names, notice)
        if start.notice:
            st.warning(start.notice, icon=":material/help:")
        chooser()
        ui.link_row(start.links)
        return
    page = build(iso, version, tr, ui.briefing())[1]
    # Briefing mode: the country's slide, with these controls on its title row.
    places = (230, 230, 240, 260)
    ui.show_slides(
        slides(iso, version, tr), lambda: controls([st.container(width=w) for w in places])
    )
    # The name on its own row leaves the controls room for labels that say what they do.
    st.header(page.name, anchor=False)
    controls(st.columns([1.55, 1.4, 0.95, 1.1], vertical_alignment="center"))
    ui.metric_grid("country_figures", page.card_rows, page.per_row)
    for note in page.figure_notes:
        st.caption(note)

    ui.place_rows(page.body)


country()
ui.footer()
