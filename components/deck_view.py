"""What the deck page shows for one deck, built in one pure function (no Streamlit).

`build(deck, notices, words)` returns a `DeckView`: one row per slide (its number, the
title the vocabulary gives its page or part, and the state it opens in, in words: each
setting under the label its page's control shows, its value by name), the notices about
what a link dropped, and the share link's query string. Words live here, in
components/vocab.py and in the pages' view modules; pages/deck.py only places them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from urllib.parse import urlencode

from components import approaches_view as av
from components import country_page as cp
from components import country_view as cv
from components import deck as dk
from components import filters as F
from components import gti_view as gv
from components import map_deck as md
from components import sources_view as sv
from components import timeline_view as tv
from components.i18n import ENGLISH, Translator
from components.text import SLIDE_COUNT, join_list, md_escape
from components.vocab import N_, NO_SUCH_PART, PAGE_TITLES, PART_TITLES, STATES, SWITCH_WORDS


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
    warning: str = ""  # what its page will not read (`slide_warning`), escaped Markdown

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


# ------------------------------------------------------------------ a slide's settings


@dataclass(frozen=True)
class SettingWords:
    """The values a slide's settings can hold, by name, in one language: what each page's
    own control shows for them. `setting_words(tr)` takes them from the data (the deck page
    caches them); without them a value reads as its code."""

    countries: Mapping[str, str] = field(default_factory=dict)  # iso3 -> name
    gti: Mapping[str, str] = field(default_factory=dict)  # Table 1 code -> the picker's label
    approaches: Mapping[str, str] = field(default_factory=dict)  # category id -> label
    partners: Mapping[str, str] = field(default_factory=dict)  # org id -> the picker's label
    timeline: F.Vocabulary | None = None  # the timeline's filters: partners, themes, types...
    choices: av.Choices | None = None  # the approaches page's link reader


def setting_words(tr: Translator = ENGLISH) -> SettingWords:
    """Every page's value labels in `tr`'s language, from the package's tables."""
    from components import data
    from components.country_view import country_names

    countries = data.countries(tr.lang)
    approaches = av.choices(av.Inputs.from_data(tr.lang), tr)
    return SettingWords(
        countries=MappingProxyType(country_names(countries, tuple(countries["iso3"]))),
        gti=gv.picker(data.gti_countries(tr.lang), tr).names,  # slide_detail escapes
        approaches=approaches.approaches,
        partners=approaches.partners,
        timeline=tv.vocabulary_from_data(tr),
        choices=approaches,
    )


# Each setting a slide may carry (deck.PAGE_PARAMS, but "part"): the label its page's
# control shows, spelled where that page spells it, and how its value reads.
SETTINGS: dict[tuple[str, str], tuple[str, str]] = {
    **{("map", k): (md.LAYER_LABELS[k], "switch") for k in dk.PAGE_PARAMS["map"] if k != "part"},
    ("gti", "countries"): (gv.PICKER_LABEL, "gti"),
    ("approaches", "country"): (av.LABELS.country, "country"),
    ("approaches", "approach"): (av.LABELS.approach, "approach"),
    ("approaches", "partner"): (av.LABELS.partner, "partner"),
    ("approaches", "rights"): (av.LABELS.rights, "switch"),
    ("timeline", "partner"): (tv.CONTROLS.partner, "partners"),
    ("timeline", "country"): (tv.CONTROLS.country, "countries"),
    ("timeline", "theme"): (tv.CONTROLS.theme, "themes"),
    ("timeline", "type"): (tv.CONTROLS.type, "types"),
    ("timeline", "from"): (tv.CONTROLS.years, "years"),
    ("timeline", "to"): (tv.CONTROLS.years, "years"),
    ("timeline", "q"): (tv.CONTROLS.search, "text"),
    ("timeline", "rows"): (tv.CONTROLS.rows, "rows"),
    ("timeline", "colour"): (tv.CONTROLS.colour, "colour"),
    ("timeline", "incidents"): (tv.CONTROLS.incidents, "switch"),
    ("countries", "country"): (cp.CHOOSER_LABEL, "country"),
    ("sources", "q"): (sv.SEARCH_LABEL, "text"),
    ("sources", "kind"): (sv.KIND_LABEL, "kind"),
}
# A switch's value as a link writes it (Streamlit binds a toggle as true/false; the
# timeline's ?incidents= takes 1/0, as components/filters.py reads it)
SWITCH_VALUES = {
    **dict.fromkeys(("1", "true", "yes", "on"), True),
    **dict.fromkeys(("0", "false", "no", "off"), False),
}


def _items(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def _known(value: str, names: Mapping[str, str]) -> str | None:
    """A code's key in `names`, matched as the pages match links (any case), or None."""
    return next((v for v in (value, value.casefold(), value.upper()) if v in names), None)


def _years(params: Mapping[str, str], tr: Translator) -> str:
    """?from= and ?to= together, as the timeline's filter summary words a year range."""
    bounds = {
        k: int(v) if re.fullmatch(r"[0-9]{4}", v.strip()) else v
        for k, v in ((k, params.get(k)) for k in ("from", "to"))
        if v is not None
    }
    state = F.FilterState(year_from=bounds.get("from"), year_to=bounds.get("to"))
    return F.year_text(state, tr)


def setting_value(
    page: str, key: str, value: str, params: Mapping[str, str], words: SettingWords, tr: Translator
) -> str:
    """One setting's value in words (not escaped): names for codes, translated switches
    and modes, the search text quoted. A value no page would read stays as given."""
    kind = SETTINGS.get((page, key), ("", ""))[1]
    vocab = words.timeline
    if kind == "switch":
        flag = SWITCH_VALUES.get(value.strip().casefold())
        return value if flag is None else tr._(SWITCH_WORDS[flag])
    if kind == "country":
        return words.countries.get(value.strip().upper(), value)
    if kind in ("gti", "approach", "partner"):
        names = {"gti": words.gti, "approach": words.approaches, "partner": words.partners}[kind]
        shown = [names[k] if (k := _known(v, names)) else v for v in _items(value)]
        return join_list(shown, tr) if kind == "gti" else F.one_of(tr).join(shown)
    if kind in ("partners", "countries", "themes", "types") and vocab is not None:
        names = getattr(vocab, kind)
        codes = tuple(_known(v, names) or v for v in _items(value))
        described = F.describe(F.FilterState(**{kind: codes}), vocab, tr)
        return described[0][1] if described else value
    if kind == "years":
        return _years(params, tr)
    if kind == "text":
        # the timeline's filter summary quotes a search in the interface language's marks
        described = F.describe(F.FilterState(text=value), vocab, tr)
        return described[0][1] if described else value
    if kind in ("rows", "colour"):
        modes = dict(zip(("rows", "colour"), tv.modes(tr), strict=True))[kind]
        return modes.get(value.strip().casefold(), value)
    if kind == "kind":
        code = value if value in sv.KINDS else next(iter(sv.read_link(None, [value])[1]), None)
        return sv.kind_label(code, tr) if code else value
    return value


def slide_detail(
    slide: dk.Slide, words: SettingWords | Mapping[str, str], tr: Translator = ENGLISH
) -> str:
    """The slide's state in words: a country by name, other settings as 'label: value' with
    the label its page's control shows and the value in words (`setting_value`). `words`
    may be just the country names (iso3 -> name)."""
    if not isinstance(words, SettingWords):
        words = SettingWords(countries=words)
    params = slide.query
    out = []
    for key, value in slide.params:
        if key == "part":
            if value not in PART_TITLES.get(slide.page, {}):
                number = value.isascii() and value.isdecimal() and len(value) < 7
                shown = tr.integer(int(value)) if number else value
                out.append(tr._("part: {value}").format(value=shown))
            continue
        if key == "to" and "from" in params:
            continue  # one year range, where ?from= is
        label, kind = SETTINGS.get((slide.page, key), (key, ""))
        if kind == "country" and value.strip().upper() in words.countries:
            out.append(words.countries[value.strip().upper()])  # the slide's country: its name
            continue
        shown = setting_value(slide.page, key, value, params, words, tr)
        out.append(f"{tr._(label)}: {shown}")
    return md_escape(" · ".join(out))


def _link_notices(slide: dk.Slide, words: SettingWords, tr: Translator) -> tuple[str, ...]:
    """What the slide's link asks for and its page will not do (escaped Markdown), said by
    the readers its page and its slide use, without building the slide: the deck page lists
    every entry, and building all of them takes seconds (the player builds one at a time)."""
    params = slide.query
    part = params.get("part")
    said = []
    # a named part the page lacks; on a page that numbers its slides, a part not a number
    named = PART_TITLES.get(slide.page)
    if part is not None and (part not in named if named else not part.isdecimal()):
        said.append(tr._(NO_SUCH_PART).format(part=md_escape(repr(part[:24]))))  # as pick()
    if slide.page == "countries":
        _, notice = cv.resolve_country(params.get("country"), tr=tr, chooser=False)
        said.append(notice and md_escape(notice))
    elif slide.page == "approaches" and words.choices is not None:
        said += words.choices.parse(params.get("country"), params.get("approach")).notices
    elif slide.page == "gti":
        from components import data

        said.append(gv.read_link(params.get("countries"), data.gti_countries(), tr)[1])
    elif slide.page == "timeline" and words.timeline is not None:
        said += [md_escape(n) for n in F.parse_query(dict(params), words.timeline, tr)[2]]
    elif slide.page == "sources":
        kinds = [k for k in (params.get("kind"),) if k]
        said.append(sv.link_notice(kinds, tr, params.get("q")))
    return tuple(n for n in said if n)


def slide_warning(
    slide: dk.Slide, words: SettingWords | Mapping[str, str], tr: Translator = ENGLISH
) -> str:
    """What in the slide's link its page will not do, as the page says it (escaped
    Markdown; '' when it does all of it)."""
    if not isinstance(words, SettingWords):
        words = SettingWords(countries=words)
    return " ".join(_link_notices(slide, words, tr))


def regional_briefing() -> dk.Deck:
    """The ready-made deck, from the vocabulary: the states in the paper's order and the
    terrorism-index page's first chart (Table 1)."""
    return dk.regional_briefing(STATES, PART_TITLES["gti"])


def build(
    deck: dk.Deck,
    notices: Sequence[str],
    words: SettingWords | Mapping[str, str],
    tr: Translator = ENGLISH,
) -> DeckView:
    """`words`: the settings' value labels (`setting_words`), or just the country names."""
    rows = tuple(
        Row(
            i + 1,
            md_escape(slide_title(s, tr)),
            slide_detail(s, words, tr),
            slide_warning(s, words, tr),
        )
        for i, s in enumerate(deck.slides)
    )
    n = len(rows)
    return DeckView(
        rows=rows,
        summary=tr.n_(*SLIDE_COUNT, n).format(n=n) if n else tr._(LABELS.empty),
        notices=tuple(md_escape(x) for x in notices),
        share_query=urlencode({"deck": deck.encode()}) if n else "",
    )
