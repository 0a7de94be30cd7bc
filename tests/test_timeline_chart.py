"""Unit tests of the timeline's chart builders (components/timeline_chart.py)."""

from __future__ import annotations

import itertools
import json
import math

import pandas as pd
import pytest

from components import data
from components import filters as F
from components import timeline_chart as T


def one(ini: pd.DataFrame, *ids: str) -> pd.DataFrame:
    return ini[ini["id"].isin(ids)].reset_index(drop=True)


def layers_of(chart) -> list[dict]:
    spec = chart.to_dict()
    return spec["layer"]


def _holds(predicate: dict, row: dict) -> bool:
    """Evaluate the Vega-Lite field predicates the timeline uses (and, not, equal, oneOf)."""
    if "and" in predicate:
        return all(_holds(p, row) for p in predicate["and"])
    if "not" in predicate:
        return not _holds(predicate["not"], row)
    if "equal" in predicate:
        return row.get(predicate["field"]) == predicate["equal"]
    if "oneOf" in predicate:
        return row.get(predicate["field"]) in predicate["oneOf"]
    raise AssertionError(f"unexpected predicate {predicate}")


def data_of(chart, layer: dict) -> list[dict]:
    """The rows a layer draws: its own data, or the chart's shared data through its filters."""
    spec = chart.to_dict()
    rows = spec["datasets"][(layer.get("data") or spec["data"])["name"]]
    for step in layer.get("transform", []):
        if "filter" in step:
            rows = [r for r in rows if _holds(step["filter"], r)]
    return rows


def is_letter_layer(layer: dict) -> bool:
    """A layer of the category letters (a11y), drawn on top of the marks."""
    return any(step.get("as") == "letter" for step in layer.get("transform", []))


# ------------------------------------------------------------ spans vs points


@pytest.mark.parametrize(
    ("item", "drawn_as", "start", "end"),
    [
        # A programme 2023-2027 is a bar over all five years.
        ("kgz_programme_2023_2027", "span", "2023-01-01", "2028-01-01"),
        ("un_ct_ca_phases_1_3", "span", "2010-01-01", "2022-01-01"),
        # An event known only to the year covers that whole year, never a day.
        ("osce_protect", "year", "2023-01-01", "2024-01-01"),
        # An event known to the month covers that month.
        ("tjk_soft_targets_workshop_2023", "month", "2023-07-01", "2023-08-01"),
        ("kaz_protect_workshop_2024", "month", "2024-03-01", "2024-04-01"),
    ],
)
def test_marks_cover_the_published_period(ini, vocab, item, drawn_as, start, end):
    frame = T.timeline_frame(one(ini, item), vocab, labels=False)
    assert set(frame["drawn_as"]) == {drawn_as}
    assert set(frame["period_start"]) == {pd.Timestamp(start)}
    assert set(frame["period_end"]) == {pd.Timestamp(end)}
    assert set(frame["drawn_label"]) == {T.DRAWN_AS[drawn_as]}


def test_spans_are_bars_and_day_events_are_points(ini, vocab):
    # The paper has no day-precision item; make one to check it becomes a point.
    day = one(ini, "osce_protect").assign(
        id="synthetic_day",
        start="2023-05-17",
        start_precision="day",
        period_start=pd.Timestamp("2023-05-17"),
        period_end=pd.Timestamp("2023-05-18"),
    )
    items = pd.concat([one(ini, "kgz_programme_2023_2027", "osce_protect"), day], ignore_index=True)
    frame = T.timeline_frame(items, vocab, labels=False)
    chart = T.timeline_chart(frame)
    by_mark: dict[str, set[str]] = {}
    for layer in layers_of(chart):
        if is_letter_layer(layer):
            continue
        mark = layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"]
        for row in data_of(chart, layer):
            if "id" in row:
                by_mark.setdefault(row["id"], set()).add(mark)
    assert by_mark["kgz_programme_2023_2027"] == {"bar"}
    assert by_mark["osce_protect"] == {"bar"}
    assert by_mark["synthetic_day"] == {"point"}


def _eval_letter_expr(expr: str, value: str) -> str:
    """Evaluate the chained `value === "x" ? "A" : (...)` expression the chart builds."""
    import re

    for category, letter in re.findall(r'=== ("(?:[^"\\]|\\.)*") \? ("[A-Z]")', expr):
        if json.loads(category) == value:
            return json.loads(letter)
    return ""


@pytest.mark.parametrize("colour", ["family", "theme"])
def test_every_colour_category_also_has_a_letter(ini, vocab, colour):
    """a11y (issue 17): colour is never the only cue. Every dated initiative carries its
    category's letter on its mark, and the legend writes the same letter before the name."""
    frame = T.timeline_frame(ini, vocab, colour=colour, labels=False)
    chart = T.timeline_chart(frame, colour=colour)
    layers = layers_of(chart)
    colour_enc = next(x["encoding"]["color"] for x in layers if "color" in x.get("encoding", {}))
    domain = colour_enc["scale"]["domain"]
    letters = {c: T.CATEGORY_LETTERS[i] for i, c in enumerate(domain)}
    assert len(set(letters.values())) == len(domain)  # one letter per category
    label_expr = colour_enc["legend"]["labelExpr"]
    for category, letter in letters.items():
        assert _eval_letter_expr(label_expr, category) == letter
    lettered = set()
    for layer in filter(is_letter_layer, layers):
        (calc,) = [t for t in layer["transform"] if t.get("as") == "letter"]
        for row in data_of(chart, layer):
            assert (
                _eval_letter_expr(calc["calculate"], row["colour_label"])
                == letters[row["colour_label"]]
            )
            lettered.add(row["id"])
    dated = frame[frame["kind"] == "initiative"]
    assert lettered == set(dated["id"])  # every drawn initiative, whatever its precision


def test_undated_items_are_not_drawn(ini, vocab):
    undated = ini.loc[ini["start"].isna(), "id"]
    frame = T.timeline_frame(ini, vocab)
    assert len(undated) and not set(undated) & set(frame["id"])
    assert set(frame["id"]) == set(ini.loc[ini["start"].notna(), "id"])


# ---------------------------------------------------------- precision encoding


def test_precision_legend_and_dash_encoding(ini, vocab):
    frame = T.timeline_frame(ini, vocab, labels=False)
    chart = T.timeline_chart(frame)
    dashes = [
        layer["encoding"]["strokeDash"]
        for layer in layers_of(chart)
        if "strokeDash" in layer.get("encoding", {})
    ]
    assert dashes, "precision must be encoded (strokeDash) with a legend"
    scale = dashes[0]["scale"]
    mapping = dict(zip(scale["domain"], scale["range"], strict=True))
    assert mapping[T.DRAWN_AS["year"]] == [5, 3]  # year only: dashed outline
    assert mapping[T.DRAWN_AS["span"]] == [1, 0]
    assert mapping[T.DRAWN_AS["month"]] == [2, 2]  # dotted: its legend entry differs
    assert len({tuple(v) for v in T.DRAWN_DASH.values()}) == len(T.DRAWN_DASH)  # none alike
    assert dashes[0]["title"].startswith("Drawn as")
    # Year-only boxes are pale (the thin strip inside keeps the colour readable).
    pale = [
        layer
        for layer in layers_of(chart)
        if isinstance(layer["mark"], dict) and layer["mark"].get("fillOpacity")
    ]
    assert pale and all(
        row["drawn_as"] == "year" for layer in pale for row in data_of(chart, layer)
    )


def test_month_ticks_only_when_a_month_is_a_sliver(ini, vocab):
    items = one(ini, "kaz_protect_workshop_2024", "un_ct_ca_phases_1_3")
    wide = T.timeline_chart(T.timeline_frame(items, vocab), domain=(2010, 2025))
    narrow = T.timeline_chart(T.timeline_frame(items, vocab), domain=(2024, 2025))

    def ticks(chart):
        return [
            la
            for la in layers_of(chart)
            if isinstance(la["mark"], dict) and la["mark"]["type"] == "tick"
        ]

    assert ticks(wide) and not ticks(narrow)


# ------------------------------------------------------------------ rows, lanes


def test_regional_item_is_drawn_in_every_country_row(ini, vocab):
    frame = T.timeline_frame(one(ini, "ewn_central_asia"), vocab)
    assert sorted(frame["group"]) == sorted(data.CENTRAL_ASIA)
    global_item = T.timeline_frame(one(ini, "unsc_res_2178"), vocab)
    assert list(global_item["group_label"]) == [T.NO_COUNTRY]


@pytest.mark.parametrize(
    ("rows", "item", "groups"),
    [
        ("family", "tjk_soft_targets_workshop_2023", {"osce", "un", "domestic"}),
        ("family", "canada_taliban_law_2013", {"~none"}),
        ("organisation", "kaz_protect_workshop_2024", {"osce", "gov_kaz"}),
        ("organisation", "ewn_regional_conference_2023", {"un"}),
    ],
)
def test_rows_by_partner(ini, vocab, rows, item, groups):
    frame = T.timeline_frame(one(ini, item), vocab, rows=rows)
    assert set(frame["group"]) == groups


def test_only_groups_keeps_the_filtered_countries(ini, vocab):
    frame = T.timeline_frame(
        one(ini, "ewn_central_asia", "kaz_state_programme_2018"), vocab, only_groups=("TJK",)
    )
    assert set(frame["group"]) == {"TJK"}


def test_overlapping_items_get_their_own_lanes(ini, vocab):
    frame = T.timeline_frame(ini, vocab, labels=False)
    for (_, lane), part in frame[frame["kind"] == "initiative"].groupby(["group", "lane"]):
        part = part.sort_values("period_start")
        assert (part["period_start"].iloc[1:].values >= part["period_end"].iloc[:-1].values).all()
    assert frame["slot"].is_unique is False  # lanes are shared by items that do not overlap
    assert list(frame["slot"]) == sorted(frame["slot"])


@pytest.mark.parametrize("rows", ["country", "family", "top"])
@pytest.mark.parametrize("with_incidents", [False, True])
def test_markers_in_one_lane_do_not_overlap(ini, vocab, rows, with_incidents):
    """Letter discs and incident diamonds are drawn at a fixed size: in one lane, no two may
    touch on the narrowest plot (1280x720). Kazakhstan's "B" had sat under an "A"."""
    incidents = data.incidents() if with_incidents else None
    domain = T.x_domain(ini, incidents)
    frame = T.timeline_frame(ini, vocab, rows=rows, incidents=incidents, domain=domain)
    px_per_year = T.NARROWEST_PLOT_PX / (domain[1] - domain[0])
    radius = math.sqrt(T.LETTER_DISC / math.pi)

    def centre_px(r) -> float:
        at_start = r.kind == "initiative" and r.drawn_as in ("span", "year")
        t = r.period_start if at_start else r.mid
        years = t.year + (t.day_of_year - 1) / 366 - domain[0]
        return years * px_per_year + (T.BAND_LETTER_DX if at_start else 0)

    for slot, part in frame.groupby("slot"):
        xs = sorted(centre_px(r) for r in part.itertuples())
        gaps = [b - a for a, b in itertools.pairwise(xs)]
        assert all(g >= 2 * radius for g in gaps), (slot, gaps)


@pytest.mark.parametrize(
    ("intervals", "lanes"),
    [
        ([(0, 1), (1, 2), (2, 3)], [0, 0, 0]),
        ([(0, 2), (1, 3), (2, 4)], [0, 1, 0]),
        ([(0, 10), (1, 2), (3, 4)], [0, 1, 1]),
        ([], []),
    ],
)
def test_pack_lanes(intervals, lanes):
    assert T.pack_lanes(intervals) == lanes


# ---------------------------------------------------------------- colour


@pytest.mark.parametrize(
    ("item", "family"),
    [
        ("kgz_round_table_2023", "osce"),  # OSCE office + domestic bodies
        ("tjk_soft_targets_workshop_2023", "several"),  # OSCE and UN
        ("kaz_sayone_contract_2024", "domestic"),
        ("binance_tjk_2023", "private"),
        ("canada_taliban_law_2013", "none"),
    ],
)
def test_colour_family(ini, vocab, item, family):
    r = one(ini, item).iloc[0]
    assert T.colour_family(r["partners"], vocab) == family


def test_theme_colour_prefers_the_selected_theme(vocab):
    themes = ["un", "prevention", "online"]
    assert T.primary_theme(themes, vocab) == "prevention"
    assert T.primary_theme(themes, vocab, selected=["online"]) == "online"
    assert T.primary_theme(["osce", "intl_cooperation"], vocab) == "intl_cooperation"


def test_palettes_cover_every_key(vocab):
    assert set(T.FAMILY_COLOURS) >= set(F.FAMILY_ORDER) | {"several", "none"}
    assert set(T.THEME_COLOURS) >= set(vocab.themes)
    assert all(c.startswith("#") for c in T.FAMILY_COLOURS.values())


def test_family_colour_legend_follows_the_vocabulary_order(ini, vocab):
    # The legend lists families in vocab.FAMILY_ORDER (as the rows, the summary and the
    # approaches matrix do), then "several" and "none"; it used to follow the palette.
    from components.vocab import FAMILY_ORDER

    keys = ["none", "domestic", "several", "government", "other_international", "un", "osce"]
    frame = pd.DataFrame(
        {
            "kind": "initiative",
            "colour_key": keys,
            "colour_label": [T.family_label(k) for k in keys],
        }
    )
    scale, _ = T._colour_scale(frame, "family")
    expected = [T.family_label(k) for k in (*FAMILY_ORDER, "several", "none") if k in keys]
    assert scale.domain == expected
    assert scale.range == [
        T.FAMILY_COLOURS[k] for k in (*FAMILY_ORDER, "several", "none") if k in keys
    ]
    # The real chart's legend is a subsequence of the same order.
    spec = T.timeline_chart(T.timeline_frame(ini, vocab)).to_dict()
    domain = next(
        la["encoding"]["color"]["scale"]["domain"]
        for la in spec["layer"]
        if "scale" in la.get("encoding", {}).get("color", {})
    )
    full = [T.family_label(k) for k in (*FAMILY_ORDER, "several", "none")]
    assert domain == [label for label in full if label in domain]


# ------------------------------------------------------- flags, tooltips, incidents


def test_flagged_items_carry_a_marker_and_their_note(ini, vocab):
    flagged = ini[ini["flag"].notna()]
    frame = T.timeline_frame(flagged, vocab, labels=False)
    dated = frame[frame["kind"] == "initiative"]
    assert dated["flagged"].all() and (dated["marker"] == "⚑").all()
    notes = dict(zip(flagged["id"], flagged["flag_note"], strict=True))
    assert all(r.flag_text == notes[r.id] for r in dated.itertuples())
    chart = T.timeline_chart(frame)
    marker_layers = [
        la
        for la in layers_of(chart)
        if la.get("encoding", {}).get("text", {}).get("field") == "marker"
    ]
    assert marker_layers and data_of(chart, marker_layers[0])


def test_tooltip_has_title_published_date_partners_countries_footnotes(ini, vocab):
    frame = T.timeline_frame(one(ini, "tamun_2023"), vocab)
    chart = T.timeline_chart(frame)
    bars = [la for la in layers_of(chart) if "tooltip" in la.get("encoding", {})]
    titles = {t["title"] for t in bars[0]["encoding"]["tooltip"]}
    assert {"Title", "Date as published", "Partners", "Countries", "Footnotes", "⚑ Flag"} <= titles
    row = frame.iloc[0]
    assert row["date_text"] == "2023 (year of the cited report; the text gives no date)"
    assert row["partners_text"] == "UN, USAID, Government of Turkmenistan"
    assert row["footnotes_text"] == "32, 33"


def test_incidents_are_a_separate_dark_diamond_layer(ini, vocab):
    inc = data.incidents()
    frame = T.timeline_frame(one(ini, "osce_protect"), vocab, incidents=inc)
    assert set(frame.loc[frame["kind"] == "incident", "id"]) == set(inc["id"])
    chart = T.timeline_chart(frame)
    diamonds = [la for la in layers_of(chart) if la.get("encoding", {}).get("shape")]
    assert diamonds
    assert diamonds[0]["encoding"]["shape"]["scale"]["range"] == ["diamond"]
    # Vega-Lite merges legends of channels that share a field: the overlay's shape legend
    # must not share the colour legend's field, or its label replaces every family's name.
    colour_fields = {
        la["encoding"]["color"]["field"]
        for la in layers_of(chart)
        if "field" in la.get("encoding", {}).get("color", {})
    }
    assert colour_fields and diamonds[0]["encoding"]["shape"]["field"] not in colour_fields
    assert diamonds[0]["mark"]["color"] == T.INCIDENT_COLOUR
    # Incidents never take an initiative colour (no red/green meaning).
    assert T.INCIDENT_COLOUR not in T.FAMILY_COLOURS.values()
    by_family = T.timeline_frame(one(ini, "osce_protect"), vocab, rows="family", incidents=inc)
    assert set(by_family.loc[by_family["kind"] == "incident", "group_label"]) == {T.INCIDENT_ROW}


def test_data_text_is_not_html_escaped_twice(ini, vocab):
    # Vega's tooltip escapes '<' and '&' itself; the builder passes text through unchanged.
    items = one(ini, "osce_protect").assign(title="<b>x</b> & y")
    frame = T.timeline_frame(items, vocab)
    assert frame["title"].iloc[0] == "<b>x</b> & y"


def test_chart_is_readable_on_a_projector(ini, vocab):
    frame = T.timeline_frame(ini, vocab)
    spec = T.timeline_chart(frame, title="t").to_dict()
    text = json.dumps(spec)
    sizes = [v for k, v in _walk(spec) if k in ("labelFontSize", "titleFontSize")]
    assert sizes and min(sizes) >= 14
    assert spec["title"]["fontSize"] >= 20
    assert spec["autosize"]["type"] == "fit-x"  # lanes keep their height
    assert '"labelOverlap": false' in text  # every row label is kept


def _walk(obj):
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield k, v
            yield from _walk(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _walk(v)


# ------------------------------------------------------------- partner summary


def test_partner_summary_counts(ini, vocab):
    shown = F.apply(F.FilterState(partners=("osce",)), ini, vocab)
    frame = T.partner_summary_frame(shown, vocab)
    cell = frame.set_index(["family", "country"])["n"]
    assert cell[("Any partner", "Any country")] == len(shown)
    assert cell[("OSCE", "Any country")] == len(shown)
    expected_tjk = sum("TJK" in cs for cs in shown["countries"])
    assert cell[("OSCE", "Tajikistan")] == expected_tjk
    assert cell[("Any partner", "Tajikistan")] == expected_tjk
    un_tjk = sum(
        "TJK" in cs and "un" in T.families_of(ps, vocab)
        for cs, ps in zip(shown["countries"], shown["partners"], strict=True)
    )
    assert cell[("UN", "Tajikistan")] == un_tjk
    assert (
        T.summary_title(frame) == "Who works where: most initiatives pair OSCE with Tajikistan (5)"
    )
    T.partner_summary_chart(frame, "t").to_dict()


def test_marks_share_one_dataset_sent_once(ini, vocab):
    # Per-layer frames sent most rows two or three times (the spec was 100 KB); the layers
    # now filter one shared dataset, plus the row shading's own small one.
    frame = T.timeline_frame(ini, vocab, incidents=data.incidents())
    spec = T.timeline_chart(frame).to_dict()
    shared = spec["datasets"][spec["data"]["name"]]
    assert len(shared) == len(frame)
    assert len(spec["datasets"]) == 2
    drawn = [
        r for la in spec["layer"] if "transform" in la for r in data_of(T.timeline_chart(frame), la)
    ]
    assert {(r["kind"], r["id"], r["slot"]) for r in drawn} == set(
        zip(frame["kind"], frame["id"], frame["slot"], strict=True)
    )
    assert set(shared[0]) == set(T.SPEC_COLUMNS)


def test_category_letters_are_readable(ini, vocab):
    """15 theme colours cannot all differ for every colour blindness: the letter is the cue."""
    chart = T.timeline_chart(T.timeline_frame(ini, vocab, labels=False))
    letters = [
        layer
        for layer in layers_of(chart)
        if layer.get("encoding", {}).get("text", {}).get("field") == "letter"
    ]
    assert letters and all(layer["mark"]["fontSize"] >= 12 for layer in letters)
