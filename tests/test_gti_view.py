"""The terrorism-index page's view model (components/gti_view.py), without an app."""

from __future__ import annotations

import io
import re

import altair as alt
import pandas as pd
import pytest

from components import data
from components import gti_view as gv

GTI = data.gti_countries()
KEYS = [
    "table1-scores",
    "table1-changes",
    "table2-regions",
    "table2-changes",
    "table3-programme",
    "table3-totals",
]


def build(selected=()) -> gv.GtiView:
    return gv.build_from_data(selected)


def chart(view: gv.GtiView, key: str) -> gv.ChartBlock:
    return next(c for s in view.sections for c in s.charts if c.key == key)


@pytest.fixture(scope="module")
def plain() -> gv.GtiView:
    return build()


# ------------------------------------------------------------------------ the link


@pytest.mark.parametrize(
    ("value", "selected", "notice_has"),
    [
        (None, (), None),
        ("", (), None),
        ("TJK,UZB", ("TJK", "UZB"), None),
        ("kgz,NOPE,TJK", ("KGZ", "TJK"), "NOPE"),
        ("TKM", (), "TKM"),  # Turkmenistan is not in Table 1
        ("<b>x</b>", (), "<b>x</b>"),
        ("RUS," * 200, ("RUS",), None),
    ],
)
def test_read_link(value, selected, notice_has):
    got, notice = gv.read_link(value, GTI)
    assert got == selected
    if notice_has is None:
        assert notice is None
    else:
        assert notice.startswith("Ignored unknown country code(s) in the link: ")
        assert notice_has in notice.replace("\\", "")  # escaped, readable
        assert "Use codes from Table 1: RUS, UKR, TJK, ARM, UZB, KAZ, KGZ." in notice


def test_a_hostile_code_is_escaped_in_the_notice():
    _, notice = gv.read_link("<img src=x>,[a](javascript:x)", GTI)
    assert not re.search(r"(?<!\\)<img", notice) and "](javascript" not in notice


@pytest.mark.parametrize(
    ("selected", "value"), [((), None), (("TJK",), "TJK"), (("TJK", "UZB"), "TJK,UZB")]
)
def test_link_value_round_trips(selected, value):
    assert gv.link_value(selected) == value
    assert gv.read_link(value, GTI)[0] == selected


def test_picker_lists_table1_in_printed_order():
    p = gv.picker(GTI)
    assert p.options == tuple(GTI["iso3"])
    assert p.label("TJK") == "Tajikistan (TJK)" and p.label("ZZZ") == "ZZZ"


# ------------------------------------------------------------------------ the view


def test_sections_and_charts_in_page_order(plain):
    assert [s.header for s in plain.sections] == [
        "Eurasian countries, 2023 (Table 1)",
        "Regions (Table 2)",
        "Astana's prevention programme (Table 3)",
    ]
    assert [c.key for s in plain.sections for c in s.charts] == KEYS


@pytest.mark.parametrize("key", KEYS)
def test_every_chart_is_valid_sourced_and_downloadable(plain, key):
    block = chart(plain, key)
    alt.TopLevelSpec.validate(block.spec)  # raises on an invalid Vega-Lite spec
    assert block.spec["title"]["text"]  # a finding as title
    assert block.footnotes and block.footnotes_md.startswith("Footnotes: ")
    plain_md = re.sub(r"\]\(https?://[^)]*\)", "", block.footnotes_md).replace("[", "")
    assert plain_md == "Footnotes: " + ", ".join(str(n) for n in block.footnotes)
    assert "](http" in block.footnotes_md  # the GTI report's footnotes print a link
    assert block.data_label.replace("\\", "") == "Show data: " + block.title
    assert block.csv_name == f"{key}.csv"
    csv = pd.read_csv(io.BytesIO(block.csv), keep_default_na=False)
    assert list(csv.columns) == list(block.data.columns) and len(csv) == len(block.data)


def test_missing_events_stay_missing_in_the_csv(plain):
    csv = chart(plain, "table3-programme").csv.decode("utf-8")
    programme = chart(plain, "table3-programme").data
    assert programme["events"].isna().any()
    assert ",-," in csv  # events_as_printed keeps the paper's '-'


def test_the_flagged_row_is_a_warning_after_the_scores(plain):
    blocks = {c.key: c for s in plain.sections for c in s.charts}
    assert len(blocks["table1-scores"].warnings) == 1
    warning = blocks["table1-scores"].warnings[0]
    assert warning.startswith("**Flagged: Russia.** ")
    assert GTI.loc[GTI["iso3"] == "RUS", "flag_note"].iloc[0][:20] in warning.replace("\\", "")
    assert all(not c.warnings for k, c in blocks.items() if k != "table1-scores")


@pytest.mark.parametrize(
    ("selected", "links", "table3_note"),
    [
        ((), [], False),
        (("RUS",), [], True),
        (("TJK", "UZB"), ["Tajikistan: country view", "Uzbekistan: country view"], True),
        (("KAZ", "RUS"), ["Kazakhstan: country view"], False),
        (("KGZ",), ["Kyrgyz Republic: country view"], True),  # the name as Table 1 prints it
    ],
)
def test_selection_links_and_table3_note(selected, links, table3_note):
    view = build(selected)
    assert view.selected == selected
    assert [link.label for link in view.country_links] == links
    assert all(link.page == "pages/countries.py" for link in view.country_links)
    assert [dict(link.params)["country"] for link in view.country_links] == [
        c for c in selected if c in data.CENTRAL_ASIA
    ]
    note = view.sections[2].note
    assert (note is not None) is table3_note
    if table3_note:
        assert note == (
            "Table 3 covers Astana, Kazakhstan, only; the paper prints no such "
            "table for the other selected countries."
        )
    rows = chart(view, "table1-scores").data
    assert set(rows.loc[rows["selected"], "iso3"]) == set(selected)
    astana = chart(view, "table3-programme").spec["config"]["view"]["strokeWidth"]
    assert astana == (3 if "KAZ" in selected else 0)


def test_unknown_codes_are_dropped_from_a_selection():
    assert build(("TJK", "ZZZ")).selected == ("TJK",)


def test_notes_are_escaped(monkeypatch):
    from components import gti_charts

    real = gti_charts.totals_chart

    def hostile(act, highlight=False, **kw):
        r = real(act, highlight, **kw)
        return gti_charts.ChartResult(
            r.key, r.chart, r.data, "<b>t</b>", ["<img src=x> *x*"], r.footnotes
        )

    monkeypatch.setattr(gti_charts, "totals_chart", hostile)
    block = chart(build(), "table3-totals")
    assert block.notes == ("\\<img src=x\\> \\*x\\*",)
    assert "<b>" not in block.data_label
