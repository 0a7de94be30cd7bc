"""Sources page: all 86 footnotes, search and kind filter by key, escaped citations."""

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components import data
from components.sources_view import footnote_markdown, footnote_table

APP = str(Path(__file__).resolve().parents[1] / "app.py")


@pytest.fixture
def at():
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("pages/sources.py").run()
    assert not at.exception
    return at


def test_lists_all_86(at):
    assert "86 of 86 footnotes" in [c.value for c in at.caption]
    body = at.markdown[0].value
    assert body.startswith("**1** ") and "\n\n**86** " in body


@pytest.mark.parametrize(
    ("query", "kinds", "expected"),
    [("global terrorism index", [], {19, 36, 53}), ("ibid", [], {23, 37, 38}), ("", ["law"], {17, 18, 58, 59}),
     ("binance", [], {64})],
)
def test_search_and_kind_filter(at, query, kinds, expected):
    at.text_input(key="sources_q").input(query).run()
    at.multiselect(key="sources_kind").set_value(kinds).run()
    assert not at.exception
    assert f"{len(expected)} of 86 footnotes" in [c.value for c in at.caption]
    assert set(footnote_table(data.sources(), query, kinds)["footnote"]) == expected
    shown = {int(m) for m in re.findall(r"\*\*(\d+)\*\*", at.markdown[0].value)}
    assert shown == expected


def test_no_match_is_explained(at):
    at.text_input(key="sources_q").input("zzzz-no-such-source").run()
    assert any("No footnote matches" in i.value for i in at.info)


def test_citations_are_escaped():
    src = data.sources().head(1).copy()
    src.loc[0, "citation"] = "<img src=x onerror=alert(1)> [x](javascript:alert(1))"
    md = footnote_markdown(footnote_table(src))
    assert not re.search(r"(?<!\\)<img", md) and "](javascript" not in md
