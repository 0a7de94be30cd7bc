"""The printed handout (components/handout.py) in real headless Chromium, offline.

The deck is the ready-made regional briefing, printed as the deck page prints it (each
slide from its page's own ``slides()``), plus one overlong Cyrillic slide. The handout is opened from a file:// URL with
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

from components import data, deck_slides, handout
from components import deck_view as DV
from components.slides import Block, Slide
from components.text import md_escape

DATE = dt.date(2026, 11, 28)
OUT = os.environ.get("HANDOUT_PDF")  # set to keep the PDF for a look (not written otherwise)


# ---------------------------------------------------------------------- the deck


def _paper() -> dict:
    return next(s for s in data.provenance()["sources"] if s["id"] == "paper")


def overlong_slide() -> Slide:
    """Far more text than a page holds: it must still print on exactly one page."""
    words = md_escape("Лорем ипсум: a long paragraph that repeats. " * 60)
    col = tuple(Block("text", words) for _ in range(6))
    return Slide("timeline", "all", "An overlong slide", (col, col), footnotes=(1, 23))


@pytest.fixture(scope="module")
def deck() -> list[Slide]:
    """The ready-made regional briefing as the deck page prints it, plus one overlong
    Cyrillic slide (it must still print on one page, cut, with a Cyrillic font)."""
    return [*deck_slides.deck_slides(DV.regional_briefing()), overlong_slide()]


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
        "() => [...document.images].map(i => [i.complete, i.naturalWidth > 0, i.src.slice(0, 26)])"
    )
    assert images and all(i == [True, True, "data:image/svg+xml;base64,"] for i in images)
