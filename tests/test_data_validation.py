"""Corrupted-data cases: each must raise one clear error naming file, row and column,
and every page must show the validation panel instead of crashing or showing numbers."""

from __future__ import annotations

import csv
import io
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components import data

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
APP = str(ROOT / "app.py")


def edit_csv(name: str, fn: Callable[[list[dict]], list[dict]], fields: Callable[[list[str]], list[str]] | None = None):
    def mutate(root: Path) -> None:
        path = root / name
        with path.open(encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            header = list(reader.fieldnames or [])
            rows = list(reader)
        rows = fn(rows)
        header = fields(header) if fields else header
        out = io.StringIO()
        w = csv.DictWriter(out, fieldnames=header, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
        path.write_text(out.getvalue(), encoding="utf-8")

    return mutate


def set_cell(name: str, row: int, column: str, value: str):
    """Set a cell; `row` is the 1-based data row, as the error reports it."""

    def fn(rows):
        rows[row - 1][column] = value
        return rows

    return edit_csv(name, fn)


def write_bytes(name: str, content: bytes):
    return lambda root: (root / name).write_bytes(content)


def append_duplicate(name: str, row: int):
    return edit_csv(name, lambda rows: [*rows, dict(rows[row - 1])])


# (case id, mutation, expected file, expected row, expected column, words expected in the rule)
CASES = [
    ("missing-column", edit_csv("gti_regions.csv", lambda r: r, lambda h: [c for c in h if c != "region"]),
     "gti_regions.csv", None, "region", "missing column"),
    ("unexpected-column", edit_csv("countries.csv", lambda r: r, lambda h: [*h, "population"]),
     "countries.csv", None, "population", "unexpected column"),
    ("wrong-type", set_cell("gti_countries.csv", 2, "score_2023", "1,686"),
     "gti_countries.csv", 2, "score_2023", "number"),
    ("unknown-footnote", set_cell("initiatives.csv", 5, "footnotes", "22;99"),
     "initiatives.csv", 5, "footnotes", "sources.footnote"),
    ("unknown-country", set_cell("incidents.csv", 1, "country", "UZX"),
     "incidents.csv", 1, "country", "countries.iso3"),
    ("unknown-organisation", set_cell("initiatives.csv", 19, "partners", "osce;nato"),
     "initiatives.csv", 19, "partners", "organisations.id"),
    ("duplicate-id", append_duplicate("organisations.csv", 2),
     "organisations.csv", 2, "id", "duplicate"),
    ("malformed-date", set_cell("initiatives.csv", 15, "start", "2023-13"),
     "initiatives.csv", 15, "start", "pattern"),
    ("day-month-swapped", set_cell("incidents.csv", 3, "start", "04/2022"),
     "incidents.csv", 3, "start", "pattern"),
    ("score-out-of-range", set_cell("gti_countries.csv", 3, "score_2023", "10.871"),
     "gti_countries.csv", 3, "score_2023", "at most 10"),
    ("negative-events", set_cell("astana_activities.csv", 1, "events", "-650"),
     "astana_activities.csv", 1, "events", "at least 0"),
    ("empty-required", set_cell("initiatives.csv", 1, "summary", ""),
     "initiatives.csv", 1, "summary", "must not be empty"),
    ("enum", set_cell("sources.csv", 4, "kind", "blog"),
     "sources.csv", 4, "kind", "one of"),
    ("end-before-start", set_cell("initiatives.csv", 3, "end", "2017"),
     "initiatives.csv", 3, "end", "earlier than start"),
    ("planned-year-marked-actual", set_cell("astana_activities.csv", 4, "status", "actual"),
     "astana_activities.csv", 4, "status", "planned"),
    ("table4-phrase-not-verbatim", set_cell("approaches.csv", 1, "table4_phrase", "Prevention of religious teachings"),
     "approaches.csv", 1, "table4_phrase", "verbatim"),
    ("org-parent-loop", set_cell("organisations.csv", 1, "parent_id", "osce_secretariat"),
     "organisations.csv", None, "parent_id", "loops"),
    ("missing-footnote-row", edit_csv("sources.csv", lambda rows: rows[:-1]),
     "sources.csv", None, "footnote", "86 footnotes"),
    ("empty-file", write_bytes("table4.csv", b""), "table4.csv", None, None, "empty"),
    ("not-utf8", lambda root: (root / "countries.csv").write_bytes(
        (root / "countries.csv").read_bytes().replace(b"Astana", "Astaná".encode("latin-1"))),
     "countries.csv", 1, "capital", "not UTF-8"),
    ("malformed-csv", lambda root: (root / "key_figures.csv").write_text(
        (root / "key_figures.csv").read_text(encoding="utf-8") + 'bad_row,"unterminated\n', encoding="utf-8"),
     "key_figures.csv", None, None, "malformed CSV"),
    ("missing-file", lambda root: (root / "armed_groups.csv").unlink(),
     "armed_groups.csv", None, None, "cannot read"),
    ("broken-geojson", write_bytes("geo/borders.geojson", b'{"type": "FeatureCollection", "features": [\n'),
     "geo/borders.geojson", None, None, "broken GeoJSON at line 2"),
    ("geojson-wrong-geometry", lambda root: (root / "geo/countries.geojson").write_text(
        (root / "geo/countries.geojson").read_text(encoding="utf-8").replace('"MultiPolygon"', '"Point"', 1), encoding="utf-8"),
     "geo/countries.geojson", None, "geometry_type", "geometry type"),
]


@pytest.fixture
def broken_dir(tmp_path, monkeypatch):
    root = tmp_path / "data"
    shutil.copytree(DATA, root)
    monkeypatch.setenv(data.DATA_ENV, str(root))
    return root


@pytest.mark.parametrize(("case", "mutate", "file", "row", "column", "rule"), CASES, ids=[c[0] for c in CASES])
def test_corruption_is_reported_precisely(broken_dir, case, mutate, file, row, column, rule):
    mutate(broken_dir)
    with pytest.raises(data.DataValidationError) as info:
        data.package()
    failures = info.value.failures
    matching = [f for f in failures if f.file == file and rule.lower() in f.rule.lower()]
    assert matching, f"{case}: no failure on {file} mentioning {rule!r}; got {[str(f) for f in failures]}"
    f = matching[0]
    if row is not None:
        assert f.row == row, str(f)
    if column is not None:
        assert f.column == column, str(f)
    assert file in str(info.value)


def test_every_failure_is_reported_at_once(broken_dir):
    """Lazy validation: three faults in three files give three failures in one error."""
    set_cell("gti_countries.csv", 3, "score_2023", "10.871")(broken_dir)
    set_cell("initiatives.csv", 5, "footnotes", "99")(broken_dir)
    set_cell("sources.csv", 4, "kind", "blog")(broken_dir)
    with pytest.raises(data.DataValidationError) as info:
        data.package()
    assert {f.file for f in info.value.failures} >= {"gti_countries.csv", "initiatives.csv", "sources.csv"}
    assert len(info.value.to_frame()) == len(info.value.failures)


def test_restoring_the_file_recovers(broken_dir):
    good = (broken_dir / "table4.csv").read_bytes()
    (broken_dir / "table4.csv").write_bytes(b"")
    with pytest.raises(data.DataValidationError):
        data.package()
    (broken_dir / "table4.csv").write_bytes(good)
    assert len(data.table4()) == 5


def test_cli_exits_nonzero_with_report(broken_dir, capsys):
    set_cell("gti_countries.csv", 3, "score_2023", "10.871")(broken_dir)
    assert data.main() == 1
    err = capsys.readouterr().err
    assert "gti_countries.csv, row 3 (line 4), column 'score_2023'" in err


def test_cli_summary_on_good_data(capsys, monkeypatch):
    monkeypatch.delenv(data.DATA_ENV, raising=False)
    assert data.main() == 0
    out = capsys.readouterr().out
    assert "initiatives" in out and "flags raised:" in out and "implied_2013_out_of_range" in out


PAGES = ["pages/overview.py", "pages/map.py", "pages/gti.py", "pages/approaches.py",
         "pages/timeline.py", "pages/countries.py", "pages/sources.py"]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_shows_the_report_panel(broken_dir, page):
    set_cell("gti_countries.csv", 3, "score_2023", "10.871")(broken_dir)
    at = AppTest.from_file(APP, default_timeout=60).run()
    if page != "pages/overview.py":
        at.switch_page(page).run()
    assert not at.exception
    assert any("failed validation" in e.value for e in at.error)
    assert len(at.dataframe) == 1, "the report table is the only table on the page"
    report = at.dataframe[0].value
    assert {"file", "row", "column", "value", "rule"} <= set(report.columns)
    assert "score_2023" in set(report["column"])
    assert not at.metric, "no metric may render from a broken package"


@pytest.mark.parametrize("case", ["not-utf8", "broken-geojson", "missing-column", "empty-file"])
def test_app_shows_panel_for_file_level_faults(broken_dir, case):
    mutate = next(c[1] for c in CASES if c[0] == case)
    mutate(broken_dir)
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert any("failed validation" in e.value for e in at.error)


def test_script_in_a_text_field_renders_as_text(broken_dir):
    """HTML in data is not a validation error; it must reach the page as inert text."""
    payload = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
    set_cell("initiatives.csv", 18, "flag_note", payload)(broken_dir)
    data.package()  # still valid
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    shown = [m.value for m in at.markdown]
    assert any("\\<script\\>" in s for s in shown), "the payload must be Markdown-escaped"
    assert not any(re.search(r"(?<!\\)<(script|img)", s) for s in shown)
