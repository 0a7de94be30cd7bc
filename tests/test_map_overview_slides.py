"""The map's and the overview's slides (issue 15), built without an app: every slide is
titled, sourced and footnoted; the maps are static Vega-Lite (they print), with no font
below the chart minimum, no hover, every mark keyed or labelled, figures as published."""

from __future__ import annotations

import json
from functools import cache

import altair as alt
import pytest

from components import country_view as cv
from components import data
from components import map_view as mv
from components import overview_view as ov
from components.slides import BLOCK_KINDS, MIN_CHART_PX
from components.vocab import PART_TITLES
from tests.support.slides import hover_only


@cache
def map_slides() -> tuple:
    return mv.slides(mv.Inputs.from_data(), mv.slide_geometry())


@cache
def overview_slides() -> tuple:
    view = ov.build(
        cv.Inputs.from_data(), data.gti_regions(), data.flags(), data.provenance(), "test"
    )
    return ov.slides(view)


def all_slides() -> tuple:
    return (*map_slides(), *overview_slides())


def walk(node: object, key: str) -> list:
    """Every value stored under `key` at any depth of a spec."""
    if isinstance(node, dict):
        return [v for k, v in node.items() if k == key] + [
            x for v in node.values() for x in walk(v, key)
        ]
    if isinstance(node, list):
        return [x for v in node for x in walk(v, key)]
    return []


def chart(part: str) -> dict:
    (slide,) = [s for s in map_slides() if s.part == part]
    (block,) = [b for b in slide.blocks if b.kind == "chart"]
    return block.body


def rows(spec: dict) -> list[dict]:
    """Every data row of a spec (Altair moves inline data to top-level datasets)."""
    tables = list(spec.get("datasets", {}).values()) + walk(spec, "values")
    return [r for t in tables if isinstance(t, list) for r in t if isinstance(r, dict)]


def texts(spec: dict) -> list[str]:
    return [str(r["text"]) for r in rows(spec) if "text" in r]


def side_text(part: str) -> str:
    (slide,) = [s for s in map_slides() if s.part == part]
    return "\n".join(str(b.body) for b in slide.columns[1]).replace("\\", "")  # unescaped


def test_map_parts_are_the_vocabulary_parts() -> None:
    assert [s.part for s in map_slides()] == list(PART_TITLES["map"])


def test_every_slide_is_titled_sourced_and_footnoted() -> None:
    for slide in all_slides():  # built when run, not at collection (every worker collects)
        at = f"{slide.page}-{slide.part}"
        assert slide.title and slide.source and slide.footnotes, at
        assert all(b.kind in BLOCK_KINDS for b in slide.blocks), at
        assert all(isinstance(n, int) for n in slide.footnotes), at


@pytest.mark.parametrize("part", list(PART_TITLES["map"]))
def test_map_chart_is_valid_legible_and_needs_no_hover(part) -> None:
    spec = chart(part)
    alt.TopLevelSpec.validate(spec)  # a valid Vega-Lite spec (raises if not)
    sizes = [v for k in ("fontSize", "labelFontSize", "titleFontSize") for v in walk(spec, k)]
    assert sizes and min(sizes) >= MIN_CHART_PX
    assert hover_only(spec) == []
    marks = [m for m in walk(spec, "mark") if isinstance(m, dict)]
    assert "geoshape" in {m["type"] for m in marks}  # drawn by Vega, so the handout prints it


@pytest.mark.parametrize(
    ("part", "expected"),
    [
        (
            "region",
            [
                "Tajikistan 0.871",
                "Uzbekistan 0.423",
                "Kazakhstan 0.000",
                "Kyrgyzstan 0.000",
                "Turkmenistan (no score)",
                "Afghanistan (no score)",
                "Afghan-Uzbek border",
                "Afghan-Tajik border",
                "Afghan-Turkmen border",
                "Balkh, Takhar and Badakhshan",
                "Tashkent 1999 A",
            ],
        ),
        (
            "border",
            [
                "Takhar",
                "Balkh",
                "Badakhshan",
                "Afghan-Tajik border",
                "Turkmenistan (no score)",
                "Tajikistan 0.871",
                "3 incidents, 2022 C",
            ],
        ),
    ],
)
def test_map_labels_name_every_shape_with_figures_as_published(part, expected) -> None:
    shown = texts(chart(part))
    assert set(expected) <= set(shown), set(expected) - set(shown)


@pytest.mark.parametrize("part", list(PART_TITLES["map"]))
def test_map_legends_key_no_score_by_pattern_and_the_scores(part) -> None:
    spec = json.dumps(chart(part))
    assert mv.NO_SCORE_KEY in spec and "hatched" in mv.NO_SCORE_KEY
    hatch = [r for r in rows(chart(part)) if r.get("properties", {}).get("key") == mv.NO_SCORE_KEY]
    assert hatch  # the hatch lines are drawn, not only named in the legend
    values = [v for v in walk(chart(part), "values") if v == [0.0, 0.423, 0.871, 1.686, 3.016]]
    assert values  # the colour legend lists Table 1's scores


def test_risk_notes_are_written_beside_the_map() -> None:
    region, border = side_text("region"), side_text("border")
    assert "Desert, without mountains" in region  # the paper's wording, case kept
    assert "Mountainous (the paper says so of Tajikistan as a whole)" in region
    assert "footnote 56, whose title is about Tajikistan" in region  # the flag is kept
    assert "Takhar, Balkh and Badakhshan:" in border
    assert "Rocket attacks in Tashkent (1999; on the region map only)" in border
    assert border.count("**C**") == 3  # three incidents share marker C


def test_overview_is_one_slide_with_five_facts_and_five_states() -> None:
    (slide,) = overview_slides()
    facts, states = slide.columns
    figures = [b.body for b in facts if b.kind == "metric"]  # (label with source, value, '')
    assert len(figures) == 5 and len([b for b in states if b.kind == "item"]) == 5
    assert "**Turkmenistan**: GTI 2023: **not in Table 1**" in states[-1].body
    assert figures[0][1] == "0.871" and figures[0][0].endswith(" · Table 1, footnotes 36, 37")
    assert slide.source.startswith("Facts: Table 1 and Table 2")


@pytest.mark.parametrize("part", list(PART_TITLES["map"]))
def test_each_map_slide_carries_its_data_table(part) -> None:
    """a11y (issue 17): the slide's map has a table alternative with every feature drawn,
    scores as published (three decimals) and "no score in source" where Table 1 has none."""
    (slide,) = [s for s in map_slides() if s.part == part]
    (table,) = slide.tables
    assert (table.key, table.label) == (f"map_slide_data_{part}", mv.SLIDE_TABLE_LABEL)
    frame = table.frame.map(lambda v: v.replace("\\", ""))  # unescaped
    countries = frame[frame["layer"] == "country"].set_index("name")["gti\\_2023\\_score"]
    assert countries["Tajikistan"] == "0.871" and countries["Kazakhstan"] == "0.000"
    assert countries["Turkmenistan"] == "no score in source"  # never 0
    assert set(frame["layer"]) == {"country", "province", "border", "incident"}
    assert all(s.tables == () for s in overview_slides())
