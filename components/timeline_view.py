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
from dataclasses import dataclass

import altair as alt
import pandas as pd

from components import filters as F
from components import timeline_chart as T
from components.layout import DataTable
from components.text import (
    date_range,
    footnote_links_md,
    md_escape,
    md_escape_frame,
    plural,
    printed_urls,
)
from components.vocab import FLAG, SCOPE_LABELS, STATES

SUBTITLE_HOVER = "Hover a mark for its title, date as published, partners, countries and footnotes."
SUBTITLE_FLAG = (
    f"{FLAG} = the paper's text and its cited source disagree (both versions in the tooltip)."
)

# ----------------------------------------------------------------- the page's words

TITLE = "Initiatives timeline"
CAPTION = (
    "Every initiative the paper describes, on one timeline. Filter in the sidebar: the "
    "address bar keeps the filters, so copying the link shares exactly this view."
)
LIST_HEADING = "The initiatives in this view"
SELECT_HINT = "Select a row (the box at its left) to see full details and every source."
SUMMARY_CAPTION = (
    "Number of initiatives in this view per partner family and country. An initiative "
    "counts once in every family among its partners and every country it lists, so "
    "rows and columns do not add up to the totals (bold, distinct initiatives)."
)
SUMMARY_TABLE_LABEL = "Data table: initiatives per partner family and country"
SLIDE_TABLE_LABEL = "Data table: the initiatives on this slide"
SUMMARY_TABLE_KEY = "timeline_summary_data"
# a11y (issue 17): the timeline's table alternative is the list below it
CHART_TABLE_POINTER = (
    f"Every initiative drawn here is a row of the table “{LIST_HEADING}” below, with "
    "its date as published, countries and partners."
)
NO_FILTER_MD = "No filter set: showing every initiative."
CLEAR_HINT_MD = "Use **Clear all filters** in the sidebar to start again."
NOTHING_DATED_MD = (
    "None of these initiatives has a date in the paper, so nothing is drawn on the timeline."
)
NONE_LISTED = "none listed"


@dataclass(frozen=True)
class Controls:
    """Labels, help and placeholders of the page's widgets."""

    header: str = "Filter initiatives"
    partner: str = "Partner organisation"
    partner_all: str = "All partners"
    partner_help: str = (
        "An organisation includes everything under it: OSCE includes its field "
        "offices, each of which can also be chosen alone."
    )
    country: str = "Country"
    country_all: str = "All countries"
    theme: str = "Theme"
    theme_all: str = "All themes"
    type: str = "Type"
    type_all: str = "All types"
    years: str = "Years"
    years_help: str = (
        "Keeps items whose period overlaps these years. The full range also keeps "
        "undated items; any narrower range drops them."
    )
    search: str = "Search titles, summaries and figures"
    eg: str = "e.g. border, PROTECT, 2023"  # the search box's placeholder
    clear: str = "Clear all filters"
    rows: str = "One row per"
    colour: str = "Colour by"
    incidents: str = "Overlay incidents (attacks)"
    incidents_help: str = "Attacks the paper describes, to show what initiatives responded to."


CONTROLS = Controls()

# The list view's columns, in order, as Streamlit column configs (plain dicts, the
# ColumnConfig shape that st.column_config.TextColumn/LinkColumn return).
TABLE_COLUMNS = (
    ("date", "Date as published", "medium"),
    ("title", "Title", "large"),
    ("flag", "Flag", "small"),
    ("countries", "Countries", None),
    ("partners", "Partners", None),
    ("themes", "Themes", None),
    ("summary", "Summary", "large"),
    ("footnotes", "Footnotes", "small"),
    ("source", "First source", "small"),
)
LINK_TEXT = "open ↗"

TABLE_CONFIG = {
    field: {
        "label": label,
        "width": width,
        "type_config": {"type": "link", "display_text": LINK_TEXT}
        if field == "source"
        else {"type": "text"},
    }
    for field, label, width in TABLE_COLUMNS
}
# The list view's options: a single row can be selected (it opens the details panel).
TABLE = {
    "hide_index": True,
    "width": "stretch",
    "on_select": "rerun",
    "selection_mode": "single-row",
    "column_order": [field for field, _, _ in TABLE_COLUMNS],
    "column_config": TABLE_CONFIG,
}


def multiselects(
    vocab: F.Vocabulary,
) -> tuple[tuple[str, str, dict[str, str], str, str | None], ...]:
    """(widget key, label, {code: label} options, placeholder, help) of the four list filters."""
    c = CONTROLS
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


def from_link(params: Mapping[str, Sequence[str]], vocab: F.Vocabulary) -> tuple[dict, bool]:
    """Session-state values for a visit's first run, from the link's query parameters
    (every value of each, repeats kept), and whether the link's search text was refused.

    The values include the link's notices (under NOTICES_KEY). A refused ``?q=`` still
    seeds the bound search box (Streamlit's binding reads the URL the session opened with),
    so the page drops it from the URL before the box binds it (afterwards only the box may
    change it) and empties the box on an immediate rerun: the view, the box and the address
    bar then show what the notice says.
    """
    state, view, notices = F.parse_query(params, vocab)
    refused = any(str(v).strip() for v in params.get("q") or ()) and not state.text
    return {**widget_values(state, view, vocab), NOTICES_KEY: tuple(notices)}, refused


# ----------------------------------------------------------------- the view model


@dataclass(frozen=True)
class Link:
    """A link to another page of the dashboard."""

    label: str
    page: str
    params: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Details:
    """The details panel of one initiative of the list, as escaped Markdown."""

    id: str
    title_md: str
    flag_md: str | None  # the flag and its note, when the row is flagged
    facts_md: str  # "- **Date as published:** 2024" ...
    summary_md: str
    sources_md: str  # "**Sources** (footnotes of the paper: [46](url))"
    citations_md: str  # "46. OSCE-supported workshop ..."
    links: tuple[Link, ...]  # country views of the Central Asian states it lists


@dataclass(frozen=True)
class TimelineView:
    shown: pd.DataFrame  # the filtered initiatives, in list order
    count: str  # "12 of 40 initiatives"
    count_md: str  # the count in bold, for the sidebar
    described: tuple[tuple[str, str], ...]  # (filter name, value) of every active filter
    filtered_md: str  # "**Filtered by** partner: OSCE", or that no filter is set
    notices_md: tuple[str, ...]  # what the link or the search box asked for and was ignored
    empty_reason: str | None  # why nothing matched, when nothing did
    empty_md: str | None  # ... with how to start again
    chart: dict | None  # the timeline's Vega-Lite spec; None when nothing is dated
    chart_caption_md: str  # under the chart; NOTHING_DATED_MD when there is no chart
    incident_footnotes: tuple[int, ...]  # footnotes of the incidents the overlay can draw
    undated: tuple[tuple[str, str], ...]  # (title, date as printed) of items not drawn
    undated_md: str | None  # heading and list of the undated items
    table: pd.DataFrame  # rows of the list view
    table_height: int  # pixels: every row up to 14, then the list scrolls
    details: tuple[Details, ...]  # one per row of `table`, same order
    csv: bytes  # the filtered rows as in the data package
    csv_name: str
    download_label: str
    summary: dict | None  # "who works where" heatmap spec
    summary_table: DataTable | None  # the heatmap's counts as a table (its text alternative)
    query: tuple[tuple[str, str | None], ...]  # URL parameters the page writes (None: remove)


def summary_frame(counts: pd.DataFrame) -> pd.DataFrame:
    """The "who works where" counts as a table: one row per partner family, one column per
    country, in the heatmap's order, totals included (a zero is an empty cell there and 0
    here: a count, not a missing figure)."""
    wide = counts.pivot(index="family", columns="country", values="n")
    wide = wide.loc[list(dict.fromkeys(counts["family"])), list(dict.fromkeys(counts["country"]))]
    wide = wide.astype(int).astype(str).reset_index()
    wide.columns.name = None
    return wide.rename(columns={"family": "Partner family"})


def chart_title(dated: pd.DataFrame, rows: str, domain: tuple[int, int]) -> str:
    """'12 dated initiatives by country, 2016–2024', clipped to the drawn years."""
    first = max(int(dated["start_year"].min()), domain[0])
    last = min(int(dated["end_year"].max()), domain[1] - 1)
    span = f"{first}–{last}" if first != last else f"{first}"
    return f"{plural(len(dated), 'dated initiative')} by {F.ROW_MODES[rows].lower()}, {span}"


def timeline_spec(
    dated: pd.DataFrame,
    vocab: F.Vocabulary,
    state: F.FilterState,
    view: F.ViewOptions,
    incidents: pd.DataFrame | None,
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
    )
    subtitle = [
        SUBTITLE_HOVER + ("" if labels else " Titles are listed below the chart."),
        SUBTITLE_FLAG,
    ]
    chart = T.timeline_chart(
        frame,
        colour=view.colour,
        domain=domain,
        title=chart_title(dated, view.rows, domain),
        subtitle=subtitle,
    )
    return chart.to_dict(validate=False)


def chart_caption_md(incident_footnotes: Sequence[int]) -> str:
    return (
        "Dates keep the paper's precision: an item known only to the year is a pale dashed box "
        "over that whole year, one known to the month a band over that month, never a made-up "
        "day. Rows repeat an initiative that involves several countries or partners. Sources: "
        "the footnotes of each initiative (tooltip, list below); incidents from footnotes "
        + md_escape(", ".join(str(n) for n in incident_footnotes))
        + ". "
        + CHART_TABLE_POINTER
    )


def undated_md(undated: Sequence[tuple[str, str]]) -> str | None:
    if not undated:
        return None
    heading = (
        f"**{plural(len(undated), 'undated initiative')} not drawn** (the paper gives no date):"
    )
    return heading + "\n\n" + "\n".join(f"- {md_escape(t)} ({md_escape(d)})" for t, d in undated)


def filtered_md(described: Sequence[tuple[str, str]]) -> str:
    if not described:
        return NO_FILTER_MD
    return "**Filtered by** " + " · ".join(
        f"{name}: {md_escape(value)}" for name, value in described
    )


def details(r, vocab: F.Vocabulary, sources: pd.DataFrame, cited: Mapping[int, str]) -> Details:
    """The details panel of one initiative (a row of the filtered frame)."""
    flag_md = None
    if isinstance(r.flag, str):
        flag_md = f"**Flag ({md_escape(r.flag.replace('_', ' '))}):** {md_escape(r.flag_note)}"
    facts = (
        ("Date as published", r.date_text),
        ("Type", vocab.types.get(r.type, r.type)),
        ("Scope", SCOPE_LABELS.get(r.scope, r.scope)),
        ("Countries", ", ".join(vocab.countries.get(c, c) for c in r.countries) or NONE_LISTED),
        (
            "Partners",
            "; ".join(vocab.partners.get(p, vocab.short_names.get(p, p)) for p in r.partners)
            or NONE_LISTED,
        ),
        ("Themes", ", ".join(vocab.themes.get(t, t) for t in r.themes)),
        ("Figures as published", r.figures if isinstance(r.figures, str) else "none given"),
    )
    return Details(
        id=r.id,
        title_md=md_escape(r.title),
        flag_md=flag_md,
        facts_md="\n".join(f"- **{name}:** {md_escape(value)}" for name, value in facts),
        summary_md=md_escape(r.summary),
        sources_md=f"**Sources** (footnotes of the paper: {footnote_links_md(r.footnotes, sources)})",
        citations_md="\n".join(
            f"{n}. {md_escape(cited[n])}" for n in sorted(r.footnotes) if n in cited
        ),
        links=tuple(
            Link(
                f"{vocab.countries.get(c, c)}: country view",
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
) -> TimelineView:
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
    chart = timeline_spec(dated, vocab, state, view, overlay) if not dated.empty else None
    summary = summary_table = None
    if not shown.empty:
        counts = T.partner_summary_frame(shown, vocab)
        summary = T.partner_summary_chart(counts, T.summary_title(counts)).to_dict(validate=False)
        summary_table = DataTable(
            SUMMARY_TABLE_LABEL, md_escape_frame(summary_frame(counts)), SUMMARY_TABLE_KEY
        )
    incident_footnotes = tuple(sorted({n for fs in incidents["footnotes"] for n in fs}))
    empty_reason = F.explain_empty(state, initiatives, vocab) if shown.empty else None
    count = F.count_text(len(shown), len(initiatives))
    described = tuple(F.describe(state, vocab))
    cited = dict(zip(sources["footnote"], sources["citation"], strict=True))
    wanted = F.to_query(state, view)
    return TimelineView(
        shown=shown,
        count=count,
        count_md=f"**{count}**",
        described=described,
        filtered_md=filtered_md(described),
        notices_md=tuple(f":material/info: {md_escape(n)}" for n in notices),
        empty_reason=empty_reason,
        empty_md=None if empty_reason is None else f"{md_escape(empty_reason)}\n\n{CLEAR_HINT_MD}",
        chart=chart,
        chart_caption_md=chart_caption_md(incident_footnotes) if chart else NOTHING_DATED_MD,
        incident_footnotes=incident_footnotes,
        undated=undated,
        undated_md=undated_md(undated),
        table=F.list_frame(shown, vocab, printed_urls(sources)),
        table_height=min(38 + 35 * len(shown), 560),
        details=tuple(details(r, vocab, sources, cited) for r in shown.itertuples(index=False)),
        csv=F.csv_frame(shown, vocab).to_csv(index=False).encode("utf-8"),
        csv_name=F.csv_filename(state),
        download_label=f"Download these {plural(len(shown), 'initiative')} (CSV)",
        summary=summary,
        summary_table=summary_table,
        query=tuple((k, wanted.get(k)) for k in F.ALL_PARAMS if k not in BOUND_PARAMS),
    )


# ------------------------------------------------------------ briefing slides (issue 15)

SLIDE_ROWS = 10  # initiatives per slide: each title stays on the chart at 20 px
SHORT_TITLE_CHARS = 52  # a short title fits the slide's label column at that size
SCOPE_COLOURS = {"national": "#0072B2", "regional": "#E69F00", "global": "#009E73"}  # Okabe-Ito
# a11y (issue 17): the scope is also the bar's outline (as on the country view)
SCOPE_DASHES = {"national": [1, 0], "regional": [8, 4], "global": [2, 3]}


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


def _slide_spec(chunk: pd.DataFrame, domain: tuple[int, int], title: str) -> dict:
    from components.slides import MIN_CHART_PX, legible, without_tooltips

    frame = pd.DataFrame(
        {
            "label": [
                (f"{FLAG} " if isinstance(f, str) and f else "") + t
                for t, f in zip(short_titles(list(chunk["title"])), chunk["flag"], strict=True)
            ],
            "start": chunk["period_start"].dt.strftime("%Y-%m-%d"),
            "end": chunk["period_end"].dt.strftime("%Y-%m-%d"),
            "when": [date_range(s, e) for s, e in zip(chunk["start"], chunk["end"], strict=True)],
            "scope": [SCOPE_LABELS.get(s, s) for s in chunk["scope"]],
        }
    )
    order = list(frame["label"])
    scopes = [SCOPE_LABELS[s] for s in SCOPE_COLOURS]
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
        height=50 * len(frame) + 40,
        title=alt.Title(title, fontSize=24, anchor="start"),
    )
    return without_tooltips(legible(chart.to_dict(validate=False)))


def slides(view: TimelineView, params: tuple[tuple[str, str], ...] = ()) -> tuple:
    """The timeline on projector screens: the filtered, dated initiatives in order, at most
    SLIDE_ROWS a slide, each with its short title on the chart, its bar over the period
    the paper gives and the date as printed beside it; undated items are counted."""
    from components.slides import TABLE_ROW_PX, Block, Slide
    from components.vocab import PAGE_TITLES

    dated = view.shown[view.shown["period_start"].notna()].sort_values(
        ["period_start", "period_end", "title"]
    )
    if dated.empty:
        return ()
    chunks = [dated.iloc[i : i + SLIDE_ROWS] for i in range(0, len(dated), SLIDE_ROWS)]
    out = []
    for k, chunk in enumerate(chunks, start=1):
        first, last = int(chunk["start_year"].min()), int(chunk["end_year"].max())
        span = f"{first}–{last}" if first != last else str(first)
        title = f"{PAGE_TITLES['timeline']}, {span}" + (
            f" ({k} of {len(chunks)})" if len(chunks) > 1 else ""
        )
        blocks = [
            Block(
                "chart",
                _slide_spec(chunk, (first, last + 1), md_escape(view.count)),
                height=50 * len(chunk) + 120 - TABLE_ROW_PX,  # room for the data table
            )
        ]
        if k == len(chunks) and view.undated:
            blocks.append(
                Block(
                    "caption",
                    md_escape(
                        f"{plural(len(view.undated), 'undated initiative')} not drawn: "
                        "the dashboard's timeline page lists them."
                    ),
                )
            )
        notes = [
            md_escape(f"{FLAG} {short_title(t)}: {n}")
            for t, n, f in zip(chunk["title"], chunk["flag_note"], chunk["flag"], strict=True)
            if isinstance(f, str) and f and isinstance(n, str)
        ]
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
                tables=(slide_table(chunk, k),),
            )
        )
    return tuple(out)


def slide_table(chunk: pd.DataFrame, k: int) -> DataTable:
    """A timeline slide's data table (issue 17): each initiative drawn, its date as
    published, its scope and footnotes."""
    frame = pd.DataFrame(
        {
            "Initiative": [
                (f"{FLAG} " if isinstance(f, str) and f else "") + t
                for t, f in zip(chunk["title"], chunk["flag"], strict=True)
            ],
            "Date as published": list(chunk["date_text"]),
            "Scope": [SCOPE_LABELS.get(s, s) for s in chunk["scope"]],
            "Footnotes": [", ".join(str(n) for n in fs) for fs in chunk["footnotes"]],
        }
    )
    return DataTable(SLIDE_TABLE_LABEL, md_escape_frame(frame), f"timeline_slide_data_{k}")
