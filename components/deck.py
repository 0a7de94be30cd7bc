"""Briefing decks: an ordered list of slides that lives in the URL. Pure: no Streamlit.

A slide is one page of the dashboard and the state it opens in (the same query parameters
a shared link to that page carries), plus an optional ``part`` for pages that split into
several slides (the map's border close-up, one terrorism-index chart per slide).

In the URL a deck is one parameter, ``deck``: slides joined by ``~``, each slide written as
its page's path with the slide's own query string, e.g.::

    deck=overview~map~map?part=border~countries?country=KAZ

(URL-encoded as a whole, so the ``?``, ``&`` and ``=`` inside a slide never clash with the
page's own query string). Parsing never raises: unknown pages, unknown parameters, empty
entries and anything past ``MAX_SLIDES`` are dropped, each with one polite notice. The
values of known parameters are passed on untouched: every page already validates its own
query parameters and falls back with a notice, so a slide's state is checked exactly where
a shared link's is.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from components.i18n import ENGLISH, Translator

SEPARATOR = "~"
MAX_SLIDES = 40  # a 15-minute briefing needs far fewer; a longer list is cut with a notice
MAX_RAW_CHARS = 8000  # a longer deck parameter is ignored outright (no parsing work)
MAX_VALUE_CHARS = 300  # one parameter value inside a slide
SHOWN_CHARS = 24  # how much of a rejected entry a notice quotes

# Page path -> the parameters a slide of that page may carry. "part" picks one of the
# page's slides where the page has several.
PAGE_PARAMS: dict[str, tuple[str, ...]] = {
    "overview": (),
    "map": ("part", "incidents", "provinces", "borders", "labels"),
    "gti": ("part", "countries"),
    "approaches": ("country", "approach", "partner", "rights"),
    "timeline": (
        "part",
        "partner",
        "country",
        "theme",
        "type",
        "from",
        "to",
        "q",
        "rows",
        "colour",
        "incidents",
    ),
    "countries": ("country",),
    "sources": ("part", "q", "kind"),
}


@dataclass(frozen=True)
class Slide:
    page: str
    params: tuple[tuple[str, str], ...] = ()

    @property
    def query(self) -> dict[str, str]:
        return dict(self.params)

    def encode(self) -> str:
        return self.page + (f"?{urlencode(self.params)}" if self.params else "")


@dataclass(frozen=True)
class Deck:
    slides: tuple[Slide, ...] = ()

    def encode(self) -> str:
        return SEPARATOR.join(s.encode() for s in self.slides)

    def __len__(self) -> int:
        return len(self.slides)


def _quote(raw: str) -> str:
    text = " ".join(raw.split())
    return f"“{text[:SHOWN_CHARS]}{'…' if len(text) > SHOWN_CHARS else ''}”"


def make_slide(page: str, params: Mapping[str, object] | None = None) -> Slide:
    """A slide of `page` with the parameters it may carry (others, and empty ones, dropped),
    in a stable order so the same view always encodes the same way."""
    allowed = PAGE_PARAMS.get(page, ())
    items = [] if params is None else list(params.items())
    kept = tuple((k, str(v)[:MAX_VALUE_CHARS]) for k, v in items if k in allowed and str(v).strip())
    return Slide(page, tuple(sorted(kept, key=lambda kv: allowed.index(kv[0]))))


def parse_slide(raw: str, tr: Translator = ENGLISH) -> tuple[Slide | None, list[str]]:
    page, _, query = raw.strip().partition("?")
    page = page.strip().strip("/").lower()
    if page not in PAGE_PARAMS:
        msg = tr._("The deck's slide {slide} is not a page of this dashboard; skipped.")
        return None, [msg.format(slide=_quote(raw))]
    pairs = parse_qsl(query, keep_blank_values=False)
    unknown = sorted({k for k, _ in pairs if k not in PAGE_PARAMS[page]})
    notices = (
        [
            tr._("The deck's {page} slide ignores the setting(s) {names}.").format(
                page=page, names=", ".join(_quote(k) for k in unknown)
            )
        ]
        if unknown
        else []
    )
    return make_slide(page, dict(pairs)), notices


def parse_deck(raw: object, tr: Translator = ENGLISH) -> tuple[Deck, list[str]]:
    """The deck a URL describes, and what was dropped from it (in `tr`'s language).
    Never raises."""
    if raw is None:
        return Deck(), []
    if isinstance(raw, (list, tuple)):  # a repeated parameter: the last one wins
        raw = raw[-1] if raw else ""
    text = str(raw)
    if len(text) > MAX_RAW_CHARS:
        msg = tr.n_(
            "The deck in this link is too long ({n} character); it was ignored.",
            "The deck in this link is too long ({n} characters); it was ignored.",
            len(text),
        )
        return Deck(), [msg.format(n=tr.count(len(text)))]
    slides: list[Slide] = []
    notices: list[str] = []
    entries = [e for e in text.split(SEPARATOR) if e.strip()]
    for entry in entries[:MAX_SLIDES]:
        slide, more = parse_slide(entry, tr)
        notices.extend(more)
        if slide is not None:
            slides.append(slide)
    if len(entries) > MAX_SLIDES:
        msg = tr.n_(
            "The deck lists {n} slide; only the first {kept} are kept.",
            "The deck lists {n} slides; only the first {kept} are kept.",
            len(entries),
        )
        notices.append(msg.format(n=len(entries), kept=MAX_SLIDES))
    more = len(notices) - 6
    extra = tr.n_(
        "… and {n} more problem with this deck.", "… and {n} more problems with this deck.", more
    )
    return Deck(tuple(slides)), notices[:6] + ([extra.format(n=more)] if more > 0 else [])


def add(deck: Deck, slide: Slide) -> Deck:
    if len(deck) >= MAX_SLIDES:
        return deck
    return Deck((*deck.slides, slide))


def remove(deck: Deck, index: int) -> Deck:
    if not 0 <= index < len(deck):
        return deck
    return Deck(deck.slides[:index] + deck.slides[index + 1 :])


def move(deck: Deck, index: int, delta: int) -> Deck:
    """The slide at `index` moved `delta` places (clamped to the deck's ends)."""
    if not 0 <= index < len(deck):
        return deck
    target = min(max(index + delta, 0), len(deck) - 1)
    slides = list(deck.slides)
    slides.insert(target, slides.pop(index))
    return Deck(tuple(slides))


def position(raw: object, deck: Deck) -> int:
    """The 0-based slide a ``slide=`` parameter (1-based, as the counter shows) points to;
    anything unreadable or out of range opens the first or last slide."""
    try:
        n = int(str(raw).strip())
    except (TypeError, ValueError):
        return 0
    return min(max(n, 1), max(len(deck), 1)) - 1


def position_notice(raw: object, deck: Deck, tr: Translator = ENGLISH) -> str | None:
    """Why a ``slide=`` parameter opens another slide than it names (None: it opens the
    slide it names, or there is no parameter or no slide)."""
    if raw is None or not len(deck):
        return None
    shown = position(raw, deck) + 1
    if str(raw).strip() == str(shown):
        return None
    msg = tr.n_(
        "The link asks for slide “{value}”, but this deck has {n} slide; showing slide {shown}.",
        "The link asks for slide “{value}”, but this deck has {n} slides; showing slide {shown}.",
        len(deck),
    )
    return msg.format(value=str(raw)[:24], n=len(deck), shown=shown)


def regional_briefing(states: Sequence[str], gti_parts: Iterable[str]) -> Deck:
    """The ready-made regional briefing: overview, map, border close-up, the first
    terrorism-index chart (Table 1), the approaches matrix, then each state in the paper's
    order. Built from the data's vocabulary, not typed."""
    first_chart = next(iter(gti_parts), None)
    slides = [
        make_slide("overview"),
        make_slide("map"),
        make_slide("map", {"part": "border"}),
        make_slide("gti", {"part": first_chart} if first_chart else None),
        make_slide("approaches"),
        *(make_slide("countries", {"country": iso}) for iso in states),
    ]
    return Deck(tuple(slides))
