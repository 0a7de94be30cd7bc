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
from components.i18n import ENGLISH, Translator
from components.text import footnote_label, join_list, score
from components.vocab import (
    ACTIVITY,
    ACTIVITY_AS_PRINTED,
    AS_PRINTED,
    CHANGE_AS_PRINTED,
    COUNTRY,
    EVENTS_AS_PRINTED,
    FLAG_HEADING,
    FLAG_WORD,
    FORMULA,
    GROUP,
    IMPLIED_START_SCORE,
    KIND,
    KIND_LABELS,
    N_,
    NOTE,
    PERIOD,
    READING,
    ROW,
    SOURCE,
    STATUS,
    TIE,
    TOTAL_EVENTS_DERIVED,
    YEAR,
)
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
PLANNED_OPACITY = 0.4  # pale, while the dashed outline stays visible
DIM_OPACITY = 0.3
DASH = [6, 4]

AXIS_FONT = 16  # >= 14 px for the back of the room
TITLE_FONT = 24  # >= 20 px
SUBTITLE_FONT = 17
MARK_FONT = 16
FONT = '"Source Sans", sans-serif'  # the app's own (Streamlit serves it), as its other charts
# Characters per line, so titles fit the chart at 1280x720 (about 850 px wide) unclipped.
TITLE_WRAP = 60
SUBTITLE_WRAP = 88

DERIVED = "derived"
PUBLISHED = "published"
# The words the regions chart's rows, legend and tooltip share (translate at use).
PUBLISHED_REGION = N_("{region} (published)")
OTHER_REGION = N_("Other region (published)")
FORMULA_DERIVED = N_("Formula (derived rows)")

# A projector slide (sizes at 1080p; slides.legible raises mark labels to the minimum).
SLIDE_AXIS_FONT = 22
SLIDE_TITLE_FONT = 30
SLIDE_SUBTITLE_FONT = 22
# "(hover for details)" and its translations: a slide shows those details beside the chart.
HOVER_HINT = re.compile(r"\s*\((hover|при наведении)[^)]*\)")


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
    tr: Translator = ENGLISH,
) -> ChartResult:
    """The chart styled for the page and for a slide, with what is printed around it."""
    return ChartResult(
        key,
        _style(chart, title, subtitle, source, highlight_view, tr=tr),
        df,
        title,
        notes,
        fns,
        slide_chart=_style(chart, title, subtitle, source, highlight_view, slide=True, tr=tr),
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


def _table_no(frame: pd.DataFrame, tr: Translator = ENGLISH) -> str:
    """The table numbers a frame comes from ('Table 1' -> '1'): messages say 'Table {table}',
    so each language declines the word its own way."""
    return join_list(sorted({str(t).split()[-1] for t in frame["table"]}), tr)


def _row_source(table: str, footnotes: Iterable[int], tr: Translator = ENGLISH) -> str:
    """'Table 1, footnotes 36, 37' for one row."""
    return tr._("Table {table}, {footnotes}").format(
        table=str(table).split()[-1], footnotes=footnote_label(footnotes, tr)
    )


def _score(value: float, tr: Translator = ENGLISH) -> str:
    """A GTI score as printed (three decimals): 0.871 / 0,871."""
    return tr.decimal(_exact(value), 3)


def _change(value: float, tr: Translator = ENGLISH) -> str:
    """A printed change with its sign: +0.328 / +0,328; '0.000' unsigned."""
    return tr.signed(_exact(value), 3)


def _as_printed(english: str, russian: object, tr: Translator = ENGLISH) -> str:
    """A verbatim cell of Tables 1-3: as printed in English; in another language quoted
    (“…”) with its translation beside it, marked as one."""
    if tr.lang == ENGLISH.lang:
        return english
    return tr.quote(english, russian if isinstance(russian, str) else None)


def localised(row, field: str, tr: Translator = ENGLISH) -> str:
    """A verbatim cell's text for a chart label: the printed English, or its translation
    (the data's `<field>_ru`) in Russian."""
    ru = row.get(f"{field}_ru") if tr.lang != ENGLISH.lang else None
    return ru if isinstance(ru, str) and ru else row[field]


def _exact(value: float) -> Decimal:
    """The printed three-decimal value as an exact decimal (no float drift in derivations)."""
    return Decimal(score(value))


def _q3(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)


def _dec3(value: Decimal, tr: Translator = ENGLISH) -> str:
    return tr.decimal(_q3(value), 3)


def _dec_change(value: Decimal, tr: Translator = ENGLISH) -> str:
    return tr.signed(_q3(value), 3)


def _exact_text(value: Decimal, tr: Translator = ENGLISH) -> str:
    """A derived value with every digit it has (0.2588), in the language's digits."""
    norm = value.normalize()
    if tr.lang == ENGLISH.lang:
        return f"{norm:f}"
    return tr.decimal(norm, max(0, -norm.as_tuple().exponent))


def _direction(value: float) -> str:
    return "improve" if value < 0 else "worsen" if value > 0 else "none"


NO_CHANGE = N_("no change")
DIRECTION_TEXT = {
    "improve": N_("improvement (score fell)"),
    "worsen": N_("deterioration (score rose)"),
    "none": NO_CHANGE,
}
# Colour legend keys: the direction and the period.
DIRECTION_KEY = {
    "improve": N_("improvement, {period}"),
    "worsen": N_("deterioration, {period}"),
}


def _colour_key(direction: str, period: str, tr: Translator = ENGLISH) -> str:
    if direction == "none":
        return tr._(NO_CHANGE)
    return tr._(DIRECTION_KEY[direction]).format(period=period)


def _verb(value: float, label: str, tr: Translator = ENGLISH) -> str:
    d = _direction(value)
    if d == "none":
        return tr._("did not change")
    by = label.lstrip("+-")
    return (tr._("fell by {value}") if d == "improve" else tr._("rose by {value}")).format(value=by)


def _without_hover(text: str) -> str:
    """'... (hover for details).' -> '...': a slide shows those details beside the chart."""
    return HOVER_HINT.sub("", text)


def flag_note(row, score_col: str, tr: Translator = ENGLISH) -> str:
    """The plausibility flag's note for a Table 1/2 row (components.data._plausibility's
    words), in the session's language with its digits."""
    notes = []
    for flag in row.get("flags") or ():
        year = _years(flag)[0]
        notes.append(
            tr._(
                "Printed score {score} minus printed change {change} implies a {year} score of "
                "{implied}, outside the GTI's {lo}-{hi} scale. Kept as printed."
            ).format(
                score=tr.decimal(_exact(row[score_col]), 3),
                change=tr.decimal(_exact(row[f"change_{year}_2023"]), 3),
                year=year,
                implied=tr.decimal(_exact(row[f"implied_{year}"]), 3),
                lo=f"{GTI_RANGE[0]:g}",
                hi=f"{GTI_RANGE[1]:g}",
            )
        )
    return " ".join(notes)


def _style(
    chart: alt.TopLevelMixin,
    title: str,
    subtitle: Iterable[str],
    source: str,
    highlight_view: bool = False,
    slide: bool = False,
    tr: Translator = ENGLISH,
) -> alt.TopLevelMixin:
    """The page's style; with `slide`, the projector's: larger type, no source line (the
    slide prints it under the chart) and no hover hints. Numbers and dates on axes and in
    tooltips follow the language (config.locale: 0,5 in Russian)."""
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
        out.configure(locale=tr.vega_locale())
        .configure_axis(
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


def _score_x(df: pd.DataFrame, field: str, title: str) -> alt.X:
    """The score axis of a bar chart of GTI scores: from the index's 0 to a third past the
    highest bar (room for its label), whole-number ticks."""
    domain_hi = max(1.0, float(int(float(df[field].max()) * 1.35) + 1))
    return alt.X(
        f"{field}:Q",
        title=title,
        scale=alt.Scale(domain=[GTI_RANGE[0], domain_hi]),
        axis=alt.Axis(format=".1f", tickCount=int(domain_hi), labelFlush=True),
    )


def _printed_tip(field: str, tr: Translator) -> list[alt.Tooltip]:
    """In a translation, the tooltip also quotes the table's cell as printed."""
    if tr.lang == ENGLISH.lang:
        return []
    return [alt.Tooltip(f"{field}:N", title=tr._(AS_PRINTED))]


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


CA_GROUP = N_("Central Asian state")
OTHER_GROUP = N_("Other Eurasian country")
SOURCE_GTI = N_(
    "Source: Global Terrorism Index 2024, as compiled in the paper's Table {table} ({footnotes})."
)
SLIDE_SOURCE_GTI = N_(
    "Source: Global Terrorism Index 2024, as compiled in the paper's Table {table}"
)


def score_frame(
    gti: pd.DataFrame, selected: Sequence[str] = (), tr: Translator = ENGLISH
) -> pd.DataFrame:
    """Table 1's 2023 scores, sorted high to low (ties in the printed order), as plotted.
    `country` is the chart's label (in Russian the translated name); `country_as_printed`
    the table's cell (in Russian quoted, with its marked translation)."""
    score_col = next(c for c in gti.columns if c.startswith("score_"))
    df = gti.sort_values([score_col, "table_order"], ascending=[False, True]).reset_index(drop=True)
    counts = df[score_col].value_counts()
    names = {r["iso3"]: localised(r, "country_as_printed", tr) for r in df.to_dict("records")}
    rows = []
    for r in df.to_dict("records"):
        value = float(r[score_col])
        tied = [names[i] for i in df.loc[df[score_col] == value, "iso3"] if i != r["iso3"]]
        printed = _score(value, tr)
        label = printed
        if counts[value] > 1:
            label = tr._("{value} (tie)").format(value=printed)
        flagged = bool(r["flags"])
        if flagged:
            label += f"  {FLAG_GLYPH} {tr._(FLAG_WORD)}"
        rows.append(
            {
                "rank": len(rows) + 1,
                "iso3": r["iso3"],
                "country": names[r["iso3"]],
                "country_as_printed": _as_printed(
                    r["country_as_printed"], r.get("country_as_printed_ru"), tr
                ),
                "group": tr._(CA_GROUP if r["central_asia"] else OTHER_GROUP),
                "score_2023": value,
                "score_as_printed": printed,
                "tie_note": tr._("Tied with {countries} at {value}").format(
                    countries=join_list(tied, tr), value=printed
                )
                if tied
                else "",
                "label": label,
                "flagged": flagged,
                "flag_note": flag_note(r, score_col, tr) if flagged else "",
                "selected": r["iso3"] in set(selected),
                "source": _row_source(r["table"], r["footnotes"], tr),
            }
        )
    out = pd.DataFrame(rows).rename(columns={"score_2023": score_col})
    return out


def scores_chart(
    gti: pd.DataFrame, selected: Sequence[str] = (), tr: Translator = ENGLISH
) -> ChartResult:
    score_col = next(c for c in gti.columns if c.startswith("score_"))
    year = _years(score_col)[0]
    df = score_frame(gti, selected, tr)
    any_sel = bool(df["selected"].any())
    order = list(df["country"])
    top = df.iloc[0]
    zero = df.loc[df[score_col] == 0, "country"].tolist()
    ca = df[df["group"] == tr._(CA_GROUP)]
    title = tr._("{country} has the highest {year} score ({value})").format(
        country=top["country"], year=year, value=top["score_as_printed"]
    )
    if zero:
        title = tr._("{title}; {countries} score {value}").format(
            title=title, countries=join_list(zero, tr), value=_score(0, tr)
        )
    elif len(ca):
        title = tr._("{title}; among Central Asian states, {country} is highest").format(
            title=title, country=ca.iloc[0]["country"]
        )
    lo, hi = f"{GTI_RANGE[0]:g}", f"{GTI_RANGE[1]:g}"
    subtitle = [
        tr._(
            "Overall GTI score, {year}: {lo} = no impact of terrorism, {hi} = highest impact. "
            "Central Asian states in blue and bold."
        ).format(year=year, lo=lo, hi=hi),
    ]
    if df["flagged"].any():
        subtitle.append(
            tr._("{flag} = flagged by a plausibility check (hover for details).").format(
                flag=FLAG_GLYPH
            )
        )
    if any_sel:
        subtitle.append(tr._("Outlined: countries chosen in the picker."))
    fns = _footnotes(gti)
    table = _table_no(gti, tr)
    source = tr._(SOURCE_GTI).format(table=table, footnotes=footnote_label(fns, tr))

    y = alt.Y(
        "country:N",
        sort=order,
        axis=_label_axis(None, list(ca["country"]), list(df.loc[df["selected"], "country"])),
    )
    tooltip = [
        alt.Tooltip("country:N", title=tr._(COUNTRY)),
        *_printed_tip("country_as_printed", tr),
        alt.Tooltip("group:N", title=tr._(GROUP)),
        alt.Tooltip(
            f"{score_col}:Q",
            format=".3f",
            title=tr._("GTI score {year} (out of {hi})").format(year=year, hi=hi),
        ),
        alt.Tooltip("tie_note:N", title=tr._(TIE)),
        alt.Tooltip("flag_note:N", title=tr._(FLAG_HEADING)),
        alt.Tooltip("source:N", title=tr._(SOURCE)),
    ]
    base = alt.Chart(df).encode(y=y, tooltip=tooltip)
    bars = base.mark_bar(height={"band": 0.7}).encode(
        x=_score_x(
            df, score_col, tr._("GTI score {year} ({lo}–{hi})").format(year=year, lo=lo, hi=hi)
        ),
        color=alt.Color(
            "group:N",
            title=None,
            scale=alt.Scale(
                domain=[tr._(CA_GROUP), tr._(OTHER_GROUP)],
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
        notes.append(
            tr._("Tie: {countries} share the printed score {value}.").format(
                countries=join_list(tied, tr), value=r["score_as_printed"]
            )
        )
    return _result(
        "table1-scores",
        chart,
        df,
        title,
        subtitle,
        source,
        tr._(SLIDE_SOURCE_GTI).format(table=table),
        notes,
        fns,
        tr=tr,
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
    tr: Translator = ENGLISH,
    as_printed: str = "",
) -> list[dict]:
    rows = []
    for col in cols:
        start = _years(col)[0]
        if values is not None:
            value_dec = values[col]
            printed = _dec_change(value_dec, tr)
            value = float(_q3(value_dec))
        else:
            value = float(r[col])
            printed = _change(value, tr)
        flag = f"implied_{start}_out_of_range"
        flagged = kind != DERIVED and flag in (r.get("flags") or [])
        d = _direction(value)
        long_period = col == cols[0]
        implied = r.get(f"implied_{start}")
        text = tr._("{value} ({period})").format(value=printed, period=_short_period(col))
        if kind == DERIVED:
            text = tr._("{text} derived").format(text=text)
        if flagged:
            text = f"{FLAG_GLYPH} {text}"
        rows.append(
            {
                "label": label,
                "label_as_printed": as_printed,
                "period": _period(col),
                "change": value,
                "change_as_printed": printed,
                "direction": tr._(DIRECTION_TEXT[d]),
                "colour_key": _colour_key(d, _period(col), tr),
                "long_period": long_period,
                "implied_start_score": None
                if implied is None or kind == DERIVED
                else float(implied),
                "implied_note": ""
                if kind == DERIVED
                else (
                    tr._("derived: {year} score {score} minus change {change} = {implied}").format(
                        year=score_col.split("_")[-1],
                        score=_score(r[score_col], tr),
                        change=printed,
                        implied=_score(implied, tr),
                    )
                    if implied is not None
                    else ""
                ),
                "kind": kind,
                "formula": (formulas or {}).get(col, ""),
                "flagged": flagged,
                "flag_note": flag_note(r, score_col, tr) if flagged else "",
                "selected": selected,
                "text": text,
                "source": source,
            }
        )
    return rows


def _colour_scale(cols: list[str], tr: Translator = ENGLISH) -> alt.Scale:
    domain, rng = [], []
    for key in ("improve", "worsen"):
        for i, col in enumerate(cols[:2]):
            domain.append(_colour_key(key, _period(col), tr))
            rng.append(PUOR[key][min(i, 1)])
    return alt.Scale(domain=domain + [tr._(NO_CHANGE)], range=rng + [NO_CHANGE_COLOUR])


def _changes_layers(
    df: pd.DataFrame,
    cols: list[str],
    order: list[str],
    bold: list[str],
    label_title: str | None,
    any_sel: bool,
    dim: bool = True,
    tr: Translator = ENGLISH,
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
        alt.Tooltip("label:N", title=tr._(ROW)),
        *_printed_tip("label_as_printed", tr),
        alt.Tooltip("period:N", title=tr._(PERIOD)),
        alt.Tooltip("change_as_printed:N", title=tr._(CHANGE_AS_PRINTED)),
        alt.Tooltip("direction:N", title=tr._(READING)),
        alt.Tooltip("implied_note:N", title=tr._(IMPLIED_START_SCORE)),
        alt.Tooltip("formula:N", title=tr._(FORMULA_DERIVED)),
        alt.Tooltip("flag_note:N", title=tr._(FLAG_HEADING)),
        alt.Tooltip("source:N", title=tr._(SOURCE)),
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
            title=tr._("Change in GTI score  (◀ fell = improvement | rose = deterioration ▶)"),
        ),
    )
    bars = base.mark_bar(height={"band": 0.9}).encode(
        x=x,
        x2=alt.datum(0),
        color=alt.Color(
            "colour_key:N", title=None, scale=_colour_scale(cols, tr), legend=alt.Legend(columns=2)
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


def country_change_frame(
    gti: pd.DataFrame, selected: Sequence[str] = (), tr: Translator = ENGLISH
) -> pd.DataFrame:
    score_col = next(c for c in gti.columns if c.startswith("score_"))
    cols = _change_cols(gti)
    order = score_frame(gti)["iso3"].tolist()
    df = gti.set_index("iso3").loc[order].reset_index()
    rows = []
    for r in df.to_dict("records"):
        src = _row_source(r["table"], r["footnotes"], tr)
        for row in _change_rows(
            localised(r, "country_as_printed", tr),
            r,
            cols,
            PUBLISHED,
            r["iso3"] in set(selected),
            score_col,
            src,
            tr=tr,
            as_printed=_as_printed(r["country_as_printed"], r.get("country_as_printed_ru"), tr),
        ):
            rows.append({"iso3": r["iso3"], "central_asia": bool(r["central_asia"]), **row})
    return pd.DataFrame(rows)


def country_changes_chart(
    gti: pd.DataFrame, selected: Sequence[str] = (), tr: Translator = ENGLISH
) -> ChartResult:
    cols = _change_cols(gti)
    df = country_change_frame(gti, selected, tr)
    order = list(dict.fromkeys(df["label"]))
    n = len(order)
    long_p, short_p = _period(cols[0]), _period(cols[-1])
    fell_long = df[(df["period"] == long_p) & (df["change"] < 0)]
    rose_short = df[(df["period"] == short_p) & (df["change"] > 0)]
    title = tr.n_(
        "{fell} of {n} country's scores fell over {long}; {rose} rose over {short}",
        "{fell} of {n} countries' scores fell over {long}; {rose} rose over {short}",
        n,
    ).format(fell=len(fell_long), n=n, long=long_p, rose=len(rose_short), short=short_p)
    subtitle = [
        tr._(
            "Change in GTI score: upper bar {long}, lower bar {short}. A fall = less impact of "
            "terrorism (improvement). Central Asian states in bold."
        ).format(long=long_p, short=short_p),
    ]
    if df["flagged"].any():
        subtitle.append(
            tr._(
                "{flag} = printed score and change imply an earlier score outside the "
                "{lo}–{hi} scale (hover for details)."
            ).format(flag=FLAG_GLYPH, lo=f"{GTI_RANGE[0]:g}", hi=f"{GTI_RANGE[1]:g}")
        )
    fns = _footnotes(gti)
    table = _table_no(gti, tr)
    source = tr._(SOURCE_GTI).format(table=table, footnotes=footnote_label(fns, tr))
    bold = df.loc[df["central_asia"], "label"].unique().tolist()
    chart = _changes_layers(df, cols, order, bold, None, bool(df["selected"].any()), tr=tr)
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
        tr._(SLIDE_SOURCE_GTI).format(table=table),
        notes,
        fns,
        tr=tr,
    )


# ----------------------------------------------------------------- Table 2: regions


def _derived_mean(
    gti: pd.DataFrame, codes: Sequence[str], col: str, tr: Translator = ENGLISH
) -> tuple[Decimal, str]:
    rows = gti.set_index("iso3").loc[list(codes)].reset_index()
    vals = [_exact(v) for v in rows[col]]
    mean = sum(vals, Decimal(0)) / len(vals)
    fmt = _score if col.startswith("score_") else _change
    terms = " + ".join(f"({fmt(float(v), tr)})" if v < 0 else fmt(float(v), tr) for v in vals)
    names = join_list([localised(r, "country_as_printed", tr) for r in rows.to_dict("records")], tr)
    formula = tr._(
        "simple mean of the Table {table} values for {names}: ({terms}) / {n} = {mean}, "
        "shown to three decimals"
    ).format(
        table=_table_no(gti.iloc[:1], tr),
        names=names,
        terms=terms,
        n=len(vals),
        mean=_exact_text(mean, tr),
    )
    return mean, formula


def _derived_groups(
    gti: pd.DataFrame, selected: Sequence[str], tr: Translator = ENGLISH
) -> list[tuple[str, list[str], bool]]:
    """(label, codes, is_selection) for derived comparison rows."""
    present = [c for c in CENTRAL_ASIA if c in set(gti["iso3"])]
    groups = []
    if present:
        label = tr._("Central Asia, mean of {n} (derived)").format(n=len(present))
        groups.append((label, present, False))
    sel = [c for c in gti["iso3"] if c in set(selected)]
    if sel and set(sel) == set(present):
        groups = [(label, present, True)]  # the selection is exactly the Central Asian row
    elif sel:
        groups.append((tr._("Selected: {codes} (derived)").format(codes=", ".join(sel)), sel, True))
    return groups


def _with_note(formula: str, codes: Sequence[str], note: str) -> str:
    """A derived row's formula, closed; a Central Asian average also says which states
    have no score (`_missing_note`)."""
    return formula + "." + (note if set(codes) <= set(CENTRAL_ASIA) else "")


def _derived_source(table: str, gti: pd.DataFrame, tr: Translator = ENGLISH) -> str:
    """A derived row's source: 'derived from Table 1, footnotes 36, 37'."""
    return tr._("derived from Table {table}, {footnotes}").format(
        table=table, footnotes=footnote_label(_footnotes(gti), tr)
    )


def _missing_note(
    gti: pd.DataFrame, countries: pd.DataFrame | None, tr: Translator = ENGLISH
) -> str:
    missing = [c for c in CENTRAL_ASIA if c not in set(gti["iso3"])]
    if not missing:
        return ""
    names = missing
    if countries is not None:
        lookup = dict(zip(countries["iso3"], countries["name"], strict=False))
        names = [lookup.get(c, c) for c in missing]
    return " " + tr.n_(
        "{names} is not in Table {table}.", "{names} are not in Table {table}.", len(names)
    ).format(names=join_list(names, tr), table=_table_no(gti.iloc[:1], tr))


def _region_name(r, tr: Translator = ENGLISH) -> str:
    return localised(r, "region", tr)


def region_frame(
    regions: pd.DataFrame,
    gti: pd.DataFrame,
    selected: Sequence[str] = (),
    highlight: str = "Eurasia",
    countries: pd.DataFrame | None = None,
    tr: Translator = ENGLISH,
) -> pd.DataFrame:
    """Table 2 as plotted, with derived means of Table 1 rows. `highlight` is a region as
    printed; `label` is the chart's (translated) name, `label_as_printed` the cell."""
    avg_col = next(c for c in regions.columns if c.startswith("avg_score_"))
    score_col = next(c for c in gti.columns if c.startswith("score_"))
    pub = regions.sort_values([avg_col, "table_order"], ascending=[False, True])
    table = _table_no(gti.iloc[:1], tr)
    rows = []
    for r in pub.to_dict("records"):
        is_hl = r["region"] == highlight
        name = _region_name(r, tr)
        rows.append(
            {
                "label": name,
                "label_as_printed": _as_printed(r["region"], r.get("region_ru"), tr),
                "kind": PUBLISHED,
                "kind_label": tr._(KIND_LABELS[PUBLISHED]),
                "category": tr._(PUBLISHED_REGION).format(region=name)
                if is_hl
                else tr._(OTHER_REGION),
                avg_col: float(r[avg_col]),
                "value_as_printed": _score(r[avg_col], tr),
                "text": _score(r[avg_col], tr),
                "formula": "",
                "selected": False,
                "source": _row_source(r["table"], r["footnotes"], tr),
            }
        )
    note = _missing_note(gti, countries, tr)
    for label, codes, is_sel in _derived_groups(gti, selected, tr):
        mean, formula = _derived_mean(gti, codes, score_col, tr)
        rows.append(
            {
                "label": label,
                "label_as_printed": "",
                "kind": DERIVED,
                "kind_label": tr._(KIND_LABELS[DERIVED]),
                "category": tr._("Derived from Table {table} (not published)").format(table=table),
                avg_col: float(_q3(mean)),
                "value_as_printed": _dec3(mean, tr),
                "text": tr._("{value} (derived)").format(value=_dec3(mean, tr)),
                "formula": _with_note(formula, codes, note),
                "selected": is_sel,
                "source": _derived_source(table, gti, tr),
            }
        )
    return pd.DataFrame(rows)


def regions_chart(
    regions: pd.DataFrame,
    gti: pd.DataFrame,
    selected: Sequence[str] = (),
    highlight: str = "Eurasia",
    countries: pd.DataFrame | None = None,
    tr: Translator = ENGLISH,
) -> ChartResult:
    avg_col = next(c for c in regions.columns if c.startswith("avg_score_"))
    year = _years(avg_col)[0]
    df = region_frame(regions, gti, selected, highlight, countries, tr)
    hl = {r["region"]: _region_name(r, tr) for r in regions.to_dict("records")}.get(
        highlight, highlight
    )
    pub = df[df["kind"] == PUBLISHED].reset_index(drop=True)
    n = len(pub)
    rank = int(pub.index[pub["label"] == hl][0]) + 1 if hl in set(pub["label"]) else None
    table = _table_no(regions, tr)
    words = {"region": hl, "n": n, "table": table}
    if rank == n:
        title = tr.n_(
            "{region} has the lowest average GTI score of the {n} region in Table {table}",
            "{region} has the lowest average GTI score of the {n} regions in Table {table}",
            n,
        ).format(**words)
    elif rank == 1:
        title = tr.n_(
            "{region} has the highest average GTI score of the {n} region in Table {table}",
            "{region} has the highest average GTI score of the {n} regions in Table {table}",
            n,
        ).format(**words)
    elif rank:
        title = tr.n_(
            "{region} ranks {rank} of {n} region in Table {table} by average GTI score",
            "{region} ranks {rank} of {n} regions in Table {table} by average GTI score",
            n,
        ).format(rank=rank, **words)
    else:
        title = tr._("{region} has the highest average GTI score in Table {table}").format(
            region=pub.iloc[0]["label"], table=table
        )
    lo, hi = f"{GTI_RANGE[0]:g}", f"{GTI_RANGE[1]:g}"
    gti_table = _table_no(gti, tr)
    subtitle = [
        tr._(
            "Average GTI score {year} ({lo}–{hi}; higher = more impact of terrorism). {region} in "
            "blue. Hollow dashed bars are derived here as simple means of the Table {table} "
            "country scores (hover for the formula): they are not published regional averages."
        ).format(year=year, lo=lo, hi=hi, region=hl, table=gti_table),
    ]
    fns, source, slide_source = _derived_sources(regions, gti, table, gti_table, tr)
    order = list(df["label"])
    derived_cat = df.loc[df["kind"] == DERIVED, "category"].unique().tolist()
    cat_domain = [
        tr._(PUBLISHED_REGION).format(region=hl),
        tr._(OTHER_REGION),
    ] + derived_cat
    cat_range = [CA_COLOUR, OTHER_COLOUR] + [DERIVED_FILL] * len(derived_cat)
    tooltip = [
        alt.Tooltip("label:N", title=tr._(ROW)),
        *_printed_tip("label_as_printed", tr),
        alt.Tooltip("kind_label:N" if tr.lang != ENGLISH.lang else "kind:N", title=tr._(KIND)),
        alt.Tooltip(
            f"{avg_col}:Q", format=".3f", title=tr._("Average GTI score {year}").format(year=year)
        ),
        alt.Tooltip("formula:N", title=tr._(FORMULA_DERIVED)),
        alt.Tooltip("source:N", title=tr._(SOURCE)),
    ]
    y = alt.Y("label:N", sort=order, axis=_label_axis(None, [hl], []))
    base = alt.Chart(df).encode(y=y, tooltip=tooltip)
    bars = base.mark_bar(height={"band": 0.7}).encode(
        x=_score_x(
            df,
            avg_col,
            tr._("Average GTI score {year} ({lo}–{hi})").format(year=year, lo=lo, hi=hi),
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
        tr._("Derived: {label} = {formula}").format(label=r["label"], formula=r["formula"])
        for _, r in df[df["kind"] == DERIVED].iterrows()
    ]
    return _result(
        "table2-regions", chart, df, title, subtitle, source, slide_source, notes, fns, tr=tr
    )


SOURCE_DERIVED = N_(
    "Source: Global Terrorism Index 2024, as compiled in the paper's Table {table} "
    "({footnotes}); derived rows from Table {gti_table} ({gti_footnotes})."
)
SLIDE_SOURCE_DERIVED = N_(
    "Source: Global Terrorism Index 2024, as compiled in the paper's Table {table}; "
    "derived rows from Table {gti_table}"
)


def _derived_sources(
    regions: pd.DataFrame, gti: pd.DataFrame, table: str, gti_table: str, tr: Translator
) -> tuple[list[int], str, str]:
    """A Table 2 chart with rows derived from Table 1: its footnotes, source line and
    slide source line."""
    fns = sorted(set(_footnotes(regions)) | set(_footnotes(gti)))
    source = tr._(SOURCE_DERIVED).format(
        table=table,
        footnotes=footnote_label(_footnotes(regions), tr),
        gti_table=gti_table,
        gti_footnotes=footnote_label(_footnotes(gti), tr),
    )
    return fns, source, tr._(SLIDE_SOURCE_DERIVED).format(table=table, gti_table=gti_table)


def region_change_frame(
    regions: pd.DataFrame,
    gti: pd.DataFrame,
    selected: Sequence[str] = (),
    countries: pd.DataFrame | None = None,
    tr: Translator = ENGLISH,
) -> pd.DataFrame:
    avg_col = next(c for c in regions.columns if c.startswith("avg_score_"))
    cols = _change_cols(regions)
    pub = regions.sort_values([avg_col, "table_order"], ascending=[False, True])
    rows = []
    for r in pub.to_dict("records"):
        src = _row_source(r["table"], r["footnotes"], tr)
        rows += _change_rows(
            _region_name(r, tr),
            r,
            cols,
            PUBLISHED,
            False,
            avg_col,
            src,
            tr=tr,
            as_printed=_as_printed(r["region"], r.get("region_ru"), tr),
        )
    note = _missing_note(gti, countries, tr)
    table = _table_no(gti.iloc[:1], tr)
    for label, codes, is_sel in _derived_groups(gti, selected, tr):
        formulas, values = {}, {}
        for col in cols:
            mean, formula = _derived_mean(gti, codes, col, tr)
            values[col] = mean
            formulas[col] = _with_note(formula, codes, note)
        src = _derived_source(table, gti, tr)
        rows += _change_rows(
            label, {}, cols, DERIVED, is_sel, avg_col, src, formulas, values, tr=tr
        )
    return pd.DataFrame(rows)


def region_changes_chart(
    regions: pd.DataFrame,
    gti: pd.DataFrame,
    selected: Sequence[str] = (),
    highlight: str = "Eurasia",
    countries: pd.DataFrame | None = None,
    tr: Translator = ENGLISH,
) -> ChartResult:
    cols = _change_cols(regions)
    df = region_change_frame(regions, gti, selected, countries, tr)
    order = list(dict.fromkeys(df["label"]))
    long_p, short_p = _period(cols[0]), _period(cols[-1])
    names = {r["region"]: _region_name(r, tr) for r in regions.to_dict("records")}
    hl_name = names.get(highlight, highlight)
    hl = df[(df["label"] == hl_name) & (df["kind"] == PUBLISHED)]
    if len(hl) == len(cols):
        a = hl[hl["period"] == long_p].iloc[0]
        b = hl[hl["period"] == short_p].iloc[0]
        same = _direction(a["change"]) == _direction(b["change"])
        msg = (
            tr._("{region}'s average {first} over {long} and {second} over {short}")
            if same
            else tr._("{region}'s average {first} over {long} but {second} over {short}")
        )
        title = msg.format(
            region=hl_name,
            first=_verb(a["change"], a["change_as_printed"], tr),
            long=long_p,
            second=_verb(b["change"], b["change_as_printed"], tr),
            short=short_p,
        )
    else:
        title = tr._("Change in average GTI score by region, {long} and {short}").format(
            long=long_p, short=short_p
        )
    gti_table = _table_no(gti, tr)
    subtitle = [
        tr._(
            "Change in average GTI score, upper bar {long}, lower bar {short}; a fall means less "
            "impact of terrorism. Hollow dashed bars: derived here from Table {table} (hover for "
            "the formula)."
        ).format(long=long_p, short=short_p, table=gti_table),
    ]
    table = _table_no(regions, tr)
    fns, source, slide_source = _derived_sources(regions, gti, table, gti_table, tr)
    chart = _changes_layers(
        df, cols, order, [hl_name], None, bool(df["selected"].any()), dim=False, tr=tr
    )
    notes = [
        f"{FLAG_GLYPH} {r['label']}, {r['period']}: {r['flag_note']}"
        for _, r in df[df["flagged"]].iterrows()
    ]
    return _result(
        "table2-changes", chart, df, title, subtitle, source, slide_source, notes, fns, tr=tr
    )


# ---------------------------------------------------------- Table 3: Astana programme


def short_activity(label: str) -> str:
    """'Counter-propaganda in social networks, creation of video content' -> before the comma."""
    return label.split(",")[0].strip()


STATUS_LABELS = {"current": N_("current"), "planned": N_("planned")}
NO_FIGURE = N_("no figure ('-')")


def programme_frame(act: pd.DataFrame, tr: Translator = ENGLISH) -> pd.DataFrame:
    """Table 3 in long form, as plotted. `activity` is the table's cell (in Russian quoted
    with its marked translation); `activity_short` the chart's label (translated)."""
    df = act.sort_values(["table_row", "year"]).reset_index(drop=True)
    records = df.to_dict("records")
    out = pd.DataFrame(
        {
            "activity_id": df["activity_id"],
            "activity": [
                _as_printed(r["activity_as_printed"], r.get("activity_as_printed_ru"), tr)
                for r in records
            ],
            "activity_short": [
                short_activity(localised(r, "activity_as_printed", tr)) for r in records
            ],
            "year": df["year"].astype(int),
            "status": df["status"],
            "status_label": [tr._(STATUS_LABELS.get(v, v)) for v in df["status"]],
            "events": df["events"],  # Int64, <NA> where the table prints '-'
            "events_as_printed": [
                ("-" if pd.isna(v) else tr.integer(int(v))) for v in df["events"]
            ],
            "note": [
                tr._("no figure printed ('-'): missing, not zero") if pd.isna(v) else ""
                for v in df["events"]
            ],
            "source": [_row_source(r["table"], r["footnotes"], tr) for r in records],
        }
    )
    return out


def _status_encodings(statuses: list[str], tr: Translator = ENGLISH):
    """Current vs planned: solid vs pale, with a solid vs dashed outline (one legend). Pale
    is `opacity`, not `fillOpacity`: Vega-Lite draws a fillOpacity legend's swatches all
    alike, so the legend did not tell the two apart."""
    domain = [tr._(STATUS_LABELS[s]) for s in ("current", "planned") if s in statuses] or statuses
    field = _status_field(tr)
    legend = alt.Legend(
        symbolFillColor="#4D4D4D",
        symbolStrokeColor="#111111",
        symbolStrokeWidth=2,
        symbolType="square",
    )
    pale = alt.Opacity(
        f"{field}:N",
        title=tr._(STATUS),
        sort=domain,
        legend=legend,
        scale=alt.Scale(domain=domain, range=[1, PLANNED_OPACITY][: len(domain)]),
    )
    dash = alt.StrokeDash(
        f"{field}:N",
        title=tr._(STATUS),
        sort=domain,
        legend=legend,
        scale=alt.Scale(domain=domain, range=[[1, 0], DASH][: len(domain)]),
    )
    return pale, dash


# Two legend columns fit beside the status legend at 1280 px while the two columns' longest
# labels stay within this many characters (English: 26 + 37); longer ones (Russian) stack.
LEGEND_2COL_CHARS = 66


def _legend_columns(labels: Sequence[str]) -> int:
    widest = [max((len(x) for x in labels[i::2]), default=0) for i in (0, 1)]
    return 2 if sum(widest) <= LEGEND_2COL_CHARS else 1


def _int_format(tr: Translator) -> str:
    """Event counts on an axis: '2800' as the paper prints; grouped in Russian, '2 800',
    like the figures on the bars (tr.integer)."""
    return "d" if tr.lang == ENGLISH.lang else ",d"


def _status_field(tr: Translator) -> str:
    """The status column a chart shows: the code is already English; others its label."""
    return "status" if tr.lang == ENGLISH.lang else "status_label"


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


SOURCE_PROGRAMME = N_(
    "Source: the paper's Table {table}, from Astana's budget programme order ({footnotes})."
)
SLIDE_SOURCE_PROGRAMME = N_(
    "Source: the paper's Table {table}, from Astana's budget programme order"
)
KAZ_SELECTED = N_("Kazakhstan (Astana) is selected in the country picker.")


def programme_chart(
    act: pd.DataFrame, highlight: bool = False, tr: Translator = ENGLISH
) -> ChartResult:
    df = programme_frame(act, tr)
    acts = list(dict.fromkeys(df["activity_short"]))
    years = sorted(df["year"].unique().tolist())
    planned = _planned_years(df)
    current = df[(df["status"] == "current") & df["events"].notna()]
    if current.empty:  # every current cell a '-': no peak to headline, and no error
        title, later = tr._("Astana's prevention programme: no current figure is printed"), ()
    else:
        peak = current.loc[current["events"].astype(int).idxmax()]
        later = df[
            (df["activity_id"] == peak["activity_id"])
            & (df["year"] > peak["year"])
            & df["events"].notna()
        ]
        title = tr.n_(
            "{activity} peaked in {year} at {n} event",
            "{activity} peaked in {year} at {n} events",
            int(peak["events"]),
        ).format(activity=peak["activity_short"], year=peak["year"], n=peak["events_as_printed"])
    if len(later):
        nxt = later.iloc[0]
        msg = (
            tr._("{title}; the plan for {year} is {n}")
            if nxt["status"] == "planned"
            else tr._("{title}; then {year} is {n}")
        )
        title = msg.format(title=title, year=nxt["year"], n=nxt["events_as_printed"])
    gaps = df[df["events"].isna()]
    subtitle = [
        tr._(
            "Events per year in Astana city, by activity. {planned} planned (pale, dashed, "
            "shaded); {current} current."
        ).format(planned=_span(planned), current=_span(sorted(set(years) - set(planned)))),
    ]
    if len(gaps):
        gap_txt = "; ".join(
            tr._("{activity} in {years}").format(
                activity=a, years=join_list([str(y) for y in g["year"]], tr)
            )
            for a, g in gaps.groupby("activity_short", sort=False)
        )
        subtitle.append(
            tr._("“no figure” = a '-' in the table ({gaps}): missing, not zero.").format(
                gaps=gap_txt
            )
        )
    if highlight:
        subtitle.append(tr._(KAZ_SELECTED))
    fns = _footnotes(act)
    table = _table_no(act, tr)
    source = tr._(SOURCE_PROGRAMME).format(table=table, footnotes=footnote_label(fns, tr))
    colours = alt.Scale(domain=acts, range=ACTIVITY_COLOURS[: len(acts)])
    legend_cols = _legend_columns(acts)
    pale, dash = _status_encodings(sorted(df["status"].unique().tolist()), tr)
    tooltip = [
        alt.Tooltip("activity:N", title=tr._(ACTIVITY_AS_PRINTED)),
        alt.Tooltip("year:O", title=tr._(YEAR)),
        alt.Tooltip(f"{_status_field(tr)}:N", title=tr._(STATUS)),
        alt.Tooltip("events_as_printed:N", title=tr._(EVENTS_AS_PRINTED)),
        alt.Tooltip("note:N", title=tr._(NOTE)),
        alt.Tooltip("source:N", title=tr._(SOURCE)),
    ]
    x = alt.X(
        "year:O",
        title=None,
        sort=years,
        scale=alt.Scale(paddingInner=0.18, paddingOuter=0.06),
        axis=alt.Axis(labelAngle=0, labelFontWeight="bold", ticks=False),
    )
    x_off = alt.XOffset("activity_short:N", sort=acts, scale=alt.Scale(paddingInner=0.08))
    shown = current if len(current) else df[df["events"].notna()]
    y_max = int(shown["events"].max()) if len(shown) else 1  # all '-': an empty axis
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
            text=alt.value(tr._("planned ({years})").format(years=_span(planned))),
        )
    )
    base = alt.Chart(df).encode(x=x, xOffset=x_off, tooltip=tooltip)
    bars = (
        base.transform_filter("isValid(datum.events)")
        .mark_bar(strokeWidth=2)
        .encode(
            y=alt.Y(
                "events:Q",
                title=tr._("Number of events"),
                scale=alt.Scale(domain=[0, int(y_max * 1.12)]),
                axis=alt.Axis(format=_int_format(tr)),
            ),
            color=alt.Color(
                "activity_short:N",
                title=tr._(ACTIVITY),
                scale=colours,
                sort=acts,
                legend=alt.Legend(orient="bottom", columns=legend_cols),
            ),
            stroke=alt.Stroke("activity_short:N", scale=colours, sort=acts, legend=None),
            opacity=pale,
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
                title=tr._(ACTIVITY),
                sort=acts,
                scale=alt.Scale(domain=acts, range=ACTIVITY_SHAPES[: len(acts)]),
                legend=alt.Legend(orient="bottom", columns=legend_cols),
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
        .encode(y=alt.datum(0), text=alt.value(tr._(NO_FIGURE)))
    )
    chart = alt.layer(shade, shade_text, bars, labels, glyphs, gap_marks).properties(
        # a one-column legend takes two more rows: the plot gives them back (slides fit)
        height=400 if legend_cols == 2 else 350,
        width="container",
    )
    names = dict(zip(df["activity_id"], _activity_names(act, tr), strict=False))
    notes = [
        tr._("{activity}, {year}: {note}.").format(
            activity=names[r["activity_id"]], year=r["year"], note=r["note"]
        )
        for _, r in gaps.iterrows()
    ]
    slide_source = tr._(SLIDE_SOURCE_PROGRAMME).format(table=table)
    return _result(
        "table3-programme",
        chart,
        df,
        title,
        subtitle,
        source,
        slide_source,
        notes,
        fns,
        highlight,
        tr=tr,
    )


def _activity_names(act: pd.DataFrame, tr: Translator = ENGLISH) -> list[str]:
    """Each row's activity in full: as printed (English) or its translation (for notes)."""
    df = act.sort_values(["table_row", "year"]).reset_index(drop=True)
    return [localised(r, "activity_as_printed", tr) for r in df.to_dict("records")]


def totals_frame(act: pd.DataFrame, tr: Translator = ENGLISH) -> pd.DataFrame:
    df = programme_frame(act, tr)
    df["activity_name"] = _activity_names(act, tr)
    rows = []
    for year, g in df.groupby("year", sort=True):
        have = g[g["events"].notna()]
        miss = g[g["events"].isna()]
        total = int(have["events"].astype(int).sum())
        terms = " + ".join(have["events_as_printed"])
        missing = join_list(miss["activity_name"].tolist(), tr)
        formula = tr._("sum of the printed values: {terms} = {total}").format(
            terms=terms, total=tr.integer(total)
        )
        if len(miss):
            formula = tr._("{formula}; {missing}: no figure ('-'), not counted").format(
                formula=formula, missing=missing
            )
        rows.append(
            {
                "year": int(year),
                "status": g["status"].iloc[0],
                "status_label": g["status_label"].iloc[0],
                "total_events": total,
                "kind": DERIVED,
                "activities_counted": len(have),
                "activities_in_table": len(g),
                "complete": not len(miss),
                "text": f"{tr.integer(total)}*" if len(miss) else tr.integer(total),
                "formula": formula,
                "source": tr._("derived from {source}").format(source=g["source"].iloc[0]),
            }
        )
    return pd.DataFrame(rows)


def totals_chart(
    act: pd.DataFrame, highlight: bool = False, tr: Translator = ENGLISH
) -> ChartResult:
    df = totals_frame(act, tr)
    years = df["year"].tolist()
    planned = _planned_years(df)
    current = df[df["status"] == "current"]
    peak = (current if len(current) else df).sort_values("total_events", ascending=False).iloc[0]
    title = tr.n_(
        "All activities together peak in {year} at {n} event (derived total)",
        "All activities together peak in {year} at {n} events (derived total)",
        int(peak["total_events"]),
    ).format(year=peak["year"], n=tr.integer(int(peak["total_events"])))
    incomplete = df[~df["complete"]]
    table = _table_no(act, tr)
    subtitle = [
        tr._(
            "Derived here: the total per year is the sum of the printed values in Table {table}, "
            "not a published figure. {planned} planned (pale, dashed)."
        ).format(table=table, planned=_span(planned)),
    ]
    if len(incomplete):
        missing = join_list(
            sorted(
                {
                    n
                    for n, e in zip(_activity_names(act, tr), programme_frame(act)["events"])
                    if pd.isna(e)
                }
            ),
            tr,
        )
        subtitle.append(
            tr._(
                "* {years}: sums of the printed values only; {missing} has no figure ('-') and is "
                "not counted."
            ).format(years=join_list([str(y) for y in incomplete["year"]], tr), missing=missing)
        )
    if highlight:
        subtitle.append(tr._(KAZ_SELECTED))
    fns = _footnotes(act)
    source = tr._("Source: derived from the paper's Table {table} ({footnotes}).").format(
        table=table, footnotes=footnote_label(fns, tr)
    )
    pale, dash = _status_encodings(sorted(df["status"].unique().tolist()), tr)
    tooltip = [
        alt.Tooltip("year:O", title=tr._(YEAR)),
        alt.Tooltip(f"{_status_field(tr)}:N", title=tr._(STATUS)),
        alt.Tooltip("total_events:Q", format="d", title=tr._(TOTAL_EVENTS_DERIVED)),
        alt.Tooltip("formula:N", title=tr._(FORMULA)),
        alt.Tooltip("source:N", title=tr._(SOURCE)),
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
            title=tr._(TOTAL_EVENTS_DERIVED),
            scale=alt.Scale(domain=[0, int(df["total_events"].max() * 1.15)]),
            axis=alt.Axis(format=_int_format(tr)),
        ),
        opacity=pale,
        strokeDash=dash,
    )
    labels = base.mark_text(
        baseline="bottom", dy=-6, fontSize=MARK_FONT, font=FONT, color="#111111"
    ).encode(y=alt.Y("total_events:Q"), text="text:N")
    chart = alt.layer(shade, bars, labels).properties(height=380, width="container")
    notes = [f"{r['year']}: {r['formula']}." for _, r in df.iterrows()]
    slide_source = tr._("Source: derived from the paper's Table {table}").format(table=table)
    return _result(
        "table3-totals",
        chart,
        df,
        title,
        subtitle,
        source,
        slide_source,
        notes,
        fns,
        highlight,
        tr=tr,
    )
