"""Placeholder until its issue lands: the page exists so routing and deep links work."""

import streamlit as st

from components import ui

ui.start_page("Countries", "This view is being built.")
st.info("This page is under construction.")
ui.footer()
