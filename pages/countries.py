"""Country views: one Central Asian state's story from the paper, one screen per country.

?country=KAZ|UZB|TJK|KGZ|TKM picks the state (selectbox key `country` stays in step with
the URL); previous/next walk the five in the paper's order. In briefing mode the view is
a dense three-column screen; long lists go to the printable brief.
"""

import datetime as dt

import streamlit as st

from components import brief, data, ui
from components import country_view as cv
from components.text import md_escape, md_escape_frame


@ui.cached_view
def map_geometry(version: str) -> cv.MapGeometry:
    """The mini map's rounded, simplified geometry, once per dataset version (read-only)."""
    return cv.map_geometry(data.geo("geo_countries"), data.geo("geo_borders"))


@ui.cached_view
def build(iso: str, briefing: bool, version: str) -> tuple[cv.CountryView, dict, dict]:
    """One country's view with its mini map and timeline specs, once per (country, mode,
    dataset version). Shared by every session: read-only."""
    view = cv.build_view(iso, cv.Inputs.from_data())
    mini_map = cv.mini_map(iso, map_geometry(version), height=225 if briefing else 300,
                           font_size=15)
    timeline = (cv.timeline_chart(view.initiatives, font_size=15, row_height=22, label_limit=250)
                if briefing else cv.timeline_chart(view.initiatives))
    return view, mini_map, timeline.to_dict()


ui.start_page(
    "Country views",
    "One state's story from the paper: headline figures, approaches, initiatives, the "
    "Afghan border and human rights, every claim with its footnote.",
)

version = data.dataset_version()
names = cv.country_names(data.countries())
briefing = ui.briefing()

# ---- which country: the URL first, then the selector's remembered value
iso, notice = cv.resolve_country(st.query_params.get("country"))
if iso is None and notice is None and st.session_state.get("country") in cv.ORDER:
    iso = st.session_state["country"]
st.session_state["country"] = iso
if iso:
    st.query_params["country"] = iso
elif "country" in st.query_params:
    del st.query_params["country"]


def _chosen() -> None:
    if st.session_state.get("country") in cv.ORDER:
        st.query_params["country"] = st.session_state["country"]


def _go(delta: int) -> None:
    new = cv.step(st.session_state.get("country") or cv.ORDER[0], delta)
    st.session_state["country"] = new
    st.query_params["country"] = new


def chooser(label_visibility: str = "visible") -> None:
    st.selectbox(
        "Country",
        cv.ORDER,
        format_func=names.get,
        key="country",
        placeholder="Choose one of the five states",
        on_change=_chosen,
        label_visibility=label_visibility,
    )


if iso is None:
    # ---- chooser: no country yet, or an unknown code in the URL
    if notice:
        st.warning(md_escape(notice), icon=":material/help:")
    chooser()
    cols = st.columns(len(cv.ORDER))
    for col, code in zip(cols, cv.ORDER, strict=True):
        col.page_link("pages/countries.py", label=names[code], icon=":material/flag:",
                      query_params=ui.with_present({"country": code}))
    ui.footer()
    st.stop()

view, mini_map, timeline = build(iso, briefing, version)
prev_iso, next_iso = cv.step(iso, -1), cv.step(iso, 1)
paper = next(s for s in data.provenance()["sources"] if s["id"] == "paper")


def brief_bytes() -> bytes:
    """Built on click only: vl-convert renders the two charts as static PNGs."""
    html = brief.build_html(
        view,
        generated=dt.date.today(),
        dataset_version=version,
        paper_citation=" ".join(paper["title"].split()),
        paper_url=paper["path"],
        map_png=brief.chart_png(cv.mini_map(iso, map_geometry(version), height=300, width=300,
                                            font_size=13)),
        timeline_png=brief.chart_png(cv.timeline_chart(view.initiatives, font_size=12,
                                                       row_height=20, label_limit=380,
                                                       width=300)),
    )
    return html.encode("utf-8")


# ---- header: name, previous/next, chooser, brief


def controls(places) -> None:
    """Previous/next country, the chooser and the brief, one widget per place."""
    places[0].button(names[prev_iso], key="country_prev", icon=":material/arrow_back:",
                     on_click=_go, args=(-1,), width="stretch", help="Previous country")
    places[1].button(names[next_iso], key="country_next", icon=":material/arrow_forward:",
                     icon_position="right", on_click=_go, args=(1,), width="stretch",
                     help="Next country")
    places[2].selectbox("Country", cv.ORDER, format_func=names.get, key="country",
                        on_change=_chosen, label_visibility="collapsed")
    places[3].download_button(
        "Download brief",
        data=brief_bytes,
        file_name=f"country-brief-{iso}-{dt.date.today().isoformat()}.html",
        mime="text/html",
        key="brief_download",
        icon=":material/download:",
        on_click="ignore",
        help="Self-contained HTML brief for A4 printing; opens offline",
    )


@ui.cached_view
def slides(iso: str, version: str) -> tuple:
    return cv.slides(cv.build_view(iso, cv.Inputs.from_data()), map_geometry(version))


# Briefing mode: the country's slide, with these controls on its title row.
ui.show_slides(slides(iso, version), lambda: controls([st.container(width=w) for w in
                                                       (230, 230, 240, 260)]))

head = st.columns([1.9, 1.1, 1.1, 1.15, 1.15, 1.6 if briefing else 0.01],
                  vertical_alignment="center")
head[0].header(md_escape(view.name), anchor=False)
controls(head[1:5])

# ---- headline figures (every metric names its table or footnote)
key_figs = view.key_figures[:3] if briefing else view.key_figures
cards = cv.metric_cards(view, combine_gti=briefing, key_figures=key_figs)
ui.wrapping_metrics("country_figures")
per_row = len(cards) if briefing else 4
with st.container(key="country_figures"):
    for start in range(0, len(cards), per_row):
        row = cards[start : start + per_row]
        for col, card in zip(st.columns(per_row), row, strict=False):
            col.metric(card.label, card.value, card.delta, delta_color="off",
                       delta_arrow="off", border=True, help=card.help)
if not briefing:
    for note in cv.figure_notes(view):
        st.caption(note)
elif len(view.key_figures) > len(key_figs):
    extra = len(view.key_figures) - len(key_figs)
    st.caption(f"{extra} more key figure(s) in the printable brief.")

n_dated = int(view.initiatives["dated"].sum())
n_undated = len(view.initiatives) - n_dated

if briefing:
    # ---- one 16:9 screen: three dense columns, long lists in the brief
    c1, c2, c3 = st.columns([1.0, 1.0, 1.25])
    with c1:
        st.subheader("Approaches (Table 4)", anchor=False)
        st.markdown(cv.table4_md(view))
        st.markdown(cv.approaches_md(view, compact=True))
    with c2:
        st.subheader("Afghan border", anchor=False)
        ui.vega_chart(mini_map, width="stretch", key="country_map")
        st.markdown(cv.border_md(view, compact=True))
    with c3:
        st.subheader(f"Initiatives ({len(view.initiatives)})", anchor=False)
        ui.vega_chart(timeline, width="stretch", key="country_timeline")
        st.subheader("Human rights", anchor=False)
        st.markdown(cv.rights_md(view, compact=True))
    st.caption(
        f"Sources: the paper's footnotes {', '.join(str(n) for n in view.footnotes)} — "
        "full references in the printable brief."
    )
else:
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.subheader("Approaches", anchor=False)
        st.markdown(cv.table4_md(view))
        st.markdown(cv.approaches_md(view))
        first_cat = view.approaches["category"].iloc[0] if len(view.approaches) else None
        params = {"country": iso} | ({"approach": first_cat} if first_cat else {})
        st.page_link("pages/approaches.py", label=f"{view.name} in the approaches matrix",
                     icon=":material/grid_on:", query_params=ui.with_present(params))
        st.subheader("Human rights", anchor=False)
        st.markdown(cv.rights_md(view))
    with right:
        st.subheader("Where", anchor=False)
        ui.vega_chart(mini_map, width="stretch", key="country_map")
        st.caption("Boundaries: Natural Earth, simplified. Orange line: shared border with "
                   "Afghanistan.")
        st.subheader("The Afghan border", anchor=False)
        st.markdown(cv.border_md(view))
        st.page_link("pages/map.py", label="Map of the Afghan border",
                     icon=":material/map:", query_params=ui.with_present())

    # Full width: the titles alone need about 420 px, which left the bars a sliver in a
    # column on a 1280 px screen.
    st.subheader(f"Initiatives ({len(view.initiatives)})", anchor=False)
    ui.vega_chart(timeline, width="stretch", key="country_timeline")
    st.caption(
        f"{n_dated} dated initiative(s) drawn as bands over the whole period the paper "
        f"gives (a year-dated item covers the year); {n_undated} undated item(s) are "
        f"listed only. Colour = scope. {cv.FLAG} = flagged."
    )
    # A static table, not a data grid: every row and the whole flag note stay in view
    # (and in print), in the page's own type size.
    st.table(md_escape_frame(cv.initiatives_table(view)), hide_index=True, border="horizontal")
    st.page_link("pages/timeline.py", label=f"{view.name} on the initiatives timeline",
                 icon=":material/timeline:", query_params=ui.with_present({"country": iso}))
    st.subheader(f"Sources ({len(view.references)} footnotes)", anchor=False)
    st.markdown(cv.references_md(view))

ui.footer()
