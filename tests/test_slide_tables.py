"""a11y (issue 17): every slide that draws a chart carries that chart's data as a table
(`Slide.tables`, shown in a keyed expander on the slide), figures as published."""

from __future__ import annotations

from functools import cache

import pytest

from components import approaches_view as AV
from components import country_view as cv
from components import data
from components import filters as F
from components import gti_view as gv
from components import map_view as mv
from components import timeline_view as TV
from components.vocab import STATES


@cache
def all_slides() -> dict[str, tuple]:
    timeline = TV.build_from_data(F.FilterState(), F.ViewOptions(), (), TV.vocabulary_from_data())
    gti = gv.build_from_data(())
    geometry = cv.map_geometry(data.geo("geo_countries"), data.geo("geo_borders"))
    inputs = cv.Inputs.from_data()
    return {
        "map": mv.slides(mv.Inputs.from_data(), mv.slide_geometry()),
        "gti": gv.slides(gti),
        "approaches": AV.slides(AV.build(AV.Inputs.from_data())),
        "timeline": TV.slides(timeline),
        "countries": tuple(
            s for iso in STATES for s in cv.slides(cv.build_view(iso, inputs), geometry)
        ),
    }


def unescaped(table) -> list[list[str]]:
    return [[str(v).replace("\\", "") for v in row] for row in table.frame.to_numpy()]


@pytest.mark.parametrize("page", ["map", "gti", "approaches", "timeline", "countries"])
def test_every_chart_slide_has_a_keyed_data_table(page) -> None:
    slides = all_slides()[page]
    assert slides
    for slide in slides:
        charts = [b for b in slide.blocks if b.kind == "chart"]
        assert len(slide.tables) >= len(charts), (page, slide.part)
        keys = [t.key for t in slide.tables]
        assert len(set(keys)) == len(keys) and all(k.replace("_", "").isalnum() for k in keys)
        assert all(len(t.frame) and t.label for t in slide.tables)


def test_gti_slide_tables_keep_the_figures_as_printed() -> None:
    by_part = {s.part: s.tables[0] for s in all_slides()["gti"]}
    scores = {r[0]: r[1] for r in unescaped(by_part["scores"])}
    assert scores["Kazakhstan"] == "0.000" and scores["Tajikistan"] == "0.871"
    programme = unescaped(by_part["programme"])
    theology = {r[1]: r[3] for r in programme if r[0] == "Theological lessons"}
    assert theology["2022"] == "-" and theology["2023"] == "-"  # missing, never 0
    assert theology["2024"] == "270"


def test_the_matrix_slide_table_is_the_page_table() -> None:
    (slide,) = all_slides()["approaches"]
    (table,) = slide.tables
    cells = unescaped(table)
    assert ["Prevention & de-radicalisation", "T4 · 6", "T4 · 5", "text · 4"] == cells[0][:4]


def test_timeline_slide_tables_list_each_slides_initiatives() -> None:
    slides = all_slides()["timeline"]
    shown = [r[0].removeprefix("⚑ ") for s in slides for r in unescaped(s.tables[0])]
    ini = data.initiatives()
    dated = ini[ini["period_start"].notna()] if "period_start" in ini else ini[ini["start"].notna()]
    assert sorted(shown) == sorted(dated["title"])
