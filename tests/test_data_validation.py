"""Corrupted-data cases: each must raise one clear error naming file, row and column,
and every page must show the validation panel instead of crashing or showing numbers."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
import yaml
from streamlit.testing.v1 import AppTest

from components import data
from tests.support.apptest import assert_polite, notices, run_page
from tests.support.corruption import CASES as MATRIX

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
APP = str(ROOT / "app.py")


def edit_csv(
    name: str,
    fn: Callable[[list[dict]], list[dict]],
    fields: Callable[[list[str]], list[str]] | None = None,
):
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


def edit_yaml(fn: Callable[[dict], object]):
    def mutate(root: Path) -> None:
        path = root / "datapackage.yaml"
        meta = yaml.safe_load(path.read_text(encoding="utf-8"))
        fn(meta)
        path.write_text(yaml.safe_dump(meta, sort_keys=False, allow_unicode=True), "utf-8")

    return mutate


def _resource(meta: dict, name: str) -> dict:
    return next(r for r in meta["resources"] if r["name"] == name)


def set_field_property(resource: str, field: str, key: str, value: object):
    """Set one property (type, delimiter, ...) of one field in the descriptor."""
    return edit_yaml(
        lambda m: next(
            f for f in _resource(m, resource)["schema"]["fields"] if f["name"] == field
        ).__setitem__(key, value)
    )


def write_bytes(name: str, content: bytes):
    return lambda root: (root / name).write_bytes(content)


def move_marker(row: int, lat: str, lon: str):
    def mutate(root: Path) -> None:
        set_cell("incidents.csv", row, "lat", lat)(root)
        set_cell("incidents.csv", row, "lon", lon)(root)

    return mutate


def append_duplicate(name: str, row: int):
    return edit_csv(name, lambda rows: [*rows, dict(rows[row - 1])])


# Where a failure is reported, precisely: file, row, column and rule. The kinds of damage a
# file can take (headers, cells, quotes, sizes, encodings, garbage, deleted files) are the
# generated matrix in tests/test_data_corruption.py; these are the rules it does not
# generate: scalar and list foreign keys, enums, row rules and the cross-file rules.
# (case id, mutation, expected file, expected row, expected column, words expected in the rule)
CASES = [
    (
        "wrong-type",
        set_cell("gti_countries.csv", 2, "score_2023", "1,686"),
        "gti_countries.csv",
        2,
        "score_2023",
        "valid number",
    ),
    (
        "unknown-footnote",
        set_cell("initiatives.csv", 5, "footnotes", "22;99"),
        "initiatives.csv",
        5,
        "footnotes",
        "99 not found in sources.footnote",
    ),
    (
        "unknown-country",
        set_cell("incidents.csv", 1, "country", "UZX"),
        "incidents.csv",
        1,
        "country",
        "countries.iso3",
    ),
    (
        "unknown-organisation",
        set_cell("initiatives.csv", 19, "partners", "osce;nato"),
        "initiatives.csv",
        19,
        "partners",
        "nato not found in organisations.id",
    ),
    (
        "duplicate-id",
        append_duplicate("organisations.csv", 2),
        "organisations.csv",
        len(pd.read_csv(DATA / "organisations.csv")) + 1,  # the appended row
        "id",
        "duplicate value, the same as line 3",
    ),
    (
        "malformed-date",
        set_cell("initiatives.csv", 15, "start", "2023-13"),
        "initiatives.csv",
        15,
        "start",
        "pattern",
    ),
    (
        "day-month-swapped",
        set_cell("incidents.csv", 3, "start", "04/2022"),
        "incidents.csv",
        3,
        "start",
        "pattern",
    ),
    (
        "score-out-of-range",
        set_cell("gti_countries.csv", 3, "score_2023", "10.871"),
        "gti_countries.csv",
        3,
        "score_2023",
        "at most 10",
    ),
    (
        "negative-events",
        set_cell("astana_activities.csv", 1, "events", "-650"),
        "astana_activities.csv",
        1,
        "events",
        "at least 0",
    ),
    (
        "empty-required",
        set_cell("initiatives.csv", 1, "summary", ""),
        "initiatives.csv",
        1,
        "summary",
        "must not be empty",
    ),
    ("enum", set_cell("sources.csv", 4, "kind", "blog"), "sources.csv", 4, "kind", "one of"),
    (
        "end-before-start",
        set_cell("initiatives.csv", 3, "end", "2017"),
        "initiatives.csv",
        3,
        "end",
        "earlier than start",
    ),
    (
        "host-of-a-disputed-place",
        set_cell("initiatives.csv", 29, "host_country", "UZB"),  # Virginia National Guard
        "initiatives.csv",
        29,
        "host_country",
        "no host: its sources disagree",
    ),
    (
        "planned-year-marked-current",
        set_cell("astana_activities.csv", 4, "status", "current"),
        "astana_activities.csv",
        4,
        "status",
        "planned",
    ),
    (
        "uncited-with-footnotes",
        set_cell("human_rights.csv", 1, "basis", "uncited"),
        "human_rights.csv",
        1,
        "footnotes",
        "only when basis is 'uncited'",
    ),
    (
        "table4-phrase-not-verbatim",
        set_cell("approaches.csv", 1, "table4_phrase", "Prevention of religious teachings"),
        "approaches.csv",
        1,
        "table4_phrase",
        "verbatim",
    ),
    (
        "org-parent-loop",
        set_cell("organisations.csv", 1, "parent_id", "osce_secretariat"),
        "organisations.csv",
        None,
        "parent_id",
        "loops",
    ),
    (
        "missing-footnote-row",
        edit_csv("sources.csv", lambda rows: rows[:-1]),
        "sources.csv",
        None,
        None,
        "number of rows is 85, the required is 86",
    ),
    (
        "column-dropped",
        edit_csv("gti_regions.csv", lambda r: r, lambda h: [c for c in h if c != "region"]),
        "gti_regions.csv",
        None,
        "region",
        "missing column",
    ),
    (
        # Matched by name, a dropped middle column is the only fault reported: by position
        # every later column would be misread and its good cells accused.
        "middle-column-dropped",
        edit_csv("initiatives.csv", lambda r: r, lambda h: [c for c in h if c != "summary"]),
        "initiatives.csv",
        None,
        "summary",
        "missing column",
    ),
    (
        "columns-swapped",
        edit_csv("key_figures.csv", lambda r: r, lambda h: [h[1], h[0], *h[2:]]),
        "key_figures.csv",
        None,
        None,
        "out of order",
    ),
    (
        # Loading strips cells: spaces alone would pass 'required' and load as empty.
        "spaces-only-required-cell",
        set_cell("table4.csv", 1, "approaches_as_printed", "   "),
        "table4.csv",
        1,
        "approaches_as_printed",
        "only spaces",
    ),
    (
        "spaces-only-name",
        set_cell("countries.csv", 1, "name", " "),
        "countries.csv",
        1,
        "name",
        "only spaces",
    ),
    (
        "infinite-figure",
        set_cell("key_figures.csv", 1, "value", "Infinity"),
        "key_figures.csv",
        1,
        "value",
        "not a finite number",
    ),
    (
        # Python's float() reads it as infinity; the text is not "inf".
        "overflowing-figure",
        set_cell("key_figures.csv", 1, "value", "1e999"),
        "key_figures.csv",
        1,
        "value",
        "not a finite number",
    ),
    (
        # Past int64: pandas could not load it, so every page crashed.
        "integer-too-large",
        set_cell("incidents.csv", 1, "killed", "99999999999999999999"),
        "incidents.csv",
        1,
        "killed",
        "number too large",
    ),
    (
        # int() reads "3_0" and Arabic-Indic digits as 30.
        "footnote-not-in-ascii-digits",
        set_cell("initiatives.csv", 2, "footnotes", "3_0"),
        "initiatives.csv",
        2,
        "footnotes",
        "not a whole number in digits 0-9",
    ),
    (
        # The pattern takes year 0, which pandas cannot place on a timeline.
        "year-zero",
        set_cell("initiatives.csv", 1, "start", "0000"),
        "initiatives.csv",
        1,
        "start",
        "a year outside 1990-2030",
    ),
    (
        # Python's int() reads 5,000 digits no more: the whole file's report had been lost.
        "integer-of-5000-digits",
        set_cell("incidents.csv", 1, "killed", "9" * 4_999),
        "incidents.csv",
        1,
        "killed",
        "number too large",
    ),
    (
        # \d in the pattern took Arabic-Indic digits, which then loaded as 2023.
        "date-in-other-digits",
        set_cell("initiatives.csv", 1, "start", "\u0662\u0660\u0662\u0663"),
        "initiatives.csv",
        1,
        "start",
        "pattern",
    ),
    (
        # Validated as "36|37" and then loaded by splitting on ";": a crash on every page.
        "list-delimiter-changed",
        set_field_property("initiatives", "footnotes", "delimiter", "|"),
        "datapackage.yaml",
        None,
        "initiatives.footnotes",
        'needs delimiter ";"',
    ),
    (
        # Before the contract check ran on it, this had raised a TypeError on every page.
        "schema-fields-not-a-list",
        edit_yaml(lambda m: _resource(m, "countries")["schema"].__setitem__("fields", 5)),
        "datapackage.yaml",
        None,
        "resources",
        "needs schema.fields",
    ),
    (
        # A line separator ends a Vega expression: the chart was silently not drawn.
        "line-separator-in-name",
        set_cell("countries.csv", 1, "name", "Kaz\u2028akhstan"),
        "countries.csv",
        1,
        "name",
        "U+2028",
    ),
    (
        # Valid Table Schema, but the pages read in_matrix as a boolean (a KeyError before).
        "field-retyped",
        set_field_property("approach_categories", "in_matrix", "type", "string"),
        "datapackage.yaml",
        None,
        "approach_categories.in_matrix",
        "reads this field as boolean",
    ),
    (
        # Dropped from the schema and the file alike: each agrees, the pages do not.
        "field-dropped-everywhere",
        lambda root: (
            edit_yaml(
                lambda m: _resource(m, "initiatives")["schema"].__setitem__(
                    "fields",
                    [
                        f
                        for f in _resource(m, "initiatives")["schema"]["fields"]
                        if f["name"] != "figures"
                    ],
                )
            )(root),
            edit_csv("initiatives.csv", lambda r: r, lambda h: [c for c in h if c != "figures"])(
                root
            ),
        ),
        "datapackage.yaml",
        None,
        "initiatives.figures",
        "has it missing",
    ),
    (
        # A cell with no row to be drawn in: the matrix pages had crashed.
        "cell-category-not-in-the-matrix",
        set_cell("approach_categories.csv", 1, "in_matrix", "false"),
        "approaches.csv",
        1,
        "category",
        "needs a matrix row",
    ),
    (
        "key-into-no-resource",
        edit_yaml(
            lambda m: next(r for r in m["resources"] if r["name"] == "initiatives")["schema"][
                "foreignKeys"
            ].append({"fields": "partners", "reference": {"resource": "partner", "fields": "id"}})
        ),
        "datapackage.yaml",
        None,
        "foreignKeys",
        "names no resource",
    ),
    (
        "paper-source-removed",
        edit_yaml(lambda m: m.__setitem__("sources", m["sources"][1:])),
        "datapackage.yaml",
        None,
        "sources",
        "source 'paper' missing",
    ),
    (
        "paper-title-removed",
        edit_yaml(lambda m: m["sources"][0].pop("title")),
        "datapackage.yaml",
        None,
        "sources.title",
        "needs a title",
    ),
    (
        "paper-link-not-web",
        edit_yaml(lambda m: m["sources"][0].__setitem__("path", "javascript:alert(1)")),
        "datapackage.yaml",
        None,
        "sources.path",
        "plain http(s) link",
    ),
    (
        "source-without-id",  # Frictionless requires only a title; pages look sources up by id
        edit_yaml(lambda m: m["sources"].append({"title": "Extra", "path": "https://example.org"})),
        "datapackage.yaml",
        None,
        "sources.id",
        "needs an id",
    ),
    (
        "source-url-with-markup",  # it reaches Markdown links and HTML attributes
        set_cell("sources.csv", 3, "url", "https://example.org/<svg/onload=alert(1)>"),
        "sources.csv",
        3,
        "url",
        "pattern",
    ),
    (
        "source-url-ending-in-a-backslash",  # it would escape the Markdown link's ")"
        set_cell("sources.csv", 3, "url", "https://example.org/a\\"),
        "sources.csv",
        3,
        "url",
        "pattern",
    ),
    (
        "translations-resource-removed",
        edit_yaml(
            lambda m: m.__setitem__(
                "resources", [r for r in m["resources"] if r["name"] != "translations"]
            )
        ),
        "datapackage.yaml",
        None,
        "resources",
        "resource missing",
    ),
    # The loader reads every table as UTF-8 CSV and geo/ as GeoJSON: a descriptor that
    # promises another format would mislead any other Frictionless tool.
    *(
        (
            f"descriptor-{column}-{value}",
            edit_yaml(lambda m, r=resource, c=column, v=value: _resource(m, r).__setitem__(c, v)),
            "datapackage.yaml",
            None,
            column,
            "reads this resource as",
        )
        for resource, column, value in (
            ("countries", "format", "xlsx"),
            ("countries", "path", "countries.tsv"),
            ("countries", "mediatype", "application/vnd.ms-excel"),
            ("countries", "encoding", "latin-1"),
            ("geo_borders", "path", "geo/borders.csv"),
        )
    ),
    (
        "unexpected-column",
        edit_csv("countries.csv", lambda r: r, lambda h: [*h, "population"]),
        "countries.csv",
        None,
        "population",
        "unexpected column",
    ),
    (
        "not-utf8",
        lambda root: (root / "countries.csv").write_bytes(
            (root / "countries.csv")
            .read_bytes()
            .replace(b"Kazakhstan", "Kazakhstán".encode("latin-1"), 1)
        ),
        "countries.csv",
        1,
        "name",
        "not UTF-8",
    ),
    (
        # After a quoted cell with commas in it: counting raw commas had named flag_note.
        "not-utf8-after-quoted-commas",
        lambda root: (root / "initiatives.csv").write_bytes(
            (root / "initiatives.csv").read_bytes().replace(b"3,direct,", b"3,dir\xe9ct,", 1)
        ),
        "initiatives.csv",
        1,
        "basis",
        "not UTF-8",
    ),
    (
        "geojson-wrong-geometry",
        lambda root: (root / "geo/countries.geojson").write_text(
            (root / "geo/countries.geojson")
            .read_text(encoding="utf-8")
            .replace('"MultiPolygon"', '"Point"', 1),
            encoding="utf-8",
        ),
        "geo/countries.geojson",
        2,
        "geometry_type",
        "geometry type",
    ),
    (
        "border-note-unknown-feature",
        set_cell("border_notes.csv", 1, "geo_id", "AF-XXX"),
        "border_notes.csv",
        1,
        "geo_id",
        "no such feature",
    ),
    # The geographic check: Tashkent's marker moved to the point 19 km inside Afghanistan.
    (
        "marker-outside-its-country",
        move_marker(1, "37.2", "66.9"),
        "incidents.csv",
        1,
        "lat, lon",
        "marker outside UZB as drawn in geo/countries.geojson; it falls in AFG",
    ),
]


@pytest.fixture
def broken_dir(tmp_path, monkeypatch):
    root = tmp_path / "data"
    shutil.copytree(DATA, root)
    monkeypatch.setenv(data.DATA_ENV, str(root))
    return root


@pytest.mark.parametrize(
    ("case", "mutate", "file", "row", "column", "rule"), CASES, ids=[c[0] for c in CASES]
)
def test_corruption_is_reported_precisely(broken_dir, case, mutate, file, row, column, rule):
    mutate(broken_dir)
    with pytest.raises(data.DataValidationError) as info:
        data.package()
    failures = info.value.failures
    matching = [f for f in failures if f.file == file and rule.lower() in f.rule.lower()]
    assert matching, (
        f"{case}: no failure on {file} mentioning {rule!r}; got {[str(f) for f in failures]}"
    )
    f = matching[0]
    if row is not None:
        assert f.row == row, str(f)
    if column is not None:
        assert f.column == column, str(f)
    assert file in str(info.value)


def test_a_header_fault_is_reported_alone(broken_dir):
    """After a dropped column no good cell is accused: the report names the column only."""
    edit_csv("initiatives.csv", lambda r: r, lambda h: [c for c in h if c != "summary"])(broken_dir)
    with pytest.raises(data.DataValidationError) as info:
        data.package()
    hits = [(f.row, f.column) for f in info.value.failures if f.file == "initiatives.csv"]
    assert hits == [(None, "summary")]


def test_every_failure_is_reported_at_once(broken_dir):
    """Three faults in three files give three failures in one error."""
    set_cell("gti_countries.csv", 3, "score_2023", "10.871")(broken_dir)
    set_cell("initiatives.csv", 5, "summary", "")(broken_dir)
    set_cell("sources.csv", 4, "kind", "blog")(broken_dir)
    with pytest.raises(data.DataValidationError) as info:
        data.package()
    files = [f.file for f in info.value.failures]
    assert sorted(files) == ["gti_countries.csv", "initiatives.csv", "sources.csv"], files
    assert len(info.value.to_frame()) == len(info.value.failures)


def test_rules_across_files_are_in_the_same_report(broken_dir):
    """A broken Table 1 does not hide a marker outside its country: the rules that span
    files run on the files that passed on their own."""
    set_cell("gti_countries.csv", 3, "score_2023", "10.871")(broken_dir)
    move_marker(1, "37.2", "66.9")(broken_dir)
    with pytest.raises(data.DataValidationError) as info:
        data.package()
    assert [(f.file, f.row) for f in info.value.failures] == [
        ("gti_countries.csv", 3),
        ("incidents.csv", 1),
    ]


def test_a_key_into_a_broken_file_is_not_reported_again(broken_dir):
    """sources.csv fails on its own, so the 150-odd footnote references into it are not
    each reported as well: the one real failure is not buried."""
    (broken_dir / "sources.csv").write_bytes(b"footnote\n")
    with pytest.raises(data.DataValidationError) as info:
        data.package()
    assert {f.file for f in info.value.failures} == {"sources.csv"}


def test_foreign_keys_see_a_changed_target_through_the_cache(broken_dir):
    """Per-file results are cached by content; a key check is cached by the content of the
    file AND of every file it points into, so renaming a group id in armed_groups.csv
    breaks incidents.csv, which did not change."""
    data.package()  # fills the cache with the valid copy
    text = (broken_dir / "armed_groups.csv").read_text(encoding="utf-8")
    (broken_dir / "armed_groups.csv").write_text(
        text.replace("\nimu,", "\nimu_x,"), encoding="utf-8"
    )
    with pytest.raises(data.DataValidationError) as info:
        data.package()
    hits = [f for f in info.value.failures if f.file == "incidents.csv"]
    assert [(f.row, f.column) for f in hits] == [(1, "perpetrators")], [str(f) for f in hits]
    assert "imu not found in armed_groups.id" in hits[0].rule


def _set_excuses(root: Path, excuses: dict[str, str]) -> dict[str, str]:
    """Replace the incidents' markersOutsideCountry in a copy; return the old entries."""
    path = root / "datapackage.yaml"
    meta = yaml.safe_load(path.read_text(encoding="utf-8"))
    incidents = next(r for r in meta["resources"] if r["name"] == "incidents")
    old = incidents.pop("markersOutsideCountry", {})
    if excuses:
        incidents["markersOutsideCountry"] = excuses
    path.write_text(yaml.safe_dump(meta, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return old


def test_every_marker_outside_its_country_is_excused_and_no_other(broken_dir):
    """Without markersOutsideCountry, exactly the excused markers are reported. Until the
    issue-16 curation pass corrects it, that is border_crossing_2022 (incidents.csv row 5,
    37.2 N 66.9 E, about 19 km inside Afghanistan); after it, none."""
    excused = _set_excuses(broken_dir, {})
    if not excused:
        data.package()  # every marker inside its country: nothing to report
        return
    with pytest.raises(data.DataValidationError) as info:
        data.package()
    rows = pd.read_csv(broken_dir / "incidents.csv", dtype=str)
    expected = {(int(rows.index[rows["id"] == rid][0]) + 1) for rid in excused}
    assert {f.row for f in info.value.failures} == expected
    assert all(
        f.file == "incidents.csv" and "marker outside" in f.rule for f in info.value.failures
    )


def test_a_stale_marker_excuse_is_an_error(broken_dir):
    """An excuse for a marker that lies inside its country is itself an error, so the row
    fixed by the curation pass cannot keep its entry after the merge."""
    excuses = _set_excuses(broken_dir, {})
    _set_excuses(broken_dir, {**excuses, "tashkent_1999": "no reason: it is inside"})
    with pytest.raises(data.DataValidationError) as info:
        data.package()
    assert [(f.file, f.column, f.value) for f in info.value.failures] == [
        ("datapackage.yaml", "markersOutsideCountry", "tashkent_1999")
    ]
    assert "remove its entry" in info.value.failures[0].rule


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


PANEL_SAMPLE = [
    "initiatives-header-drops-column",
    "initiatives-row-extra-cell",
    "datapackage-a-list",
    "geo_countries-not-json",
]
PAGES = [
    "pages/overview.py",
    "pages/map.py",
    "pages/gti.py",
    "pages/approaches.py",
    "pages/timeline.py",
    "pages/countries.py",
    "pages/sources.py",
]


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


@pytest.mark.parametrize("case", PANEL_SAMPLE)
def test_app_shows_panel_for_the_issue_faults(broken_dir, case):
    """A sample of the corruption matrix, in the app: the faults that used to crash every
    page (a header name dropped, one surplus cell, a descriptor holding a list) and a
    broken GeoJSON all end in the panel naming the file."""
    path, mutate, _, reported = next(c.values for c in MATRIX if c.id == case)
    mutate(broken_dir / path)
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert any("failed validation" in e.value for e in at.error)
    assert reported in set(at.dataframe[0].value["file"])


@pytest.mark.parametrize(
    ("file", "column", "value"),
    [
        ("incidents.csv", "killed", "abc"),  # frictionless's type error, not a second one
        ("approaches.csv", "category", "nowhere"),  # the foreign key, not "not in the matrix"
    ],
)
def test_one_fault_is_reported_once(broken_dir, file, column, value):
    set_cell(file, 1, column, value)(broken_dir)
    with pytest.raises(data.DataValidationError) as info:
        data.package()
    mine = [f for f in info.value.failures if (f.file, f.row, f.column) == (file, 1, column)]
    assert len(mine) == 1, [str(f) for f in mine]


# ------------------------------------------------- valid, if unusual: every page still works


def _with_altitude(root: Path) -> None:
    """RFC 7946 lets a position carry a third number (an altitude)."""
    path = root / "geo/countries.geojson"
    doc = json.loads(path.read_text("utf-8"))

    def add(c):
        return [*c, 0] if c and isinstance(c[0], (int, float)) else [add(x) for x in c]

    for f in doc["features"]:
        f["geometry"]["coordinates"] = add(f["geometry"]["coordinates"])
    path.write_text(json.dumps(doc), "utf-8")


def _in_one_year(rows: list[dict]) -> list[dict]:
    for r in rows:
        if r["start"]:
            r["start"], r["end"] = "2023", ""
    return rows


UNUSUAL = [
    (
        "positions-with-an-altitude",
        _with_altitude,
        [("map", {}), ("map", {"present": "1"}), ("countries", {"country": "TKM"})],
    ),
    (
        "every-initiative-in-one-year",  # the years slider needs two different ends
        edit_csv("initiatives.csv", _in_one_year),
        [("timeline", {}), ("timeline", {"lang": "ru", "present": "1"})],
    ),
]


@pytest.mark.parametrize(("case", "mutate", "pages"), UNUSUAL, ids=[c[0] for c in UNUSUAL])
def test_valid_but_unusual_data_draws_every_page(broken_dir, case, mutate, pages):
    mutate(broken_dir)
    data.package()  # valid: no report
    for page, params in pages:
        assert_polite(run_page(page, params), f"{case}: {page} {params}")


def test_in_one_year_the_slider_gets_a_second_end_but_notices_name_the_real_one(broken_dir):
    edit_csv("initiatives.csv", _in_one_year)(broken_dir)
    at = run_page("timeline", {"from": "2025"})
    assert at.slider(key="timeline_years").max == 2024  # Streamlit needs two ends
    (told,) = [n for n in notices(at) if "Ignored from=2025" in n]
    assert "\\(2023\\)" in told and "2024" not in told  # the last year as the data has it
    # the slider's own end is a year its link may hold: the view it wrote opens again
    assert not [n for n in notices(run_page("timeline", {"from": "2024"})) if "Ignored" in n]
