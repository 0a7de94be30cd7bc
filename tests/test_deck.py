"""The deck model: URL round trips, editing, and hostile deck links (never raises)."""

import pytest

from components import deck as D
from components.vocab import STATES


def test_regional_briefing_round_trips_through_the_url():
    deck = D.regional_briefing(STATES, ["scores", "changes"])
    assert [s.page for s in deck.slides] == [
        "overview",
        "map",
        "map",
        "gti",
        "approaches",
        *["countries"] * len(STATES),
    ]
    assert deck.slides[2].query == {"part": "border"}
    assert deck.slides[3].query == {"part": "scores"}
    assert [s.query["country"] for s in deck.slides[5:]] == list(STATES)
    again, notices = D.parse_deck(deck.encode())
    assert again == deck and notices == []


@pytest.mark.parametrize(
    ("raw", "pages", "n_notices"),
    [
        (None, [], 0),
        ("", [], 0),
        ("overview", ["overview"], 0),
        ("overview~~ ~map", ["overview", "map"], 0),  # empty entries are not slides
        ("overview~nowhere~map", ["overview", "map"], 1),  # unknown page skipped
        ("../../etc/passwd~map", ["map"], 1),
        ("<script>alert(1)</script>", [], 1),
        ("MAP?part=border", ["map"], 0),  # page names are case-insensitive
        (["map", "sources"], ["sources"], 0),  # a repeated parameter: the last wins
        ("~".join(["overview"] * 500), ["overview"] * D.MAX_SLIDES, 1),
        ("x" * (D.MAX_RAW_CHARS + 1), [], 1),
    ],
)
def test_parse_deck_keeps_the_valid_part_with_notices(raw, pages, n_notices):
    deck, notices = D.parse_deck(raw)
    assert [s.page for s in deck.slides] == pages
    assert len(notices) == n_notices


def test_unknown_settings_are_dropped_and_named_values_passed_on():
    deck, notices = D.parse_deck("countries?country=XYZ&evil=1&present=1")
    # The page validates the country itself (and falls back politely); the deck only
    # drops parameters the page does not take.
    assert deck.slides == (D.Slide("countries", (("country", "XYZ"),)),)
    assert len(notices) == 1 and "evil" in notices[0] and "present" in notices[0]


def test_many_bad_entries_give_a_bounded_list_of_notices():
    deck, notices = D.parse_deck("~".join(f"bad{i}" for i in range(30)))
    assert len(deck) == 0 and len(notices) == 7 and notices[-1].startswith("…")


def test_long_values_are_clipped():
    deck, _ = D.parse_deck("sources?q=" + "a" * 5000)
    assert len(deck.slides[0].query["q"]) == D.MAX_VALUE_CHARS


@pytest.mark.parametrize(
    ("index", "delta", "order"),
    [(0, 1, "bac"), (2, -1, "acb"), (0, -1, "abc"), (2, 5, "abc"), (1, -5, "bac"), (7, 1, "abc")],
)
def test_move(index, delta, order):
    deck = D.Deck(tuple(D.make_slide("countries", {"country": c}) for c in "abc"))
    moved = D.move(deck, index, delta)
    assert "".join(s.query["country"] for s in moved.slides) == order


def test_add_and_remove():
    deck = D.add(D.Deck(), D.make_slide("map", {"part": "border", "bogus": "1"}))
    assert deck.slides == (D.Slide("map", (("part", "border"),)),)
    assert D.remove(deck, 0) == D.Deck() and D.remove(deck, 3) == deck
    full = D.Deck((D.make_slide("overview"),) * D.MAX_SLIDES)
    assert D.add(full, D.make_slide("map")) == full


@pytest.mark.parametrize(
    ("raw", "expected", "notice"),
    [
        (None, 0, None),
        ("", 0, "slide “”, but this deck has 5 slides; showing slide 1."),
        ("abc", 0, "slide “abc”, but this deck has 5 slides; showing slide 1."),
        ("1", 0, None),
        (" 3 ", 2, None),
        ("99", 4, "slide “99”, but this deck has 5 slides; showing slide 5."),
        ("-4", 0, "slide “-4”, but this deck has 5 slides; showing slide 1."),
    ],
)
def test_position_is_clamped_with_a_notice(raw, expected, notice):
    deck = D.Deck((D.make_slide("overview"),) * 5)
    assert D.position(raw, deck) == expected
    said = D.position_notice(raw, deck)
    assert (said is None) if notice is None else said.endswith(notice), said
    assert D.position_notice("99", D.Deck()) is None  # no deck, no slide to speak of
