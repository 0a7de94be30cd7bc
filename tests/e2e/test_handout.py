"""The printed handout (components/handout.py) in real headless Chromium, offline.

The deck is the ready-made regional briefing, printed as the deck page prints it (each
slide from its page's own ``slides()``), plus one overlong Cyrillic slide. The handout is opened from a file:// URL with
every request that is not data: aborted, printed to PDF with page.pdf(landscape A4) and
the pages counted with pypdf.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import os
import re
from pathlib import Path

import pypdf
import pytest

from components import data, deck_slides, handout, i18n
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


def _html(slides: list[Slide], title: str, tr: i18n.Translator = i18n.ENGLISH) -> str:
    return handout.build_html(
        slides,
        data.sources(),
        title=title,
        generated=DATE,
        dataset_version=data.dataset_version(),
        paper_citation=" ".join(_paper()["title"].split()),
        paper_url=_paper()["path"],
        tr=tr,
    )


@pytest.fixture(scope="module")
def handout_file(deck, tmp_path_factory) -> Path:
    html = _html(deck, "Regional briefing")
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


# Every visible text of a chart SVG, and every rect mark, in page pixels. Hidden text
# (vl-convert writes labels that labelOverlap drops with opacity 0) and the white halo
# drawn under a map label (the same text at the same place) are left out.
CHART_BOXES_JS = """() => {
  const opacity = e => { let o = 1; for (; e && e.tagName !== 'svg'; e = e.parentElement)
    o *= +getComputedStyle(e).opacity; return o; };
  const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  return {
    texts: [...document.querySelectorAll('svg text')]
      .filter(t => t.textContent.trim() && t.getBoundingClientRect().width > 0 && opacity(t) > 0)
      .map(t => [t.textContent, ...box(t)]),
    cells: [...document.querySelectorAll('svg g.mark-rect path')].map(box),
  };
}"""


def _chart_svgs(html: str) -> list[str]:
    return [
        base64.b64decode(m[1]).decode("utf-8")
        for m in re.finditer(r'src="data:image/svg\+xml;base64,([^"]+)"', html)
    ]


def _russian_handout() -> str:
    ru = i18n.translator("ru")
    return _html(deck_slides.deck_slides(DV.regional_briefing(), ru), "Региональный брифинг", ru)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_printed_chart_text_neither_collides_nor_overruns_its_cell(
    offline_page, handout_file, lang
):
    """The charts are laid out for the app's font and printed in DejaVu Sans, which runs
    wider: no label may run into another, and a label on a rect (the matrix's country
    headers) keeps a margin inside it."""
    html = handout_file.read_text("utf-8") if lang == "en" else _russian_handout()
    svgs = _chart_svgs(html)
    assert len(svgs) >= 10  # the maps, the GTI chart, the matrix, each country's two charts
    faults = []
    for n, svg in enumerate(svgs):
        offline_page.set_content(f"<body style='margin:0'>{svg}</body>")
        got = offline_page.evaluate(CHART_BOXES_JS)
        texts = got["texts"]
        for i, (a, *p) in enumerate(texts):
            for b, *q in texts[i + 1 :]:
                halo = a == b and abs(p[0] - q[0]) < 2 and abs(p[1] - q[1]) < 2
                dx, dy = min(p[2], q[2]) - max(p[0], q[0]), min(p[3], q[3]) - max(p[1], q[1])
                if dx > 1 and dy > 1 and not halo:
                    faults.append(f"chart {n}: {a!r} runs into {b!r}")
            cx, cy = (p[0] + p[2]) / 2, (p[1] + p[3]) / 2
            for left, top, right, bottom in got["cells"]:
                inside = left < cx < right and top < cy < bottom
                if inside and (p[0] < left + 2 or p[2] > right - 2):
                    faults.append(f"chart {n}: {a!r} fills or overruns its cell")
                    break
    assert faults == []
