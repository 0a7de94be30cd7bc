"""The Sources page's view model (components/sources_view.py), without an app."""

from __future__ import annotations

import re

import pytest

from components import data, i18n
from components import sources_view as sv

SOURCES = data.sources()


def numbers(md: str) -> set[int]:
    return {int(m) for m in re.findall(r"\*\*(\d+)\*\*", md)}


@pytest.mark.parametrize(
    ("query", "kinds", "expected", "csv_name"),
    [
        ("", (), set(range(1, 87)), "footnotes.csv"),
        ("   ", (), set(range(1, 87)), "footnotes.csv"),
        ("global terrorism index", (), {19, 36, 53}, "footnotes-filtered.csv"),
        ("GLOBAL Terrorism INDEX", (), {19, 36, 53}, "footnotes-filtered.csv"),
        ("ibid", (), {23, 37, 38}, "footnotes-filtered.csv"),
        ("", ("law",), {17, 18, 58, 59}, "footnotes-filtered.csv"),
        ("binance", (), {64}, "footnotes-filtered.csv"),
        ("binance", ("law",), set(), "footnotes-filtered.csv"),
        ("zzzz-no-such-source", (), set(), "footnotes-filtered.csv"),
    ],
)
def test_search_kind_count_table_and_csv(query, kinds, expected, csv_name):
    view = sv.build(SOURCES, query, kinds)
    assert view.count == f"{len(expected)} of 86 footnotes"
    assert numbers(view.table_md) == expected
    assert set(view.table["footnote"]) == expected
    assert view.csv_name == csv_name
    assert view.csv.decode("utf-8").count("\n") == len(expected) + 1  # header + rows
    assert (view.notice == sv.NO_MATCH) is (not expected)
    assert (view.table_md == "") is (not expected)


@pytest.mark.parametrize(
    ("query", "first", "more", "label"),
    [
        ("", 20, 66, "Show all 86 footnotes"),
        ("terror", 20, 19, "Show all 39 footnotes"),
        ("gov", 13, 0, "Show all 13 footnotes"),
        ("zzzz-no-such-source", 0, 0, "Show all 0 footnotes"),
    ],
)
def test_the_first_footnotes_are_drawn_at_once_and_the_rest_on_request(query, first, more, label):
    view = sv.build(SOURCES, query)
    assert (len(numbers(view.first_md)), len(numbers(view.more_md))) == (first, more)
    assert view.first_md + ("\n\n" + view.more_md if more else "") == view.table_md
    assert view.more_label == label


def test_filtered_numbers_keep_the_papers_numbering():
    # bold numbers, not a Markdown list (which would renumber 19, 36, 53 as 19, 20, 21)
    md = sv.build(SOURCES, "global terrorism index").table_md
    assert md.startswith("**19** ") and "\n\n**36** " in md and "\n\n**53** " in md


def test_links_ibid_and_missing_links():
    md = sv.build(SOURCES).table_md
    lines = {int(re.match(r"\*\*(\d+)\*\*", ln).group(1)): ln for ln in md.split("\n\n")}
    ibid = SOURCES[SOURCES["ibid_of"].notna()].iloc[0]
    assert f"Ibid\\. = footnote {int(ibid['ibid_of'])}" in lines[int(ibid["footnote"])]
    linked = SOURCES[SOURCES["url"].fillna("").str.startswith("http")].iloc[0]
    assert "[open source ↗](http" in lines[int(linked["footnote"])]
    unlinked = SOURCES[SOURCES["url"].isna() & SOURCES["ibid_of"].isna()]
    for n in unlinked["footnote"]:
        assert "*(no link printed)*" in lines[int(n)]


def test_every_kind_has_a_label():
    assert set(SOURCES["kind"]) <= set(sv.KINDS)
    assert sv.kind_label("law") == "Law" and sv.kind_label("unknown_kind") == "unknown_kind"


@pytest.mark.parametrize(
    "citation",
    ["<img src=x onerror=alert(1)> [x](javascript:alert(1))", "**bold** :red[red] $x^2$ <b>b</b>"],
)
def test_citations_are_escaped(citation):
    src = SOURCES.head(1).copy()
    src.loc[0, "citation"] = citation
    md = sv.build(src).table_md
    assert not re.search(r"(?<!\\)<(img|b)", md) and "](javascript" not in md
    assert "**bold**" not in md and ":red[" not in md


def test_url_parentheses_and_spaces_cannot_end_the_link():
    src = SOURCES.head(1).copy()
    src.loc[0, "url"] = "https://example.org/a (b) c"
    md = sv.build(src).table_md
    assert "(https://example.org/a%20%28b%29%20c)" in md


@pytest.mark.parametrize(
    ("shown", "total", "russian"),
    [(1, 1, "1 из 1 сноски"), (2, 22, "2 из 22 сносок"), (19, 86, "19 из 86 сносок")],
)
def test_the_count_agrees_with_the_total_in_russian(shown, total, russian):
    assert sv.count_text(shown, total, i18n.Translator("ru")) == russian
    assert sv.count_text(shown, total) == f"{shown} of {total} footnote" + (
        "s" if total != 1 else ""
    )


def test_russian_kinds_and_links_read_back_in_either_language():
    ru = i18n.Translator("ru")
    assert sv.kind_label("law", ru) == "Закон" and sv.kind_label("law") == "Law"
    assert sv.read_link("x", ["Закон", "UN document", "nonsense"]) == ("x", ("law", "un_document"))
    view = sv.build(data.sources("ru"), "", ("law",), ru)
    assert view.count == "4 из 86 сносок"
    assert "(перевод: " in view.table_md and "открыть источник ↗" in view.table_md


def test_the_russian_references_slides():
    from tests.support import russian

    ru = i18n.Translator("ru")
    view = sv.build(data.sources("ru"), "", ("law",), ru)
    (slide,) = sv.slides(view, "", ("law",), ru)
    assert slide.title == "Источники" and slide.params == (("kind", "Закон"),)
    texts = [slide.title, slide.source, *(b.body for b in slide.blocks)]
    assert texts[2].startswith("4 из 86 сносок · вид: Закон")
    assert russian.english_leaks(texts) == []
    assert all("(перевод: " in b.body for b in slide.blocks if b.kind == "text")
