"""Unit tests for components/matrix.py: the Table 4 country × approach matrix builder."""

from __future__ import annotations

import pandas as pd
import pytest

from components import data, matrix
from components import filters as F
from tests.support.initiatives import filtered

CELLS = data.approach_cells()
INI = data.initiatives()
ORGS = data.organisations()
STATES = data.central_asia()
SOURCES = data.sources()
APPROACHES = data.approaches()
TABLE4 = data.table4()


def build(partners=(), transpose=False, selected=(None, None)) -> matrix.MatrixResult:
    return matrix.build_matrix(CELLS, INI, ORGS, STATES, partners, transpose, selected)


def cell(result: matrix.MatrixResult, country: str, category: str) -> pd.Series:
    df = result.cells
    rows = df[(df["country"] == country) & (df["category"] == category)]
    assert len(rows) == 1, (country, category)
    return rows.iloc[0]


def _ancestors_or_self(oid: str) -> set[str]:
    """Walk parent_id upwards (independent of the builder's downward walk)."""
    parents = dict(zip(ORGS["id"], ORGS["parent_id"], strict=True))
    out, cur = set(), oid
    while isinstance(cur, str) and cur not in out:
        out.add(cur)
        cur = parents.get(cur)
    return out


# ------------------------------------------------------------------------ Table 4

T4_ROWS = APPROACHES[APPROACHES["evidence"] == "table4"]


@pytest.mark.parametrize(
    "country,category,phrase",
    list(T4_ROWS[["country", "category", "table4_phrase"]].itertuples(index=False)),
)
def test_every_table4_phrase_is_mapped_and_marked_table4(country, category, phrase):
    result = build()
    c = cell(result, country, category)
    assert c["evidence"] == "table4"
    assert phrase in c["table4_phrases"]
    assert c["label"].startswith("T4 · ")
    exp = result.export
    row = exp[(exp["country"] == country) & (exp["approach_id"] == category)].iloc[0]
    assert row["evidence_label"] == matrix.EVIDENCE["table4"].label
    assert phrase in row["table4_wording"]
    assert row["table4_source"] == "Table 4, compiled by the authors"


@pytest.mark.parametrize("iso3", list(data.CENTRAL_ASIA))
def test_every_fragment_of_each_printed_table4_cell_has_a_category(iso3):
    printed = TABLE4.set_index("iso3").at[iso3, "approaches_as_printed"]
    fragments = [f.strip() for f in printed.split(",")]
    mine = build().cells
    mapped = {p for ps in mine[mine["country"] == iso3]["table4_phrases"] for p in ps}
    assert fragments, iso3
    for fragment in fragments:
        assert fragment in mapped, f"{iso3}: Table 4 fragment {fragment!r} is not in the matrix"


def test_only_table4_phrases_make_a_table4_cell():
    result = build()
    t4 = result.cells[result.cells["evidence"] == "table4"]
    expected = set(T4_ROWS[["country", "category"]].itertuples(index=False, name=None))
    assert set(t4[["country", "category"]].itertuples(index=False, name=None)) == expected


# --------------------------------------------------------------- text / not found

TEXT_CELLS = CELLS[CELLS["evidence"] == "text"]


@pytest.mark.parametrize(
    "country,category", list(TEXT_CELLS[["country", "category"]].itertuples(index=False))
)
def test_every_text_only_cell_has_an_initiative_with_a_footnote(country, category):
    c = cell(build(), country, category)
    assert c["label"].startswith("text · ")
    items = matrix.initiative_list(c["shown_initiatives"], INI, ORGS, SOURCES)
    assert len(items) >= 1
    assert any(len(fns) >= 1 for fns in items["footnotes"]), (country, category)


def test_not_found_cells_say_so_without_a_count():
    result = build()
    nf = result.cells[result.cells["evidence"] == "not_found"]
    assert len(nf) > 0
    assert (nf["label"] == "—").all()
    assert (nf["n_shown"] == 0).all()
    assert "not the same as “no”" in matrix.EVIDENCE["not_found"].label


def test_evidence_styles_are_three_distinct_fills_with_labels():
    fills = [s.fill for s in matrix.EVIDENCE.values()]
    shorts = [s.short for s in matrix.EVIDENCE.values()]
    assert len(set(fills)) == 3 and len(set(shorts)) == 3
    # Okabe-Ito blue and orange (colour-blind safe), plus near-white.
    assert fills[:2] == ["#0072B2", "#E69F00"]


# ------------------------------------------------------------------ partner filter


@pytest.mark.parametrize(
    "partners",
    [
        ["osce"],
        ["osce_po_bishkek"],
        ["un"],
        ["unoct"],
        ["gov_usa"],
        ["binance"],
        ["osce_po_bishkek", "gov_usa"],
    ],
    ids=lambda p: "+".join(p),
)
def test_partner_filter_counts_include_child_organisations(partners):
    result = build(partners)
    partners_of = dict(zip(INI["id"], INI["partners"], strict=True))
    via_data = set(filtered(partners=partners)["id"])
    for r in result.cells.itertuples():
        # Independent check: an initiative counts if one of its partners is, or sits under,
        # a chosen organisation.
        expected = [
            i
            for i in r.initiatives
            if any(_ancestors_or_self(p) & set(partners) for p in partners_of[i])
        ]
        assert r.shown_initiatives == expected, (r.country, r.category)
        assert r.n_shown == len(expected)
        assert set(r.shown_initiatives) == set(r.initiatives) & via_data
        assert bool(r.dim) == (len(expected) == 0)


def test_osce_counts_its_field_offices_and_exceed_one_office():
    osce, bishkek = build(["osce"]), build(["osce_po_bishkek"])
    # KGZ x OSCE: the Bishkek office's round table, the 2024 workshop (credited to the OSCE
    # itself: the paper names only "OSCE regional staff") and the Ashgabat centre's workshop.
    assert cell(osce, "KGZ", "osce")["n_shown"] == 3
    assert cell(bishkek, "KGZ", "osce")["n_shown"] == 1
    # The round table names only the Bishkek office, never "osce" itself, yet counts for OSCE.
    assert "kgz_round_table_2023" in cell(osce, "KGZ", "osce")["shown_initiatives"]
    merged = osce.cells.merge(bishkek.cells, on=["country", "category"], suffixes=("_o", "_b"))
    assert (merged["n_shown_o"] >= merged["n_shown_b"]).all()
    assert (merged["n_shown_o"] > merged["n_shown_b"]).any()
    # A Bishkek filter leaves nothing in Tajikistan; OSCE as a whole does not.
    assert cell(bishkek, "TJK", "osce")["n_shown"] == 0
    assert cell(osce, "TJK", "osce")["n_shown"] > 0


def test_partner_filter_never_changes_the_evidence():
    base, filtered = build(), build(["binance"])
    assert list(base.cells["evidence"]) == list(filtered.cells["evidence"])
    assert cell(filtered, "TJK", "private_sector")["label"] == "T4 · 1"
    assert cell(filtered, "KAZ", "prevention")["label"] == "T4 · 0"


def test_descendants_and_labels():
    assert matrix.descendants(["osce"], ORGS) >= {"osce_po_bishkek", "osce_atu", "osce_tntd"}
    assert matrix.descendants(["osce_po_bishkek"], ORGS) == {"osce_po_bishkek"}
    assert matrix.descendants(["osce"], ORGS) == data.org_descendants(["osce"])
    labels = F.org_labels(ORGS)  # the one labelling, the timeline's
    assert labels["osce_po_bishkek"] == "OSCE › Programme Office in Bishkek"
    assert labels["uncct"] == "UN › Counter-Terrorism Centre"
    assert labels["osce"] == "OSCE"


def test_partner_options_put_parents_before_children_and_skip_unused():
    opts = matrix.partner_options(ORGS, INI)
    assert opts.index("osce") < opts.index("osce_po_bishkek")
    assert opts.index("un") < opts.index("unoct") < opts.index("uncct")
    assert "sco" not in opts and "eag" not in opts  # partner of no initiative
    assert len(opts) == len(set(opts))


# ---------------------------------------------------------------------- flags


def test_flagged_cells_show_their_flag():
    result = build()
    flagged = result.cells[result.cells["flagged"]]
    expected = set(
        APPROACHES[APPROACHES["flag"].notna()][["country", "category"]].itertuples(
            index=False, name=None
        )
    )
    assert set(flagged[["country", "category"]].itertuples(index=False, name=None)) == expected
    assert {("UZB", "private_sector"), ("UZB", "financing")} <= expected
    for r in flagged.itertuples():
        assert r.label.endswith(matrix.FLAG)
        assert "Tajikistan" in r.flag_note
    exp = result.export
    assert (exp[exp["flag_note"] != ""]["cell_label"].str.endswith(matrix.FLAG)).all()


# --------------------------------------------------------------- shape and chart


def test_matrix_shape_and_transpose():
    cats = data.approach_categories(matrix_only=True)
    wide, tall = build().matrix, build(transpose=True).matrix
    assert wide.shape == (len(cats), len(STATES))
    assert list(wide.index) == list(cats["label"])
    assert list(wide.columns) == list(STATES["name"])
    pd.testing.assert_frame_equal(wide.T, tall)


def test_chart_is_a_clickable_readable_heatmap():
    spec = build(selected=("UZB", "reintegration")).chart.to_dict()
    params = spec["params"]
    assert params[0]["name"] == "cell"
    assert params[0]["select"]["fields"] == ["country", "category"]
    texts = [layer["mark"] for layer in spec["layer"] if layer["mark"]["type"] == "text"]
    assert texts and all(m["fontSize"] >= 14 for m in texts)
    assert spec["config"]["axis"]["labelFontSize"] >= 14
    # The selected cell gets a solid outline; flagged cells a dashed one.
    marks = [layer["mark"] for layer in spec["layer"]]
    assert any(m.get("strokeDash") for m in marks)
    datasets = spec["datasets"].values()
    rows = [r for ds in datasets for r in ds if r.get("selected")]
    assert [(r["country"], r["category"]) for r in rows] == [("UZB", "reintegration")]


def test_selecting_a_country_outlines_its_header():
    spec = build(selected=("KGZ", None)).chart.to_dict()
    rows = [r for ds in spec["datasets"].values() for r in ds if r.get("selected")]
    assert [(r["country"], r["category"]) for r in rows] == [("KGZ", matrix.HEADER)]


# ------------------------------------------------------------------ export


def test_export_has_one_row_per_cell_with_evidence_and_footnotes():
    exp = build().export
    assert len(exp) == len(CELLS)
    both = CELLS.merge(
        exp,
        left_on=["country", "category"],
        right_on=["country", "approach_id"],
        validate="one_to_one",
    )
    assert len(both) == len(CELLS)
    for r in both.itertuples():
        assert r.evidence_x == r.evidence_y
        assert r.footnotes_y == "; ".join(str(n) for n in r.footnotes_x)
        assert r.n_initiatives_all == r.n_initiatives == r.n_initiatives_shown
    filtered = build(["osce"]).export
    assert set(filtered["partner_filter"]) == {"OSCE"}
    assert (filtered["n_initiatives_shown"] <= filtered["n_initiatives_all"]).all()


# ------------------------------------------------------------------ drill-down


@pytest.mark.parametrize(
    "initiative,date",
    [
        ("tjk_soft_targets_workshop_2023", "July 2023"),  # month precision stays month
        ("astana_order_99", "2024 – 2026"),
        ("uzb_repatriation_operations", "2019"),
        ("osce_dushanbe_ct_support", "undated"),
        ("kaz_protect_workshop_2024", "March 2024"),
    ],
)
def test_drilldown_dates_keep_their_precision(initiative, date):
    items = matrix.initiative_list([initiative], INI, ORGS, SOURCES)
    assert items.iloc[0]["date"] == date


def test_date_with_text():
    assert matrix.date_with_text("2023", "2023") == "2023"
    assert matrix.date_with_text("2019", "since 2019") == "2019 — since 2019"
    assert matrix.date_with_text("undated", "") == "undated"


# --------------------------------------------------------------- human rights


def test_rights_lens_shows_both_special_rapporteur_reports_and_good_practice():
    lens = matrix.rights_lens(data.human_rights(), ORGS, SOURCES)
    kaz = lens[lens["country"] == "KAZ"]
    uzb = lens[lens["country"] == "UZB"]
    assert any(
        r.year == "2020" and r.footnotes == [65] and r.stance == "concern" for r in kaz.itertuples()
    )
    assert any(
        r.year == "2022" and r.footnotes == [66] and r.stance == "concern" for r in uzb.itertuples()
    )
    assert {"concern", "good_practice"} <= set(uzb["stance"])
    assert set(lens["stance_label"]) <= set(matrix.STANCE_LABELS.values())
    region = lens[lens["country"] == ""]
    assert "standard" in set(region["stance"])
    uncited = lens[lens["basis"] == "uncited"]
    assert (uncited["note"] != "").all() and (uncited["footnotes_md"] == "").all()


# ------------------------------------------------------------------ query string


@pytest.mark.parametrize(
    "country,approach,expected,n_notices",
    [
        ("UZB", "reintegration", ("UZB", "reintegration"), 0),
        ("uzb", "Reintegration", ("UZB", "reintegration"), 0),
        (None, None, (None, None), 0),
        ("KGZ", None, ("KGZ", None), 0),
        ("XXX", "reintegration", (None, "reintegration"), 1),
        ("UZB", "bogus", ("UZB", None), 1),
        ("AFG", "human_rights", (None, None), 2),  # not a matrix row, not one of the five
        ("<script>", "A" * 500, (None, None), 2),
    ],
)
def test_parse_selection(country, approach, expected, n_notices):
    cats = data.approach_categories(matrix_only=True)["id"]
    c, a, notices = matrix.parse_selection(country, approach, data.CENTRAL_ASIA, cats)
    assert (c, a) == expected
    assert len(notices) == n_notices
    assert all(len(n) < 300 for n in notices)
