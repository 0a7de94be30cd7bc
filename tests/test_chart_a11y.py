"""components.chart_a11y: every chart spec gets an accessible name and unnamed marks off."""

from __future__ import annotations

import re

import altair as alt
import pytest

from components import i18n
from components.chart_a11y import FALLBACK, accessible, chart_name, title_text

RU = i18n.Translator("ru")


@pytest.mark.parametrize(
    ("spec", "name", "expected"),
    [
        ({"title": "Scores"}, None, "Scores"),
        ({"title": {"text": ["GTI", "2023"]}}, None, "GTI 2023"),
        ({"title": "T", "description": "Own"}, None, "Own"),
        ({"title": "T"}, "Given", "Given"),
        ({}, None, "Chart"),
    ],
)
def test_description(spec, name, expected) -> None:
    assert accessible(spec, name)["description"] == expected


def test_marks_hidden_and_input_unchanged() -> None:
    spec = {"title": "T", "config": {"mark": {"color": "red"}, "axis": {"labelFontSize": 18}}}
    out = accessible(spec)
    assert out["config"]["mark"] == {"color": "red", "aria": False}
    # axes and legends too: Vega describes them in English, whatever the page's language
    assert out["config"]["axis"] == {"labelFontSize": 18, "aria": False}
    assert out["config"]["legend"] == {"aria": False}
    assert spec == {
        "title": "T",
        "config": {"mark": {"color": "red"}, "axis": {"labelFontSize": 18}},
    }


def test_title_text_of_plain_and_missing() -> None:
    assert title_text({"title": " x "}) == "x"
    assert title_text({}) == ""


def test_result_is_valid_vega_lite() -> None:
    spec = alt.Chart(alt.Data(values=[{"a": 1}])).mark_bar().encode(x="a:Q").properties(title="A")
    alt.TopLevelSpec.validate(accessible(spec.to_dict()))  # validates against the schema


def test_an_interactive_chart_hides_only_its_unnamed_marks() -> None:
    spec = {
        "title": "T",
        "layer": [
            {"mark": "rect", "encoding": {"x": {"field": "a"}}},  # an outline: unnamed
            {"mark": {"type": "rect"}, "encoding": {"tooltip": [{"field": "a"}]}},  # a cell
        ],
    }
    out = accessible(spec, interactive=True)
    assert out["description"] == "T"
    assert out["config"] == {"axis": {"aria": False}, "legend": {"aria": False}}
    assert out["layer"][0]["mark"] == {"type": "rect", "aria": False}
    assert out["layer"][1]["mark"] == {"type": "rect"}
    assert spec["layer"][0]["mark"] == "rect"  # the input is not changed


def test_the_fallback_name_is_in_the_page_language() -> None:
    assert accessible({}, tr=RU)["description"] == "Диаграмма" == chart_name({}, tr=RU)
    assert accessible({}, tr=i18n.ENGLISH)["description"] == FALLBACK == chart_name({})
    assert accessible({"title": "T"}, tr=RU)["description"] == "T"  # its own name first


# ---- every chart of the views the audit named has a specific name of its own, in Russian


def _slide_charts(slides) -> list[tuple[str, dict]]:
    return [
        (f"{s.page}/{s.part}", b.body)
        for s in slides
        for column in s.columns
        for b in column
        if b.kind == "chart"
    ]


def _named_charts(tr: i18n.Translator) -> list[tuple[str, dict]]:
    """(where, spec) of the map page's legend, the map's two slides, the approaches page's
    chart and its slide, built in `tr`'s language."""
    from components import approaches_view as av
    from components import map_view as mv

    inp = mv.Inputs.from_data(tr.lang)
    charts = [("map/legend", mv.build(inp, tr=tr).legend)]
    charts += _slide_charts(mv.slides(inp, mv.slide_geometry(), tr))
    view = av.build(av.Inputs.from_data(tr.lang), (), False, False, None, None, tr=tr)
    charts += [("approaches/page", view.chart), *_slide_charts(av.slides(view, tr))]
    return charts


@pytest.fixture(scope="module")
def names() -> dict[str, list[tuple[str, str]]]:
    return {
        lang: [(where, chart_name(spec, tr=tr)) for where, spec in _named_charts(tr)]
        for lang, tr in (("en", i18n.ENGLISH), ("ru", RU))
    }


def test_the_audited_charts_are_all_there(names) -> None:
    where = [w for w, _ in names["ru"]]
    assert where == [
        "map/legend",
        "map/region",
        "map/border",
        "approaches/page",
        "approaches/matrix",
    ]


def test_every_audited_chart_has_a_specific_russian_name(names) -> None:
    """Not the fallback ("Chart"/"Диаграмма"), not English, and no two charts alike (the
    two map slides and the legend each say what they show)."""
    for (where, ru), (_, en) in zip(names["ru"], names["en"], strict=True):
        assert ru not in (FALLBACK, RU._(FALLBACK)), where
        assert ru != en and len(re.findall("[а-яё]", ru, re.IGNORECASE)) > 20, (where, ru)
        assert len(ru.split()) >= 6, (where, ru)  # a sentence, not a word
    maps = [n for w, n in names["ru"] if w.startswith("map/")]
    assert len(set(maps)) == len(maps)
    assert dict(names["ru"])["map/legend"].startswith("Легенда карты: ")


def test_the_legend_names_its_scale_as_the_caption_does(names) -> None:
    assert "0,000" in dict(names["ru"])["map/legend"]
    assert "0.000" in dict(names["en"])["map/legend"]


@pytest.mark.parametrize(
    ("page", "params", "starts"),
    [
        ("map", {}, ("Легенда карты: ",)),
        ("map", {"present": "1"}, ("Карта Центральной Азии и севера Афганистана: ",)),
        ("map", {"present": "1", "part": "border"}, ("Карта границы с Афганистаном ",)),
        ("approaches", {}, ("Матрица подходов по странам",)),
        ("approaches", {"present": "1"}, ("Матрица подходов по странам",)),
    ],
)
def test_the_pages_draw_each_audited_chart_with_its_russian_name(page, params, starts) -> None:
    """The frame (components/ui.py) passes each chart's own name to the browser, in Russian:
    the map's legend, the map's two slides, the approaches matrix on its page and slide."""
    import json

    from tests.support.apptest import run_page

    at = run_page(page, {"lang": "ru", **params})
    assert not at.exception
    shown = [json.loads(c.proto.spec)["description"] for c in at.get("vega_lite_chart")]
    assert [d[: len(s)] for d, s in zip(shown, starts, strict=True)] == list(starts), shown
