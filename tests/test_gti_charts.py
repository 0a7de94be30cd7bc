"""Unit tests of the GTI page's chart builders: they inspect the Vega-Lite spec and data."""

from __future__ import annotations

import json
from decimal import Decimal

import pandas as pd
import pytest

from components import data
from components import gti_charts as g


@pytest.fixture(scope="module")
def gti():
    return data.gti_countries()


@pytest.fixture(scope="module")
def regions():
    return data.gti_regions()


@pytest.fixture(scope="module")
def act():
    return data.astana_activities()


def _all(gti, regions, act, selected=()):
    return [
        g.scores_chart(gti, selected),
        g.country_changes_chart(gti, selected),
        g.regions_chart(regions, gti, selected, countries=data.countries()),
        g.region_changes_chart(regions, gti, selected, countries=data.countries()),
        g.programme_chart(act, "KAZ" in selected),
        g.totals_chart(act, "KAZ" in selected),
    ]


def _values(spec: dict) -> list[dict]:
    """The one inline dataset of a chart's spec (each builder plots one main frame)."""
    datasets = spec["datasets"]
    main = max(datasets.values(), key=len)
    return main


def _layers(spec: dict) -> list[dict]:
    return spec["layer"]


def _fields(layer: dict) -> dict[str, object]:
    return {
        ch: (enc.get("field") if isinstance(enc, dict) else enc)
        for ch, enc in layer["encoding"].items()
    }


def _filters(layer: dict) -> list[str]:
    return [t["filter"] for t in layer.get("transform", []) if "filter" in t]


# ------------------------------------------------------------------ every chart


@pytest.mark.parametrize(
    "selected", [(), ("TJK", "UZB"), ("KAZ",), ("RUS", "UKR", "TJK", "ARM", "UZB", "KAZ", "KGZ")]
)
def test_every_chart_is_styled_sourced_and_readable(gti, regions, act, selected):
    for res in _all(gti, regions, act, selected):
        spec = res.spec()
        cfg = spec["config"]
        assert cfg["axis"]["labelFontSize"] >= 14 and cfg["axis"]["titleFontSize"] >= 14, res.key
        assert cfg["legend"]["labelFontSize"] >= 14, res.key
        title = spec["title"]
        assert title["fontSize"] >= 20, res.key
        assert " ".join(title["text"]) == res.title
        sub = " ".join(title["subtitle"])
        assert "Source:" in sub and "footnote" in sub, res.key
        assert res.footnotes and all(str(n) in sub for n in res.footnotes), res.key
        # the frame downloaded is the frame plotted
        assert _values(spec) == json.loads(res.data.to_json(orient="records")), res.key
        assert res.csv().decode().splitlines()[0].split(",") == list(res.data.columns)
        # fit the page width, keep the plot's own height (no squeezing into the default)
        assert spec["autosize"]["type"] == "fit-x"
        assert spec["width"] == "container"


def test_tooltips_never_use_vega_tooltip_magic_keys(gti, regions, act):
    # vega-tooltip renders a field titled 'image' as <img> and 'title' as a heading.
    for res in _all(gti, regions, act):
        for layer in _layers(res.spec()):
            for tip in layer.get("encoding", {}).get("tooltip", []):
                assert tip["title"].lower() not in ("image", "title"), res.key


# ------------------------------------------------------------------ Table 1


def test_scores_plot_the_published_values_sorted(gti):
    res = g.scores_chart(gti)
    rows = _values(res.spec())
    by_iso = gti.set_index("iso3")["score_2023"]
    assert {r["iso3"]: r["score_2023"] for r in rows} == by_iso.to_dict()
    assert [r["score_2023"] for r in rows] == sorted(by_iso, reverse=True)
    bars = _layers(res.spec())[0]
    assert bars["encoding"]["y"]["sort"] == [r["country"] for r in rows]
    assert bars["encoding"]["x"]["scale"]["domain"][0] == data.GTI_RANGE[0]
    tip = {t["field"]: t for t in bars["encoding"]["tooltip"]}
    assert tip["score_2023"]["format"] == ".3f"
    assert "source" in tip and "flag_note" in tip


def test_title_states_the_finding_from_data(gti):
    df = gti.copy()
    res = g.scores_chart(df)
    assert res.title.startswith("Russia has the highest 2023 score (3.016)")
    assert "Kazakhstan and Kyrgyz Republic score 0.000" in res.title
    # change the data, the title follows
    df.loc[df["iso3"] == "UKR", "score_2023"] = 4.5
    assert g.scores_chart(df).title.startswith("Ukraine has the highest 2023 score (4.500)")


@pytest.mark.parametrize(
    ("iso3", "label"),
    [
        ("KAZ", "0.000 (tie)"),
        ("KGZ", "0.000 (tie)"),
        ("ARM", "0.423 (tie)"),
        ("UZB", "0.423 (tie)"),
        ("TJK", "0.871"),
        ("UKR", "1.686"),
        ("RUS", "3.016  ⚑ flagged"),
    ],
)
def test_zero_scores_and_ties_are_labelled(gti, iso3, label):
    res = g.scores_chart(gti)
    row = res.data.set_index("iso3").loc[iso3]
    assert row["label"] == label
    if "tie" in label:
        assert row["tie_note"].startswith("Tied with")


def test_zero_scores_get_a_visible_mark_and_text(gti):
    spec = g.scores_chart(gti).spec()
    marks = {
        (l["mark"]["type"] if isinstance(l["mark"], dict) else l["mark"]): l for l in _layers(spec)
    }
    assert "datum['score_2023'] === 0" in _filters(marks["tick"])
    assert _fields(marks["text"])["text"] == "label"


def test_the_flagged_row_carries_its_flag(gti):
    res = g.scores_chart(gti)
    rows = {r["iso3"]: r for r in _values(res.spec())}
    assert rows["RUS"]["flagged"] is True
    assert "-0.731" in rows["RUS"]["flag_note"]
    assert all(not r["flagged"] and r["flag_note"] == "" for k, r in rows.items() if k != "RUS")
    # drawn in its own, differently coloured text layer
    flag_layers = [l for l in _layers(res.spec()) if "datum.flagged" in _filters(l)]
    assert flag_layers and flag_layers[0]["mark"]["color"] == g.FLAG_COLOUR
    assert "⚑" in " ".join(res.spec()["title"]["subtitle"])


def test_changes_plot_both_periods_as_printed(gti):
    res = g.country_changes_chart(gti)
    rows = _values(res.spec())
    assert len(rows) == 2 * len(gti)
    for _, r in gti.iterrows():
        mine = {x["period"]: x for x in rows if x["iso3"] == r["iso3"]}
        assert mine["2013–2023"]["change"] == r["change_2013_2023"]
        assert mine["2022–2023"]["change"] == r["change_2022_2023"]
    rus = next(x for x in rows if x["iso3"] == "RUS" and x["period"] == "2013–2023")
    assert rus["flagged"] and rus["implied_start_score"] == -0.731
    assert rus["text"].startswith("⚑")
    assert not next(x for x in rows if x["iso3"] == "RUS" and x["period"] == "2022–2023")["flagged"]


@pytest.mark.parametrize(
    ("iso3", "period", "direction", "printed"),
    [
        ("TJK", "2013–2023", "improvement (score fell)", "-1.653"),
        ("RUS", "2022–2023", "deterioration (score rose)", "+0.328"),
        ("KAZ", "2022–2023", "no change", "0.000"),
        ("ARM", "2013–2023", "deterioration (score rose)", "+0.423"),
    ],
)
def test_improvement_and_deterioration_are_coded(gti, iso3, period, direction, printed):
    df = g.country_changes_chart(gti).data
    row = df[(df["iso3"] == iso3) & (df["period"] == period)].iloc[0]
    assert row["direction"] == direction
    assert row["change_as_printed"] == printed


def test_changes_have_a_zero_rule_and_distinct_colours(gti):
    spec = g.country_changes_chart(gti).spec()
    rules = [
        l
        for l in _layers(spec)
        if (l["mark"]["type"] if isinstance(l["mark"], dict) else l["mark"]) == "rule"
    ]
    assert rules
    zero_data = spec["datasets"][rules[0]["data"]["name"]]
    assert zero_data == [{"zero": 0.0}]
    scale = _layers(spec)[0]["encoding"]["color"]["scale"]
    assert len(set(scale["range"])) == len(scale["range"])  # every class its own colour
    assert "no change" in scale["domain"]


def test_the_country_order_is_the_same_in_both_table1_charts(gti):
    a = _layers(g.scores_chart(gti).spec())[0]["encoding"]["y"]["sort"]
    b = _layers(g.country_changes_chart(gti).spec())[0]["encoding"]["y"]["sort"]
    assert a == b


@pytest.mark.parametrize("selected", [("TJK", "UZB"), ("RUS",), ()])
def test_selection_highlights_exactly_the_chosen_countries(gti, selected):
    for res in (g.scores_chart(gti, selected), g.country_changes_chart(gti, selected)):
        rows = _values(res.spec())
        assert {r["iso3"] for r in rows if r["selected"]} == set(selected)
        bars = _layers(res.spec())[0]["encoding"]
        if selected:
            assert bars["opacity"]["condition"][0]["test"] == "datum.selected"
        else:
            assert bars["opacity"] == {"value": 1}


# ------------------------------------------------------------------ Table 2


def test_regions_plot_the_published_averages(regions, gti):
    res = g.regions_chart(regions, gti)
    rows = [r for r in _values(res.spec()) if r["kind"] == "published"]
    assert {r["label"]: r["avg_score_2023"] for r in rows} == regions.set_index("region")[
        "avg_score_2023"
    ].to_dict()
    assert res.title == "Eurasia has the lowest average GTI score of the 5 regions in Table 2"
    eurasia = next(r for r in rows if r["label"] == "Eurasia")
    assert eurasia["category"] == "Eurasia (published)"
    cat = _layers(res.spec())[0]["encoding"]["color"]["scale"]
    assert cat["range"][cat["domain"].index("Eurasia (published)")] == g.CA_COLOUR


def test_derived_mean_is_labelled_with_its_formula(regions, gti):
    res = g.regions_chart(regions, gti, countries=data.countries())
    derived = [r for r in _values(res.spec()) if r["kind"] == "derived"]
    assert len(derived) == 1
    d = derived[0]
    ca = gti[gti["central_asia"]]
    expected = sum(Decimal(f"{v:.3f}") for v in ca["score_2023"]) / len(ca)
    assert Decimal(d["value_as_printed"]) == expected.quantize(
        Decimal("0.001"), rounding="ROUND_HALF_UP"
    )
    assert "derived" in d["label"] and "(derived)" in d["text"]
    assert "simple mean" in d["formula"] and f"/ {len(ca)}" in d["formula"]
    assert "Turkmenistan is not in Table 1" in d["formula"]
    # drawn differently from the published bars: dashed outline
    bars = _layers(res.spec())[0]["encoding"]
    assert bars["strokeDash"]["condition"][0]["test"] == "datum.kind === 'derived'"


def test_selection_adds_a_derived_row_to_table2(regions, gti):
    res = g.regions_chart(regions, gti, ("TJK", "RUS"))
    sel = [r for r in _values(res.spec()) if r["selected"]]
    assert len(sel) == 1 and sel[0]["kind"] == "derived" and "RUS" in sel[0]["label"]
    assert sel[0]["value_as_printed"] == "1.944"  # (3.016 + 0.871) / 2 = 1.9435, half up


def test_region_changes_title_and_values(regions, gti):
    res = g.region_changes_chart(regions, gti)
    assert (
        res.title
        == "Eurasia's average fell by 1.339 over 2013–2023 but rose by 0.020 over 2022–2023"
    )
    pub = res.data[res.data["kind"] == "published"]
    for _, r in regions.iterrows():
        mine = pub[pub["label"] == r["region"]].set_index("period")["change"]
        assert (
            mine["2013–2023"] == r["change_2013_2023"]
            and mine["2022–2023"] == r["change_2022_2023"]
        )
    der = res.data[res.data["kind"] == "derived"]
    assert (der["formula"] != "").all() and der["text"].str.endswith("derived").all()


# ------------------------------------------------------------------ Table 3


def test_programme_plots_printed_events_and_omits_missing(act):
    res = g.programme_chart(act)
    rows = _values(res.spec())
    printed = {
        (r.activity_id, int(r.year)): (None if pd.isna(r.events) else int(r.events))
        for r in act.itertuples()
    }
    assert {(r["activity_id"], r["year"]): r["events"] for r in rows} == printed
    missing = [k for k, v in printed.items() if v is None]
    assert missing == [("theology", 2022), ("theology", 2023)]
    layers = _layers(res.spec())
    bars = next(
        l
        for l in layers
        if (l["mark"]["type"] if isinstance(l["mark"], dict) else l["mark"]) == "bar"
    )
    assert "isValid(datum.events)" in _filters(bars)
    gaps = next(l for l in layers if "!isValid(datum.events)" in _filters(l))
    assert gaps["encoding"]["text"] == {"value": "no figure ('-')"}


def _rendered_rects(spec: dict, role_name: str) -> int:
    """Number of rect items Vega actually draws for marks whose name contains role_name."""
    vlc = pytest.importorskip("vl_convert")
    spec = json.loads(json.dumps(spec).replace('"container"', "1200"))
    sg = vlc.vegalite_to_scenegraph(spec)
    count = 0

    def walk(node):
        nonlocal count
        if isinstance(node, dict):
            if node.get("marktype") == "rect" and role_name in str(node.get("name", "")):
                count += len(node.get("items", []))
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(sg["scenegraph"])
    return count


def test_missing_years_are_absent_when_rendered_not_zero_bars(act):
    spec = g.programme_chart(act).spec()
    bar_layer = next(
        i
        for i, l in enumerate(_layers(spec))
        if (l["mark"]["type"] if isinstance(l["mark"], dict) else l["mark"]) == "bar"
    )
    drawn = _rendered_rects(spec, f"layer_{bar_layer}_marks")
    assert drawn == act["events"].notna().sum() == len(act) - 2


def test_planned_and_current_are_encoded_differently(act):
    spec = g.programme_chart(act).spec()
    bars = next(
        l
        for l in _layers(spec)
        if (l["mark"]["type"] if isinstance(l["mark"], dict) else l["mark"]) == "bar"
    )
    enc = bars["encoding"]
    for channel in ("opacity", "strokeDash"):
        assert enc[channel]["field"] == "status"
        dom, rng = enc[channel]["scale"]["domain"], enc[channel]["scale"]["range"]
        assert dom == ["current", "planned"] and rng[0] != rng[1]
    rows = _values(spec)
    assert {r["year"] for r in rows if r["status"] == "planned"} == {2025, 2026}
    assert "planned" in " ".join(spec["title"]["subtitle"])


def test_programme_title_names_the_2024_counter_propaganda_peak(act):
    res = g.programme_chart(act)
    assert res.title.startswith(
        "Counter-propaganda in social networks peaked in 2024 at 2562 events"
    )
    df = act.copy()
    df.loc[(df["activity_id"] == "outreach") & (df["year"] == 2023), "events"] = 3000
    assert g.programme_chart(df).title.startswith("Outreach activities peaked in 2023 at 3000")


@pytest.mark.parametrize(
    ("year", "total", "complete"),
    [
        (2022, 2083, False),
        (2023, 2467, False),
        (2024, 4182, True),
        (2025, 2541, True),
        (2026, 2541, True),
    ],
)
def test_totals_are_sums_of_printed_values_and_say_so(act, year, total, complete):
    res = g.totals_chart(act)
    row = res.data.set_index("year").loc[year]
    printed = act[(act["year"] == year)]["events"].dropna().astype(int).sum()
    assert row["total_events"] == printed == total
    assert row["complete"] is complete or row["complete"] == complete
    assert row["kind"] == "derived"
    assert row["text"].endswith("*") is (not complete)
    if not complete:
        assert "Theological lessons: no figure ('-'), not counted" in row["formula"]
    assert "derived" in res.title and "sum" in " ".join(res.spec()["title"]["subtitle"])


# ------------------------------------------------------------------ query parameter


@pytest.mark.parametrize(
    ("values", "wanted", "ignored"),
    [
        (["TJK,UZB"], ["TJK", "UZB"], []),
        (["tjk, uzb"], ["TJK", "UZB"], []),
        (["TJK", "UZB"], ["TJK", "UZB"], []),
        (["UZB,TJK,UZB"], ["UZB", "TJK"], []),
        (["TJK,XYZ"], ["TJK"], ["XYZ"]),
        (["TKM"], [], ["TKM"]),  # Turkmenistan is not in Table 1
        ([""], [], []),
        ([], [], []),
        (["<script>alert(1)</script>"], [], ["<script>aler"]),
        ([",".join(f"X{i}" for i in range(50))], [], ["X0", "X1", "X2", "X3", "X4"]),
    ],
)
def test_parse_countries_param(gti, values, wanted, ignored):
    assert g.parse_countries_param(values, gti["iso3"].tolist()) == (wanted, ignored)


@pytest.mark.parametrize("chart", ["programme_chart", "totals_chart"])
def test_the_status_legend_draws_current_and_planned_apart(act, chart):
    """Drawn by Vega: the legend's two swatches differ as the bars do (pale, dashed)."""
    import re

    import vl_convert as vlc

    svg = vlc.vegalite_to_svg(json.dumps(getattr(g, chart)(act).spec()))
    symbols = re.findall(r'role-legend-symbol"[^>]*><path ([^>]*)/>', svg)
    swatches = {
        (re.search(r'stroke-dasharray="([^"]*)"', s)[1], re.search(r'opacity="([^"]*)"', s)[1])
        for s in symbols
        if "stroke-dasharray" in s
    }
    assert swatches == {("1,0", "1"), ("6,4", str(g.PLANNED_OPACITY))}, swatches


def test_programme_chart_with_every_figure_missing_has_no_headline_peak(act):
    """Every Table 3 cell a '-' is valid data: the chart says so instead of failing on the
    peak it cannot find (the GTI page had crashed)."""
    empty = act.assign(events=pd.NA, events_as_printed="-")
    res = g.programme_chart(empty)
    assert "no current figure" in res.title
    assert res.spec()  # it still draws its axes and the planned-years band
