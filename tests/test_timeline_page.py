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
from components.text import md_escape
from tests.support.apptest import static_tables

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
    """The listed initiatives: the details picker's options, one per row of the static list
    (the picker shows "date · title"; every such label names one initiative)."""
    pickers = [s for s in at.selectbox if s.key == "timeline_pick"]
    if not pickers:
        return []
    ini = data.initiatives()
    ids = {TV.pick_label(d, t): i for i, d, t in zip(ini["id"], ini["date_text"], ini["title"])}
    assert len(ids) == len(ini), "two initiatives share a picker label"
    listed = [ids[label] for label in pickers[0].options]
    (table,) = [t for t in static_tables(at) if "Title" in t.columns]
    assert len(table) == len(listed), "the list and its picker disagree"
    assert table["Title"].tolist() == [ini.set_index("id").loc[i, "title"] for i in listed]
    return sorted(listed)


def expected(**kwargs) -> tuple[str, list[str]]:
    """Count line and ids for a filter state: filters.apply, the page's one filter, which
    tests/test_filters.py checks row by row."""
    ini = data.initiatives()
    vocab = TV.vocabulary_from_data()
    kwargs = {k: tuple(v) if isinstance(v, list) else v for k, v in kwargs.items()}
    rows = F.apply(F.FilterState(**kwargs), ini, vocab)
    return F.count_text(len(rows), len(ini)), sorted(rows["id"])


def partner_ids(org: str) -> list[str]:
    """The initiatives an organisation or any body under it takes part in, read straight
    from the data (not through filters.apply, which the page runs)."""
    ini, orgs = data.initiatives(), data.organisations()
    under, grew = {org}, True
    while grew:  # the organisation and every descendant, by parent_id
        more = set(orgs.loc[orgs["parent_id"].isin(under), "id"]) - under
        under, grew = under | more, bool(more)
    return sorted(ini.loc[ini["partners"].map(lambda ps: bool(set(ps) & under)), "id"])


def without_q(params) -> dict:
    return {k: v for k, v in dict(params).items() if k != "q"}


def test_unfiltered_page_lists_everything():
    at = open_timeline()
    line, _ = expected()
    assert count_line(at) == line
    assert listed_ids(at) == sorted(data.initiatives()["id"])
    assert at.query_params == {}


def test_partner_filter_by_key_matches_the_query_helper():
    at = open_timeline()
    at.multiselect(key="timeline_partner").select("osce").run()
    assert not at.exception
    line, ids = expected(partners=["osce"])
    assert count_line(at) == line
    assert listed_ids(at) == ids == partner_ids("osce")
    assert at.query_params.get("partner") == "osce"
    assert at.download_button(key="timeline_download").proto.label.startswith(
        f"Download these {len(ids)} "
    )


def test_partner_filter_by_deep_link_matches_the_query_helper():
    at = open_timeline({"partner": "osce"})
    line, _ = expected(partners=["osce"])
    assert at.multiselect(key="timeline_partner").value == ["osce"]
    assert count_line(at) == line
    assert listed_ids(at) == partner_ids("osce")
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
    assert at.button_group(key="timeline_rows").value == "family"
    assert at.button_group(key="timeline_colour").value == "theme"
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


def test_back_to_earlier_filters_restores_them():
    """The browser's Back brings the earlier address: its filters set the widgets again
    (the page had written the later ones back, so one Back seemed to do nothing)."""
    at = open_timeline({"partner": "osce"})
    at.multiselect(key="timeline_country").select("TJK").run()
    assert without_q(at.query_params) == {"partner": "osce", "country": "TJK"}
    at.run()  # a rerun with the address the page wrote changes nothing
    assert at.multiselect(key="timeline_country").value == ["TJK"]
    at.query_params.clear()
    at.query_params["partner"] = "osce"  # Back
    at.run()
    assert at.multiselect(key="timeline_country").value == []
    assert without_q(at.query_params) == {"partner": "osce"}
    assert count_line(at) == expected(partners=["osce"])[0]


@pytest.mark.parametrize(
    ("params", "partners", "notice"),
    [
        # Two of tests/test_filters.py's MALFORMED cases, to see the page wire them: the
        # notice shown, escaped, and the widgets and URL describing the view shown.
        ({"partner": "<script>alert(1)</script>"}, [], "not a known organisation"),
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


@pytest.mark.parametrize("briefing", [False, True], ids=["page", "briefing"])
def test_empty_result_names_the_filters(briefing):
    at = open_timeline(
        {"partner": "osce_po_bishkek", "country": "TKM"} | ({"present": "1"} if briefing else {})
    )
    assert count_line(at) == F.count_text(0, len(data.initiatives()))
    # The explanation's wording is tests/test_filters.py's; here: the page shows one, and
    # points to the sidebar's "Clear all filters" only where there is a sidebar.
    [notice] = [i.value for i in at.info if "without the country filter" in i.value]
    assert (TV.CLEAR_HINT_MD in notice) is not briefing
    assert listed_ids(at) == []


def test_view_options_render_without_error():
    at = open_timeline({"partner": "osce"})
    for rows in F.ROW_MODES:
        at.button_group(key="timeline_rows").set_value(rows).run()
        assert not at.exception
    at.button_group(key="timeline_colour").set_value("theme").run()
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


def test_picking_an_initiative_shows_its_details_until_a_filter_drops_it():
    at = open_timeline({"partner": "osce_po_bishkek"})
    picker = at.selectbox(key="timeline_pick")
    assert picker.value is None and not _details(at)
    first = F.sort_for_list(
        F.apply(
            F.FilterState(partners=("osce_po_bishkek",)),
            data.initiatives(),
            TV.vocabulary_from_data(),
        )
    ).iloc[0]
    picker.set_value(first["id"]).run()
    assert not at.exception
    (card,) = _details(at)
    texts = " ".join(m.value for m in card.markdown)
    assert md_escape(first["title"]) in texts and "**Sources**" in texts
    # A filter that leaves it out of the view empties the pick (Streamlit resets a widget
    # whose options change): no card for a hidden row.
    at.multiselect(key="timeline_partner").set_value(["un"]).run()
    assert not at.exception
    assert at.selectbox(key="timeline_pick").value is None and not _details(at)


def _details(at: AppTest) -> list:
    """The details card: the block whose id ends with its key (st.container(key=...))."""

    def blocks(node):
        for child in getattr(node, "children", {}).values():
            yield child
            yield from blocks(child)

    return [b for b in blocks(at.main) if getattr(b.proto, "id", "").endswith("-timeline_details")]
