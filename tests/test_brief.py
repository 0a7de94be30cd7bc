"""The printable country brief: self-contained, sourced, escaped (components/brief.py)."""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import re

import pytest

from components import brief, data
from components import country_view as cv
from tests.support.offline_html import ResourceScan, external_loads


@pytest.fixture(scope="module")
def inputs() -> cv.Inputs:
    return cv.Inputs.from_data()


def _paper() -> dict:
    return next(s for s in data.provenance()["sources"] if s["id"] == "paper")


def _build(view: cv.CountryView, **images) -> str:
    return brief.build_html(
        view,
        generated=dt.date(2026, 11, 24),
        dataset_version=data.dataset_version(),
        paper_citation=" ".join(_paper()["title"].split()),
        paper_url=_paper()["path"],
        **images,
    )


def _geometry() -> cv.MapGeometry:
    return cv.map_geometry(data.geo("geo_countries"), data.geo("geo_borders"))


@pytest.fixture(scope="module")
def uzb_brief(inputs) -> str:
    """The real thing for one country: vl-convert renders both charts."""
    view = cv.build_view("UZB", inputs)
    return _build(
        view,
        map_png=brief.chart_png(
            cv.mini_map("UZB", _geometry(), height=260, width=260, font_size=13), scale=1
        ),
        timeline_png=brief.chart_png(
            cv.timeline_chart(view.initiatives, font_size=12, row_height=18, width=320), scale=1
        ),
    )


def test_brief_has_the_countrys_figures(uzb_brief, inputs):
    view = cv.build_view("UZB", inputs)
    for fig in (*view.gti, *view.key_figures):
        assert fig.value in uzb_brief
    assert "0.423" in uzb_brief and "531 people" in uzb_brief
    assert view.table4_text in uzb_brief
    assert "compiled by the authors" in uzb_brief


def test_brief_has_numbered_references_for_every_footnote(uzb_brief, inputs):
    view = cv.build_view("UZB", inputs)
    scan = ResourceScan()
    scan.feed(uzb_brief)
    for n in view.footnotes:
        assert f"fn{n}" in scan.ids
        assert f'value="{n}"' in uzb_brief
    # in-text markers link to the numbered list
    assert {a[3:] for a in scan.anchors if a.startswith("#fn")} <= {str(n) for n in view.footnotes}
    assert any(a.startswith("https://") for a in scan.anchors)  # links to sources as <a>


def test_brief_has_date_version_and_sections(uzb_brief):
    assert "generated\n24 November 2026 · dataset version" in uzb_brief
    assert data.dataset_version() in uzb_brief
    for heading in (
        "Headline figures",
        "Approaches",
        "Initiatives",
        "The Afghan border",
        "Human rights",
        "References",
    ):
        assert f"<h2>{heading}</h2>" in uzb_brief
    assert "@page" in uzb_brief and "A4" in uzb_brief


def test_brief_loads_no_external_resource(uzb_brief):
    assert external_loads(uzb_brief) == []


def test_brief_charts_are_inline_png(uzb_brief):
    srcs = re.findall(r'<img [^>]*src="([^"]+)"', uzb_brief)
    assert len(srcs) == 2
    for src in srcs:
        assert src.startswith("data:image/png;base64,")
        assert base64.b64decode(src.split(",", 1)[1])[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(
    "html_doc",
    [
        '<img src="https://example.org/x.png">',
        '<script src="//cdn.example.org/x.js"></script>',
        '<link rel="stylesheet" href="https://fonts.example.org/css">',
        "<style>@import url(https://x.org/a.css);</style>",
        "<style>body { background: url('http://x.org/b.png'); }</style>",
        '<iframe src="https://example.org"></iframe>',
        '<div style="background:url(https://x.org/c.png)"></div>',
    ],
)
def test_scanner_catches_external_loads(html_doc):
    assert external_loads(html_doc)  # the check above can fail


@pytest.mark.parametrize("iso", data.CENTRAL_ASIA)
def test_every_country_brief_builds_offline_without_images(iso, inputs):
    html_doc = _build(cv.build_view(iso, inputs))
    assert external_loads(html_doc) == []
    assert "References" in html_doc


def test_brief_for_countries_without_border_or_gti(inputs):
    kaz = _build(cv.build_view("KAZ", inputs))
    assert "No shared border" in kaz
    tkm = _build(cv.build_view("TKM", inputs))
    assert "not in Table 1" in tkm


@pytest.mark.parametrize(
    ("iso", "flag_text"),
    [
        ("KAZ", "Materials and Methods section says"),  # the paper's border contradiction
        ("UZB", "the IMU&#x27;s followers were killed"),  # the flagged group's two versions
    ],
)
def test_the_printed_brief_carries_the_flags(iso, flag_text, inputs):
    html_doc = _build(cv.build_view(iso, inputs))
    item = next(li for li in html_doc.split("<li") if flag_text in li)
    assert item.startswith(' class="flag">⚑')


def test_brief_escapes_data_text(inputs):
    view = cv.build_view("UZB", inputs)
    evil = '<script>alert("x")</script><img src=https://evil.example/x.png>'
    fig = dataclasses.replace(view.key_figures[0], label=evil, value=evil)
    segs = view.border_segments.copy()
    segs.loc[0, "measures"] = evil
    refs = view.references.copy()
    refs.loc[0, "citation"] = evil
    refs.loc[0, "url"] = 'https://ok.example/"><script>x</script>'
    view = dataclasses.replace(
        view, key_figures=(fig,), border_segments=segs, references=refs, table4_text=evil, name=evil
    )
    html_doc = _build(view)
    assert "<script" not in html_doc and "<img src=https" not in html_doc
    assert "&lt;script&gt;" in html_doc
    assert external_loads(html_doc) == []


# ---- in Russian: every word through the catalogue, the date the locale's way


@pytest.fixture(scope="module")
def ru_inputs() -> cv.Inputs:
    return cv.Inputs.from_data("ru")


def _build_ru(iso: str, ru_inputs: cv.Inputs) -> str:
    from components import i18n

    ru = i18n.Translator("ru")
    return brief.build_html(
        cv.build_view(iso, ru_inputs, ru),
        generated=dt.date(2026, 11, 24),
        dataset_version="v-test",
        paper_citation="The paper",
        paper_url=_paper()["path"],
        tr=ru,
    )


def test_russian_brief_names_the_gti_in_russian(ru_inputs):
    """Turkmenistan has no GTI score: its line is headed 'ГИТ:' (the catalogue's word),
    never the untranslated 'GTI:'."""
    html = _build_ru("TKM", ru_inputs)
    assert "<strong>ГИТ:</strong>" in html and "GTI:" not in html


def test_russian_brief_dates_and_cites_the_russian_way(ru_inputs):
    html = _build_ru("KGZ", ru_inputs)
    assert "24 ноября 2026" in html and "2026-11-24" not in html
    assert "Источник: “The paper”" in html  # the citation as published, quoted
