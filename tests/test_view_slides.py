"""The approaches and country slides (issue 15), pure: block kinds, type sizes in the chart
specs, nothing hover-only, widths per column; and the spec helpers they use."""

from __future__ import annotations

from functools import cache

import altair as alt
import pytest

from components import approaches_view as AV
from components import country_view as cv
from components import data
from components.slides import (
    BLOCK_KINDS,
    MIN_CHART_PX,
    Slide,
    legible,
    list_runs,
    pick,
    without_tooltips,
)
from tests.support.slides import font_sizes as _font_sizes
from tests.support.slides import hover_only


@cache
def geometry():
    return cv.map_geometry(data.geo("geo_countries"), data.geo("geo_borders"))


@cache
def cv_inputs() -> cv.Inputs:
    return cv.Inputs.from_data()


SLIDE_CASES = ["approaches", "approaches-UZB", *data.CENTRAL_ASIA]


def _slides(case: str) -> tuple:
    """Built when a test runs, not at collection (every xdist worker collects)."""
    if case in data.CENTRAL_ASIA:
        return cv.slides(cv.build_view(case, cv_inputs()), geometry())
    inputs = AV.Inputs.from_data()
    if case == "approaches":
        return AV.slides(AV.build(inputs))
    approach = next(iter(AV.choices(inputs).approaches))
    return AV.slides(AV.build(inputs, country="UZB", approach=approach))


@pytest.mark.parametrize("case", SLIDE_CASES)
def test_slide_blocks_are_legible_and_need_no_hover(case) -> None:
    slides = _slides(case)
    (slide,) = slides
    assert slide.title and slide.source
    assert len(slide.widths) == len(slide.columns)
    assert all(b.kind in BLOCK_KINDS for b in slide.blocks)
    charts = [b.body for b in slide.blocks if b.kind == "chart"]
    assert charts
    for spec in charts:
        sizes = _font_sizes(spec)
        assert sizes and min(sizes) >= MIN_CHART_PX
        assert hover_only(spec) == []
        alt.TopLevelSpec.validate(spec)  # still a valid Vega-Lite spec


def test_the_approaches_slide_draws_its_views_own_slide_chart() -> None:
    """The page builds its slide from a cached view on each briefing rerun: the chart must be
    the view's one dict, so `ui._prepared` finds it again (a new copy would miss each time)."""
    view = AV.build(AV.Inputs.from_data())
    for _ in range(2):
        (slide,) = AV.slides(view)
        (chart,) = [b.body for b in slide.blocks if b.kind == "chart"]
        assert chart is view.slide_chart and chart is not view.chart


def test_country_slide_carries_its_state_and_footnotes() -> None:
    view = cv.build_view("TJK", cv_inputs())
    (slide,) = cv.slides(view, geometry())
    assert (slide.page, slide.params) == ("countries", (("country", "TJK"),))
    assert slide.footnotes == tuple(view.footnotes)


def test_legible_raises_small_fonts_only_and_keeps_the_input() -> None:
    spec = {
        "mark": {"fontSize": 12},
        "config": {"axis": {"labelFontSize": 30}},
        "layer": [{"encoding": {"x": {"axis": {"titleFontSize": {"expr": "9"}}}}}],
    }
    out = legible(spec, 20)
    assert out["mark"]["fontSize"] == 20 and out["config"]["axis"]["labelFontSize"] == 30
    assert out["layer"][0]["encoding"]["x"]["axis"]["titleFontSize"] == {"expr": "9"}
    assert spec["mark"]["fontSize"] == 12


def test_without_tooltips() -> None:
    spec = {
        "encoding": {"tooltip": [{"field": "a"}], "x": {"field": "b"}},
        "layer": [{"mark": {"type": "rect", "tooltip": True}}],
    }
    assert without_tooltips(spec) == {
        "encoding": {"x": {"field": "b"}},
        "layer": [{"mark": {"type": "rect", "tooltip": None}}],
    }
    assert hover_only(spec) and hover_only(without_tooltips(spec)) == []
    assert hover_only({"mark": "bar"}) == ["spec: mark 'bar' without tooltip None"]


@pytest.mark.parametrize(
    "kinds, runs",
    [
        ("", []),
        ("t", [(0, "t")]),
        ("iii", [(0, "iii")]),
        ("hiiw", [(0, "h"), (1, "ii"), (3, "w")]),
        ("itii", [(0, "i"), (1, "t"), (2, "ii")]),
        ("tt", [(0, "t"), (1, "t")]),  # only items join: two paragraphs stay two
    ],
)
def test_list_runs_join_consecutive_items_only(kinds, runs) -> None:
    """Every renderer draws a run of items as one list (issue 17); indices are the first
    block's, so a chart's widget key does not move when a list before it joins."""
    names = {"i": "item", "t": "text", "h": "heading", "w": "warning"}
    blocks = [(names[k], str(n)) for n, k in enumerate(kinds)]
    got = [(first, run) for first, run in list_runs(blocks, lambda b: b[0])]
    assert [(first, "".join(k[0] for k, _ in run)) for first, run in got] == runs
    assert [b for _, run in got for b in run] == blocks  # nothing lost, order kept


@pytest.mark.parametrize(
    "part, first, shown, missing",
    [
        ("b", None, "b", None),
        ("b", "c", "b", None),  # the link's part wins over the page's own
        (None, "c", "c", None),
        (None, None, "a", None),
        (None, "zz", "a", None),  # a first the page lacks: its first slide
        ("zz", "c", "c", "'zz'"),
        ("x" * 30, None, "a", repr("x" * 24)),  # quoted, cut to 24 characters
        ("", None, "a", "''"),
    ],
)
def test_pick_a_slide_by_part(part, first, shown, missing) -> None:
    """The page's briefing screen and the deck player choose a slide by one rule."""
    slides = [Slide("overview", p, p.upper(), ()) for p in "abc"]
    got, said = pick(slides, part, first)
    assert (got.part, said) == (shown, missing)
