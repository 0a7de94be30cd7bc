"""What the country-views page shows, in both modes, built from a `CountryView`.

`build(view, names, geometry, briefing=...)` returns a `CountryPage`: every heading,
caption, escaped Markdown block, metric card, link and chart spec of one country's screen
(two columns, full lists). In briefing mode the page shows the country's slide
(`country_view.slides`) instead, and only the step buttons come from here: with the names
alone as their labels, as the slide's title row has room for. `chooser(names, notice)` is
the screen shown before a country is chosen. `brief_html(...)` renders the printable brief. The page only places these; the
fixed words are the constants below. No Streamlit, no I/O.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from components import brief
from components import country_view as cv
from components.i18n import ENGLISH, Translator
from components.layout import (
    CAPTION,
    CHART,
    DATA_TABLE,
    HEADING,
    LINK,
    MARKDOWN,
    TABLE,
    Block,
    Link,
    Row,
)
from components.text import label_escape, md_escape, md_escape_frame
from components.vocab import (
    APPROACHES,
    COUNTRY,
    FLAG,
    HUMAN_RIGHTS,
    INITIATIVES_N,
    N_,
    PAGE_TITLES,
    THE_AFGHAN_BORDER,
)

# Fixed words, marked for extraction: translate at use with `tr._(...)`.
TITLE = PAGE_TITLES["countries"]
INTRO = N_(
    "One state's story from the paper: headline figures, approaches, initiatives, the "
    "Afghan border and human rights, every claim with its footnote."
)
PARAM = "country"  # ?country=UZB: the ISO3 code, whatever the display language
CHOOSER_LABEL = COUNTRY
CHOOSER_PLACEHOLDER = N_("Choose one of the five states")
PREV_HELP = N_("Previous country")
NEXT_HELP = N_("Next country")
# The button's text is its accessible name (Streamlit buttons take no aria-label): on the
# page it says what the button does, not only where it goes.
PREV_LABEL = N_("Previous: {name}")
NEXT_LABEL = N_("Next: {name}")
BRIEF_LABEL = N_("Download brief")
BRIEF_HELP = N_("Self-contained HTML brief for A4 printing; opens offline")
MAP_CAPTION = N_(
    "Boundaries: Natural Earth, simplified. Thick orange line: shared border with Afghanistan."
)
MAP_TABLE_LABEL, MAP_TABLE_KEY = cv.MAP_TABLE_LABEL, cv.MAP_TABLE_KEY
map_table = cv.map_table  # the mini map's data table (country_view: the slide has it too)
# a11y (issue 17): the initiatives chart's table alternative is the list right below it
INITIATIVES_POINTER = N_("Every initiative, with its date as published, is in the table below.")

PAGE = "pages/countries.py"
CARDS_PER_ROW = 4  # at most


@dataclass(frozen=True)
class Chooser:
    """The screen before a country is chosen: a notice for a bad link, one link per state."""

    notice: str | None  # escaped Markdown
    links: tuple[Link, ...]


def chooser(names: Mapping[str, str], notice: str | None = None) -> Chooser:
    """Links to the five states (`names` and `notice` already in the page's language)."""
    links = tuple(
        Link(md_escape(names[iso]), PAGE, ((PARAM, iso),), ":material/flag:") for iso in cv.ORDER
    )
    return Chooser(md_escape(notice) if notice else None, links)


@dataclass(frozen=True)
class Step:
    """The previous or next country button: the state it opens, its label and tooltip."""

    iso3: str
    delta: int  # -1 previous, +1 next, in the paper's order (wrapping around)
    label: str
    help: str
    icon: str
    icon_position: str


@dataclass(frozen=True)
class CountryPage:
    iso3: str
    name: str  # escaped, for the header
    steps: tuple[Step, Step]  # previous, next
    card_rows: tuple[tuple[cv.Card, ...], ...]  # headline metrics, row by row
    per_row: int
    figure_notes: tuple[str, ...]  # escaped captions under the metrics
    body: tuple[Row, ...]  # everything below the metrics


def initiatives_caption(view: cv.CountryView, tr: Translator = ENGLISH) -> str:
    n_dated = int(view.initiatives["dated"].sum())
    n_undated = len(view.initiatives) - n_dated
    dated = tr.n_(
        "{n} dated initiative drawn as a band over the whole period the paper gives (a "
        "year-dated item covers the year);",
        "{n} dated initiatives drawn as bands over the whole period the paper gives (a "
        "year-dated item covers the year);",
        n_dated,
    ).format(n=n_dated)
    undated = tr.n_(
        "{n} undated item is listed only.", "{n} undated items are listed only.", n_undated
    ).format(n=n_undated)
    rest = tr._("Colour and outline = scope. {flag} = flagged.").format(flag=FLAG)
    return f"{dated} {undated} {rest} {tr._(INITIATIVES_POINTER)}"


def sources_caption(view: cv.CountryView, tr: Translator = ENGLISH) -> str:
    return tr._(
        "Sources: the paper's footnotes {numbers} — full references in the printable brief."
    ).format(numbers=", ".join(str(n) for n in view.footnotes))


def _rows(cards: list[cv.Card], per_row: int) -> tuple[tuple[cv.Card, ...], ...]:
    return tuple(tuple(cards[i : i + per_row]) for i in range(0, len(cards), per_row))


def _balanced(n: int, most: int) -> int:
    """Cards per row for ``n`` cards, at most ``most`` a row, in as few rows as that takes,
    the rows as even as can be: five cards are 3 + 2, not 4 + 1 with one card alone."""
    rows = max(1, -(-n // most))
    return max(1, -(-n // rows))


def _normal_body(
    view: cv.CountryView, geometry: cv.MapGeometry, tr: Translator, names: Mapping[str, str]
) -> tuple[Row, ...]:
    iso = view.iso3
    first_cat = view.approaches["category"].iloc[0] if len(view.approaches) else None
    matrix_params = ((PARAM, iso),) + ((("approach", first_cat),) if first_cat else ())
    name = md_escape(view.name)
    left = (
        Block(HEADING, tr._(APPROACHES)),
        Block(MARKDOWN, cv.table4_md(view, tr)),
        Block(MARKDOWN, cv.approaches_md(view, tr=tr)),
        Block(
            LINK,
            Link(
                tr._("{name} in the approaches matrix").format(name=name),
                "pages/approaches.py",
                matrix_params,
                ":material/grid_on:",
            ),
        ),
        Block(HEADING, tr._(HUMAN_RIGHTS)),
        Block(MARKDOWN, cv.rights_md(view, tr=tr)),
    )
    mini = cv.mini_map(iso, geometry, height=300, font_size=15, tr=tr, names=dict(names))
    right = (
        Block(HEADING, tr._("Where")),
        Block(CHART, mini, "country_map"),
        Block(CAPTION, tr._(MAP_CAPTION)),
        Block(DATA_TABLE, map_table(view, geometry, tr=tr, names=dict(names))),
        Block(HEADING, tr._(THE_AFGHAN_BORDER)),
        Block(MARKDOWN, cv.border_md(view, tr=tr)),
        Block(LINK, Link(tr._("Map of the Afghan border"), "pages/map.py", (), ":material/map:")),
    )
    # Full width: the titles alone need about 420 px, which left the bars a sliver in a
    # column on a 1280 px screen. The list is a static table: every row and the whole flag
    # note stay in view (and in print), in the page's own type size.
    below = (
        Block(HEADING, tr._(INITIATIVES_N).format(n=len(view.initiatives))),
        Block(
            CHART,
            cv.timeline_chart(view.initiatives, tr=tr, name=view.name).to_dict(),
            "country_timeline",
        ),
        Block(CAPTION, initiatives_caption(view, tr)),
        Block(TABLE, md_escape_frame(cv.initiatives_table(view, tr))),
        Block(
            LINK,
            Link(
                tr._("{name} on the initiatives timeline").format(name=name),
                "pages/timeline.py",
                ((PARAM, iso),),
                ":material/timeline:",
            ),
        ),
        Block(
            HEADING,
            tr.n_("Sources ({n} footnote)", "Sources ({n} footnotes)", len(view.references)).format(
                n=len(view.references)
            ),
        ),
        Block(MARKDOWN, cv.references_md(view, tr)),
    )
    return (Row((left, right), (3.0, 2.0), "large"), Row((below,)))


def build(
    view: cv.CountryView,
    names: Mapping[str, str],
    geometry: cv.MapGeometry,
    *,
    briefing: bool = False,
    tr: Translator = ENGLISH,
) -> CountryPage:
    """One country's screen (`names` in `tr`'s language); ``briefing`` shortens the step
    buttons' labels for the slide's title row."""
    prev_iso, next_iso = cv.step(view.iso3, -1), cv.step(view.iso3, 1)
    prev_help, next_help = tr._(PREV_HELP), tr._(NEXT_HELP)

    # On a slide the header row has room for the names only (the tooltips still say what
    # the buttons do); the page's buttons say it in their text, their accessible name.
    def label(msg: str, iso: str) -> str:  # a button's label is Markdown: escape the name
        name = label_escape(names[iso])
        return name if briefing else tr._(msg).format(name=name)

    steps = (
        Step(prev_iso, -1, label(PREV_LABEL, prev_iso), prev_help, ":material/arrow_back:", "left"),
        Step(
            next_iso, 1, label(NEXT_LABEL, next_iso), next_help, ":material/arrow_forward:", "right"
        ),
    )
    cards = cv.metric_cards(view, tr=tr)
    per_row = _balanced(len(cards), CARDS_PER_ROW)
    return CountryPage(
        iso3=view.iso3,
        name=md_escape(view.name),
        steps=steps,
        card_rows=_rows(cards, per_row),
        per_row=per_row,
        figure_notes=tuple(cv.figure_notes(view, tr)),
        body=_normal_body(view, geometry, tr, names),
    )


# -------------------------------------------------------------------- the printed brief


def brief_file_name(iso3: str, today: dt.date, lang: str = "en") -> str:
    """The brief's file name; a Russian brief's says so, so that it never overwrites the
    English one in a downloads folder."""
    return f"country-brief-{iso3}-{today.isoformat()}{'' if lang == 'en' else '-' + lang}.html"


def brief_html(
    view: cv.CountryView,
    geometry: cv.MapGeometry,
    *,
    generated: dt.date,
    dataset_version: str,
    provenance: Mapping,
    tr: Translator = ENGLISH,
    names: Mapping[str, str] | None = None,
) -> str:
    """The printable brief; vl-convert renders its two charts as static PNGs (slow: build
    it on request only). `names`: the map's country names in `tr`'s language."""
    paper = next(s for s in provenance["sources"] if s["id"] == "paper")
    mini = cv.mini_map(
        view.iso3, geometry, height=300, width=300, font_size=13, tr=tr, names=dict(names or {})
    )
    timeline = cv.timeline_chart(
        view.initiatives,
        font_size=12,
        row_height=20,
        label_limit=380,
        width=300,
        tr=tr,
        name=view.name,
    )
    return brief.build_html(
        view,
        generated=generated,
        dataset_version=dataset_version,
        paper_citation=" ".join(paper["title"].split()),
        paper_url=paper["path"],
        map_png=brief.chart_png(mini),
        timeline_png=brief.chart_png(timeline),
        tr=tr,
    )


def brief_bytes(
    view: cv.CountryView,
    geometry: cv.MapGeometry,
    dataset_version: str,
    provenance: Mapping,
    generated: dt.date,
    tr: Translator = ENGLISH,
    names: Mapping[str, str] | None = None,
) -> bytes:
    """The brief as the download's UTF-8 bytes (a download button calls this on click)."""
    return brief_html(
        view,
        geometry,
        generated=generated,
        dataset_version=dataset_version,
        provenance=provenance,
        tr=tr,
        names=names,
    ).encode("utf-8")
