"""AppTests for pages/countries.py: deep links, chooser fallback, prev/next, briefing mode."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from components import country_page as cp
from components import country_view as cv
from components import data

NAMES = data.countries().set_index("iso3")["name"]


def open_countries(query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file("../app.py", default_timeout=120)
    at.run()
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.switch_page("pages/countries.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    return "\n".join(parts).replace("\\", "")


def test_a_linked_country_shows_the_figures_its_view_built():
    """The page shows the cards the view built (what they say, state by state, is
    tests/test_country_view.py's; the rest of the screen, tests/test_country_page.py's)."""
    at = open_countries({"country": "TJK"})
    assert at.header[0].value == NAMES["TJK"]
    assert at.selectbox(key="country").value == "TJK" and at.query_params["country"] == "TJK"
    cards = cv.metric_cards(cv.build_view("TJK", cv.Inputs.from_data()))
    assert [(m.label, m.value) for m in at.metric] == [(c.label, c.value) for c in cards]


def test_unknown_code_falls_back_to_chooser():
    """Which codes are refused is tests/test_country_view.py's table of cases."""
    at = open_countries({"country": "XYZ"})
    assert not at.exception
    notice = cp.chooser(cv.country_names(data.countries()), cv.resolve_country("XYZ")[1]).notice
    assert [w.value for w in at.warning] == [notice]
    chooser = at.selectbox(key="country")
    assert chooser.value is None
    assert not at.metric  # no half-built view
    # choosing a country from the chooser opens its view and fixes the URL
    chooser.select("KGZ").run()
    assert not at.exception
    assert at.header[0].value == NAMES["KGZ"]
    assert at.query_params["country"] == "KGZ"


def test_no_country_shows_chooser_without_notice():
    at = open_countries()
    assert not at.warning and at.selectbox(key="country").value is None


def test_next_and_previous_step_one_state_in_paper_order():
    """The order and the wrap-around are tests/test_country_view.py's."""
    at = open_countries({"country": "KAZ"})
    for key, iso in [("country_next", "UZB"), ("country_prev", "KAZ")]:
        at.button(key=key).click().run()
        assert not at.exception
        assert at.query_params["country"] == at.selectbox(key="country").value == iso
        assert at.header[0].value == NAMES[iso]


def test_selectbox_change_updates_url():
    at = open_countries({"country": "KAZ"})
    at.selectbox(key="country").select("TJK").run()
    assert at.query_params["country"] == "TJK"
    assert at.header[0].value == NAMES["TJK"]


def test_present_holds_across_country_change_and_pages():
    at = open_countries({"country": "UZB", "present": "1"})
    assert at.session_state["present"] is True
    assert at.button(key="present_exit")  # the visible exit control
    at.button(key="country_next").click().run()
    assert at.query_params.get("present") == "1"
    assert at.query_params["country"] == "TJK"
    at.button(key="country_prev").click().run()
    assert at.query_params.get("present") == "1"
    at.selectbox(key="country").select("TKM").run()
    assert at.query_params.get("present") == "1"
    # navigation drops query parameters; briefing mode comes back from session state
    at.switch_page("pages/overview.py").run()
    assert not at.exception
    assert at.query_params.get("present") == "1"
    at.switch_page("pages/countries.py").run()
    assert at.query_params.get("present") == "1"


def test_exit_control_leaves_briefing_mode():
    at = open_countries({"country": "KGZ", "present": "1"})
    at.button(key="present_exit").click().run()
    assert "present" not in at.query_params
    assert at.session_state["present"] is False
    assert not [b for b in at.button if b.key == "present_exit"]
    assert at.query_params["country"] == "KGZ"


def test_sidebar_toggle_switches_briefing_mode():
    at = open_countries({"country": "KAZ"})
    assert "present" not in at.query_params
    at.toggle(key="present").set_value(True).run()
    assert at.query_params.get("present") == "1"
    at.button(key="country_next").click().run()
    assert at.query_params.get("present") == "1"
    at.toggle(key="present").set_value(False).run()
    assert "present" not in at.query_params


def test_briefing_view_is_compact_and_points_to_the_brief():
    at = open_countries({"country": "UZB", "present": "1"})
    kf = data.key_figures()
    n_kf = int((kf["country"] == "UZB").sum())
    # The slide (country_view.slides): the GTI card carries both changes, then one key
    # figure per remaining column.
    assert len(at.metric) == 1 + min(2, n_kf)
    assert "since 2013" in at.metric[0].proto.delta
    assert "printable brief" in texts(at)
    assert at.download_button(key="brief_download").label == "Download brief"


def test_normal_view_lists_sources_with_links():
    at = open_countries({"country": "TJK"})
    body = texts(at)
    assert "Sources (" in "\n".join(s.value for s in at.subheader)
    assert "](https://" in "\n".join(m.value for m in at.markdown)
    assert "No shared border" not in body
    at.button(key="country_next").click().run()  # Kyrgyzstan
    assert "No shared border" in texts(at)


def _highlighted(at: AppTest) -> list[str]:
    """The countries the mini map, as sent to the browser, highlights."""
    spec = next(
        json.loads(c.proto.spec)
        for c in at.get("vega_lite_chart")
        if '"projection"' in c.proto.spec
    )
    feats = json.loads(spec["layer"][0]["data"]["values"])
    return [f["properties"]["iso3"] for f in feats if f["properties"]["role"] == "selected"]


@pytest.mark.parametrize("present", [False, True], ids=["normal", "briefing"])
def test_the_mini_map_highlights_the_chosen_country(present):
    """The map itself (its geometry, size and region) is tests/test_country_view.py's."""
    at = open_countries({"country": "TJK"} | ({"present": "1"} if present else {}))
    assert _highlighted(at) == ["TJK"]
    at.selectbox(key="country").select("KAZ").run()  # the widget rerun
    assert not at.exception
    assert _highlighted(at) == ["KAZ"]


def test_chooser_links_keep_briefing_mode():
    """The links themselves are tests/test_country_page.py's."""
    at = open_countries({"country": "XYZ", "present": "1"})
    links = [(p.proto.label, p.proto.query_string) for p in at.get("page_link")]
    assert links == [(NAMES[i], f"country={i}&present=1") for i in data.CENTRAL_ASIA]


def test_normal_view_links_to_the_matrix_map_and_timeline():
    at = open_countries({"country": "UZB"})
    links = [(p.proto.label, p.proto.page, p.proto.query_string) for p in at.get("page_link")]
    first = data.approach_cells().query("country == 'UZB' and evidence == 'table4'")
    assert links[0][:2] == ("Uzbekistan in the approaches matrix", "approaches")
    assert links[0][2].startswith("country=UZB&approach=") and len(first)
    assert links[1:] == [
        ("Map of the Afghan border", "map", ""),
        ("Uzbekistan on the initiatives timeline", "timeline", "country=UZB"),
    ]
    assert at.download_button(key="brief_download").label == "Download brief"
    assert "Paper text only" in texts(at) and "Supported by" not in texts(at)
