"""Pure builders for one country's view: its story from the paper, every claim sourced.

`build_view(iso3, inputs)` returns a `CountryView` (headline figures with footnotes,
Table 4 wording and matrix categories with evidence counts, initiatives, Afghan border
notes, human-rights items and the numbered references of every footnote used).
`timeline_chart` returns an Altair chart and `mini_map` a Vega-Lite dict; the `*_md` functions return
escaped Markdown for the page. Nothing here calls Streamlit or reads a file:
`Inputs.from_data()` takes every table from components.data.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import altair as alt
import pandas as pd
import shapely
from babel.core import get_global

from components import data
from components.geometry import (
    largest_ring_centroid,
    points_bbox,
    polygons,
    round_points,
    signed_area,
    simplify_line,
)
from components.i18n import ENGLISH, Translator
from components.layout import DataTable
from components.text import (
    INITIATIVE_COUNT,
    date_range,
    flag_kind,
    flag_marked,
    flag_md,
    join_list,
    label_escape,
    md_escape,
    md_escape_frame,
    numbered_md,
    table_label,
)
from components.text import footnote_markers_md as refs_md
from components.text import short_footnote_label as fn_label
from components.vocab import (
    AFGHAN_BORDER,
    AFGHANISTAN,
    APPROACHES_TABLE4,
    BOTH_IN_BRIEF,
    COUNTRY,
    EVIDENCE_LABELS,
    FLAG,
    FLAG_HEADING,
    FLAG_IN_BRIEF,
    FOOTNOTES,
    GROUPS,
    GTI_2023_SCORE,
    HUMAN_RIGHTS,
    INITIATIVE,
    INITIATIVES_N,
    MEASURES,
    N_,
    NEIGHBOURING_PROVINCES,
    NO_COUNTRY_CONCERN,
    NO_FOOTNOTE,
    NO_SHARED_BORDER,
    ON_THE_MAP,
    REGION_WIDE,
    RISK,
    SCOPE,
    SCOPE_COLOURS,
    SCOPE_DASHES,
    SCOPE_LABELS,
    STANCE_LABELS,
    TERRAIN,
)
from components.vocab import STATES as ORDER

MAP_COLOURS = {
    "selected": "#0b5394",
    "central_asia": "#b9cfe6",
    "afghanistan": "#d9d2c3",
    "other": "#eeeeee",
}
BORDER_COLOUR = "#D55E00"
COMPACT_TEXT_ONLY = 8  # paper-text-only approaches listed on a briefing slide


# --------------------------------------------------------------------------- inputs


@dataclass(frozen=True)
class Inputs:
    """Every table a country view needs (fresh copies from components.data)."""

    countries: pd.DataFrame
    gti: pd.DataFrame
    table4: pd.DataFrame
    key_figures: pd.DataFrame
    cells: pd.DataFrame
    initiatives: pd.DataFrame
    border_notes: pd.DataFrame
    armed_groups: pd.DataFrame
    human_rights: pd.DataFrame
    sources: pd.DataFrame
    flags: pd.DataFrame
    # (country, Table 4 phrase) -> its Russian translation (empty in English)
    phrases_ru: dict[tuple[str, str], str] = field(default_factory=dict)

    @classmethod
    def from_data(cls, lang: str = "en") -> Inputs:
        """Every table in `lang` (curated text in Russian for ``"ru"``)."""
        appr = data.approaches(lang)
        phrases_ru = (
            {
                (c, p): r
                for c, p, r in zip(
                    appr["country"], appr["table4_phrase"], appr["table4_phrase_ru"], strict=True
                )
                if isinstance(p, str) and isinstance(r, str)
            }
            if "table4_phrase_ru" in appr
            else {}
        )
        return cls(
            countries=data.countries(lang),
            gti=data.gti_countries(lang),
            table4=data.table4(lang),
            key_figures=data.key_figures(lang),
            cells=data.approach_cells(lang),
            initiatives=data.initiatives(lang),
            border_notes=data.border_notes(lang),
            armed_groups=data.armed_groups(lang),
            human_rights=data.human_rights(lang),
            sources=data.sources(lang),
            flags=data.flags(),
            phrases_ru=phrases_ru,
        )


# ------------------------------------------------------------------------ words


def scope_label(code: str, tr: Translator = ENGLISH) -> str:
    """An initiative's scope: the code in English (as the page has always shown it), the
    catalogue's label in another language."""
    if tr.lang == "en" or code not in SCOPE_LABELS:
        return code
    return tr._(SCOPE_LABELS[code])


# ------------------------------------------------------------------ choosing a country


def resolve_country(
    value: object, order: Sequence[str] = ORDER, tr: Translator = ENGLISH, chooser: bool = True
) -> tuple[str | None, str | None]:
    """(ISO3 code, notice) for a ``?country=`` value. Unknown values give (None, notice);
    with ``chooser`` (the page, not a deck's slide) the notice points to the chooser."""
    if value is None:
        return None, None
    if isinstance(value, list | tuple):
        value = value[-1] if value else ""
    text = str(value).strip().upper()
    if text in order:
        return text, None
    shown = str(value).strip()[:20] or tr._("(empty)")
    said = tr._("“{value}” is not one of the five Central Asian states ({codes}).").format(
        value=shown, codes=", ".join(order)
    )
    return None, " ".join([said, tr._("Choose a country below.")]) if chooser else said


def step(iso3: str, delta: int, order: Sequence[str] = ORDER) -> str:
    """The country `delta` places after `iso3` in the paper's order, wrapping around."""
    return order[(order.index(iso3) + delta) % len(order)]


def country_names(countries: pd.DataFrame, order: Sequence[str] = ORDER) -> dict[str, str]:
    names = dict(zip(countries["iso3"], countries["name"], strict=True))
    return {iso: names.get(iso, iso) for iso in order}


# -------------------------------------------------------------------------- the view


@dataclass(frozen=True)
class Figure:
    """One headline metric with its source."""

    key: str
    label: str
    value: str
    source: str  # e.g. "Table 1, footnotes 36, 37" or "footnote 44"
    footnotes: tuple[int, ...]
    note: str | None = None
    flag_note: str | None = None


@dataclass(frozen=True)
class CountryView:
    iso3: str
    name: str
    in_table1: bool
    table1_name: str | None
    gti: tuple[Figure, ...]
    gti_missing: str | None
    key_figures: tuple[Figure, ...]
    table4_text: str
    table4_source: str
    approaches: pd.DataFrame
    initiatives: pd.DataFrame
    borders_afghanistan: bool
    border_text: str
    border_flag: str | None  # the paper disagrees with itself on this state's border
    border_flag_kind: str | None  # that flag's kind (a `flag` code)
    border_segments: pd.DataFrame
    border_provinces: pd.DataFrame
    groups: pd.DataFrame
    rights: pd.DataFrame
    references: pd.DataFrame
    flags: tuple[str, ...] = field(default_factory=tuple)
    # Table 4's cell and source in Russian (None in English): shown beside the English
    table4_text_ru: str | None = None
    table4_source_ru: str | None = None
    lang: str = "en"  # the language of the curated text and of the words made above
    table1_name_ru: str | None = None  # Table 1's name for the state, translated

    @property
    def footnotes(self) -> list[int]:
        return list(self.references["footnote"])


def _nums(values: object) -> tuple[int, ...]:
    if values is None or (isinstance(values, float) and pd.isna(values)):
        return ()
    if isinstance(values, str):
        return tuple(int(v) for v in values.split(";") if v.strip())
    return tuple(int(v) for v in values)


def _text(value: object) -> str | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return str(value)


UNIT_WORDS = {
    "KZT": ("tenge", "KZT", "₸", "тенге"),
    "USD": ("$", "USD", "dollar", "доллар"),
    "percent": ("%", "percent", "per cent"),
}


def figure_text(value_as_printed: str, unit: object) -> str:
    """The value as printed, with its unit unless the printed text already says it."""
    unit = _text(unit)
    if not unit:
        return value_as_printed
    words = UNIT_WORDS.get(unit, (unit,))
    if any(w.lower() in value_as_printed.lower() for w in words):
        return value_as_printed
    return f"{value_as_printed} {unit}"


def _gti(
    iso3: str, inp: Inputs, name: str, tr: Translator
) -> tuple[tuple[Figure, ...], str | None, str | None]:
    row = inp.gti[inp.gti["iso3"] == iso3]
    if row.empty:
        fns = _nums(inp.gti["footnotes"].iloc[0]) if len(inp.gti) else ()
        table = inp.gti["table"].iloc[0] if len(inp.gti) else "Table 1"
        number = "".join(ch for ch in str(table) if ch.isdigit())
        return (
            (),
            tr._(
                "{name} is not in Table {number}: the paper gives no Global Terrorism Index "
                "score for it ({footnotes})."
            ).format(name=name, number=number, footnotes=fn_label(fns, tr)),
            None,
        )
    r = row.iloc[0]
    fns = _nums(r["footnotes"])
    src = f"{table_label(r['table'], tr)}, {fn_label(fns, tr)}"
    flag = _text(r["flag_note"])
    score, c13, c22 = r["score_2023"], r["change_2013_2023"], r["change_2022_2023"]
    figs = (
        Figure("gti_score", tr._(GTI_2023_SCORE), tr.decimal(score, 3), src, fns, None, flag),
        Figure("gti_change_2013", tr._("Change 2013–2023"), tr.signed(c13, 3), src, fns),
        Figure("gti_change_2022", tr._("Change 2022–2023"), tr.signed(c22, 3), src, fns),
    )
    return figs, None, str(r["country_as_printed"])


def _table1_name_ru(iso3: str, inp: Inputs) -> str | None:
    row = inp.gti[inp.gti["iso3"] == iso3]
    if row.empty or "country_as_printed_ru" not in row:
        return None
    return _text(row.iloc[0]["country_as_printed_ru"])


def _key_figures(iso3: str, inp: Inputs, tr: Translator) -> tuple[Figure, ...]:
    kf = inp.key_figures[inp.key_figures["country"] == iso3]
    flagged = inp.flags[inp.flags["resource"] == "key_figures"].set_index("row")["note"]
    out = []
    for _, r in kf.iterrows():
        fns = _nums(r["footnotes"])
        label = str(r["label"])
        if not pd.isna(r["year"]) and str(r["year"]) not in label:
            label = f"{label} ({r['year']})"
        out.append(
            Figure(
                str(r["id"]),
                label,
                figure_text(str(r["value_as_printed"]), r["unit"]),
                fn_label(fns, tr),
                fns,
                _text(r["note"]),
                # the row's own flag (translated), else one computed by data.flags()
                _text(r["flag_note"])
                or (_text(flagged.get(r["id"])) if r["id"] in flagged.index else None),
            )
        )
    return tuple(out)


def _approaches(iso3: str, inp: Inputs, tr: Translator) -> pd.DataFrame:
    c = inp.cells[(inp.cells["country"] == iso3) & (inp.cells["evidence"] != "not_found")].copy()
    c["evidence_label"] = [tr._(EVIDENCE_LABELS[e]) for e in c["evidence"]]
    # each Table 4 phrase's translation, in the phrases' order ('' where there is none)
    c["table4_phrases_ru"] = [
        tuple(inp.phrases_ru.get((iso3, p), "") for p in ps) for ps in c["table4_phrases"]
    ]
    c["in_table4"] = c["evidence"] == "table4"
    c = c.sort_values(["in_table4", "display_order"], ascending=[False, True])
    cols = [
        "category",
        "category_label",
        "evidence",
        "evidence_label",
        "in_table4",
        "table4_phrases",
        "table4_phrases_ru",
        "initiatives",
        "n_initiatives",
        "footnotes",
        "flag_note",
    ]
    return c[cols].reset_index(drop=True)


def _initiatives(iso3: str, inp: Inputs, tr: Translator) -> pd.DataFrame:
    ini = inp.initiatives[inp.initiatives["countries"].map(lambda cs: iso3 in cs)].copy()
    ini["when"] = [
        date_range(s, e, tr)
        if isinstance(s, str)
        else tr._("undated: {date_text}").format(date_text=t)
        for s, e, t in zip(ini["start"], ini["end"], ini["date_text"], strict=True)
    ]
    ini["dated"] = ini["period_start"].notna()
    ini["flagged"] = ini["flag"].notna()
    ini = ini.sort_values(
        ["dated", "period_start", "period_end", "title"],
        ascending=[False, True, True, True],
        na_position="last",
    )
    cols = [
        "id",
        "title",
        "type",
        "scope",
        "when",
        "start",
        "end",
        "start_precision",
        "end_precision",
        "period_start",
        "period_end",
        "dated",
        "footnotes",
        "flag",
        "flag_note",
        "flagged",
        "summary",
    ]
    return ini[cols].reset_index(drop=True)


def _groups(ids: Iterable[str], inp: Inputs) -> pd.DataFrame:
    wanted = list(dict.fromkeys(ids))
    g = inp.armed_groups.set_index("id")
    rows = [
        {
            "id": i,
            "name": g.loc[i, "name"],
            "footnotes": _nums(g.loc[i, "footnotes"]),
            "flag": _text(g.loc[i, "flag"]),
            "flag_note": _text(g.loc[i, "flag_note"]),
        }
        for i in wanted
        if i in g.index
    ]
    return pd.DataFrame(rows, columns=["id", "name", "footnotes", "flag", "flag_note"])


def _rights(iso3: str, inp: Inputs, tr: Translator) -> pd.DataFrame:
    hr = inp.human_rights
    mine = hr[hr["country"] == iso3].assign(scope="country")
    region = hr[hr["country"].isna()].assign(scope="region")
    out = pd.concat([mine, region], ignore_index=True)
    out["stance_label"] = [
        tr._(STANCE_LABELS[s]) if s in STANCE_LABELS else s for s in out["stance"]
    ]
    return out[
        [
            "id",
            "scope",
            "stance",
            "stance_label",
            "year",
            "document",
            "summary",
            "footnotes",
            "basis",
            "note",
        ]
    ]


def _references(
    numbers: Iterable[int], sources: pd.DataFrame, tr: Translator = ENGLISH
) -> pd.DataFrame:
    """Numbered references (the paper's footnote numbers) with citation and link. The
    citation is quoted as printed; in Russian `Translator.quote` adds its translation."""
    by_num = sources.set_index("footnote")

    def cited(n: int) -> str:
        english = str(by_num.loc[n, "citation"])
        if tr.lang == "en":
            return english
        return tr.quote(english, _text(by_num.loc[n].get("citation_ru")))

    rows = []
    for n in sorted({int(n) for n in numbers}):
        if n not in by_num.index:
            continue
        r = by_num.loc[n]
        citation = cited(n)
        url = _text(r["url"])
        if not pd.isna(r["ibid_of"]):
            target = int(r["ibid_of"])
            if target in by_num.index:
                citation = tr._("{citation} (= footnote {number}: {target})").format(
                    citation=citation, number=target, target=cited(target)
                )
                url = url or _text(by_num.loc[target, "url"])
        rows.append({"footnote": n, "citation": citation, "url": url})
    return pd.DataFrame(rows, columns=["footnote", "citation", "url"])


def build_view(iso3: str, inp: Inputs, tr: Translator = ENGLISH) -> CountryView:
    """Everything the page and the brief show for one of the five states (`inp` and `tr`
    in the same language: ``Inputs.from_data(tr.lang)``)."""
    if iso3 not in ORDER:
        raise ValueError(f"{iso3!r} is not one of {ORDER}")
    crow = inp.countries.set_index("iso3").loc[iso3]
    name = str(crow["name"])
    gti, gti_missing, table1_name = _gti(iso3, inp, name, tr)
    key_figs = _key_figures(iso3, inp, tr)
    t4 = inp.table4.set_index("iso3").loc[iso3]
    approaches = _approaches(iso3, inp, tr)
    initiatives = _initiatives(iso3, inp, tr)

    borders = (
        bool(crow["borders_afghanistan"]) if not pd.isna(crow["borders_afghanistan"]) else False
    )
    bn = inp.border_notes[inp.border_notes["neighbours"].map(lambda ns: iso3 in ns)]
    segments = bn[bn["kind"] == "segment"].reset_index(drop=True)
    provinces = bn[bn["kind"] == "province"].reset_index(drop=True)
    if borders:
        border_text = tr._("{name} shares a border with Afghanistan.").format(name=name)
    else:
        ca = inp.countries.set_index("iso3").loc[list(ORDER)]
        bordering = [
            str(n)
            for n, b in zip(ca["name"], ca["borders_afghanistan"], strict=True)
            if b is True or (not pd.isna(b) and bool(b))
        ]
        border_text = tr._(
            "{name} does not share a border with Afghanistan. Of the five states, {states} do."
        ).format(name=name, states=join_list(bordering, tr))
    group_ids = [g for gs in segments["groups"] for g in gs]
    groups = _groups(group_ids, inp)
    rights = _rights(iso3, inp, tr)

    used: set[int] = set()
    for f in (*gti, *key_figs):
        used.update(f.footnotes)
    if gti_missing and len(inp.gti):
        used.update(_nums(inp.gti["footnotes"].iloc[0]))
    for fs in approaches["footnotes"]:
        used.update(fs)
    for fs in initiatives["footnotes"]:
        used.update(fs)
    for fs in pd.concat([segments, provinces])["footnotes"]:
        used.update(fs)
    for fs in groups["footnotes"]:
        used.update(fs)
    for fs in rights["footnotes"]:
        used.update(fs)

    flags = tuple(
        n
        for n in [
            *(f.flag_note for f in (*gti, *key_figs)),
            *approaches["flag_note"],
            *initiatives["flag_note"],
            *segments["flag_note"],
            _text(crow["flag_note"]),
            *groups["flag_note"],
        ]
        if isinstance(n, str)
    )
    return CountryView(
        iso3=iso3,
        name=name,
        in_table1=bool(gti),
        table1_name=table1_name,
        table1_name_ru=_table1_name_ru(iso3, inp),
        gti=gti,
        gti_missing=gti_missing,
        key_figures=key_figs,
        table4_text=str(t4["approaches_as_printed"]),
        table4_text_ru=_text(t4.get("approaches_as_printed_ru")),
        table4_source=f"{t4['table']}, {t4['source_note']}",
        table4_source_ru=(
            f"{table_label(t4['table'], tr)}, {t4['source_note_ru']}"
            if isinstance(t4.get("source_note_ru"), str)
            else None
        ),
        approaches=approaches,
        initiatives=initiatives,
        borders_afghanistan=borders,
        border_text=border_text,
        border_flag=_text(crow["flag_note"]),
        border_flag_kind=_text(crow["flag"]),
        border_segments=segments,
        border_provinces=provinces,
        groups=groups,
        rights=rights,
        references=_references(used, inp.sources, tr),
        flags=flags,
        lang=tr.lang,
    )


# ------------------------------------------------------------------------- metrics


@dataclass(frozen=True)
class Card:
    """One st.metric: label (escaped Markdown, source included), value, delta, help."""

    label: str
    value: str
    delta: str | None = None
    help: str | None = None


def metric_cards(
    view: CountryView,
    *,
    combine_gti: bool = False,
    key_figures: Sequence[Figure] | None = None,
    tr: Translator = ENGLISH,
) -> list[Card]:
    """Headline metrics. `combine_gti` puts both changes on the score's card (briefing)."""
    figs = view.key_figures if key_figures is None else key_figures
    cards: list[Card] = []
    if not view.in_table1:
        cards.append(
            Card(
                tr._("GTI 2023 score · Table 1"),
                tr._("not in Table 1"),
                None,
                md_escape(view.gti_missing),
            )
        )
    elif combine_gti:
        s, c13, c22 = view.gti
        mark = f" {FLAG}" if s.flag_note else ""
        cards.append(
            Card(
                f"{label_escape(s.label)}{mark} · {label_escape(s.source)}",
                s.value,
                tr._("{since_2013} since 2013 · {since_2022} since 2022").format(
                    since_2013=c13.value, since_2022=c22.value
                ),
                md_escape(s.flag_note) if s.flag_note else None,
            )
        )
    else:
        for f in view.gti:
            mark = f" {FLAG}" if f.flag_note else ""
            cards.append(
                Card(
                    f"{label_escape(f.label)}{mark} · {label_escape(f.source)}",
                    f.value,
                    None,
                    md_escape(f.flag_note) if f.flag_note else None,
                )
            )
    for f in figs:
        mark = f" {FLAG}" if f.flag_note else ""
        tip = " ".join(x for x in (f.note, f.flag_note) if x) or None
        cards.append(
            Card(
                f"{label_escape(f.label)}{mark} · {label_escape(f.source)}",
                label_escape(f.value),  # a metric's value renders as Markdown
                None,
                md_escape(tip) if tip else None,
            )
        )
    return cards


def figure_notes(view: CountryView, tr: Translator = ENGLISH) -> list[str]:
    """Escaped captions under the metrics: GTI gaps, names as printed, notes and flags."""
    notes = []
    if view.gti_missing:
        notes.append(md_escape(view.gti_missing))
    # in another language, Table 1's name is compared through its translation
    if view.table1_name and (view.table1_name_ru or view.table1_name) != view.name:
        printed = tr.quote(md_escape(view.table1_name), md_escape(view.table1_name_ru))
        notes.append(tr._("Table 1 prints the name as {name}.").format(name=printed))
    # One caption per distinct note, naming every figure it applies to: two figures read
    # off one sentence (a total in tenge and in dollars) share their note.
    labels: dict[tuple[str, str], list[str]] = {}
    for f in (*view.gti, *view.key_figures):
        for mark, note in ((f"{FLAG} ", f.flag_note), ("", f.note)):
            if note:
                labels.setdefault((mark, note), []).append(md_escape(f.label))
    notes += [
        f"{mark}{'; '.join(names)}: {md_escape(note)}" for (mark, note), names in labels.items()
    ]
    return notes


# ------------------------------------------------------------------------- markdown


def table4_md(view: CountryView, tr: Translator = ENGLISH) -> str:
    """Table 4's cell quoted as printed (in Russian with its marked translation)."""
    quoted = tr.quote(md_escape(view.table4_text), md_escape(view.table4_text_ru))
    source = view.table4_source_ru if tr.lang != "en" and view.table4_source_ru else None
    return f"> {quoted}\n>\n> — {md_escape(source or view.table4_source)}"


def _phrases(r: object, tr: Translator, escape=md_escape) -> str:
    """A category's Table 4 phrases, each quoted as printed (with its translation)."""
    ru = getattr(r, "table4_phrases_ru", ()) or ()
    return "; ".join(
        tr.quote(escape(p), escape(ru[i]) if i < len(ru) and ru[i] else None)
        for i, p in enumerate(r.table4_phrases)
    )


def _count(n: int, tr: Translator) -> str:
    return tr.n_(*INITIATIVE_COUNT, n).format(n=n)


def approaches_md(view: CountryView, compact: bool = False, tr: Translator = ENGLISH) -> str:
    """Table 4 categories first, then categories the paper's text supports."""
    a = view.approaches
    t4 = a[a["in_table4"]]
    text = a[~a["in_table4"]]
    lines = []
    for r in t4.itertuples():
        count = _count(r.n_initiatives, tr)
        if compact:
            lines.append(f"- **{md_escape(r.category_label)}** · {count}")
        else:
            lines.append(
                f"- **{md_escape(r.category_label)}** — "
                + tr._("Table 4: {phrases}").format(phrases=_phrases(r, tr))
                + f" · {count}{refs_md(r.footnotes)}"
            )
    if not text.empty:
        if compact:
            # A slide's column has room for about eight (in Russian, which runs longer);
            # the printable brief lists them all.
            shown = text.head(COMPACT_TEXT_ONLY)
            items = [
                f"{md_escape(r.category_label)} ({r.n_initiatives})" for r in shown.itertuples()
            ]
            if len(text) > len(shown):
                more = len(text) - len(shown)
                items.append(
                    tr.n_("{n} more in the brief", "{n} more in the brief", more).format(n=more)
                )
            label = tr._(EVIDENCE_LABELS["text"])
            lines.append(f"\n**{label}:** " + " · ".join(items))
        else:
            head = tr._("{label} (not in Table 4):").format(label=tr._(EVIDENCE_LABELS["text"]))
            lines.append(f"\n**{head}**\n")
            for r in text.itertuples():
                flag = (
                    " — "
                    + tr._("{flag} flag: {note}").format(flag=FLAG, note=md_escape(r.flag_note))
                    if isinstance(r.flag_note, str)
                    else ""
                )
                lines.append(
                    f"- {md_escape(r.category_label)} · {_count(r.n_initiatives, tr)}"
                    f"{refs_md(r.footnotes)}{flag}"
                )
    return "\n".join(lines)


def _flag_line(note: str, kind: str | None, tr: Translator, compact: bool = False) -> str:
    """A flag as a list item; on a slide (``compact``) its kind only: the note is in the
    brief, where there is room for both versions."""
    if compact:  # the glyph says "flag"; the kind says which
        name = md_escape(flag_kind(kind, tr)) if kind else tr._(FLAG_HEADING)
        return f"- {FLAG} **{name}:** {tr._(BOTH_IN_BRIEF)}"
    return f"- {FLAG} {flag_md(kind, note, tr)}"


def border_md(view: CountryView, compact: bool = False, tr: Translator = ENGLISH) -> str:
    if not view.borders_afghanistan:
        head = tr._(NO_SHARED_BORDER)
        text = f"**{head}** {md_escape(view.border_text)}"
        if view.border_flag:
            text += "\n\n" + _flag_line(view.border_flag, view.border_flag_kind, tr, compact)
        return text
    w = {
        "terrain": tr._(TERRAIN),
        "groups": tr._(GROUPS),
        "risk": tr._(RISK),
        "measures": tr._(MEASURES),
    }
    lines = []
    groups = ", ".join(
        flag_marked(md_escape(g.name), g.flag_note) for g in view.groups.itertuples()
    )
    for r in view.border_segments.itertuples():
        if compact:
            lines += [
                f"**{md_escape(r.title)}** · {w['terrain'].lower()}: {md_escape(r.terrain)}",
                f"- **{w['risk']}:** {md_escape(r.risk_note)}",
                f"- **{w['measures']}:** {md_escape(r.measures)}{refs_md(r.footnotes)}",
            ]
        else:
            lines += [
                f"**{md_escape(r.title)}**{refs_md(r.footnotes)}",
                f"- **{w['terrain']}:** {md_escape(r.terrain)}",
                f"- **{w['groups']}:** {groups}. {md_escape(r.groups_note)}",
                f"- **{w['risk']}:** {md_escape(r.risk_note)}",
                f"- **{w['measures']}:** {md_escape(r.measures)}",
            ]
        if isinstance(r.flag_note, str):
            lines.append(_flag_line(r.flag_note, r.flag, tr, compact))
    if not compact and not view.border_segments.empty:
        flagged = [g for g in view.groups.itertuples() if isinstance(g.flag_note, str)]
        lines += [_flag_line(g.flag_note, g.flag, tr) for g in flagged]
    # The Afghan provinces across the border are on the page and in the brief; a slide has
    # room only for the border itself (in Russian, Tajikistan's ran past the screen).
    if not compact and not view.border_provinces.empty:
        names = ", ".join(md_escape(t) for t in view.border_provinces["title"])
        fns = {n for fs in view.border_provinces["footnotes"] for n in fs}
        risk = md_escape(view.border_provinces["risk_note"].iloc[0])
        head = tr._(NEIGHBOURING_PROVINCES)
        lines.append(f"- **{head}:** {names}. {risk}{refs_md(fns)}")
    return "\n".join(lines)


def rights_md(view: CountryView, compact: bool = False, tr: Translator = ENGLISH) -> str:
    r = view.rights
    mine = r[r["scope"] == "country"]
    region = r[r["scope"] == "region"]
    lines = []
    shown = mine[mine["stance"] != "good_practice"] if compact else mine
    for x in shown.itertuples():
        doc = (
            f" ({md_escape(x.document)}, {x.year})"
            if isinstance(x.document, str) and not compact
            else ""
        )
        cite = (
            refs_md(x.footnotes)
            if x.footnotes
            else f" ({md_escape(x.note)})"
            if isinstance(x.note, str)
            else f" ({tr._(NO_FOOTNOTE)})"
        )
        lines.append(f"- **{md_escape(x.stance_label)}:** {md_escape(x.summary)}{doc}{cite}")
    if mine.empty:
        lines.append("- " + tr._(NO_COUNTRY_CONCERN).format(name=md_escape(view.name)))
    if compact:
        more = len(mine) - len(shown) + len(region)
        if more:
            lines.append(
                "- "
                + tr.n_(
                    "{n} more item (good practice, region-wide) in the brief.",
                    "{n} more items (good practice, region-wide) in the brief.",
                    more,
                ).format(n=more)
            )
    else:
        region_wide = tr._(REGION_WIDE)
        for x in region.itertuples():
            lines.append(
                f"- *{region_wide}* · **{md_escape(x.stance_label)}:** "
                f"{md_escape(x.summary)}{refs_md(x.footnotes)}"
            )
    return "\n".join(lines)


def references_md(view: CountryView, tr: Translator = ENGLISH) -> str:
    """Each footnote the view uses, under its number in the paper, with its link."""
    items = []
    for r in view.references.itertuples():
        link = ""
        if isinstance(r.url, str) and r.url.startswith(("http://", "https://")):
            safe = r.url.replace(")", "%29").replace("(", "%28").replace(" ", "%20")
            link = " [{}]({})".format(tr._("link"), safe)
        items.append((r.footnote, f"{md_escape(r.citation)}{link}"))
    return numbered_md(items)


def initiatives_table(view: CountryView, tr: Translator = ENGLISH) -> pd.DataFrame:
    """The list of initiatives for display (dates at their printed precision)."""
    i = view.initiatives
    return pd.DataFrame(
        {
            tr._("When"): i["when"],
            tr._(INITIATIVE): [
                (f"{FLAG} " if f else "") + t for t, f in zip(i["title"], i["flagged"], strict=True)
            ],
            tr._(SCOPE): [scope_label(c, tr) for c in i["scope"]],
            tr._(FOOTNOTES): [", ".join(str(n) for n in fs) for fs in i["footnotes"]],
            tr._(FLAG_HEADING): i["flag_note"].fillna(""),
        }
    )


# --------------------------------------------------------------------------- charts


def timeline_chart(
    initiatives: pd.DataFrame,
    *,
    font_size: int = 16,
    row_height: int = 26,
    label_limit: int = 420,
    width: int | str = "container",
    title: str | None = None,
    legend: bool = True,
    tr: Translator = ENGLISH,
    name: str | None = None,
) -> alt.Chart:
    """Bands from the first to the last day covered at the printed precision: a '2023'
    item spans the whole year, 'July 2023' the whole month. Undated items are left out
    (the caller says how many)."""
    d = initiatives[initiatives["dated"]].copy()
    d["label"] = [
        f"{w} · {(FLAG + ' ') if f else ''}{t}"
        for w, t, f in zip(d["when"], d["title"], d["flagged"], strict=True)
    ]
    d["footnote_list"] = [", ".join(str(n) for n in fs) for fs in d["footnotes"]]
    d["precision"] = d["start_precision"]
    d["scope"] = [scope_label(c, tr) for c in d["scope"]]
    d = d[
        [
            "label",
            "title",
            "when",
            "scope",
            "precision",
            "footnote_list",
            "period_start",
            "period_end",
        ]
    ]
    order = list(d["label"])
    lo = d["period_start"].min()
    hi = d["period_end"].max()
    domain = (
        [
            pd.Timestamp(year=lo.year, month=1, day=1).isoformat(),
            pd.Timestamp(
                year=hi.year + (0 if hi.month == 1 and hi.day == 1 else 1), month=1, day=1
            ).isoformat(),
        ]
        if len(d)
        else None
    )
    colours = {scope_label(c, tr): colour for c, colour in SCOPE_COLOURS.items()}
    dashes = {scope_label(c, tr): dash for c, dash in SCOPE_DASHES.items()}
    scopes = [s for s in colours if s in set(d["scope"])] or list(colours)
    scope_legend = (
        alt.Legend(
            orient="bottom",
            direction="horizontal",
            offset=4,
            labelFontSize=font_size,
            title=None,
            padding=0,
            symbolSize=font_size * 12,
            labelColor="#000000",
            symbolStrokeColor="#000000",
            symbolStrokeWidth=1.8,
        )
        if legend
        else None
    )
    chart = (
        alt.Chart(d, title=title if title else alt.Undefined)
        .mark_bar(cornerRadius=2, stroke="#000000", strokeWidth=1.8)
        .encode(
            x=alt.X(
                "period_start:T",
                title=None,
                scale=alt.Scale(domain=domain) if domain else alt.Undefined,
                axis=alt.Axis(
                    format="%Y",
                    labelFontSize=font_size,
                    tickCount="year",
                    grid=True,
                    labelOverlap=True,
                ),
            ),
            x2="period_end:T",
            y=alt.Y(
                "label:N",
                sort=order,
                title=None,
                axis=alt.Axis(
                    labelFontSize=font_size, labelLimit=label_limit, labelColor="#000000"
                ),
            ),
            color=alt.Color(
                "scope:N",
                title=tr._(SCOPE),
                scale=alt.Scale(domain=scopes, range=[colours[s] for s in scopes]),
                legend=scope_legend,
            ),
            strokeDash=alt.StrokeDash(  # the same legend: one key, colour and outline
                "scope:N",
                title=tr._(SCOPE),
                scale=alt.Scale(domain=scopes, range=[dashes[s] for s in scopes]),
                legend=scope_legend,
            ),
            tooltip=[
                alt.Tooltip("title:N", title=tr._(INITIATIVE)),
                alt.Tooltip("when:N", title=tr._("Date (as printed)")),
                alt.Tooltip("scope:N", title=tr._(SCOPE)),
                alt.Tooltip("footnote_list:N", title=tr._(FOOTNOTES)),
            ],
        )
        .properties(
            height=alt.Step(row_height),
            width=width,
            # the chart's accessible name (components/chart_a11y.py), in the page's language
            description=(
                tr._("Timeline of {name}'s dated initiatives, one bar per initiative").format(
                    name=name
                )
                if name
                else tr._("Timeline of the dated initiatives, one bar per initiative")
            ),
        )
    )
    if tr.lang != "en":  # axis dates and numbers the language's way
        chart = chart.configure(locale=tr.vega_locale())
    return chart.configure_view(stroke=None).configure_title(fontSize=max(20, font_size + 4))


def rewind_for_d3(geometry: dict) -> dict:
    """Vega draws with d3-geo, which wants outer rings clockwise (RFC 7946 GeoJSON, as in
    data/geo, winds them anticlockwise; d3 would then fill the whole globe)."""

    def fix(poly: list) -> list:
        out = []
        for k, ring in enumerate(poly):
            outer_ok = signed_area(ring) < 0
            out.append(ring if (outer_ok if k == 0 else not outer_ok) else ring[::-1])
        return out

    if geometry.get("type") == "Polygon":
        return {"type": "Polygon", "coordinates": fix(geometry["coordinates"])}
    if geometry.get("type") == "MultiPolygon":
        return {"type": "MultiPolygon", "coordinates": [fix(p) for p in geometry["coordinates"]]}
    return geometry


# The mini map is drawn a few hundred pixels wide: about 8-12 px per degree on the page,
# 2 x 7 px per degree in the brief's PNG. Coordinates to 0.01 degree and a Douglas-Peucker
# tolerance of 0.05 degree both stay within about half a pixel.
MAP_DECIMALS = 2
MAP_TOLERANCE = 0.05
# A highlighted state narrower than this (degrees of longitude; Tajikistan) has its name
# written beside it, east of its outline: written on top, the bold name and its halo
# covered most of the one shape the map is there to show.
LABEL_INSIDE_MIN_DEG = 10.0
# named data in the mini map's frame, filled in per country by mini_map
_MAP_COUNTRIES, _MAP_BORDERS, _MAP_LABELS = (
    "mini_map_countries",
    "mini_map_borders",
    "mini_map_labels",
)


@dataclass(frozen=True)
class MapGeometry:
    """What the mini map draws, small enough to send on every country change.

    countries: features (properties iso3, name) of the states that can be in view, their
    coordinates rounded and simplified, polygon parts far out of view dropped, and wound
    for d3; borders: the Afghan border lines, rounded and simplified; labels: iso3 ->
    (lon, lat) of each focus state's name, from the full-precision geometry; bounds:
    (west, south, east, north) of the focus states (five states and Afghanistan); beside:
    where the name of a narrow state goes when it is the one highlighted.
    Shared by cached views: treat as read-only.
    """

    countries: tuple[dict, ...]
    borders: tuple[dict, ...]
    labels: dict[str, tuple[float, float]]
    bounds: tuple[float, float, float, float]
    # iso3 -> (lon, lat) just east of a focus state too narrow to carry its own name
    beside: dict[str, tuple[float, float]] = field(default_factory=dict)


def simplify_ring(
    ring: Sequence[Sequence[float]], tolerance: float, decimals: int
) -> list[list[float]] | None:
    """A closed ring rounded and simplified, or None when it shrinks below a triangle."""
    r = round_points(ring, decimals)
    if len(r) < 4 or r[0] != r[-1]:
        return None
    kept = shapely.LinearRing(r).simplify(tolerance, preserve_topology=False)
    out = [list(p) for p in kept.coords]
    return out if len(out) >= 4 else None


def _overlaps(a: Sequence[float], b: Sequence[float]) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def map_geometry(
    geo_countries: dict,
    geo_borders: dict,
    *,
    decimals: int = MAP_DECIMALS,
    tolerance: float = MAP_TOLERANCE,
) -> MapGeometry:
    """The mini map's geometry for every country view: rounded, simplified, clipped to
    what can be in view (the focus states' box, widened by its own width on each side and
    half its height above and below, which covers charts from 3:5 to 4:1)."""
    focus = set(ORDER) | {AFGHANISTAN}
    feats = geo_countries["features"]
    focus_pts = [
        p
        for f in feats
        if f["properties"].get("iso3") in focus
        for poly in polygons(f["geometry"])
        for p in poly[0]
    ]
    west, south, east, north = points_bbox(focus_pts)
    width, height = east - west, north - south
    view = (west - width, south - height / 2, east + width, north + height / 2)

    countries, labels, beside = [], {}, {}
    for f in feats:
        code = f["properties"].get("iso3")
        parts = []
        for poly in polygons(f["geometry"]):
            if not _overlaps(points_bbox(poly[0]), view):
                continue
            rings_ = [simplify_ring(ring, tolerance, decimals) for ring in poly]
            if rings_[0] is not None:
                parts.append([r for r in rings_ if r is not None])
        if not parts:
            continue
        geometry = rewind_for_d3(
            {"type": "Polygon", "coordinates": parts[0]}
            if len(parts) == 1
            else {"type": "MultiPolygon", "coordinates": parts}
        )
        countries.append(
            {
                "type": "Feature",
                "geometry": geometry,
                "properties": {"iso3": code, "name": f["properties"].get("name")},
            }
        )
        if code in focus:
            labels[code] = largest_ring_centroid(f["geometry"])
            outline_west, _, outline_east, _ = points_bbox(
                p for poly in polygons(f["geometry"]) for p in poly[0]
            )
            if outline_east - outline_west < LABEL_INSIDE_MIN_DEG:
                beside[code] = (round(outline_east, decimals), labels[code][1])

    borders = []
    for f in geo_borders["features"]:
        g = f["geometry"]
        lines = (
            [g["coordinates"]]
            if g.get("type") == "LineString"
            else g["coordinates"]
            if g.get("type") == "MultiLineString"
            else []
        )
        lines = [simplify_line(round_points(line, decimals), tolerance) for line in lines]
        lines = [line for line in lines if len(line) >= 2]
        if lines:
            geometry = (
                {"type": "LineString", "coordinates": lines[0]}
                if len(lines) == 1
                else {"type": "MultiLineString", "coordinates": lines}
            )
            borders.append(
                {"type": "Feature", "geometry": geometry, "properties": dict(f["properties"])}
            )
    return MapGeometry(tuple(countries), tuple(borders), labels, (west, south, east, north), beside)


def mini_map(
    iso3: str,
    geometry: MapGeometry,
    *,
    height: int = 260,
    width: int | str = "container",
    font_size: int = 15,
    tr: Translator = ENGLISH,
    names: dict[str, str] | None = None,
) -> dict:
    """Central Asia and Afghanistan with `iso3` filled dark, named, and its Afghan border
    drawn.

    `geometry` is `map_geometry(...)`, the same for every country. Returns the Vega-Lite
    spec as a dict: the chart's frame is the same for every country (`_mini_map_frame`),
    and only its data (roles, labels, border lines) is filled in here. `names` (iso3 ->
    name, e.g. `country_names` of the data in the view's language) replaces the outlines'
    English names on the labels and tooltips."""
    # Named: the chosen state and Afghanistan, the map's subject. At a locator map's size
    # the other states' names ran into each other (Uzbekistan, Kyrgyzstan, Tajikistan and
    # Turkmenistan on one spot); their tooltips and the map's data table name them.
    named = {iso3, AFGHANISTAN}
    feats, labels = [], []
    for f in geometry.countries:
        code = f["properties"]["iso3"]
        role = (
            "selected"
            if code == iso3
            else "central_asia"
            if code in ORDER
            else "afghanistan"
            if code == AFGHANISTAN
            else "other"
        )
        name = (names or {}).get(code) or territory_name(code, tr) or f["properties"]["name"]
        props = {"iso3": code, "name": name, "role": role}
        feats.append({"type": "Feature", "geometry": f["geometry"], "properties": props})
        if code in named and code in geometry.labels:
            beside = code == iso3 and code in geometry.beside
            lon, lat = geometry.beside[code] if beside else geometry.labels[code]
            labels.append(
                {
                    "name": props["name"],
                    "lon": lon,
                    "lat": lat,
                    "selected": code == iso3,
                    "beside": beside,
                }
            )
    border_feats = [f for f in geometry.borders if iso3 in str(f["properties"].get("id"))]
    spec = json.loads(
        _mini_map_frame(bool(border_feats), geometry.bounds, height, width, font_size, tr)
    )
    # The geometry rides as one compact JSON string (Vega-Lite parses inline string values
    # by their format): 11% fewer bytes than Streamlit's spaced JSON, and copying and
    # serialising the spec on each rerun handles one string, not thousands of small lists.
    inline = {
        name: {
            "values": json.dumps(values, separators=(",", ":"), ensure_ascii=False),
            "format": {"type": "json"},
        }
        for name, values in ((_MAP_COUNTRIES, feats), (_MAP_BORDERS, border_feats))
    } | {_MAP_LABELS: {"values": labels}}
    _fill_named_data(spec, inline)
    # the accessible name (components/chart_a11y.py) names the state the map is about
    chosen = next((f["properties"]["name"] for f in feats if f["properties"]["iso3"] == iso3), iso3)
    spec["description"] = tr._(
        "Map of the five Central Asian states and Afghanistan, {name} highlighted"
    ).format(name=chosen)
    return spec


def territory_name(iso3: str, tr: Translator = ENGLISH) -> str | None:
    """A neighbour's name in `tr`'s language from Babel's CLDR data (the package curates
    names only for the states the paper discusses); None in English, where the outlines'
    own names are used."""
    if tr.lang == "en":
        return None
    alpha2 = (get_global("territory_aliases").get(iso3) or [None])[0]
    return tr.locale.territories.get(alpha2) if alpha2 else None


def _fill_named_data(node: dict, inline: dict[str, dict]) -> None:
    """Replace each layer's named data ({"name": n}) with inline[n], at any depth."""
    for layer in node.get("layer", []):
        name = layer.get("data", {}).get("name")
        if name in inline:
            layer["data"] = inline[name]
        _fill_named_data(layer, inline)


@functools.lru_cache(maxsize=16)
def _mini_map_frame(
    border: bool,
    bounds: tuple[float, float, float, float],
    height: int,
    width: int | str,
    font_size: int,
    tr: Translator = ENGLISH,
) -> str:
    """The mini map's spec around named, empty data, as JSON. Why: Altair validates every
    channel as the chart is built, about 0.1 s per map, and nothing in the frame depends
    on the country, so the five country views (and the brief) share one build."""
    # Frame the focus states: their box's corners project to the same bounds as their
    # outlines (Mercator keeps parallels and meridians straight), at a fraction of the bytes.
    west, south, east, north = bounds
    fit = {
        "type": "Feature",
        "properties": {},
        "geometry": {
            "type": "MultiPoint",
            "coordinates": [[west, south], [east, south], [east, north], [west, north]],
        },
    }
    projection = alt.Projection(type="mercator", fit=fit)
    roles = list(MAP_COLOURS)
    shapes = (
        alt.Chart(alt.NamedData(name=_MAP_COUNTRIES))
        .mark_geoshape(stroke="#ffffff", strokeWidth=1, clip=True)
        .encode(
            color=alt.Color(
                "properties.role:N",
                legend=None,
                scale=alt.Scale(domain=roles, range=[MAP_COLOURS[r] for r in roles]),
            ),
            tooltip=[alt.Tooltip("properties.name:N", title=tr._(COUNTRY))],
        )
    )
    layers = [shapes]
    if border:
        layers.append(
            alt.Chart(alt.NamedData(name=_MAP_BORDERS)).mark_geoshape(
                filled=False, stroke=BORDER_COLOUR, strokeWidth=4, clip=True
            )
        )

    def names(halo: bool) -> alt.Chart:
        mark = alt.Chart(alt.NamedData(name=_MAP_LABELS)).mark_text(
            fontWeight="bold",
            stroke="#ffffff" if halo else None,
            strokeWidth=4 if halo else 0,
            strokeJoin="round",
            align=alt.ExprRef(expr="datum.beside ? 'left' : 'center'"),
            dx=alt.ExprRef(expr="datum.beside ? 4 : 0"),
        )
        return mark.encode(
            longitude="lon:Q",
            latitude="lat:Q",
            text="name:N",
            size=alt.condition("datum.selected", alt.value(font_size + 3), alt.value(font_size)),
            color=alt.condition("datum.selected", alt.value("#000000"), alt.value("#333333")),
        )

    layers.append(alt.layer(names(True), names(False)))
    chart = (
        alt.layer(*layers).project(**projection.to_dict()).properties(height=height, width=width)
    )
    if tr.lang != "en":
        chart = chart.configure(locale=tr.vega_locale())
    spec = chart.configure_view(stroke=None).to_dict()
    return json.dumps(spec)


MAP_TABLE_LABEL = N_("Data table: what this map shows")
MAP_TABLE_KEY = "country_map_data"
INITIATIVES_TABLE_LABEL = N_("Data table: the initiatives on this chart")


def map_table(
    view: CountryView,
    geometry: MapGeometry,
    key: str = MAP_TABLE_KEY,
    tr: Translator = ENGLISH,
    names: dict[str, str] | None = None,
) -> DataTable:
    """The mini map's text alternative (issue 17): each state named on it, as it is named
    there (`names` and `territory_name` as in `mini_map`), how it is drawn, and whether its
    border with Afghanistan is drawn (only the chosen state's is)."""
    drawn = {f["properties"]["iso3"]: f["properties"]["name"] for f in geometry.countries}
    rows = []
    for iso in (*ORDER, AFGHANISTAN):
        if iso not in drawn:
            continue
        if iso == view.iso3:
            shown = tr._("this country: dark blue, name in larger bold type")
            border = (
                tr._("yes: the thick orange line")
                if view.borders_afghanistan
                else tr._("no shared border")
            )
        elif iso == AFGHANISTAN:
            shown, border = tr._("Afghanistan: beige, named"), ""
        else:
            shown = tr._("another Central Asian state: light blue, named")
            border = tr._("not drawn")
        name = (names or {}).get(iso) or territory_name(iso, tr) or drawn[iso]
        rows.append((name, shown, border))
    columns = [tr._(COUNTRY), tr._(ON_THE_MAP), tr._(AFGHAN_BORDER)]
    frame = pd.DataFrame(rows, columns=columns)
    return DataTable(tr._(MAP_TABLE_LABEL), md_escape_frame(frame), key)


# ------------------------------------------------------------------- briefing slide (issue 15)

# The slide's mini map (1080p design px): 180, so that Tajikistan's slide, the longest, fits
# in Russian too, with its row of data-table expanders and the briefing frame's language
# button (at 200 it ran 1 px over at 1920x1080).
SLIDE_MAP_PX = 180


def slides(
    view: CountryView,
    geometry: MapGeometry,
    tr: Translator = ENGLISH,
    names: dict[str, str] | None = None,
) -> tuple:
    """The country's one projector screen: a headline figure on top of each column, then
    Table 4 and the approaches; the Afghan border with the mini map; the initiatives on a
    labelled timeline and the human-rights record. Long lists stay in the printable brief."""
    from components.slides import MIN_CHART_PX, Block, Slide, legible, without_tooltips

    cards = metric_cards(view, combine_gti=True, key_figures=view.key_figures[:2], tr=tr)
    tops = [
        (
            Block("metric", (c.label, c.value, c.delta or "")),
            # a flagged card's label carries the glyph; its note is in the brief and the help
            *((Block("caption", f"{FLAG} {tr._(FLAG_IN_BRIEF)}"),) if FLAG in c.label else ()),
        )
        for c in cards[:3]
    ]
    tops += [()] * (3 - len(tops))
    chart = legible(
        without_tooltips(
            mini_map(
                view.iso3, geometry, height=SLIDE_MAP_PX, font_size=MIN_CHART_PX, tr=tr, names=names
            )
        )
    )
    n = len(view.initiatives)
    timeline = legible(
        without_tooltips(
            timeline_chart(
                view.initiatives,
                font_size=MIN_CHART_PX,
                row_height=24,
                label_limit=330,
                legend=True,
                tr=tr,
                name=view.name,
            ).to_dict(validate=False)
        )
    )
    # The timeline draws dated items only: its heading says where the rest are.
    n_undated = n - int(view.initiatives["dated"].sum())
    heading = (
        tr._("Initiatives ({n}; {undated} undated, in the brief)").format(n=n, undated=n_undated)
        if n_undated
        else tr._(INITIATIVES_N).format(n=n)
    )
    columns = (
        (
            *tops[0],
            Block("heading", tr._(APPROACHES_TABLE4)),
            Block("text", table4_md(view, tr)),
            Block("text", approaches_md(view, compact=True, tr=tr)),
        ),
        (
            *tops[1],
            Block("heading", tr._(AFGHAN_BORDER)),
            Block("chart", chart, SLIDE_MAP_PX),
            Block("text", border_md(view, compact=True, tr=tr)),
        ),
        (
            *tops[2],
            Block("heading", heading),
            Block("chart", timeline),
            Block("heading", tr._(HUMAN_RIGHTS)),
            Block("text", rights_md(view, compact=True, tr=tr)),
        ),
    )
    return (
        Slide(
            page="countries",
            part="country",
            title=md_escape(view.name),
            columns=columns,
            widths=(1.0, 1.05, 1.3),
            footnotes=tuple(view.footnotes),
            source=tr._("The paper's footnotes; full references in the printable brief"),
            params=(("country", view.iso3),),
            tables=(
                map_table(view, geometry, "country_slide_map_data", tr=tr, names=names),
                DataTable(
                    tr._(INITIATIVES_TABLE_LABEL),
                    md_escape_frame(initiatives_table(view, tr)),
                    "country_slide_initiatives_data",
                ),
            ),
        ),
    )
