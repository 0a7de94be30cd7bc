"""Sources page (AppTest): search and kind filter by key, bound to ?q= and ?kind=."""

import io
import re
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from components import data
from components import sources_view as sv
from components.text import md_escape
from tests.support import russian
from tests.support.apptest import assert_polite, kept_downloads, run_page

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
    at.text_input(key="q").input("terror").run()  # the choice holds through a search
    assert len(shown(at)) == 39 and at.toggle(key="sources_all").value
    at.toggle(key="sources_all").set_value(False).run()  # and can be taken back
    assert len(shown(at)) == 20


def test_the_kind_filter_drives_the_list_and_the_csv_holds_what_is_shown():
    """What a search finds is tests/test_sources_view.py's table of cases; here the pills
    drive the list, and the CSV (by its key) holds the footnotes the list shows."""
    with kept_downloads() as read:
        at = open_sources()
        at.button_group(key="kind").set_value(["law"]).run()
        csv = pd.read_csv(io.BytesIO(read(at, "sources_download")))
    view = sv.build(data.sources(), "", ("law",))
    assert [c.value for c in at.caption if c.value.endswith(" of 86 footnotes")] == [view.count]
    assert shown(at) == set(view.table["footnote"]) and len(shown(at)) == 4
    assert list(csv["footnote"]) == sorted(shown(at))


def test_no_match_is_explained_instead_of_a_list():
    at = open_sources()
    at.text_input(key="q").input("zzzz-no-such-source").run()
    assert [i.value for i in at.info] == [sv.NO_MATCH] and not shown(at)


def test_a_shared_link_opens_filtered():
    at = open_sources({"q": "ibid", "kind": ["Law", "UN document"]})
    assert at.text_input(key="q").value == "ibid"
    assert at.button_group(key="kind").value == ["law", "un_document"]
    assert shown(at) == {23}  # the ibid footnotes 23, 37, 38 that are a law or a UN document


@pytest.mark.parametrize(
    ("params", "kinds", "query", "told"),
    [
        ({"kind": "law"}, [], "", "law"),  # the link holds the label ("Law"), not the code
        (
            {"kind": "<script>alert(1)</script>"},
            [],
            "",
            md_escape("<script>alert(1)</script>"[:24]),
        ),
        ({"kind": ["Law", "Nonsense"]}, ["law"], "", "Nonsense"),
        ({"q": "A" * 10_000}, [], "A" * sv.SEARCH_MAX_CHARS, None),  # a long link is cut
        ({"q": "[x](javascript:alert(1)) **b**"}, [], "[x](javascript:alert(1)) **b**", None),
        ({"q": ["a", "b"]}, [], "b", None),  # the last value
    ],
)
def test_hostile_links_never_raise(params, kinds, query, told):
    at = open_sources(params)
    assert not at.exception
    assert at.button_group(key="kind").value == kinds
    assert at.text_input(key="q").value == query
    ignored = [i.value for i in at.info if i.value.startswith("Ignored kind")]
    labels = ", ".join(map(md_escape, sv.KIND_LABELS.values()))
    said = (
        f"Ignored kind(s) in the link: {told}. The link holds a kind as it is labelled: {labels}."
    )
    assert ignored == ([said] if told else [])
    assert any(c.value.endswith(" of 86 footnotes") for c in at.caption)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_search_longer_than_the_box_is_cut_and_says_so(lang):
    at = open_sources({"q": "A" * 250, "lang": lang})
    assert at.text_input(key="q").value == "A" * sv.SEARCH_MAX_CHARS
    said = " ".join(i.value for i in at.info)
    assert ("250" in said and "200" in said) and (
        "characters" if lang == "en" else "символов"
    ) in said


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


def test_a_russian_search():
    at = run_page("sources", {"lang": "ru"})
    at.text_input(key="q").input("терроризм").run()  # matches the translated titles
    assert shown(at) and "Ни одна сноска" not in " ".join(i.value for i in at.info)


@pytest.mark.parametrize(("lang", "label"), [("ru", "Law"), ("en", "Закон"), ("ru", "Закон")])
def test_a_kind_link_opens_filtered_in_either_language(lang, label):
    """The bound URL holds the filter's label in the page's language; a link shared from
    the other language still opens filtered (and nonsense is still dropped)."""
    at = run_page("sources", {"lang": lang, "kind": [label, "nonsense"]})
    assert at.button_group(key="kind").value == ["law"]
    assert shown(at) == {17, 18, 58, 59}
