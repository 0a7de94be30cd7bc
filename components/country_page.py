"""What the country-views page shows, in both modes, built from a `CountryView`.

`build(view, names, geometry, briefing=...)` returns a `CountryPage`: every heading,
caption, escaped Markdown block, metric card, link and chart spec of one country's screen,
in normal mode (two columns, full lists) or briefing mode (one dense 16:9 screen, long lists
in the printable brief). `chooser(names, notice)` is the screen shown before a country is
chosen. `brief_html(...)` renders the printable brief. The page only places these; the
fixed words are the constants below. No Streamlit, no I/O.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from components import brief
from components import country_view as cv
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
from components.text import md_escape, md_escape_frame
from components.vocab import FLAG

TITLE = "Country views"
INTRO = (
    "One state's story from the paper: headline figures, approaches, initiatives, the "
    "Afghan border and human rights, every claim with its footnote."
)
PARAM = "country"  # ?country=UZB: the ISO3 code, whatever the display language
CHOOSER_LABEL = "Country"
CHOOSER_PLACEHOLDER = "Choose one of the five states"
PREV_HELP = "Previous country"
NEXT_HELP = "Next country"
BRIEF_LABEL = "Download brief"
BRIEF_HELP = "Self-contained HTML brief for A4 printing; opens offline"
MAP_CAPTION = (
    "Boundaries: Natural Earth, simplified. Thick orange line: shared border with Afghanistan."
)
MAP_TABLE_LABEL, MAP_TABLE_KEY = cv.MAP_TABLE_LABEL, cv.MAP_TABLE_KEY
map_table = cv.map_table  # the mini map's data table (country_view: the slide has it too)
# a11y (issue 17): the initiatives chart's table alternative is the list right below it
INITIATIVES_POINTER = "Every initiative, with its date as published, is in the table below."

PAGE = "pages/countries.py"
CARDS_PER_ROW = 4  # normal mode; briefing mode puts every card on one row
BRIEFING_KEY_FIGURES = 3  # key figures on the briefing screen; the rest are in the brief


@dataclass(frozen=True)
class Chooser:
    """The screen before a country is chosen: a notice for a bad link, one link per state."""

    notice: str | None  # escaped Markdown
    links: tuple[Link, ...]


def chooser(names: Mapping[str, str], notice: str | None = None) -> Chooser:
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
    briefing: bool
    name: str  # escaped, for the header
    steps: tuple[Step, Step]  # previous, next
    card_rows: tuple[tuple[cv.Card, ...], ...]  # headline metrics, row by row
    per_row: int
    figure_notes: tuple[str, ...]  # escaped captions under the metrics
    body: tuple[Row, ...]  # everything below the metrics, in the mode's layout


def initiatives_caption(view: cv.CountryView) -> str:
    n_dated = int(view.initiatives["dated"].sum())
    n_undated = len(view.initiatives) - n_dated
    return (
        f"{n_dated} dated initiative(s) drawn as bands over the whole period the paper "
        f"gives (a year-dated item covers the year); {n_undated} undated item(s) are "
        f"listed only. Colour and outline = scope. {FLAG} = flagged. {INITIATIVES_POINTER}"
    )


def sources_caption(view: cv.CountryView) -> str:
    return (
        f"Sources: the paper's footnotes {', '.join(str(n) for n in view.footnotes)} — "
        "full references in the printable brief."
    )


def _rows(cards: list[cv.Card], per_row: int) -> tuple[tuple[cv.Card, ...], ...]:
    return tuple(tuple(cards[i : i + per_row]) for i in range(0, len(cards), per_row))


def _briefing_body(view: cv.CountryView, geometry: cv.MapGeometry) -> tuple[Row, ...]:
    """One 16:9 screen: three dense columns; long lists are in the printable brief."""
    timeline = cv.timeline_chart(view.initiatives, font_size=15, row_height=22, label_limit=250)
    approaches = (
        Block(HEADING, "Approaches (Table 4)"),
        Block(MARKDOWN, cv.table4_md(view)),
        Block(MARKDOWN, cv.approaches_md(view, compact=True)),
    )
    border = (
        Block(HEADING, "Afghan border"),
        Block(CHART, cv.mini_map(view.iso3, geometry, height=225, font_size=15), "country_map"),
        Block(MARKDOWN, cv.border_md(view, compact=True)),
    )
    initiatives = (
        Block(HEADING, f"Initiatives ({len(view.initiatives)})"),
        Block(CHART, timeline.to_dict(), "country_timeline"),
        Block(HEADING, "Human rights"),
        Block(MARKDOWN, cv.rights_md(view, compact=True)),
    )
    return (
        Row((approaches, border, initiatives), (1.0, 1.0, 1.25)),
        Row(((Block(CAPTION, sources_caption(view)),),)),
    )


def _normal_body(view: cv.CountryView, geometry: cv.MapGeometry) -> tuple[Row, ...]:
    iso = view.iso3
    first_cat = view.approaches["category"].iloc[0] if len(view.approaches) else None
    matrix_params = ((PARAM, iso),) + ((("approach", first_cat),) if first_cat else ())
    left = (
        Block(HEADING, "Approaches"),
        Block(MARKDOWN, cv.table4_md(view)),
        Block(MARKDOWN, cv.approaches_md(view)),
        Block(
            LINK,
            Link(
                f"{md_escape(view.name)} in the approaches matrix",
                "pages/approaches.py",
                matrix_params,
                ":material/grid_on:",
            ),
        ),
        Block(HEADING, "Human rights"),
        Block(MARKDOWN, cv.rights_md(view)),
    )
    right = (
        Block(HEADING, "Where"),
        Block(CHART, cv.mini_map(iso, geometry, height=300, font_size=15), "country_map"),
        Block(CAPTION, MAP_CAPTION),
        Block(DATA_TABLE, map_table(view, geometry)),
        Block(HEADING, "The Afghan border"),
        Block(MARKDOWN, cv.border_md(view)),
        Block(LINK, Link("Map of the Afghan border", "pages/map.py", (), ":material/map:")),
    )
    # Full width: the titles alone need about 420 px, which left the bars a sliver in a
    # column on a 1280 px screen. The list is a static table: every row and the whole flag
    # note stay in view (and in print), in the page's own type size.
    below = (
        Block(HEADING, f"Initiatives ({len(view.initiatives)})"),
        Block(CHART, cv.timeline_chart(view.initiatives).to_dict(), "country_timeline"),
        Block(CAPTION, initiatives_caption(view)),
        Block(TABLE, md_escape_frame(cv.initiatives_table(view))),
        Block(
            LINK,
            Link(
                f"{md_escape(view.name)} on the initiatives timeline",
                "pages/timeline.py",
                ((PARAM, iso),),
                ":material/timeline:",
            ),
        ),
        Block(HEADING, f"Sources ({len(view.references)} footnotes)"),
        Block(MARKDOWN, cv.references_md(view)),
    )
    return (Row((left, right), (3.0, 2.0), "large"), Row((below,)))


def build(
    view: cv.CountryView,
    names: Mapping[str, str],
    geometry: cv.MapGeometry,
    *,
    briefing: bool = False,
) -> CountryPage:
    """One country's screen in normal or briefing mode."""
    prev_iso, next_iso = cv.step(view.iso3, -1), cv.step(view.iso3, 1)
    steps = (
        Step(prev_iso, -1, names[prev_iso], PREV_HELP, ":material/arrow_back:", "left"),
        Step(next_iso, 1, names[next_iso], NEXT_HELP, ":material/arrow_forward:", "right"),
    )
    if briefing:
        key_figs = view.key_figures[:BRIEFING_KEY_FIGURES]
        cards = cv.metric_cards(view, combine_gti=True, key_figures=key_figs)
        extra = len(view.key_figures) - len(key_figs)
        per_row = len(cards)
        notes = (f"{extra} more key figure(s) in the printable brief.",) if extra else ()
        body = _briefing_body(view, geometry)
    else:
        cards = cv.metric_cards(view)
        per_row = CARDS_PER_ROW
        notes = tuple(cv.figure_notes(view))
        body = _normal_body(view, geometry)
    return CountryPage(
        iso3=view.iso3,
        briefing=briefing,
        name=md_escape(view.name),
        steps=steps,
        card_rows=_rows(cards, per_row),
        per_row=per_row,
        figure_notes=notes,
        body=body,
    )


# -------------------------------------------------------------------- the printed brief


def brief_file_name(iso3: str, today: dt.date) -> str:
    return f"country-brief-{iso3}-{today.isoformat()}.html"


def brief_html(
    view: cv.CountryView,
    geometry: cv.MapGeometry,
    *,
    generated: dt.date,
    dataset_version: str,
    provenance: Mapping,
) -> str:
    """The printable brief; vl-convert renders its two charts as static PNGs (slow: build
    it on request only)."""
    paper = next(s for s in provenance["sources"] if s["id"] == "paper")
    return brief.build_html(
        view,
        generated=generated,
        dataset_version=dataset_version,
        paper_citation=" ".join(paper["title"].split()),
        paper_url=paper["path"],
        map_png=brief.chart_png(
            cv.mini_map(view.iso3, geometry, height=300, width=300, font_size=13)
        ),
        timeline_png=brief.chart_png(
            cv.timeline_chart(
                view.initiatives, font_size=12, row_height=20, label_limit=380, width=300
            )
        ),
    )


def brief_bytes(
    view: cv.CountryView,
    geometry: cv.MapGeometry,
    dataset_version: str,
    provenance: Mapping,
    generated: dt.date,
) -> bytes:
    """The brief as the download's UTF-8 bytes (a download button calls this on click)."""
    return brief_html(
        view,
        geometry,
        generated=generated,
        dataset_version=dataset_version,
        provenance=provenance,
    ).encode("utf-8")
