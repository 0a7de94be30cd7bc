"""Pure builder of the printable country brief: one self-contained HTML file for A4.

The brief carries the headline figures, approaches, initiatives, Afghan border notes,
human-rights items, numbered references (the paper's footnote numbers), the date and the
dataset version. Charts are static PNG images rendered by vl-convert (no browser, no
network) and inlined as data: URIs; the CSS is inline. Nothing is loaded from anywhere:
sources are plain <a href> links. Every piece of data text goes through html.escape.

Fonts: the charts are drawn in DejaVu Sans, registered with vl-convert from the directory
the Makefile installs (Debian's fonts-dejavu-core), so Cyrillic (and the flag glyph) never
falls back to missing-glyph boxes, whatever fonts the host has. The HTML asks for the same
family first; a reader's own fonts take over where it is absent.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
from collections.abc import Iterable
from pathlib import Path

import altair as alt
import vl_convert as vlc

from components.country_view import CountryView, fn_label, scope_label
from components.i18n import ENGLISH, Translator
from components.text import flag_marked, flag_word
from components.text import html_escape as esc
from components.vega_data import FONT_FAMILY_KEYS, map_spec
from components.vocab import (
    APPROACHES,
    EVIDENCE_HEADING,
    FLAG,
    GROUPS,
    HUMAN_RIGHTS,
    INITIATIVE,
    INITIATIVES,
    MEASURES,
    N_,
    NEIGHBOURING_PROVINCES,
    NO_COUNTRY_CONCERN,
    NO_FOOTNOTE,
    NO_SHARED_BORDER,
    REFERENCES,
    REGION_WIDE,
    RISK,
    SCOPE,
    SOURCE,
    TABLE4_WORDING,
    TERRAIN,
    THE_AFGHAN_BORDER,
)

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")  # installed by the Makefile
FONT = "DejaVu Sans"

PRINT_CSS = """
@page { size: A4; margin: 14mm 14mm 16mm 14mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "DejaVu Sans", "Source Sans Pro", "Segoe UI", "Helvetica Neue", Arial,
       sans-serif;
       font-size: 10.5pt; line-height: 1.35; color: #000; background: #fff;
       max-width: 182mm; margin: 0 auto; padding: 6mm 0; }
h1 { font-size: 20pt; margin: 0 0 1mm 0; }
h2 { font-size: 13.5pt; margin: 6mm 0 2mm 0; padding-bottom: 1mm;
     border-bottom: 1.5pt solid #0b5394; break-after: avoid; page-break-after: avoid; }
p { margin: 0 0 2mm 0; }
.meta { color: #222; font-size: 9.5pt; margin-bottom: 3mm; }
table { width: 100%; border-collapse: collapse; margin: 1mm 0 3mm 0; }
th, td { text-align: left; vertical-align: top; padding: 1.2mm 1.6mm;
         border-bottom: 0.5pt solid #999; }
th { background: #eef2f7; font-weight: 600; }
tr { break-inside: avoid; page-break-inside: avoid; }
td.value { font-weight: 700; font-size: 12pt; min-width: 24mm; }
blockquote { margin: 1mm 0 3mm 0; padding: 2mm 3mm; border-left: 3pt solid #0b5394;
             background: #f5f7fa; }
ul { margin: 0 0 2mm 0; padding-left: 5mm; }
li { margin-bottom: 1mm; break-inside: avoid; }
figure { margin: 2mm 0 3mm 0; break-inside: avoid; page-break-inside: avoid; }
figure img { max-width: 100%; height: auto; display: block; }
figcaption { font-size: 9pt; color: #222; }
.flag { font-weight: 600; }
.refs li { font-size: 9.5pt; }
.ref { font-size: 8.5pt; vertical-align: super; }
a { color: #0b5394; word-break: break-all; }
.two { display: flex; gap: 5mm; align-items: flex-start; }
.two > div { flex: 1 1 0; }
@media print { a { color: #000; } body { padding: 0; } }
"""


@functools.cache
def register_fonts(font_dir: Path = FONT_DIR) -> bool:
    """Register the brief's font directory with vl-convert once per process. False when
    the directory is missing (the charts then use whatever fonts vl-convert finds)."""
    if not font_dir.is_dir():
        return False
    vlc.register_font_directory(str(font_dir))
    return True


def chart_spec(chart: alt.TopLevelMixin | dict) -> dict:
    """The Vega-Lite spec the brief renders: a fixed width and every text in `FONT`."""
    spec = dict(chart) if isinstance(chart, dict) else chart.to_dict()
    if spec.get("width") == "container":
        spec["width"] = 640
    config = dict(spec.get("config") or {})
    config["font"] = FONT  # titles, axes, legends and text marks
    spec["config"] = config
    # ... including those that name the app's font, which a printed page does not have
    return map_spec(spec, FONT_FAMILY_KEYS, lambda _: FONT, (str,))


def chart_png(chart: alt.TopLevelMixin | dict, scale: float = 2.0) -> bytes:
    """A static PNG of an Altair chart, or of a Vega-Lite spec dict (the mini map), via
    vl-convert in DejaVu Sans, forbidding any remote data load."""
    register_fonts()
    return vlc.vegalite_to_png(chart_spec(chart), scale=scale, allowed_base_urls=[])


def chart_svg(chart: alt.TopLevelMixin | dict) -> str:
    """A static SVG of a chart (vector: sharp at any print size, and a fraction of a
    2x PNG's bytes). Its text names DejaVu Sans, then any sans-serif the reader has."""
    register_fonts()  # vl-convert measures the text with the same font
    svg = vlc.vegalite_to_svg(chart_spec(chart), allowed_base_urls=[])
    return svg.replace(f'font-family="{FONT}"', f"font-family=\"'{FONT}', sans-serif\"")


def data_uri(content: bytes, mime: str = "image/png") -> str:
    return f"data:{mime};base64," + base64.b64encode(content).decode("ascii")


def _refs(numbers: Iterable[int]) -> str:
    nums = sorted({int(n) for n in numbers})
    if not nums:
        return ""
    links = ", ".join(f'<a href="#fn{n}">{n}</a>' for n in nums)
    return f' <span class="ref">[{links}]</span>'


def _figures(view: CountryView, tr: Translator) -> str:
    rows = []
    for f in (*view.gti, *view.key_figures):
        flag = f'<br><span class="flag">{FLAG} {esc(f.flag_note)}</span>' if f.flag_note else ""
        note = f"<br><small>{esc(f.note)}</small>" if f.note else ""
        # a GTI figure's source names its table ("Table 1, fns 36, 37"): keep the table
        fn = fn_label(f.footnotes, tr)
        table = f.source.removesuffix(fn).rstrip(", ") if f.source != fn else ""
        rows.append(
            f'<tr><td>{esc(f.label)}{note}{flag}</td><td class="value">{esc(f.value)}</td>'
            f"<td>{esc(table)}{_refs(f.footnotes)}</td></tr>"
        )
    gti = esc(tr._("GTI"))  # (a literal inside an f-string is not extracted by Babel)
    missing = f"<p><strong>{gti}:</strong> {esc(view.gti_missing)}</p>" if view.gti_missing else ""
    heads = "".join(f"<th>{esc(tr._(h))}</th>" for h in FIGURE_HEADS)
    table = (
        f"<table><thead><tr>{heads}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        if rows
        else ""
    )
    return missing + table


FIGURE_HEADS = (N_("Figure"), N_("As published"), SOURCE)
APPROACH_HEADS = (N_("Category"), EVIDENCE_HEADING, TABLE4_WORDING, INITIATIVES)
INITIATIVE_HEADS = (N_("When (as printed)"), INITIATIVE, SCOPE, N_("Refs"))


def _heads(heads: Iterable[str], tr: Translator) -> str:
    return "<thead><tr>" + "".join(f"<th>{esc(tr._(h))}</th>" for h in heads) + "</tr></thead>"


def _approaches(view: CountryView, tr: Translator) -> str:
    rows = []
    for r in view.approaches.itertuples():
        ru = getattr(r, "table4_phrases_ru", ()) or ()
        phrases = (
            "; ".join(
                tr.quote(esc(p), esc(ru[i]) if i < len(ru) and ru[i] else None)
                for i, p in enumerate(r.table4_phrases)
            )
            or "—"
        )
        flag = (
            f'<br><span class="flag">{FLAG} {esc(r.flag_note)}</span>'
            if isinstance(r.flag_note, str)
            else ""
        )
        rows.append(
            f"<tr><td>{esc(r.category_label)}{flag}</td><td>{esc(r.evidence_label)}</td>"
            f"<td>{phrases}</td><td>{r.n_initiatives}{_refs(r.footnotes)}</td></tr>"
        )
    quoted = tr.quote(esc(view.table4_text), esc(view.table4_text_ru))
    source = view.table4_source_ru if tr.lang != "en" and view.table4_source_ru else None
    return (
        f"<blockquote>{quoted}<br><small>— {esc(source or view.table4_source)}"
        "</small></blockquote>"
        f"<table>{_heads(APPROACH_HEADS, tr)}<tbody>{''.join(rows)}</tbody></table>"
    )


def _initiatives(view: CountryView, timeline_uri: str | None, tr: Translator) -> str:
    i = view.initiatives
    fig = ""
    if timeline_uri:
        alt_text = tr._("Timeline of {name}'s initiatives").format(name=view.name)
        caption = tr._(
            "Bands cover the whole period at the printed precision (a year-dated item spans "
            "the year). Undated items are listed only."
        )
        fig = (
            f'<figure><img alt="{esc(alt_text)}" src="{timeline_uri}">'
            f"<figcaption>{esc(caption)}</figcaption></figure>"
        )
    rows = []
    for r in i.itertuples():
        flag = (
            f'<br><span class="flag">{FLAG} {esc(r.flag_note)}</span>'
            if isinstance(r.flag_note, str)
            else ""
        )
        rows.append(
            f"<tr><td>{esc(r.when)}</td><td>{esc(r.title)}{flag}</td>"
            f"<td>{esc(scope_label(r.scope, tr))}</td><td>{_refs(r.footnotes)}</td></tr>"
        )
    return f"{fig}<table>{_heads(INITIATIVE_HEADS, tr)}<tbody>{''.join(rows)}</tbody></table>"


def _flag_item(kind: object, note: object, tr: Translator) -> str:
    """One flag as a list item: '⚑ Flag (kind): note' ('' without a note)."""
    if not isinstance(note, str):
        return ""
    return f'<li class="flag">{FLAG} {esc(flag_word(kind, tr))}: {esc(note)}</li>'


def _border(view: CountryView, tr: Translator) -> str:
    if not view.borders_afghanistan:
        head = esc(tr._(NO_SHARED_BORDER))
        flag = _flag_item(view.border_flag_kind, view.border_flag, tr)
        flag = f"<ul>{flag}</ul>" if flag else ""
        return f"<p><strong>{head}</strong> {esc(view.border_text)}</p>{flag}"
    out = []
    groups = ", ".join(flag_marked(esc(g.name), g.flag_note) for g in view.groups.itertuples())
    group_flags = "".join(_flag_item(g.flag, g.flag_note, tr) for g in view.groups.itertuples())
    w = {
        "Terrain": esc(tr._(TERRAIN)),
        "Groups": esc(tr._(GROUPS)),
        "Risk": esc(tr._(RISK)),
        "Measures": esc(tr._(MEASURES)),
    }
    for r in view.border_segments.itertuples():
        flag = _flag_item(r.flag, r.flag_note, tr)
        out.append(
            f"<p><strong>{esc(r.title)}</strong>{_refs(r.footnotes)}</p><ul>"
            f"<li><strong>{w['Terrain']}:</strong> {esc(r.terrain)}</li>"
            f"<li><strong>{w['Groups']}:</strong> {groups}. {esc(r.groups_note)}</li>"
            f"<li><strong>{w['Risk']}:</strong> {esc(r.risk_note)}</li>"
            f"<li><strong>{w['Measures']}:</strong> {esc(r.measures)}</li>{flag}{group_flags}</ul>"
        )
    if not view.border_provinces.empty:
        names = ", ".join(esc(t) for t in view.border_provinces["title"])
        fns = {n for fs in view.border_provinces["footnotes"] for n in fs}
        heading = esc(tr._(NEIGHBOURING_PROVINCES))
        out.append(
            f"<p><strong>{heading}:</strong> {names}. "
            f"{esc(view.border_provinces['risk_note'].iloc[0])}{_refs(fns)}</p>"
        )
    return "".join(out)


def _rights(view: CountryView, tr: Translator) -> str:
    items = []
    region = esc(tr._(REGION_WIDE))
    for x in view.rights.itertuples():
        scope = "" if x.scope == "country" else f"<em>{region}</em> · "
        doc = f" ({esc(x.document)})" if isinstance(x.document, str) else ""
        note = x.note if isinstance(x.note, str) else tr._(NO_FOOTNOTE)
        cite = _refs(x.footnotes) if x.footnotes else f" <small>({esc(note)})</small>"
        items.append(
            f"<li>{scope}<strong>{esc(x.stance_label)}:</strong> {esc(x.summary)}{doc}{cite}</li>"
        )
    if (view.rights["scope"] == "country").sum() == 0:
        none = tr._(NO_COUNTRY_CONCERN).format(name=view.name)
        items.insert(0, f"<li>{esc(none)}</li>")
    return f"<ul>{''.join(items)}</ul>"


def _references(view: CountryView) -> str:
    items = []
    for r in view.references.itertuples():
        link = ""
        if isinstance(r.url, str) and r.url.startswith(("http://", "https://")):
            link = f' <a href="{esc(r.url)}">{esc(r.url)}</a>'
        items.append(f'<li id="fn{r.footnote}" value="{r.footnote}">{esc(r.citation)}{link}</li>')
    return f'<ol class="refs">{"".join(items)}</ol>'


def cited_paper(citation: str, tr: Translator = ENGLISH) -> str:
    """The paper's citation as a printed brief or handout gives it: as published, and in
    another language quoted as published (`Translator.quote`). Not escaped."""
    return citation if tr.lang == ENGLISH.lang else tr.quote(citation)


def build_html(
    view: CountryView,
    *,
    generated: dt.date,
    dataset_version: str,
    paper_citation: str,
    paper_url: str,
    map_png: bytes | None = None,
    timeline_png: bytes | None = None,
    tr: Translator = ENGLISH,
) -> str:
    """The brief as one HTML document (UTF-8, inline CSS, inline images), in `tr`'s
    language (the view built in the same one)."""

    def t(translated: str, **kw: object) -> str:  # filled in and escaped
        return esc(translated.format(**kw) if kw else translated)

    alt_text = tr._("Map locating {name}")
    w = {
        "title": t(tr._("{name}: country brief"), name=view.name),
        "doc": t(tr._("{name} – country brief"), name=view.name),
        "as_published": t(
            tr._(
                "Figures are as published; bracketed numbers are the paper's footnotes "
                "(references below)."
            )
        ),
        "figures": t(tr._("Headline figures")),
        "approaches": t(tr._(APPROACHES)),
        "initiatives": t(tr._(INITIATIVES)),
        "border": t(tr._(THE_AFGHAN_BORDER)),
        "rights": t(tr._(HUMAN_RIGHTS)),
        "references": t(tr._(REFERENCES)),
        "numbered": t(
            tr._("Numbered as the paper's footnotes; every footnote used in this brief.")
        ),
        "summary": t(tr._("This brief summarises one research paper; it is not a live feed.")),
        "version": t(tr._("Dataset version {version}."), version=dataset_version),
    }
    map_fig = ""
    if map_png:
        map_fig = (
            f'<figure><img alt="{t(alt_text, name=view.name)}" '
            f'src="{data_uri(map_png)}"><figcaption>'
            + t(
                tr._(
                    "Boundaries: Natural Earth (simplified, not authoritative). Orange line: "
                    "the shared border with Afghanistan, where there is one."
                )
            )
            + "</figcaption></figure>"
        )
    n_flags = len(view.flags)
    flagged = tr.n_(
        "{n} item is flagged where the paper's text and a cited source, or two passages of the "
        "paper, disagree; both versions are kept.",
        "{n} items are flagged where the paper's text and a cited source, or two passages of the "
        "paper, disagree; both versions are kept.",
        n_flags,
    ).format(n=n_flags)
    flags = f'<p class="flag">{FLAG} {esc(flagged)}</p>' if n_flags else ""
    meta = t(
        tr._(
            "Counter-terrorism and counter-extremism in Central Asia · generated\n{date} · "
            "dataset version {version}"
        ),
        date=tr.partial_date(generated.isoformat()),
        version=dataset_version,
    )
    source = t(tr._("Source: {citation}"), citation=cited_paper(paper_citation, tr))
    body = f"""
<h1>{w["title"]}</h1>
<p class="meta">{meta}<br>
{source}, <a href="{esc(paper_url)}">{esc(paper_url)}</a>.
{w["as_published"]}
</p>
{flags}
<div class="two"><div>
<h2>{w["figures"]}</h2>
{_figures(view, tr)}
</div><div style="flex: 0 0 62mm">{map_fig}</div></div>
<h2>{w["approaches"]}</h2>
{_approaches(view, tr)}
<h2>{w["initiatives"]}</h2>
{_initiatives(view, data_uri(timeline_png) if timeline_png else None, tr)}
<h2>{w["border"]}</h2>
{_border(view, tr)}
<h2>{w["rights"]}</h2>
{_rights(view, tr)}
<h2>{w["references"]}</h2>
<p class="meta">{w["numbered"]}</p>
{_references(view)}
<p class="meta">{w["summary"]}
{w["version"]}</p>
"""
    return (
        f'<!DOCTYPE html>\n<html lang="{esc(tr.lang)}"><head><meta charset="utf-8">'
        f"<title>{w['doc']}</title>"
        f"<style>{PRINT_CSS}</style></head><body>{body}</body></html>\n"
    )
