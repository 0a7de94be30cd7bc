"""Every value of Tables 1-3 and every Table 4 cell, checked against the paper as printed.

The paper lives at ../shared/seed/paper.txt beside the repository (CI provides it). These
tests parse its tables directly, so a typo in data/ cannot hide behind a typo in a test.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

from components import data

PAPER = Path(__file__).resolve().parents[1].parent / "shared" / "seed" / "paper.txt"

if not PAPER.exists():
    if os.environ.get("CI"):
        raise RuntimeError(f"CI must provide the paper at {PAPER}")
    pytest.skip(f"paper not found at {PAPER}", allow_module_level=True)

TEXT = PAPER.read_text(encoding="utf-8")


def printed_rows(heading: str, ncols: int) -> list[list[str]]:
    """Tab-separated rows of the table that follows `heading`, up to its SOURCE line."""
    block = TEXT[TEXT.index(heading) :]
    block = block[: block.upper().index("SOURCE")]
    rows = [line.split("\t") for line in block.splitlines() if line.count("\t") == ncols - 1]
    return [r for r in rows if r[0] and not r[0].startswith(("Country", "Region", "Type of work"))]


TABLE1 = printed_rows("Table 1 Eurasia GTI score, 2023", 4)
TABLE2 = printed_rows("Table 2 Average GTI score and change by region", 4)
TABLE3 = printed_rows("Table 3 Current and planned activities", 6)


def test_printed_tables_were_found():
    assert (len(TABLE1), len(TABLE2), len(TABLE3)) == (7, 5, 4)


@pytest.mark.parametrize("printed", TABLE1, ids=[r[0] for r in TABLE1])
def test_table1_row_as_printed(printed):
    df = data.gti_countries().set_index("country_as_printed")
    row = df.loc[printed[0]]
    assert [
        f"{row.score_2023:.3f}",
        f"{row.change_2013_2023:.3f}",
        f"{row.change_2022_2023:.3f}",
    ] == printed[1:]
    assert row.table == "Table 1" and 36 in row.footnotes


def test_table1_order_and_size():
    df = data.gti_countries().sort_values("table_order")
    assert list(df["country_as_printed"]) == [r[0] for r in TABLE1]


@pytest.mark.parametrize("printed", TABLE2, ids=[r[0] for r in TABLE2])
def test_table2_row_as_printed(printed):
    row = data.gti_regions().set_index("region").loc[printed[0]]
    assert [
        f"{row.avg_score_2023:.3f}",
        f"{row.change_2013_2023:.3f}",
        f"{row.change_2022_2023:.3f}",
    ] == printed[1:]
    assert row.table == "Table 2" and 36 in row.footnotes


def test_table2_order():
    assert list(data.gti_regions().sort_values("table_order")["region"]) == [r[0] for r in TABLE2]


@pytest.mark.parametrize("printed", TABLE3, ids=[r[0][:20] for r in TABLE3])
def test_table3_row_as_printed(printed):
    df = data.astana_activities()
    mine = df[df["activity_as_printed"] == printed[0]].sort_values("year")
    assert list(mine["year"]) == [2022, 2023, 2024, 2025, 2026]
    shown = ["-" if pd.isna(v) else str(int(v)) for v in mine["events"]]
    assert shown == printed[1:], "a '-' must stay missing, never 0"
    assert set(mine["table"]) == {"Table 3"}


def test_table3_dash_is_missing_not_zero():
    df = data.astana_activities()
    theology = df[df["activity_id"] == "theology"].set_index("year")["events"]
    assert theology.loc[[2022, 2023]].isna().all()
    assert (df["events"] != 0).all() or df["events"].isna().any()
    assert not (df["events"] == 0).any()


def test_table3_planned_years():
    df = data.astana_activities()
    assert set(df.loc[df["status"] == "planned", "year"]) == {2025, 2026}


def test_table4_cells_verbatim():
    block = TEXT[TEXT.index("Table 4. Approaches") :]
    lines = [line.split("\t") for line in block.splitlines()[:6] if "\t" in line]
    header, cells = lines[0], lines[1]
    assert header[0] == "Country" and cells[0] == "Approaches"
    printed = dict(zip(header[1:], cells[1:], strict=True))
    t4 = data.table4().set_index("country_as_printed")
    assert set(printed) == set(t4.index)
    for country, cell in printed.items():
        assert t4.loc[country, "approaches_as_printed"] == cell.strip()
        assert t4.loc[country, "source_note"] == "compiled by the authors"


def test_every_table4_phrase_is_mapped():
    """Every comma-separated phrase of every Table 4 cell maps to at least one category."""
    appr = data.approaches()
    for row in data.table4().itertuples():
        phrases = [p.strip() for p in row.approaches_as_printed.split(",")]
        mapped = set(
            appr.loc[
                (appr["country"] == row.iso3) & (appr["evidence"] == "table4"), "table4_phrase"
            ]
        )
        assert set(phrases) <= mapped, f"{row.iso3}: unmapped {set(phrases) - mapped}"


def test_footnotes_match_the_paper():
    src = data.sources().set_index("footnote")
    assert list(src.index) == list(range(1, 87))
    for n in (3, 36, 47, 65, 86):
        # The printed citation (minus emphasis markers) appears in the paper's text.
        head = src.loc[n, "citation"][:40]
        assert head.replace("'", "'") in TEXT.replace("*", ""), n
    assert src.loc[36, "url"] == "https://reliefweb.int/report/world/global-terrorism-index-2024"
    assert (
        src.loc[37, "ibid_of"] == 36
        and src.loc[38, "ibid_of"] == 36
        and src.loc[23, "ibid_of"] == 22
    )


@pytest.mark.parametrize(
    ("figure", "printed"),
    [
        ("uzb_people_repatriated", "531"),
        ("kaz_contracts_kzt", "450 million tenge"),
        ("tjk_youth_share", "70%"),
        ("tjk_afghan_passports", "3,000"),
        ("tkm_tamun_students", "100 students"),
        ("tkm_bioterrorism_officials", "90 officials"),
        ("uzb_tashkent_1999_killed", "13 people were killed"),
        ("ca_threat_degree_python", "0.022%"),
        ("uzb_protest_killed", "700 civilians"),
    ],
)
def test_key_figure_is_printed_in_the_paper(figure, printed):
    kf = data.key_figures().set_index("id")
    assert figure in kf.index
    assert printed in TEXT
    number = printed.split()[0].rstrip("%").replace(",", "")
    assert float(kf.loc[figure, "value"]) in (float(number), float(number) * 1e6)
