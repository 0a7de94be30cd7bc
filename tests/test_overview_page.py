"""AppTests for pages/overview.py: the briefing's front page."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

from components import country_view as cv
from components import data
from components.text import score


def open_overview(query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file("../app.py", default_timeout=120)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def page_links(at: AppTest) -> list:
    return list(at.get("page_link"))


def test_five_sourced_facts():
    at = open_overview()
    facts = [m for m in at.metric]
    assert len(facts) == 5
    gti = data.gti_countries()
    top = gti[gti["central_asia"]].sort_values("score_2023", ascending=False).iloc[0]
    values = [m.value for m in facts]
    assert score(top["score_2023"]) in values
    assert score(data.gti_regions().set_index("region").loc["Eurasia", "avg_score_2023"]) in values
    assert any(v.startswith("531") for v in values)
    captions = "\n".join(c.value for c in at.caption)
    for ref in ("Table 1", "Table 2", "44", "52"):
        assert ref in captions
    # One footnote is "Footnote 44", not "Footnotes 44"; two read "footnotes 36, 37".
    fact_captions = [c.value for c in at.caption
                     if re.match(r"(Table \d+, f|F)ootnotes? |From \d+ footnotes", c.value)]
    facts = cv.overview_facts(cv.Inputs.from_data(), data.gti_regions())
    for fact, cap in zip(facts, fact_captions, strict=True):
        assert ("ootnotes" in cap) == (len(fact.footnotes) > 1), (fact.label, cap)


def test_five_country_cards_link_to_their_views():
    at = open_overview()
    links = [p for p in page_links(at) if p.proto.page == "countries"
             or "countries" in p.proto.page]
    targets = [p.proto.query_string for p in links]
    for iso in data.CENTRAL_ASIA:
        assert f"country={iso}" in targets
    names = data.countries().set_index("iso3")["name"]
    # Short labels fit a card at 1280 px; the tooltip names the country.
    assert [p.proto.label for p in links] == ["Country view"] * len(data.CENTRAL_ASIA)
    assert [p.proto.help for p in links] == [f"Open the country view for {names[i]}"
                                             for i in data.CENTRAL_ASIA]


def test_what_it_is_and_is_not_with_citation_limits_and_flags():
    at = open_overview()
    body = "\n".join(m.value for m in at.markdown).replace("\\", "")
    assert "doi.org/10.58866/ZNHX7290" in body
    assert "not** a live feed" in body
    assert "closed" in body  # Turkmenistan's information space (the paper's own limit)
    flags = data.flags()
    assert f"{len(flags)} flags raised" in body
    for row in flags["row"]:
        assert str(row) in body


def test_cards_keep_briefing_mode_in_their_links():
    at = open_overview({"present": "1"})
    assert at.query_params.get("present") == "1"
    links = [p for p in page_links(at) if "country=" in p.proto.query_string]
    assert links and all("present=1" in p.proto.query_string for p in links)
