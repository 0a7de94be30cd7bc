"""The printable handout of a briefing deck: ONE self-contained offline HTML file. Pure.

Every slide (components/slides.py) becomes one landscape A4 page, followed by reference
page(s) listing every footnote the deck cites (numbered as in the paper, each citation
exactly as printed, with its URL; "Ibid." footnotes get the URL of the footnote they
repeat). Nothing is fetched when the file is opened: the CSS is inline, the fonts are the
system's (a generic sans-serif stack that Debian's fonts-dejavu covers, Cyrillic included),
charts are SVG images rendered by vl-convert (components/brief.py's chart_svg: vector, so
sharp in print and small) and inlined as data: URIs, there is no script, and the only URLs are plain text links to sources.

A "map" block (a deck.gl spec) cannot be rendered without a browser and WebGL: it prints
as a placeholder sentence pointing to the dashboard. A slide whose map should print uses
a Vega-Lite geoshape "chart" block instead (like country_view.mini_map).

Slide text is escaped Markdown (components/text.md_escape). It is converted by
components/md_html.py, with markdown-it-py (CommonMark, the dialect Streamlit renders, so
every escape md_escape writes — including \\< \\| \\~ \\$ — reads back as the character)
with raw HTML and images switched off and links restricted to http(s) and in-document
anchors: data text never becomes live HTML, whatever it contains.

One slide never spills onto a second page: a slide is a fixed-size box with overflow
hidden, its charts share whatever height the text leaves, and a slide whose text would
not fit is set smaller (DENSITY steps) before anything could be cut. The e2e test prints a
real deck with Chromium and checks the page count (tests/e2e/test_handout.py).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from components.brief import chart_svg, cited_paper, data_uri
from components.chart_a11y import chart_name
from components.i18n import ENGLISH, Translator
from components.md_html import md_html, md_inline, safe_link, table_html
from components.slides import BLOCK_KINDS, Block, Slide, list_runs
from components.text import SLIDE_COUNT, plural, printed_urls
from components.text import html_escape as esc
from components.vega_data import FONT_SIZE_KEYS, map_spec, map_text_sizes
from components.vocab import FOOTNOTES, N_, REFERENCES

# ---- words (the handout's own; everything else comes from the slides)
# (English, marked for the catalogue; translated at use with the handout's translator)
MAP_PLACEHOLDER = N_(
    "This slide's interactive map cannot be printed. Open the dashboard's map page to see "
    "it; the handout shows static maps only."
)
REFERENCES_TITLE = REFERENCES
REFERENCES_CONTINUED = N_("References (continued)")
REFERENCES_INTRO = N_(
    "Every footnote this deck cites, numbered as in the paper, with its citation exactly "
    "as printed there."
)
IBID_NOTE = N_("repeats footnote {n}")
NO_URL = N_("no URL printed")
# One entry or several, not a count's plural form (Russian's "one" form is also 21, 31...)
NOT_PRINTED_ONE = N_("Not printed, as its view has no slide for its link: {entries}.")
NOT_PRINTED = N_("Not printed, as their views have no slide for their links: {entries}.")
NOT_IN_TABLE = N_("(this footnote is missing from the dataset's sources table)")
SLIDE_REFS = FOOTNOTES
CUT_NOTE = N_("This slide has more text than a printed page holds; the dashboard shows all of it.")

# ---- page geometry (A4 landscape, 10 mm margins -> a 277 x 190 mm content box)
PAGE_MARGIN_MM = 10
SLIDE_H_MM = 186  # a little under 190 so rounding never pushes a box onto a new page
BASE_PT = 12.5  # body text on a slide at density 1 (22 px at 1080p is about 9 pt here)
DENSITY = (1.0, 0.86, 0.74, 0.64)  # text scale steps for slides that would not fit
# References pages (9 pt, 1.3 line height): estimated mm, erring on the side of a spare
# page; a references page is not clipped, so a wrong estimate shows as an extra printed
# page (the e2e test's page count), never as a lost citation.
REF_ROOM_MM = SLIDE_H_MM - 16  # less the "References" title
REF_INTRO_MM = 16  # the intro paragraph on the first page
REF_LINE_MM = 9 * 0.3528 * 1.3
REF_GAP_MM = 1.2
REF_CHARS_PER_LINE = 165
SLIDE_W_PX = 1800  # a "container"-wide chart gets its column's share of this
# The slides' charts are laid out for the app's Source Sans; vl-convert sets them in DejaVu
# Sans, the handout's font, whose text runs about a quarter wider. At this scale a label
# keeps the room it was given: a two-line approach label its row, "Turkmenistan" its cell.
PRINT_FONT_SCALE = 0.82

PRINT_CSS = f"""
@page {{ size: A4 landscape; margin: {PAGE_MARGIN_MM}mm; }}
* {{ box-sizing: border-box; }}
html {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
body {{ margin: 0; color: #111; background: #fff;
       font-family: "DejaVu Sans", "Noto Sans", "Liberation Sans", "Segoe UI", Arial,
                    sans-serif; }}
.page {{ width: 277mm; height: {SLIDE_H_MM}mm; overflow: hidden; position: relative;
        break-after: page; page-break-after: always; break-inside: avoid;
        page-break-inside: avoid; display: flex; flex-direction: column;
        font-size: calc({BASE_PT}pt * var(--d, 1)); line-height: 1.3; }}
.page:last-child {{ break-after: auto; page-break-after: auto; }}
@media screen {{
  body {{ background: #ddd; padding: 8mm 0; }}
  .page {{ margin: 0 auto 8mm auto; background: #fff; padding: 0;
          box-shadow: 0 0 0 {PAGE_MARGIN_MM}mm #fff, 0 0 0 {PAGE_MARGIN_MM + 0.3}mm #999; }}
}}
header.slide-head {{ flex: 0 0 auto; border-bottom: 0.6mm solid #0b5394;
                    margin-bottom: 3mm; padding-bottom: 1.5mm; }}
.kicker {{ font-size: 9pt; color: #333; margin: 0 0 1mm 0; }}
.data-tables {{ position: absolute; width: 1px; height: 1px; overflow: hidden;
               clip-path: inset(50%); white-space: nowrap; }}
h1 {{ font-size: calc(21pt * var(--d, 1)); line-height: 1.15; margin: 0; }}
.cols {{ flex: 1 1 auto; min-height: 0; display: grid; gap: 6mm; }}
.col {{ min-height: 0; min-width: 0; display: flex; flex-direction: column; gap: 2mm;
       overflow: hidden; }}
.col > * {{ flex: 0 0 auto; }}
.col p, .col ul, .col blockquote {{ margin: 0 0 1.5mm 0; }}
.col ul {{ padding-left: 5mm; }}
.col li {{ margin-bottom: 0.8mm; }}
h2.block {{ font-size: 1.2em; margin: 1mm 0 0 0; color: #0b5394; }}
.caption {{ font-size: 0.82em; color: #333; }}
.warning {{ border-left: 1.2mm solid #b45f06; background: #fdf3e7; padding: 1.5mm 2.5mm; }}
blockquote, .quote {{ border-left: 1.2mm solid #0b5394; background: #f3f6fa;
                     padding: 1.5mm 2.5mm; margin: 0; }}
.metric {{ border: 0.3mm solid #bbb; border-radius: 1.5mm; padding: 1.5mm 2.5mm; }}
.metric .label {{ font-size: 0.85em; color: #333; }}
.metric .value {{ font-size: 1.9em; font-weight: 700; line-height: 1.1; }}
.metric .note {{ font-size: 0.8em; color: #333; }}
figure.chart {{ flex: 0 1 auto; min-height: 25mm; max-width: 100%; margin: 0;
               display: flex; }}
figure.chart img {{ display: block; width: 100%; height: 100%; min-height: 0;
                   object-fit: contain; object-position: left top; }}
.map-placeholder {{ flex: var(--grow, 1) 1 0; min-height: 20mm; border: 0.4mm dashed #777;
                   background: #f5f5f5; display: flex; align-items: center;
                   justify-content: center; text-align: center; padding: 4mm; }}
footer.slide-foot {{ flex: 0 0 auto; margin-top: 2mm; padding-top: 1.2mm;
                    border-top: 0.3mm solid #999; font-size: 8.5pt; color: #222;
                    display: flex; gap: 4mm; justify-content: space-between; }}
footer.slide-foot .num {{ white-space: nowrap; }}
footer.slide-foot .cut {{ color: #b45f06; }}
a {{ color: #0b5394; }}
@media print {{ a {{ color: inherit; }} }}
.page.refs {{ height: auto; min-height: 0; overflow: visible; display: block;
             font-size: 9pt; line-height: 1.3; }}
.refs ol {{ margin: 0; padding-left: 10mm; }}
.refs li {{ margin-bottom: 1.2mm; break-inside: avoid; }}
.refs .url {{ word-break: break-all; }}
.refs .meta {{ font-size: 9pt; color: #222; margin: 0 0 2.5mm 0; }}
"""


# ---- the slides


TEXT_ROOM_MM = 156  # a slide's height less its title and footer
VISUAL_MIN_MM = 40  # what a chart or map keeps at least, whatever the text needs


def _block_lines(block: Block, chars_per_line: int) -> float:
    """Estimated printed lines of a block at a given line length (charts and maps: 0)."""
    if block.kind in ("chart", "map"):
        return 0
    if block.kind == "metric":
        return 3.5
    scale = 1.2 if block.kind == "heading" else 0.82 if block.kind == "caption" else 1.0
    lines = sum(
        max(1, math.ceil(len(line) * scale / chars_per_line))
        for line in str(block.body).split("\n")
        if line.strip()
    )
    return lines * scale + 0.4  # the gap after a block


def density(slide: Slide) -> float | None:
    """The largest text scale (DENSITY) at which every column's text is expected to fit
    beside its charts, or None if it would not fit even at the smallest. An estimate from
    character counts; the fixed-size page box with overflow hidden is the guarantee
    against spilling, this keeps text from being cut."""
    for d in DENSITY:
        font_mm = BASE_PT * d * 0.3528
        fits = True
        usable = 270 - 6 * (len(slide.columns) - 1)  # the page's width less the column gaps
        for col, w in zip(slide.columns, _widths(slide), strict=True):
            # 0.6 em a character: bold labels and list indents make real lines shorter
            chars_per_line = max(12, int(w * usable / (0.6 * font_mm)))
            lines = sum(_block_lines(b, chars_per_line) for b in col)
            visuals = sum(b.kind in ("chart", "map") for b in col)
            room = max(TEXT_ROOM_MM - VISUAL_MIN_MM * visuals, 30)
            if lines * font_mm * 1.3 > room:
                fits = False
                break
        if fits:
            return d
    return None


def _widths(slide: Slide) -> list[float]:
    n = len(slide.columns) or 1
    raw = list(slide.widths[:n]) if len(slide.widths) >= n else [1.0] * n
    total = sum(raw) or 1.0
    return [w / total for w in raw]


def _items(blocks: list[str]) -> str:
    return f"<ul>{''.join(blocks)}</ul>"


_SVG_SIZE = re.compile(r'<svg[^>]*?\bwidth="([\d.]+)"[^>]*?\bheight="([\d.]+)"')


def _svg_size(svg: str) -> tuple[float, float]:
    """The root element's width and height (vl-convert writes both, in px)."""
    m = _SVG_SIZE.match(svg)
    if not m:
        raise ValueError("vl-convert's SVG has no width and height")
    return float(m[1]), float(m[2])


def _print_size(px: float) -> float:
    return round(px * PRINT_FONT_SCALE, 1)


def _sized(spec: dict, width_share: float, height: int | None) -> dict:
    """A chart spec sized for its column where it asks for its container's size, its fonts
    scaled by PRINT_FONT_SCALE."""
    spec = map_spec(spec, FONT_SIZE_KEYS, _print_size, (int, float))
    spec = map_text_sizes(spec, _print_size)  # a text mark's size channel is a font size
    if spec.get("width") == "container":
        spec["width"] = int(SLIDE_W_PX * width_share)
    if spec.get("height") == "container":
        spec["height"] = int(height or 600)
    return spec


def _block_html(
    block: Block, index: str, width_share: float = 1.0, tr: Translator = ENGLISH
) -> str:
    kind, body = block.kind, block.body
    if kind == "heading":
        return f'<h2 class="block">{md_inline(body)}</h2>'
    if kind == "text":
        return f'<div class="text">{md_html(body)}</div>'
    if kind == "item":
        return f"<li>{md_inline(body)}</li>"
    if kind == "quote":
        return f'<blockquote class="quote">{md_html(body)}</blockquote>'
    if kind == "caption":
        return f'<div class="caption">{md_html(body)}</div>'
    if kind == "warning":
        return f'<div class="warning">{md_html(body)}</div>'
    if kind == "metric":
        label, value, note = (tuple(body) + (None, None, None))[:3]
        note_html = f'<div class="note">{md_inline(note)}</div>' if note else ""
        return (
            f'<div class="metric"><div class="label">{md_inline(label or "")}</div>'
            f'<div class="value">{md_inline(value or "")}</div>{note_html}</div>'
        )
    if kind == "chart":
        alt_text = chart_name(body if isinstance(body, dict) else {}, tr=tr)
        svg = chart_svg(_sized(body, width_share, block.height))
        w, h = _svg_size(svg)
        uri = data_uri(svg.encode("utf-8"), "image/svg+xml")
        return (
            f'<figure class="chart" style="aspect-ratio: {w} / {h}">'
            f'<img alt="{esc(alt_text)}" src="{uri}"></figure>'
        )
    if kind == "map":
        grow = max(1, int(block.height or 400)) / 100
        return (
            f'<div class="map-placeholder" style="--grow: {grow:.2f}">'
            f"{esc(tr._(MAP_PLACEHOLDER))}</div>"
        )
    raise ValueError(f"slide block {index}: unknown kind {kind!r} (known: {BLOCK_KINDS})")


def _column_html(
    blocks: Sequence[Block], where: str, width_share: float, tr: Translator = ENGLISH
) -> str:
    out: list[str] = []
    for first, run in list_runs(blocks, lambda block: block.kind):
        html = [
            _block_html(block, f"{where} block {first + j + 1}", width_share, tr)
            for j, block in enumerate(run)
        ]
        out.append(_items(html) if run[0].kind == "item" else html[0])
    return f'<div class="col">{"".join(out)}</div>'


def _table_html(table) -> str:
    """A chart's data table (a ``components.layout.DataTable``: escaped Markdown cells)."""
    return table_html(table.frame, caption=table.label)


def _slide_html(slide: Slide, n: int, total: int, deck_title: str, tr: Translator = ENGLISH) -> str:
    widths = _widths(slide)
    template = " ".join(f"{w:.4f}fr" for w in widths)
    cols = "".join(
        _column_html(col, f"slide {n} column {c}", w, tr)
        for c, (col, w) in enumerate(zip(slide.columns, widths, strict=True), 1)
    )
    fns = sorted({int(f) for f in slide.footnotes})
    links = ", ".join(f'<a href="#fn{f}">{f}</a>' for f in fns)
    refs = f"{esc(tr._(SLIDE_REFS))} {links}" if fns else ""
    source = md_inline(slide.source) if slide.source else ""
    foot = " · ".join(x for x in (source, refs) if x)
    d = density(slide)
    if d is None:
        foot = f'<strong class="cut">{esc(tr._(CUT_NOTE))}</strong> {foot}'
    # The charts' data as tables (issue 17: every chart has a text alternative): in the file
    # for a screen reader, as on the slide; not printed, where every mark is labelled.
    tables = "".join(_table_html(t) for t in slide.tables)
    tables = f'<div class="data-tables">{tables}</div>' if tables else ""
    return (
        f'<section class="page slide" data-slide="{n}" style="--d: {d or DENSITY[-1]}">'
        f'<header class="slide-head"><p class="kicker">{esc(deck_title)}</p>'
        f"<h1>{md_inline(slide.title)}</h1></header>"
        f'<div class="cols" style="grid-template-columns: {template}">{cols}</div>'
        f'<footer class="slide-foot"><span>{foot}</span>'
        f'<span class="num">{n} / {total}</span></footer>{tables}</section>'
    )


# ---- the references


@dataclass(frozen=True)
class Reference:
    footnote: int
    citation: str  # exactly as printed
    url: str | None  # as printed, or the URL of the footnote an "Ibid." repeats
    ibid_of: int | None
    citation_ru: str | None = None  # the marked Russian translation shown beside it


def cited_footnotes(slides: Iterable[Slide]) -> list[int]:
    return sorted({int(f) for s in slides for f in s.footnotes})


def references(
    numbers: Iterable[int], sources: pd.DataFrame, tr: Translator = ENGLISH
) -> list[Reference]:
    """The sources rows for `numbers`, sorted. A number the table lacks (the data layer's
    foreign keys rule that out) is listed as such rather than dropped or raised."""
    urls = printed_urls(sources)
    rows = {
        int(n): (c, i)
        for n, c, i in zip(
            sources["footnote"], sources["citation"], sources["ibid_of"], strict=True
        )
    }
    russian = (
        dict(zip(sources["footnote"].astype(int), sources["citation_ru"], strict=True))
        if "citation_ru" in sources
        else {}
    )
    out = []
    for n in sorted({int(x) for x in numbers}):
        citation, ibid = rows.get(n, (None, None))
        url = urls.get(n)
        ru = russian.get(n)
        out.append(
            Reference(
                n,
                tr._(NOT_IN_TABLE) if citation is None else str(citation),
                url if url and safe_link(url) and not url.startswith("#") else None,
                None if ibid is None or pd.isna(ibid) else int(ibid),
                ru if isinstance(ru, str) and ru != citation else None,
            )
        )
    return out


def _ref_mm(ref: Reference) -> float:
    chars = len(ref.citation) + len(ref.url or NO_URL) + 24  # number, "repeats footnote"
    return math.ceil(chars / REF_CHARS_PER_LINE) * REF_LINE_MM + REF_GAP_MM


def _intro_mm(skipped: Sequence[str]) -> float:
    """The references intro's estimated height: more with the entries not printed."""
    chars = sum(len(s) + 3 for s in skipped)
    return REF_INTRO_MM + (math.ceil(chars / REF_CHARS_PER_LINE) + 1) * REF_LINE_MM * bool(skipped)


def reference_pages(
    refs: Sequence[Reference], skipped: Sequence[str] = ()
) -> list[list[Reference]]:
    """References packed into pages by an estimate of their printed height."""
    pages: list[list[Reference]] = []
    used = REF_ROOM_MM + 1  # forces a first page
    for ref in refs:
        need = _ref_mm(ref)
        if used + need > REF_ROOM_MM:
            used = 0 if pages else _intro_mm(skipped)
            pages.append([])
        pages[-1].append(ref)
        used += need
    # no reference, yet entries not printed: their note still gets the intro's page
    return pages or ([[]] if skipped else [])


def _ref_html(ref: Reference, tr: Translator = ENGLISH) -> str:
    if ref.url:
        link = f'<a class="url" href="{esc(ref.url)}">{esc(ref.url)}</a>'
    else:
        link = f"<em>{esc(tr._(NO_URL))}</em>"
    ibid = f" ({esc(tr._(IBID_NOTE).format(n=ref.ibid_of))})" if ref.ibid_of is not None else ""
    # The citation stays exactly as printed, quoted; in Russian its marked translation
    # follows it (Translator.quote), never replaces it.
    citation = esc(tr.quote(ref.citation, ref.citation_ru))
    return (
        f'<li id="fn{ref.footnote}" value="{ref.footnote}">'
        f'<span class="citation">{citation}</span>{ibid} {link}</li>'
    )


def _references_html(
    refs: Sequence[Reference], meta: str, skipped: Sequence[str], tr: Translator = ENGLISH
) -> str:
    pages = reference_pages(refs, skipped)
    out = []
    for i, page in enumerate(pages):
        heading = tr._(REFERENCES_TITLE if i == 0 else REFERENCES_CONTINUED)
        intro = f'<p class="meta">{meta}</p>' if i == 0 else ""
        out.append(
            f'<section class="page refs" data-refs="{i + 1}"><header class="slide-head">'
            f"<h1>{esc(heading)}</h1></header>{intro}"
            f"<ol>{''.join(_ref_html(r, tr) for r in page)}</ol></section>"
        )
    return "".join(out)


# ---- the document


def build_html(
    slides: Sequence[Slide],
    sources: pd.DataFrame,
    *,
    title: str,
    generated: dt.date,
    dataset_version: str,
    paper_citation: str,
    paper_url: str,
    tr: Translator = ENGLISH,
    skipped: Sequence[str] = (),
) -> str:
    """The handout: one page per slide, then the references. UTF-8 HTML, self-contained,
    in `tr`'s language (citations stay quoted as printed). `skipped`: the deck's entries
    that have no slide to print ("3. Country views"), named in the references' intro."""
    total = len(slides)
    body = "".join(_slide_html(s, n, total, title, tr) for n, s in enumerate(slides, start=1))
    refs = references(cited_footnotes(slides), sources, tr)
    paper_link = (
        f'<a href="{esc(paper_url)}">{esc(paper_url)}</a>'
        if safe_link(paper_url)
        else esc(paper_url)
    )
    facts = tr._("{slides} · generated {date} · dataset version {version}.").format(
        slides=tr.n_(*SLIDE_COUNT, total).format(n=total),
        date=tr.partial_date(generated.isoformat()),
        version=dataset_version,
    )
    source = tr._("Source:")
    meta = (
        f"{esc(tr._(REFERENCES_INTRO))} {esc(source)} {esc(cited_paper(paper_citation, tr))}, "
        f"{paper_link}. {esc(facts)}"
    )
    if skipped:
        said = tr._(NOT_PRINTED_ONE if len(skipped) == 1 else NOT_PRINTED)
        meta += f"<br><strong>{esc(said.format(entries='; '.join(skipped)))}</strong>"
    body += _references_html(refs, meta, skipped, tr)
    return (
        f'<!DOCTYPE html>\n<html lang="{esc(tr.lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title><style>{PRINT_CSS}</style></head>"
        f"<body>{body}</body></html>\n"
    )


def page_count(slides: Sequence[Slide], sources: pd.DataFrame, skipped: Sequence[str] = ()) -> int:
    """How many printed pages the handout has: one per slide plus the reference pages."""
    refs = references(cited_footnotes(slides), sources)
    return len(slides) + len(reference_pages(refs, skipped))


def handout_filename(deck: object) -> str:
    """'briefing-handout-11-slides-3f2a9c.html': the slide count and a short digest of the
    deck's URL form, so two different decks never download under the same name."""
    encoded = deck.encode() if hasattr(deck, "encode") else str(deck)
    n = len(deck) if hasattr(deck, "__len__") else 0
    digest = hashlib.sha256(encoded.encode("utf-8")).hexdigest()[:6]
    return f"briefing-handout-{plural(n, 'slide').replace(' ', '-')}-{digest}.html"


def download_data(
    slides: Sequence[Slide] | Callable[[], Sequence[Slide]],
    sources: pd.DataFrame | Callable[[], pd.DataFrame],
    **meta: object,
) -> Callable[[], bytes]:
    """The deck page's download, built only when the button is clicked::

        st.download_button(label, data=handout.download_data(slides, data.sources,
                           title=..., generated=dt.date.today(), dataset_version=version,
                           paper_citation=..., paper_url=...),
                           file_name=handout.handout_filename(deck), mime="text/html",
                           on_click="ignore", key="deck_handout")

    `slides` and `sources` may be given as values or as callables (then even the slides
    are built on click); `meta` are build_html's keyword arguments, `skipped` a callable
    too (the entries without a slide are known when the slides are). No chart PNG is
    rendered until the returned function is called."""

    def build() -> bytes:
        deck = slides() if callable(slides) else slides
        table = sources() if callable(sources) else sources
        # what the deck could not print is known once its slides are built
        skipped = meta.get("skipped", ())
        told = {**meta, "skipped": skipped() if callable(skipped) else skipped}
        return build_html(deck, table, **told).encode("utf-8")

    return build
