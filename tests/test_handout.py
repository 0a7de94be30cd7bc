"""The printable handout of a deck (components/handout.py) on synthetic slides: one page
per slide then references, every cited footnote once, nothing loaded from outside, data
text never live HTML. Printing it in Chromium: tests/e2e/test_handout.py."""

from __future__ import annotations

import base64
import datetime as dt
import re
from html.parser import HTMLParser

import pandas as pd
import pytest

from components import deck as decks
from components import handout, i18n
from components.slides import BLOCK_KINDS, Block, Slide
from components.text import md_escape
from tests.support.offline_html import external_loads

SOURCES = pd.DataFrame(
    {
        "footnote": [1, 2, 3, 4, 5],
        "citation": [
            "A. Author, ‘First’, 2020.",
            "Ibid.",
            "Закон о противодействии, 2021",
            "<b>Bold</b> & co",
            "Report without a link",
        ],
        "year": [2020, pd.NA, 2021, 2022, 2023],
        "url": [
            "https://example.org/a_(1)",
            None,
            "https://example.org/ru",
            'https://example.org/q?"><script>x</script>',
            None,
        ],
        "kind": ["news"] * 5,
        "ibid_of": pd.array([pd.NA, 1, pd.NA, pd.NA, pd.NA], dtype="Int64"),
    }
)

BAR = {
    "data": {"values": [{"a": "Uzbekistan", "b": 0.423}, {"a": "Kazakhstan", "b": 0}]},
    "mark": "bar",
    "title": "Scores",
    "encoding": {
        "y": {"field": "a", "type": "nominal"},
        "x": {"field": "b", "type": "quantitative"},
    },
    "width": 400,
    "height": 120,
}


def _slide(part: str, *columns: tuple[Block, ...], footnotes=(), title="A slide", **kw) -> Slide:
    return Slide("overview", part, title, tuple(columns), footnotes=footnotes, **kw)


def _build(slides, sources=SOURCES, **kw) -> str:
    args = {
        "title": "Regional briefing",
        "generated": dt.date(2026, 11, 28),
        "dataset_version": "1.0.1+test",
        "paper_citation": "The paper",
        "paper_url": "https://doi.org/10.58866/ZNHX7290",
    }
    return handout.build_html(slides, sources, **(args | kw))


class Doc(HTMLParser):
    """Sections, anchors, images and text of a handout."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.sections: list[dict] = []
        self.anchors: list[str] = []
        self.imgs: list[dict] = []
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str]] = []
        self.ref_items: list[str] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        self.attrs += [(k, v or "") for k, v in attrs]
        if tag == "section":
            self.sections.append(a)
        if tag == "a":
            self.anchors.append(a.get("href", ""))
        if tag == "img":
            self.imgs.append(a)
        if tag == "li" and a.get("id", "").startswith("fn"):
            self.ref_items.append(a["id"])

    def handle_data(self, data):
        self.text.append(data)


SLIDES = (
    _slide(
        "title",
        (Block("heading", "Counter\\-terrorism"), Block("text", "Some **bold**.")),
        footnotes=(3, 1),
    ),
    _slide(
        "chart",
        (Block("chart", BAR, 300), Block("caption", "Table 1\\.")),
        (Block("metric", ("GTI 2023", "0\\.423", "Table 1")),),
        footnotes=(2, 1),
    ),
    _slide(
        "items", (Block("item", "one"), Block("item", "two"), Block("quote", "“q”")), footnotes=(5,)
    ),
    _slide(
        "map", (Block("map", '{"layers": []}', 600), Block("warning", "⚑ flagged")), footnotes=(4,)
    ),
)


@pytest.fixture(scope="module")
def doc() -> Doc:
    return Doc(_build(SLIDES))


def test_one_page_per_slide_then_references(doc):
    slides = [s for s in doc.sections if "slide" in s["class"].split()]
    refs = [s for s in doc.sections if "refs" in s["class"].split()]
    assert [s["data-slide"] for s in slides] == ["1", "2", "3", "4"]
    assert len(refs) == 1 and doc.sections[-1] is refs[0]
    assert len(doc.sections) == handout.page_count(SLIDES, SOURCES)
    assert "4 / 4" in doc.text


def test_print_css_is_landscape_one_slide_per_page():
    html = _build(SLIDES)
    assert re.search(r"@page \{ size: A4 landscape; margin: \d+mm; \}", html)
    css = re.search(r"\.page \{([^}]*)\}", html).group(1)
    for rule in (
        "break-after: page",
        "page-break-after: always",
        "overflow: hidden",
        f"height: {handout.SLIDE_H_MM}mm",
    ):
        assert rule in css
    assert handout.SLIDE_H_MM < 210 - 2 * handout.PAGE_MARGIN_MM  # fits the A4 page box


def test_every_cited_footnote_listed_once_sorted(doc):
    assert doc.ref_items == ["fn1", "fn2", "fn3", "fn4", "fn5"]
    # every slide footnote marker points at a listed reference
    internal = {a for a in doc.anchors if a.startswith("#")}
    assert internal == {"#fn1", "#fn2", "#fn3", "#fn4", "#fn5"}


def test_references_quote_citation_as_printed_and_resolve_ibid():
    refs = {r.footnote: r for r in handout.references([5, 2, 1, 3, 2], SOURCES)}
    assert list(refs) == [1, 2, 3, 5]
    assert refs[2].citation == "Ibid." and refs[2].url == "https://example.org/a_(1)"
    assert refs[2].ibid_of == 1
    assert refs[3].citation == "Закон о противодействии, 2021"
    assert refs[5].url is None
    html = _build(SLIDES)
    assert "“Ibid.”</span> (repeats footnote 1)" in html
    assert "A. Author, ‘First’, 2020." in html and "Закон о противодействии, 2021" in html
    assert handout.NO_URL in html


def test_a_footnote_missing_from_the_sources_is_listed_not_raised():
    refs = handout.references([1, 99], SOURCES)
    assert [(r.footnote, r.citation) for r in refs] == [
        (1, SOURCES.citation[0]),
        (99, handout.NOT_IN_TABLE),
    ]


def test_no_script_no_external_load(doc):
    html = _build(SLIDES)
    assert external_loads(html) == []
    assert "script" not in doc.tags and "@import" not in html
    assert not re.search(r"url\(\s*['\"]?https?:", html)
    # the only external URLs are text links (<a href>) to sources and the paper
    for name, value in doc.attrs:
        if re.match(r"\s*(https?:)?//", value):
            assert name == "href", (name, value)
    assert all(a.startswith(("#fn", "https://")) for a in doc.anchors)


def test_charts_are_inline_svg_and_maps_a_placeholder(doc):
    assert len(doc.imgs) == 1
    src = doc.imgs[0]["src"]
    assert src.startswith("data:image/svg+xml;base64,")
    svg = base64.b64decode(src.split(",", 1)[1]).decode("utf-8")
    assert svg.startswith("<svg") and "<text" in svg
    # vector text in DejaVu Sans or the reader's sans-serif; nothing in it runs or loads
    assert "font-family=\"'DejaVu Sans', sans-serif\"" in svg
    assert "<script" not in svg and not re.search(r"href=\"(https?:)?//", svg)
    assert doc.imgs[0]["alt"] == "Scores"
    assert handout.MAP_PLACEHOLDER in "".join(doc.text)


def test_a_container_wide_chart_gets_its_column_width():
    spec = handout._sized(BAR | {"width": "container", "height": "container"}, 0.5, 500)
    assert (spec["width"], spec["height"]) == (handout.SLIDE_W_PX // 2, 500)
    assert BAR["width"] == 400  # the slide's spec is not mutated


# What each block kind prints: its element and its text (a kind that printed nothing, or
# another kind's element, fails).
KIND_HTML = {
    "heading": ("word", '<h2 class="block">word</h2>'),
    "text": ("word", '<div class="text"><p>word</p>'),
    "item": ("word", "<li>word</li>"),
    "quote": ("word", '<blockquote class="quote"><p>word</p>'),
    "caption": ("word", '<div class="caption"><p>word</p>'),
    "warning": ("word", '<div class="warning"><p>word</p>'),
    "metric": (("l", "v", "n"), '<div class="label">l</div><div class="value">v</div>'),
    "chart": (BAR, 'alt="Scores"'),
    "map": ("{}", '<div class="map-placeholder"'),
}


@pytest.mark.parametrize("kind", BLOCK_KINDS)
def test_every_block_kind_renders(kind):
    body, printed = KIND_HTML[kind]
    assert printed in _build([_slide(kind, (Block(kind, body),))])


def test_consecutive_items_print_as_one_list():
    blocks = tuple(
        Block(k, b) for k, b in [("item", "a"), ("item", "b"), ("text", "t"), ("item", "c")]
    )
    html = _build([_slide("x", blocks)])
    assert "<ul><li>a</li><li>b</li></ul>" in html and "<ul><li>c</li></ul>" in html


def test_an_unknown_block_kind_is_refused():
    with pytest.raises(ValueError, match="unknown kind 'table'"):
        _build([_slide("x", (Block("table", "t"),))])


def test_markdown_from_builders_renders_as_html():
    md = "- **Risk:** open border \\[4, 30\\]\n- *Region\\-wide* · [36](https://ex.org/a)"
    html = handout.md_html(md)
    assert "<li><strong>Risk:</strong> open border [4, 30]</li>" in html
    assert "<em>Region-wide</em>" in html and '<a href="https://ex.org/a">36</a>' in html
    # every escape md_escape writes reads back as the character, no stray backslash
    plain = "US$ 5 | a~b <c> (d) [e] #f +g -h .i !j {k} `l` *m* _n_"
    assert handout.md_inline(md_escape(plain)) == (
        "US$ 5 | a~b &lt;c&gt; (d) [e] #f +g -h .i !j {k} `l` *m* _n_"
    )


HOSTILE = (
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "<script>alert(1)</script>",
    "![p](https://evil.example/p.png)",
    "[y](data:text/html,<script>alert(1)</script>)",
    '<a href="https://evil.example">z</a>',
    "[v](vbscript:msgbox)",
)


@pytest.mark.parametrize("payload", HOSTILE)
@pytest.mark.parametrize("escaped", [True, False], ids=["md_escaped", "raw"])
def test_data_text_never_becomes_live_html(payload, escaped):
    """Escaped (as builders emit) or not (a builder's bug), a payload stays text."""
    text = md_escape(payload) if escaped else payload
    kinds = ("heading", "text", "item", "quote", "caption", "warning")
    cols = (tuple(Block(k, text) for k in kinds), (Block("metric", (text, text, text)),))
    html = _build(
        [_slide("evil", *cols, title=text, source=text, footnotes=(1,))],
        title=payload,
        paper_citation=payload,
    )
    doc = Doc(html)
    assert "script" not in doc.tags and "img" not in doc.tags
    assert not any(n.startswith("on") for n, _ in doc.attrs)
    # a raw Markdown link to the web is a builder's own (footnote_links_md); nothing else
    allowed = ("#fn", "https://example.org/a_(1)", "https://doi.org/")
    assert all(a.startswith(allowed if escaped else ("#fn", "https://")) for a in doc.anchors)
    assert external_loads(html) == []
    assert not re.search(r"(javascript|vbscript|data):", " ".join(v for _, v in doc.attrs))
    if escaped:  # what the builder meant is printed, character for character
        assert payload in "".join(doc.text)


def test_hostile_sources_are_escaped():
    html = _build([_slide("r", (Block("text", "x"),), footnotes=(4,))])
    doc = Doc(html)
    assert "<b>Bold</b>" not in html and "&lt;b&gt;Bold&lt;/b&gt; &amp; co" in html
    assert "script" not in doc.tags
    link = next(a for a in doc.anchors if "example.org/q" in a)
    assert link == 'https://example.org/q?"><script>x</script>'  # one attribute, as text


def test_non_web_urls_are_not_linked():
    sources = SOURCES.assign(url=["javascript:alert(1)", None, "ftp://x", None, None])
    doc = Doc(
        _build(
            [_slide("r", (Block("text", "x"),), footnotes=(1, 2, 3))],
            sources,
            paper_url="javascript:alert(2)",
        )
    )
    assert [a for a in doc.anchors if not a.startswith("#")] == []


@pytest.mark.parametrize(
    ("chars", "expected"),
    [(100, 1.0), (3500, handout.DENSITY[1]), (100_000, None)],
)
def test_density_steps_down_then_gives_up(chars, expected):
    slide = _slide("d", (Block("text", "word " * (chars // 5)),))
    assert handout.density(slide) == expected


def test_a_slide_too_long_to_print_says_so():
    long = _slide("d", (Block("text", "word " * 20_000),))
    assert handout.CUT_NOTE in _build([long])
    assert handout.CUT_NOTE not in _build(SLIDES)


def test_reference_pages_hold_every_reference_once():
    many = pd.DataFrame(
        {
            "footnote": range(1, 121),
            "citation": ["C" * 250] * 120,
            "year": [2020] * 120,
            "url": [f"https://example.org/{'x' * 80}/{n}" for n in range(1, 121)],
            "kind": ["news"] * 120,
            "ibid_of": pd.array([pd.NA] * 120, dtype="Int64"),
        }
    )
    slides = [_slide("m", (Block("text", "x"),), footnotes=tuple(range(1, 121)))]
    pages = handout.reference_pages(handout.references(range(1, 121), many))
    assert len(pages) > 3
    assert [r.footnote for p in pages for r in p] == list(range(1, 121))
    html = _build(slides, many)
    assert html.count("References (continued)") == len(pages) - 1
    assert handout.page_count(slides, many) == 1 + len(pages)


def test_handout_filename_names_the_deck():
    a = decks.regional_briefing(["KAZ", "UZB"], ["scores"])
    b = decks.Deck(a.slides[:3])
    name = handout.handout_filename(a)
    assert re.fullmatch(r"briefing-handout-7-slides-[0-9a-f]{6}\.html", name)
    assert name == handout.handout_filename(decks.parse_deck(a.encode())[0])
    assert handout.handout_filename(b) != name
    assert handout.handout_filename(decks.Deck(a.slides[:1])).startswith(
        "briefing-handout-1-slide-"
    )


def test_download_data_builds_only_when_called():
    calls = []

    def slides():
        calls.append("slides")
        return SLIDES[:1]

    build = handout.download_data(
        slides,
        lambda: SOURCES,
        title="T",
        generated=dt.date(2026, 11, 28),
        dataset_version="v",
        paper_citation="P",
        paper_url="https://doi.org/x",
    )
    assert calls == []
    data = build()
    assert calls == ["slides"] and isinstance(data, bytes)
    assert data.decode("utf-8").startswith("<!DOCTYPE html>")
    assert (
        handout.download_data(
            SLIDES[:1],
            SOURCES,
            title="T",
            generated=dt.date(2026, 11, 28),
            dataset_version="v",
            paper_citation="P",
            paper_url="https://doi.org/x",
        )()
        == data
    )


def test_russian_handout_translates_its_words_and_keeps_citations_quoted():
    ru = SOURCES.assign(citation_ru=["«Первая»", "Ibid.", SOURCES.citation[2], "Жирный", "Отчёт"])
    html = _build(SLIDES, ru, tr=i18n.Translator("ru"))
    assert '<html lang="ru">' in html and "<h1>Источники</h1>" in html
    # the citation as printed, quoted, then its marked translation; a Russian one alone
    assert "“A. Author, ‘First’, 2020.” (перевод: «Первая»)" in html
    assert "“Закон о противодействии, 2021”</span>" in html
    assert "повторяет сноску 1" in html and "URL не указан" in html
    assert "3 слайда" in html or "4 слайда" in html
    assert "References" not in html and "no URL printed" not in html


def test_a_slides_chart_data_is_in_the_file_as_tables_not_printed():
    """Each chart's data table alternative (issue 17) is in the handout, for a screen
    reader, visually hidden so the printed page is the slide; cells as published."""
    from components.layout import DataTable

    frame = pd.DataFrame(
        {"Country": ["Uzbekistan", md_escape("<b>x</b>")], "GTI 2023 score": ["0.423", "-"]}
    )
    table = DataTable("Data table: Scores", frame, "scores_data")
    html = _build([_slide("p", (Block("chart", BAR),), tables=(table,))])
    part = html[html.index('<div class="data-tables">') :]
    assert "<caption>Data table: Scores</caption>" in part
    assert '<th scope="col">GTI 2023 score</th>' in part
    assert "<td>0.423</td>" in part and "<td>-</td>" in part  # a '-' stays missing
    assert "<b>x</b>" not in part and "&lt;b&gt;x&lt;/b&gt;" in part
    assert re.search(r"\.data-tables \{[^}]*clip-path: inset\(50%\)", html)
    assert '<div class="data-tables">' not in _build([_slide("p", (Block("chart", BAR),))])


def test_the_footer_dates_and_cites_in_the_handouts_language():
    """The references page's source line: the date the locale's way (Babel), never ISO; the
    paper's citation as the brief gives it (components/brief.py: quoted in a translation)."""
    en = _build(SLIDES)
    assert "generated 28 November 2026 · dataset version" in en and "2026-11-28" not in en
    assert "Source: The paper, " in en
    ru = _build(SLIDES, tr=i18n.Translator("ru"))
    assert "28 ноября 2026" in ru and "2026-11-28" not in ru
    assert "“The paper”, " in ru and "Источник: “The paper”" in ru


def test_a_charts_image_is_named_as_the_chart_is():
    """The printed chart's alt text is its accessible name (components/chart_a11y.py): its
    description first, else its title, else the translated fallback."""
    named = {**BAR, "description": "Bar chart of the scores"}
    html = _build([_slide("p", (Block("chart", named),))])
    assert 'alt="Bar chart of the scores"' in html
    bare = {k: v for k, v in BAR.items() if k != "title"}
    ru = _build([_slide("p", (Block("chart", bare),))], tr=i18n.Translator("ru"))
    assert 'alt="Диаграмма"' in ru


@pytest.mark.parametrize(("n", "said"), [(1, "для этой ссылки"), (2, "для этих"), (21, "для этих")])
def test_the_not_printed_note_says_one_or_several_not_a_plural_form(n, said):
    """Russian's 'one' plural form is also 21, 31...: the note is for one entry or several."""
    skipped = [f"{i}. Страны" for i in range(1, n + 1)]
    html = _build(SLIDES, tr=i18n.Translator("ru"), skipped=skipped)
    assert said in html and "; ".join(skipped) in html
