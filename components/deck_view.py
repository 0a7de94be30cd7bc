"""What the deck page shows for one deck, built in one pure function (no Streamlit).

`build(deck, notices, names)` returns a `DeckView`: one row per slide (its number, the
title the vocabulary gives its page or part, and the state it opens in, in words), the
notices about what a link dropped, and the share link's query string. Words live here and
in components/vocab.py; pages/deck.py only places them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from components import deck as dk
from components.i18n import ENGLISH, Translator
from components.text import md_escape
from components.vocab import N_, PAGE_TITLES, PART_TITLES, STATES


@dataclass(frozen=True)
class Labels:
    """The deck page's words (English, marked for the catalogue); `labels(tr)` translates."""

    title: str = PAGE_TITLES["deck"]
    caption: str = N_(
        "A briefing is a deck of slides: each slide is a view of the dashboard in the state "
        "you left it. Use “Add to deck” on any page, reorder here, then present: Right/Left or "
        "PageDown/PageUp (a presentation clicker) step through, Home/End jump, Esc leaves."
    )
    empty: str = N_(
        "The deck is empty. Add views with “Add to deck” in the sidebar of any page, or load "
        "the ready-made regional briefing."
    )
    regional: str = N_("Load the regional briefing")
    regional_help: str = N_(
        "Overview, map, border close-up, GTI Table 1, the approaches matrix and the five "
        "countries, in the paper's order (replaces the current deck)"
    )
    present: str = N_("Present from the start")
    clear: str = N_("Empty the deck")
    up: str = N_("Move up")
    down: str = N_("Move down")
    remove: str = N_("Remove")
    share: str = N_("Share this deck: the link opens the same slides")
    handout: str = N_("Download the handout")
    handout_help: str = N_(
        "One offline HTML file: one slide per landscape page, charts as images, then every "
        "footnote the deck cites. Print it from the browser."
    )
    advance_help: str = N_(
        "For an unattended screen add &advance=30 to a presenting link (5 to 600 seconds "
        "per slide); a Pause control appears."
    )


LABELS = Labels()


def labels(tr: Translator = ENGLISH) -> Labels:
    """The deck page's words in `tr`'s language."""
    return Labels(**{f: tr._(getattr(LABELS, f)) for f in Labels.__dataclass_fields__})


@dataclass(frozen=True)
class Row:
    number: int  # 1-based, as the counter shows it
    title: str  # escaped Markdown
    detail: str  # the slide's state in words, escaped Markdown ('' for the default view)

    @property
    def label(self) -> str:
        return f"**{self.number}.** {self.title}" + (f" · {self.detail}" if self.detail else "")


@dataclass(frozen=True)
class DeckView:
    rows: tuple[Row, ...]
    summary: str  # "12 slides", or the empty-deck sentence
    notices: tuple[str, ...]  # escaped Markdown, one per problem with the link
    share_query: str  # 'deck=...' ('' for an empty deck)

    def share_url(self, base: str) -> str:
        return f"{base}?{self.share_query}" if self.share_query else base


def slide_title(slide: dk.Slide, tr: Translator = ENGLISH) -> str:
    """The vocabulary's title for a slide: its part's where the page has several."""
    part = slide.query.get("part")
    parts = PART_TITLES.get(slide.page, {})
    if part in parts:
        return tr._(parts[part])
    return tr._(PAGE_TITLES[slide.page]) if slide.page in PAGE_TITLES else slide.page


def slide_detail(slide: dk.Slide, names: Mapping[str, str], tr: Translator = ENGLISH) -> str:
    """The slide's state in words: a country by name, other settings as 'name: value'."""
    words = []
    for key, value in slide.params:
        if key == "part":
            if value not in PART_TITLES.get(slide.page, {}):
                words.append(tr._("part: {value}").format(value=value))
        elif key == "country" and value in names:
            words.append(names[value])
        else:
            words.append(f"{key}: {value}")
    return md_escape(" · ".join(words))


def regional_briefing() -> dk.Deck:
    """The ready-made deck, from the vocabulary: the states in the paper's order and the
    terrorism-index page's first chart (Table 1)."""
    return dk.regional_briefing(STATES, PART_TITLES["gti"])


def build(
    deck: dk.Deck, notices: Sequence[str], names: Mapping[str, str], tr: Translator = ENGLISH
) -> DeckView:
    rows = tuple(
        Row(i + 1, md_escape(slide_title(s, tr)), slide_detail(s, names, tr))
        for i, s in enumerate(deck.slides)
    )
    n = len(rows)
    return DeckView(
        rows=rows,
        summary=tr.n_("{n} slide", "{n} slides", n).format(n=n) if n else tr._(LABELS.empty),
        notices=tuple(md_escape(x) for x in notices),
        share_query=urlencode({"deck": deck.encode()}) if n else "",
    )
