"""Everything the terrorism-index page shows for one country selection, built in one pure
function.

`build(...)` returns a `GtiView`: three sections (Tables 1, 2 and 3), each with its charts
as Vega-Lite dicts, their notes and footnote links as escaped Markdown, the exact frame
each chart plots and its CSV, the flag warnings, the Table 3 scope note, and links to the
country views of the selected Central Asian states. `read_link` turns ``?countries=`` into
a selection and a notice. The page's fixed words are the constants below. No Streamlit,
no I/O: the charts come from components.gti_charts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from types import MappingProxyType

import pandas as pd

from components import gti_charts as charts
from components.i18n import ENGLISH, Translator
from components.layout import DataTable, Link
from components.text import footnote_links_md, label_escape, md_escape, md_escape_frame
from components.vocab import (
    ACTIVITY,
    ACTIVITY_AS_PRINTED,
    AS_PRINTED,
    CHANGE_AS_PRINTED,
    COUNTRY,
    COUNTRY_VIEW_LINK,
    EVENTS_AS_PRINTED,
    FLAG,
    FLAG_HEADING,
    FORMULA,
    GROUP,
    GTI_2023_SCORE,
    IMPLIED_START_SCORE,
    KIND,
    KIND_LABELS,
    N_,
    NOTE,
    PART_TITLES,
    PERIOD,
    READING,
    ROW,
    SOURCE,
    STATUS,
    TIE,
    TOTAL_EVENTS_DERIVED,
    YEAR,
)
from components.vocab import STATES as CENTRAL_ASIA

# The page's fixed words (marked for the catalogue; translate at use: tr._(TITLE)).
TITLE = N_("Terrorism index and Astana's prevention programme")
INTRO = N_(
    "Global Terrorism Index 2024 scores for Eurasia (Table 1) and by region (Table 2), and the "
    "events of Astana's prevention programme (Table 3), exactly as printed in the paper. "
    "Hover a bar for its exact value and footnote; the ⋯ menu of each chart exports PNG or SVG."
)
PICKER_LABEL = N_("Highlight countries in every chart")
PICKER_PLACEHOLDER = N_("Choose countries from Table 1 (the link keeps your choice)")
DOWNLOAD_LABEL = N_("Download this chart's data (CSV)")

PARAM = "countries"  # ?countries=TJK,UZB: Table 1's codes, comma-separated
HOST_OF_TABLE3 = "KAZ"  # Table 3 is Astana's programme; Astana is Kazakhstan's capital
COUNTRY_PAGE = "pages/countries.py"


# ------------------------------------------------------------------------- the picker


@dataclass(frozen=True)
class Picker:
    """The country picker's options (Table 1's codes, printed order) and their names."""

    options: tuple[str, ...]
    names: MappingProxyType  # code -> "Tajikistan (TJK)", plain text (escaped where used)

    def label(self, code: str) -> str:
        """The pill's label: pills render their labels as Markdown."""
        return label_escape(self.names.get(code, code))


def _names(gti: pd.DataFrame, tr: Translator = ENGLISH) -> dict[str, str]:
    """Table 1 code -> the country's name as printed (or its translation)."""
    return {
        r["iso3"]: charts.localised(r, "country_as_printed", tr) for r in gti.to_dict("records")
    }


def picker(gti: pd.DataFrame, tr: Translator = ENGLISH) -> Picker:
    codes = tuple(gti["iso3"])
    names = _names(gti, tr)
    return Picker(codes, MappingProxyType({c: f"{names[c]} ({c})" for c in codes}))


def read_link(
    value: str | None, gti: pd.DataFrame, tr: Translator = ENGLISH
) -> tuple[tuple[str, ...], str | None]:
    """``?countries=`` -> (Table 1 codes to select, escaped notice about ignored codes)."""
    codes = list(gti["iso3"])
    wanted, ignored = charts.parse_countries_param([] if value is None else [value], codes)
    if not ignored:
        return tuple(wanted), None
    return tuple(wanted), tr._(
        "Ignored unknown country code(s) in the link: {ignored}. Use codes from Table 1: {codes}."
    ).format(ignored=md_escape(", ".join(ignored)), codes=md_escape(", ".join(codes)))


def link_value(selected: Sequence[str]) -> str | None:
    """What ``?countries=`` holds for a selection (None: no parameter)."""
    return charts.countries_param(selected) or None


# --------------------------------------------------------------------------- the view


@dataclass(frozen=True)
class ChartBlock:
    """One chart and everything printed around it."""

    key: str  # slug for widget keys and the CSV's file name
    title: str  # the chart's title, plain text
    spec: dict  # Vega-Lite, validated by Altair; shared when cached: do not mutate
    notes: tuple[str, ...]  # escaped Markdown captions under the chart
    footnotes: tuple[int, ...]
    footnotes_md: str  # "Footnotes: [36](url), 37"
    data_label: str  # the "show data" expander's label (escaped)
    data: pd.DataFrame  # exactly what the chart plots
    table: pd.DataFrame  # the "show data" table: the figures as printed, labelled columns
    csv: bytes
    csv_name: str
    warnings: tuple[str, ...] = ()  # escaped Markdown, shown after the chart (flagged rows)
    slide_spec: dict | None = None  # the chart re-styled for a slide (see gti_charts)
    slide_source: str = ""  # the slide's source line, without footnotes (the slide adds them)
    slide_notes: tuple[str, ...] = ()  # escaped: the notes, plus what the page shows on hover

    @property
    def caption_md(self) -> str:
        """The notes and footnotes as one caption, a paragraph each (spaced as separate
        captions were): one element, not one per line, for the browser to mount (issue 17)."""
        return "\n\n".join((*self.notes, self.footnotes_md))


@dataclass(frozen=True)
class Section:
    code: str  # the paper's table number, as ?table= holds it
    header: str  # plain text: a tab's label
    note: str | None  # escaped Markdown caption before the charts
    charts: tuple[ChartBlock, ...]


# ?table=2 opens Table 2's tab. The page draws one table's charts at a time (issue 17: six
# charts with their notes made every deep link, click and selection miss its target; the
# charts of the tabs not shown cost nothing until one is opened).
SECTION_PARAM = "table"
SECTIONS = ("1", "2", "3")


def read_section(value: str | None, tr: Translator = ENGLISH) -> tuple[str, str | None]:
    """``?table=`` -> (the table to open, escaped notice when the link's value was refused)."""
    if value is None or value.strip() in SECTIONS:
        return (value or SECTIONS[0]).strip(), None
    return SECTIONS[0], tr._(
        "Ignored an unknown table in the link: {value}. Use 1, 2 or 3."
    ).format(value=md_escape(value[:40]))


def section_value(code: str) -> str | None:
    """What ``?table=`` holds when ``code``'s tab is open (None: the first, no parameter)."""
    return None if code == SECTIONS[0] else code


@dataclass(frozen=True)
class GtiView:
    selected: tuple[str, ...]
    country_links: tuple[Link, ...]  # country views of the selected Central Asian states
    sections: tuple[Section, ...]


def _block(
    result: charts.ChartResult, sources: pd.DataFrame, warnings=(), tr: Translator = ENGLISH
) -> ChartBlock:
    return ChartBlock(
        key=result.key,
        title=result.title,
        spec=result.spec(),
        notes=tuple(md_escape(n) for n in result.notes),
        footnotes=tuple(result.footnotes),
        footnotes_md=tr._("Footnotes: {links}").format(
            links=footnote_links_md(result.footnotes, sources)
        ),
        data_label=tr._("Show data: {title}").format(title=md_escape(result.title)),
        data=result.data,
        table=display_table(result.data, tr),
        csv=result.csv(),
        csv_name=f"{result.key}.csv",
        warnings=tuple(warnings),
        slide_spec=result.slide_spec(),
        slide_source=md_escape(result.slide_source),
        slide_notes=tuple(md_escape(n) for n in (*result.notes, *_hover_only(result, tr))),
    )


# The "show data" table in a translation: the columns a reader needs, under words, with the
# figures as printed in the language's digits (the CSV keeps every column and its code).
HIGHLIGHTED = N_("Highlighted")
COLUMN_LABELS = {
    "rank": N_("Rank"),
    "country": COUNTRY,
    "country_as_printed": AS_PRINTED,
    "label": ROW,
    "label_as_printed": AS_PRINTED,
    "group": GROUP,
    "score_as_printed": N_("GTI score (as printed)"),
    "period": PERIOD,
    "change_as_printed": CHANGE_AS_PRINTED,
    "direction": READING,
    "implied_note": IMPLIED_START_SCORE,
    "kind_label": KIND,
    "value_as_printed": N_("Average GTI score (as printed)"),
    "activity": ACTIVITY_AS_PRINTED,
    "year": YEAR,
    "status_label": STATUS,
    "events_as_printed": EVENTS_AS_PRINTED,
    "text": TOTAL_EVENTS_DERIVED,
    "tie_note": TIE,
    "formula": FORMULA,
    "note": NOTE,
    "flag_note": FLAG_HEADING,
    "source": SOURCE,
}


def display_table(frame: pd.DataFrame, tr: Translator = ENGLISH) -> pd.DataFrame:
    """A chart's frame as a reader's table in the translator's language: labelled columns
    only (codes, raw floats and drawing flags stay in the CSV)."""
    drop = set()
    if "country" in frame.columns:
        drop.add("label")  # Table 1's scores: 'label' is the bar's text
    if "total_events" not in frame.columns:
        drop.add("text")  # the bar's text, except Table 3's derived totals as printed
    cols = [c for c in COLUMN_LABELS if c in frame.columns and c not in drop]
    out = frame[cols].rename(columns={c: tr._(COLUMN_LABELS[c]) for c in cols})
    if "selected" in frame and frame["selected"].any():  # the picker's rows, as in the chart
        out.insert(0, tr._(HIGHLIGHTED), ["✓" if s else "" for s in frame["selected"]])
    return out


def _hover_only(result: charts.ChartResult, tr: Translator = ENGLISH) -> list[str]:
    """Derived rows' formulas that the page only shows on hover (not among the notes)."""
    df = result.data
    if "formula" not in df or "kind" not in df:
        return []
    out = []
    for r in df[(df["kind"] == charts.DERIVED) & (df["formula"] != "")].to_dict("records"):
        if not any(r["formula"] in note for note in result.notes):
            where = ", ".join(str(r[k]) for k in ("label", "year", "period") if k in r)
            out.append(tr._("Derived: {row}: {formula}").format(row=where, formula=r["formula"]))
    return out


def flag_warnings(gti: pd.DataFrame, tr: Translator = ENGLISH) -> tuple[str, ...]:
    """'**Flagged: Russia.** <the flag note>' for every flagged Table 1 row (escaped)."""
    score_col = next(c for c in gti.columns if c.startswith("score_"))
    return tuple(
        tr._("**Flagged: {country}.** {note}").format(
            country=md_escape(charts.localised(r, "country_as_printed", tr)),
            note=md_escape(charts.flag_note(r, score_col, tr)),
        )
        for r in gti.to_dict("records")
        if r["flags"]
    )


def build(
    gti: pd.DataFrame,
    regions: pd.DataFrame,
    activities: pd.DataFrame,
    countries: pd.DataFrame,
    sources: pd.DataFrame,
    selected: Sequence[str] = (),
    tr: Translator = ENGLISH,
) -> GtiView:
    """Every chart of the page for one selection (Table 1 codes), with its words in the
    translator's language (the data frames given in that language too)."""
    known = set(gti["iso3"])
    selected = tuple(c for c in selected if c in known)
    names = _names(gti, tr)
    in_kaz = HOST_OF_TABLE3 in selected
    table1 = Section(
        "1",
        tr._("Eurasian countries, 2023 (Table 1)"),
        None,
        (
            _block(
                charts.scores_chart(gti, selected, tr=tr), sources, flag_warnings(gti, tr), tr=tr
            ),
            _block(charts.country_changes_chart(gti, selected, tr=tr), sources, tr=tr),
        ),
    )
    table2 = Section(
        "2",
        tr._("Regions (Table 2)"),
        None,
        (
            _block(
                charts.regions_chart(regions, gti, selected, countries=countries, tr=tr),
                sources,
                tr=tr,
            ),
            _block(
                charts.region_changes_chart(regions, gti, selected, countries=countries, tr=tr),
                sources,
                tr=tr,
            ),
        ),
    )
    note = None
    if selected and not in_kaz:
        note = tr._(
            "Table 3 covers Astana, {country}, only; the paper prints no such table for the "
            "other selected countries."
        ).format(country=md_escape(names.get(HOST_OF_TABLE3, HOST_OF_TABLE3)))
    table3 = Section(
        "3",
        tr._(PART_TITLES["gti"]["programme"]),
        note,
        (
            _block(charts.programme_chart(activities, highlight=in_kaz, tr=tr), sources, tr=tr),
            _block(charts.totals_chart(activities, highlight=in_kaz, tr=tr), sources, tr=tr),
        ),
    )
    links = tuple(
        Link(
            tr._(COUNTRY_VIEW_LINK).format(country=md_escape(names[iso])),
            COUNTRY_PAGE,
            (("country", iso),),
            ":material/flag:",
        )
        for iso in selected
        if iso in CENTRAL_ASIA
    )
    return GtiView(selected, links, (table1, table2, table3))


# ------------------------------------------------------------------------- the slides

# Chart key -> its slide's part (vocab.PART_TITLES["gti"] gives the titles, in this order).
SLIDE_PARTS = MappingProxyType(
    {
        "table1-scores": "scores",
        "table1-changes": "changes",
        "table2-regions": "regions",
        "table2-changes": "region_changes",
        "table3-programme": "programme",
        "table3-totals": "totals",
    }
)


# On a slide every chart text is at least the slides' HTML minimum (above the charts' 18),
# and the plot grows by a third (at most SLIDE_CHART_MAX px) into the screen's free height.
SLIDE_MARK_PX = 22
SLIDE_GROW = 1.35
SLIDE_CHART_MAX = 560


# a11y (issue 17): each slide's chart as a table, from the columns that hold the figures as
# printed ('-' stays '-'); column -> heading (marked; translated at use), per chart
CHANGE = N_("Change")
REGION = N_("Region")
SLIDE_TABLE_COLUMNS = {
    "table1-scores": {"country": COUNTRY, "score_as_printed": GTI_2023_SCORE},
    "table1-changes": {
        "label": COUNTRY,
        "period": PERIOD,
        "change_as_printed": CHANGE,
    },
    "table2-regions": {
        "label": REGION,
        "value_as_printed": N_("Average score"),
        "kind": KIND,
    },
    "table2-changes": {
        "label": REGION,
        "period": PERIOD,
        "change_as_printed": CHANGE,
        "kind": KIND,
    },
    "table3-programme": {
        "activity": ACTIVITY,
        "year": YEAR,
        "status": STATUS,
        "events_as_printed": N_("Events"),
    },
    "table3-totals": {
        "year": YEAR,
        "status": STATUS,
        "text": N_("Total events"),
        "formula": N_("How"),
    },
}
# the code columns' values, in words (the charts' own labels for them)
SLIDE_TABLE_CODES = {
    "kind": KIND_LABELS,
    "status": charts.STATUS_LABELS,
}


def slide_table(block: ChartBlock, part: str, tr: Translator = ENGLISH) -> DataTable:
    """A slide chart's data table: its figures as printed, with their source, as text, under
    headings in the translator's language (the data frames already hold its words)."""
    columns = {**SLIDE_TABLE_COLUMNS[block.key], "source": SOURCE}
    frame = block.data[list(columns)].copy()
    for col, words in SLIDE_TABLE_CODES.items():
        if col in frame:
            frame[col] = [tr._(words[v]) if v in words else v for v in frame[col]]
    frame = frame.rename(columns={c: tr._(h) for c, h in columns.items()})
    frame = frame.map(lambda v: "" if v is None or (isinstance(v, float) and pd.isna(v)) else v)
    return DataTable(block.data_label, md_escape_frame(frame.astype(str)), f"gti_slide_data_{part}")


def build_from_data(selected: Sequence[str], tr: Translator = ENGLISH) -> GtiView:
    """`build` on the package's tables in `tr`'s language (the page and the handout)."""
    from components import data

    lang = tr.lang
    frames = (data.gti_countries(lang), data.gti_regions(lang), data.astana_activities(lang))
    return build(*frames, data.countries(lang), data.sources(lang), selected, tr)


def section_parts(view: GtiView, code: str) -> tuple[str, ...]:
    """The slides (parts) of one table's tab, in order: one per chart."""
    return tuple(SLIDE_PARTS[b.key] for s in view.sections if s.code == code for b in s.charts)


def slides(view: GtiView, tr: Translator = ENGLISH) -> tuple:
    """One chart per projector screen, in the page's order (Table 1 first): the chart at
    slide type sizes with every bar labelled and nothing on hover; beside it the section's
    note, the flagged rows (with the flag glyph and note) and the notes and formulas the page
    shows under the chart or on hover. Source line: the table, then its footnotes."""
    from components.slides import TABLE_ROW_PX, Block, Slide, legible, without_tooltips

    link = link_value(view.selected)
    params = ((PARAM, link),) if link else ()
    out = []
    for section in view.sections:
        for block in section.charts:
            part = SLIDE_PARTS[block.key]
            side = (
                *((Block("caption", section.note),) if section.note else ()),
                *(Block("warning", f"{FLAG} {w}") for w in block.warnings),
                *(
                    Block("warning" if n.startswith(FLAG) else "caption", n)
                    for n in block.slide_notes
                ),
            )
            spec = legible(without_tooltips(block.slide_spec), SLIDE_MARK_PX)
            height = min(int(spec.get("height", SLIDE_CHART_MAX) * SLIDE_GROW), SLIDE_CHART_MAX)
            height -= TABLE_ROW_PX  # room for the data table's row under the chart
            chart = Block("chart", spec, height)
            out.append(
                Slide(
                    page="gti",
                    part=part,
                    title=md_escape(tr._(PART_TITLES["gti"][part])),
                    columns=((chart,), side) if side else ((chart,),),
                    widths=(2.2, 1.0) if side else (1.0,),
                    footnotes=block.footnotes,
                    source=block.slide_source,
                    params=params,
                    tables=(slide_table(block, part, tr),),
                )
            )
    return tuple(out)
