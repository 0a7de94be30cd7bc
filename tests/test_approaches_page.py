"""AppTest for pages/approaches.py: partner filter, rights lens, cell selection by key, and
the selected cell in the query string."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components import data, matrix

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
PAGE = "pages/approaches.py"

TITLES = data.initiatives().set_index("id")["title"]


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def _markdown(at: AppTest) -> str:
    return "\n".join(_unescape(m.value) for m in at.markdown)


def _captions(at: AppTest) -> str:
    return "\n".join(_unescape(c.value) for c in at.caption)


def _open(query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def _query(at: AppTest) -> dict[str, str]:
    return {k: at.query_params[k] for k in at.query_params}


def _listed(at: AppTest) -> set[str]:
    """Initiative ids whose title is listed in bold in the drill-down."""
    text = _markdown(at)
    return {i for i, t in TITLES.items() if f"**{t}**" in text}


def _cell_ids(country: str, category: str, partners=()) -> set[str]:
    res = matrix.build_matrix(
        data.approach_cells(),
        data.initiatives(),
        data.organisations(),
        data.central_asia(),
        partners,
    )
    df = res.cells
    row = df[(df["country"] == country) & (df["category"] == category)].iloc[0]
    return set(row["shown_initiatives"])


@pytest.fixture(scope="module")
def page() -> AppTest:
    return _open()


def test_default_view_has_matrix_table4_and_download(page):
    at = page
    assert not at.exception
    assert _query(at) == {}
    counts = data.approach_cells()["evidence"].value_counts()
    assert f"Table 4 lists {counts['table4']} of these" in _markdown(at)
    assert "Click a cell of the matrix" in _captions(at)
    assert "Table 4, compiled by the authors" in _captions(at)
    # Table 4 verbatim, in quotation marks.
    for r in data.table4().itertuples():
        assert f"**{r.country_as_printed}:** “{r.approaches_as_printed}”" in _markdown(at)
    assert at.get("download_button"), "no CSV download"
    # Flagged cells are named with their flag, outside the chart as well.
    warning = " ".join(_unescape(w.value) for w in at.warning)
    assert "Uzbekistan × Private-sector cooperation" in warning
    assert "Uzbekistan × Terrorist financing" in warning


def test_pick_cell_by_key_lists_initiatives_and_sets_query():
    at = _open()
    at.selectbox(key="approaches_country").set_value("UZB").run()
    assert _query(at) == {"country": "UZB"}
    assert "Uzbekistan: every approach" in _markdown(at)
    at.selectbox(key="approaches_category").set_value("reintegration").run()
    assert not at.exception
    assert _query(at) == {"country": "UZB", "approach": "reintegration"}
    assert "Uzbekistan × Repatriation & reintegration" in _markdown(at)
    assert _listed(at) == _cell_ids("UZB", "reintegration")
    assert "“repatriation”, “reintegration”" in _markdown(at)
    # Dates at their precision, footnotes as links.
    assert "2019 — since 2019 (five operations)" in _markdown(at)
    assert "[44](https://" in "\n".join(m.value for m in at.markdown)


def test_deep_link_opens_the_same_cell():
    at = _open({"country": "UZB", "approach": "reintegration"})
    assert at.selectbox(key="approaches_country").value == "UZB"
    assert at.selectbox(key="approaches_category").value == "reintegration"
    assert _listed(at) == _cell_ids("UZB", "reintegration")
    assert _query(at) == {"country": "UZB", "approach": "reintegration"}


def test_flagged_cell_shows_its_flag_in_the_drilldown():
    at = _open({"country": "UZB", "approach": "private_sector"})
    flags = [_unescape(w.value) for w in at.warning]
    assert any("Flagged:" in f and "Tajikistan" in f for f in flags)
    assert _listed(at) == {"binance_tjk_2023"}


@pytest.mark.parametrize(
    "partner,expected",
    [
        ("osce_po_bishkek", {"kgz_round_table_2023"}),
        ("osce", {"kgz_round_table_2023", "kgz_me_workshop_2024", "bioterrorism_workshop_2023"}),
    ],
)
def test_partner_filter_narrows_the_cell_including_children(partner, expected):
    at = _open({"country": "KGZ", "approach": "osce"})
    at.multiselect(key="approaches_partner").select(partner).run()
    assert not at.exception
    assert _listed(at) == expected == _cell_ids("KGZ", "osce", [partner])
    total = len(_cell_ids("KGZ", "osce"))
    assert f"{len(expected)} of {total} supporting initiatives" in _captions(at)
    assert _query(at) == {"country": "KGZ", "approach": "osce"}


def test_rights_lens_shows_both_sides():
    at = _open({"country": "KAZ", "approach": "prevention"})
    assert "Human-rights lens" not in " ".join(h.value for h in at.subheader)
    at.toggle(key="approaches_rights").set_value(True).run()
    assert not at.exception
    assert any("Human-rights lens" in h.value for h in at.subheader)
    text = _markdown(at)
    assert "A/HRC/43/46/Add.1" in text and "A/HRC/49/45/Add.1" in text  # both SR reports
    assert "**Good practice**" in text and "**Concern**" in text
    assert "security approaches (Table 4)" in text
    # The selected country's concerns also join its drill-down.
    assert "**Human-rights lens, Kazakhstan**" in text
    # A state with no recorded concern says so, without implying there is none.
    assert "no human-rights concern or good practice specific to Kyrgyzstan" in text


def test_transpose_and_row_view():
    at = _open({"approach": "private_sector"})
    assert "Private-sector cooperation: all five states" in _markdown(at)
    at.toggle(key="approaches_transpose").set_value(True).run()
    assert not at.exception
    assert _query(at) == {"approach": "private_sector"}


@pytest.mark.parametrize(
    "query,notice,kept",
    [
        (
            {"country": "XXX", "approach": "reintegration"},
            "not one of the five states",
            {"approach": "reintegration"},
        ),
        ({"country": "UZB", "approach": "nonsense"}, "not a row of the matrix", {"country": "UZB"}),
    ],
)
def test_bad_query_falls_back_politely(query, notice, kept):
    at = _open(query)
    assert any(notice in i.value for i in at.info)
    assert _query(at) == kept


def test_matrix_is_sent_as_a_cell_selection_chart_with_its_data(page):
    (chart,) = page.get("vega_lite_chart")
    assert list(chart.proto.selection_mode) == ["cell"]
    assert "approaches_chart_" in chart.proto.id
    spec = json.loads(chart.proto.spec)
    assert "datasets" not in spec  # the tables go as Arrow next to the spec
    assert len(chart.proto.datasets) == 2  # the cells and the country header
    (param,) = spec["params"]
    assert param["name"] == "cell" and param["select"]["fields"] == ["country", "category"]
    assert param["views"] == [spec["layer"][0]["name"]]  # clicks on the evidence cells
