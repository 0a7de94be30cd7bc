"""Everything the Approaches page shows for one choice of controls, built in one pure function.

`choices(inputs)` gives the pickers' options (states, matrix approaches, partners grouped by
vocab.FAMILY_ORDER) and parses ?country=&approach= values, with a notice for a bad one.
`build(inputs, ...)` returns an `ApproachesView`: the summary sentence, the heatmap's
Vega-Lite spec with its legend and flag notes, the drill-down for a cell / a country / an
approach / nothing, Table 4 as printed, the human-rights lens, the matrix table and its CSV.

Text is ready to render: Markdown with every data value escaped. Words live in fields (and
in `LABELS`), not in layout code, so the same view can become a slide, a handout or a
translation. No Streamlit, no file reading: `Inputs.from_data()` takes the tables from
components.data. The page caches `build` per (controls, dataset version).

The heatmap spec is produced with ``validate=False`` (Altair's schema check costs more than
building it); tests/test_approaches_view.py validates every shape.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from types import MappingProxyType

import pandas as pd

from components import data, filters, matrix
from components.i18n import ENGLISH, Translator
from components.layout import DataTable, Link
from components.text import INITIATIVE_COUNT, md_escape, md_escape_frame
from components.vocab import APPROACH, COUNTRY, FLAG, FLAG_WORD, FOOTNOTES, N_, TABLE4_SOURCE

COUNTRY_PAGE = "pages/countries.py"
CSV_NAME, CSV_NAME_BY_PARTNER = "approaches-matrix.csv", "approaches-matrix-by-partner.csv"


@dataclass(frozen=True)
class Labels:
    """The page's fixed words: title, widget labels, section headings."""

    title: str = N_("Approaches to countering terrorism and extremism")
    caption: str = N_(
        "The paper's Table 4 as a country × approach matrix. Each cell says where its evidence "
        "comes from and how many initiatives support it; click a cell, or a country name, for "
        "the evidence behind it."
    )
    partner: str = N_("Partner organisation (includes its offices and units)")
    partner_placeholder: str = N_("All partners, e.g. OSCE or UN")
    transpose: str = N_("Countries as rows")
    rights: str = N_("Human-rights lens")
    drilldown: str = N_("Evidence behind a cell")
    country: str = COUNTRY
    country_placeholder: str = N_("All five states")
    approach: str = APPROACH
    approach_placeholder: str = N_("Whole country column")
    table4: str = N_("Table 4 as printed")
    rights_heading: str = N_("Human-rights lens: security approaches and rights concerns")
    rights_caption: str = N_(
        "The paper's theme is the balance between security and rights. Left: what each state "
        "does, per Table 4. Right: the human-rights concerns and good practice the paper "
        "records for it."
    )
    region: str = N_("**Region-wide**")
    matrix_table: str = N_("The matrix as a table")
    # a11y (issue 17): where the chart's cells are as text ({table}: matrix_table)
    table_pointer: str = N_(
        "The same cells as text: the table “{table}” at the foot of this page; Table 4 as "
        "printed is below the evidence panel."
    )
    download: str = N_("Download the matrix with its evidence and footnotes (CSV)")
    chart_alt: str = N_(
        "Matrix of approaches by country, coloured by evidence: Table 4, paper text only, "
        "or not found in the paper."
    )


LABELS = Labels()


def labels(tr: Translator = ENGLISH) -> Labels:
    """The page's fixed words in the translator's language."""
    return Labels(**{f.name: tr._(getattr(LABELS, f.name)) for f in fields(Labels)})


# ------------------------------------------------------------------------- inputs


@dataclass(frozen=True)
class Inputs:
    """Every table the page needs (fresh frames from components.data)."""

    cells: pd.DataFrame
    initiatives: pd.DataFrame
    organisations: pd.DataFrame
    states: pd.DataFrame  # the five, in the paper's order
    categories: pd.DataFrame  # the matrix's approaches, in display order
    table4: pd.DataFrame
    human_rights: pd.DataFrame
    sources: pd.DataFrame
    # Each Table 4 phrase's translation (data.approaches' table4_phrase_ru); none in English.
    phrases_ru: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    @classmethod
    def from_data(cls, lang: str = "en") -> Inputs:
        appr = data.approaches(lang)
        ru = appr.dropna(subset=["table4_phrase"]) if "table4_phrase_ru" in appr else None
        return cls(
            cells=data.approach_cells(lang),
            initiatives=data.initiatives(lang),
            organisations=data.organisations(lang),
            states=data.central_asia(lang),
            categories=data.approach_categories(matrix_only=True, lang=lang),
            table4=data.table4(lang),
            human_rights=data.human_rights(lang),
            sources=data.sources(lang),
            phrases_ru=MappingProxyType(
                {}
                if ru is None
                else dict(zip(ru["table4_phrase"], ru["table4_phrase_ru"], strict=True))
            ),
        )


# ------------------------------------------------------------------------ choices


@dataclass(frozen=True)
class Selection:
    country: str | None
    approach: str | None
    notices: tuple[str, ...]  # escaped Markdown, one per bad query value


@dataclass(frozen=True)
class Choices:
    """Options of the pickers: code -> label, in display order (read-only mappings)."""

    countries: Mapping[str, str]  # iso3 -> name, the paper's order
    approaches: Mapping[str, str]  # category id -> label, the matrix's order
    partners: Mapping[str, str]  # organisation id -> 'OSCE › PO Bishkek', by FAMILY_ORDER
    tr: Translator = ENGLISH

    def parse(self, country: str | None, approach: str | None) -> Selection:
        """?country=&approach= values -> a valid selection, with a notice per bad value."""
        c, a, notices = matrix.parse_selection(
            country, approach, self.countries, self.approaches, self.tr
        )
        return Selection(c, a, tuple(md_escape(n) for n in notices))

    def read_partners(self, value: str | None) -> tuple[list[str], str | None]:
        """``?partner=osce,un`` (organisation ids, as on the timeline) -> the known ids, in
        the link's order, and an escaped notice naming the rest."""
        asked = [v.strip() for v in (value or "").split(",") if v.strip()]
        known = list(dict.fromkeys(v for v in asked if v in self.partners))
        unknown = [v[:24] for v in asked if v not in self.partners]
        if not unknown:
            return known, None
        return known, self.tr._(
            "Ignored partner(s) in the link: {ignored}. No supporting initiative involves them."
        ).format(ignored=md_escape(", ".join(unknown)))

    def pick(self, country: object, approach: object) -> tuple[str | None, str | None]:
        """A chart click's (country, category), each None unless it is a known code."""
        return (
            country if country in self.countries else None,
            approach if approach in self.approaches else None,
        )


def choices(inputs: Inputs, tr: Translator = ENGLISH) -> Choices:
    labels = filters.org_labels(inputs.organisations)  # the timeline's words for each
    partners = matrix.partner_options(inputs.organisations, inputs.initiatives)
    return Choices(
        countries=MappingProxyType(
            dict(zip(inputs.states["iso3"], inputs.states["name"], strict=True))
        ),
        approaches=MappingProxyType(
            dict(zip(inputs.categories["id"], inputs.categories["label"], strict=True))
        ),
        partners=MappingProxyType({p: labels[p] for p in partners}),
        tr=tr,
    )


# ---------------------------------------------------------------------- the view


@dataclass(frozen=True)
class Initiative:
    """One supporting initiative of a cell, as listed under it."""

    id: str
    title: str
    when: str  # the date at its printed precision, with the curator's wording
    partners: str
    summary: str
    footnotes: tuple[int, ...]
    md: str  # title, date, partners, summary and linked footnotes, escaped
    flag: str  # '⚑ note' (escaped) or ''


@dataclass(frozen=True)
class Drilldown:
    """The evidence panel. kind: 'cell', 'country', 'approach' or 'none'."""

    kind: str
    heading: str = ""  # escaped Markdown, without '#'
    evidence: str = ""  # the cell's evidence, or the country's Table 4 row quoted
    flag: str = ""  # '**⚑ Flagged:** note' for a flagged cell
    count: str = ""  # '2 of 3 supporting initiatives involve …' / '3 supporting initiatives:'
    initiatives: tuple[Initiative, ...] = ()
    rows: tuple[str, ...] = ()  # one line per approach (country) or per state (approach)
    rights_heading: str = ""
    rights: tuple[str, ...] = ()  # the selected country's human-rights points
    caption: str = ""
    link: Link | None = None

    def blocks(self) -> tuple[tuple[str, str], ...]:
        """The panel in reading order as (kind, Markdown); kind is 'heading', 'text',
        'warning', 'caption' or 'item' (a list item), for any renderer to map."""
        out: list[tuple[str, str]] = [("heading", self.heading), ("text", self.evidence)]
        out += [("warning", self.flag), ("caption", self.count)]
        for it in self.initiatives:
            out += [("text", it.md), ("warning", it.flag)]
        if self.rights_heading:
            out += [("text", line) for line in (self.rights_heading, *self.rights)]
        out += [("item", row) for row in self.rows] + [("caption", self.caption)]
        return tuple((kind, text) for kind, text in out if text)


@dataclass(frozen=True)
class RightsRow:
    """One state in the human-rights lens: its Table 4 row beside its rights points."""

    security: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class RightsLens:
    heading: str
    caption: str
    rows: tuple[RightsRow, ...]
    region_heading: str
    region: tuple[str, ...]


@dataclass(frozen=True)
class ApproachesView:
    summary: str  # the evidence counts, Markdown
    partner_caption: str  # '' without a partner filter
    chart: dict  # the heatmap's Vega-Lite spec
    slide_chart: dict  # ... at slide sizes: built with the view, so a cached view gives one
    legend: str  # T4 / text / — and the flagged cells, Markdown
    table_pointer: str  # where the matrix is as a table (its text alternative)
    flag_notes: tuple[str, ...]  # one escaped line per flagged cell
    drilldown: Drilldown
    table4: tuple[str, ...]  # '**Kazakhstan:** “…”' per row, as printed
    table4_caption: str
    rights: RightsLens | None  # None unless the lens is on
    matrix: pd.DataFrame  # the matrix as a table
    csv: bytes
    csv_name: str


def _quoted(
    phrases: Iterable[str], tr: Translator = ENGLISH, ru: Mapping[str, str] | None = None
) -> str:
    """Table 4 phrases quoted as printed (“…”), each with its marked translation."""
    ru = ru or {}
    return ", ".join(
        tr.quote(md_escape(p), md_escape(ru[p]) if ru.get(p) else None) for p in phrases
    )


def summary_md(cells: pd.DataFrame, tr: Translator = ENGLISH) -> str:
    counts = cells["evidence"].value_counts()
    return tr._(
        "**Table 4 lists {table4} of these {n} country–approach pairs; the paper's text alone "
        "supports {text} more, and {not_found} are not found in the paper.** Each cell shows "
        "its evidence and the number of supporting initiatives."
    ).format(
        table4=counts.get("table4", 0),
        n=len(cells),
        text=counts.get("text", 0),
        not_found=counts.get("not_found", 0),
    )


def partner_caption(
    partners: Iterable[str], labels: Mapping[str, str], tr: Translator = ENGLISH
) -> str:
    partners = list(partners)
    if not partners:
        return ""
    return tr._(
        "Counts include only initiatives with {partners} (or their offices and units) as a "
        "partner; faded cells have none. The evidence colour does not change: Table 4 stays "
        "Table 4."
    ).format(partners=md_escape(", ".join(labels.get(p, p) for p in partners)))


def _cell_name(r) -> str:
    return f"{md_escape(r.country_name)} × {md_escape(r.category_label)}"


def legend_md(flagged: pd.DataFrame, tr: Translator = ENGLISH) -> str:
    text = tr._(
        "**T4** = listed in Table 4 (compiled by the authors) · **text** = described only in "
        "the paper's text · **—** = not found in the paper, which does not mean the state does "
        "not do it. The number counts supporting initiatives."
    )
    if flagged.empty:
        return text + " "
    names = "; ".join(_cell_name(r) for r in flagged.itertuples())
    return (
        text
        + " "
        + tr._("{flag} with a dashed outline = flagged: {cells}.").format(flag=FLAG, cells=names)
    )


def flag_notes(flagged: pd.DataFrame) -> tuple[str, ...]:
    return tuple(
        f"**{FLAG} {_cell_name(r)}:** {md_escape(r.flag_note)}" for r in flagged.itertuples()
    )


def initiatives_md(
    ids: Iterable[str], inputs: Inputs, tr: Translator = ENGLISH
) -> tuple[Initiative, ...]:
    items = matrix.initiative_list(
        ids, inputs.initiatives, inputs.organisations, inputs.sources, tr
    )
    out = []
    for it in items.itertuples():
        when = matrix.date_with_text(it.date, it.date_text)
        word = tr._(FOOTNOTES) if len(it.footnotes) > 1 else tr._("Footnote")
        md = (
            f"**{md_escape(it.title)}**  \n"
            + tr._("{when} · Partners: {partners}").format(
                when=md_escape(when), partners=md_escape(it.partners)
            )
            + f"  \n{md_escape(it.summary)} · {word} {it.footnotes_md}"
        )
        flag = f"{FLAG} {md_escape(it.flag_note)}" if it.flag_note else ""
        out.append(
            Initiative(
                it.id, it.title, when, it.partners, it.summary, tuple(it.footnotes), md, flag
            )
        )
    return tuple(out)


def rights_md(
    lens: pd.DataFrame, iso: str, name: str | None, tr: Translator = ENGLISH
) -> tuple[str, ...]:
    """The human-rights points recorded for one state ('' = region-wide), one line each;
    a state with none says so without implying there are none."""
    mine = lens[lens["country"] == iso] if not lens.empty else lens
    if mine.empty:
        if name:
            none = tr._(
                "The paper records no human-rights concern or good practice specific to "
                "{country}. Not found in the paper is not the same as none."
            ).format(country=md_escape(name))
        else:
            none = tr._(
                "The paper records no human-rights concern or good practice specific to the "
                "region. Not found in the paper is not the same as none."
            )
        return (none,)
    out = []
    for r in mine.itertuples():
        meta = ", ".join(md_escape(v) for v in (r.year, r.document, r.source) if v)
        cite = (
            tr._("footnote {links}").format(links=r.footnotes_md)
            if r.footnotes_md
            else md_escape(r.note)
        )
        out.append(
            f"**{md_escape(r.stance_label)}**{f' ({meta})' if meta else ''}: "
            f"{md_escape(r.summary)} · {cite}"
        )
    return tuple(out)


def country_link(iso: str, name: str, tr: Translator = ENGLISH) -> Link:
    label = tr._("Open the country view: {country}").format(country=md_escape(name))
    return Link(label, COUNTRY_PAGE, (("country", iso),), ":material/flag:")


def _flagged_suffix(flagged: bool, tr: Translator = ENGLISH) -> str:
    return f" {FLAG} {tr._(FLAG_WORD)}" if flagged else ""


def _initiatives(n: int, tr: Translator = ENGLISH) -> str:
    return tr.n_(*INITIATIVE_COUNT, n).format(n=n)


def drilldown(
    cells: pd.DataFrame,
    country: str | None,
    approach: str | None,
    inputs: Inputs,
    names: Mapping[str, str],
    approaches: Mapping[str, str],
    printed: Mapping[str, str],
    lens: pd.DataFrame | None,
    partners: bool,
    tr: Translator = ENGLISH,
) -> Drilldown:
    """The evidence behind a cell, a whole country, a whole approach, or a hint. `printed`:
    each state's Table 4 cell, already quoted (with its marked translation)."""
    ru = inputs.phrases_ru
    if country and approach:
        cell = cells[(cells["country"] == country) & (cells["category"] == approach)].iloc[0]
        if cell["evidence"] == "table4":
            evidence = tr._("**Listed in Table 4:** {phrases} ({source}).").format(
                phrases=_quoted(cell["table4_phrases"], tr, ru), source=tr._(TABLE4_SOURCE)
            )
        elif cell["evidence"] == "text":
            evidence = tr._("**Paper text only:** Table 4 does not list it; the paper's text does.")
        else:
            evidence = tr._(
                "**Not found in the paper:** neither Table 4 nor the text mentions it. "
                "This is not evidence that it does not happen."
            )
        shown, total = int(cell["n_shown"]), int(cell["n_initiatives"])
        if partners:
            count = tr.n_(
                "{shown} of {total} supporting initiative involves the chosen partner(s).",
                "{shown} of {total} supporting initiatives involve the chosen partner(s).",
                total,
            ).format(shown=shown, total=total)
        else:
            count = (
                tr.n_("{n} supporting initiative:", "{n} supporting initiatives:", total).format(
                    n=total
                )
                if total
                else ""
            )
        flag = (
            tr._("**{flag} Flagged:** {note}").format(flag=FLAG, note=md_escape(cell["flag_note"]))
            if cell["flagged"]
            else ""
        )
        return Drilldown(
            kind="cell",
            heading=f"{md_escape(names[country])} × {md_escape(approaches[approach])}",
            evidence=evidence,
            flag=flag,
            count=count,
            initiatives=initiatives_md(cell["shown_initiatives"], inputs, tr),
            rights_heading=(
                tr._("**Human-rights lens, {country}**").format(country=md_escape(names[country]))
                if lens is not None
                else ""
            ),
            rights=rights_md(lens, country, names[country], tr) if lens is not None else (),
            link=country_link(country, names[country], tr),
        )
    if country:
        mine = cells[cells["country"] == country]
        return Drilldown(
            kind="country",
            heading=tr._("{country}: every approach").format(country=md_escape(names[country])),
            evidence=f"> {printed[country]}  \n> — {tr._(TABLE4_SOURCE)}",
            rows=tuple(
                f"**{md_escape(r.category_label)}**: {md_escape(r.evidence_label)}, "
                f"{_initiatives(int(r.n_shown), tr)}{_flagged_suffix(r.flagged, tr)}"
                for r in mine.itertuples()
            ),
            link=country_link(country, names[country], tr),
        )
    if approach:
        mine = cells[cells["category"] == approach]
        rows = []
        for r in mine.itertuples():
            phrases = _quoted(r.table4_phrases, tr, ru)
            rows.append(
                f"**{md_escape(r.country_name)}**: {md_escape(r.evidence_label)}"
                f"{' — ' + phrases if phrases else ''}, "
                f"{_initiatives(int(r.n_shown), tr)}{_flagged_suffix(r.flagged, tr)}"
            )
        return Drilldown(
            kind="approach",
            heading=tr._("{approach}: all five states").format(
                approach=md_escape(approaches[approach])
            ),
            rows=tuple(rows),
            caption=tr._("Choose a country as well to list the initiatives."),
        )
    return Drilldown(
        kind="none",
        caption=tr._(
            "Click a cell of the matrix, or choose a country and an approach above, to "
            "list the initiatives behind it. Click a country name for its whole column."
        ),
    )


def rights_lens(
    lens: pd.DataFrame,
    names: Mapping[str, str],
    printed: Mapping[str, str],
    tr: Translator = ENGLISH,
) -> RightsLens:
    words = labels(tr)
    rows = tuple(
        RightsRow(
            security=tr._("**{country}** · security approaches (Table 4)").format(
                country=md_escape(name)
            )
            + f"  \n{printed[iso]}",
            items=rights_md(lens, iso, name, tr),
        )
        for iso, name in names.items()
    )
    return RightsLens(
        words.rights_heading,
        words.rights_caption,
        rows,
        words.region,
        rights_md(lens, "", None, tr),
    )


def build(
    inputs: Inputs,
    partners: Iterable[str] = (),
    transpose: bool = False,
    rights: bool = False,
    country: str | None = None,
    approach: str | None = None,
    tr: Translator = ENGLISH,
) -> ApproachesView:
    """Everything the page shows for one choice of controls and one selected cell, in the
    translator's language (give it `Inputs.from_data(tr.lang)`).

    partners: organisation ids (their offices and units count too); country/approach: a
    valid selection (see `Choices.parse`), either or both None."""
    partners = list(partners)
    ch = choices(inputs, tr)
    names, approaches = ch.countries, ch.approaches
    result = matrix.build_matrix(
        inputs.cells,
        inputs.initiatives,
        inputs.organisations,
        inputs.states,
        partners,
        transpose,
        (country, approach),
        tr,
        inputs.phrases_ru,
    )
    cells = result.cells
    flagged = cells[cells["flagged"]]
    table4 = table4_md(inputs.table4, tr)
    printed = {iso: quote for iso, (_, quote) in table4.items()}
    lens = (
        matrix.rights_lens(inputs.human_rights, inputs.organisations, inputs.sources, tr)
        if rights
        else None
    )
    # the chart's accessible name (components/chart_a11y.py), on the page and its slide
    chart = {**result.chart.to_dict(validate=False), "description": tr._(LABELS.chart_alt)}
    return ApproachesView(
        summary=summary_md(cells, tr),
        partner_caption=partner_caption(partners, ch.partners, tr),
        chart=chart,
        slide_chart=_slide_chart(chart),
        legend=legend_md(flagged, tr),
        table_pointer=tr._(LABELS.table_pointer).format(table=tr._(LABELS.matrix_table)),
        flag_notes=flag_notes(flagged),
        drilldown=drilldown(
            cells, country, approach, inputs, names, approaches, printed, lens, bool(partners), tr
        ),
        table4=tuple(f"**{who}:** {quote}" for who, quote in table4.values()),
        table4_caption=tr._(
            "Source: {source}. The matrix maps each phrase to one or more approaches; phrases "
            "like “OSCE” and “UN” are read with the cell's opening {opening}."
        ).format(
            source=tr._(TABLE4_SOURCE),
            opening=tr.quote("Cooperation with", tr._("Cooperation with")),
        ),
        rights=rights_lens(lens, names, printed, tr) if lens is not None else None,
        matrix=result.matrix,
        csv=result.export.to_csv(index=False).encode("utf-8"),
        csv_name=CSV_NAME_BY_PARTNER if partners else CSV_NAME,
    )


def table4_md(table4: pd.DataFrame, tr: Translator = ENGLISH) -> dict[str, tuple[str, str]]:
    """iso3 -> (the row's country, its approaches cell quoted), escaped: as printed in
    English; in a translation each cell in “…” with its marked translation beside it."""
    out = {}
    for r in table4.to_dict("records"):
        cell = tr.quote(
            md_escape(r["approaches_as_printed"]),
            md_escape(r.get("approaches_as_printed_ru") or "") or None,
        )
        who = md_escape(r["country_as_printed"])
        if tr.lang != ENGLISH.lang:
            who = tr.quote(who, md_escape(r.get("country_as_printed_ru") or "") or None)
        out[r["iso3"]] = (who, cell)
    return out


# ------------------------------------------------------------------- briefing slide (issue 15)

SLIDE_AXIS_EXTENT = 430  # px for the approach labels at slide type sizes (wrapped lines)
SLIDE_CHART_HEIGHT = 760  # px at 1080p: 15 rows at about 50 px


def _slide_chart(spec: dict) -> dict:
    """The heatmap at slide type sizes: every font at least 20 px, room for the wider approach
    labels, no tooltips (every cell is labelled)."""
    from components.slides import MIN_CHART_PX, legible, without_tooltips

    out = legible(without_tooltips(spec), MIN_CHART_PX + 2)
    for layer in out.get("layer", ()):
        for channel in ("x", "y"):
            axis = layer.get("encoding", {}).get(channel, {}).get("axis")
            if isinstance(axis, dict) and "labelExpr" in axis:
                axis.update(
                    minExtent=SLIDE_AXIS_EXTENT,
                    maxExtent=SLIDE_AXIS_EXTENT,
                    labelLimit=SLIDE_AXIS_EXTENT - 12,
                    labelLineHeight=MIN_CHART_PX + 5,
                    labelOffset={"expr": "-(length(split(datum.label, '\\n')) - 1) * 12"},
                )
            legend = layer.get("encoding", {}).get("color", {}).get("legend")
            if isinstance(legend, dict) and "legendX" in legend:
                legend["legendX"] = -SLIDE_AXIS_EXTENT
    return out


def slides(view: ApproachesView, tr: Translator = ENGLISH) -> tuple:
    """The matrix on one projector screen: the heatmap (every cell labelled with its evidence
    and count), and beside it the summary, the legend and the flagged cells."""
    from components.slides import Block, Slide

    side = (
        Block("text", view.summary),
        *((Block("caption", view.partner_caption),) if view.partner_caption else ()),
        Block("caption", view.legend),
        *(Block("warning", note) for note in view.flag_notes),
    )
    return (
        Slide(
            page="approaches",
            part="matrix",
            title=tr._(LABELS.title),
            columns=((Block("chart", view.slide_chart, SLIDE_CHART_HEIGHT),), side),
            widths=(2.3, 1.0),
            source=tr._("Source: {source}, and the paper's text").format(
                source=tr._(TABLE4_SOURCE)
            ),
            tables=(
                DataTable(
                    md_escape(tr._(LABELS.matrix_table)),
                    md_escape_frame(view.matrix.reset_index()),
                    "approaches_slide_data",
                ),
            ),
        ),
    )
