"""components.chart_a11y: every chart spec gets an accessible name and unnamed marks off."""

from __future__ import annotations

import altair as alt
import pytest

from components.chart_a11y import accessible, title_text


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
    assert out["config"]["axis"] == {"labelFontSize": 18}
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
    assert out["description"] == "T" and "config" not in out
    assert out["layer"][0]["mark"] == {"type": "rect", "aria": False}
    assert out["layer"][1]["mark"] == {"type": "rect"}
    assert spec["layer"][0]["mark"] == "rect"  # the input is not changed
