"""Pure builder of the printable country brief: one self-contained HTML file for A4.

The brief carries the headline figures, approaches, initiatives, Afghan border notes,
human-rights items, numbered references (the paper's footnote numbers), the date and the
dataset version. Charts are static PNG images rendered by vl-convert (no browser, no
network) and inlined as data: URIs; the CSS is inline. Nothing is loaded from anywhere:
sources are plain <a href> links. Every piece of data text goes through html.escape.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Iterable

import altair as alt
import vl_convert as vlc

from components.country_view import CountryView
from components.text import html_escape as esc
from components.vocab import FLAG

PRINT_CSS = """
@page { size: A4; margin: 14mm 14mm 16mm 14mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "Source Sans Pro", "Segoe UI", "Helvetica Neue", Arial, sans-serif;
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
td.value { font-weight: 700; white-space: nowrap; font-size: 12pt; }
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


def chart_png(chart: alt.TopLevelMixin | dict, scale: float = 2.0) -> bytes:
    """A static PNG of an Altair chart, or of a Vega-Lite spec dict (the mini map), via
    vl-convert, forbidding any remote data load."""
    spec = dict(chart) if isinstance(chart, dict) else chart.to_dict()
    if spec.get("width") == "container":
        spec["width"] = 640
    return vlc.vegalite_to_png(spec, scale=scale, allowed_base_urls=[])


def data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def _refs(numbers: Iterable[int]) -> str:
    nums = sorted({int(n) for n in numbers})
    if not nums:
        return ""
    links = ", ".join(f'<a href="#fn{n}">{n}</a>' for n in nums)
    return f' <span class="ref">[{links}]</span>'


def _figures(view: CountryView) -> str:
    rows = []
    for f in (*view.gti, *view.key_figures):
        flag = f'<br><span class="flag">{FLAG} {esc(f.flag_note)}</span>' if f.flag_note else ""
        note = f"<br><small>{esc(f.note)}</small>" if f.note else ""
        rows.append(
            f'<tr><td>{esc(f.label)}{note}{flag}</td><td class="value">{esc(f.value)}</td>'
            f"<td>{esc(f.source.split(',')[0]) if f.source.startswith('Table') else ''}"
            f"{_refs(f.footnotes)}</td></tr>"
        )
    missing = f"<p><strong>GTI:</strong> {esc(view.gti_missing)}</p>" if view.gti_missing else ""
    table = (
        "<table><thead><tr><th>Figure</th><th>As published</th><th>Source</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
        if rows
        else ""
    )
    return missing + table


def _approaches(view: CountryView) -> str:
    rows = []
    for r in view.approaches.itertuples():
        phrases = "; ".join(f"“{esc(p)}”" for p in r.table4_phrases) or "—"
        flag = (
            f'<br><span class="flag">{FLAG} {esc(r.flag_note)}</span>'
            if isinstance(r.flag_note, str)
            else ""
        )
        rows.append(
            f"<tr><td>{esc(r.category_label)}{flag}</td><td>{esc(r.evidence_label)}</td>"
            f"<td>{phrases}</td><td>{r.n_initiatives}{_refs(r.footnotes)}</td></tr>"
        )
    return (
        f"<blockquote>“{esc(view.table4_text)}”<br><small>— {esc(view.table4_source)}"
        "</small></blockquote>"
        "<table><thead><tr><th>Category</th><th>Evidence</th><th>Table 4 wording</th>"
        f"<th>Initiatives</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _initiatives(view: CountryView, timeline_uri: str | None) -> str:
    i = view.initiatives
    fig = ""
    if timeline_uri:
        fig = (
            f'<figure><img alt="Timeline of {esc(view.name)}\'s initiatives" '
            f'src="{timeline_uri}"><figcaption>Bands cover the whole period at the printed '
            "precision (a year-dated item spans the year). Undated items are listed only."
            "</figcaption></figure>"
        )
    rows = []
    for r in i.itertuples():
        flag = (
            f'<br><span class="flag">{FLAG} {esc(r.flag_note)}</span>'
            if isinstance(r.flag_note, str)
            else ""
        )
        rows.append(
            f"<tr><td>{esc(r.when)}</td><td>{esc(r.title)}{flag}</td><td>{esc(r.scope)}</td>"
            f"<td>{_refs(r.footnotes)}</td></tr>"
        )
    return (
        f"{fig}<table><thead><tr><th>When (as printed)</th><th>Initiative</th><th>Scope</th>"
        f"<th>Refs</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _border(view: CountryView) -> str:
    if not view.borders_afghanistan:
        return f"<p><strong>No shared border.</strong> {esc(view.border_text)}</p>"
    out = []
    groups = ", ".join(esc(g) for g in view.groups["name"])
    for r in view.border_segments.itertuples():
        flag = (
            f'<li class="flag">{FLAG} Flag ({esc(r.flag)}): {esc(r.flag_note)}</li>'
            if isinstance(r.flag_note, str)
            else ""
        )
        out.append(
            f"<p><strong>{esc(r.title)}</strong>{_refs(r.footnotes)}</p><ul>"
            f"<li><strong>Terrain:</strong> {esc(r.terrain)}</li>"
            f"<li><strong>Groups:</strong> {groups}. {esc(r.groups_note)}</li>"
            f"<li><strong>Risk:</strong> {esc(r.risk_note)}</li>"
            f"<li><strong>Measures:</strong> {esc(r.measures)}</li>{flag}</ul>"
        )
    if not view.border_provinces.empty:
        names = ", ".join(esc(t) for t in view.border_provinces["title"])
        fns = {n for fs in view.border_provinces["footnotes"] for n in fs}
        out.append(
            f"<p><strong>Neighbouring Afghan provinces:</strong> {names}. "
            f"{esc(view.border_provinces['risk_note'].iloc[0])}{_refs(fns)}</p>"
        )
    return "".join(out)


def _rights(view: CountryView) -> str:
    items = []
    for x in view.rights.itertuples():
        scope = "" if x.scope == "country" else "<em>Region-wide</em> · "
        doc = f" ({esc(x.document)})" if isinstance(x.document, str) else ""
        cite = (
            _refs(x.footnotes)
            if x.footnotes
            else f" <small>({esc(x.note) if isinstance(x.note, str) else 'no footnote'})</small>"
        )
        items.append(
            f"<li>{scope}<strong>{esc(x.stance_label)}:</strong> {esc(x.summary)}{doc}{cite}</li>"
        )
    if (view.rights["scope"] == "country").sum() == 0:
        items.insert(0, f"<li>The paper raises no {esc(view.name)}-specific concern.</li>")
    return f"<ul>{''.join(items)}</ul>"


def _references(view: CountryView) -> str:
    items = []
    for r in view.references.itertuples():
        link = ""
        if isinstance(r.url, str) and r.url.startswith(("http://", "https://")):
            link = f' <a href="{esc(r.url)}">{esc(r.url)}</a>'
        items.append(f'<li id="fn{r.footnote}" value="{r.footnote}">{esc(r.citation)}{link}</li>')
    return f'<ol class="refs">{"".join(items)}</ol>'


def build_html(
    view: CountryView,
    *,
    generated: dt.date,
    dataset_version: str,
    paper_citation: str,
    paper_url: str,
    map_png: bytes | None = None,
    timeline_png: bytes | None = None,
) -> str:
    """The brief as one HTML document (UTF-8, inline CSS, inline images)."""
    map_fig = ""
    if map_png:
        map_fig = (
            f'<figure><img alt="Map locating {esc(view.name)}" src="{data_uri(map_png)}">'
            "<figcaption>Boundaries: Natural Earth (simplified, not authoritative). "
            "Orange line: the shared border with Afghanistan, where there is one."
            "</figcaption></figure>"
        )
    n_flags = len(view.flags)
    flags = (
        f'<p class="flag">{FLAG} {n_flags} item(s) are flagged where the paper\'s '
        "text and a cited source disagree; both versions are kept.</p>"
        if n_flags
        else ""
    )
    body = f"""
<h1>{esc(view.name)}: country brief</h1>
<p class="meta">Counter-terrorism and counter-extremism in Central Asia · generated
{esc(generated.isoformat())} · dataset version {esc(dataset_version)}<br>
Source: {esc(paper_citation)}, <a href="{esc(paper_url)}">{esc(paper_url)}</a>.
Figures are as published; bracketed numbers are the paper's footnotes (references below).</p>
{flags}
<div class="two"><div>
<h2>Headline figures</h2>
{_figures(view)}
</div><div style="flex: 0 0 62mm">{map_fig}</div></div>
<h2>Approaches</h2>
{_approaches(view)}
<h2>Initiatives</h2>
{_initiatives(view, data_uri(timeline_png) if timeline_png else None)}
<h2>The Afghan border</h2>
{_border(view)}
<h2>Human rights</h2>
{_rights(view)}
<h2>References</h2>
<p class="meta">Numbered as the paper's footnotes; every footnote used in this brief.</p>
{_references(view)}
<p class="meta">This brief summarises one research paper; it is not a live feed.
Dataset version {esc(dataset_version)}.</p>
"""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{esc(view.name)} – country brief</title>"
        f"<style>{PRINT_CSS}</style></head><body>{body}</body></html>\n"
    )
