"""Router only: page config, navigation and one st.Page per file in pages/."""

import streamlit as st

from components import ui, vocab

T = ui.page_titles()  # in the session's language (?lang=ru)
st.set_page_config(
    page_icon="🛡️",
    layout="wide",
    initial_sidebar_state="auto",  # open on a screen, closed on a phone or at 400 % zoom
)

pages = [
    st.Page(
        "pages/overview.py", title=T["overview"], icon=":material/home:", url_path="", default=True
    ),
    st.Page("pages/map.py", title=T["map"], icon=":material/map:", url_path="map"),
    st.Page("pages/gti.py", title=T["gti"], icon=":material/bar_chart:", url_path="gti"),
    st.Page(
        "pages/approaches.py",
        title=T["approaches"],
        icon=":material/grid_on:",
        url_path="approaches",
    ),
    st.Page(
        "pages/timeline.py", title=T["timeline"], icon=":material/timeline:", url_path="timeline"
    ),
    st.Page(
        "pages/countries.py", title=T["countries"], icon=":material/flag:", url_path="countries"
    ),
    st.Page("pages/deck.py", title=T["deck"], icon=":material/slideshow:", url_path="deck"),
    st.Page(
        "pages/sources.py", title=T["sources"], icon=":material/menu_book:", url_path="sources"
    ),
    # /overview opens the overview too. Streamlit serves the default page only at "/" (a
    # default page's own url_path gave "Page not found"), so /overview is this hidden page.
    st.Page("pages/overview.py", title=T["overview"], url_path="overview", visibility="hidden"),
]

page = st.navigation(pages)
# WCAG 2.4.2: a browser tab (and a screen reader's window list) names the page, then the app.
st.set_page_config(page_title=f"{page.title} · {ui.translator()._(vocab.APP_TITLE)}")
with ui.routed():  # the page knows it runs through here (ui.start_page)
    page.run()
