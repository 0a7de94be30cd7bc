"""A deck's printable slides (components/deck_slides.py): each entry gives its page's slide
for the part it names; what cannot be printed is skipped, never raised."""

import pytest

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
    slides = S.deck_slides(deck)
    if deck.slides[0].page == "countries":
        assert slides == []  # no country: nothing to print
    else:
        assert len(slides) == 1 and slides[0].page == deck.slides[0].page
