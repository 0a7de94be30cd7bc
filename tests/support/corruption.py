"""The corruption matrix's cases, generated from datapackage.yaml: every resource x every
mutation (used by tests/test_data_corruption.py, and by tests/test_data_validation.py for
the cases it also shows in the app). See tests/test_data_corruption.py for what is accepted
and what is rejected."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
META = yaml.safe_load((DATA / "datapackage.yaml").read_text(encoding="utf-8"))
TABLES = [r for r in META["resources"] if r.get("format") != "geojson"]
GEOJSON = [r for r in META["resources"] if r.get("format") == "geojson"]
TYPED = ("integer", "number", "year", "boolean")
PARTIAL_DATE_PATTERN = "[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?"

Mutation = Callable[[Path], None]  # edits the file at the given path in place


# ------------------------------------------------------------------ mutation helpers


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def _write_rows(path: Path, rows: list[list[str]]) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def rows_edit(fn: Callable[[list[list[str]]], None]) -> Mutation:
    def mutate(path: Path) -> None:
        rows = _rows(path)
        fn(rows)
        _write_rows(path, rows)

    return mutate


def set_cell(column: str, value: str, row: int = 1) -> Mutation:
    def fn(rows):
        rows[row][rows[0].index(column)] = value

    return rows_edit(fn)


def raw_edit(fn: Callable[[bytes], bytes]) -> Mutation:
    return lambda path: path.write_bytes(fn(path.read_bytes()))


def _swap_first_two(rows):
    rows[0][0], rows[0][1] = rows[0][1], rows[0][0]


def _unbalanced_quote(raw: bytes) -> bytes:
    """The last row's first cell opens a quote that never closes: it swallows the row."""
    head, last = raw.rstrip(b"\n").rsplit(b"\n", 1)
    return head + b'\n"' + last + b"\n"


# A fixed byte string, so a failure reproduces; 0xff is never valid UTF-8.
GARBAGE = bytes(range(256)) * 8 + b"\xff\xfe\x00garbage"

# (id, mutation, words the report must contain, lower-case; any of '|'-separated).
COMMON: list[tuple[str, Mutation, str]] = [
    ("header-drops-column", rows_edit(lambda rows: rows[0].pop()), "missing column"),
    (
        "header-renames-column",
        rows_edit(lambda rows: rows[0].__setitem__(0, rows[0][0] + "_x")),
        "unexpected column",
    ),
    ("header-swaps-columns", rows_edit(_swap_first_two), "out of order"),
    ("row-extra-cell", rows_edit(lambda rows: rows[1].append("x")), "extra cell"),
    (
        "row-missing-cells",
        rows_edit(lambda rows: rows[1].__delitem__(slice(-2, None))),
        "missing cell",
    ),
    (
        "unbalanced-quote",
        raw_edit(_unbalanced_quote),
        "line break inside a cell|missing cell|extra cell|must",
    ),
    ("empty-file", raw_edit(lambda b: b""), "empty"),
    ("header-only", raw_edit(lambda b: b.split(b"\n", 1)[0] + b"\n"), "number of rows is 0"),
    (
        "duplicate-row",
        rows_edit(lambda rows: rows.append(list(rows[1]))),
        "primary key|unique|number of rows",
    ),
    ("trailing-blank-lines", raw_edit(lambda b: b + b"\n\n"), "blank row"),
    ("blank-line-in-the-middle", raw_edit(lambda b: b.replace(b"\n", b"\n\n", 2)), "blank row"),
    ("cell-of-200000-characters", None, "maxcelllength"),  # filled per resource below
    ("binary-garbage", raw_edit(lambda b: GARBAGE), "not utf-8"),
    ("deleted", lambda path: path.unlink(), "file not found"),
    # a git-annex or LFS checkout whose content is missing: a link to nowhere
    ("broken-link", lambda path: (path.unlink(), path.symlink_to("/nonexistent.csv")), "not found"),
]


def _spaced_header(rows: list[list[str]]) -> None:
    rows[0] = [f" {h}\u00a0" for h in rows[0]]  # a space before, a no-break space after


ACCEPTED: list[tuple[str, Mutation]] = [
    ("utf8-bom", raw_edit(lambda b: b"\xef\xbb\xbf" + b)),
    ("crlf-line-endings", raw_edit(lambda b: b.replace(b"\n", b"\r\n"))),
    # frictionless trims header names before matching them to fields: so does the loader
    ("spaces-around-header-names", rows_edit(_spaced_header)),
]


def _field_cases(resource: dict) -> list[tuple[str, Mutation, str]]:
    """Mutations that depend on the resource's fields: keys, types, ranges, footnotes, dates."""
    fields = resource["schema"]["fields"]
    key = resource["schema"]["primaryKey"]
    out = [("blank-key", set_cell(key[0], ""), "required|primary key")]
    text_field = next(
        f["name"] for f in fields if f.get("type", "string") == "string" and f["name"] not in key
    )
    out.append(("cell-of-200000-characters", set_cell(text_field, "x" * 200_000), "maxcelllength"))
    if typed := next((f for f in fields if f.get("type") in TYPED), None):
        out.append(("typed-cell-as-text", set_cell(typed["name"], "n/a"), "type: must be a valid"))
    bounded = next(
        (
            f
            for f in fields
            if f.get("type") in TYPED[:3] and {"minimum", "maximum"} & set(f.get("constraints", {}))
        ),
        None,
    )
    if bounded:
        c = bounded["constraints"]
        value = c["maximum"] + 1 if "maximum" in c else c["minimum"] - 1
        out.append(
            ("number-out-of-range", set_cell(bounded["name"], str(value)), "at least|at most")
        )
    for f in fields:
        if f["name"] in ("footnote", "footnotes"):
            for n in (0, 87):
                out.append(
                    (
                        f"footnote-{n}",
                        set_cell(f["name"], str(n)),
                        "not found in sources.footnote|at least 1|at most 86",
                    )
                )
        if f.get("constraints", {}).get("pattern") == PARTIAL_DATE_PATTERN:
            out.append(
                (f"impossible-date-{f['name']}", set_cell(f["name"], "2023-02-30"), "no such day")
            )
        elif f.get("type") == "year":
            out.append(
                (
                    f"impossible-date-{f['name']}",
                    set_cell(f["name"], "2023-13"),
                    "type: must be a valid year",
                )
            )
    return out


def _cases() -> list:
    cases = []
    for r in TABLES:
        for name, mutate, words in [*[c for c in COMMON if c[1]], *_field_cases(r)]:
            cases.append(
                pytest.param(r["path"], mutate, words, r["path"], id=f"{r['name']}-{name}")
            )
    yaml_path = "datapackage.yaml"
    yaml_cases = [
        ("invalid-yaml", raw_edit(lambda b: b + b"\n  oops: [unclosed\n"), "invalid yaml"),
        ("empty", raw_edit(lambda b: b""), "holds nothing"),
        ("a-list", raw_edit(lambda b: b"- sources.csv\n- countries.csv\n"), "yaml list"),
        ("not-utf8", raw_edit(lambda b: b.replace(b"Netherlands", b"\xff", 1)), "not utf-8"),
        (
            "resource-path-to-missing-file",
            raw_edit(lambda b: b.replace(b"path: initiatives.csv", b"path: initiatives_2.csv")),
            "file not found",
        ),
        (
            "resource-dropped",
            raw_edit(lambda b: b.replace(b"  - name: armed_groups", b"  - name: armed_group")),
            "resource missing",
        ),
        (
            "row-count-not-a-number",
            raw_edit(lambda b: b.replace(b"rowCount: 7", b"rowCount: seven", 1)),
            "rowcount: must be a whole number",
        ),
        (
            "foreign-key-not-a-mapping",
            raw_edit(
                lambda b: b.replace(
                    b"- {fields: ibid_of, reference: {resource: sources, fields: footnote}}",
                    b"- ibid_of",
                    1,
                )
            ),
            "foreignkeys",
        ),
        (
            "unknown-field-type",
            raw_edit(
                lambda b: b.replace(
                    b'type: integer, description: "Footnote number',
                    b'type: integr, description: "Footnote number',
                    1,
                )
            ),
            "integr",
        ),
    ]
    for name, mutate, words in yaml_cases:
        reported = "initiatives_2.csv" if "missing-file" in name else yaml_path
        cases.append(pytest.param(yaml_path, mutate, words, reported, id=f"datapackage-{name}"))
    geo_cases = [
        ("truncated", raw_edit(lambda b: b[: len(b) // 2]), "broken geojson"),
        ("not-json", raw_edit(lambda b: b"this is not JSON\n"), "broken geojson"),
        (
            "empty-featurecollection",
            raw_edit(lambda b: b'{"type": "FeatureCollection", "features": []}'),
            "no features",
        ),
        ("deleted", lambda path: path.unlink(), "file not found"),
        ("broken-link", lambda path: (path.unlink(), path.symlink_to("/nonexistent")), "not found"),
    ]
    for r in GEOJSON:
        for name, mutate, words in geo_cases:
            cases.append(
                pytest.param(r["path"], mutate, words, r["path"], id=f"{r['name']}-{name}")
            )
    return cases


CASES = _cases()
ACCEPTED_CASES = [
    pytest.param(r["path"], m, id=f"{r['name']}-{name}") for r in TABLES for name, m in ACCEPTED
]
