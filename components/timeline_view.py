"""Everything the timeline page shows for one filter state, built in one pure function.

The page caches `build(...)` per (filter state, view options, notices, dataset version),
so a rerun that changes nothing (a row selection, a sidebar round trip) costs a
dictionary lookup, and a rerun that does change the filters pays for the work below
exactly once. Every sentence the page shows is made here (or in vocab/text), as escaped
Markdown, so the same view can render as a page, a projector slide or a handout.

Chart specs are plain Vega-Lite dicts. They are produced with ``validate=False``: Altair's
JSON-schema validation costs more than building the chart, and the unit tests validate
the specs of every row mode, colour mode and overlay (tests/test_timeline_view.py).

URL state: the search box is bound to ``?q=`` by Streamlit (``bind="query-params"``); the
code-valued lists (``?partner=osce,un``), the years (``from``/``to``) and the view options
(``rows``, ``colour``, ``incidents=1``) keep the link forms shared before binding existed,
so the page reads them on a visit's first run (`from_link`) and writes them back with
``ui.sync_query`` (`TimelineView.query`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from types import MappingProxyType

import altair as alt
import pandas as pd

from components import filters as F
from components import timeline_chart as T
from components.i18n import ENGLISH, Translator
from components.layout import DataTable, Link
from components.md_html import table_html
from components.text import (
    aside_md,
    date_range,
    flag_md,
    footnote_links_md,
    label_escape,
    md_escape,
    md_escape_frame,
    numbered_md,
    printed_urls,
)
from components.vocab import (
    COUNTRIES,
    COUNTRY,
    COUNTRY_VIEW_LINK,
    DATE_AS_PUBLISHED,
    FLAG,
    FLAG_HEADING,
    FOOTNOTES,
    INITIATIVE,
    N_,
    PAGE_TITLES,
    PARTNER_FAMILY,
    PARTNERS,
    SCOPE,
    SCOPE_COLOURS,
    SCOPE_DASHES,
    SCOPE_LABELS,
    STATES,
    THEME,
    THEMES,
    TITLE_HEADING,
    WHO_WORKS_WHERE,
)

SUBTITLE_HOVER = N_(
    "Hover a mark for its title, date as published, partners, countries and footnotes."
)
SUBTITLE_LISTED = N_("Titles are listed below the chart.")
SUBTITLE_FLAG = N_(
    "{flag} = the paper's text and its cited source disagree (both versions in the tooltip)."
)

# ----------------------------------------------------------------- the page's words

TITLE = PAGE_TITLES["timeline"]
CAPTION = N_(
    "Every initiative the paper describes, on one timeline. Filter in the sidebar: the "
    "address bar keeps the filters, so copying the link shares exactly this view."
)
LIST_HEADING = N_("The initiatives in this view")
PICK_LABEL = N_("Details of one initiative")
PICK_PLACEHOLDER = N_("Choose an initiative: its summary, flag note and every source")
SUMMARY_LABEL = WHO_WORKS_WHERE
SUMMARY_CAPTION = N_(
    "Number of initiatives in this view per partner family and country. An initiative "
    "counts once in every family among its partners and every country it lists, so "
    "rows and columns do not add up to the totals (bold, distinct initiatives)."
)
SUMMARY_TABLE_LABEL = N_("Data table: initiatives per partner family and country")
SLIDE_TABLE_LABEL = N_("Data table: the initiatives on this slide")
SUMMARY_TABLE_KEY = "timeline_summary_data"
# a11y (issue 17): the timeline's table alternative is the list below it ({list}: its
# heading, LIST_HEADING, in the page's language)
CHART_TABLE_POINTER = N_(
    "Every initiative drawn here is a row of the table “{list}” below, with its date as "
    "published, countries and partners."
)
NO_FILTER_MD = N_("No filter set: showing every initiative.")
CLEAR_HINT_MD = N_("Use **Clear all filters** in the sidebar to start again.")
NOTHING_DATED_MD = N_(
    "None of these initiatives has a date in the paper, so nothing is drawn on the timeline."
)
NONE_LISTED = F.NONE_LISTED
TYPE = N_("Type")  # a filter's label and a fact in an initiative's details


@dataclass(frozen=True)
class Controls:
    """Labels, help and placeholders of the page's widgets, and the page's fixed words
    (English here; `controls(tr)` gives them in the session's language)."""

    title: str = TITLE
    caption: str = CAPTION
    list_heading: str = LIST_HEADING
    pick: str = PICK_LABEL
    pick_placeholder: str = PICK_PLACEHOLDER
    summary_label: str = SUMMARY_LABEL
    summary_caption: str = SUMMARY_CAPTION
    header: str = N_("Filter initiatives")
    partner: str = N_("Partner organisation")
    partner_all: str = N_("All partners")
    partner_help: str = N_(
        "An organisation includes everything under it: OSCE includes its field "
        "offices, each of which can also be chosen alone."
    )
    country: str = COUNTRY
    country_all: str = N_("All countries")
    theme: str = THEME
    theme_all: str = N_("All themes")
    type: str = TYPE
    type_all: str = N_("All types")
    years: str = N_("Years")
    years_help: str = N_(
        "Keeps items whose period overlaps these years. The full range also keeps "
        "undated items; any narrower range drops them."
    )
    search: str = N_("Search titles, summaries and figures")
    eg: str = N_("e.g. border, PROTECT, 2023")  # the search box's placeholder
    clear: str = N_("Clear all filters")
    rows: str = N_("One row per")
    colour: str = N_("Colour by")
    incidents: str = N_("Overlay incidents (attacks)")
    incidents_help: str = N_("Attacks the paper describes, to show what initiatives responded to.")


CONTROLS = Controls()


def controls(tr: Translator = ENGLISH) -> Controls:
    """The page's words in the translator's language."""
    return Controls(**{f.name: tr._(getattr(CONTROLS, f.name)) for f in fields(Controls)})


# The list's columns, in order. The list is a static table (issue 17): a data grid's
# library floor alone missed every timing target (bench/pages.py), and the one thing the
# grid's row selection did, open a row's details, the details picker above it now does.
# The summary and themes are in the details and the CSV, not in the list: they made each
# row several lines tall (themes are a sidebar filter).
LIST_COLUMNS = (
    ("date", DATE_AS_PUBLISHED),
    ("title", TITLE_HEADING),
    ("flag", FLAG_HEADING),
    ("countries", COUNTRIES),
    ("partners", PARTNERS),
    ("footnotes", FOOTNOTES),
)


def list_table(
    rows: pd.DataFrame,
    footnotes: Sequence[tuple[int, ...]],
    sources: pd.DataFrame,
    tr: Translator = ENGLISH,
) -> pd.DataFrame:
    """The list as the page's static table shows it: every cell escaped Markdown (it
    becomes HTML through components/md_html), footnotes linked where the paper prints a
    URL, headers translated."""
    shown = md_escape_frame(rows[[field for field, _ in LIST_COLUMNS if field != "footnotes"]])
    shown["footnotes"] = [footnote_links_md(fs, sources) for fs in footnotes]
    return shown[[field for field, _ in LIST_COLUMNS]].rename(
        columns={field: tr._(label) for field, label in LIST_COLUMNS}
    )


def pick_label(date_text: str, title: str) -> str:
    """A details-picker option: the date as published and the title (plain text)."""
    return f"{date_text} · {title}"


def multiselects(
    vocab: F.Vocabulary, tr: Translator = ENGLISH
) -> tuple[tuple[str, str, dict[str, str], str, str | None], ...]:
    """(widget key, label, {code: label} options, placeholder, help) of the four list
    filters. The options' values stay codes (links work in every language); the vocabulary
    built from frames in the translator's language holds the labels."""
    c = controls(tr)
    return (
        ("timeline_partner", c.partner, vocab.partners, c.partner_all, c.partner_help),
        ("timeline_country", c.country, vocab.countries, c.country_all, None),
        ("timeline_theme", c.theme, vocab.themes, c.theme_all, None),
        ("timeline_type", c.type, vocab.types, c.type_all, None),
    )


# ----------------------------------------------------------------- widget state

# Widget keys, in the order `F.state_from_widgets` and `F.ViewOptions` take their values.
# The search box's key is its query parameter: Streamlit binds it to ?q=.
FILTER_KEYS = (
    "timeline_partner",
    "timeline_country",
    "timeline_theme",
    "timeline_type",
    "timeline_years",
    "q",
)
VIEW_KEYS = ("timeline_rows", "timeline_colour", "timeline_incidents")


def view_options(values: Mapping[str, object]) -> F.ViewOptions:
    """The view options the page's radios and checkbox hold (their defaults where a widget
    was not drawn, as in briefing mode)."""
    default = F.ViewOptions()
    return F.ViewOptions(
        *(
            values.get(k, getattr(default, f))
            for k, f in zip(VIEW_KEYS, ("rows", "colour", "incidents"), strict=True)
        )
    )


MODES = (F.ROW_MODES, F.COLOUR_MODES)  # options of the two view radios, {code: label}


def modes(tr: Translator = ENGLISH) -> tuple[dict[str, str], dict[str, str]]:
    """MODES with their labels in the translator's language."""
    return tuple({k: tr._(v) for k, v in m.items()} for m in MODES)


BOUND_PARAMS = ("q",)  # written by Streamlit's binding, never by the page
NOTICES_KEY = "timeline_url_notices"


def widget_values(state: F.FilterState, view: F.ViewOptions, vocab: F.Vocabulary) -> dict:
    """The value of every widget for a filter state and view options (by widget key)."""
    values = (
        list(state.partners),
        list(state.countries),
        list(state.themes),
        list(state.types),
        F.slider_value(state, vocab),
        state.text,
        view.rows,
        view.colour,
        view.incidents,
    )
    return dict(zip(FILTER_KEYS + VIEW_KEYS, values, strict=True))


APPLIED_KEY = "_timeline_applied_query"  # the parameters the page last wrote to the URL


def link_applies(session: Mapping, params: Mapping[str, Sequence[str]]) -> bool:
    """Whether the URL's parameters should set the widgets: on a visit's first run, and when
    they are not the ones the page last wrote there (the browser's Back or Forward, or an
    edited address, brought others). The search text is the bound box's own."""
    if FILTER_KEYS[0] not in session:
        return True
    applied = session.get(APPLIED_KEY)
    if applied is None:
        return False
    wrote = {k: v for k, v in applied.items() if v and k != "q"}
    shown = {k: ",".join(v) for k, v in params.items() if v and k != "q"}
    return wrote != shown


def from_link(
    params: Mapping[str, Sequence[str]], vocab: F.Vocabulary, tr: Translator = ENGLISH
) -> tuple[dict, bool]:
    """Session-state values for a visit's first run, from the link's query parameters
    (every value of each, repeats kept), and whether the link's search text was refused.

    The values include the link's notices (under NOTICES_KEY). A refused ``?q=`` still
    seeds the bound search box (Streamlit's binding reads the URL the session opened with),
    so the page drops it from the URL before the box binds it (afterwards only the box may
    change it) and empties the box on an immediate rerun: the view, the box and the address
    bar then show what the notice says.
    """
    state, view, notices = F.parse_query(params, vocab, tr)
    refused = any(str(v).strip() for v in params.get("q") or ()) and not state.text
    return {**widget_values(state, view, vocab), NOTICES_KEY: tuple(notices)}, refused


# ----------------------------------------------------------------- the view model


@dataclass(frozen=True)
class Details:
    """The details panel of one initiative of the list, as escaped Markdown."""

    id: str
    title_md: str
    flag_md: str | None  # the flag and its note, when the row is flagged
    facts_md: str  # "- **Date as published:** 2024" ...
    summary_md: str
    sources_md: str  # "**Sources** (footnotes of the paper: [46](url))"
    citations_md: str  # "**46.** OSCE-supported workshop ..." (text.numbered_md)
    links: tuple[Link, ...]  # country views of the Central Asian states it lists


@dataclass(frozen=True)
class TimelineView:
    shown: pd.DataFrame  # the filtered initiatives, in list order
    count: str  # "12 of 40 initiatives"
    count_md: str  # the count in bold, for the sidebar
    described: tuple[tuple[str, str], ...]  # (filter name, value) of every active filter
    filtered_md: str  # "**Filtered by** partner: OSCE", or that no filter is set
    notices_md: tuple[str, ...]  # what the link or the search box asked for and was ignored
    empty_reason_md: str | None  # why nothing matched, if nothing did (a slide says this)
    empty_md: str | None  # ... with how to start again (in the sidebar)
    chart: dict | None  # the timeline's Vega-Lite spec; None when nothing is dated
    chart_caption_md: str  # under the chart; NOTHING_DATED_MD when there is no chart
    incident_footnotes: tuple[int, ...]  # footnotes of the incidents the overlay can draw
    undated: tuple[tuple[str, str], ...]  # (title, date as printed) of items not drawn
    undated_md: str | None  # heading and list of the undated items
    table: pd.DataFrame  # rows of the list view, as data
    list_table: pd.DataFrame  # ... as the page shows them (escaped Markdown, linked footnotes)
    list_html: str  # ... as one static HTML table (components.md_html.table_html)
    details: tuple[Details, ...]  # one per row of `table`, same order
    picks: MappingProxyType  # initiative id -> its details picker label, in list order
    csv: bytes  # the filtered rows as in the data package
    csv_name: str
    download_label: str
    summary: dict | None  # "who works where" heatmap spec
    summary_table: DataTable | None  # the heatmap's counts as a table (its text alternative)
    query: tuple[tuple[str, str | None], ...]  # URL parameters the page writes (None: remove)
    lang: str = "en"  # the language of every word above (its slides speak it too)

    def details_for(self, initiative: str | None) -> Details | None:
        """The details of a listed initiative; None when it is not in this view (the
        filters changed under a pick)."""
        return next((d for d in self.details if d.id == initiative), None)


def summary_frame(counts: pd.DataFrame, tr: Translator = ENGLISH) -> pd.DataFrame:
    """The "who works where" counts as a table: one row per partner family, one column per
    country, in the heatmap's order, totals included (a zero is an empty cell there and 0
    here: a count, not a missing figure). Labels and digits in the translator's language."""
    wide = counts.pivot(index="family", columns="country", values="n")
    wide = wide.loc[list(dict.fromkeys(counts["family"])), list(dict.fromkeys(counts["country"]))]
    wide = wide.astype(int).map(tr.integer).reset_index()
    wide.columns.name = None
    return wide.rename(columns={"family": tr._(PARTNER_FAMILY)})


def chart_title(
    dated: pd.DataFrame, rows: str, domain: tuple[int, int], tr: Translator = ENGLISH
) -> str:
    """'12 dated initiatives by country, 2016–2024', clipped to the drawn years."""
    first = max(int(dated["start_year"].min()), domain[0])
    last = min(int(dated["end_year"].max()), domain[1] - 1)
    span = f"{first}–{last}" if first != last else f"{first}"
    n = len(dated)
    if rows == "family":
        text = tr.n_(
            "{n} dated initiative by partner family, {span}",
            "{n} dated initiatives by partner family, {span}",
            n,
        )
    elif rows == "organisation":
        text = tr.n_(
            "{n} dated initiative by partner (top level), {span}",
            "{n} dated initiatives by partner (top level), {span}",
            n,
        )
    else:
        text = tr.n_(
            "{n} dated initiative by country, {span}", "{n} dated initiatives by country, {span}", n
        )
    return text.format(n=tr.integer(n), span=span)


def timeline_spec(
    dated: pd.DataFrame,
    vocab: F.Vocabulary,
    state: F.FilterState,
    view: F.ViewOptions,
    incidents: pd.DataFrame | None,
    tr: Translator = ENGLISH,
) -> dict:
    labels = T.show_labels(dated)
    domain = T.display_domain(dated, incidents, state.year_from, state.year_to, labels)
    if incidents is not None:
        incidents = incidents[
            (incidents["period_end"].dt.year >= domain[0])
            & (incidents["period_start"].dt.year < domain[1])
        ]
        if view.rows == "country":
            incidents = incidents[
                incidents["country"].isin({c for cs in dated["countries"] for c in cs})
            ]
    frame = T.timeline_frame(
        dated,
        vocab,
        rows=view.rows,
        colour=view.colour,
        selected_themes=state.themes,
        incidents=incidents,
        domain=domain,
        labels=labels,
        only_groups=state.countries if view.rows == "country" else (),
        tr=tr,
    )
    subtitle = [  # a line each: one long line was cut with "…" at 1280 px in Russian
        tr._(SUBTITLE_HOVER),
        *(() if labels else (tr._(SUBTITLE_LISTED),)),
        tr._(SUBTITLE_FLAG).format(flag=FLAG),
    ]
    chart = T.timeline_chart(
        frame,
        colour=view.colour,
        domain=domain,
        title=chart_title(dated, view.rows, domain, tr),
        subtitle=subtitle,
        tr=tr,
    )
    return chart.to_dict(validate=False)


def chart_caption_md(incident_footnotes: Sequence[int], tr: Translator = ENGLISH) -> str:
    caption = tr._(
        "Dates keep the paper's precision: an item known only to the year is a pale dashed box "
        "over that whole year, one known to the month a band over that month, never a made-up "
        "day. Rows repeat an initiative that involves several countries or partners. Sources: "
        "the footnotes of each initiative (tooltip, list below); incidents from footnotes "
        "{footnotes}."
    ).format(footnotes=md_escape(", ".join(str(n) for n in incident_footnotes)))
    pointer = tr._(CHART_TABLE_POINTER).format(list=md_escape(tr._(LIST_HEADING)))
    return f"{caption} {pointer}"


def undated_md(undated: Sequence[tuple[str, str]], tr: Translator = ENGLISH) -> str | None:
    if not undated:
        return None
    heading = tr.n_(
        "**{n} undated initiative not drawn** (the paper gives no date):",
        "**{n} undated initiatives not drawn** (the paper gives no date):",
        len(undated),
    ).format(n=tr.integer(len(undated)))
    return heading + "\n\n" + "\n".join(f"- {md_escape(t)}{aside_md(d)}" for t, d in undated)


def filtered_md(described: Sequence[tuple[str, str]], tr: Translator = ENGLISH) -> str:
    if not described:
        return tr._(NO_FILTER_MD)
    return (
        tr._("**Filtered by**")
        + " "
        + " · ".join(f"{name}: {md_escape(value)}" for name, value in described)
    )


def citation_md(english: str, russian: object, tr: Translator = ENGLISH) -> str:
    """One footnote's citation: as printed; in Russian quoted in English with its marked
    translation beside it (tr.quote)."""
    if tr.lang == "en" or not isinstance(russian, str) or not russian:
        return md_escape(english)
    return tr.quote(md_escape(english), md_escape(russian))


def details(
    r,
    vocab: F.Vocabulary,
    sources: pd.DataFrame,
    cited: Mapping[int, str],
    tr: Translator = ENGLISH,
) -> Details:
    """The details panel of one initiative (a row of the filtered frame). `cited` maps a
    footnote to its citation Markdown (`citation_md`)."""
    flag = flag_md(r.flag, r.flag_note, tr) if isinstance(r.flag, str) else None
    none = tr._(NONE_LISTED)
    scope = SCOPE_LABELS.get(r.scope)
    facts = (
        (tr._(DATE_AS_PUBLISHED), r.date_text),
        (tr._(TYPE), vocab.types.get(r.type, r.type)),
        (tr._(SCOPE), tr._(scope) if scope else r.scope),
        (tr._(COUNTRIES), ", ".join(vocab.countries.get(c, c) for c in r.countries) or none),
        (
            tr._(PARTNERS),
            "; ".join(vocab.partners.get(p, vocab.short_names.get(p, p)) for p in r.partners)
            or none,
        ),
        (tr._(THEMES), ", ".join(vocab.themes.get(t, t) for t in r.themes)),
        (
            tr._("Figures as published"),
            r.figures if isinstance(r.figures, str) else tr._("none given"),
        ),
    )
    return Details(
        id=r.id,
        title_md=md_escape(r.title),
        flag_md=flag,
        facts_md="\n".join(f"- **{name}:** {md_escape(value)}" for name, value in facts),
        summary_md=md_escape(r.summary),
        sources_md=tr._("**Sources** (footnotes of the paper: {links})").format(
            links=footnote_links_md(r.footnotes, sources)
        ),
        citations_md=numbered_md((n, cited[n]) for n in sorted(r.footnotes) if n in cited),
        links=tuple(
            Link(
                tr._(COUNTRY_VIEW_LINK).format(country=label_escape(vocab.countries.get(c, c))),
                "pages/countries.py",
                (("country", c),),
            )
            for c in r.countries
            if c in STATES
        ),
    )


def build(
    state: F.FilterState,
    view: F.ViewOptions,
    notices: Sequence[str],
    initiatives: pd.DataFrame,
    incidents: pd.DataFrame,
    sources: pd.DataFrame,
    vocab: F.Vocabulary,
    tr: Translator = ENGLISH,
) -> TimelineView:
    """The page for one state. The frames and the vocabulary come in the translator's
    language (data.initiatives(tr.lang), ...); filters match codes, so the same state
    keeps the same initiatives in every language."""
    shown = F.sort_for_list(F.apply(state, initiatives, vocab))
    dated = shown[shown["period_start"].notna()]
    undated = tuple(
        zip(
            shown.loc[shown["period_start"].isna(), "title"],
            shown.loc[shown["period_start"].isna(), "date_text"],
            strict=True,
        )
    )
    overlay = None
    if view.incidents:  # only attacks in the countries filtered on, if any
        overlay = (
            incidents[incidents["country"].isin(state.countries)] if state.countries else incidents
        )
    chart = timeline_spec(dated, vocab, state, view, overlay, tr) if not dated.empty else None
    summary = summary_table = None
    if not shown.empty:
        counts = T.partner_summary_frame(shown, vocab, tr)
        summary = T.partner_summary_chart(counts, T.summary_title(counts, tr), tr).to_dict(
            validate=False
        )
        summary_table = DataTable(
            tr._(SUMMARY_TABLE_LABEL),
            md_escape_frame(summary_frame(counts, tr)),
            SUMMARY_TABLE_KEY,
        )
    incident_footnotes = tuple(sorted({n for fs in incidents["footnotes"] for n in fs}))
    empty_reason = F.explain_empty(state, initiatives, vocab, tr) if shown.empty else None
    reason_md = None if empty_reason is None else md_escape(empty_reason)
    count = F.count_text(len(shown), len(initiatives), tr)
    described = tuple(F.describe(state, vocab, tr))
    russian = sources["citation_ru"] if "citation_ru" in sources else [None] * len(sources)
    cited = {
        n: citation_md(en, ru, tr)
        for n, en, ru in zip(sources["footnote"], sources["citation"], russian, strict=True)
    }
    wanted = F.to_query(state, view)
    n_shown = len(shown)
    return TimelineView(
        shown=shown,
        count=count,
        count_md=f"**{count}**",
        described=described,
        filtered_md=filtered_md(described, tr),
        notices_md=tuple(md_escape(n) for n in notices),
        empty_reason_md=reason_md,
        empty_md=None if reason_md is None else f"{reason_md}\n\n{tr._(CLEAR_HINT_MD)}",
        chart=chart,
        chart_caption_md=chart_caption_md(incident_footnotes, tr)
        if chart
        else tr._(NOTHING_DATED_MD),
        incident_footnotes=incident_footnotes,
        undated=undated,
        undated_md=undated_md(undated, tr),
        table=(table := F.list_frame(shown, vocab, printed_urls(sources), tr)),
        list_table=(listed := list_table(table, tuple(shown["footnotes"]), sources, tr)),
        list_html=table_html(listed),
        details=tuple(details(r, vocab, sources, cited, tr) for r in shown.itertuples(index=False)),
        picks=MappingProxyType(
            {i: pick_label(d, t) for i, d, t in zip(table["id"], table["date"], table["title"])}
        ),
        csv=F.csv_frame(shown, vocab).to_csv(index=False).encode("utf-8"),
        csv_name=F.csv_filename(state),
        download_label=tr.n_(
            "Download these {n} initiative (CSV)", "Download these {n} initiatives (CSV)", n_shown
        ).format(n=tr.integer(n_shown)),
        summary=summary,
        summary_table=summary_table,
        query=tuple((k, wanted.get(k)) for k in F.ALL_PARAMS if k not in BOUND_PARAMS),
        lang=tr.lang,
    )


# ------------------------------------------------------------ briefing slides (issue 15)

SLIDE_ROWS = 10  # initiatives per slide: each title stays on the chart at 20 px
SLIDE_ROW_PX = 50  # one initiative's row on a slide's chart (1080p design size)
SLIDE_ROW_PX_TIGHT = 36  # ... when two or more flag notes follow the chart
SHORT_TITLE_CHARS = 52  # a short title fits the slide's label column at that size
# Russian titles run 20-30% longer than English ones (more and longer words), but a
# character of Cyrillic takes no more room than a Latin one in the slide's font, and the
# label column is a width (labelLimit 620 px), not a word count. So the cut stays at the
# same number of characters: the Russian short title says less before its ellipsis, and
# the list and the details panel give it whole. Checked by looking at every Russian
# timeline slide at 1920x1080 and 1280x720 (docs/screenshots/ru-timeline*.png).
SHORT_TITLE_CHARS_BY_LANG = {"en": SHORT_TITLE_CHARS, "ru": SHORT_TITLE_CHARS}


def short_title(title: str, limit: int = SHORT_TITLE_CHARS) -> str:
    """The title cut at a word boundary within `limit` characters, with an ellipsis (the
    data's own words, never a new title)."""
    title = " ".join(str(title).split())
    if len(title) <= limit:
        return title
    cut = title[: limit - 1]
    if title[limit - 1] != " ":  # the cut falls inside a word: drop that word
        cut = cut.rsplit(" ", 1)[0]
    cut = cut.rstrip(" ,;:–-")
    return cut + "…"


def short_titles(titles: list[str], limit: int = SHORT_TITLE_CHARS) -> list[str]:
    """Short titles that stay apart: where two would read the same ('UN Special Rapporteur's
    report on the visit to…'), each is lengthened until they differ or are whole."""
    out = [short_title(t, limit) for t in titles]
    extra = limit
    while len(set(out)) < len(out) and extra < max(map(len, titles), default=0):
        extra += 10
        seen = {s for s in out if out.count(s) > 1}
        out = [short_title(t, extra) if s in seen else s for t, s in zip(titles, out, strict=True)]
    return out


def _slide_spec(
    chunk: pd.DataFrame,
    domain: tuple[int, int],
    title: str,
    tr: Translator = ENGLISH,
    row_px: int = 50,
    name: str | None = None,
) -> dict:
    from components.slides import MIN_CHART_PX, legible, without_tooltips

    limit = SHORT_TITLE_CHARS_BY_LANG.get(tr.lang, SHORT_TITLE_CHARS)
    frame = pd.DataFrame(
        {
            "label": [
                (f"{FLAG} " if isinstance(f, str) and f else "") + t
                for t, f in zip(
                    short_titles(list(chunk["title"]), limit), chunk["flag"], strict=True
                )
            ],
            "start": chunk["period_start"].dt.strftime("%Y-%m-%d"),
            "end": chunk["period_end"].dt.strftime("%Y-%m-%d"),
            "when": [
                date_range(s, e, tr) for s, e in zip(chunk["start"], chunk["end"], strict=True)
            ],
            "scope": [tr._(SCOPE_LABELS[s]) if s in SCOPE_LABELS else s for s in chunk["scope"]],
        }
    )
    order = list(frame["label"])
    scopes = [tr._(SCOPE_LABELS[s]) for s in SCOPE_COLOURS]
    x = alt.X(
        "start:T",
        title=None,
        scale=alt.Scale(domain=[f"{domain[0]}-01-01", f"{domain[1]}-01-01"]),
        axis=alt.Axis(format="%Y", tickCount="year", labelFontSize=20, grid=True),
    )
    y = alt.Y(
        "label:N",
        sort=order,
        title=None,
        axis=alt.Axis(labelLimit=620, labelFontSize=20, labelColor="#111111"),
    )
    bars = (
        alt.Chart(frame)
        .mark_bar(height=24, cornerRadius=2, stroke="#000000", strokeWidth=2)
        .encode(
            x=x,
            x2="end:T",
            y=y,
            color=alt.Color(
                "scope:N",
                scale=alt.Scale(domain=scopes, range=list(SCOPE_COLOURS.values())),
                legend=alt.Legend(title=None, orient="top", labelFontSize=20, symbolSize=300),
            ),
            strokeDash=alt.StrokeDash(
                "scope:N",
                scale=alt.Scale(domain=scopes, range=list(SCOPE_DASHES.values())),
                legend=alt.Legend(
                    title=None,
                    orient="top",
                    labelFontSize=20,
                    symbolSize=300,
                    symbolStrokeColor="#000000",
                    symbolStrokeWidth=2,
                ),
            ),
        )
    )
    # The date as printed, after each bar: nothing on the slide needs a hover.
    when = (
        alt.Chart(frame)
        .mark_text(align="left", dx=6, fontSize=MIN_CHART_PX, color="#111111")
        .encode(x="end:T", y=y, text="when:N")
    )
    chart = (bars + when).properties(
        width="container",
        height=row_px * len(frame) + 40,
        title=alt.Title(title, fontSize=24, anchor="start"),
        # the accessible name (components/chart_a11y.py): which slide of the timeline this is
        description=name or title,
    )
    spec = chart.to_dict(validate=False)
    spec["config"] = {**spec.get("config", {}), "locale": tr.vega_locale()}
    return without_tooltips(legible(spec))


def vocabulary_from_data(tr: Translator = ENGLISH) -> F.Vocabulary:
    """The filters' vocabulary from the package's tables in `tr`'s language (the page and
    the handout)."""
    from components import data

    lang = tr.lang
    tables = [get(lang) for get in (data.initiatives, data.organisations, data.countries)]
    cats = data.approach_categories(lang=lang)
    return F.Vocabulary.from_frames(*tables, cats, data.CENTRAL_ASIA, tr)


def build_from_data(
    state: F.FilterState,
    view: F.ViewOptions,
    notices: Sequence[str],
    vocab: F.Vocabulary,
    tr: Translator = ENGLISH,
) -> TimelineView:
    """`build` on the package's tables in `tr`'s language (the page and the handout)."""
    from components import data

    lang = tr.lang
    frames = data.initiatives(lang), data.incidents(lang), data.sources(lang)
    return build(state, view, notices, *frames, vocab, tr)


def _slide_chunks(view: TimelineView) -> list[pd.DataFrame]:
    """The view's dated initiatives in order, SLIDE_ROWS to a slide."""
    dated = view.shown[view.shown["period_start"].notna()].sort_values(
        ["period_start", "period_end", "title"]
    )
    return [dated.iloc[i : i + SLIDE_ROWS] for i in range(0, len(dated), SLIDE_ROWS)]


def slide_parts(view: TimelineView) -> tuple[str, ...]:
    """The parts of `slides(view)`, without building them: "1", "2", ... (a count: the
    page asks on every rerun, and sorting the rows into slides costs milliseconds)."""
    dated = int(view.shown["period_start"].notna().sum())
    return tuple(str(k) for k in range(1, -(-dated // SLIDE_ROWS) + 1))


def slides(view: TimelineView, params: tuple[tuple[str, str], ...] = ()) -> tuple:
    """The timeline on projector screens: the filtered, dated initiatives in order, at most
    SLIDE_ROWS a slide, each with its short title on the chart, its bar over the period
    the paper gives and the date as printed beside it; undated items are counted. The
    slides speak the view's language."""
    from components.slides import TABLE_ROW_PX, Block, Slide
    from components.vocab import PAGE_TITLES

    tr = Translator(view.lang)
    limit = SHORT_TITLE_CHARS_BY_LANG.get(tr.lang, SHORT_TITLE_CHARS)
    chunks = _slide_chunks(view)
    if not chunks:
        return ()
    out = []
    for k, chunk in enumerate(chunks, start=1):
        first, last = int(chunk["start_year"].min()), int(chunk["end_year"].max())
        span = f"{first}–{last}" if first != last else str(first)
        title = f"{tr._(PAGE_TITLES['timeline'])}, {span}" + (
            " " + tr._("({k} of {n})").format(k=k, n=len(chunks)) if len(chunks) > 1 else ""
        )
        notes = [
            md_escape(f"{FLAG} {short_title(t, limit)}: {n}")
            for t, n, f in zip(chunk["title"], chunk["flag_note"], chunk["flag"], strict=True)
            if isinstance(f, str) and f and isinstance(n, str)
        ]
        # Two or more flag notes (three on one 2023 slide; Russian notes run longer) take
        # the room of a tighter chart, so the slide still fits one screen.
        row_px = SLIDE_ROW_PX if len(notes) < 2 else SLIDE_ROW_PX_TIGHT
        blocks = [
            Block(
                "chart",
                _slide_spec(
                    chunk,
                    (first, last + 1),
                    view.count,  # a chart title is drawn as written: no Markdown
                    tr,
                    row_px,
                    f"{title}: {view.count}",
                ),
                height=row_px * len(chunk) + 120 - TABLE_ROW_PX,  # room for the data table
            )
        ]
        if k == len(chunks) and view.undated:
            blocks.append(
                Block(
                    "caption",
                    md_escape(
                        tr.n_(
                            "{n} undated initiative not drawn: the dashboard's timeline page "
                            "lists them.",
                            "{n} undated initiatives not drawn: the dashboard's timeline page "
                            "lists them.",
                            len(view.undated),
                        ).format(n=tr.integer(len(view.undated)))
                    ),
                )
            )
        blocks += [Block("warning", n) for n in notes]
        footnotes = tuple(sorted({int(n) for fs in chunk["footnotes"] for n in fs}))
        out.append(
            Slide(
                "timeline",
                str(k),
                title,
                (tuple(blocks),),
                (1.0,),
                footnotes,
                source=view.filtered_md,
                params=params,
                tables=(slide_table(chunk, k, tr),),
            )
        )
    return tuple(out)


def slide_table(chunk: pd.DataFrame, k: int, tr: Translator = ENGLISH) -> DataTable:
    """A timeline slide's data table (issue 17): each initiative drawn, its date as
    published, its scope and footnotes, in the translator's language."""
    frame = pd.DataFrame(
        {
            tr._(INITIATIVE): [
                (f"{FLAG} " if isinstance(f, str) and f else "") + t
                for t, f in zip(chunk["title"], chunk["flag"], strict=True)
            ],
            tr._(DATE_AS_PUBLISHED): list(chunk["date_text"]),
            tr._(SCOPE): [
                tr._(SCOPE_LABELS[s]) if s in SCOPE_LABELS else s for s in chunk["scope"]
            ],
            tr._(FOOTNOTES): [", ".join(str(n) for n in fs) for fs in chunk["footnotes"]],
        }
    )
    label = tr._(SLIDE_TABLE_LABEL)
    return DataTable(label, md_escape_frame(frame), f"timeline_slide_data_{k}")
