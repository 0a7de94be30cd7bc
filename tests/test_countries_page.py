"""AppTests for pages/countries.py: deep links, chooser fallback, prev/next, briefing mode."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from components import data
from components.text import change, score

GTI = data.gti_countries().set_index("iso3")
TABLE4 = data.table4().set_index("iso3")
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


@pytest.mark.parametrize("iso", data.CENTRAL_ASIA)
def test_each_country_shows_gti_and_table4(iso):
    at = open_countries({"country": iso})
    assert at.header[0].value == NAMES[iso]
    assert at.selectbox(key="country").value == iso
    assert at.query_params["country"] == iso
    metrics = {m.label.replace("\\", ""): m.value for m in at.metric}
    if iso in GTI.index:
        row = GTI.loc[iso]
        assert metrics["GTI 2023 score · Table 1, fns 36, 37"] == score(row["score_2023"])
        assert metrics["Change 2013–2023 · Table 1, fns 36, 37"] == change(row["change_2013_2023"])
        assert metrics["Change 2022–2023 · Table 1, fns 36, 37"] == change(row["change_2022_2023"])
    else:
        assert metrics["GTI 2023 score · Table 1"] == "not in Table 1"
    body = texts(at)
    assert TABLE4.loc[iso, "approaches_as_printed"] in body
    assert "compiled by the authors" in body


@pytest.mark.parametrize("bad", ["XYZ", "afg", "", "<b>KAZ</b>", "KAZ,UZB"])
def test_unknown_code_falls_back_to_chooser(bad):
    at = open_countries({"country": bad})
    assert not at.exception
    assert len(at.warning) == 1 and "not one of the five" in at.warning[0].value
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


def test_next_cycles_through_all_five_and_wraps():
    at = open_countries({"country": data.CENTRAL_ASIA[0]})
    seen = []
    for _ in data.CENTRAL_ASIA:
        seen.append(at.query_params["country"])
        assert at.selectbox(key="country").value == seen[-1]
        at.button(key="country_next").click().run()
        assert not at.exception
    assert seen == list(data.CENTRAL_ASIA)
    assert at.query_params["country"] == data.CENTRAL_ASIA[0]  # wrapped around


def test_previous_cycles_backwards_and_wraps():
    at = open_countries({"country": data.CENTRAL_ASIA[0]})
    seen = []
    for _ in data.CENTRAL_ASIA:
        at.button(key="country_prev").click().run()
        seen.append(at.query_params["country"])
    assert seen == list(reversed(data.CENTRAL_ASIA))


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
    assert at.get("download_button")


def test_normal_view_lists_sources_with_links():
    at = open_countries({"country": "TJK"})
    body = texts(at)
    assert "Sources (" in "\n".join(s.value for s in at.subheader)
    assert "](https://" in "\n".join(m.value for m in at.markdown)
    assert "No shared border" not in body
    at.button(key="country_next").click().run()  # Kyrgyzstan
    assert "No shared border" in texts(at)


def _mini_map(at: AppTest) -> tuple[dict, int]:
    """The mini map as sent to the browser: its spec and its size in bytes."""
    charts = [c.proto for c in at.get("vega_lite_chart")]
    proto = next(p for p in charts if '"projection"' in p.spec)
    return json.loads(proto.spec), len(proto.spec)


@pytest.mark.parametrize("present", [False, True])
def test_mini_map_sends_simplified_geometry_with_the_country_highlighted(present):
    at = open_countries({"country": "TJK"} | ({"present": "1"} if present else {}))
    spec, size = _mini_map(at)
    full = len(json.dumps(data.geo("geo_countries")))
    assert size < 0.6 * full  # the full-precision map was ~170 KB
    feats = json.loads(spec["layer"][0]["data"]["values"])
    assert {"TJK", "AFG", *data.CENTRAL_ASIA} <= {f["properties"]["iso3"] for f in feats}
    assert [f["properties"]["iso3"] for f in feats if f["properties"]["role"] == "selected"] == [
        "TJK"
    ]
    at.selectbox(key="country").select("KAZ").run()  # the widget rerun
    assert not at.exception
    spec, _ = _mini_map(at)
    feats = json.loads(spec["layer"][0]["data"]["values"])
    assert [f["properties"]["iso3"] for f in feats if f["properties"]["role"] == "selected"] == [
        "KAZ"
    ]


@pytest.mark.parametrize("present", [False, True], ids=["normal", "briefing"])
def test_chooser_links_open_each_state_and_keep_briefing_mode(present):
    at = open_countries({"country": "XYZ"} | ({"present": "1"} if present else {}))
    links = [(p.proto.label, p.proto.query_string) for p in at.get("page_link")]
    tail = "&present=1" if present else ""
    assert links == [(NAMES[i], f"country={i}{tail}") for i in data.CENTRAL_ASIA]


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
    brief = at.get("download_button")[0].proto
    assert brief.id.endswith("-brief_download") and brief.label == "Download brief"
    assert "Paper text only" in texts(at) and "Supported by" not in texts(at)
