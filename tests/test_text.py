"""Formatting helpers: numbers as printed, dates at their precision, inert text."""

import pandas as pd
import pytest

from components import data, text


@pytest.mark.parametrize(
    ("value", "shown"), [(0.0, "0.000"), (0.871, "0.871"), (3.016, "3.016"), (0.42, "0.420")]
)
def test_score_keeps_three_decimals(value, shown):
    assert text.score(value) == shown


@pytest.mark.parametrize(("value", "shown"), [(0.0, "0.000"), (-0.46, "-0.460"), (0.328, "+0.328")])
def test_change_is_signed(value, shown):
    assert text.change(value) == shown


@pytest.mark.parametrize(
    ("start", "end", "shown"),
    [
        ("2023", None, "2023"),
        ("2023-07", None, "July 2023"),
        ("2023", "2027", "2023 – 2027"),
        ("2022-04", "2022-05", "April 2022 – May 2022"),
        (None, None, "undated"),
        ("2024-03-05", None, "5 March 2024"),
    ],
)
def test_dates_are_no_more_precise_than_given(start, end, shown):
    assert text.date_range(start, end) == shown


@pytest.mark.parametrize(
    "payload",
    ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "[x](javascript:alert(1))"],
)
def test_md_escape_neutralises_markup(payload):
    out = text.md_escape(payload)
    for ch in "<>[]()":
        assert ch not in out.replace("\\" + ch, "")


def test_md_escape_frame_escapes_cells_and_headers_and_keeps_missing_empty():
    out = text.md_escape_frame(pd.DataFrame({"<b>": ["<img src=x>", None], "n": ["a_b", "ok"]}))
    assert list(out.columns) == [text.md_escape("<b>"), "n"]
    assert out.iloc[0, 0] == text.md_escape("<img src=x>") and out.iloc[1, 0] == ""
    assert out.iloc[0, 1] == text.md_escape("a_b")


def test_html_escape():
    assert text.html_escape('<b a="1">') == "&lt;b a=&quot;1&quot;&gt;"


def test_footnote_links_follow_ibid_and_skip_missing_urls():
    md = text.footnote_links_md([37, 9], data.sources())
    assert md.startswith("[9]") is False
    assert "9, [37](https://reliefweb.int/report/world/global-terrorism-index-2024)" == md


def test_footnote_label():
    assert text.footnote_label([37, 36]) == "footnotes 36, 37"
    assert text.footnote_label([64]) == "footnote 64"


def test_footnote_links_label_counts_like_footnote_label():
    sources = data.sources()
    assert text.footnote_links_label([44], sources).startswith("footnote ")
    assert text.footnote_links_label([37, 9], sources) == "footnotes " + text.footnote_links_md(
        [37, 9], sources
    )
