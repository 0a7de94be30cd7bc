"""Pure builder for the Approaches page: Table 4 as a country × approach matrix.

Everything here takes DataFrames from components.data and returns DataFrames or Altair
charts; nothing calls Streamlit or reads a file. components/approaches_view.py turns it
into the page's view.

Evidence per cell comes from data.approach_cells(): 'table4' (a Table 4 phrase maps to the
category), 'text' (only the paper's text supports it) or 'not_found' (the paper says
nothing either way, which is NOT the same as "no"). Counts of supporting initiatives can be
narrowed to a partner organisation, including its child organisations (OSCE -> its field
offices).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import altair as alt
import pandas as pd

from components import orgs
from components.i18n import ENGLISH, Translator
from components.orgs import children_map
from components.text import date_range, footnote_links_md
from components.vocab import (
    APPROACH,
    COUNTRY,
    EVIDENCE_HEADING,
    EVIDENCE_LABELS,
    EVIDENCE_SHORT,
    FAMILY_ORDER,
    FLAG,
    FLAG_HEADING,
    N_,
    NONE_WORD,
    NOT_FOUND_CAVEAT,
    NOT_NAMED,
    STANCE_LABELS,
    TABLE4_SOURCE,
    TABLE4_WORDING,
)

# ---------------------------------------------------------------------- styles

HEADER = "__country__"  # category id of the clickable country header row/column
HEADER_LABEL = N_("Country view ›")
HEADER_OPEN = N_("open ›")  # the header cells' text when countries are rows


@dataclass(frozen=True)
class EvidenceStyle:
    label: str  # legend text
    short: str  # text shown in the cell before the count
    fill: str
    ink: str  # text colour on that fill


# Okabe-Ito blue and orange, plus near-white: distinct in hue AND lightness for every
# common colour-vision deficiency, and every cell carries a text label as well.
_FILLS = {"table4": ("#0072B2", "#FFFFFF"), "text": ("#E69F00", "#000000")}
_FILLS["not_found"] = ("#F4F4F4", "#444444")


def evidence_styles(tr: Translator = ENGLISH) -> dict[str, EvidenceStyle]:
    """Each evidence kind's legend label, cell text and colours, in the translator's words."""
    out = {}
    for kind, (fill, ink) in _FILLS.items():
        short = tr._(EVIDENCE_SHORT[kind])
        label = f"{tr._(EVIDENCE_LABELS[kind])} ({short})"
        if kind == "not_found":
            label += f": {tr._(NOT_FOUND_CAVEAT)}"
        out[kind] = EvidenceStyle(label, short, fill, ink)
    return out


EVIDENCE: dict[str, EvidenceStyle] = evidence_styles()
HEADER_FILL, HEADER_INK = "#2B2B2B", "#FFFFFF"
SELECTED_STROKE = "#000000"
DIM_INK = "#333333"
FLAG_STROKE = "#000000"

LEGEND_ROOM = 46  # px of top padding the one-line legend sits in
CELL_FONT = 16
TRANSPOSED_CELL_FONT = 14  # 15 narrow columns: compact 'T4·3' labels at the 14 px minimum
HEADER_FONT = 15  # country names must fit ~100 px columns at 1280x720
AXIS_FONT = 16
ROW_HEIGHT = 42
TRANSPOSED_LABEL_LIMIT = 340  # px of an upright approach label when approaches are columns
COUNTRY_AXIS_EXTENT = 120
Y_AXIS_EXTENT = 295  # fixed, so the plot area (and click targets) are predictable
ROW_LABEL_WRAP = 38  # characters per line of an approach label (rows)


# ------------------------------------------------------------------ organisations


def descendants(org_ids: Iterable[str], organisations: pd.DataFrame) -> set[str]:
    """The given organisations and everything under them (OSCE -> its field offices)."""
    return orgs.descendants(org_ids, children_map(organisations))


def org_descendants_map(organisations: pd.DataFrame) -> dict[str, set[str]]:
    """Every organisation id -> itself and all its descendants."""
    return {oid: descendants([oid], organisations) for oid in organisations["id"]}


def partner_options(organisations: pd.DataFrame, initiatives: pd.DataFrame) -> list[str]:
    """Organisation ids worth filtering by (they or a child partner some initiative),
    in hierarchy order: each parent followed by its children, families grouped."""
    used = {p for ps in initiatives["partners"] for p in ps}
    dmap = org_descendants_map(organisations)
    useful = {oid for oid, ds in dmap.items() if ds & used}
    kids = children_map(organisations)
    fam = dict(zip(organisations["id"], organisations["family"], strict=True))
    roots = [
        o
        for o, p in zip(organisations["id"], organisations["parent_id"], strict=True)
        if not isinstance(p, str)
    ]
    rank = {f: i for i, f in enumerate(FAMILY_ORDER)}
    roots.sort(key=lambda o: rank.get(fam.get(o), len(rank)))
    out: list[str] = []

    def walk(oid: str) -> None:
        if oid in useful:
            out.append(oid)
        for child in kids.get(oid, []):
            walk(child)

    for root in roots:
        walk(root)
    return out


# --------------------------------------------------------------------- the matrix


@dataclass(frozen=True)
class MatrixResult:
    cells: pd.DataFrame  # long form: one row per country × category, with labels and counts
    matrix: pd.DataFrame  # wide: approaches × countries (or transposed), values = cell labels
    chart: alt.LayerChart
    export: pd.DataFrame  # CSV-ready, one row per cell


def cell_label(evidence: str, count: int, flagged: bool, tr: Translator = ENGLISH) -> str:
    """'T4 · 3', 'text · 2', '—' (and ' ⚑' when flagged)."""
    style = evidence_styles(tr)[evidence]
    text = style.short if evidence == "not_found" and count == 0 else f"{style.short} · {count}"
    return f"{text} {FLAG}" if flagged else text


def narrow_cells(
    cells: pd.DataFrame,
    initiatives: pd.DataFrame,
    organisations: pd.DataFrame,
    partners: Iterable[str] = (),
    tr: Translator = ENGLISH,
) -> pd.DataFrame:
    """approach_cells() plus the initiatives/count left under a partner filter (with children).

    Evidence never changes with the filter (Table 4 is Table 4); only the counts do.
    """
    out = cells.copy()
    partners = list(partners)
    wanted = descendants(partners, organisations) if partners else None
    by_id = dict(zip(initiatives["id"], initiatives["partners"], strict=True))
    if wanted is None:
        out["shown_initiatives"] = [list(ids) for ids in out["initiatives"]]
    else:
        out["shown_initiatives"] = [
            [i for i in ids if wanted & set(by_id.get(i, []))] for ids in out["initiatives"]
        ]
    out["n_shown"] = out["shown_initiatives"].map(len).astype(int)
    out["flagged"] = out["flag_note"].map(lambda n: isinstance(n, str) and bool(n))
    out["partner_filtered"] = wanted is not None
    out["label"] = [
        cell_label(e, n, f, tr)
        for e, n, f in zip(out["evidence"], out["n_shown"], out["flagged"], strict=True)
    ]
    styles = evidence_styles(tr)
    out["evidence_label"] = out["evidence"].map(lambda e: styles[e].label)
    # Under a partner filter, a cell none of whose initiatives involve the partner is faded.
    out["dim"] = (out["n_shown"] == 0) & out["partner_filtered"]
    return out


def build_matrix(
    cells: pd.DataFrame,
    initiatives: pd.DataFrame,
    organisations: pd.DataFrame,
    countries: pd.DataFrame,
    partners: Iterable[str] = (),
    transpose: bool = False,
    selected: tuple[str | None, str | None] = (None, None),
    tr: Translator = ENGLISH,
    phrases_ru: Mapping[str, str] | None = None,
) -> MatrixResult:
    """The matrix, its heatmap, and its CSV export.

    cells: data.approach_cells(); countries: data.central_asia() (iso3, name, in order);
    partners: organisation ids (children included); selected: (iso3, category id) to outline,
    (iso3, None) outlines the country's header. tr: the words' language; phrases_ru: each
    Table 4 phrase's translation (the data's table4_phrase_ru), shown beside the quotation.
    """
    partners = list(partners)
    long = narrow_cells(cells, initiatives, organisations, partners, tr)
    names = dict(zip(countries["iso3"], countries["name"], strict=True))
    order = [c for c in countries["iso3"] if c in set(long["country"])]
    long["country_name"] = long["country"].map(names)
    long = long.sort_values(
        ["display_order", "country"], key=lambda s: s.map(order.index) if s.name == "country" else s
    ).reset_index(drop=True)

    cat_order = list(dict.fromkeys(long["category_label"]))
    wide = long.pivot(index="category_label", columns="country_name", values="label")
    wide = wide.loc[cat_order, [names[c] for c in order]]
    wide.index.name, wide.columns.name = tr._(APPROACH), tr._(COUNTRY)
    if transpose:
        wide = wide.T

    chart = heatmap(long, [names[c] for c in order], cat_order, transpose, selected, tr, phrases_ru)
    export = export_frame(long, initiatives, organisations, partners, tr, phrases_ru)
    return MatrixResult(long, wide, chart, export)


def quoted_phrases(
    phrases: Iterable[str], tr: Translator = ENGLISH, phrases_ru: Mapping[str, str] | None = None
) -> list[str]:
    """Table 4 phrases in English quotation marks, each with its marked translation."""
    return [tr.quote(p, (phrases_ru or {}).get(p)) for p in phrases]


def _selected_mask(df: pd.DataFrame, selected: tuple[str | None, str | None]) -> pd.Series:
    country, category = selected
    if not country and not category:
        return pd.Series(False, index=df.index)
    if country and category:
        return (df["country"] == country) & (df["category"] == category)
    if country:
        return (df["country"] == country) & (df["category"] == HEADER)
    return df["category"] == category


def heatmap(
    long: pd.DataFrame,
    country_names: list[str],
    category_labels: list[str],
    transpose: bool = False,
    selected: tuple[str | None, str | None] = (None, None),
    tr: Translator = ENGLISH,
    phrases_ru: Mapping[str, str] | None = None,
) -> alt.LayerChart:
    """Clickable heatmap: one point selection 'cell' over fields country and category.

    A header row (column when transposed) of country names selects a whole country.
    """
    cols = [
        "country",
        "country_name",
        "category",
        "category_label",
        "evidence",
        "evidence_label",
        "label",
        "n_shown",
        "flagged",
        "dim",
        "flag_note",
    ]
    body = long[cols].copy()
    body["phrases"] = long["table4_phrases"].map(
        lambda ps: "; ".join(quoted_phrases(ps, tr, phrases_ru)) if ps else tr._("(none)")
    )
    body["flag_note"] = body["flag_note"].fillna(tr._(NONE_WORD))
    styles = evidence_styles(tr)
    body["selected"] = _selected_mask(body, selected)
    if transpose:
        body["label"] = body["label"].str.replace(" · ", "·", regex=False)
    # Faded cells (no initiative with the chosen partner) get dark text to stay legible.
    body["ink"] = [
        DIM_INK if d else styles[e].ink for e, d in zip(body["evidence"], body["dim"], strict=True)
    ]
    head = pd.DataFrame(
        {
            "country": list(dict.fromkeys(long["country"])),
            "country_name": country_names,
            "category": HEADER,
            "category_label": tr._(HEADER_LABEL),
        }
    )
    head["selected"] = _selected_mask(head, selected)
    country_enc = alt.X if not transpose else alt.Y
    cat_enc = alt.Y if not transpose else alt.X
    # Axis labels wrap onto several lines ('\n', split by labelExpr); tooltips keep one line.
    # (As columns, labels are angled on one line instead.)
    width = ROW_LABEL_WRAP if not transpose else 10_000
    wrapped = {lab: _wrap(lab, width) for lab in [tr._(HEADER_LABEL), *category_labels]}
    body["row"] = body["category_label"].map(wrapped)
    head["row"] = head["category_label"].map(wrapped)
    row_domain = list(wrapped.values())
    split = "split(datum.label, '\\n')"
    if not transpose:
        cat_axis = alt.Axis(
            title=None,
            labelFontSize=AXIS_FONT,
            labelExpr=split,
            labelLineHeight=AXIS_FONT + 1,
            labelLimit=Y_AXIS_EXTENT - 12,
            # Vega grows multi-line labels downwards: lift them to centre.
            labelOffset={"expr": f"-(length({split}) - 1) * {(AXIS_FONT + 1) / 2}"},
            minExtent=Y_AXIS_EXTENT,
            maxExtent=Y_AXIS_EXTENT,
            ticks=False,
            domain=False,
            labelPadding=8,
            labelOverlap=False,
        )
        country_axis = None  # country names are in the header row
        head["head_text"] = head["country_name"]
    else:
        # Fifteen columns: upright one-line labels stay apart even at 1280 px and, unlike
        # angled ones, do not overhang (which would narrow the columns).
        cat_axis = alt.Axis(
            title=None,
            orient="top",
            labelFontSize=14,
            labelAngle=-90,
            labelAlign="left",
            labelBaseline="middle",
            labelLimit=TRANSPOSED_LABEL_LIMIT,
            ticks=False,
            domain=False,
            labelPadding=6,
            labelOverlap=False,
        )
        country_axis = alt.Axis(
            title=None,
            labelFontSize=AXIS_FONT,
            ticks=False,
            domain=False,
            labelPadding=8,
            labelFontWeight="bold",
            labelLimit=0,
            minExtent=COUNTRY_AXIS_EXTENT,
            maxExtent=COUNTRY_AXIS_EXTENT,
        )
        head["head_text"] = tr._(HEADER_OPEN)

    x_or_y_country = country_enc(
        "country_name:N", sort=country_names, axis=country_axis, scale=alt.Scale(paddingInner=0.06)
    )
    x_or_y_cat = cat_enc(
        "row:N",
        sort=row_domain,
        axis=cat_axis,
        scale=alt.Scale(domain=row_domain, paddingInner=0.06),
    )

    n_rows = len(row_domain) if not transpose else len(country_names)
    height = n_rows * (ROW_HEIGHT if not transpose else ROW_HEIGHT + 14)
    sel = alt.selection_point(
        name="cell", fields=["country", "category"], on="click", clear="dblclick", empty=False
    )
    tooltip = [
        alt.Tooltip("country_name:N", title=tr._(COUNTRY)),
        alt.Tooltip("category_label:N", title=tr._(APPROACH)),
        alt.Tooltip("evidence_label:N", title=tr._(EVIDENCE_HEADING)),
        alt.Tooltip("phrases:N", title=tr._(TABLE4_WORDING)),
        alt.Tooltip("n_shown:Q", title=tr._("Supporting initiatives")),
        alt.Tooltip("flag_note:N", title=tr._(FLAG_HEADING)),
    ]
    colour = alt.Color(
        "evidence_label:N",
        scale=alt.Scale(
            domain=[s.label for s in styles.values()], range=[s.fill for s in styles.values()]
        ),
        legend=alt.Legend(
            # One line, from the left edge of the axis labels: above the matrix, or below it
            # when the angled approach labels take the top.
            title=None,
            orient="none",
            direction="horizontal",
            labelFontSize=AXIS_FONT,
            legendX=-(Y_AXIS_EXTENT if not transpose else COUNTRY_AXIS_EXTENT),
            legendY=-(LEGEND_ROOM - 8) if not transpose else height + 12,
            labelLimit=520,
            symbolType="square",
            # Russian labels run longer: a tighter legend keeps the line within 1280 px.
            symbolSize=400 if tr.lang == ENGLISH.lang else 300,
            symbolStrokeColor="#888888",
            symbolStrokeWidth=1,
            labelColor="#111111",
            columnPadding=22 if tr.lang == ENGLISH.lang else 10,
        ),
    )
    base = alt.Chart(body).encode(x_or_y_country, x_or_y_cat)
    rects = (
        base.mark_rect(stroke="#BBBBBB", strokeWidth=1, cursor="pointer")
        .encode(
            color=colour,
            opacity=alt.condition("datum.dim", alt.value(0.3), alt.value(1.0)),
            tooltip=tooltip,
        )
        .add_params(sel)
    )
    labels = base.mark_text(
        fontSize=CELL_FONT if not transpose else TRANSPOSED_CELL_FONT,
        fontWeight="bold",
        cursor="pointer",
    ).encode(
        text="label:N",
        color=alt.Color("ink:N", scale=None, legend=None),
        tooltip=tooltip,
    )
    flags = base.transform_filter("datum.flagged").mark_rect(
        fill=None, stroke=FLAG_STROKE, strokeWidth=3, strokeDash=[6, 4]
    )
    chosen = base.transform_filter("datum.selected").mark_rect(
        fill=None, stroke=SELECTED_STROKE, strokeWidth=5
    )
    hbase = alt.Chart(head).encode(x_or_y_country, x_or_y_cat)
    head_rects = hbase.mark_rect(fill=HEADER_FILL, cursor="pointer").encode(
        tooltip=[alt.Tooltip("country_name:N", title=tr._("Open the country column"))]
    )
    head_text = hbase.mark_text(
        fontSize=HEADER_FONT, fontWeight="bold", color=HEADER_INK, cursor="pointer"
    ).encode(text="head_text:N")
    head_chosen = hbase.transform_filter("datum.selected").mark_rect(
        fill=None, stroke="#E69F00", strokeWidth=5
    )
    chart = (
        alt.layer(rects, labels, flags, chosen, head_rects, head_text, head_chosen)
        .properties(
            width="container",
            # Fit the width only: the rows keep their height under angled labels.
            autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
            height=height,
            padding={
                "left": 5,
                "top": LEGEND_ROOM if not transpose else 5,
                "right": 5,
                "bottom": 5 if not transpose else LEGEND_ROOM,
            },
        )
        .configure(locale=tr.vega_locale())
        .configure_view(stroke=None)
        .configure_axis(labelFontSize=AXIS_FONT, labelColor="#111111")
    )
    return chart


def _wrap(text: str, width: int) -> str:
    """Greedy word wrap with '\\n' (axis labels split on it); long words break at hyphens."""
    words = []
    for word in text.split():
        parts = word.split("-")
        words += [p + "-" for p in parts[:-1]] + [parts[-1]] if len(word) > width else [word]
    lines: list[str] = []
    for word in words:
        sep = "" if lines and lines[-1].endswith("-") else " "
        if lines and len(lines[-1]) + len(sep) + len(word) <= width:
            lines[-1] += sep + word
        else:
            lines.append(word)
    return "\n".join(lines)


# ------------------------------------------------------------------------ export


def export_frame(
    long: pd.DataFrame,
    initiatives: pd.DataFrame,
    organisations: pd.DataFrame,
    partners: Iterable[str] = (),
    tr: Translator = ENGLISH,
    phrases_ru: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """One CSV row per cell: evidence, Table 4 wording, counts, initiatives, footnotes, flag.
    In a translation the wording stays as printed and its translation gets its own column."""
    styles = evidence_styles(tr)
    titles = dict(zip(initiatives["id"], initiatives["title"], strict=True))
    foot = dict(zip(initiatives["id"], initiatives["footnotes"], strict=True))
    short = dict(zip(organisations["id"], organisations["short_name"], strict=True))
    partners = list(partners)
    rows = []
    for r in long.itertuples():
        shown = list(r.shown_initiatives)
        fns = sorted({n for i in shown for n in foot.get(i, [])})
        rows.append(
            {
                "country": r.country,
                "country_name": r.country_name,
                "approach_id": r.category,
                "approach": r.category_label,
                "evidence": r.evidence,
                "evidence_label": styles[r.evidence].label,
                "cell_label": r.label,
                "table4_wording": "; ".join(r.table4_phrases),
                **(
                    {}
                    if tr.lang == ENGLISH.lang
                    else {
                        "table4_wording_translation": "; ".join(
                            (phrases_ru or {}).get(p, "") for p in r.table4_phrases
                        )
                    }
                ),
                "table4_source": tr._(TABLE4_SOURCE) if r.table4_phrases else "",
                "n_initiatives_all": int(r.n_initiatives),
                "partner_filter": "; ".join(short.get(p, p) for p in partners),
                "n_initiatives_shown": int(r.n_shown),
                "initiative_ids": "; ".join(shown),
                "initiative_titles": " | ".join(titles.get(i, i) for i in shown),
                "footnotes": "; ".join(str(n) for n in fns),
                "flag_note": r.flag_note if isinstance(r.flag_note, str) else "",
            }
        )
    return pd.DataFrame(rows)


# -------------------------------------------------------------------- drill-down


def initiative_list(
    ids: Iterable[str],
    initiatives: pd.DataFrame,
    organisations: pd.DataFrame,
    sources: pd.DataFrame,
    tr: Translator = ENGLISH,
) -> pd.DataFrame:
    """The given initiatives, ready to list under a cell.

    Columns: id, title, date (at the source's precision), date_text, partners (short names),
    countries, summary, footnotes (ints), footnotes_md (Markdown links), flag_note.
    """
    ids = list(ids)
    short = dict(zip(organisations["id"], organisations["short_name"], strict=True))
    by_id = initiatives.set_index("id")
    rows = []
    for i in ids:
        if i not in by_id.index:
            continue
        r = by_id.loc[i]
        rows.append(
            {
                "id": i,
                "title": r["title"],
                "date": date_range(r["start"], r["end"], tr),
                "date_text": r["date_text"] if isinstance(r["date_text"], str) else "",
                "partners": ", ".join(short.get(p, p) for p in r["partners"]) or tr._(NOT_NAMED),
                "countries": ", ".join(r["countries"]),
                "summary": r["summary"],
                "footnotes": list(r["footnotes"]),
                "footnotes_md": footnote_links_md(r["footnotes"], sources),
                "flag_note": r["flag_note"] if isinstance(r["flag_note"], str) else "",
            }
        )
    cols = [
        "id",
        "title",
        "date",
        "date_text",
        "partners",
        "countries",
        "summary",
        "footnotes",
        "footnotes_md",
        "flag_note",
    ]
    return pd.DataFrame(rows, columns=cols)


def date_with_text(date: str, date_text: str) -> str:
    """'2023-07' shown as 'July 2023'; the curator's wording added when it says more."""
    if not date_text or date_text == date:
        return date
    return f"{date} — {date_text}"


# ------------------------------------------------------------------ human rights


def rights_lens(
    human_rights: pd.DataFrame,
    organisations: pd.DataFrame,
    sources: pd.DataFrame,
    tr: Translator = ENGLISH,
) -> pd.DataFrame:
    """The paper's human-rights points, ready to list per country (country '' = region-wide).

    Columns: id, country, stance, stance_label, year, document, source, summary, footnotes,
    footnotes_md, basis, note.
    """
    short = dict(zip(organisations["id"], organisations["short_name"], strict=True))
    order = {k: i for i, k in enumerate(STANCE_LABELS)}
    rows = []
    for r in human_rights.itertuples():
        fns = [int(n) for n in r.footnotes] if isinstance(r.footnotes, (list, tuple)) else []
        rows.append(
            {
                "id": r.id,
                "country": r.country if isinstance(r.country, str) else "",
                "stance": r.stance,
                "stance_label": tr._(STANCE_LABELS[r.stance])
                if r.stance in STANCE_LABELS
                else r.stance,
                "year": "" if pd.isna(r.year) else str(int(r.year)),
                "document": r.document if isinstance(r.document, str) else "",
                "source": short.get(r.source_org, "") if isinstance(r.source_org, str) else "",
                "summary": r.summary,
                "footnotes": fns,
                "footnotes_md": footnote_links_md(fns, sources) if fns else "",
                "basis": r.basis,
                "note": r.note if isinstance(r.note, str) else "",
                "_order": order.get(r.stance, len(order)),
            }
        )
    df = pd.DataFrame(rows)
    if df.empty:
        return df
    return (
        df.sort_values(["country", "_order"], kind="stable")
        .drop(columns="_order")
        .reset_index(drop=True)
    )


# ------------------------------------------------------------------ query string


def _clip(value: str, limit: int = 40) -> str:
    return value if len(value) <= limit else value[:limit] + "…"


def parse_selection(
    country: str | None,
    approach: str | None,
    countries: Iterable[str],
    categories: Iterable[str],
    tr: Translator = ENGLISH,
) -> tuple[str | None, str | None, list[str]]:
    """Validate ?country=&approach= values: (iso3 or None, category or None, notices)."""
    notices: list[str] = []
    countries, categories = list(countries), list(categories)
    c = (country or "").strip().upper() or None
    a = (approach or "").strip().lower() or None
    if c is not None and c not in countries:
        notices.append(
            tr._(
                "The link asks for country “{value}”, which is not one of the five states "
                "({codes}); no country is selected."
            ).format(value=_clip(country), codes=", ".join(countries))
        )
        c = None
    if a is not None and a not in categories:
        notices.append(
            tr._(
                "The link asks for approach “{value}”, which is not a row of the matrix; "
                "no approach is selected."
            ).format(value=_clip(approach))
        )
        a = None
    return c, a, notices
