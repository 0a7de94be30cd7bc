"""Everything the timeline page shows for one filter state, built in one pure function.

The page caches `build(...)` per (filter state, view options, dataset version), so a rerun
that changes nothing (a row selection, a sidebar round trip) costs a dictionary lookup,
and a rerun that does change the filters pays for the work below exactly once.

Chart specs are plain Vega-Lite dicts. They are produced with ``validate=False``: Altair's
JSON-schema validation costs more than building the chart, and the unit tests validate
the specs of every row mode, colour mode and overlay (tests/test_timeline_view.py).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from components import filters as F
from components import timeline_chart as T
from components.text import printed_urls
from components.vocab import FLAG

SUBTITLE_HOVER = "Hover a mark for its title, date as published, partners, countries and footnotes."
SUBTITLE_FLAG = f"{FLAG} = the paper's text and its cited source disagree (both versions in the tooltip)."


@dataclass(frozen=True)
class TimelineView:
    shown: pd.DataFrame  # the filtered initiatives, in list order
    count: str  # "12 of 40 initiatives"
    described: tuple[tuple[str, str], ...]  # (filter name, value) of every active filter
    empty_reason: str | None  # why nothing matched, when nothing did
    chart: dict | None  # the timeline's Vega-Lite spec; None when nothing is dated
    incident_footnotes: tuple[int, ...]  # footnotes of the incidents the overlay can draw
    undated: tuple[tuple[str, str], ...]  # (title, date as printed) of items not drawn
    table: pd.DataFrame  # rows of the list view
    csv: bytes  # the filtered rows as in the data package
    csv_name: str
    summary: dict | None  # "who works where" heatmap spec


def chart_title(dated: pd.DataFrame, rows: str, domain: tuple[int, int]) -> str:
    """'12 dated initiatives by country, 2016–2024', clipped to the drawn years."""
    first = max(int(dated["start_year"].min()), domain[0])
    last = min(int(dated["end_year"].max()), domain[1] - 1)
    span = f"{first}–{last}" if first != last else f"{first}"
    return f"{F.plural(len(dated), 'dated initiative')} by {F.ROW_MODES[rows].lower()}, {span}"


def timeline_spec(dated: pd.DataFrame, vocab: F.Vocabulary, state: F.FilterState,
                  view: F.ViewOptions, incidents: pd.DataFrame | None) -> dict:
    labels = T.show_labels(dated)
    domain = T.display_domain(dated, incidents, state.year_from, state.year_to, labels)
    if incidents is not None:
        incidents = incidents[(incidents["period_end"].dt.year >= domain[0])
                              & (incidents["period_start"].dt.year < domain[1])]
        if view.rows == "country":
            incidents = incidents[incidents["country"].isin({c for cs in dated["countries"] for c in cs})]
    frame = T.timeline_frame(dated, vocab, rows=view.rows, colour=view.colour,
                             selected_themes=state.themes, incidents=incidents, domain=domain,
                             labels=labels,
                             only_groups=state.countries if view.rows == "country" else ())
    subtitle = [SUBTITLE_HOVER + ("" if labels else " Titles are listed below the chart."), SUBTITLE_FLAG]
    chart = T.timeline_chart(frame, colour=view.colour, domain=domain,
                             title=chart_title(dated, view.rows, domain), subtitle=subtitle)
    return chart.to_dict(validate=False)


def build(state: F.FilterState, view: F.ViewOptions, initiatives: pd.DataFrame,
          incidents: pd.DataFrame, sources: pd.DataFrame, vocab: F.Vocabulary) -> TimelineView:
    shown = F.sort_for_list(F.apply(state, initiatives, vocab))
    dated = shown[shown["period_start"].notna()]
    undated = shown[shown["period_start"].isna()]
    overlay = None
    if view.incidents:  # only attacks in the countries filtered on, if any
        overlay = incidents[incidents["country"].isin(state.countries)] if state.countries else incidents
    chart = timeline_spec(dated, vocab, state, view, overlay) if not dated.empty else None
    summary = None
    if not shown.empty:
        counts = T.partner_summary_frame(shown, vocab)
        summary = T.partner_summary_chart(counts, T.summary_title(counts)).to_dict(validate=False)
    return TimelineView(
        shown=shown,
        count=F.count_text(len(shown), len(initiatives)),
        described=tuple(F.describe(state, vocab)),
        empty_reason=F.explain_empty(state, initiatives, vocab) if shown.empty else None,
        chart=chart,
        incident_footnotes=tuple(sorted({n for fs in incidents["footnotes"] for n in fs})),
        undated=tuple(zip(undated["title"], undated["date_text"], strict=True)),
        table=F.list_frame(shown, vocab, printed_urls(sources)),
        csv=F.csv_frame(shown, vocab).to_csv(index=False).encode("utf-8"),
        csv_name=F.csv_filename(state),
        summary=summary,
    )
