"""The printed handout (components/handout.py) in real headless Chromium, offline.

A realistic deck is built here from real view models (pages' own ``slides()`` functions
do not exist yet; this scaffolding stays in the test): a title slide with the overview
facts, the GTI Table 1 chart, a map slide (deck.gl placeholder + a static Vega-Lite map),
two country slides and an overlong slide. The handout is opened from a file:// URL with
every request that is not data: aborted, printed to PDF with page.pdf(landscape A4) and
the pages counted with pypdf.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path

import pypdf
import pytest

from components import country_view as cv
from components import data, handout
from components import gti_charts as charts
from components import overview_view as ov
from components.slides import Block, Slide
from components.text import md_escape

DATE = dt.date(2026, 11, 28)
OUT = os.environ.get("HANDOUT_PDF")  # set to keep the PDF for a look (not written otherwise)


# ---------------------------------------------------------------- scaffolding slides


def _paper() -> dict:
    return next(s for s in data.provenance()["sources"] if s["id"] == "paper")


def title_slide(inp: cv.Inputs) -> Slide:
    facts = ov.overview_facts(inp, data.gti_regions())
    metrics = tuple(
        Block("metric", (md_escape(f.label), md_escape(f.value), md_escape(f.source)))
        for f in facts[:4]
    )
    intro = (
        Block("heading", "Regional briefing"),
        Block("text", md_escape(" ".join(_paper()["title"].split()))),
        *(Block("item", md_escape(cv.country_names(inp.countries)[i])) for i in cv.ORDER),
        Block("caption", md_escape("Figures as published; bracketed numbers are footnotes.")),
    )
    return Slide(
        "overview",
        "",
        "Counter\\-terrorism in Central Asia",
        (intro, metrics),
        widths=(1.2, 1.0),
        footnotes=tuple(n for f in facts[:4] for n in f.footnotes),
        source=md_escape("Orumbayeva, Mamytov and Kurmangali (SHRM)"),
    )


def gti_slide() -> Slide:
    result = charts.scores_chart(data.gti_countries())
    spec = result.spec()
    notes = tuple(Block("caption", md_escape(n)) for n in result.notes)
    return Slide(
        "gti",
        "scores",
        md_escape(result.title),
        ((Block("chart", spec, 700), *notes),),
        footnotes=tuple(result.footnotes),
        source=md_escape("Table 1"),
    )


def stacked_charts_slide() -> Slide:
    """Two tall charts and notes in one column: the charts shrink to share the page."""
    gti = data.gti_countries()
    a, b = charts.scores_chart(gti), charts.country_changes_chart(gti)
    col = (
        Block("chart", a.spec(), 700),
        Block("chart", b.spec(), 900),
        *(Block("caption", md_escape(n)) for n in (*a.notes, *b.notes)),
    )
    return Slide(
        "gti",
        "both",
        "Two charts, one page",
        (col,),
        footnotes=tuple(sorted({*a.footnotes, *b.footnotes})),
    )


def map_slide(inp: cv.Inputs) -> Slide:
    geometry = cv.map_geometry(data.geo("geo_countries"), data.geo("geo_borders"))
    static = cv.mini_map("UZB", geometry, height=560, width=560, font_size=18)
    return Slide(
        "map",
        "border",
        "The Afghan border",
        (
            (Block("map", "{}", 700),),
            (Block("chart", static, 560), Block("caption", "Uzbekistan's border\\.")),
        ),
        widths=(1.0, 1.0),
    )


def country_slide(iso: str, inp: cv.Inputs) -> Slide:
    view = cv.build_view(iso, inp)
    cards = tuple(
        Block("metric", (c.label, c.value, c.delta))
        for c in cv.metric_cards(view, combine_gti=True)[:3]
    )
    left = (*cards, Block("quote", cv.table4_md(view)))
    middle = (Block("heading", "Approaches"), Block("text", cv.approaches_md(view, compact=True)))
    right = (
        Block("heading", "The Afghan border"),
        Block("text", cv.border_md(view, True)),
        Block("heading", "Human rights"),
        Block("text", cv.rights_md(view, True)),
    )
    fns = tuple(view.footnotes)
    return Slide(
        "countries",
        iso,
        md_escape(view.name),
        (left, middle, right),
        widths=(1.0, 1.1, 1.1),
        footnotes=fns,
        source=md_escape(view.table4_source),
    )


def tightest_slide(inp: cv.Inputs) -> Slide:
    """The most text handout.density() still expects to fit (at its smallest type): the
    estimate must not be optimistic, so this prints without anything cut."""
    view = cv.build_view("KGZ", inp)
    paragraph = cv.rights_md(view)

    def slide(k: int) -> Slide:
        col = (Block("heading", "Human rights"), *(Block("text", paragraph) for _ in range(k)))
        return Slide(
            "countries",
            "KGZ",
            "The tightest slide",
            (col, col[:2]),
            widths=(2.0, 1.0),
            footnotes=tuple(view.footnotes),
        )

    k = 1
    while handout.density(slide(k + 1)) is not None:
        k += 1
    assert handout.density(slide(k)) == handout.DENSITY[-1]
    return slide(k)


def overlong_slide() -> Slide:
    """Far more text than a page holds: it must still print on exactly one page."""
    words = md_escape("Лорем ипсум: a long paragraph that repeats. " * 60)
    col = tuple(Block("text", words) for _ in range(6))
    return Slide("timeline", "all", "An overlong slide", (col, col), footnotes=(1, 23))


@pytest.fixture(scope="module")
def deck() -> list[Slide]:
    inp = cv.Inputs.from_data()
    return [
        title_slide(inp),
        gti_slide(),
        stacked_charts_slide(),
        map_slide(inp),
        country_slide("UZB", inp),
        country_slide("TJK", inp),
        tightest_slide(inp),
        overlong_slide(),
    ]


@pytest.fixture(scope="module")
def handout_file(deck, tmp_path_factory) -> Path:
    html = handout.build_html(
        deck,
        data.sources(),
        title="Regional briefing",
        generated=DATE,
        dataset_version=data.dataset_version(),
        paper_citation=" ".join(_paper()["title"].split()),
        paper_url=_paper()["path"],
    )
    path = tmp_path_factory.mktemp("handout") / "handout.html"
    path.write_text(html, encoding="utf-8")
    return path


@pytest.fixture
def offline_page(browser):
    """A page whose every request except file: (the handout itself) and data: is aborted."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, service_workers="block")
    blocked: list[str] = []

    def _route(route):
        url = route.request.url
        if url.startswith(("data:", "file:")):
            route.continue_()
        else:
            blocked.append(url)
            route.abort("blockedbyclient")

    context.route("**/*", _route)
    page = context.new_page()
    page.blocked = blocked
    try:
        yield page
    finally:
        context.close()


def _print(page, path: Path) -> bytes:
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", landscape=True, print_background=True, prefer_css_page_size=True)
    if OUT:
        Path(OUT).write_bytes(pdf)
    return pdf


def test_handout_prints_one_page_per_slide_then_references(offline_page, handout_file, deck):
    pdf = pypdf.PdfReader(io.BytesIO(_print(offline_page, handout_file)))
    sources = data.sources()
    expected = handout.page_count(deck, sources)
    assert expected > len(deck)  # at least one references page
    assert len(pdf.pages) == expected
    assert offline_page.blocked == []
    for page in pdf.pages:  # landscape A4 (842 x 595 pt)
        box = page.mediabox
        assert round(float(box.width)) == 842 and round(float(box.height)) == 595
    texts = [p.extract_text() for p in pdf.pages]
    for n, slide in enumerate(deck, start=1):  # each slide on its own page, in order
        assert f"{n} / {len(deck)}" in texts[n - 1]
        assert "References" not in texts[n - 1].split("\n")[0]
    # Cyrillic (the Russian interface, issue 19) prints in a font of the handout's stack
    # (Debian: fonts-dejavu-core, or fonts-liberation that chromium recommends)
    last = pdf.pages[len(deck) - 1]
    fonts = {
        str(f.get_object()["/BaseFont"]).split("+")[-1]
        for f in last["/Resources"]["/Font"].values()
    }
    assert "Лорем ипсум" in texts[len(deck) - 1]
    assert any(f.startswith(("DejaVuSans", "NotoSans", "LiberationSans")) for f in fonts), fonts
    refs_text = "\n".join(texts[len(deck) :])
    assert refs_text.lstrip().startswith("References")
    for n in handout.cited_footnotes(deck):
        citation = sources.loc[sources["footnote"] == n, "citation"].iloc[0]
        assert " ".join(citation.split()[:3]) in " ".join(refs_text.split())


def test_no_slide_but_the_overlong_one_is_cut(offline_page, handout_file, deck):
    """In print layout every realistic slide's columns hold their content (nothing hidden
    by the page box); the overlong one is cut, yet printed on one page (test above)."""
    offline_page.goto(handout_file.as_uri())
    offline_page.emulate_media(media="print")
    cut = offline_page.evaluate(
        """() => [...document.querySelectorAll('section.slide')].map(s =>
             [...s.querySelectorAll('.col')].some(c => c.scrollHeight > c.clientHeight + 1)
             || s.scrollHeight > s.clientHeight + 1)"""
    )
    assert cut == [False] * (len(deck) - 1) + [True]
    # a references page is never taller than the printed page (it would spill, uncounted)
    page_px = offline_page.evaluate(
        "() => document.querySelector('section.slide').getBoundingClientRect().height"
    )
    refs = offline_page.evaluate(
        "() => [...document.querySelectorAll('section.refs')].map(s => s.scrollHeight)"
    )
    assert refs and max(refs) <= page_px
    images = offline_page.evaluate(
        "() => [...document.images].map(i => [i.complete, i.naturalWidth > 0, i.src.slice(0, 22)])"
    )
    assert images and all(i == [True, True, "data:image/png;base64,"] for i in images)
