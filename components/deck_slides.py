"""A deck's slides as `components.slides.Slide`s, for the printed handout. Pure: no
Streamlit (the builders read the data through components.data, like the pages do).

Each page's slides are built by that page's own view module, from the same state the page
reads from a slide's query parameters; the handout then prints the part the deck names.
A slide whose page has no slides, or whose state is unreadable, is skipped: a deck link is
user input, and the handout prints what it can.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from functools import cache, partial

from components import approaches_view as av
from components import country_view as cv
from components import data, handout
from components import deck as dk
from components import filters as F
from components import gti_view as gv
from components import map_view as mv
from components import overview_view as ov
from components import sources_view as sv
from components import timeline_view as tv
from components.deck_view import slide_title
from components.i18n import ENGLISH, Translator
from components.slides import Slide, pick
from components.text import md_escape
from components.vocab import NO_SUCH_PART

Built = tuple[tuple[Slide, ...], tuple[str, ...]]  # a page's slides, and its link's notices


def _said(*notices: str | None) -> tuple[str, ...]:
    """The notices there are (a reader gives None where the link was fine)."""
    return tuple(n for n in notices if n)


def _overview(_: Mapping[str, str], tr: Translator) -> Built:
    view = ov.build(
        cv.Inputs.from_data(tr.lang),
        data.gti_regions(tr.lang),
        data.flags(),
        data.provenance(),
        data.dataset_version(),
        tr=tr,
        ca_groups=ov.ca_group_ids(data.armed_groups()),
    )
    return ov.slides(view), ()


def _map(_: Mapping[str, str], tr: Translator) -> Built:
    return mv.slides(mv.Inputs.from_data(tr.lang), mv.slide_geometry(), tr), ()


def _approaches(params: Mapping[str, str], tr: Translator) -> Built:
    inputs = av.Inputs.from_data(tr.lang)
    sel = av.choices(inputs, tr).parse(params.get("country"), params.get("approach"))
    view = av.build(inputs, (), False, False, sel.country, sel.approach, tr=tr)
    return av.slides(view, tr), sel.notices


def _countries(params: Mapping[str, str], tr: Translator) -> Built:
    iso, notice = cv.resolve_country(params.get("country"), tr=tr, chooser=False)
    if iso is None:
        return (), _said(notice and md_escape(notice))
    geometry = cv.map_geometry(data.geo("geo_countries"), data.geo("geo_borders"))
    names = cv.country_names(data.countries(tr.lang))
    view = cv.build_view(iso, cv.Inputs.from_data(tr.lang), tr)
    return cv.slides(view, geometry, tr, names), ()


def _gti(params: Mapping[str, str], tr: Translator) -> Built:
    selected, notice = gv.read_link(params.get("countries"), data.gti_countries(), tr)
    return gv.slides(gv.build_from_data(selected, tr), tr), _said(notice)


def _timeline(params: Mapping[str, str], tr: Translator) -> Built:
    vocab = tv.vocabulary_from_data(tr)
    state, options, notices = F.parse_query(dict(params), vocab, tr)
    view = tv.build_from_data(state, options, tuple(notices), vocab, tr)
    slides = tv.slides(view)
    # nothing matched: say why (the page's own hint points to its controls; a slide has none)
    why = view.empty_reason_md if not slides else None
    return slides, (*view.notices_md, *_said(why))


def _sources(params: Mapping[str, str], tr: Translator) -> Built:
    linked = [k for k in (params.get("kind"),) if k]
    query, kinds = sv.read_link(params.get("q"), linked)
    slides = sv.slides(sv.build(data.sources(tr.lang), query, kinds, tr), query, kinds, tr)
    return slides, _said(sv.link_notice(linked, tr, params.get("q")))


BUILDERS: dict[str, Callable[[Mapping[str, str], Translator], Built]] = {
    "overview": _overview,
    "map": _map,
    "approaches": _approaches,
    "countries": _countries,
    "gti": _gti,
    "timeline": _timeline,
    "sources": _sources,
}


def slide_with_notices(slide: dk.Slide, tr: Translator = ENGLISH) -> tuple[Slide | None, tuple]:
    """The printable slide a deck entry shows (its page's slide named by ``part``, else the
    page's first; None when the page has none), and what its link asked for and did not
    get (escaped Markdown), as the page itself would say."""
    build = BUILDERS.get(slide.page)
    slides, notices = build(slide.query, tr) if build else ((), ())
    if not slides:
        return None, notices
    chosen, missing = pick(slides, slide.query.get("part"))
    if missing:
        notices = (*notices, tr._(NO_SUCH_PART).format(part=md_escape(missing)))
    return chosen, notices


def slide_of(slide: dk.Slide, tr: Translator = ENGLISH) -> Slide | None:
    """The printable slide a deck entry shows, without its notices (the handout)."""
    return slide_with_notices(slide, tr)[0]


def deck_slides(deck: dk.Deck, tr: Translator = ENGLISH) -> list[Slide]:
    """The deck's printable slides, in `tr`'s language."""
    return printed(deck, tr)[0]


def printed(deck: dk.Deck, tr: Translator = ENGLISH) -> tuple[list[Slide], list[str]]:
    """The deck's printable slides, and the entries without one ("3. Country views": a
    country that is not one of the five, a search that finds nothing), in plain text."""
    slides, skipped = [], []
    for n, entry in enumerate(deck.slides, start=1):
        slide = slide_of(entry, tr)
        if slide is None:
            skipped.append(f"{n}. {slide_title(entry, tr)}")
        else:
            slides.append(slide)
    return slides, skipped


def unprintable(deck: dk.Deck) -> Sequence[str]:
    """The pages of the deck the handout leaves out (no printable slide yet)."""
    return [s.page for s in deck.slides if s.page not in BUILDERS]


def handout_download(deck: dk.Deck, title: str, tr: Translator = ENGLISH) -> Callable[[], bytes]:
    """The deck page's handout download (`handout.download_data`): the deck's slides in
    `tr`'s language, built only on click, cited to the paper of the data's provenance."""
    paper = next(s for s in data.provenance()["sources"] if s["id"] == "paper")
    built = cache(partial(printed, deck, tr))  # on click, once
    return handout.download_data(
        lambda: built()[0],
        partial(data.sources, tr.lang),
        skipped=lambda: built()[1],
        title=title,
        generated=dt.date.today(),
        dataset_version=data.dataset_version(),
        paper_citation=paper["title"],
        paper_url=paper["path"],
        tr=tr,
    )
