"""Router only: page config, navigation and one st.Page per file in pages/."""

import streamlit as st

st.set_page_config(
    page_title="Central Asia CT/CVE dashboard",
    page_icon="🛡️",
    layout="wide",
    initial_sidebar_state="expanded",
)

pages = [
    st.Page("pages/overview.py", title="Overview", icon=":material/home:", url_path="", default=True),
    st.Page("pages/map.py", title="Map: Afghan border", icon=":material/map:", url_path="map"),
    st.Page("pages/gti.py", title="Terrorism index & programmes", icon=":material/bar_chart:", url_path="gti"),
    st.Page("pages/approaches.py", title="Approaches matrix", icon=":material/grid_on:", url_path="approaches"),
    st.Page("pages/timeline.py", title="Initiatives timeline", icon=":material/timeline:", url_path="timeline"),
    st.Page("pages/countries.py", title="Country views", icon=":material/flag:", url_path="countries"),
    st.Page("pages/sources.py", title="Sources (86 footnotes)", icon=":material/menu_book:", url_path="sources"),
    # /overview opens the overview too. Streamlit serves the default page only at "/" (a
    # default page's own url_path gave "Page not found"), so /overview is this hidden page.
    st.Page("pages/overview.py", title="Overview", url_path="overview", visibility="hidden"),
]

st.navigation(pages).run()
