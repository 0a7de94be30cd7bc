"""Everything the overview (the briefing's front page) shows, built in one pure function.

`build(inp, regions, flags, provenance, version)` returns an `OverviewView`: the region in
five sourced facts (each with its footnote caption or a link), the five country cards,
the "what it is / what it is not" text and the curation flags. Every sentence is made here
as escaped Markdown; the page only places it. Nothing here calls Streamlit or reads a file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from components.country_view import Inputs, _nums, country_names, figure_text
from components.i18n import ENGLISH, Translator
from components.layout import Link
from components.text import (
    change,
    doi,
    flag_marked,
    footnote_label,
    footnote_links_label,
    implied_out_of_scale,
    join_list,
    label_escape,
    md_escape,
    score,
    table_label,
)
from components.text import short_footnote_label as fn_label
from components.vocab import (
    AFGHAN_BORDER,
    COUNTRY,
    FLAG,
    INITIATIVE,
    N_,
    PAGE_TITLES,
    PAPER_TITLE,
    STANCE_LABELS,
    STATES,
    TABLE4_SOURCE,
)

TITLE = N_("Countering terrorism and extremism in Central Asia")
CAPTION = N_(
    "A briefing dashboard built from one research paper (Security and Human Rights Monitor). "
    "Every number is as published and carries its footnote."
)
# What a flagged row is, as the list names it: the reader's words, not the data's file name.
RESOURCE_LABELS = {
    "gti_countries": N_("Table 1"),
    "gti_regions": N_("Table 2"),
    "initiatives": INITIATIVE,
    "approaches": N_("Approaches matrix (Table 4)"),
    "border_notes": AFGHAN_BORDER,
    "key_figures": N_("Key figure"),
    "countries": COUNTRY,
    "armed_groups": N_("Armed group"),
}
# The column that names a flagged row of each curated resource, and its key.
_ROW_NAMES = {
    "initiatives": ("id", "title"),
    "border_notes": ("id", "title"),
    "countries": ("iso3", "name"),
    "key_figures": ("id", "label"),
    "armed_groups": ("id", "name"),
}
CA_ORIGIN = "Central Asia"  # armed_groups.origin (English) of the groups the fact names
TKM_LIMIT_ID = "hr_tkm_closed_information"
MAX_LISTED_FOOTNOTES = 6  # a fact citing more gets a sentence and a link instead of a list


@dataclass(frozen=True)
class Fact:
    """One headline fact about the region, computed from the data, with its source."""

    key: str
    value: str
    label: str
    source: str
    footnotes: tuple[int, ...]
    table: str = ""  # 'Table 1' (in the reader's language) when the fact comes from one


@dataclass(frozen=True)
class FactCard:
    label_md: str  # the metric's label (escaped)
    value: str
    caption_md: str  # 'Table 1, footnotes [36](...), 37' or 'From 40 footnotes: ...'
    link: Link | None  # where a fact with many footnotes sends the reader
    note: str = ""  # the same sources as plain text, for a slide: 'Table 1, footnotes 36, 37'


@dataclass(frozen=True)
class CountryCard:
    iso3: str
    title_md: str
    body_md: str  # GTI text, Table 4 as quoted, initiative count (one line each)
    gti_md: str
    table4_md: str
    initiatives_md: str
    n_initiatives: int
    link: Link

    @property
    def card_md(self) -> str:
        """Title and lines as one Markdown block: one element per card, not two (issue 17)."""
        return f"{self.title_md}\n\n{self.body_md}"


@dataclass(frozen=True)
class OverviewView:
    title: str
    caption: str
    facts_heading: str
    facts: tuple[FactCard, ...]
    cards_heading: str
    cards: tuple[CountryCard, ...]
    about_heading: str
    is_md: str
    is_not_md: str
    flags_intro_md: str
    flags_md: str  # one bullet per flag
    n_flags: int
    fact_footnotes: tuple[int, ...] = ()  # the facts' own (a fact citing many links out)
    card_footnotes: tuple[int, ...] = ()  # Table 1's, behind the cards' GTI scores
    facts_source: str = ""
    cards_source: str = ""

    # The about section's two columns, one Markdown block each (issue 17: fewer elements).
    @property
    def about_md(self) -> str:
        return f"{self.is_md}\n\n{self.is_not_md}"

    @property
    def flags_section_md(self) -> str:
        return f"{self.flags_intro_md}\n\n{self.flags_md}"


# ------------------------------------------------------------------------------ facts


def _table_number(printed: object) -> str:
    number = re.search(r"\d+", str(printed))
    return number.group() if number else str(printed)


def ca_group_ids(armed_groups: pd.DataFrame) -> tuple[str, ...]:
    """The Central Asian groups the paper places in Afghanistan, read from the English
    table (its ``origin`` is curated text, translated in other languages)."""
    named = armed_groups[
        (armed_groups["origin"] == CA_ORIGIN)
        & (armed_groups["present_in_afghanistan"].fillna(False))
    ]
    return tuple(named["id"])


def region_facts(inp: Inputs, tr: Translator = ENGLISH) -> list[Fact]:
    """The GTI fact: the highest Central Asian score in Table 1, and who is missing."""
    facts: list[Fact] = []
    names = country_names(inp.countries)
    ca = inp.gti[inp.gti["iso3"].isin(STATES)]
    if not ca.empty:
        top = ca.sort_values(["score_2023", "table_order"], ascending=[False, True]).iloc[0]
        fns = _nums(top["footnotes"])
        missing = [names[i] for i in STATES if i not in set(ca["iso3"])]
        label = tr._("GTI 2023: {country} scores highest in Central Asia").format(
            country=names.get(top["iso3"], top["iso3"])
        )
        if missing:
            label += tr._("; {countries} not in Table {number}").format(
                countries=join_list(missing, tr), number=_table_number(top["table"])
            )
        facts.append(
            Fact(
                "gti_top",
                score(top["score_2023"], tr),
                label,
                f"{table_label(top['table'], tr)}, {fn_label(fns, tr)}",
                fns,
                table_label(top["table"], tr),
            )
        )
    return facts


def overview_facts(
    inp: Inputs,
    regions: pd.DataFrame,
    region: str = "Eurasia",
    tr: Translator = ENGLISH,
    ca_groups: Iterable[str] | None = None,
) -> list[Fact]:
    """Five sourced headline facts for the front page (every number from the data).
    `ca_groups`: the ids of the Central Asian groups in Afghanistan (`ca_group_ids` of the
    English table); by default read from ``inp.armed_groups`` (English)."""
    facts = region_facts(inp, tr)
    r = regions[regions["region"] == region]
    if not r.empty:
        r = r.iloc[0]
        fns = _nums(r["footnotes"])
        shown = region if tr.lang == ENGLISH.lang else str(r.get("region_ru") or region)
        facts.append(
            Fact(
                "region_avg",
                score(r["avg_score_2023"], tr),
                tr._(
                    "{region}'s average GTI 2023 score, {change_2013} since 2013 "
                    "and {change_2022} since 2022"
                ).format(
                    region=shown,
                    change_2013=change(r["change_2013_2023"], tr),
                    change_2022=change(r["change_2022_2023"], tr),
                ),
                f"{table_label(r['table'], tr)}, {fn_label(fns, tr)}",
                fns,
                table_label(r["table"], tr),
            )
        )
    kf = inp.key_figures.set_index("id")
    if {"uzb_people_repatriated", "uzb_repatriation_operations"} <= set(kf.index):
        people, ops = kf.loc["uzb_people_repatriated"], kf.loc["uzb_repatriation_operations"]
        fns = tuple(sorted(set(_nums(people["footnotes"])) | set(_nums(ops["footnotes"]))))
        facts.append(
            Fact(
                "uzb_repatriated",
                figure_text(str(people["value_as_printed"]), people["unit"]),
                tr._("{label} ({count} {what})").format(
                    label=people["label"],
                    count=ops["value_as_printed"],
                    what=str(ops["label"]).lower(),
                ),
                fn_label(fns, tr),
                fns,
            )
        )
    if "ca_groups_in_afghanistan" in kf.index:
        g = kf.loc["ca_groups_in_afghanistan"]
        ag = inp.armed_groups
        ids = set(ca_group_ids(ag) if ca_groups is None else ca_groups)
        named = ag[ag["id"].isin(ids)]
        marked = list(map(flag_marked, named["name"], named["flag_note"]))
        fns = _nums(g["footnotes"])
        facts.append(
            Fact(
                "ca_groups",
                figure_text(str(g["value_as_printed"]), g["unit"]),
                f"{g['label']}: {join_list(marked, tr)}" if len(named) else str(g["label"]),
                fn_label(fns, tr),
                fns,
            )
        )
    ini = inp.initiatives
    mine = ini[ini["countries"].map(lambda cs: bool(set(cs) & set(STATES)))]
    dated = mine[mine["start_year"].notna()]
    fns = tuple(sorted({n for fs in mine["footnotes"] for n in fs}))
    regional = int((mine["scope"] == "regional").sum())
    span = (
        tr._(", periods from {start} to {end}").format(
            start=int(dated["start_year"].min()), end=int(dated["end_year"].max())
        )
        if len(dated)
        else ""
    )
    undated = len(mine) - len(dated)
    facts.append(
        Fact(
            "initiatives",
            tr.integer(len(mine)),
            tr.n_(
                "Initiatives involving the five states in the paper ({n} regional)",
                "Initiatives involving the five states in the paper ({n} regional)",
                regional,
            ).format(n=tr.integer(regional))
            + span
            + tr.n_("; {n} undated", "; {n} undated", undated).format(n=tr.integer(undated)),
            tr.n_("{n} footnote", "{n} footnotes", len(fns)).format(n=tr.integer(len(fns))),
            fns,
        )
    )
    return facts


def fact_card(fact: Fact, sources: pd.DataFrame, tr: Translator = ENGLISH) -> FactCard:
    """A fact as the page shows it: few footnotes are listed (linked where the paper prints a
    URL); many get a sentence and a link to the timeline, where each initiative cites its own."""
    value = label_escape(fact.value)  # a metric's value renders as Markdown
    if len(fact.footnotes) <= MAX_LISTED_FOOTNOTES:
        notes = footnote_links_label(fact.footnotes, sources, tr)
        if fact.table:
            notes = f"{md_escape(fact.table)}, {notes}"
        plain = footnote_label(fact.footnotes, tr)
        note = f"{fact.table}, {plain}" if fact.table else plain[0].upper() + plain[1:]
        return FactCard(md_escape(fact.label), value, notes[0].upper() + notes[1:], None, note)
    n = len(fact.footnotes)
    many = tr.n_(
        "From {n} footnote: each initiative cites its own.",
        "From {n} footnotes: each initiative cites its own.",
        n,
    ).format(n=tr.integer(n))
    timeline = Link(tr._(PAGE_TITLES["timeline"]), "pages/timeline.py")
    return FactCard(md_escape(fact.label), value, many, timeline, many)


# ------------------------------------------------------------------------------ cards


def country_cards(inp: Inputs, tr: Translator = ENGLISH) -> tuple[CountryCard, ...]:
    names = country_names(inp.countries)
    gti = inp.gti.set_index("iso3")
    t4 = inp.table4.set_index("iso3")
    table1 = _table_number(inp.gti["table"].iloc[0]) if len(inp.gti) else "1"
    cards = []
    for iso in STATES:
        n_ini = int(inp.initiatives["countries"].map(lambda cs, i=iso: i in cs).sum())
        gti_md = (
            tr._("GTI 2023: **{score}**").format(score=score(gti.loc[iso, "score_2023"], tr))
            if iso in gti.index
            else tr._("GTI 2023: **not in Table {number}**").format(number=table1)
        )
        ru = t4.loc[iso].get("approaches_as_printed_ru")
        quoted = tr.quote(
            md_escape(t4.loc[iso, "approaches_as_printed"]),
            md_escape(ru) if isinstance(ru, str) else None,
        )
        table4_md = tr._("Table 4: {quotation}").format(quotation=quoted)
        initiatives_md = tr.n_(
            "{n} initiative in the paper", "{n} initiatives in the paper", n_ini
        ).format(n=tr.integer(n_ini))
        cards.append(
            CountryCard(
                iso3=iso,
                title_md=f"#### {md_escape(names[iso])}",
                body_md=f"{gti_md}  \n{table4_md}  \n{initiatives_md}",
                gti_md=gti_md,
                table4_md=table4_md,
                initiatives_md=initiatives_md,
                n_initiatives=n_ini,
                link=Link(
                    tr._("Country view"),
                    "pages/countries.py",
                    (("country", iso),),
                    help=tr._("Open the country view for {country}").format(
                        country=label_escape(names[iso])
                    ),
                ),
            )
        )
    return tuple(cards)


# ------------------------------------------------------------------------------ about


def about_md(
    inp: Inputs, provenance: dict, version: str, tr: Translator = ENGLISH
) -> tuple[str, str]:
    """('It is ...', 'It is not ...') as Markdown, citing the paper and its own limit."""
    paper = next(s for s in provenance["sources"] if s["id"] == "paper")
    title = md_escape(" ".join(paper["title"].split()))
    if tr.lang != ENGLISH.lang:  # the citation stays in English, its translation beside it
        title = tr.quote(title, md_escape(tr._(PAPER_TITLE)))
    is_md = tr._(
        "**It is** a briefing tool built from one paper: {paper}, [doi:{doi}]({url}). "
        "Figures, dates and names are shown as published, each with the paper's footnote "
        "or table; dates are never more precise than the paper. Dataset version {version}."
    ).format(
        paper=title,
        doi=md_escape(doi(paper["path"])),
        url=paper["path"],
        version=md_escape(version),
    )
    limits = inp.human_rights.set_index("id")
    tkm_limit = limits.loc[TKM_LIMIT_ID, "summary"] if TKM_LIMIT_ID in limits.index else None
    is_not_md = tr._(
        "**It is not** a live feed, a threat assessment or a complete record of every "
        "programme in the region: it shows what one paper reports, up to its writing. "
        "Where the paper says nothing, the dashboard says “not found”, never “no”."
    ) + (f" **{tr._(STANCE_LABELS['limitation'])}:** {md_escape(tkm_limit)}" if tkm_limit else "")
    return is_md, is_not_md


def _plausibility_note(r: pd.Series, score_col: str, tr: Translator) -> str:
    """A GTI plausibility flag's note in the reader's language, from the printed figures."""
    notes = []
    for year in ("2013", "2022"):
        implied = r.get(f"implied_{year}")
        if f"implied_{year}_out_of_range" in tuple(r.get("flags") or ()):
            notes.append(
                implied_out_of_scale(r[score_col], r[f"change_{year}_2023"], year, implied, tr)
            )
    return " ".join(notes)


def localise_flags(flags: pd.DataFrame, inp: Inputs, regions: pd.DataFrame, tr: Translator):
    """data.flags() with each row named (a title, not an id) and its place and note in
    `tr`'s language: the notes from the translated tables in `inp`, the GTI plausibility
    notes rebuilt from the figures. A note with no translation stays, quoted as English."""
    names = country_names(inp.countries, tuple(inp.countries["iso3"]))
    by_id = {
        res: getattr(inp, res)
        .set_index(key)[[title, "flag_note"]]
        .set_axis(["title", "flag_note"], axis=1)
        for res, (key, title) in _ROW_NAMES.items()
    }
    gti = inp.gti.set_index("iso3")
    reg = regions.set_index("region")
    cells = inp.cells.set_index(["country", "category"])
    rows = []
    for r in flags.itertuples():
        row, note = str(r.row), None
        if r.resource == "gti_countries" and r.row in gti.index:
            row, note = names.get(r.row, row), _plausibility_note(gti.loc[r.row], "score_2023", tr)
        elif r.resource == "gti_regions" and r.row in reg.index:
            g = reg.loc[r.row]
            row = str(g.get("region_ru") or row)
            note = _plausibility_note(g, "avg_score_2023", tr)
        elif r.resource in by_id and r.row in by_id[r.resource].index:
            found = by_id[r.resource].loc[r.row]
            row, note = str(found["title"]), found.get("flag_note")
        elif r.resource == "approaches" and " × " in row:
            iso, cat = row.split(" × ", 1)
            if (iso, cat) in cells.index:
                cell = cells.loc[(iso, cat)]
                row = f"{names.get(iso, iso)} × {cell['category_label']}"
                note = cell.get("flag_note")
        if not isinstance(note, str) or not note:
            note = str(r.note) if tr.lang == ENGLISH.lang else tr.quote(str(r.note))
        resource = RESOURCE_LABELS.get(r.resource)
        rows.append((tr._(resource) if resource else r.resource, row, r.flag, note))
    return pd.DataFrame(rows, columns=["resource", "row", "flag", "note"])


def flags_md(flags: pd.DataFrame, tr: Translator = ENGLISH) -> tuple[str, str]:
    n = len(flags)
    intro = tr.n_(
        "**{n} flag raised while curating.** Where a published number fails a plausibility "
        "rule, the text and a cited source disagree, or two passages of the paper do, both "
        "versions are kept and flagged:",
        "**{n} flags raised while curating.** Where a published number fails a plausibility "
        "rule, the text and a cited source disagree, or two passages of the paper do, both "
        "versions are kept and flagged:",
        n,
    ).format(n=tr.integer(n))
    body = "\n".join(
        f"- {FLAG} *{md_escape(r.resource)} · {md_escape(r.row)}*: {md_escape(r.note)}"
        for r in flags.itertuples()
    )
    return intro, body


# ------------------------------------------------------------------------------ build


def build(
    inp: Inputs,
    regions: pd.DataFrame,
    flags: pd.DataFrame,
    provenance: dict,
    version: str,
    tr: Translator = ENGLISH,
    ca_groups: Iterable[str] | None = None,
) -> OverviewView:
    """The whole front page for one dataset version, in `tr`'s language (`inp` and
    `regions` loaded in that language; `flags` is data.flags(), localised here)."""
    is_md, is_not_md = about_md(inp, provenance, version, tr)
    intro, bullets = flags_md(localise_flags(flags, inp, regions, tr), tr)
    facts = overview_facts(inp, regions, tr=tr, ca_groups=ca_groups)
    listed = [f for f in facts if len(f.footnotes) <= MAX_LISTED_FOOTNOTES]
    tables = sorted({f.table for f in listed if f.table})
    gti_notes = tuple(sorted({int(n) for fs in inp.gti["footnotes"] for n in fs}))
    return OverviewView(
        title=tr._(TITLE),
        caption=tr._(CAPTION),
        facts_heading=tr._("The region in five facts"),
        facts=tuple(fact_card(f, inp.sources, tr) for f in facts),
        cards_heading=tr._("The five states"),
        cards=country_cards(inp, tr),
        about_heading=tr._("What this dashboard is, and what it is not"),
        is_md=is_md,
        is_not_md=is_not_md,
        flags_intro_md=intro,
        flags_md=bullets,
        n_flags=len(flags),
        fact_footnotes=tuple(sorted({n for f in listed for n in f.footnotes})),
        card_footnotes=gti_notes,
        facts_source=md_escape(
            tr._("Facts: {tables} and the paper's footnotes (initiatives: the timeline)").format(
                tables=join_list(tables, tr)
            )
        ),
        cards_source=md_escape(
            tr._("states: GTI {tables}; {table4}; initiatives as counted on the timeline").format(
                tables=join_list([table_label(t, tr) for t in sorted(set(inp.gti["table"]))], tr),
                table4=tr._(TABLE4_SOURCE),
            )
        ),
    )


# ------------------------------------------------------------------- briefing slides (issue 15)


def slides(view: OverviewView) -> tuple:
    """The front page on one projector screen: the region in five facts (each with its
    source) beside the five states' cards. Captions carry each fact's footnotes; the
    cards' sources are in the source line."""
    from components.slides import Block, Slide

    # The region's figures as a wall screen shows figures: large, each with its source in
    # its label, as the country slides' figures have theirs.
    facts = tuple(
        Block("metric", (f"{f.label_md} · {md_escape(f.note)}", f.value, "")) for f in view.facts
    )
    cards = tuple(
        Block(
            "item", f"**{c.title_md.lstrip('# ')}**: {c.gti_md}; {c.table4_md}; {c.initiatives_md}"
        )
        for c in view.cards
    )
    return (
        Slide(
            page="overview",
            part="overview",
            title=md_escape(view.title),
            columns=(
                (Block("heading", md_escape(view.facts_heading)), *facts),
                (Block("heading", md_escape(view.cards_heading)), *cards),
            ),
            footnotes=tuple(sorted({*view.fact_footnotes, *view.card_footnotes})),
            source=f"{view.facts_source}; {view.cards_source}",
        ),
    )
