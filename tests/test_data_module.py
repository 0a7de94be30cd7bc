"""The data module's accessors, derived columns and query helpers."""

from __future__ import annotations

import pandas as pd
import pytest

from components import data


def test_accessors_return_copies():
    df = data.gti_countries()
    assert list(df.index) == list(range(len(df)))
    df.loc[0, "score_2023"] = 99.0
    with pytest.raises(AttributeError):
        df["footnotes"].iloc[1].append(999)  # list cells are immutable tuples
    assert data.gti_countries()["score_2023"].max() < 10


@pytest.mark.parametrize(
    ("partial", "precision", "start", "end"),
    [
        ("2023", "year", "2023-01-01", "2024-01-01"),
        ("2023-07", "month", "2023-07-01", "2023-08-01"),
        ("2023-12", "month", "2023-12-01", "2024-01-01"),
        ("2024-02-29", "day", "2024-02-29", "2024-03-01"),
    ],
)
def test_partial_dates_keep_their_precision(partial, precision, start, end):
    assert data.precision(partial) == precision
    lo, hi = data.period_bounds(partial)
    assert (lo, hi) == (pd.Timestamp(start), pd.Timestamp(end))


def test_span_covers_whole_years():
    assert data.period_bounds("2023", "2027") == (
        pd.Timestamp("2023-01-01"),
        pd.Timestamp("2028-01-01"),
    )


def test_undated_initiatives_have_no_period():
    ini = data.initiatives()
    undated = ini[ini["date_basis"] == "undated"]
    assert len(undated) >= 1
    assert undated["period_start"].isna().all() and undated["start_year"].isna().all()


def test_no_initiative_is_more_precise_than_a_day_and_most_are_years():
    ini = data.initiatives().dropna(subset=["start"])
    assert set(ini["start_precision"]) <= {"year", "month"}, "the paper dates nothing to the day"
    assert (ini["start_precision"] == "year").sum() > (ini["start_precision"] == "month").sum()


def test_well_over_25_dated_initiatives():
    ini = data.initiatives()
    assert ini["start"].notna().sum() > 25


@pytest.mark.parametrize(
    ("parents", "must_include", "must_exclude"),
    [
        (
            ["osce"],
            {"osce_po_bishkek", "osce_atu", "osce_tntd", "osce_centre_ashgabat"},
            {"un", "unoct"},
        ),
        (["osce_secretariat"], {"osce_tntd"}, {"osce_po_bishkek", "osce", "osce_atu"}),
        (["un"], {"unoct", "uncct", "unrcca", "un_sr_ct"}, {"osce"}),
        # USAID and the Virginia National Guard have no parent: the paper does not place
        # them under a government (1.5.0 and 1.4.0).
        (["gov_usa"], {"gov_usa"}, {"gov_deu", "virginia_ng", "usaid"}),
        (["binance"], {"binance"}, {"gov_tjk"}),
    ],
)
def test_org_descendants(parents, must_include, must_exclude):
    got = data.org_descendants(parents)
    assert must_include <= got and not (must_exclude & got)


def test_gti_plausibility_flags_russia_only():
    gti = data.gti_countries().set_index("iso3")
    assert gti.loc["RUS", "flags"] == ("implied_2013_out_of_range",)
    assert gti.loc["RUS", "implied_2013"] == pytest.approx(-0.731)
    assert "-0.731" in gti.loc["RUS", "flag_note"]
    assert all(not f for iso, f in gti["flags"].items() if iso != "RUS")
    assert gti.loc["RUS", "score_2023"] == 3.016, "flagged figures are kept as printed"
    assert not data.gti_regions()["flags"].map(bool).any()


def test_flags_cover_text_source_disagreements():
    fl = data.flags()
    assert {
        "implied_2013_out_of_range",
        "place_mismatch",
        "country_mismatch",
        "text_source_mismatch",
    } <= set(fl["flag"])
    assert fl["note"].notna().all()


def test_approach_cells_evidence():
    cells = data.approach_cells()
    assert len(cells) == 5 * len(data.approach_categories(matrix_only=True))
    by = cells.set_index(["country", "category"])
    assert by.loc[("UZB", "reintegration"), "evidence"] == "table4"
    assert by.loc[("UZB", "reintegration"), "table4_phrases"] == ("repatriation", "reintegration")
    assert by.loc[("TJK", "private_sector"), "evidence"] == "table4"
    assert by.loc[("KAZ", "reintegration"), "evidence"] == "text"
    assert by.loc[("TKM", "private_sector"), "evidence"] == "not_found"
    text_only = cells[cells["evidence"] == "text"]
    assert (text_only["n_initiatives"] > 0).all() and text_only["footnotes"].map(bool).all()
    assert by.loc[("UZB", "private_sector"), "flag_note"]


def test_every_row_carries_a_footnote_or_table():
    for name in ("initiatives", "incidents", "border_notes", "armed_groups", "key_figures"):
        df = getattr(data, name)()
        assert df["footnotes"].map(bool).all(), name
    for name in ("human_rights", "organisations"):
        df = getattr(data, name)()
        uncited = df["footnotes"].map(lambda f: not f)
        assert (df.loc[uncited, "basis"] == "uncited").all() and df.loc[
            uncited, "note"
        ].notna().all()
    for name in ("gti_countries", "gti_regions", "astana_activities"):
        assert getattr(data, name)()["table"].notna().all()


def test_footnote_url_follows_ibid():
    assert data.footnote_url(37) == data.footnote_url(36)
    assert data.footnote_url(9) is None and data.footnote_url(999) is None


def test_dataset_version_tracks_content():
    # "<descriptor version>+<hash of the files' content>"
    declared = data.package().meta["version"]
    version, _, digest = data.dataset_version().partition("+")
    assert version == declared and len(digest) == 8


def test_the_schema_contract_is_the_descriptor():
    """components/schema_contract.py lists every field of every table with its type, as
    data/datapackage.yaml has it: a schema change edits both, or this fails."""
    import yaml

    from components import schema_contract

    meta = yaml.safe_load((data.data_dir() / data.DESCRIPTOR).read_text(encoding="utf-8"))
    described = {
        r["name"]: {f["name"]: data._field_type(f) for f in r["schema"]["fields"]}
        for r in meta["resources"]
        if r.get("format") != "geojson"
    }
    assert described == schema_contract.FIELDS
