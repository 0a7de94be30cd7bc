"""Pure Altair builders for the Initiatives timeline page.

`timeline_frame` turns initiatives into one mark per (initiative, row): a row is a
country, a partner family or a top-level partner organisation. Items that overlap in a
row are packed into lanes so that none hides another. `timeline_chart` draws them:

* spans (programmes such as 2023-2027) are bars from period_start to period_end;
* an event known only to the year is a pale, dash-outlined band over the whole year;
* an event known to the month is a solid band over that month;
* an event known to the day (none in the paper so far) is a point;
* undated items are not drawn (the page lists them).

Precision is in the legend ("Drawn as"). Colour is the partner family or a theme, from
colour-blind-safe palettes (Okabe-Ito; Paul Tol's "muted" for themes). Incidents are a
separate, dark layer (bands over their period with a diamond and label). Flagged items
carry a ⚑ marker and their flag note in the tooltip. Tooltip text is data text; Streamlit's
vega-tooltip escapes it ('<' and '&'), so it cannot inject markup.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import altair as alt
import pandas as pd

from components.filters import NONE_LISTED, Vocabulary
from components.i18n import ENGLISH, Translator
from components.text import footnote_list
from components.vocab import (
    COUNTRIES,
    COUNTRY,
    DATE_AS_PUBLISHED,
    DRAWN_AS,
    FAMILY_LABELS,
    FAMILY_ORDER,
    FLAG,
    FLAG_HEADING,
    FOOTNOTES,
    INCIDENTS,
    INITIATIVES,
    N_,
    NOTE,
    PARTNER_FAMILY,
    PARTNERS,
    THEMES,
    TITLE_HEADING,
    WHO_WORKS_WHERE,
)

# Okabe-Ito, with yellow for "several families" and grey for "no partner listed".
FAMILY_COLOURS = {
    "osce": "#0072B2",
    "un": "#56B4E9",
    "other_international": "#D55E00",
    "government": "#E69F00",
    "private": "#CC79A7",
    "domestic": "#009E73",
    "several": "#F0E442",
    "none": "#BBBBBB",
}
NO_PARTNER = N_("No partner listed")
EXTRA_FAMILY_LABELS = {"several": N_("Several partner families"), "none": NO_PARTNER}
# The colour legend's order: vocab.FAMILY_ORDER (as the rows and the matrix), then the two
# extra keys.
COLOUR_FAMILY_ORDER = (*FAMILY_ORDER, *EXTRA_FAMILY_LABELS)
# Paul Tol's muted palette for the substantive themes, Okabe-Ito for partnership themes
# (those only take the colour when the analyst filters on them).
THEME_COLOURS = {
    "prevention": "#332288",
    "reintegration": "#88CCEE",
    "critical_infrastructure": "#44AA99",
    "legal_framework": "#117733",
    "youth_education": "#999933",
    "online": "#DDCC77",
    "border_security": "#CC6677",
    "financing": "#882255",
    "cbrn": "#AA4499",
    "human_rights": "#E69F00",
    "osce": "#0072B2",
    "un": "#56B4E9",
    "intl_cooperation": "#009E73",
    "bilateral": "#D55E00",
    "private_sector": "#CC79A7",
}
PARTNERSHIP_THEMES = ("osce", "un", "intl_cooperation", "bilateral", "private_sector")
INCIDENT_COLOUR = "#1a1a1a"
OUTLINE = "#3a3a3a"
INK = "#111111"  # text on the chart: near-black for projectors
# A mark's category letter: 15 themes cannot all differ in colour for every kind of colour
# blindness, so the letter is the second cue, large enough to read.
LETTER_PX = 12
LETTER_DISC = 230  # the white disc under it (area, px²)

# Each precision its own outline, so the legend tells them apart (month: dotted).
DRAWN_DASH = {"span": [1, 0], "year": [5, 3], "month": [2, 2], "day": [6, 2, 1, 2]}
# a11y (issue 17): each colour category (partner family or theme) also has a letter, on a
# white disc at the start of its marks and before its name in the legend, so colour is
# never the only cue.
CATEGORY_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

NO_COUNTRY = N_("No country (global)")
INCIDENT = N_("Incident")  # an incident mark's colour key and its tooltip's first title
DRAWN_AS_HEADING = N_("Drawn as")  # how a mark draws its date (vocab.DRAWN_AS)
INCIDENT_ROW = INCIDENTS
LABEL_LIMIT = 20  # draw titles on the chart when at most this many items are drawn
# Titles on the chart are cut at LABEL_CHARS characters in both languages. A Russian title
# is 20-30% longer in characters, but its glyphs are no wider than English ones in the
# chart's font, so a cut at the same length takes the same room: the lanes (packed with
# CHAR_PX a character) and the right margin (display_domain) stay right in Russian. The
# Russian title simply says less before its ellipsis; the tooltip and the list below the
# chart give it whole. (Checked on screenshots at 1920 and 1280 px, docs/screenshots.)
LABEL_CHARS = 38
STEP_PX = 22  # height of one lane
STEP_PX_COMPACT = 17  # ... when there are many lanes (titles are off then)
ASSUMED_WIDTH_PX = 1000  # plot width assumed for the titles' right margin and a month's width
# Markers are drawn at a fixed size in pixels, so two that share a lane must be kept apart at
# the narrowest plot the chart is drawn in: about 680 px at 1280x720 with the sidebar open.
NARROWEST_PLOT_PX = 640
MARKER_HALF_PX = 10  # half a letter disc (LETTER_DISC) or an incident's diamond, plus room
BAND_LETTER_DX = 10  # a band's letter disc sits this far in from the band's start
CHAR_PX = 7.4  # average width of a 14 px label character
FONT_PX = 14


# ------------------------------------------------------------------ row keys


def families_of(partners: Iterable[str], vocab: Vocabulary) -> list[str]:
    fams = {vocab.families.get(p) for p in partners} - {None}
    return [f for f in FAMILY_ORDER if f in fams]


def colour_family(partners: Sequence[str], vocab: Vocabulary) -> str:
    """One family per initiative: its international family, 'several', 'domestic' or 'none'."""
    fams = families_of(partners, vocab)
    if not fams:
        return "none"
    foreign = [f for f in fams if f != "domestic"]
    if len(foreign) > 1:
        return "several"
    return foreign[0] if foreign else "domestic"


def family_label(key: str, tr: Translator = ENGLISH) -> str:
    label = FAMILY_LABELS.get(key) or EXTRA_FAMILY_LABELS.get(key)
    return tr._(label) if label else key


def primary_theme(themes: Sequence[str], vocab: Vocabulary, selected: Sequence[str] = ()) -> str:
    """The theme that colours an item: a selected theme first, else the first substantive one.

    Order is the paper's matrix order (approach_categories.display_order).
    """
    order = list(vocab.themes)
    ranked = sorted(themes, key=lambda t: order.index(t) if t in order else len(order))
    for pool in (
        [t for t in ranked if t in selected],
        [t for t in ranked if t not in PARTNERSHIP_THEMES],
        ranked,
    ):
        if pool:
            return pool[0]
    return "none"


def row_keys(r, rows: str, vocab: Vocabulary, tr: Translator = ENGLISH) -> list[tuple[str, str]]:
    """(row key, row label) pairs an initiative is drawn in."""
    if rows == "country":
        return [(c, vocab.countries.get(c, c)) for c in r.countries] or [
            ("~none", tr._(NO_COUNTRY))
        ]
    if rows == "family":
        return [(f, family_label(f, tr)) for f in families_of(r.partners, vocab)] or [
            ("~none", tr._(NO_PARTNER))
        ]
    roots: list[str] = []
    for p in r.partners:
        root = vocab.root(p)
        if root not in roots:
            roots.append(root)
    return [(o, vocab.short_names.get(o, o)) for o in roots] or [("~none", tr._(NO_PARTNER))]


def row_order(rows: str, vocab: Vocabulary) -> list[str]:
    if rows == "country":
        return list(vocab.countries)
    if rows == "family":
        return list(FAMILY_ORDER)
    return [o for o in vocab.partners if vocab.parents.get(o) is None]


# ------------------------------------------------------------------ precision


def drawn_as(start_precision: object, is_span: bool) -> str | None:
    if not isinstance(start_precision, str):
        return None
    return "span" if is_span else start_precision


def _years(ts: pd.Timestamp) -> float:
    return ts.year + (ts.day_of_year - 1) / 366


def truncate(text: str, limit: int = LABEL_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip(" ,;:-") + "…"


def pack_lanes(intervals: Sequence[tuple[float, float]], gap: float = 0.0) -> list[int]:
    """Greedy lane assignment: items whose [start, end) overlap never share a lane."""
    order = sorted(range(len(intervals)), key=lambda i: (intervals[i][0], -intervals[i][1]))
    lane_end: list[float] = []
    out = [0] * len(intervals)
    for i in order:
        lo, hi = intervals[i]
        for lane, end in enumerate(lane_end):
            if end + gap <= lo:
                lane_end[lane] = hi
                out[i] = lane
                break
        else:
            lane_end.append(hi)
            out[i] = len(lane_end) - 1
    return out


def marker_extent(
    lo: float, hi: float, kind: str, drawn: str, years_per_px: float
) -> tuple[float, float]:
    """[lo, hi) in years, widened to take in the mark's marker (letter disc or diamond).

    A band's letter sits BAND_LETTER_DX in from its start; a month's or a day's letter, and
    every incident's diamond, sits on the middle. Without this, two short items a few pixels
    apart shared a lane and their discs overlapped ("B" under "A").
    """
    at_start = kind == "initiative" and drawn in ("span", "year")
    centre = lo + BAND_LETTER_DX * years_per_px if at_start else (lo + hi) / 2
    half = MARKER_HALF_PX * years_per_px
    return min(lo, centre - half), max(hi, centre + half)


def x_domain(
    initiatives: pd.DataFrame,
    incidents: pd.DataFrame | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
) -> tuple[int, int]:
    """[first year, year after the last) shown on the x axis: the filter, else the data."""
    starts = [initiatives["period_start"].dropna()]
    ends = [initiatives["period_end"].dropna()]
    if incidents is not None and len(incidents):
        starts.append(incidents["period_start"].dropna())
        ends.append(incidents["period_end"].dropna())
    s = pd.concat(starts)
    e = pd.concat(ends)
    lo = year_from if year_from is not None else (int(s.min().year) if len(s) else 2000)
    hi = (
        (year_to + 1)
        if year_to is not None
        else (int((e.max() - pd.Timedelta(days=1)).year) + 1 if len(e) else lo + 1)
    )
    return lo, max(hi, lo + 1)


def step_px(n_slots: int) -> int:
    return STEP_PX if n_slots <= 24 else STEP_PX_COMPACT


def show_labels(initiatives: pd.DataFrame) -> bool:
    """Titles are drawn on the chart when few enough dated items are shown to fit."""
    return int(initiatives["period_start"].notna().sum()) <= LABEL_LIMIT


def display_domain(
    initiatives: pd.DataFrame,
    incidents: pd.DataFrame | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
    labels: bool = False,
) -> tuple[int, int]:
    """x_domain, widened on the right (unless the analyst set an end year) for titles."""
    lo, hi = x_domain(initiatives, incidents, year_from, year_to)
    if labels and year_to is None:
        label_years = (LABEL_CHARS * CHAR_PX + 10) * (hi - lo) / ASSUMED_WIDTH_PX
        hi += max(1, int(-(-label_years // 1)))
    return lo, hi


# ------------------------------------------------------------------ frames


MARK_COLUMNS = [
    "kind",
    "id",
    "title",
    "label",
    "group",
    "group_label",
    "lane",
    "slot",
    "period_start",
    "period_end",
    "mid",
    "drawn_as",
    "drawn_label",
    "colour_key",
    "colour_label",
    "date_text",
    "partners_text",
    "countries_text",
    "themes_text",
    "footnotes_text",
    "flag_text",
    "flagged",
    "marker",
]
# What the browser needs: the encodings, the filters and the tooltips (not the row keys).
SPEC_COLUMNS = [c for c in MARK_COLUMNS if c not in ("group", "group_label", "lane", "colour_key")]


def timeline_frame(
    initiatives: pd.DataFrame,
    vocab: Vocabulary,
    rows: str = "country",
    colour: str = "family",
    selected_themes: Sequence[str] = (),
    incidents: pd.DataFrame | None = None,
    domain: tuple[int, int] | None = None,
    labels: bool | None = None,
    only_groups: Sequence[str] = (),
    tr: Translator = ENGLISH,
) -> pd.DataFrame:
    """One row per drawn mark (initiative × row, plus incidents), with lanes and slots.

    Undated initiatives are left out. `labels=None` draws titles when at most LABEL_LIMIT
    initiatives are dated. `only_groups` keeps just those rows (e.g. the countries the
    analyst filtered on). Slots are "<group order>|<lane>|<group label>" strings, in
    display order.
    """
    dated = initiatives[initiatives["period_start"].notna()]
    if labels is None:
        labels = len(dated) <= LABEL_LIMIT
    if domain is None:
        domain = x_domain(dated, incidents)
    # Marks, titles and flags are drawn at fixed pixel sizes: lanes keep them apart at the
    # narrowest plot, so they stay apart on every wider one.
    years_per_px = (domain[1] - domain[0]) / NARROWEST_PLOT_PX
    none = tr._(NONE_LISTED)

    records = []
    for r in dated.itertuples(index=False):
        kind = drawn_as(r.start_precision, bool(r.is_span))
        if colour == "theme":
            ckey = primary_theme(r.themes, vocab, selected_themes)
            clabel = vocab.themes.get(ckey, ckey)
        else:
            ckey = colour_family(r.partners, vocab)
            clabel = family_label(ckey, tr)
        flagged = isinstance(r.flag, str)
        label = (f"{FLAG} " if flagged else "") + truncate(r.title) if labels else ""
        base = {
            "kind": "initiative",
            "id": r.id,
            "title": r.title,
            "label": label,
            "period_start": r.period_start,
            "period_end": r.period_end,
            "mid": r.period_start + (r.period_end - r.period_start) / 2,
            "drawn_as": kind,
            "drawn_label": tr._(DRAWN_AS[kind]),
            "colour_key": ckey,
            "colour_label": clabel,
            "date_text": r.date_text,
            "partners_text": ", ".join(vocab.short_names.get(p, p) for p in r.partners) or none,
            "countries_text": ", ".join(vocab.countries.get(c, c) for c in r.countries) or none,
            "themes_text": ", ".join(vocab.themes.get(t, t) for t in r.themes),
            "footnotes_text": footnote_list(r.footnotes),
            "flag_text": r.flag_note if flagged else "",
            "flagged": flagged,
            "marker": FLAG if flagged else "",
        }
        for key, glabel in row_keys(r, rows, vocab, tr):
            records.append({**base, "group": key, "group_label": glabel})

    if incidents is not None and len(incidents):
        for r in incidents[incidents["period_start"].notna()].itertuples(index=False):
            kind = drawn_as(r.start_precision, bool(r.is_span))
            groups = (
                [(r.country, vocab.countries.get(r.country, r.country))]
                if rows == "country"
                else [("~incidents", tr._(INCIDENT_ROW))]
            )
            for key, glabel in groups:
                records.append(
                    {
                        "kind": "incident",
                        "id": r.id,
                        "title": r.title,
                        "label": truncate(r.title) if labels else "",
                        "group": key,
                        "group_label": glabel,
                        "period_start": r.period_start,
                        "period_end": r.period_end,
                        "mid": r.period_start + (r.period_end - r.period_start) / 2,
                        "drawn_as": kind,
                        "drawn_label": tr._(DRAWN_AS[kind]),
                        "colour_key": "incident",
                        "colour_label": tr._(INCIDENT),
                        "date_text": r.date_text,
                        "partners_text": tr._("{place}; killed: {casualties}").format(
                            place=r.place, casualties=r.casualties_text
                        ),
                        "countries_text": vocab.countries.get(r.country, r.country),
                        "themes_text": r.summary,
                        "footnotes_text": footnote_list(r.footnotes),
                        "flag_text": r.note if isinstance(r.note, str) else "",
                        "flagged": False,
                        "marker": "",
                    }
                )

    df = pd.DataFrame(records, columns=[c for c in MARK_COLUMNS if c not in ("lane", "slot")])
    if only_groups:
        df = df[df["group"].isin(set(only_groups) | {"~incidents"})].reset_index(drop=True)
    if df.empty:
        return pd.DataFrame(columns=MARK_COLUMNS)

    # Row groups in display order: incidents first when they have their own row.
    order = row_order(rows, vocab)
    rank = {k: i for i, k in enumerate(order)}
    present = list(dict.fromkeys(df["group"]))
    present.sort(key=lambda k: (-1 if k == "~incidents" else rank.get(k, len(rank)), k))

    lanes = pd.Series(0, index=df.index)
    slots = pd.Series("", index=df.index, dtype=object)
    for gi, group in enumerate(present):
        offset = 0
        for kind in ("incident", "initiative"):
            part = df[(df["group"] == group) & (df["kind"] == kind)]
            if part.empty:
                continue
            intervals = []
            for r in part.itertuples():
                end = _years(r.period_end)
                lo, hi = marker_extent(
                    _years(r.period_start), end, r.kind, r.drawn_as, years_per_px
                )
                if r.label:
                    hi = max(hi, end + (len(r.label) * CHAR_PX + 10) * years_per_px)
                elif r.flagged:
                    hi = max(hi, end + 16 * years_per_px)  # the flag glyph
                intervals.append((lo, hi))
            packed = pack_lanes(intervals, gap=2 * years_per_px)
            for idx, lane in zip(part.index, packed, strict=True):
                lanes[idx] = offset + lane
            offset += max(packed) + 1
        label = df.loc[df["group"] == group, "group_label"].iloc[0].replace("|", "/")
        for idx in df.index[df["group"] == group]:
            slots[idx] = f"{gi:02d}|{lanes[idx]:02d}|{label}"
    df["lane"] = lanes.astype(int)
    df["slot"] = slots
    return df[MARK_COLUMNS].sort_values(["slot", "period_start"]).reset_index(drop=True)


# ------------------------------------------------------------------ chart


def _tooltip(incident: bool = False, tr: Translator = ENGLISH) -> list[alt.Tooltip]:
    if incident:
        return [
            alt.Tooltip("title:N", title=tr._(INCIDENT)),
            alt.Tooltip("date_text:N", title=tr._(DATE_AS_PUBLISHED)),
            alt.Tooltip("drawn_label:N", title=tr._(DRAWN_AS_HEADING)),
            alt.Tooltip("partners_text:N", title=tr._("Place; casualties")),
            alt.Tooltip("themes_text:N", title=tr._("Summary")),
            alt.Tooltip("footnotes_text:N", title=tr._(FOOTNOTES)),
            alt.Tooltip("flag_text:N", title=tr._(NOTE)),
        ]
    return [
        alt.Tooltip("title:N", title=tr._(TITLE_HEADING)),
        alt.Tooltip("date_text:N", title=tr._(DATE_AS_PUBLISHED)),
        alt.Tooltip("drawn_label:N", title=tr._(DRAWN_AS_HEADING)),
        alt.Tooltip("partners_text:N", title=tr._(PARTNERS)),
        alt.Tooltip("countries_text:N", title=tr._(COUNTRIES)),
        alt.Tooltip("themes_text:N", title=tr._(THEMES)),
        alt.Tooltip("footnotes_text:N", title=tr._(FOOTNOTES)),
        alt.Tooltip("flag_text:N", title=f"{FLAG} " + tr._(FLAG_HEADING)),
    ]


def _colour_scale(
    frame: pd.DataFrame, colour: str, tr: Translator = ENGLISH
) -> tuple[alt.Scale, str]:
    ini = frame[frame["kind"] == "initiative"]
    keys = list(dict.fromkeys(ini["colour_key"]))
    if colour == "theme":
        ordered = [k for k in THEME_COLOURS if k in keys] + [
            k for k in keys if k not in THEME_COLOURS
        ]
        palette = THEME_COLOURS
        title = tr._("Theme (a selected theme, else the first in the paper's matrix order)")
    else:
        ordered = [k for k in COLOUR_FAMILY_ORDER if k in keys]
        palette = FAMILY_COLOURS
        title = tr._(PARTNER_FAMILY)
    labels = dict(zip(ini["colour_key"], ini["colour_label"], strict=False))
    domain = [labels[k] for k in ordered]
    rng = [palette.get(k, "#999999") for k in ordered]
    return alt.Scale(domain=domain, range=rng), title


def _category_letters(domain: Sequence[str]) -> dict[str, str]:
    """Colour category -> its letter, in the legend's order (letters repeat past 26)."""
    return {c: CATEGORY_LETTERS[i % len(CATEGORY_LETTERS)] for i, c in enumerate(domain)}


def _letter_expr(value: str, letters: Mapping[str, str], sep: str = "", tail: str = "''") -> str:
    """A Vega expression: `value`'s letter (from `letters`), then `sep` and `tail`."""
    expr = "''"
    for category, letter in reversed(list(letters.items())):
        name = json.dumps(category, ensure_ascii=False)
        expr = f"{value} === {name} ? {json.dumps(letter)} : ({expr})"
    return f"({expr}) + {json.dumps(sep)} + {tail}"


def _room_right(dx: int) -> alt.ExprRef:
    """A title's width limit: the pixels left between its start and the plot's right edge.

    Why: the years are widened for titles assuming a plot ASSUMED_WIDTH_PX wide; on a
    narrower screen a title would run into the edge and be cut mid-word. With this limit
    Vega shortens it to fit and ends it with an ellipsis. (A limit of 0 means "none".)"""
    return alt.ExprRef(expr=f"max(1, width - scale('x', datum.period_end) - {dx + 2})")


def _rows(kind: str, *predicates: dict) -> alt.Chart:
    """A layer drawing the frame's rows of one kind that meet every predicate (Vega-Lite
    field predicates: equal, oneOf, not)."""
    return alt.Chart().transform_filter({"and": [{"field": "kind", "equal": kind}, *predicates]})


def timeline_chart(
    frame: pd.DataFrame,
    colour: str = "family",
    domain: tuple[int, int] | None = None,
    title: str = "",
    subtitle: str | Sequence[str] = "",
    tr: Translator = ENGLISH,
) -> alt.LayerChart:
    """The layered timeline: row shading, spans/bands, points, flags, incidents, labels.
    Axis, legends and tooltips in the translator's language (its Vega locale included)."""
    if domain is None:
        domain = (int(frame["period_start"].min().year), int(frame["period_end"].max().year) + 1)
    slots = sorted(frame["slot"].unique())
    groups = sorted({s.split("|")[0] for s in slots})
    shade = pd.DataFrame(
        {"slot": slots, "odd": [groups.index(s.split("|")[0]) % 2 == 1 for s in slots]}
    )

    x_scale = alt.Scale(
        domain=[
            alt.DateTime(year=domain[0], month=1, date=1),
            alt.DateTime(year=domain[1], month=1, date=1),
        ]
    )
    y = alt.Y(
        "slot:N",
        sort=slots,
        scale=alt.Scale(domain=slots, paddingInner=0, paddingOuter=0),
        axis=alt.Axis(
            title=None,
            labelExpr="split(datum.value, '|')[1] == '00' ? split(datum.value, '|')[2] : ''",
            labelFontSize=FONT_PX + 1,
            labelFontWeight="bold",
            labelLimit=240,
            labelBaseline="top",
            labelOffset=-8,
            ticks=False,
            domain=False,
            labelPadding=8,
            labelOverlap=False,
            labelColor=INK,
        ),
    )
    x_axis = alt.Axis(
        title=None,
        format="%Y",
        tickCount={"interval": "year", "step": 1},
        labelFontSize=FONT_PX,
        orient="top",
        grid=True,
        gridColor="#d0d0d0",
        labelOverlap="greedy",
        labelColor=INK,
    )
    colour_scale, colour_title = _colour_scale(frame, colour, tr)
    tip = _tooltip(tr=tr)

    background = (
        alt.Chart(shade)
        .mark_rect(color="#eef2f7")
        .encode(y=y, opacity=alt.condition("datum.odd", alt.value(1.0), alt.value(0.0)))
    )

    # The marks share one dataset (the frame, sent once) and each layer keeps its rows with
    # a filter: per-layer frames would send most rows two or three times.
    ini = frame[frame["kind"] == "initiative"]
    inc = frame[frame["kind"] == "incident"]
    kinds_present = [k for k in DRAWN_AS if k in set(ini["drawn_as"]) | set(inc["drawn_as"])]
    drawn_title = tr._("Drawn as (date precision)")
    dash = alt.StrokeDash(
        "drawn_label:N",
        title=drawn_title,
        scale=alt.Scale(
            domain=[tr._(DRAWN_AS[k]) for k in kinds_present],
            range=[DRAWN_DASH[k] for k in kinds_present],
        ),
        legend=alt.Legend(
            symbolType="square",
            symbolSize=300,
            symbolStrokeColor=OUTLINE,
            symbolStrokeWidth=1.5,
            symbolFillColor="#d9d9d9",
            orient="bottom",
            direction="vertical",
            titleFontSize=FONT_PX,
            labelFontSize=FONT_PX,
            labelLimit=400,
            titleLimit=400,
        ),
    )
    # The category legend: its colour, then its letter and name
    category_legend = alt.Legend(
        orient="bottom",
        direction="vertical",
        columns=2,
        titleFontSize=FONT_PX,
        labelFontSize=FONT_PX,
        symbolType="square",
        symbolSize=300,
        titleLimit=600,
        labelLimit=400,
        symbolStrokeColor=OUTLINE,
    )
    colour_enc = alt.Color(
        "colour_label:N", title=colour_title, scale=colour_scale, legend=category_legend
    )
    letter_of = _category_letters(colour_scale.domain)
    category_legend.labelExpr = _letter_expr("datum.label", letter_of, " ", "datum.label")
    x = alt.X("period_start:T", scale=x_scale, axis=x_axis)
    x_mid = alt.X("mid:T", scale=x_scale, axis=x_axis)
    x_end = alt.X("period_end:T", scale=x_scale, axis=x_axis)
    bands = (
        _rows("initiative", {"field": "drawn_as", "oneOf": ["span", "month"]})
        .mark_bar(
            height=alt.RelativeBandSize(0.72),
            stroke=OUTLINE,
            strokeWidth=1,
            clip=True,
            opacity=1,
        )
        .encode(x=x, x2="period_end:T", y=y, color=colour_enc, strokeDash=dash, tooltip=tip)
    )
    # Year only: a pale, dash-outlined box over the whole year, with a thin strip of the
    # full colour through its middle so the colour stays readable.
    year_box = (
        _rows("initiative", {"field": "drawn_as", "equal": "year"})
        .mark_bar(
            height=alt.RelativeBandSize(0.72),
            stroke=OUTLINE,
            strokeWidth=1.2,
            clip=True,
            fillOpacity=0.22,
        )
        .encode(x=x, x2="period_end:T", y=y, color=colour_enc, strokeDash=dash, tooltip=tip)
    )
    year_strip = (
        _rows("initiative", {"field": "drawn_as", "equal": "year"})
        .mark_bar(
            height=alt.RelativeBandSize(0.22),
            clip=True,
            opacity=1,
        )
        .encode(x=x, x2="period_end:T", y=y, color=colour_enc, tooltip=tip)
    )
    layers = [background, bands, year_box, year_strip]
    month_px = ASSUMED_WIDTH_PX / ((domain[1] - domain[0]) * 12)
    months = ini[ini["drawn_as"] == "month"]
    if month_px < 6 and len(months):
        # A month is a sliver at this zoom: a visible tick marks where the band is.
        layers.append(
            _rows("initiative", {"field": "drawn_as", "equal": "month"})
            .mark_tick(
                thickness=5,
                size=STEP_PX * 0.72,
                clip=True,
                opacity=1,
                stroke=OUTLINE,
                strokeWidth=0.5,
            )
            .encode(x=x_mid, y=y, color=colour_enc, tooltip=tip)
        )
    layers.append(
        _rows("initiative", {"field": "drawn_as", "equal": "day"})
        .mark_point(
            filled=True,
            size=160,
            stroke=OUTLINE,
            strokeWidth=1,
            opacity=1,
            clip=True,
            shape="circle",
        )
        .encode(x=x_mid, y=y, color=colour_enc, tooltip=tip)
    )
    # The category's letter on a white disc: at the start of a band, on a day's point.
    for drawn, x_at, dx in ((["span", "year"], x, BAND_LETTER_DX), (["month", "day"], x_mid, 0)):
        rows = _rows("initiative", {"field": "drawn_as", "oneOf": drawn}).transform_calculate(
            letter=_letter_expr("datum.colour_label", letter_of)
        )
        layers.append(
            rows.mark_point(
                shape="circle",
                filled=True,
                size=LETTER_DISC,
                fill="#FFFFFF",
                stroke=INK,
                strokeWidth=1,
                opacity=1,
                clip=True,
            ).encode(x=x_at, xOffset=alt.value(dx), y=y, tooltip=tip)
        )
        layers.append(
            rows.mark_text(
                fontSize=LETTER_PX, fontWeight="bold", color=INK, clip=True, dx=dx
            ).encode(x=x_at, y=y, text="letter:N", tooltip=tip)
        )
    # Flag marker right after the mark when titles are off (the title carries it otherwise).
    layers.append(
        _rows("initiative", {"field": "flagged", "equal": True}, {"field": "label", "equal": ""})
        .mark_text(
            align="left",
            dx=3,
            fontSize=FONT_PX + 2,
            color="#111111",
            clip=True,
        )
        .encode(x=x_end, y=y, text="marker:N", tooltip=tip)
    )
    layers.append(
        _rows("initiative", {"not": {"field": "label", "equal": ""}})
        .mark_text(
            align="left",
            dx=5,
            fontSize=FONT_PX,
            color="#111111",
            clip=True,
            baseline="middle",
            limit=_room_right(5),
        )
        .encode(x=x_end, y=y, text="label:N", tooltip=tip)
    )

    if len(inc):
        inc_tip = _tooltip(incident=True, tr=tr)
        layers.append(
            _rows("incident", {"not": {"field": "drawn_as", "equal": "year"}})
            .mark_bar(
                height=alt.RelativeBandSize(0.3),
                color=INCIDENT_COLOUR,
                clip=True,
                opacity=1,
            )
            .encode(x=x, x2="period_end:T", y=y, tooltip=inc_tip)
        )
        layers.append(
            _rows("incident", {"field": "drawn_as", "equal": "year"})
            .mark_bar(
                height=alt.RelativeBandSize(0.3),
                color=INCIDENT_COLOUR,
                clip=True,
                fillOpacity=0.25,
                stroke=INCIDENT_COLOUR,
                strokeDash=[5, 3],
                strokeWidth=1.2,
            )
            .encode(x=x, x2="period_end:T", y=y, tooltip=inc_tip)
        )
        layers.append(
            _rows("incident")
            .mark_point(
                filled=True,
                size=190,
                color=INCIDENT_COLOUR,
                stroke="white",
                strokeWidth=1,
                opacity=1,
                clip=True,
            )
            .encode(
                x=x_mid,
                y=y,
                # Its own field: a shape legend on colour_label would merge with the colour
                # legend (same field) and relabel every partner family as "Incident".
                shape=alt.Shape(
                    "kind:N",
                    title=tr._("Overlay"),
                    scale=alt.Scale(domain=["incident"], range=["diamond"]),
                    legend=alt.Legend(
                        orient="bottom",
                        titleFontSize=FONT_PX,
                        labelFontSize=FONT_PX,
                        symbolFillColor=INCIDENT_COLOUR,
                        symbolSize=220,
                        labelExpr=json.dumps(tr._("Incident (attack)"), ensure_ascii=False),
                        labelLimit=400,
                    ),
                ),
                tooltip=inc_tip,
            )
        )
        layers.append(
            _rows("incident", {"not": {"field": "label", "equal": ""}})
            .mark_text(
                align="left",
                dx=6,
                fontSize=FONT_PX,
                fontStyle="italic",
                color=INCIDENT_COLOUR,
                clip=True,
                limit=_room_right(6),
            )
            .encode(x=x_end, y=y, text="label:N", tooltip=inc_tip)
        )

    # One LayerChart with every property and the config at once: each .properties() or
    # .configure_*() call copies the whole chart, layers and data included.
    props: dict = {
        "height": max(len(slots), 2) * step_px(len(slots)),
        "width": "container",
        # fit-x: the width follows the page, the height stays one step per lane (the
        # default "fit" would squeeze the lanes to make room for the title and legends).
        "autosize": alt.AutoSizeParams(type="fit-x", contains="padding"),
        "config": alt.Config(
            view=alt.ViewConfig(stroke=None),
            legend=alt.LegendConfig(
                padding=8, rowPadding=6, columnPadding=20, labelColor=INK, titleColor=INK
            ),
            locale=tr.vega_locale(),
        ),
    }
    if title:
        props["title"] = alt.TitleParams(
            title,
            subtitle=subtitle or "",
            fontSize=22,
            subtitleFontSize=FONT_PX + 1,
            anchor="start",
            subtitleColor="#333333",
            offset=12,
        )
    return alt.layer(*layers, data=frame[SPEC_COLUMNS], **props)


# ------------------------------------------------------------------ partner summary


def partner_summary_frame(
    initiatives: pd.DataFrame, vocab: Vocabulary, tr: Translator = ENGLISH
) -> pd.DataFrame:
    """Initiatives per (partner family, country), with 'Any …' totals (distinct initiatives).

    An initiative counts once in every family among its partners and every country it lists.
    """
    fam_keys = list(FAMILY_ORDER) + ["none"]
    countries = [c for c in vocab.countries if any(c in cs for cs in initiatives["countries"])]
    has_none = any(not cs for cs in initiatives["countries"])
    col_keys = countries + (["~none"] if has_none else []) + ["~any"]
    # One pass over the initiatives: each adds 1 to every (family, country) cell it belongs
    # to, "~any" included on both axes, so a cell counts distinct initiatives.
    counts: Counter[tuple[str, str]] = Counter()
    for partners, cs in zip(initiatives["partners"], initiatives["countries"], strict=True):
        fams = set(families_of(partners, vocab) or ["none"]) | {"~any"}
        cols = set(cs or ["~none"]) | {"~any"}
        counts.update((f, c) for f in fams for c in cols)
    any_partner, any_country = tr._("Any partner"), tr._("Any country")
    rows = [
        {
            "family": any_partner if f == "~any" else family_label(f, tr),
            "country": (
                any_country
                if c == "~any"
                else tr._(NO_COUNTRY)
                if c == "~none"
                else vocab.countries.get(c, c)
            ),
            "n": counts[(f, c)],
            "total": f == "~any" or c == "~any",
        }
        for f in fam_keys + ["~any"]
        for c in col_keys
    ]
    df = pd.DataFrame(rows)
    used_fams = set(df[(df["country"] == any_country) & (df["n"] > 0)]["family"]) | {any_partner}
    return df[df["family"].isin(used_fams)].reset_index(drop=True)


def partner_summary_chart(
    frame: pd.DataFrame, title: str = "", tr: Translator = ENGLISH
) -> alt.LayerChart:
    """Heatmap of counts with printed numbers; totals in bold on white, zero cells blank."""
    fam_order = list(dict.fromkeys(frame["family"]))
    col_order = list(dict.fromkeys(frame["country"]))
    x = alt.X(
        "country:N",
        sort=col_order,
        title=None,
        axis=alt.Axis(
            orient="top",
            # Slanted, and never thinned out: at 1280 px upright names overlapped and Vega
            # dropped every other column's name.
            labelAngle=-35,
            labelAlign="left",
            labelBaseline="middle",
            labelOverlap=False,
            labelFontSize=FONT_PX,
            labelLimit=200,
            ticks=False,
            domain=False,
            labelPadding=6,
            labelColor=INK,
        ),
    )
    y = alt.Y(
        "family:N",
        sort=fam_order,
        title=None,
        axis=alt.Axis(
            labelFontSize=FONT_PX, labelLimit=220, ticks=False, domain=False, labelColor=INK
        ),
    )
    inner = frame[~frame["total"] & (frame["n"] > 0)]
    cells = (
        alt.Chart(inner)
        .mark_rect(stroke="white", strokeWidth=2)
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "n:Q",
                title=tr._(INITIATIVES),
                scale=alt.Scale(scheme="blues", domainMin=0),
                legend=None,
            ),
            tooltip=[
                alt.Tooltip("family:N", title=tr._(PARTNER_FAMILY)),
                alt.Tooltip("country:N", title=tr._(COUNTRY)),
                alt.Tooltip("n:Q", title=tr._(INITIATIVES)),
            ],
        )
    )
    grid = (
        alt.Chart(frame).mark_rect(fill="white", stroke="#d9dde3", strokeWidth=1).encode(x=x, y=y)
    )
    high = float(inner["n"].max()) if len(inner) else 1.0
    tip = [
        alt.Tooltip("family:N", title=tr._(PARTNER_FAMILY)),
        alt.Tooltip("country:N", title=tr._(COUNTRY)),
        alt.Tooltip("n:Q", title=tr._(INITIATIVES)),
    ]
    text = (
        alt.Chart(frame[(frame["n"] > 0) & ~frame["total"]])
        .mark_text(fontSize=FONT_PX + 1)
        .encode(
            x=x,
            y=y,
            text="n:Q",
            tooltip=tip,
            color=alt.condition(
                f"datum.n > {high * 0.55}", alt.value("white"), alt.value("#111111")
            ),
        )
    )
    totals = (
        alt.Chart(frame[(frame["n"] > 0) & frame["total"]])
        .mark_text(fontSize=FONT_PX + 1, fontWeight="bold", color="#111111")
        .encode(x=x, y=y, text="n:Q", tooltip=tip)
    )
    chart = alt.layer(grid, cells, text, totals).properties(
        height=len(fam_order) * 34, width="container"
    )
    if title:
        chart = chart.properties(
            title=alt.TitleParams(
                title,
                subtitle=tr._(SUMMARY_SOURCE),
                fontSize=20,
                subtitleFontSize=FONT_PX,
                subtitleColor="#333333",
                anchor="start",
            )
        )
    chart = chart.properties(
        autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
        # room on the right for the last column's slanted name
        padding={"left": 5, "top": 5, "bottom": 5, "right": 90},
    )
    return chart.configure_view(stroke=None).configure(locale=tr.vega_locale())


SUMMARY_SOURCE = N_(
    "Source: the paper's initiatives in this view; each cites its own footnotes (see the list)."
)


def summary_title(frame: pd.DataFrame, tr: Translator = ENGLISH) -> str:
    """The busiest international family × country pairing, computed from the counts."""
    domestic = family_label("domestic", tr)
    inner = frame[~frame["total"] & (frame["n"] > 0) & (frame["family"] != domestic)]
    if inner.empty:
        return tr._(WHO_WORKS_WHERE)
    top = inner.sort_values(["n", "family", "country"], ascending=[False, True, True]).iloc[0]
    ties = inner[inner["n"] == top["n"]]
    if len(ties) > 1:
        return tr._(
            "Who works where: {pairs} partner-country pairings tie for most initiatives ({n} each)"
        ).format(pairs=len(ties), n=top["n"])
    return tr._("Who works where: most initiatives pair {family} with {country} ({n})").format(
        family=top["family"], country=top["country"], n=top["n"]
    )


def precision_counts(initiatives: pd.DataFrame) -> Mapping[str, int]:
    kinds = [
        drawn_as(p, bool(s))
        for p, s in zip(initiatives["start_precision"], initiatives["is_span"], strict=True)
    ]
    out: dict[str, int] = {}
    for k in kinds:
        out[k or "undated"] = out.get(k or "undated", 0) + 1
    return out
