"""DeckView: rows titled from the vocabulary, states in words, notices, share link."""

from __future__ import annotations

from urllib.parse import parse_qs

import pytest

from components import deck as dk
from components import deck_view as DV
from components.text import md_escape
from components.vocab import PAGE_TITLES, PART_TITLES, STATES

NAMES = {"KAZ": "Kazakhstan", "UZB": "Uzbekistan"}


@pytest.mark.parametrize(
    ("raw", "title", "detail"),
    [
        ("overview", PAGE_TITLES["overview"], ""),
        ("map?part=border", PART_TITLES["map"]["border"], ""),
        ("gti?part=scores", PART_TITLES["gti"]["scores"], ""),
        ("gti?part=nonsense", PAGE_TITLES["gti"], "part: nonsense"),
        ("countries?country=KAZ", PAGE_TITLES["countries"], "Kazakhstan"),
        ("countries?country=XX*", PAGE_TITLES["countries"], "country: XX\\*"),
        (
            "approaches?country=UZB&approach=youth",
            PAGE_TITLES["approaches"],
            "Uzbekistan · approach: youth",
        ),
    ],
)
def test_rows(raw, title, detail) -> None:
    deck, _ = dk.parse_deck(raw)
    (row,) = DV.build(deck, [], NAMES).rows
    assert (row.number, row.title, row.detail) == (1, md_escape(title), detail)
    assert row.label.startswith("**1.** ")


def test_empty_deck_says_what_to_do_and_has_no_share_link() -> None:
    v = DV.build(dk.Deck(), [], NAMES)
    assert v.rows == () and v.summary == DV.LABELS.empty and v.share_query == ""
    assert v.share_url("http://h/deck") == "http://h/deck"


def test_share_link_round_trips() -> None:
    deck = DV.regional_briefing()
    v = DV.build(deck, [], NAMES)
    assert v.summary == f"{len(deck)} slides"
    (raw,) = parse_qs(v.share_url("http://h/deck").split("?", 1)[1])["deck"]
    assert dk.parse_deck(raw) == (deck, [])


def test_regional_briefing_from_the_vocabulary() -> None:
    deck = DV.regional_briefing()
    assert [s.page for s in deck.slides[:5]] == ["overview", "map", "map", "gti", "approaches"]
    assert deck.slides[3].query == {"part": next(iter(PART_TITLES["gti"]))}
    assert [s.query["country"] for s in deck.slides[5:]] == list(STATES)


def test_notices_are_escaped() -> None:
    deck, notices = dk.parse_deck("nowhere*~overview")
    v = DV.build(deck, notices, NAMES)
    assert len(v.rows) == 1 and len(v.notices) == 1 and "\\*" in v.notices[0]


def test_every_page_has_a_title() -> None:
    assert set(dk.PAGE_PARAMS) <= set(PAGE_TITLES)


@pytest.mark.parametrize(("n", "summary"), [(1, "1 слайд"), (3, "3 слайда"), (5, "5 слайдов")])
def test_russian_deck_view_counts_slides_with_russian_plurals(n, summary) -> None:
    from components import i18n

    deck = dk.Deck(tuple(dk.make_slide("countries", {"country": s}) for s in STATES[:n]))
    view = DV.build(deck, (), {"KAZ": "Казахстан"}, i18n.Translator("ru"))
    assert view.summary == summary
    assert view.rows[0].title == md_escape("Страны") and view.rows[0].detail == "Казахстан"
    assert DV.labels(i18n.Translator("ru")).present == "Показать с начала"
