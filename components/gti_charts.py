"""Pure Altair builders for the GTI and programme page (Tables 1-3 of the paper).

Every builder takes DataFrames from ``components.data`` (plus the country selection) and
returns a :class:`ChartResult`: the chart, the exact DataFrame it plots (for the "show
data" table and the CSV download) and notes the page prints under it. Nothing here calls
Streamlit or reads a file, and no figure is typed: titles, years and scale bounds are
computed from the data.

Conventions shared by all charts
- GTI scores and changes are shown as printed, with three decimals.
- A fall in a GTI score means less impact of terrorism: an improvement.
- Values computed here (means, totals, implied scores) are labelled "derived" and carry
  their formula; they are drawn hollow with a dashed outline, apart from published values.
- Missing cells (Table 3's '-') are absent from the bars and marked "no figure", never 0.
- Selected countries (the page's picker) get a black outline; the rest are dimmed.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

import altair as alt
import pandas as pd

from components.data import CENTRAL_ASIA, GTI_RANGE
from components.text import change, footnote_label, score
from components.text import join_list as _join
from components.vocab import FLAG as FLAG_GLYPH

# ----------------------------------------------------------------------------- style

# Okabe-Ito (colour-blind safe) for categories; ColorBrewer PuOr (safe) for direction.
CA_COLOUR = "#0072B2"  # blue: Central Asian states / the highlighted region
OTHER_COLOUR = "#A0A0A0"  # grey: other Eurasian countries / other regions
DERIVED_FILL = "#DCE9F5"  # pale blue fill, dashed outline: values computed here
FLAG_COLOUR = "#B04A00"  # dark vermillion: text of flag markers (contrast > 4.5:1)
SELECTED_STROKE = "#000000"
NO_CHANGE_COLOUR = "#8C8C8C"
# (improvement, deterioration) per period: dark shade = the long period, light = the short.
PUOR = {"improve": ("#5E3C99", "#B2ABD2"), "worsen": ("#E66101", "#FDB863")}
ACTIVITY_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"]
# a11y (issue 17): each activity also has a shape, drawn at the foot of its bars and in the
# legend, so colour is never the only way to tell the activities apart
ACTIVITY_SHAPES = ["circle", "square", "triangle-up", "diamond", "cross", "triangle-down"]
PLANNED_OPACITY = 0.3
DIM_OPACITY = 0.3
DASH = [6, 4]

AXIS_FONT = 16  # >= 14 px for the back of the room
TITLE_FONT = 24  # >= 20 px
SUBTITLE_FONT = 17
MARK_FONT = 16
FONT = "sans-serif"
# Characters per line, so titles fit the chart at 1280x720 (about 850 px wide) unclipped.
TITLE_WRAP = 60
SUBTITLE_WRAP = 88

DERIVED = "derived"

# A projector slide (sizes at 1080p; slides.legible raises mark labels to the minimum).
SLIDE_AXIS_FONT = 22
SLIDE_TITLE_FONT = 30
SLIDE_SUBTITLE_FONT = 22
HOVER_HINT = re.compile(r"\s*\(hover[^)]*\)")


def _result(
    key: str,
    chart: alt.TopLevelMixin,
    df: pd.DataFrame,
    title: str,
    subtitle: list[str],
    source: str,
    slide_source: str,
    notes: list[str],
    fns: list[int],
    highlight_view: bool = False,
) -> ChartResult:
    """The chart styled for the page and for a slide, with what is printed around it."""
    return ChartResult(
        key,
        _style(chart, title, subtitle, source, highlight_view),
        df,
        title,
        notes,
        fns,
        slide_chart=_style(chart, title, subtitle, source, highlight_view, slide=True),
        slide_source=slide_source,
    )


@dataclass(frozen=True)
class ChartResult:
    """A chart, the exact frame it plots, and what the page prints around it."""

    key: str  # slug for widget keys and file names
    chart: alt.TopLevelMixin
    data: pd.DataFrame  # exactly what is plotted (CSV and "show data")
    title: str
    notes: list[str] = field(default_factory=list)  # plain text; the page escapes it
    footnotes: list[int] = field(default_factory=list)
    # The same chart re-styled for a projector slide: no source line in the subtitle (the
    # slide prints it), no "hover" hints, slide type sizes; and the slide's source line.
    slide_chart: alt.TopLevelMixin | None = None
    slide_source: str = ""

    def csv(self) -> bytes:
        return self.data.to_csv(index=False).encode("utf-8")

    def spec(self) -> dict:
        """The Vega-Lite spec (validated once here; callers cache it)."""
        return self.chart.to_dict()

    def slide_spec(self) -> dict:
        """The slide's Vega-Lite spec (validated once here; callers cache it)."""
        return (self.slide_chart or self.chart).to_dict()


# ---------------------------------------------------------------------- small helpers


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width=width, break_long_words=False) or [text]


def _years(column: str) -> tuple[str, ...]:
    """'change_2013_2023' -> ('2013', '2023'); 'score_2023' -> ('2023',)."""
    return tuple(re.findall(r"\d{4}", column))


def _period(column: str) -> str:
    return "–".join(_years(column))


def _short_period(column: str) -> str:
    start, end = _years(column)
    return f"{start}–{end[2:]}"


def _footnotes(frame: pd.DataFrame) -> list[int]:
    return sorted({int(n) for ns in frame["footnotes"] for n in ns})


def _tables(frame: pd.DataFrame) -> str:
    return _join(sorted(set(frame["table"])))


def _exact(value: float) -> Decimal:
    """The printed three-decimal value as an exact decimal (no float drift in derivations)."""
    return Decimal(score(value))


def _dec3(value: Decimal) -> str:
    return str(value.quantize(Decimal("0.001"), rounding=ROUND_HALF_UP))


def _dec_change(value: Decimal) -> str:
    q = value.quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)
    return "0.000" if q == 0 else f"{q:+}"


def _direction(value: float) -> str:
    return "improve" if value < 0 else "worsen" if value > 0 else "none"


DIRECTION_TEXT = {
    "improve": "improvement (score fell)",
    "worsen": "deterioration (score rose)",
    "none": "no change",
}


def _verb(value: float, label: str) -> str:
    d = _direction(value)
    return (
        "did not change"
        if d == "none"
        else f"{'fell' if d == 'improve' else 'rose'} by {label.lstrip('+-')}"
    )


def _without_hover(text: str) -> str:
    """'... (hover for details).' -> '...': a slide shows those details beside the chart."""
    return HOVER_HINT.sub("", text)


def _style(
    chart: alt.TopLevelMixin,
    title: str,
    subtitle: Iterable[str],
    source: str,
    highlight_view: bool = False,
    slide: bool = False,
) -> alt.TopLevelMixin:
    """The page's style; with `slide`, the projector's: larger type, no source line (the
    slide prints it under the chart) and no hover hints."""
    axis, mark_title, sub = (
        (SLIDE_AXIS_FONT, SLIDE_TITLE_FONT, SLIDE_SUBTITLE_FONT)
        if slide
        else (AXIS_FONT, TITLE_FONT, SUBTITLE_FONT)
    )
    lines: list[str] = []
    for s in subtitle:
        lines += _wrap(_without_hover(s) if slide else s, SUBTITLE_WRAP)
    if not slide:
        lines += _wrap(source, SUBTITLE_WRAP)
    out = chart.properties(
        # fit-x: the width follows the page; the height is the plot's own (Streamlit's
        # default 'fit' would squeeze title, axes and legend into the plot height).
        autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
        title=alt.TitleParams(
            text=_wrap(title, TITLE_WRAP),
            subtitle=lines,
            anchor="start",
            fontSize=mark_title,
            subtitleFontSize=sub,
            subtitleColor="#333333",
            subtitlePadding=8,
            offset=16,
            font=FONT,
            subtitleFont=FONT,
            color="#111111",
        ),
    )
    return (
        out.configure_axis(
            labelFontSize=axis,
            titleFontSize=axis,
            labelColor="#111111",
            titleColor="#111111",
            labelFont=FONT,
            titleFont=FONT,
            labelLimit=420,
            titlePadding=10,
        )
        .configure_legend(
            labelFontSize=axis,
            titleFontSize=axis,
            labelColor="#111111",
            titleColor="#111111",
            labelLimit=520,
            orient="bottom",
            direction="horizontal",
            columns=0,
            symbolSize=260,
            labelFont=FONT,
            titleFont=FONT,
        )
        .configure_view(
            stroke=SELECTED_STROKE if highlight_view else None,
            strokeWidth=3 if highlight_view else 0,
        )
    )


def _opacity(any_selected: bool, dim: float = DIM_OPACITY) -> alt.OpacityValue | dict:
    if not any_selected:
        return alt.value(1)
    return alt.when("datum.selected").then(alt.value(1)).otherwise(alt.value(dim))


def _selected_stroke(derived_stroke: str | None = None):
    w = alt.when("datum.selected").then(alt.value(SELECTED_STROKE))
    if derived_stroke:
        w = w.when(f"datum.kind === '{DERIVED}'").then(alt.value(derived_stroke))
    return w.otherwise(alt.value(None))


def _selected_stroke_width(derived_width: float = 0):
    w = alt.when("datum.selected").then(alt.value(3))
    if derived_width:
        w = w.when(f"datum.kind === '{DERIVED}'").then(alt.value(derived_width))
    return w.otherwise(alt.value(0))


def _label_axis(title: str | None, bold: Sequence[str], selected_labels: Sequence[str]) -> alt.Axis:
    """Category axis: bold for Central Asian states; grey labels for unselected rows."""
    kw: dict = {"title": title, "labelPadding": 8, "ticks": False, "domain": False}
    if bold:
        kw["labelFontWeight"] = (
            alt.when(f"indexof({json.dumps(list(bold))}, datum.value) >= 0")
            .then(alt.value("bold"))
            .otherwise(alt.value("normal"))
        )
    if selected_labels:
        kw["labelColor"] = (
            alt.when(f"indexof({json.dumps(list(selected_labels))}, datum.value) >= 0")
            .then(alt.value("#000000"))
            .otherwise(alt.value("#767676"))
        )
    return alt.Axis(**kw)


# ------------------------------------------------------------------ query parameter


def parse_countries_param(
    values: Iterable[str], valid: Sequence[str]
) -> tuple[list[str], list[str]]:
    """'TJK,uzb' (or repeated params) -> (valid codes in given order, ignored codes).

    Codes are matched case-insensitively; duplicates are dropped; an ignored code is
    shortened so a hostile URL cannot flood the notice.
    """
    known = {v.upper(): v for v in valid}
    wanted: list[str] = []
    ignored: list[str] = []
    for value in values:
        for raw in str(value).split(","):
            code = raw.strip()
            if not code:
                continue
            if code.upper() in known:
                if known[code.upper()] not in wanted:
                    wanted.append(known[code.upper()])
            elif len(ignored) < 5:
                ignored.append(code[:12])
    return wanted, ignored


def countries_param(selected: Iterable[str]) -> str:
    return ",".join(selected)


# ----------------------------------------------------------------- Table 1: scores


def score_frame(gti: pd.DataFrame, selected: Sequence[str] = ()) -> pd.DataFrame:
    """Table 1's 2023 scores, sorted high to low (ties in the printed order), as plotted."""
    score_col = next(c for c in gti.columns if c.startswith("score_"))
    df = gti.sort_values([score_col, "table_order"], ascending=[False, True]).reset_index(drop=True)
    counts = df[score_col].value_counts()
    rows = []
    for _, r in df.iterrows():
        value = float(r[score_col])
        tied = [
            n
            for n in df.loc[df[score_col] == value, "country_as_printed"]
            if n != r["country_as_printed"]
        ]
        label = score(value)
        if counts[value] > 1:
            label += " (tie)"
        flagged = bool(r["flags"])
        if flagged:
            label += f"  {FLAG_GLYPH} flagged"
        rows.append(
            {
                "rank": len(rows) + 1,
                "iso3": r["iso3"],
                "country": r["country_as_printed"],
                "group": "Central Asian state" if r["central_asia"] else "Other Eurasian country",
                "score_2023": value,
                "score_as_printed": score(value),
                "tie_note": f"Tied with {_join(tied)} at {score(value)}" if tied else "",
                "label": label,
                "flagged": flagged,
                "flag_note": r["flag_note"] if flagged else "",
                "selected": r["iso3"] in set(selected),
                "source": f"{r['table']}, {footnote_label(r['footnotes'])}",
            }
        )
    out = pd.DataFrame(rows).rename(columns={"score_2023": score_col})
    return out


def scores_chart(gti: pd.DataFrame, selected: Sequence[str] = ()) -> ChartResult:
    score_col = next(c for c in gti.columns if c.startswith("score_"))
    year = _years(score_col)[0]
    df = score_frame(gti, selected)
    any_sel = bool(df["selected"].any())
    order = list(df["country"])
    top = df.iloc[0]
    zero = df.loc[df[score_col] == 0, "country"].tolist()
    ca = df[df["group"] == "Central Asian state"]
    title = f"{top['country']} has the highest {year} score ({top['score_as_printed']})"
    if zero:
        title += f"; {_join(zero)} score {score(0)}"
    elif len(ca):
        title += f"; among Central Asian states, {ca.iloc[0]['country']} is highest"
    lo, hi = GTI_RANGE
    subtitle = [
        (
            f"Overall GTI score, {year}: {lo:g} = no impact of terrorism, {hi:g} = highest impact. "
            "Central Asian states in blue and bold."
        ),
    ]
    if df["flagged"].any():
        subtitle.append(f"{FLAG_GLYPH} = flagged by a plausibility check (hover for details).")
    if any_sel:
        subtitle.append("Outlined: countries chosen in the picker.")
    fns = _footnotes(gti)
    source = f"Source: Global Terrorism Index 2024, as compiled in the paper's {_tables(gti)} ({footnote_label(fns)})."

    x_max = float(df[score_col].max())
    domain_hi = max(1.0, float(int(x_max * 1.35) + 1))
    y = alt.Y(
        "country:N",
        sort=order,
        axis=_label_axis(None, list(ca["country"]), list(df.loc[df["selected"], "country"])),
    )
    tooltip = [
        alt.Tooltip("country:N", title="Country"),
        alt.Tooltip("group:N", title="Group"),
        alt.Tooltip(f"{score_col}:Q", format=".3f", title=f"GTI score {year} (out of {hi:g})"),
        alt.Tooltip("tie_note:N", title="Tie"),
        alt.Tooltip("flag_note:N", title="Flag"),
        alt.Tooltip("source:N", title="Source"),
    ]
    base = alt.Chart(df).encode(y=y, tooltip=tooltip)
    bars = base.mark_bar(height={"band": 0.7}).encode(
        x=alt.X(
            f"{score_col}:Q",
            title=f"GTI score {year} ({lo:g}–{hi:g})",
            scale=alt.Scale(domain=[lo, domain_hi]),
            axis=alt.Axis(format=".1f", tickCount=int(domain_hi), labelFlush=True),
        ),
        color=alt.Color(
            "group:N",
            title=None,
            scale=alt.Scale(
                domain=["Central Asian state", "Other Eurasian country"],
                range=[CA_COLOUR, OTHER_COLOUR],
            ),
        ),
        opacity=_opacity(any_sel),
        stroke=_selected_stroke(),
        strokeWidth=_selected_stroke_width(),
    )
    # A zero score gets a visible tick at 0 so it never reads as a missing bar.
    ticks = (
        base.transform_filter(f"datum['{score_col}'] === 0")
        .mark_tick(thickness=4, size=34, orient="vertical")
        .encode(
            x=alt.X(f"{score_col}:Q"),
            color=alt.Color("group:N"),
            opacity=_opacity(any_sel),
        )
    )
    labels = (
        base.transform_filter("!datum.flagged")
        .mark_text(align="left", dx=8, fontSize=MARK_FONT, font=FONT, color="#111111")
        .encode(
            x=alt.X(f"{score_col}:Q"),
            text="label:N",
            opacity=_opacity(any_sel, 0.55),
        )
    )
    flag_text = (
        base.transform_filter("datum.flagged")
        .mark_text(
            align="left", dx=8, fontSize=MARK_FONT, font=FONT, color=FLAG_COLOUR, fontWeight="bold"
        )
        .encode(
            x=alt.X(f"{score_col}:Q"),
            text="label:N",
        )
    )
    chart = alt.layer(bars, ticks, labels, flag_text).properties(
        height=56 * len(df), width="container"
    )
    notes = []
    for _, r in df[df["tie_note"] != ""].drop_duplicates(subset=[score_col]).iterrows():
        tied = df.loc[df[score_col] == r[score_col], "country"].tolist()
        notes.append(f"Tie: {_join(tied)} share the printed score {r['score_as_printed']}.")
    return _result(
        "table1-scores",
        chart,
        df,
        title,
        subtitle,
        source,
        f"Source: Global Terrorism Index 2024, as compiled in the paper's {_tables(gti)}",
        notes,
        fns,
    )


# ---------------------------------------------------------------- changes (T1 + T2)


def _change_cols(frame: pd.DataFrame) -> list[str]:
    """Change columns, longest period first (2013-2023 before 2022-2023)."""
    cols = [c for c in frame.columns if c.startswith("change_")]
    return sorted(cols, key=lambda c: int(_years(c)[0]))


def _change_rows(
    label: str,
    r,
    cols: list[str],
    kind: str,
    selected: bool,
    score_col: str,
    source: str,
    formulas: dict[str, str] | None = None,
    values: dict[str, Decimal] | None = None,
) -> list[dict]:
    rows = []
    for col in cols:
        start = _years(col)[0]
        if values is not None:
            value_dec = values[col]
            printed = _dec_change(value_dec)
            value = float(_dec3(value_dec))
        else:
            value = float(r[col])
            printed = change(value)
        flag = f"implied_{start}_out_of_range"
        flagged = kind != DERIVED and flag in (r.get("flags") or [])
        d = _direction(value)
        long_period = col == cols[0]
        implied = r.get(f"implied_{start}")
        text = f"{printed} ({_short_period(col)})"
        if kind == DERIVED:
            text += " derived"
        if flagged:
            text = f"{FLAG_GLYPH} {text}"
        rows.append(
            {
                "label": label,
                "period": _period(col),
                "change": value,
                "change_as_printed": printed,
                "direction": DIRECTION_TEXT[d],
                "colour_key": "no change"
                if d == "none"
                else f"{DIRECTION_TEXT[d].split(' ')[0]}, {_period(col)}",
                "long_period": long_period,
                "implied_start_score": None
                if implied is None or kind == DERIVED
                else float(implied),
                "implied_note": ""
                if kind == DERIVED
                else (
                    f"derived: {score_col.split('_')[-1]} score {score(r[score_col])} minus change "
                    f"{printed} = {score(implied)}"
                    if implied is not None
                    else ""
                ),
                "kind": kind,
                "formula": (formulas or {}).get(col, ""),
                "flagged": flagged,
                "flag_note": (r.get("flag_note") or "") if flagged else "",
                "selected": selected,
                "text": text,
                "source": source,
            }
        )
    return rows


def _colour_scale(cols: list[str]) -> alt.Scale:
    domain, rng = [], []
    for key, word in (("improve", "improvement"), ("worsen", "deterioration")):
        for i, col in enumerate(cols[:2]):
            domain.append(f"{word}, {_period(col)}")
            rng.append(PUOR[key][min(i, 1)])
    return alt.Scale(domain=domain + ["no change"], range=rng + [NO_CHANGE_COLOUR])


def _changes_layers(
    df: pd.DataFrame,
    cols: list[str],
    order: list[str],
    bold: list[str],
    label_title: str | None,
    any_sel: bool,
    dim: bool = True,
) -> alt.LayerChart:
    """Diverging bars, one pair per row (long period above, short below), zero rule, labels.

    With ``dim`` the rows not selected fade; without it the selection is only outlined.
    """
    any_sel = any_sel and dim
    lo = min(0.0, float(df["change"].min()))
    hi = max(0.0, float(df["change"].max()))
    span = hi - lo or 1.0
    domain = [lo - 0.08 * span, hi + 0.08 * span]
    sel_labels = sorted(set(df.loc[df["selected"], "label"])) if any_sel else []
    y = alt.Y("label:N", sort=order, axis=_label_axis(label_title, bold, sel_labels))
    y_off = alt.YOffset(
        "period:N", sort=[_period(c) for c in cols], scale=alt.Scale(paddingInner=0.12)
    )
    tooltip = [
        alt.Tooltip("label:N", title="Row"),
        alt.Tooltip("period:N", title="Period"),
        alt.Tooltip("change_as_printed:N", title="Change in score (as printed)"),
        alt.Tooltip("direction:N", title="Reading"),
        alt.Tooltip("implied_note:N", title="Implied start score"),
        alt.Tooltip("formula:N", title="Formula (derived rows)"),
        alt.Tooltip("flag_note:N", title="Flag"),
        alt.Tooltip("source:N", title="Source"),
    ]
    base = alt.Chart(df).encode(y=y, yOffset=y_off, tooltip=tooltip)
    x = alt.X(
        "change:Q",
        scale=alt.Scale(domain=domain, nice=False),
        axis=alt.Axis(
            format="+.1f",
            tickCount=8,
            labelFlush=True,
            labelBound=True,
            title="Change in GTI score  (◀ fell = improvement | rose = deterioration ▶)",
        ),
    )
    bars = base.mark_bar(height={"band": 0.9}).encode(
        x=x,
        x2=alt.datum(0),
        color=alt.Color(
            "colour_key:N", title=None, scale=_colour_scale(cols), legend=alt.Legend(columns=2)
        ),
        opacity=_opacity(any_sel),
        fillOpacity=alt.when(f"datum.kind === '{DERIVED}'")
        .then(alt.value(0.45))
        .otherwise(alt.value(1)),
        stroke=_selected_stroke("#333333"),
        strokeWidth=_selected_stroke_width(2),
        strokeDash=alt.when(f"datum.kind === '{DERIVED}'")
        .then(alt.value(DASH))
        .otherwise(alt.value([1, 0])),
    )
    # Zero change: a tick on the zero line, so it never reads as a missing bar.
    ticks = (
        base.transform_filter("datum.change === 0")
        .mark_tick(thickness=4, orient="vertical", color=NO_CHANGE_COLOUR)
        .encode(x=alt.X("change:Q"), opacity=_opacity(any_sel))
    )
    rule = (
        alt.Chart(pd.DataFrame({"zero": [0.0]}))
        .mark_rule(color="#111111", strokeWidth=2)
        .encode(x=alt.X("zero:Q"))
    )
    # Labels sit on the other side of the zero line from their bar, so they never clip.
    neg_or_zero = (
        base.transform_filter("datum.change <= 0")
        .mark_text(align="left", dx=8, fontSize=MARK_FONT - 1, font=FONT, color="#111111")
        .encode(x=alt.datum(0), text="text:N", opacity=_opacity(any_sel, 0.55))
    )
    pos = (
        base.transform_filter("datum.change > 0 && !datum.flagged")
        .mark_text(align="right", dx=-8, fontSize=MARK_FONT - 1, font=FONT, color="#111111")
        .encode(x=alt.datum(0), text="text:N", opacity=_opacity(any_sel, 0.55))
    )
    flagged = (
        base.transform_filter("datum.change > 0 && datum.flagged")
        .mark_text(
            align="right",
            dx=-8,
            fontSize=MARK_FONT - 1,
            font=FONT,
            color=FLAG_COLOUR,
            fontWeight="bold",
        )
        .encode(x=alt.datum(0), text="text:N")
    )
    flagged_neg = (
        base.transform_filter("datum.change <= 0 && datum.flagged")
        .mark_text(
            align="left",
            dx=8,
            fontSize=MARK_FONT - 1,
            font=FONT,
            color=FLAG_COLOUR,
            fontWeight="bold",
        )
        .encode(x=alt.datum(0), text="text:N")
    )
    n_rows = len(order)
    return alt.layer(bars, ticks, rule, neg_or_zero, pos, flagged, flagged_neg).properties(
        height=66 * n_rows, width="container"
    )


def country_change_frame(gti: pd.DataFrame, selected: Sequence[str] = ()) -> pd.DataFrame:
    score_col = next(c for c in gti.columns if c.startswith("score_"))
    cols = _change_cols(gti)
    order = score_frame(gti)["iso3"].tolist()
    df = gti.set_index("iso3").loc[order].reset_index()
    rows = []
    for _, r in df.iterrows():
        src = f"{r['table']}, {footnote_label(r['footnotes'])}"
        for row in _change_rows(
            r["country_as_printed"],
            r,
            cols,
            "published",
            r["iso3"] in set(selected),
            score_col,
            src,
        ):
            rows.append({"iso3": r["iso3"], "central_asia": bool(r["central_asia"]), **row})
    return pd.DataFrame(rows)


def country_changes_chart(gti: pd.DataFrame, selected: Sequence[str] = ()) -> ChartResult:
    cols = _change_cols(gti)
    df = country_change_frame(gti, selected)
    order = list(dict.fromkeys(df["label"]))
    n = len(order)
    long_p, short_p = _period(cols[0]), _period(cols[-1])
    fell_long = df[(df["period"] == long_p) & (df["change"] < 0)]
    rose_short = df[(df["period"] == short_p) & (df["change"] > 0)]
    title = (
        f"{len(fell_long)} of {n} countries' scores fell over {long_p}; "
        f"{len(rose_short)} rose over {short_p}"
    )
    subtitle = [
        (
            f"Change in GTI score: upper bar {long_p}, lower bar {short_p}. A fall = less impact of "
            "terrorism (improvement). Central Asian states in bold."
        ),
    ]
    if df["flagged"].any():
        subtitle.append(
            f"{FLAG_GLYPH} = printed score and change imply an earlier score outside the "
            f"{GTI_RANGE[0]:g}–{GTI_RANGE[1]:g} scale (hover for details)."
        )
    fns = _footnotes(gti)
    source = f"Source: Global Terrorism Index 2024, as compiled in the paper's {_tables(gti)} ({footnote_label(fns)})."
    bold = df.loc[df["central_asia"], "label"].unique().tolist()
    chart = _changes_layers(df, cols, order, bold, None, bool(df["selected"].any()))
    notes = [
        f"{FLAG_GLYPH} {r['label']}, {r['period']}: {r['flag_note']}"
        for _, r in df[df["flagged"]].iterrows()
    ]
    return _result(
        "table1-changes",
        chart,
        df,
        title,
        subtitle,
        source,
        f"Source: Global Terrorism Index 2024, as compiled in the paper's {_tables(gti)}",
        notes,
        fns,
    )


# ----------------------------------------------------------------- Table 2: regions


def _derived_mean(gti: pd.DataFrame, codes: Sequence[str], col: str) -> tuple[Decimal, str]:
    rows = gti.set_index("iso3").loc[list(codes)]
    vals = [_exact(v) for v in rows[col]]
    mean = sum(vals, Decimal(0)) / len(vals)
    fmt = score if col.startswith("score_") else change
    terms = " + ".join(f"({fmt(float(v))})" if v < 0 else fmt(float(v)) for v in vals)
    names = _join(rows["country_as_printed"].tolist())
    formula = (
        f"simple mean of the {gti['table'].iloc[0]} values for {names}: "
        f"({terms}) / {len(vals)} = {mean.normalize():f}, shown to three decimals"
    )
    return mean, formula


def _derived_groups(
    gti: pd.DataFrame, selected: Sequence[str]
) -> list[tuple[str, list[str], bool]]:
    """(label, codes, is_selection) for derived comparison rows."""
    present = [c for c in CENTRAL_ASIA if c in set(gti["iso3"])]
    groups = []
    if present:
        label = f"Central Asia, mean of {len(present)} (derived)"
        groups.append((label, present, False))
    sel = [c for c in gti["iso3"] if c in set(selected)]
    if sel and set(sel) == set(present):
        groups = [(label, present, True)]  # the selection is exactly the Central Asian row
    elif sel:
        groups.append((f"Selected: {', '.join(sel)} (derived)", sel, True))
    return groups


def _missing_note(gti: pd.DataFrame, countries: pd.DataFrame | None) -> str:
    missing = [c for c in CENTRAL_ASIA if c not in set(gti["iso3"])]
    if not missing:
        return ""
    names = missing
    if countries is not None:
        lookup = dict(zip(countries["iso3"], countries["name"], strict=False))
        names = [lookup.get(c, c) for c in missing]
    return f" {_join(names)} {'is' if len(names) == 1 else 'are'} not in {gti['table'].iloc[0]}."


def region_frame(
    regions: pd.DataFrame,
    gti: pd.DataFrame,
    selected: Sequence[str] = (),
    highlight: str = "Eurasia",
    countries: pd.DataFrame | None = None,
) -> pd.DataFrame:
    avg_col = next(c for c in regions.columns if c.startswith("avg_score_"))
    score_col = next(c for c in gti.columns if c.startswith("score_"))
    pub = regions.sort_values([avg_col, "table_order"], ascending=[False, True])
    rows = []
    for _, r in pub.iterrows():
        is_hl = r["region"] == highlight
        rows.append(
            {
                "label": r["region"],
                "kind": "published",
                "category": f"{highlight} (published)" if is_hl else "Other region (published)",
                avg_col: float(r[avg_col]),
                "value_as_printed": score(r[avg_col]),
                "text": score(r[avg_col]),
                "formula": "",
                "selected": False,
                "source": f"{r['table']}, {footnote_label(r['footnotes'])}",
            }
        )
    note = _missing_note(gti, countries)
    for label, codes, is_sel in _derived_groups(gti, selected):
        mean, formula = _derived_mean(gti, codes, score_col)
        rows.append(
            {
                "label": label,
                "kind": DERIVED,
                "category": f"Derived from {gti['table'].iloc[0]} (not published)",
                avg_col: float(_dec3(mean)),
                "value_as_printed": _dec3(mean),
                "text": f"{_dec3(mean)} (derived)",
                "formula": formula + "." + (note if set(codes) <= set(CENTRAL_ASIA) else ""),
                "selected": is_sel,
                "source": f"derived from {gti['table'].iloc[0]}, {footnote_label(_footnotes(gti))}",
            }
        )
    return pd.DataFrame(rows)


def regions_chart(
    regions: pd.DataFrame,
    gti: pd.DataFrame,
    selected: Sequence[str] = (),
    highlight: str = "Eurasia",
    countries: pd.DataFrame | None = None,
) -> ChartResult:
    avg_col = next(c for c in regions.columns if c.startswith("avg_score_"))
    year = _years(avg_col)[0]
    df = region_frame(regions, gti, selected, highlight, countries)
    pub = df[df["kind"] == "published"].reset_index(drop=True)
    n = len(pub)
    rank = (
        int(pub.index[pub["label"] == highlight][0]) + 1 if highlight in set(pub["label"]) else None
    )
    table = _tables(regions)
    if rank == n:
        title = f"{highlight} has the lowest average GTI score of the {n} regions in {table}"
    elif rank == 1:
        title = f"{highlight} has the highest average GTI score of the {n} regions in {table}"
    elif rank:
        title = f"{highlight} ranks {rank} of {n} regions in {table} by average GTI score"
    else:
        title = f"{pub.iloc[0]['label']} has the highest average GTI score in {table}"
    lo, hi = GTI_RANGE
    subtitle = [
        (
            f"Average GTI score {year} ({lo:g}–{hi:g}; higher = more impact of terrorism). {highlight} in blue. "
            f"Hollow dashed bars are derived here as simple means of the {_tables(gti)} country scores (hover "
            "for the formula): they are not published regional averages."
        ),
    ]
    fns = sorted(set(_footnotes(regions)) | set(_footnotes(gti)))
    source = (
        f"Source: Global Terrorism Index 2024, as compiled in the paper's {table} "
        f"({footnote_label(_footnotes(regions))}); derived rows from {_tables(gti)} "
        f"({footnote_label(_footnotes(gti))})."
    )
    order = list(df["label"])
    derived_cat = df.loc[df["kind"] == DERIVED, "category"].unique().tolist()
    cat_domain = [f"{highlight} (published)", "Other region (published)"] + derived_cat
    cat_range = [CA_COLOUR, OTHER_COLOUR] + [DERIVED_FILL] * len(derived_cat)
    x_max = float(df[avg_col].max())
    domain_hi = max(1.0, float(int(x_max * 1.35) + 1))
    tooltip = [
        alt.Tooltip("label:N", title="Row"),
        alt.Tooltip("kind:N", title="Kind"),
        alt.Tooltip(f"{avg_col}:Q", format=".3f", title=f"Average GTI score {year}"),
        alt.Tooltip("formula:N", title="Formula (derived rows)"),
        alt.Tooltip("source:N", title="Source"),
    ]
    y = alt.Y("label:N", sort=order, axis=_label_axis(None, [highlight], []))
    base = alt.Chart(df).encode(y=y, tooltip=tooltip)
    bars = base.mark_bar(height={"band": 0.7}).encode(
        x=alt.X(
            f"{avg_col}:Q",
            title=f"Average GTI score {year} ({lo:g}–{hi:g})",
            scale=alt.Scale(domain=[lo, domain_hi]),
            axis=alt.Axis(format=".1f", tickCount=int(domain_hi), labelFlush=True),
        ),
        color=alt.Color(
            "category:N",
            title=None,
            scale=alt.Scale(domain=cat_domain, range=cat_range),
            legend=alt.Legend(columns=2),
        ),
        stroke=_selected_stroke("#1F3B57"),
        strokeWidth=_selected_stroke_width(2),
        strokeDash=alt.when(f"datum.kind === '{DERIVED}'")
        .then(alt.value(DASH))
        .otherwise(alt.value([1, 0])),
    )
    ticks = (
        base.transform_filter(f"datum['{avg_col}'] === 0")
        .mark_tick(thickness=4, size=34, orient="vertical", color="#333333")
        .encode(x=alt.X(f"{avg_col}:Q"))
    )
    labels = base.mark_text(
        align="left", dx=8, fontSize=MARK_FONT, font=FONT, color="#111111"
    ).encode(x=alt.X(f"{avg_col}:Q"), text="text:N")
    chart = alt.layer(bars, ticks, labels).properties(height=56 * len(df), width="container")
    notes = [
        f"Derived: {r['label']} = {r['formula']}" for _, r in df[df["kind"] == DERIVED].iterrows()
    ]
    slide_source = (
        f"Source: Global Terrorism Index 2024, as compiled in the paper's {table}; "
        f"derived rows from {_tables(gti)}"
    )
    return _result("table2-regions", chart, df, title, subtitle, source, slide_source, notes, fns)


def region_change_frame(
    regions: pd.DataFrame,
    gti: pd.DataFrame,
    selected: Sequence[str] = (),
    countries: pd.DataFrame | None = None,
) -> pd.DataFrame:
    avg_col = next(c for c in regions.columns if c.startswith("avg_score_"))
    cols = _change_cols(regions)
    pub = regions.sort_values([avg_col, "table_order"], ascending=[False, True])
    rows = []
    for _, r in pub.iterrows():
        src = f"{r['table']}, {footnote_label(r['footnotes'])}"
        rows += _change_rows(r["region"], r, cols, "published", False, avg_col, src)
    note = _missing_note(gti, countries)
    for label, codes, is_sel in _derived_groups(gti, selected):
        formulas, values = {}, {}
        for col in cols:
            mean, formula = _derived_mean(gti, codes, col)
            values[col] = mean
            formulas[col] = formula + "." + (note if set(codes) <= set(CENTRAL_ASIA) else "")
        src = f"derived from {gti['table'].iloc[0]}, {footnote_label(_footnotes(gti))}"
        rows += _change_rows(label, {}, cols, DERIVED, is_sel, avg_col, src, formulas, values)
    return pd.DataFrame(rows)


def region_changes_chart(
    regions: pd.DataFrame,
    gti: pd.DataFrame,
    selected: Sequence[str] = (),
    highlight: str = "Eurasia",
    countries: pd.DataFrame | None = None,
) -> ChartResult:
    cols = _change_cols(regions)
    df = region_change_frame(regions, gti, selected, countries)
    order = list(dict.fromkeys(df["label"]))
    long_p, short_p = _period(cols[0]), _period(cols[-1])
    hl = df[(df["label"] == highlight) & (df["kind"] == "published")]
    if len(hl) == len(cols):
        a = hl[hl["period"] == long_p].iloc[0]
        b = hl[hl["period"] == short_p].iloc[0]
        same = _direction(a["change"]) == _direction(b["change"])
        title = (
            f"{highlight}'s average {_verb(a['change'], a['change_as_printed'])} over {long_p} "
            f"{'and' if same else 'but'} {_verb(b['change'], b['change_as_printed'])} over {short_p}"
        )
    else:
        title = f"Change in average GTI score by region, {long_p} and {short_p}"
    subtitle = [
        (
            f"Change in average GTI score, upper bar {long_p}, lower bar {short_p}; a fall means less impact of "
            f"terrorism. Hollow dashed bars: derived here from {_tables(gti)} (hover for the formula)."
        ),
    ]
    fns = sorted(set(_footnotes(regions)) | set(_footnotes(gti)))
    source = (
        f"Source: Global Terrorism Index 2024, as compiled in the paper's {_tables(regions)} "
        f"({footnote_label(_footnotes(regions))}); derived rows from {_tables(gti)} "
        f"({footnote_label(_footnotes(gti))})."
    )
    chart = _changes_layers(
        df, cols, order, [highlight], None, bool(df["selected"].any()), dim=False
    )
    notes = [
        f"{FLAG_GLYPH} {r['label']}, {r['period']}: {r['flag_note']}"
        for _, r in df[df["flagged"]].iterrows()
    ]
    slide_source = (
        f"Source: Global Terrorism Index 2024, as compiled in the paper's "
        f"{_tables(regions)}; derived rows from {_tables(gti)}"
    )
    return _result("table2-changes", chart, df, title, subtitle, source, slide_source, notes, fns)


# ---------------------------------------------------------- Table 3: Astana programme


def short_activity(label: str) -> str:
    """'Counter-propaganda in social networks, creation of video content' -> before the comma."""
    return label.split(",")[0].strip()


def programme_frame(act: pd.DataFrame) -> pd.DataFrame:
    df = act.sort_values(["table_row", "year"]).reset_index(drop=True)
    out = pd.DataFrame(
        {
            "activity_id": df["activity_id"],
            "activity": df["activity_as_printed"],
            "activity_short": df["activity_as_printed"].map(short_activity),
            "year": df["year"].astype(int),
            "status": df["status"],
            "events": df["events"],  # Int64, <NA> where the table prints '-'
            "events_as_printed": [("-" if pd.isna(v) else str(int(v))) for v in df["events"]],
            "note": [
                "no figure printed ('-'): missing, not zero" if pd.isna(v) else ""
                for v in df["events"]
            ],
            "source": [
                f"{t}, {footnote_label(f)}"
                for t, f in zip(df["table"], df["footnotes"], strict=True)
            ],
        }
    )
    return out


def _status_encodings(statuses: list[str]):
    """Actual vs planned: solid fill and outline vs pale fill and dashed outline (one legend)."""
    domain = [s for s in ("actual", "planned") if s in statuses] or statuses
    legend = alt.Legend(
        symbolFillColor="#4D4D4D",
        symbolStrokeColor="#111111",
        symbolStrokeWidth=2,
        symbolType="square",
    )
    fill_opacity = alt.FillOpacity(
        "status:N",
        title="Status",
        sort=domain,
        legend=legend,
        scale=alt.Scale(domain=domain, range=[1, PLANNED_OPACITY][: len(domain)]),
    )
    dash = alt.StrokeDash(
        "status:N",
        title="Status",
        sort=domain,
        legend=legend,
        scale=alt.Scale(domain=domain, range=[[1, 0], DASH][: len(domain)]),
    )
    return fill_opacity, dash


def _planned_shade(band: alt.Chart, years: list[int]) -> alt.Chart:
    """A grey background from the first planned year's band to the end of the last one."""
    # x2Offset: reach past the last offset bar's outline too.
    return band.mark_rect(color="#EDEDED", x2Offset=12).encode(
        x=alt.X("year:O", sort=years, bandPosition=0),
        x2=alt.X2("last", bandPosition=1),
    )


def _planned_years(df: pd.DataFrame) -> list[int]:
    return sorted(df.loc[df["status"] == "planned", "year"].unique().tolist())


def _span(years: Sequence[int]) -> str:
    years = sorted(years)
    return "" if not years else str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"


def programme_chart(act: pd.DataFrame, highlight: bool = False) -> ChartResult:
    df = programme_frame(act)
    acts = list(dict.fromkeys(df["activity_short"]))
    years = sorted(df["year"].unique().tolist())
    planned = _planned_years(df)
    actual = df[(df["status"] == "actual") & df["events"].notna()]
    peak = actual.loc[actual["events"].astype(int).idxmax()]
    later = df[
        (df["activity_id"] == peak["activity_id"])
        & (df["year"] > peak["year"])
        & df["events"].notna()
    ]
    title = (
        f"{peak['activity_short']} peaked in {peak['year']} at {peak['events_as_printed']} events"
    )
    if len(later):
        nxt = later.iloc[0]
        verb = "the plan for" if nxt["status"] == "planned" else "then"
        title += f"; {verb} {nxt['year']} is {nxt['events_as_printed']}"
    gaps = df[df["events"].isna()]
    subtitle = [
        (
            f"Events per year in Astana city, by activity. {_span(planned)} planned (pale, dashed, "
            f"shaded); {_span(sorted(set(years) - set(planned)))} actual."
        ),
    ]
    if len(gaps):
        gap_txt = "; ".join(
            f"{a} in {_join([str(y) for y in g['year']])}"
            for a, g in gaps.groupby("activity_short", sort=False)
        )
        subtitle.append(f"“no figure” = a '-' in the table ({gap_txt}): missing, not zero.")
    if highlight:
        subtitle.append("Kazakhstan (Astana) is selected in the country picker.")
    fns = _footnotes(act)
    source = f"Source: the paper's {_tables(act)}, from Astana's budget programme order ({footnote_label(fns)})."
    colours = alt.Scale(domain=acts, range=ACTIVITY_COLOURS[: len(acts)])
    fill_opacity, dash = _status_encodings(sorted(df["status"].unique().tolist()))
    tooltip = [
        alt.Tooltip("activity:N", title="Activity (as printed)"),
        alt.Tooltip("year:O", title="Year"),
        alt.Tooltip("status:N", title="Status"),
        alt.Tooltip("events_as_printed:N", title="Events (as printed)"),
        alt.Tooltip("note:N", title="Note"),
        alt.Tooltip("source:N", title="Source"),
    ]
    x = alt.X(
        "year:O",
        title=None,
        sort=years,
        scale=alt.Scale(paddingInner=0.18, paddingOuter=0.06),
        axis=alt.Axis(labelAngle=0, labelFontWeight="bold", ticks=False),
    )
    x_off = alt.XOffset("activity_short:N", sort=acts, scale=alt.Scale(paddingInner=0.08))
    y_max = int(actual["events"].max() if len(actual) else df["events"].max())
    band = alt.Chart(pd.DataFrame({"year": planned[:1], "last": planned[-1:]}))
    shade = _planned_shade(band, years)
    shade_text = (
        band.transform_filter(f"datum.year === {planned[0]}" if planned else "false")
        .mark_text(
            align="left",
            baseline="top",
            dx=6,
            dy=6,
            fontSize=MARK_FONT,
            font=FONT,
            fontStyle="italic",
            color="#333333",
        )
        .encode(
            x=alt.X("year:O", sort=years, bandPosition=0),
            y=alt.value(0),
            text=alt.value(f"planned ({_span(planned)})"),
        )
    )
    base = alt.Chart(df).encode(x=x, xOffset=x_off, tooltip=tooltip)
    bars = (
        base.transform_filter("isValid(datum.events)")
        .mark_bar(strokeWidth=2)
        .encode(
            y=alt.Y(
                "events:Q",
                title="Number of events",
                scale=alt.Scale(domain=[0, int(y_max * 1.12)]),
                axis=alt.Axis(format="d"),
            ),
            color=alt.Color(
                "activity_short:N",
                title="Activity",
                scale=colours,
                sort=acts,
                legend=alt.Legend(orient="bottom", columns=2),
            ),
            stroke=alt.Stroke("activity_short:N", scale=colours, sort=acts, legend=None),
            fillOpacity=fill_opacity,
            strokeDash=dash,
        )
    )
    labels = (
        base.transform_filter("isValid(datum.events)")
        .mark_text(baseline="bottom", dy=-4, fontSize=MARK_FONT - 2, font=FONT, color="#111111")
        .encode(y=alt.Y("events:Q"), text="events_as_printed:N")
    )
    glyphs = (  # the activity's shape at the foot of each bar (and in the legend, merged)
        base.transform_filter("isValid(datum.events)")
        .mark_point(filled=True, size=110, fill="#FFFFFF", stroke="#111111", strokeWidth=1.5)
        .encode(
            y=alt.datum(0),
            yOffset=alt.value(-10),
            shape=alt.Shape(
                "activity_short:N",
                title="Activity",
                sort=acts,
                scale=alt.Scale(domain=acts, range=ACTIVITY_SHAPES[: len(acts)]),
                legend=alt.Legend(orient="bottom", columns=2),
            ),
        )
    )
    gap_marks = (
        base.transform_filter("!isValid(datum.events)")
        .mark_text(
            angle=270,
            align="left",
            baseline="middle",
            dx=6,
            fontSize=MARK_FONT - 2,
            font=FONT,
            color="#333333",
            fontStyle="italic",
        )
        .encode(y=alt.datum(0), text=alt.value("no figure ('-')"))
    )
    chart = alt.layer(shade, shade_text, bars, labels, glyphs, gap_marks).properties(
        height=400, width="container"
    )
    notes = [f"{r['activity']}, {r['year']}: {r['note']}." for _, r in gaps.iterrows()]
    slide_source = f"Source: the paper's {_tables(act)}, from Astana's budget programme order"
    return _result(
        "table3-programme", chart, df, title, subtitle, source, slide_source, notes, fns, highlight
    )


def totals_frame(act: pd.DataFrame) -> pd.DataFrame:
    df = programme_frame(act)
    rows = []
    for year, g in df.groupby("year", sort=True):
        have = g[g["events"].notna()]
        miss = g[g["events"].isna()]
        total = int(have["events"].astype(int).sum())
        terms = " + ".join(have["events_as_printed"])
        missing = _join(miss["activity"].tolist())
        formula = f"sum of the printed values: {terms} = {total}"
        if len(miss):
            formula += f"; {missing}: no figure ('-'), not counted"
        rows.append(
            {
                "year": int(year),
                "status": g["status"].iloc[0],
                "total_events": total,
                "kind": DERIVED,
                "activities_counted": len(have),
                "activities_in_table": len(g),
                "complete": not len(miss),
                "text": f"{total}*" if len(miss) else str(total),
                "formula": formula,
                "source": f"derived from {g['source'].iloc[0]}",
            }
        )
    return pd.DataFrame(rows)


def totals_chart(act: pd.DataFrame, highlight: bool = False) -> ChartResult:
    df = totals_frame(act)
    years = df["year"].tolist()
    planned = _planned_years(df)
    actual = df[df["status"] == "actual"]
    peak = (actual if len(actual) else df).sort_values("total_events", ascending=False).iloc[0]
    title = f"All activities together peak in {peak['year']} at {peak['total_events']} events (derived total)"
    incomplete = df[~df["complete"]]
    subtitle = [
        (
            f"Derived here: the total per year is the sum of the printed values in {_tables(act)}, not a "
            "published figure. "
            f"{_span(planned)} planned (pale, dashed)."
        ),
    ]
    if len(incomplete):
        prog = programme_frame(act)
        missing = _join(sorted(set(prog.loc[prog["events"].isna(), "activity"])))
        subtitle.append(
            f"* {_join([str(y) for y in incomplete['year']])}: sums of the printed values only; "
            f"{missing} has no figure ('-') and is not counted."
        )
    if highlight:
        subtitle.append("Kazakhstan (Astana) is selected in the country picker.")
    fns = _footnotes(act)
    source = f"Source: derived from the paper's {_tables(act)} ({footnote_label(fns)})."
    fill_opacity, dash = _status_encodings(sorted(df["status"].unique().tolist()))
    tooltip = [
        alt.Tooltip("year:O", title="Year"),
        alt.Tooltip("status:N", title="Status"),
        alt.Tooltip("total_events:Q", format="d", title="Total events (derived)"),
        alt.Tooltip("formula:N", title="Formula"),
        alt.Tooltip("source:N", title="Source"),
    ]
    base = alt.Chart(df).encode(
        x=alt.X(
            "year:O", title=None, sort=years, axis=alt.Axis(labelAngle=0, labelFontWeight="bold")
        ),
        tooltip=tooltip,
    )
    band = alt.Chart(pd.DataFrame({"year": planned[:1], "last": planned[-1:]}))
    shade = _planned_shade(band, years)
    bars = base.mark_bar(
        width={"band": 0.55}, color="#4D4D4D", stroke="#111111", strokeWidth=2
    ).encode(
        y=alt.Y(
            "total_events:Q",
            title="Total events (derived)",
            scale=alt.Scale(domain=[0, int(df["total_events"].max() * 1.15)]),
            axis=alt.Axis(format="d"),
        ),
        fillOpacity=fill_opacity,
        strokeDash=dash,
    )
    labels = base.mark_text(
        baseline="bottom", dy=-6, fontSize=MARK_FONT, font=FONT, color="#111111"
    ).encode(y=alt.Y("total_events:Q"), text="text:N")
    chart = alt.layer(shade, bars, labels).properties(height=380, width="container")
    notes = [f"{r['year']}: {r['formula']}." for _, r in df.iterrows()]
    slide_source = f"Source: derived from the paper's {_tables(act)}"
    return _result(
        "table3-totals", chart, df, title, subtitle, source, slide_source, notes, fns, highlight
    )
