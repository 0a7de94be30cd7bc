"""Security: HTML/script payloads in every free-text field of the data render as inert text.

``tests.support.injected.injected_copy`` writes a payload into every free-text field of a
copy of data/; the copy still passes validation, so every page renders it.

AppTest then opens every page (and the detail views reachable by URL) on the copy: no
exception, no error box, the payloads do reach the pages, and never as markup (see
``raw_markup_leaks``). tests/e2e/test_reliability.py serves the same copy to real Chromium
and checks that no script runs and no payload image is requested.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from components import data
from components.ui import DOC_LANG_SCRIPT
from tests.support.apptest import APP, PAGES, all_elements, assert_polite, raw_markup_leaks
from tests.support.injected import MARK, injected_copy, payload


def _views() -> list[tuple[str, str, dict[str, Any]]]:
    """(id, page, query params): every page plus the detail views a URL can open."""
    try:
        cat = data.approach_categories(matrix_only=True)["id"].iloc[0]
    except data.DataValidationError:  # collected on broken data: the tests will say so
        cat = ""
    views = [(page, page, {}) for page in PAGES]
    views += [(f"countries-{iso}", "countries", {"country": iso}) for iso in ("KAZ", "TJK")]
    views += [
        ("countries-briefing", "countries", {"country": "UZB", "present": "1"}),
        ("gti-highlight", "gti", {"countries": ",".join(data.CENTRAL_ASIA)}),
        ("approaches-cell", "approaches", {"country": data.CENTRAL_ASIA[0], "approach": cat}),
        ("timeline-search", "timeline", {"q": MARK}),
    ]
    return views


VIEWS = _views()

VIEW_PARAMS = [pytest.param(*v, id=v[0]) for v in VIEWS]


@pytest.fixture(scope="module")
def injected(tmp_path_factory) -> tuple[Path, dict[str, list[str]]]:
    root = tmp_path_factory.mktemp("injected") / "data"
    fields = injected_copy(root)
    return root, fields


@pytest.fixture
def on_injected(injected, monkeypatch) -> dict[str, list[str]]:
    monkeypatch.setenv(data.DATA_ENV, str(injected[0]))
    return injected[1]


def test_injected_copy_is_valid_and_covers_the_prose(on_injected):
    data.package()  # raises if the copy broke validation
    fields = on_injected
    # Spot-check that the prose fields are covered (a guard against a silent no-op).
    for file, name in [
        ("initiatives.csv", "title"),
        ("initiatives.csv", "summary"),
        ("sources.csv", "citation"),
        ("organisations.csv", "name"),
        ("border_notes.csv", "risk_note"),
        ("incidents.csv", "summary"),
        ("countries.csv", "name"),
        ("key_figures.csv", "label"),
    ]:
        assert name in fields[file], f"{file}.{name} is not injected: {fields[file]}"
    assert data.initiatives()["title"].str.startswith(f"{MARK}:").all()
    assert data.organisations()["name"].str.startswith(f"{MARK}:").all()


@pytest.mark.parametrize(("view", "page", "params"), VIEW_PARAMS)
def test_page_renders_payloads_as_inert_text(on_injected, view, page, params):
    at = AppTest.from_file(APP, default_timeout=90).run()
    if page != "overview":
        at.switch_page(PAGES[page])
    at.query_params.clear()
    at.query_params.update(params)
    at.run()
    # MARK alone: the page escapes the colon after it ("INJ\:"), which renders as "INJ:".
    assert_polite(at, f"{view} on injected data")
    leaks = raw_markup_leaks(at, needle=MARK)
    assert not leaks, f"{view}: data markup can render as HTML: {leaks}"
    # The payload must actually reach the page, or this test proves nothing. Every page
    # has the footer (source titles) at least.
    shown = [e for e in all_elements(at) if MARK in str(getattr(e, "proto", ""))]
    assert shown, f"{view}: no injected text reached the page"


@pytest.mark.parametrize(
    ("render", "leaks"),
    [
        ("st.markdown(P, unsafe_allow_html=True)", True),
        ("st.html(P)", True),
        ("st.warning(P)", True),
        ("st.header(P)", True),
        ("st.markdown(md_escape(P), unsafe_allow_html=True)", False),
        ("st.warning(md_escape(P))", False),
        ("st.dataframe(pd.DataFrame({'x': [P]}))", False),
        ("st.table(pd.DataFrame({'x': [P]}))", True),
        ("st.table(md_escape_frame(pd.DataFrame({'x': [P]})))", False),
        # a static table: raw data in its HTML is caught; through table_html it is text
        ("st.html(f'<table class=\"ca-table\"><tr><td>{P}</td></tr></table>')", True),
        ("st.html(table_html(md_escape_frame(pd.DataFrame({'x': [P]}))))", False),
    ],
)
def test_leak_detector_can_fail(render, leaks):
    """The checker itself: it flags data markup that reaches HTML or raw Markdown."""
    script = (
        "import pandas as pd\nimport streamlit as st\n"
        "from components.text import md_escape, md_escape_frame\n"
        "from components.md_html import table_html\n"
        f"P = {payload('canary')!r}\n{render}\n"
    )
    at = AppTest.from_string(script, default_timeout=30).run()
    assert not at.exception
    assert bool(raw_markup_leaks(at, needle=MARK)) is leaks


@pytest.mark.parametrize(
    ("body", "leaks"),
    [
        (DOC_LANG_SCRIPT.format(lang="ru"), False),
        (DOC_LANG_SCRIPT.format(lang="en"), False),
        (DOC_LANG_SCRIPT.format(lang="ru';alert(1);'"), True),
        (DOC_LANG_SCRIPT.format(lang="ru") + "<script>alert(1)</script>", True),
        ("<p onclick=alert(1)>text</p>", True),  # runs, though no tag the detector seeks
    ],
)
def test_only_the_apps_own_language_script_is_exempt(body, leaks):
    """The detector lets through the document-language script (ui.language_switch), word
    for word and for a language of i18n.LANGS only: any other HTML allowed to run
    JavaScript is a leak."""
    script = f"import streamlit as st\nst.html({body!r}, unsafe_allow_javascript=True)\n"
    at = AppTest.from_string(script, default_timeout=30).run()
    assert not at.exception
    assert bool(raw_markup_leaks(at)) is leaks
