"""AppTest of the Initiatives timeline page: every widget by key, deep links, bad links.

The search box is bound to ?q= (bind="query-params"): Streamlit writes that parameter in
the browser, so AppTest sees the box's value but not its URL (tests/e2e/test_timeline.py
checks the address bar). Every other parameter is written by the page and checked here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components import data
from components import filters as F
from components import timeline_view as TV

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PAGE = "pages/timeline.py"


def open_timeline(params: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def count_line(at: AppTest) -> str:
    return next(s.value for s in at.subheader if s.value.endswith(" initiatives"))


def listed_ids(at: AppTest) -> list[str]:
    return sorted(at.dataframe[0].value["id"]) if len(at.dataframe) else []


def expected(**kwargs) -> tuple[str, list[str]]:
    """Count line and ids for a filter state: filters.apply, the page's one filter, which
    tests/test_filters.py checks row by row."""
    ini = data.initiatives()
    vocab = TV.vocabulary_from_data()
    kwargs = {k: tuple(v) if isinstance(v, list) else v for k, v in kwargs.items()}
    rows = F.apply(F.FilterState(**kwargs), ini, vocab)
    return F.count_text(len(rows), len(ini)), sorted(rows["id"])


def without_q(params) -> dict:
    return {k: v for k, v in dict(params).items() if k != "q"}


def test_unfiltered_page_lists_everything():
    at = open_timeline()
    line, ids = expected()
    assert count_line(at) == line
    assert listed_ids(at) == ids
    assert at.query_params == {}


def test_partner_filter_by_key_matches_the_query_helper():
    at = open_timeline()
    at.multiselect(key="timeline_partner").select("osce").run()
    assert not at.exception
    line, ids = expected(partners=["osce"])
    assert count_line(at) == line
    assert listed_ids(at) == ids
    assert at.query_params.get("partner") == "osce"
    assert at.download_button(key="timeline_download").proto.label.startswith(
        f"Download these {len(ids)} "
    )


def test_partner_filter_by_deep_link_matches_the_query_helper():
    at = open_timeline({"partner": "osce"})
    line, ids = expected(partners=["osce"])
    assert at.multiselect(key="timeline_partner").value == ["osce"]
    assert count_line(at) == line
    assert listed_ids(at) == ids
    assert any("partner: OSCE" in m.value for m in at.markdown)


def test_deep_link_restores_every_filter_and_view_option():
    params = {
        "partner": "un",
        "country": "TJK,UZB",
        "theme": "cbrn,border_security",
        "type": "equipment,event",
        "from": "2020",
        "to": "2024",
        "q": "nuclear",
        "rows": "family",
        "colour": "theme",
        "incidents": "1",
    }
    at = open_timeline(params)
    assert at.multiselect(key="timeline_country").value == ["TJK", "UZB"]
    assert at.multiselect(key="timeline_theme").value == ["cbrn", "border_security"]
    assert at.multiselect(key="timeline_type").value == ["equipment", "event"]
    assert at.slider(key="timeline_years").value == (2020, 2024)
    assert at.text_input(key="q").value == "nuclear"
    assert at.radio(key="timeline_rows").value == "family"
    assert at.radio(key="timeline_colour").value == "theme"
    assert at.checkbox(key="timeline_incidents").value is True
    line, ids = expected(
        partners=["un"],
        countries=["TJK", "UZB"],
        themes=["cbrn", "border_security"],
        types=["equipment", "event"],
        year_from=2020,
        year_to=2024,
        text="nuclear",
    )
    assert line != expected()[0]  # the link did filter
    assert count_line(at) == line and listed_ids(at) == ids
    assert at.query_params == params  # the link is kept as given


def test_changing_widgets_updates_the_url():
    at = open_timeline({"partner": "osce"})
    at.multiselect(key="timeline_country").select("TJK").run()
    at.slider(key="timeline_years").set_value((2023, 2027)).run()
    at.text_input(key="q").input("workshop").run()
    assert without_q(at.query_params) == {"partner": "osce", "country": "TJK", "from": "2023"}
    line, ids = expected(partners=["osce"], countries=["TJK"], year_from=2023, text="workshop")
    assert count_line(at) == line and listed_ids(at) == ids
    at.button(key="timeline_clear").click().run()
    assert without_q(at.query_params) == {}
    assert at.text_input(key="q").value == ""
    assert count_line(at) == expected()[0]


@pytest.mark.parametrize(
    ("params", "partners", "notice"),
    [
        ({"partner": "osce,nosuch"}, ["osce"], "nosuch"),
        ({"partner": "<script>alert(1)</script>"}, [], "not a known organisation"),
        ({"partner": "osce", "from": "2024", "to": "2020"}, ["osce"], "reversed"),
        ({"partner": "osce", "from": "abc"}, ["osce"], "four digits"),
        ({"partner": "osce", "q": "x" * 10_000}, ["osce"], "10,000 characters"),
        ({"partner": "osce", "q": "<img src=x onerror=alert(1)>"}, ["osce"], "markup"),
    ],
)
def test_malformed_links_fall_back_with_a_notice(params, partners, notice):
    at = open_timeline(params)
    assert at.multiselect(key="timeline_partner").value == partners
    captions = " ".join(c.value for c in at.caption)
    assert notice in captions
    assert not re.search(r"(?<!\\)[<>]", captions)  # every angle bracket escaped for Markdown
    assert count_line(at) == expected(partners=partners)[0]
    # The widgets (and so the URL) describe the view actually shown.
    assert without_q(at.query_params) == ({"partner": "osce"} if partners else {})
    assert at.text_input(key="q").value == ""


def test_empty_result_names_the_filters():
    at = open_timeline({"partner": "osce_po_bishkek", "country": "TKM"})
    assert count_line(at) == F.count_text(0, len(data.initiatives()))
    message = " ".join(i.value for i in at.info)
    assert "country" in message and "partner" in message
    assert "without the country filter there would be 1 initiative\\." in message
    assert not at.dataframe


def test_view_options_render_without_error():
    at = open_timeline({"partner": "osce"})
    for rows in F.ROW_MODES:
        at.radio(key="timeline_rows").set_value(rows).run()
        assert not at.exception
    at.radio(key="timeline_colour").set_value("theme").run()
    at.checkbox(key="timeline_incidents").check().run()
    assert not at.exception
    assert at.query_params == {
        "partner": "osce",
        "rows": "organisation",
        "colour": "theme",
        "incidents": "1",
    }


def test_theme_and_type_filters_by_key():
    at = open_timeline()
    at.multiselect(key="timeline_theme").select("prevention").run()
    at.multiselect(key="timeline_type").select("programme").run()
    line, ids = expected(themes=["prevention"], types=["programme"])
    assert count_line(at) == line and listed_ids(at) == ids and ids
    assert at.query_params == {"theme": "prevention", "type": "programme"}


def test_search_box_refuses_markup_with_a_notice():
    at = open_timeline({"partner": "osce"})
    at.text_input(key="q").input("<b>border</b>").run()
    assert not at.exception
    assert any("markup" in c.value for c in at.caption)
    assert count_line(at) == expected(partners=["osce"])[0]
