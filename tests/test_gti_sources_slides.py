"""The terrorism-index and sources slides (issue 15), pure: one GTI chart per slide in
vocab.PART_TITLES' order, re-specified for the projector (type, no hover, labels, flags,
sources); the references slides of the footnotes a search selects."""

from __future__ import annotations

import functools
import json

import altair as alt
import pytest

from components import data
from components import gti_view as gv
from components import sources_view as sv
from components.slides import BLOCK_KINDS, MIN_CHART_PX
from components.vocab import FLAG, PART_TITLES
from tests.support.slides import font_sizes as _font_sizes
from tests.support.slides import hover_only

SOURCES = data.sources()


SELECTED = ("TJK", "UZB")


@functools.cache
def gti_slides(selected: tuple[str, ...] = ()) -> tuple:
    """Built once, when a test first asks (not at collection: every xdist worker collects)."""
    return gv.slides(gv.build_from_data(selected))


def plain() -> tuple:
    return gti_slides()


def tjk() -> tuple:
    return gti_slides(SELECTED)


def _by_part(slides) -> dict:
    return {s.part: s for s in slides}


def _text(slide) -> str:
    return "\n".join(b.body for b in slide.blocks if isinstance(b.body, str))


# ----------------------------------------------------------------------------- GTI


@pytest.mark.parametrize("selected", [(), SELECTED], ids=["plain", "selected"])
def test_one_gti_chart_per_slide_in_the_vocabulary_order(selected) -> None:
    slides = gti_slides(selected)
    assert [s.part for s in slides] == list(PART_TITLES["gti"])
    for s in slides:
        assert s.page == "gti" and s.title.replace("\\", "") == PART_TITLES["gti"][s.part]
        assert [b.kind for b in s.blocks].count("chart") == 1
        assert s.blocks[0].kind == "chart"  # the chart leads, its notes beside it
        assert all(b.kind in BLOCK_KINDS for b in s.blocks)
        assert len(s.widths) == len(s.columns)


@pytest.mark.parametrize(
    ("part", "table"),
    [
        ("scores", "Table 1"),
        ("changes", "Table 1"),
        ("regions", "Table 2"),
        ("region_changes", "Table 2"),
        ("programme", "Table 3"),
        ("totals", "Table 3"),
    ],
)
def test_each_slide_names_its_table_and_footnotes(part, table) -> None:
    slide = _by_part(plain())[part]
    assert slide.source.startswith("Source:") and table in slide.source
    assert "footnote" not in slide.source  # the slide adds its footnotes once, after it
    assert slide.footnotes and set(slide.footnotes) <= set(SOURCES["footnote"])


@pytest.mark.parametrize(
    ("selected", "part"),
    [(sel, part) for sel in ((), SELECTED) for part in PART_TITLES["gti"]],
    ids=[
        f"{'selected-' * bool(sel)}{part}" for sel in ((), SELECTED) for part in PART_TITLES["gti"]
    ],
)
def test_gti_charts_are_legible_labelled_and_need_no_hover(selected, part) -> None:
    slide = _by_part(gti_slides(selected))[part]
    (spec,) = [b.body for b in slide.blocks if b.kind == "chart"]
    text = json.dumps(spec)
    assert min(_font_sizes(spec)) >= MIN_CHART_PX
    assert hover_only(spec) == []  # no tooltip encoding, every mark says "no tooltip"
    assert "hover" not in text.lower()
    assert "Source:" not in text  # the source is the slide's line, not the chart subtitle
    marks = [layer.get("mark", {}) for layer in spec["layer"]]
    assert any(m.get("type") == "text" for m in marks)  # values written on the chart
    alt.TopLevelSpec.validate(spec)  # still valid Vega-Lite


def _plotted(spec: dict) -> list[dict]:
    return [row for rows in spec["datasets"].values() for row in rows]


@pytest.mark.parametrize(
    ("part", "field"),
    [
        ("scores", "label"),
        ("changes", "text"),
        ("regions", "text"),
        ("region_changes", "text"),
        ("programme", "events_as_printed"),
        ("totals", "text"),
    ],
)
def test_every_bar_carries_its_printed_value_as_a_label(part, field) -> None:
    (spec,) = [b.body for b in _by_part(plain())[part].blocks if b.kind == "chart"]
    text_fields = {
        layer["encoding"]["text"].get("field")
        for layer in spec["layer"]
        if layer.get("mark", {}).get("type") == "text" and "field" in layer["encoding"]["text"]
    }
    assert field in text_fields
    rows = [r for r in _plotted(spec) if field in r]
    assert rows and all(r[field] for r in rows)


def test_flags_show_their_glyph_and_note_on_the_slide() -> None:
    gti = data.gti_countries()
    flagged = gti[gti["flags"].map(bool)]
    assert len(flagged)  # the data has a flagged row; this test would be empty otherwise
    for part in ("scores", "changes"):
        slide = _by_part(plain())[part]
        warnings = [b.body for b in slide.blocks if b.kind == "warning"]
        for name in flagged["country_as_printed"]:
            assert any(w.startswith(FLAG) and name in w for w in warnings), (part, warnings)
        (spec,) = [b.body for b in slide.blocks if b.kind == "chart"]
        assert FLAG in json.dumps(spec, ensure_ascii=False)  # the glyph on the bar's label


def test_derived_formulas_the_page_hovers_are_on_the_slide() -> None:
    text = _text(_by_part(plain())["region_changes"])
    assert text.count("Derived: Central Asia") == 2  # one per period
    assert "simple mean" in text


def test_the_selection_is_the_slide_state_and_table3_says_whom_it_covers() -> None:
    assert all(s.params == () for s in plain())
    assert all(s.params == (("countries", "TJK,UZB"),) for s in tjk())
    assert "Table 3 covers Astana" in _text(_by_part(tjk())["programme"])
    assert "Table 3 covers Astana" not in _text(_by_part(plain())["programme"])


# ------------------------------------------------------------------------- sources


def source_slides(query="", kinds=()) -> tuple:
    return sv.slides(sv.build(SOURCES, query, kinds), query, kinds)


def test_all_footnotes_in_numbered_parts_of_fixed_size() -> None:
    slides = source_slides()
    n = len(SOURCES)
    assert [s.part for s in slides] == [str(i) for i in range(1, -(-n // sv.SLIDE_SIZE) + 1)]
    assert [f for s in slides for f in s.footnotes] == list(range(1, n + 1))
    for s in slides:
        assert s.page == "sources" and s.title and s.source and s.footnotes
        assert len(s.footnotes) <= sv.SLIDE_SIZE
        items = [b for b in s.blocks if b.kind == "text"]
        assert [int(b.body.split("**")[1]) for b in items] == list(s.footnotes)


@pytest.mark.parametrize(
    ("query", "kinds", "expected"),
    [
        ("global terrorism index", (), (19, 36, 53)),
        ("", ("law",), (17, 18, 58, 59)),
        ("binance", (), (64,)),
    ],
)
def test_a_search_selects_the_references(query, kinds, expected) -> None:
    (slide,) = source_slides(query, kinds)
    assert slide.part == "1" and slide.footnotes == expected
    head = slide.blocks[0].body
    assert head.startswith(f"{len(expected)} of {len(SOURCES)} footnotes")
    assert dict(slide.params).get("q", "") == query
    assert [v for k, v in slide.params if k == "kind"] == [sv.kind_label(k) for k in kinds]


def test_urls_are_printed_and_linked_without_escapes_in_the_target() -> None:
    (slide,) = source_slides("binance")
    (item,) = [b.body for b in slide.blocks if b.kind == "text"]
    url = SOURCES.loc[SOURCES["footnote"] == 64, "url"].iloc[0]
    assert f"]({url})" in item


def test_no_match_is_one_slide_with_the_notice_and_hostile_text_is_escaped() -> None:
    (slide,) = source_slides("<b>zz</b> *x*")
    assert slide.footnotes == ()
    assert [b.kind for b in slide.blocks] == ["caption", "warning"]
    assert "<b>" not in slide.blocks[0].body and "\\*x\\*" in slide.blocks[0].body


@pytest.mark.parametrize(
    ("query", "kinds", "expected"),
    [
        (None, [], ("", ())),
        ("osce", ["Law", "Nonsense", "Law"], ("osce", ("law",))),
        ("A" * 10_000, ["law"], ("A" * sv.SEARCH_MAX_CHARS, ())),
    ],
)
def test_read_link_takes_what_the_bound_widgets_take(query, kinds, expected) -> None:
    assert sv.read_link(query, kinds) == expected
