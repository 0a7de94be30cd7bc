"""Router only: page config, navigation and one st.Page per file in pages/."""

import streamlit as st

st.set_page_config(
    page_title="Central Asia CT/CVE dashboard",
    page_icon="🛡️",
    layout="wide",
    initial_sidebar_state="expanded",
)

home = st.Page("pages/overview.py", title="Overview", icon=":material/home:", url_path="home", default=True)
pages = [
    home,
    st.Page("pages/map.py", title="Map: Afghan border", icon=":material/map:", url_path="map"),
    st.Page("pages/gti.py", title="Terrorism index & programmes", icon=":material/bar_chart:", url_path="gti"),
    st.Page("pages/approaches.py", title="Approaches matrix", icon=":material/grid_on:", url_path="approaches"),
    st.Page("pages/timeline.py", title="Initiatives timeline", icon=":material/timeline:", url_path="timeline"),
    st.Page("pages/countries.py", title="Country views", icon=":material/flag:", url_path="countries"),
    st.Page("pages/sources.py", title="Sources (86 footnotes)", icon=":material/menu_book:", url_path="sources"),
    # /overview is the overview too: Streamlit serves the default page only at "/", so this
    # hidden alias catches /overview and hands over to "/" with the same query string.
    st.Page("pages/overview.py", title="Overview", url_path="overview", visibility="hidden"),
]

page = st.navigation(pages)
if page is pages[-1]:
    st.switch_page(home, query_params=st.query_params.to_dict())
page.run()
