"""A deck's printable slides (components/deck_slides.py): each entry gives its page's slide
for the part it names; what cannot be printed is skipped, never raised."""

import pytest

from components import data, handout
from components import deck as dk
from components import deck_slides as S
from components import deck_view as DV


def test_the_regional_briefing_prints_every_slide_its_pages_can_draw():
    deck = DV.regional_briefing()
    slides = S.deck_slides(deck)
    printable = [s for s in deck.slides if s.page not in S.unprintable(deck)]
    assert len(slides) == len(printable)
    for entry, slide in zip(printable, slides, strict=True):
        assert slide.page == entry.page
        assert slide.part == entry.query.get("part", slide.part)
        assert slide.title and slide.columns


@pytest.mark.parametrize(
    "raw",
    ["countries?country=XYZ", "approaches?country=<b>&approach=nope", "map?part=nowhere"],
)
def test_bad_state_prints_the_page_default_or_nothing(raw):
    deck, _ = dk.parse_deck(raw)
    slides, skipped = S.printed(deck)
    if deck.slides[0].page == "countries":
        assert slides == [] and skipped == ["1. Country views"]  # no country: nothing to print
    else:
        assert len(slides) == 1 and slides[0].page == deck.slides[0].page and skipped == []


def test_the_handout_names_the_entries_it_could_not_print():
    deck, _ = dk.parse_deck("countries?country=XYZ~countries?country=ZZZ")
    html = S.handout_download(deck, "Deck")().decode("utf-8")
    said = "Not printed, as their views have no slide for their links: 1. Country views; 2. C"
    assert said in html  # on the references page, which the note gets even without a footnote
    slides, skipped = S.printed(deck)
    pages = handout.page_count(slides, data.sources(), skipped)
    assert html.count('<section class="page') == pages == 1


@pytest.mark.parametrize(
    ("raw", "told"),
    [
        ("map?part=zzz", "no slide 'zzz'"),
        ("gti?countries=ZZZ", "ZZZ"),
        ("gti?part=zzz", "no slide 'zzz'"),
        ("timeline?from=-5", "-5"),
        ("timeline?partner=zzz", "zzz"),
        ("approaches?country=ZZZ", "ZZZ"),
        ("sources?kind=law", "law"),
        ("countries?country=ZZZ", "ZZZ"),
    ],
)
def test_a_slide_says_what_its_link_asked_for_and_did_not_get(raw, told):
    """The deck player tells a slide's bad link as the page tells it (it had fallen back
    silently); the slide still shows its page's default, or nothing for no country."""
    deck, _ = dk.parse_deck(raw)
    slide, notices = S.slide_with_notices(deck.slides[0])
    assert len(notices) == 1 and told in notices[0].replace("\\", ""), notices
    assert (slide is None) == (deck.slides[0].page == "countries")
    assert "below" not in notices[0]  # a slide has no chooser to point to


def test_a_timeline_slide_that_matches_nothing_says_why():
    deck, _ = dk.parse_deck("timeline?from=1996&to=1997")
    slide, notices = S.slide_with_notices(deck.slides[0])
    assert slide is None and "1996" in notices[0] and "matches" in notices[0]


@pytest.mark.parametrize("raw", ["map?part=border", "gti?countries=TJK", "timeline?partner=osce"])
def test_a_good_slide_link_says_nothing(raw):
    deck, _ = dk.parse_deck(raw)
    assert S.slide_with_notices(deck.slides[0])[1] == ()
