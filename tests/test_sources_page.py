"""Sources page (AppTest): search and kind filter by key, bound to ?q= and ?kind=."""

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components import data
from components.text import md_escape
from tests.support import russian
from tests.support.apptest import assert_polite, run_page

APP = str(Path(__file__).resolve().parents[1] / "app.py")


def open_sources(query: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.switch_page("pages/sources.py").run()
    assert not at.exception, at.exception
    return at


def listing(at: AppTest) -> str:
    return "\n\n".join(m.value for m in at.markdown if m.value.startswith("**"))


def shown(at: AppTest) -> set[int]:
    return {int(m) for m in re.findall(r"\*\*(\d+)\*\*", listing(at))}


def show_all(at: AppTest) -> AppTest:
    at.toggle(key="sources_all").set_value(True).run()
    assert not at.exception
    return at


def test_draws_the_first_20_then_all_86_and_downloads_them():
    at = open_sources()
    assert "86 of 86 footnotes" in [c.value for c in at.caption]
    assert shown(at) == set(range(1, 21))  # a lighter first paint: the rest on request
    assert at.toggle(key="sources_all").label == "Show all 86 footnotes"
    assert shown(show_all(at)) == set(range(1, 87))
    assert at.get("download_button")[0].proto.label == "Download these footnotes (CSV)"
    at.text_input(key="q").input("terror").run()  # the choice holds through a search
    assert len(shown(at)) == 39 and at.toggle(key="sources_all").value
    at.toggle(key="sources_all").set_value(False).run()  # and can be taken back
    assert len(shown(at)) == 20


@pytest.mark.parametrize(
    ("query", "kinds", "expected"),
    [
        ("global terrorism index", [], {19, 36, 53}),
        ("", ["law"], {17, 18, 58, 59}),
        ("binance", [], {64}),
    ],
)
def test_search_and_kind_filter_drive_the_list(query, kinds, expected):
    at = open_sources()
    at.text_input(key="q").input(query).run()
    at.button_group(key="kind").set_value(kinds).run()
    assert not at.exception
    assert f"{len(expected)} of 86 footnotes" in [c.value for c in at.caption]
    assert shown(at) == expected


def test_no_match_is_explained():
    at = open_sources()
    at.text_input(key="q").input("zzzz-no-such-source").run()
    assert any("No footnote matches" in i.value for i in at.info)
    assert "0 of 86 footnotes" in [c.value for c in at.caption]


def test_a_shared_link_opens_filtered():
    at = open_sources({"q": "ibid", "kind": ["Law", "UN document"]})
    assert at.text_input(key="q").value == "ibid"
    assert at.button_group(key="kind").value == ["law", "un_document"]
    assert shown(at) == {23}  # the ibid footnotes 23, 37, 38 that are a law or a UN document


@pytest.mark.parametrize(
    "params",
    [
        {"kind": "law"},
        {"kind": "<script>alert(1)</script>"},
        {"kind": ["Law", "Nonsense"]},
        {"q": "A" * 10_000},
        {"q": "[x](javascript:alert(1)) **b**"},
        {"q": ["a", "b"]},
    ],
)
def test_hostile_links_never_raise(params):
    at = open_sources(params)
    assert not at.exception
    assert set(at.button_group(key="kind").value) <= {"law"}
    assert any(c.value.endswith(" of 86 footnotes") for c in at.caption)
    assert len(at.text_input(key="q").value) <= 200  # a 10,000-character link is cut


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ({}, 1),
        ({"part": "3"}, 21),
        ({"q": "global terrorism index"}, 19),
        ({"kind": ["Law"], "part": "9"}, 17),  # a part the selection lacks: its first slide
    ],
)
def test_briefing_lists_the_selected_footnotes_as_references_slides(query, first):
    at = open_sources({"present": "1", **query})
    assert not at.text_input  # the search is the link's, not a widget on the slide
    numbers = [
        int(m)
        for m in re.findall(
            r"^\*\*(\d+)\*\*", "\n".join(m.value for m in at.markdown), flags=re.MULTILINE
        )
    ]
    assert numbers and numbers[0] == first
    assert len(numbers) <= 10


# ------------------------------------------------------------------ Russian (issue 19)


def test_the_russian_sources_page_quotes_citations_and_has_no_english_interface_text():
    at = run_page("sources", {"lang": "ru"})
    assert_polite(at, "/sources?lang=ru")
    texts = russian.element_texts(at)
    assert russian.english_leaks(texts) == []
    assert [d for t in texts for d in russian.english_decimals(t) if "." in d] == []
    assert "86 из 86 сносок" in [c.value for c in at.caption]
    assert at.toggle(key="sources_all").label == "Показать все 86 сносок"
    assert shown(show_all(at)) == set(range(1, 87))  # every footnote number parses back
    text = listing(at)
    src = data.sources("ru").set_index("footnote")
    # a citation stays verbatim English in “…”, the title's translation beside it, marked
    first = (
        f"“{md_escape(src.loc[1, 'citation'])}” (перевод: {md_escape(src.loc[1, 'citation_ru'])})"
    )
    assert first in text
    assert "Там же = сноска 22" in text  # footnote 23 repeats 22
    assert "Закон" in at.button_group(key="kind").options  # the kinds' pills, translated


def test_the_russian_kind_filter_and_a_russian_search():
    at = run_page("sources", {"lang": "ru"})
    at.button_group(key="kind").set_value(["law"]).run()
    assert "4 из 86 сносок" in [c.value for c in at.caption]
    at.button_group(key="kind").set_value([]).run()
    at.text_input(key="q").input("терроризм").run()  # matches the translated titles
    assert shown(at) and "Ни одна сноска" not in " ".join(i.value for i in at.info)


@pytest.mark.parametrize(("lang", "label"), [("ru", "Law"), ("en", "Закон"), ("ru", "Закон")])
def test_a_kind_link_opens_filtered_in_either_language(lang, label):
    """The bound URL holds the filter's label in the page's language; a link shared from
    the other language still opens filtered (and nonsense is still dropped)."""
    at = run_page("sources", {"lang": lang, "kind": [label, "nonsense"]})
    assert at.button_group(key="kind").value == ["law"]
    assert shown(at) == {17, 18, 58, 59}
