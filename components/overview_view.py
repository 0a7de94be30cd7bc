"""Everything the overview (the briefing's front page) shows, built in one pure function.

`build(inp, regions, flags, provenance, version)` returns an `OverviewView`: the region in
five sourced facts (each with its footnote caption or a link), the five country cards,
the "what it is / what it is not" text and the curation flags. Every sentence is made here
as escaped Markdown; the page only places it. Nothing here calls Streamlit or reads a file.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from components.country_view import Inputs, _nums, country_names, figure_text
from components.text import change, footnote_links_label, join_list, md_escape, score
from components.text import short_footnote_label as fn_label
from components.vocab import FLAG, STANCE_LABELS, STATES, TABLE4_SOURCE

TITLE = "Countering terrorism and extremism in Central Asia"
CAPTION = (
    "A briefing dashboard built from one research paper (Security and Human Rights Monitor). "
    "Every number is as published and carries its footnote."
)
DOI = "10.58866/ZNHX7290"
TKM_LIMIT_ID = "hr_tkm_closed_information"
MAX_LISTED_FOOTNOTES = 6  # a fact citing more gets a sentence and a link instead of a list


@dataclass(frozen=True)
class Link:
    """A link to another page of the app: its file, label, tooltip and query parameters."""

    page: str
    label: str
    help: str | None = None
    query: tuple[tuple[str, str], ...] = ()

    @property
    def params(self) -> dict[str, str]:
        return dict(self.query)


@dataclass(frozen=True)
class Fact:
    """One headline fact about the region, computed from the data, with its source."""

    key: str
    value: str
    label: str
    source: str
    footnotes: tuple[int, ...]


@dataclass(frozen=True)
class FactCard:
    label_md: str  # the metric's label (escaped)
    value: str
    caption_md: str  # 'Table 1, footnotes [36](...), 37' or 'From 40 footnotes: ...'
    link: Link | None  # where a fact with many footnotes sends the reader


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


# ------------------------------------------------------------------------------ facts


def region_facts(inp: Inputs) -> list[Fact]:
    """The GTI fact: the highest Central Asian score in Table 1, and who is missing."""
    facts: list[Fact] = []
    names = country_names(inp.countries)
    ca = inp.gti[inp.gti["iso3"].isin(STATES)]
    if not ca.empty:
        top = ca.sort_values(["score_2023", "table_order"], ascending=[False, True]).iloc[0]
        fns = _nums(top["footnotes"])
        missing = [names[i] for i in STATES if i not in set(ca["iso3"])]
        extra = f"; {join_list(missing)} not in {top['table']}" if missing else ""
        facts.append(
            Fact(
                "gti_top",
                score(top["score_2023"]),
                f"GTI 2023: {names.get(top['iso3'], top['iso3'])} scores highest in Central Asia"
                f"{extra}",
                f"{top['table']}, {fn_label(fns)}",
                fns,
            )
        )
    return facts


def overview_facts(inp: Inputs, regions: pd.DataFrame, region: str = "Eurasia") -> list[Fact]:
    """Five sourced headline facts for the front page (every number from the data)."""
    facts = region_facts(inp)
    r = regions[regions["region"] == region]
    if not r.empty:
        r = r.iloc[0]
        fns = _nums(r["footnotes"])
        facts.append(
            Fact(
                "region_avg",
                score(r["avg_score_2023"]),
                f"{region}'s average GTI 2023 score, {change(r['change_2013_2023'])} since 2013 "
                f"and {change(r['change_2022_2023'])} since 2022",
                f"{r['table']}, {fn_label(fns)}",
                fns,
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
                f"{people['label']} ({ops['value_as_printed']} {ops['label'].lower()})",
                fn_label(fns),
                fns,
            )
        )
    if "ca_groups_in_afghanistan" in kf.index:
        g = kf.loc["ca_groups_in_afghanistan"]
        ag = inp.armed_groups
        named = ag[(ag["origin"] == "Central Asia") & (ag["present_in_afghanistan"].fillna(False))]
        fns = _nums(g["footnotes"])
        facts.append(
            Fact(
                "ca_groups",
                figure_text(str(g["value_as_printed"]), g["unit"]),
                f"{g['label']}: {join_list(list(named['name']))}"
                if len(named)
                else str(g["label"]),
                fn_label(fns),
                fns,
            )
        )
    ini = inp.initiatives
    mine = ini[ini["countries"].map(lambda cs: bool(set(cs) & set(STATES)))]
    dated = mine[mine["start_year"].notna()]
    fns = tuple(sorted({n for fs in mine["footnotes"] for n in fs}))
    regional = int((mine["scope"] == "regional").sum())
    span = (
        f", periods from {int(dated['start_year'].min())} to {int(dated['end_year'].max())}"
        if len(dated)
        else ""
    )
    facts.append(
        Fact(
            "initiatives",
            str(len(mine)),
            f"Initiatives involving the five states in the paper ({regional} regional){span}; "
            f"{len(mine) - len(dated)} undated",
            f"{len(fns)} footnotes",
            fns,
        )
    )
    return facts


def fact_card(fact: Fact, sources: pd.DataFrame) -> FactCard:
    """A fact as the page shows it: few footnotes are listed (linked where the paper prints a
    URL); many get a sentence and a link to the timeline, where each initiative cites its own."""
    if len(fact.footnotes) <= MAX_LISTED_FOOTNOTES:
        notes = footnote_links_label(fact.footnotes, sources)
        if fact.source.startswith("Table"):
            notes = f"{md_escape(fact.source.split(',')[0])}, {notes}"
        return FactCard(md_escape(fact.label), fact.value, notes[0].upper() + notes[1:], None)
    return FactCard(
        md_escape(fact.label),
        fact.value,
        f"From {len(fact.footnotes)} footnotes: each initiative cites its own.",
        Link("pages/timeline.py", "Initiatives timeline"),
    )


# ------------------------------------------------------------------------------ cards


def country_cards(inp: Inputs) -> tuple[CountryCard, ...]:
    names = country_names(inp.countries)
    gti = inp.gti.set_index("iso3")
    t4 = inp.table4.set_index("iso3")
    cards = []
    for iso in STATES:
        n_ini = int(inp.initiatives["countries"].map(lambda cs, i=iso: i in cs).sum())
        gti_md = (
            f"GTI 2023: **{score(gti.loc[iso, 'score_2023'])}**"
            if iso in gti.index
            else "GTI 2023: **not in Table 1**"
        )
        table4_md = f"Table 4: “{md_escape(t4.loc[iso, 'approaches_as_printed'])}”"
        initiatives_md = f"{n_ini} initiatives in the paper"
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
                    "pages/countries.py",
                    "Country view",
                    help=f"Open the country view for {names[iso]}",
                    query=(("country", iso),),
                ),
            )
        )
    return tuple(cards)


# ------------------------------------------------------------------------------ about


def about_md(inp: Inputs, provenance: dict, version: str) -> tuple[str, str]:
    """('It is ...', 'It is not ...') as Markdown, citing the paper and its own limit."""
    paper = next(s for s in provenance["sources"] if s["id"] == "paper")
    is_md = (
        f"**It is** a briefing tool built from one paper: "
        f"{md_escape(' '.join(paper['title'].split()))}, [doi:{DOI}]"
        f"({paper['path']}). Figures, dates and names are shown as published, each with the "
        f"paper's footnote or table; dates are never more precise than the paper. "
        f"Dataset version {md_escape(version)}."
    )
    limits = inp.human_rights.set_index("id")
    tkm_limit = limits.loc[TKM_LIMIT_ID, "summary"] if TKM_LIMIT_ID in limits.index else None
    is_not_md = (
        "**It is not** a live feed, a threat assessment or a complete record of every "
        "programme in the region: it shows what one paper reports, up to its writing. "
        "Where the paper says nothing, the dashboard says “not found”, never “no”."
        + (f" **{STANCE_LABELS['limitation']}:** {md_escape(tkm_limit)}" if tkm_limit else "")
    )
    return is_md, is_not_md


def flags_md(flags: pd.DataFrame) -> tuple[str, str]:
    intro = (
        f"**{len(flags)} flags raised while curating.** Where a published number "
        "fails a plausibility rule, or the text and a cited source disagree, both "
        "versions are kept and flagged:"
    )
    body = "\n".join(
        f"- {FLAG} *{md_escape(r.resource)} · {md_escape(r.row)}*: {md_escape(r.note)}"
        for r in flags.itertuples()
    )
    return intro, body


# ------------------------------------------------------------------------------ build


def build(
    inp: Inputs, regions: pd.DataFrame, flags: pd.DataFrame, provenance: dict, version: str
) -> OverviewView:
    """The whole front page for one dataset version."""
    is_md, is_not_md = about_md(inp, provenance, version)
    intro, bullets = flags_md(flags)
    facts = overview_facts(inp, regions)
    listed = [f for f in facts if len(f.footnotes) <= MAX_LISTED_FOOTNOTES]
    tables = sorted({f.source.split(",")[0] for f in listed if f.source.startswith("Table")})
    gti_notes = tuple(sorted({int(n) for fs in inp.gti["footnotes"] for n in fs}))
    return OverviewView(
        title=TITLE,
        caption=CAPTION,
        facts_heading="The region in five facts",
        facts=tuple(fact_card(f, inp.sources) for f in facts),
        cards_heading="The five states",
        cards=country_cards(inp),
        about_heading="What this dashboard is, and what it is not",
        is_md=is_md,
        is_not_md=is_not_md,
        flags_intro_md=intro,
        flags_md=bullets,
        n_flags=len(flags),
        fact_footnotes=tuple(sorted({n for f in listed for n in f.footnotes})),
        card_footnotes=gti_notes,
        facts_source=md_escape(
            f"Facts: {join_list(tables)} and the paper's footnotes (initiatives: the timeline)"
        ),
        cards_source=md_escape(
            f"states: GTI {join_list(sorted(set(inp.gti['table'])))}; {TABLE4_SOURCE}; "
            "initiatives as counted on the timeline"
        ),
    )


# ------------------------------------------------------------------- briefing slides (issue 15)


def slides(view: OverviewView) -> tuple:
    """The front page on one projector screen: the region in five facts (each with its
    source) beside the five states' cards. Captions carry each fact's footnotes; the
    cards' sources are in the source line."""
    from components.slides import Block, Slide

    facts = tuple(
        Block("item", f"**{md_escape(f.value)}**: {f.label_md} ({f.caption_md})")
        for f in view.facts
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
