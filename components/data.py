"""The one data module: loads, validates and serves the curated data package in data/.

Nothing else in the project reads a data file. Pages and builders call the accessors
below, which return fresh DataFrames (copies, so callers may not corrupt the cache).

Validation runs in three steps, and nothing downstream (typing, list splitting, derived
frames) runs on a package that failed any of them:

1. data/datapackage.yaml is read and its shape checked (a mapping whose resources are
   mappings with a name, a path and, for tables, a schema).
2. Each CSV is validated by frictionless-py, the reference implementation of the Data
   Package standard, against its Table Schema: structure (extra and missing cells, blank
   or duplicate headers, blank rows, UTF-8), types, constraints, primary keys (composite
   ones too), the table size the package expects (`rowCount`, else at least one row),
   cells without line breaks or runaway length (`cell_text`) and the row rules Table
   Schema cannot express (custom checks, `ROW_RULES`). A BOM and CRLF line endings are
   accepted (spreadsheets save them), and spaces around header names (frictionless trims
   them, and so does the loader); blank lines are not. Foreign keys
   are a second frictionless pass, only between files that passed the first, so one
   broken file is reported once, not once per row that points into it. A key in a
   ';'-separated list field is checked item by item (a custom check: frictionless
   compares the whole list). Results are cached by file content, so editing one file
   revalidates that file and the files whose keys point into it, not all fifteen.
3. The GeoJSON files and the rules that span files (Table 4 phrases, the organisation
   tree, border features, incident markers inside their country) are checked in Python.
   A GeoJSON position's altitude (RFC 7946 allows one) is dropped on load.

Every failure lands in ONE DataValidationError listing file, row, column, value and rule.
Run `python -m components.data` to validate from the command line.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import functools
import hashlib
import json
import math
import os
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import Any, ClassVar

import attrs
import frictionless
import pandas as pd
import yaml
from frictionless import Check, Checklist
from frictionless import checks as fchecks
from frictionless import errors as ferrors
from shapely import make_valid
from shapely.geometry import Point, shape

from components import orgs, schema_contract, translations
from components.text import printed_urls
from components.vocab import DATE_YEARS, STATES

ROOT = Path(__file__).resolve().parent.parent
DATA_ENV = "CA_DASHBOARD_DATA_DIR"  # tests and benchmarks point this at a copy of data/
CENTRAL_ASIA = STATES  # the paper's order in Table 4 (components.vocab)
FOOTNOTE_COUNT = 86
GTI_RANGE = (0.0, 10.0)
DESCRIPTOR = "datapackage.yaml"


def data_dir() -> Path:
    return Path(os.environ.get(DATA_ENV) or ROOT / "data")


# --------------------------------------------------------------------------- errors


@dataclass(frozen=True)
class Failure:
    """One validation failure. `row` is the 1-based data row (the CSV line is row + 1);
    in a GeoJSON file it is the 1-based feature number, in datapackage.yaml the line."""

    file: str
    row: int | None
    column: str | None
    value: str | None
    rule: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None and self.file.endswith(".csv"):
            where += f", row {self.row} (line {self.row + 1})"
        elif self.row is not None:
            where += f", {'feature' if self.file.endswith('json') else 'line'} {self.row}"
        if self.column:
            where += f", column '{self.column}'"
        value = "" if self.value is None else f", value {_short(self.value)!r}"
        return f"{where}{value}: {self.rule}"


def _short(text: str, limit: int = 200) -> str:
    """A 200,000-character cell is reported by its start, not printed whole."""
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text):,} characters)"


class DataValidationError(Exception):
    """The package is broken. `failures` lists every problem found."""

    def __init__(self, failures: list[Failure]):
        self.failures = failures
        lines = "\n".join(f"  - {f}" for f in failures)
        super().__init__(
            f"The data package in {data_dir()} failed validation with {len(failures)} "
            f"problem(s). Fix each file at the row and column named, then run "
            f"`python -m components.data` again:\n{lines}"
        )

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame(
            [
                (f.file, f.row, f.column, None if f.value is None else _short(f.value), f.rule)
                for f in self.failures
            ],
            columns=["file", "row", "column", "value", "rule"],
        )


# ------------------------------------------------------------ step 1: the descriptor

# Resources the pages read; a descriptor without one of them cannot serve the dashboard.
TABLES = (
    "sources",
    "countries",
    "gti_countries",
    "gti_regions",
    "astana_activities",
    "table4",
    "approach_categories",
    "approaches",
    "organisations",
    "initiatives",
    "incidents",
    "border_notes",
    "armed_groups",
    "human_rights",
    "key_figures",
)
GEO_PROPS = {  # GeoJSON resource -> (key property, label property)
    "geo_countries": ("iso3", "name"),
    "geo_provinces": ("id", "name"),
    "geo_borders": ("id", "name"),
}
MAX_CELL_LENGTH = 5000  # default of the package's maxCellLength
NOT_FINITE = {"inf", "infinity", "nan"}  # a number type accepts these; no published figure is
# How a figure is written in the files. Python's int() and float(), which frictionless uses,
# also accept "3_0", Arabic-Indic digits and "1e999" (infinity), none of which the paper prints.
INTEGER_TEXT = re.compile(r"[+-]?[0-9]+")
NUMBER_TEXT = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?")
# Beyond this an integer loses precision in pandas' float paths and in the browser's numbers.
MAX_SAFE_INTEGER = 2**53 - 1


def _broken(rule: str, row: int | None = None) -> DataValidationError:
    return DataValidationError([Failure(DESCRIPTOR, row, None, None, rule)])


def _descriptor(base: Path) -> dict:
    """datapackage.yaml as a dict, or DataValidationError saying what is wrong with it."""
    try:
        raw = (base / DESCRIPTOR).read_bytes()
    except OSError as exc:
        raise _broken(f"cannot read the descriptor: {exc.strerror}") from None
    return copy.deepcopy(_parse_descriptor(raw))


@functools.lru_cache(maxsize=16)
def _parse_descriptor(raw: bytes) -> dict:
    """Cached by content: parsing and checking the descriptor costs more than all the CSVs."""
    broken = _broken
    try:
        # libyaml's C loader where available: the pure-Python one takes 0.2 s on this file.
        meta = yaml.load(raw.decode("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except UnicodeDecodeError:
        raise broken("the descriptor is not UTF-8 text: re-save it as UTF-8") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        row = None if mark is None else mark.line + 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise broken(f"invalid YAML: {problem}", row) from None
    if not isinstance(meta, dict):
        found = "nothing" if meta is None else f"a YAML {type(meta).__name__}"
        raise broken(f"the descriptor must be a mapping with a 'resources' list; it holds {found}")
    resources = meta.get("resources")
    if not isinstance(resources, list) or not all(isinstance(r, dict) for r in resources):
        raise broken("'resources' must be a list of resource mappings")
    failures = []
    names = [r.get("name") for r in resources]
    for i, r in enumerate(resources, 1):
        name, path = r.get("name"), r.get("path")
        if not (isinstance(name, str) and isinstance(path, str) and name and path):
            failures.append(
                Failure(
                    DESCRIPTOR,
                    None,
                    "resources",
                    str(name),
                    f"resource {i} needs a 'name' and a 'path'",
                )
            )
        elif reading := _read_as_failure(r):
            failures.append(reading)
        elif r.get("format") != "geojson":
            fields = (
                (r.get("schema") or {}).get("fields") if isinstance(r.get("schema"), dict) else None
            )
            if not isinstance(fields, list) or not all(
                isinstance(f, dict) and "name" in f for f in fields
            ):
                failures.append(
                    Failure(
                        DESCRIPTOR,
                        None,
                        "resources",
                        name,
                        "a table resource needs schema.fields, each with a name",
                    )
                )
            schema = r["schema"] if isinstance(r.get("schema"), dict) else {}
            for fk in schema.get("foreignKeys") or []:
                ref = fk.get("reference") if isinstance(fk, dict) else None
                if not (isinstance(ref, dict) and "fields" in fk and "fields" in ref):
                    failures.append(
                        Failure(
                            DESCRIPTOR,
                            None,
                            "foreignKeys",
                            f"{name}: {fk}",
                            "foreignKeys: each needs fields and a reference {resource, fields}",
                        )
                    )
                elif ref.get("resource", "") not in ("", *names):
                    # A key into a resource that is not there would never be checked.
                    rule = "foreignKeys: the reference names no resource of the package"
                    failures.append(
                        Failure(DESCRIPTOR, None, "foreignKeys", f"{name}: {ref['resource']}", rule)
                    )
        failures += _custom_property_failures(r)
    failures += _custom_property_failures(meta)
    failures += _source_failures(meta.get("sources"))
    for needed in (*TABLES, "translations", *GEO_PROPS):
        if needed not in names:
            failures.append(
                Failure(
                    DESCRIPTOR,
                    None,
                    "resources",
                    needed,
                    "resource missing: the dashboard reads it",
                )
            )
    failures += _contract_failures(resources)
    if failures:
        raise DataValidationError(failures)
    # The spec itself (field types, constraint shapes, key references) is frictionless's job.
    try:
        report = frictionless.Package.validate_descriptor(_frictionless_package(meta))
        problems = [] if report.valid else report.flatten(["type", "note"])
    except Exception as exc:  # noqa: BLE001 - a descriptor too odd to translate is reported
        problems = [("descriptor-error", f"{type(exc).__name__}: {exc}")]
    failures += [
        Failure(DESCRIPTOR, None, None, None, f"{kind}: {note}") for kind, note in problems
    ]
    if failures:
        raise DataValidationError(failures)
    return meta


def _field_type(f: dict) -> str:
    kind = str(f.get("type", "string"))
    return f"list:{f.get('itemType', 'string')}" if kind == "list" else kind


def _contract_failures(resources: list[dict]) -> list[Failure]:
    """Fields the dashboard reads that the descriptor drops or types otherwise: valid Table
    Schema, and the CSV may agree, but a page would fail on the missing or retyped column."""
    out = []
    for r in resources:
        if not isinstance(r.get("name"), str):  # reported above as a resource without a name
            continue
        wanted = schema_contract.FIELDS.get(r["name"], {})
        fields = (r.get("schema") or {}).get("fields") if isinstance(r.get("schema"), dict) else []
        if not isinstance(fields, list):  # reported above: a table needs schema.fields
            continue
        have = {
            f["name"]: _field_type(f)
            for f in fields
            if isinstance(f, dict) and isinstance(f.get("name"), str)
        }
        for f in fields:  # the loader splits every list on ";" (data._items)
            if isinstance(f, dict) and f.get("type") == "list" and f.get("delimiter") != ";":
                where = f"{r['name']}.{f.get('name')}"
                rule = 'a list field needs delimiter ";": the dashboard splits lists on it'
                out.append(Failure(DESCRIPTOR, None, where, str(f.get("delimiter")), rule))
        for name, kind in wanted.items():
            if have.get(name) != kind:
                where = f"{r['name']}.{name}"
                found = "missing" if name not in have else f"type {have[name]}"
                rule = f"the dashboard reads this field as {kind}; the descriptor has it {found}"
                out.append(Failure(DESCRIPTOR, None, where, found, rule))
    return out


# How the loader reads a resource: geojson ones as GeoJSON, every other one as UTF-8 CSV.
# A descriptor that says otherwise (format: xlsx, a .tsv path, latin-1) would be obeyed by
# other Frictionless tools and silently overruled here, so it is an error.
_READ_AS = {
    "geojson": {"suffixes": (".geojson", ".json"), "mediatype": "application/geo+json"},
    "csv": {"suffixes": (".csv",), "mediatype": "text/csv"},
}


def _read_as_failure(r: dict) -> Failure | None:
    fmt = "geojson" if r.get("format") == "geojson" else "csv"
    want = _READ_AS[fmt]
    name, path = r["name"], r["path"]
    if r.get("format") not in (None, fmt):
        column, value = "format", r.get("format")
    elif not path.lower().endswith(want["suffixes"]):
        column, value = "path", path
    elif r.get("mediatype") not in (None, want["mediatype"]):
        column, value = "mediatype", r.get("mediatype")
    elif str(r.get("encoding", "utf-8")).lower().replace("_", "-") not in ("utf-8", "utf-8-sig"):
        column, value = "encoding", r.get("encoding")
    else:
        return None
    rule = (
        f"the dashboard reads this resource as {fmt.upper()} (UTF-8, a path ending in "
        f"{' or '.join(want['suffixes'])}); the descriptor must not say otherwise"
    )
    return Failure(DESCRIPTOR, None, column, f"{name}: {value}", rule)


# A plain web link, or a file in the package (geo/SOURCES.md): no scheme but http(s).
SOURCE_PATH = re.compile(r"https?://[^\s()<>\"'`\\]+|[A-Za-z0-9_][A-Za-z0-9_./-]*")


def _source_failures(sources: object) -> list[Failure]:
    """Every page's footer and the briefs cite the paper from `sources`: it must be there,
    titled, with a plain web link (the link reaches Markdown and HTML as it is)."""
    if not isinstance(sources, list) or not all(isinstance(s, dict) for s in sources):
        return [Failure(DESCRIPTOR, None, "sources", None, "'sources' must be a list of mappings")]
    out = []
    by_id = {s.get("id"): s for s in sources}
    if "paper" not in by_id:
        out.append(
            Failure(DESCRIPTOR, None, "sources", None, "source 'paper' missing: pages cite it")
        )
    for s in sources:
        sid = str(s.get("id"))
        if not isinstance(s.get("id"), str) or not s["id"].strip():
            rule = "a source needs an id: pages look sources up by it"
            out.append(Failure(DESCRIPTOR, None, "sources.id", str(s.get("title")), rule))
        if not isinstance(s.get("title"), str) or not s["title"].strip():
            out.append(Failure(DESCRIPTOR, None, "sources.title", sid, "a source needs a title"))
        path = s.get("path")
        if path is not None and not (isinstance(path, str) and SOURCE_PATH.fullmatch(path)):
            rule = "a source's path must be a plain http(s) link or a file in the package"
            out.append(Failure(DESCRIPTOR, None, "sources.path", str(path), rule))
        elif sid == "paper" and not (isinstance(path, str) and path.startswith("http")):
            out.append(
                Failure(DESCRIPTOR, None, "sources.path", None, "the paper needs a web link (path)")
            )
    return out


def _custom_property_failures(where: dict) -> list[Failure]:
    """Our properties beyond the spec (see the head of datapackage.yaml) have the right shape."""
    out = []
    for prop in ("rowCount", "maxCellLength"):
        value = where.get(prop)
        if value is not None and (
            not isinstance(value, int) or isinstance(value, bool) or value < 1
        ):
            out.append(
                Failure(
                    DESCRIPTOR, None, prop, str(value), f"{prop}: must be a whole number above 0"
                )
            )
    excused = where.get("markersOutsideCountry")
    if excused is not None and not (
        isinstance(excused, dict)
        and all(isinstance(v, str) and v.strip() for v in excused.values())
    ):
        out.append(
            Failure(
                DESCRIPTOR,
                None,
                "markersOutsideCountry",
                None,
                "markersOutsideCountry: must map incident ids to the reason, in words",
            )
        )
    return out


def _tabular(meta: dict) -> list[dict]:
    return [r for r in meta["resources"] if r.get("format") != "geojson"]


def _list_fields(r: dict) -> set[str]:
    return {f["name"] for f in r["schema"]["fields"] if f.get("type") == "list"}


def _fk_field(fk: dict) -> str | tuple:
    """The field of a one-field key ('footnotes' or ['footnotes']); a tuple for composite ones."""
    fields = fk.get("fields")
    if isinstance(fields, list):
        return fields[0] if len(fields) == 1 else tuple(fields)
    return fields


def _frictionless_resource(meta: dict, r: dict, *, foreign_keys: Iterable[str] = ()) -> dict:
    """Our resource as a plain frictionless v5 descriptor.

    Translations, each for a reason:
    - missingValues given on the package or resource moves into the schema (where the
      spec puts it), so '-' in Table 3 reads as missing;
    - the file is UTF-8 CSV with ',' and '"', never sniffed: a sniffed ';' or latin-1
      would accept a file that _read_csv then reads differently;
    - booleans are 'true'/'false' only, as the loader maps them;
    - foreign keys are kept only for the referenced resources named in `foreign_keys`
      (step 2 checks them in a second pass), and list-valued ones are left to a custom
      check.
    """
    schema = copy.deepcopy(r["schema"])
    schema["missingValues"] = r.get("missingValues", meta.get("missingValues", [""]))
    for f in schema["fields"]:
        if f.get("type") == "boolean":
            f.setdefault("trueValues", ["true"])
            f.setdefault("falseValues", ["false"])
    lists = _list_fields(r)
    schema["foreignKeys"] = [
        fk
        for fk in schema.get("foreignKeys", [])
        if fk.get("reference", {}).get("resource") in set(foreign_keys)
        and _fk_field(fk) not in lists
    ]
    return {
        "name": r["name"],
        "path": r["path"],
        "type": "table",
        "scheme": "file",
        "format": "csv",
        "encoding": "utf-8",
        "dialect": {"csv": CSV_DIALECT_DESCRIPTOR},
        "schema": schema,
    }


# Pinned, never sniffed: a guessed ';' or skipped spaces would validate another table than
# the one _read_csv loads.
CSV_DIALECT_DESCRIPTOR = {
    "delimiter": ",",
    "quoteChar": '"',
    "doubleQuote": True,
    "skipInitialSpace": False,
}


class CSV_DIALECT(csv.excel):
    skipinitialspace = False


def _frictionless_package(meta: dict) -> dict:
    names = [r["name"] for r in _tabular(meta)]
    return {
        "name": "package",
        "resources": [_frictionless_resource(meta, r, foreign_keys=names) for r in _tabular(meta)],
    }


# ------------------------------------------------------- step 2: each table, with checks


@attrs.define(kw_only=True, repr=False)
class RowRuleError(ferrors.CellError):
    type = "row-rule"
    title = "Rule"
    description = "A rule of this package that Table Schema cannot express."
    template = "Row {rowNumber}, field {fieldName}: {note}"


@attrs.define(kw_only=True, repr=False)
class row_rule(Check):  # frictionless names its checks in lower case
    """A row-level rule written in Python; the row holds typed cells (missing = None)."""

    type = "row-rule"
    Errors: ClassVar[list] = [RowRuleError]
    field_name: str
    rule: str
    test: Callable[[dict], bool]

    def validate_row(self, row):
        # A row that already failed its types or constraints is reported for those;
        # judging it by a rule too would only repeat the problem in other words.
        if row.errors:
            return
        if not self.test(row):
            yield RowRuleError.from_row(row, note=self.rule, field_name=self.field_name)


@attrs.define(kw_only=True, repr=False)
class CellTextError(ferrors.CellError):
    type = "cell-text"
    title = "Cell text"
    description = "A cell with a line break, or longer than the package's maxCellLength."
    template = "Row {rowNumber}, field {fieldName}: {note}"


@attrs.define(kw_only=True, repr=False)
class cell_text(Check):
    """No cell spans lines, runs past `limit` characters, holds only spaces or is a number
    that is not finite. No real cell does (the longest is under 1,000 characters): a quote
    left open swallows the rows after it into one cell, which can otherwise still pass every
    type and size check."""

    type = "cell-text"
    Errors: ClassVar[list] = [CellTextError]
    limit: int
    numbers: frozenset = frozenset()  # the resource's number fields
    integers: frozenset = frozenset()  # integer and year fields, and lists of integers
    lists: frozenset = frozenset()  # list fields, split as the loader splits them (_items)
    missing: frozenset = frozenset({""})  # the resource's missingValues ("-" stays missing)

    def validate_row(self, row):
        for name, cell in zip(row.field_names, row.cells, strict=False):
            if not isinstance(cell, str):
                continue
            if note := self._problem(name, cell):
                yield CellTextError.from_row(row, note=note, field_name=name)

    def _problem(self, name: str, cell: str) -> str | None:
        if len(cell) > self.limit:
            return (
                f"cell too long: {len(cell):,} characters; the package allows "
                f"{self.limit:,} (maxCellLength)"
            )
        if cell and not cell.strip():
            # Loading strips cells, so spaces alone would pass a required check and then
            # load as empty: a required name or title that is missing after all.
            return "only spaces: leave the cell empty or give it a value"
        if breaks := sorted({c for c in cell if unicodedata.category(c) in ("Cc", "Zl", "Zp")}):
            # U+2028 and U+2029 too: in a chart's label they end a line of Vega's
            # expressions, and the chart is not drawn at all.
            if "\n" in breaks or "\r" in breaks:
                return "line break inside a cell: is a quote left open before it?"
            codes = ", ".join(f"U+{ord(c):04X}" for c in breaks)
            return f"line break or control character ({codes}) inside a cell: delete it"
        text = cell.strip()
        if text in self.missing:
            return None
        # Text that Python cannot read as a number is frictionless's type error already; these
        # are the texts it reads that the paper could not have printed.
        if name in self.integers:
            for item in _items(text) if name in self.lists else [text]:
                if INTEGER_TEXT.fullmatch(item):
                    # by length first: int() refuses more than 4,300 digits
                    if len(item.lstrip("+-")) > 16 or abs(int(item)) > MAX_SAFE_INTEGER:
                        return f"number too large: {item[:24]} (at most {MAX_SAFE_INTEGER:,})"
                elif _reads_as(int, item):
                    return f"not a whole number in digits 0-9: {item!r}"
        elif name in self.numbers:
            if text.lower().lstrip("+-") in NOT_FINITE or (
                NUMBER_TEXT.fullmatch(text) and not math.isfinite(float(text))
            ):
                return "not a finite number: give the figure as published"
            if not NUMBER_TEXT.fullmatch(text) and _reads_as(float, text):
                return f"not a number in digits 0-9: {text!r}"
        return None


def _reads_as(kind: type, text: str) -> bool:
    """Whether Python (and so frictionless) reads `text` as a number of `kind`."""
    try:
        kind(text)
    except (ValueError, OverflowError):
        return False
    return True


@attrs.define(kw_only=True, repr=False)
class ListForeignKeyError(ferrors.CellError):
    type = "list-foreign-key"
    title = "Foreign key (list item)"
    description = "Every item of a ';'-separated list must exist in the referenced resource."
    template = "Row {rowNumber}, field {fieldName}: {note}"


@attrs.define(kw_only=True, repr=False)
class list_foreign_key(Check):
    type = "list-foreign-key"
    Errors: ClassVar[list] = [ListForeignKeyError]
    field_name: str
    reference: str
    keys: frozenset

    def validate_row(self, row):
        items = row[self.field_name]
        if row.errors or not items:
            return
        bad = [i for i in items if i in (None, "") or i not in self.keys]
        if bad:
            note = f"foreign key: {', '.join(map(str, bad))} not found in {self.reference}"
            error = ListForeignKeyError.from_row(row, note=note, field_name=self.field_name)
            error.cell = ";".join("" if i is None else str(i) for i in items)  # as typed
            yield error


def _real_date(value: str | None) -> bool:
    """A partial date that matches the pattern must also exist (2023-02-30 does not) and
    fall in DATE_YEARS (the pattern takes 0000, which no calendar has)."""
    if value is None:
        return True
    if value[:4].isdigit() and not DATE_YEARS[0] <= int(value[:4]) <= DATE_YEARS[1]:
        return False
    if len(value) != 10:
        return True
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _flag_pair(r) -> bool:
    return (r["flag"] is None) == (r["flag_note"] is None)


def _basis(r) -> bool:
    return (r["footnotes"] is None) == (r["basis"] == "uncited")


FLAG_RULE = "a flagged row needs a flag_note stating both versions"
BASIS_RULE = "footnotes may be empty only when basis is 'uncited'"
REAL_DATE = f"date: no such day in the calendar, or a year outside {DATE_YEARS[0]}-{DATE_YEARS[1]}"
# Row rules Table Schema cannot express: resource -> [(field reported, rule, test(row))].
ROW_RULES: dict[str, list[tuple[str, str, Callable]]] = {
    "initiatives": [
        (
            "start",
            "an undated initiative (date_basis 'undated') has no start, and every other one has",
            lambda r: (r["start"] is None) == (r["date_basis"] == "undated"),
        ),
        (
            "end",
            "end must not be earlier than start, and needs a start",
            lambda r: r["end"] is None or (r["start"] is not None and r["end"] >= r["start"]),
        ),
        ("start", REAL_DATE, lambda r: _real_date(r["start"])),
        ("end", REAL_DATE, lambda r: _real_date(r["end"])),
        ("flag_note", FLAG_RULE, _flag_pair),
        (
            # the host is where it took place "when the paper says so unambiguously"
            "host_country",
            "a row flagged place_mismatch or country_mismatch has no host: its sources disagree",
            lambda r: (
                r["host_country"] is None or r["flag"] not in ("place_mismatch", "country_mismatch")
            ),
        ),
    ],
    "incidents": [
        (
            "end",
            "end must not be earlier than start",
            lambda r: r["end"] is None or r["end"] >= r["start"],
        ),
        ("start", REAL_DATE, lambda r: _real_date(r["start"])),
        ("end", REAL_DATE, lambda r: _real_date(r["end"])),
    ],
    "astana_activities": [
        (
            "status",
            "years up to 2024 are current and 2025-2026 planned, as in Table 3",
            lambda r: (r["status"] == "planned") == (r["year"] >= 2025),
        ),
    ],
    "approaches": [
        (
            "table4_phrase",
            "a table4 row needs a phrase and a text row must not have one",
            lambda r: (r["table4_phrase"] is not None) == (r["evidence"] == "table4"),
        ),
        (
            "extra_initiatives",
            "a text-only claim needs at least one supporting initiative",
            lambda r: r["evidence"] != "text" or r["extra_initiatives"] is not None,
        ),
        ("flag_note", FLAG_RULE, _flag_pair),
    ],
    "border_notes": [("flag_note", FLAG_RULE, _flag_pair)],
    "countries": [("flag_note", FLAG_RULE, _flag_pair)],
    "key_figures": [("flag_note", FLAG_RULE, _flag_pair)],
    "armed_groups": [("flag_note", FLAG_RULE, _flag_pair)],
    "organisations": [
        (
            "note",
            "an uncited organisation needs a note naming where the paper mentions it",
            lambda r: r["basis"] != "uncited" or r["note"] is not None,
        ),
        (
            "parent_id",
            "an organisation cannot be its own parent",
            lambda r: r["parent_id"] is None or r["parent_id"] != r["id"],
        ),
        ("footnotes", BASIS_RULE, _basis),
    ],
    "human_rights": [
        ("footnotes", BASIS_RULE, _basis),
        (
            "note",
            "an uncited row needs a note naming the paper's section",
            lambda r: r["basis"] != "uncited" or r["note"] is not None,
        ),
    ],
}


def _own_checks(meta: dict, r: dict) -> list[Check]:
    """Checks of one file on its own: its size, its cells' text and its row rules."""
    size = r.get("rowCount")
    dims = fchecks.table_dimensions(num_rows=size) if size else fchecks.table_dimensions(min_rows=1)
    fields = r["schema"]["fields"]
    numbers = frozenset(f["name"] for f in fields if f.get("type") == "number")
    lists = frozenset(f["name"] for f in fields if f.get("type") == "list")
    integers = frozenset(
        f["name"]
        for f in fields
        if f.get("type") in ("integer", "year")
        or (f["name"] in lists and f.get("itemType") == "integer")
    )
    limit = int(meta.get("maxCellLength", MAX_CELL_LENGTH))
    missing = frozenset(r.get("missingValues", meta.get("missingValues", [""])))
    cells = cell_text(
        limit=limit, numbers=numbers, integers=integers, lists=lists, missing=missing | {""}
    )
    rules = [
        row_rule(field_name=f, rule=text, test=t) for f, text, t in ROW_RULES.get(r["name"], [])
    ]
    return [dims, cells, *rules]


def _failure(path: str, schema: dict, e) -> Failure:
    """A frictionless error as a Failure, naming the data row (frictionless counts the
    header as row 1) and the column, with the rule in a curator's words."""
    row = getattr(e, "row_number", None)
    column = getattr(e, "field_name", None) or getattr(e, "label", None) or None
    value = getattr(e, "cell", None)
    if isinstance(e, ferrors.ForeignKeyError):
        column = ", ".join(e.field_names)
        value = ", ".join(e.field_cells)
    elif isinstance(e, ferrors.PrimaryKeyError):
        names = [f["name"] for f in schema["fields"]]
        key = schema.get("primaryKey", [])
        key = [key] if isinstance(key, str) else key
        column = ", ".join(key)
        value = ", ".join(e.cells[names.index(k)] for k in key if names.index(k) < len(e.cells))
    elif isinstance(e, ferrors.LabelError):
        value = e.label or None
    # frictionless says "row at position N" for the file's line N.
    note = re.sub(r"(in )?the row at position (\d+)", r"line \2", " ".join(str(e.note).split()))
    if isinstance(e, ferrors.ConstraintError) and (m := CONSTRAINT_NOTE.fullmatch(note)):
        name, limit = m.groups()
        rule = CONSTRAINT_TEXT.get(name, "{name}: must satisfy {limit}").format(
            name=name, limit=limit
        )
        if name == "required":
            value = None  # a missing cell reads as 'None'
    elif isinstance(e, ferrors.TypeError) and (m := TYPE_NOTE.fullmatch(note)):
        rule = f"type: must be a valid {m.group(1)}"
    elif isinstance(e, ferrors.TableDimensionsError):
        fixed = "required" in note
        rule = f"table size: {note}" + (
            " (rowCount in datapackage.yaml)" if fixed else ": a table must not be empty"
        )
    elif e.type == "source-error" and "empty" in note:
        rule = "file is empty: it needs a header row and data"
    elif isinstance(e, ferrors.UniqueError):
        rule = f"unique: duplicate value, {note}"
    elif isinstance(e, ferrors.PrimaryKeyError):
        rule = f"primary key: duplicate or empty key, {note}"
    elif isinstance(e, ferrors.ForeignKeyError):
        rule = f"foreign key: must exist in {e.reference_name}.{', '.join(e.reference_field_names)}"
    elif isinstance(e, RowRuleError):
        rule = f"rule: {note}"
    elif isinstance(e, (ListForeignKeyError, CellTextError)):
        rule = note
    else:
        rule = PLAIN.get(e.type) or f"{e.title}: {note or e.description}"
    return Failure(path, row - 1 if row else None, column, value or None, rule)


CONSTRAINT_NOTE = re.compile(r'constraint "(\w+)" is "(.*)"')
TYPE_NOTE = re.compile(r'type is "(\w+)/\w+"')
CONSTRAINT_TEXT = {
    "required": "required: must not be empty",
    "minimum": "minimum: must be at least {limit}",
    "maximum": "maximum: must be at most {limit}",
    "enum": "enum: must be one of {limit}",
    "pattern": "pattern: must match {limit}",
}
# Errors frictionless gives no note for, in a curator's words.
PLAIN = {
    "extra-cell": "extra cell: the row has more cells than the header (an unquoted comma?)",
    "missing-cell": "missing cell: the row has fewer cells than the header",
    "blank-row": "blank row: delete it",
    "missing-label": "missing column: the schema requires it",
    "extra-label": "unexpected column: not described in datapackage.yaml",
    "incorrect-label": "header name is not the schema's field name at this position "
    "(a renamed or swapped column?)",
    "blank-label": "blank header name",
    "duplicate-label": "duplicate header name",
}


def _header_failures(path: str, schema: dict, header: list[str]) -> list[Failure]:
    """What is wrong with a file's header, by column name (row None: the header line)."""
    names = [f["name"] for f in schema["fields"]]
    out = [Failure(path, None, n, None, PLAIN["missing-label"]) for n in names if n not in header]
    for h in header:
        if not h:
            out.append(Failure(path, None, None, None, PLAIN["blank-label"]))
        elif h not in names:
            out.append(Failure(path, None, h, None, PLAIN["extra-label"]))
    dups = sorted({h for h in header if h and header.count(h) > 1})
    out += [Failure(path, None, h, None, PLAIN["duplicate-label"]) for h in dups]
    if not out:  # the same names in another order
        out.append(
            Failure(
                path,
                None,
                ", ".join(header),
                None,
                "columns out of order: datapackage.yaml lists them as " + ", ".join(names),
            )
        )
    return out


def _not_utf8(path: str, raw: bytes) -> Failure:
    """Where the first byte that is not UTF-8 sits (frictionless gives only its offset): the
    file is read as CSV with the bad bytes kept aside, so quoted commas count right."""
    rule = "file is not UTF-8 text: re-save it as UTF-8"
    text = raw.decode("utf-8", "surrogateescape")  # a bad byte becomes one lone surrogate
    rows = csv.reader(StringIO(text, newline=""))
    header = next(rows, [])
    bad_bytes = re.compile(r"[\udc80-\udcff]+")

    def shown(found: re.Match) -> str:
        return repr(found.group().encode("utf-8", "surrogateescape")[:4])

    for number, row in enumerate(rows, 1):
        for i, cell in enumerate(row):
            if bad := bad_bytes.search(cell):
                column = header[i].strip() if i < len(header) else None
                return Failure(path, number, column, shown(bad), rule)
    if bad := bad_bytes.search(",".join(header)):  # in the header itself
        return Failure(path, None, None, shown(bad), rule)
    return Failure(path, None, None, None, rule)


# Content key -> result: a file's failures, a column's key set, or a loaded table. Results
# are never mutated (Package serves copies), so a cached table is safe to share.
_CACHE: dict[str, Any] = {}


def _cached(key: str, compute: Callable[[], Any]) -> Any:
    if key not in _CACHE:
        if len(_CACHE) > 1024:  # bounded: the test matrix creates hundreds of variants
            _CACHE.clear()
        _CACHE[key] = compute()
    return _CACHE[key]


def _key_of(*parts: object) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(p if isinstance(p, bytes) else json.dumps(p, sort_keys=True, default=str).encode())
        h.update(b"\0")
    return h.hexdigest()


def _run(
    resource: frictionless.Resource,
    checks: list[Check],
    path: str,
    schema: dict,
    pick: list[str] | None = None,
) -> list[Failure]:
    try:
        checklist = Checklist(checks=checks, pick_errors=pick or [])
        errors = [e for task in resource.validate(checklist).tasks for e in task.errors]
        labels = [e for e in errors if isinstance(e, ferrors.LabelError)]
        if labels:
            # Cells are matched to fields by position: after a header fault every later
            # column is misread, so its row errors would accuse good cells.
            return _header_failures(path, schema, list(labels[0].labels))
        # A blank row, or a key cell that failed its type, also reads as an all-empty
        # primary key; saying so twice is noise.
        faulty = {
            e.row_number
            for e in errors
            if isinstance(e, (ferrors.BlankRowError, ferrors.CellError))
        }
        return [
            _failure(path, schema, e)
            for e in errors
            if not (
                isinstance(e, ferrors.PrimaryKeyError)
                and e.row_number in faulty
                and '"None"' in str(e.note)
            )
        ]
    except Exception as exc:  # noqa: BLE001 - any input must end in a report, not a traceback
        return [
            Failure(path, None, None, None, f"cannot be validated: {type(exc).__name__}: {exc}")
        ]


def _validate_tables(
    base: Path, meta: dict, contents: dict[str, bytes | None]
) -> tuple[list[Failure], set[str]]:
    """Failures of every table, and the names of the tables that passed on their own."""
    tabular = _tabular(meta)
    failures: list[Failure] = []
    passed: set[str] = set()
    # Pass 1: each file alone. Cached by the file's bytes and its resource description.
    for r in tabular:
        raw = contents[r["path"]]
        if raw is None:
            failures.append(
                Failure(
                    r["path"],
                    None,
                    None,
                    None,
                    f"file not found: {DESCRIPTOR} lists it as resource '{r['name']}'",
                )
            )
            continue
        desc = _frictionless_resource(meta, r)
        mine = _cached(
            _key_of("own", desc, r.get("rowCount"), meta.get("maxCellLength"), raw),
            lambda desc=desc, r=r: _run(
                frictionless.Resource(desc, basepath=str(base)),
                _own_checks(meta, r),
                r["path"],
                desc["schema"],
            ),
        )
        # frictionless names an encoding error by byte offset; a curator needs the line.
        failures += [
            _not_utf8(r["path"], raw) if f.rule.startswith("Encoding") else f for f in mine
        ]
        if not mine:
            passed.add(r["name"])
    # Pass 2: foreign keys between files that passed pass 1. Cached by the file's bytes
    # and the bytes of every file it points into, so a changed target is always seen.
    by_name = {t["name"]: t for t in tabular}
    package: list[frictionless.Package] = []  # built on the first cache miss only

    def check(r: dict, fks: list[dict]) -> list[Failure]:
        try:
            if not package:
                resources = [by_name[n] for n in sorted(passed)]
                package.append(
                    frictionless.Package(
                        {
                            "resources": [
                                _frictionless_resource(meta, t, foreign_keys=passed)
                                for t in resources
                            ]
                        },
                        basepath=str(base),
                    )
                )
            return _foreign_key_failures(package[0], r, fks, contents)
        except Exception as exc:  # noqa: BLE001 - any input ends in a report
            rule = f"cannot check foreign keys: {type(exc).__name__}: {exc}"
            return [Failure(r["path"], None, None, None, rule)]

    for r in tabular:
        fks = [
            fk
            for fk in r["schema"].get("foreignKeys", [])
            if fk.get("reference", {}).get("resource") in passed
        ]
        if r["name"] not in passed or not fks:
            continue
        targets = [by_name[n] for n in sorted({fk["reference"]["resource"] for fk in fks})]
        key = _key_of("fk", r, [(t, contents[t["path"]]) for t in targets], contents[r["path"]])
        failures += _cached(key, lambda r=r, fks=fks: check(r, fks))
    return failures, passed


def _foreign_key_failures(
    package: frictionless.Package, r: dict, fks: list[dict], contents: dict
) -> list[Failure]:
    """Scalar keys by frictionless itself; keys in list fields by the custom check."""
    resource = package.get_resource(r["name"])
    lists = _list_fields(r)
    checks = [
        list_foreign_key(
            field_name=_fk_field(fk),
            reference=f"{fk['reference']['resource']}.{_fk_field(fk['reference'])}",
            keys=_keys(package, fk["reference"], contents),
        )
        for fk in fks
        if _fk_field(fk) in lists
    ]
    schema = resource.schema.to_descriptor()
    return _run(resource, checks, r["path"], schema, pick=["foreign-key", "list-foreign-key"])


def _keys(package: frictionless.Package, reference: dict, contents: dict) -> frozenset:
    """The typed values of a referenced column (so 36 and '036' match as integers), read
    once per content of the referenced file: a dozen list fields point into sources.csv."""
    resource = package.get_resource(reference["resource"])
    field = _fk_field(reference)
    return _cached(
        _key_of("keys", resource.to_descriptor(), field, contents[resource.path]),
        lambda: frozenset(
            row[field] for row in resource.to_copy().read_rows() if row[field] is not None
        ),
    )


# ---------------------------------------------------------- after validation: loading


def _items(value: str) -> list[str]:
    return [item.strip() for item in str(value).split(";")]


def _isna(value) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _read_csv(raw: bytes, missing: list[str]) -> pd.DataFrame:
    """A validated CSV as strings (utf-8-sig: a spreadsheet's BOM is harmless).

    Python's csv module with the dialect frictionless was given, so the rows loaded are
    the rows validated: pandas' own parser disagrees on some broken quoting.
    """
    header, *rows = csv.reader(StringIO(raw.decode("utf-8-sig"), newline=""), CSV_DIALECT)
    # frictionless matches header names to fields with the spaces around them trimmed
    df = pd.DataFrame(rows, columns=[h.strip() for h in header], dtype=str)
    df = df.apply(lambda s: s.str.strip())
    return df.mask(df.isin(missing))


def _load_table(raw: bytes, r: dict, missing: list[str]) -> pd.DataFrame:
    """A table that passed validation: typed, list cells as tuples, rows 1-based as reported."""
    df = _read_csv(raw, missing)
    df.index = pd.RangeIndex(1, len(df) + 1)
    fields = r["schema"]["fields"]
    return _with_lists(_typed(df, fields), fields)


def _typed(df: pd.DataFrame, fields: list[dict]) -> pd.DataFrame:
    out = df.copy()
    for spec in fields:
        name, ftype = spec["name"], spec.get("type", "string")
        if ftype in ("integer", "year"):
            out[name] = pd.to_numeric(out[name], errors="coerce").astype("Int64")
        elif ftype == "number":
            out[name] = pd.to_numeric(out[name], errors="coerce").astype("float64")
        elif ftype == "boolean":
            out[name] = out[name].map({"true": True, "false": False}).astype("boolean")
    return out


def _with_lists(df: pd.DataFrame, fields: list[dict]) -> pd.DataFrame:
    """List fields become tuples: immutable, so callers cannot corrupt the cached package."""
    out = df.copy()
    for spec in fields:
        if spec.get("type") == "list":
            conv = int if spec.get("itemType") == "integer" else str
            out[spec["name"]] = [
                () if _isna(v) else tuple(conv(i) for i in _items(v)) for v in out[spec["name"]]
            ]
    return out


# ------------------------------------------------------------------- step 3: geo + cross

GEO_TYPES = {
    "geo_countries": ("Polygon", "MultiPolygon"),
    "geo_provinces": ("Polygon", "MultiPolygon"),
    "geo_borders": ("LineString", "MultiLineString"),
}


def _rings_closed(geometry: dict) -> bool:
    gtype, coords = geometry.get("type"), geometry.get("coordinates")
    polys = [coords] if gtype == "Polygon" else coords if gtype == "MultiPolygon" else []
    try:
        return all(len(r) >= 4 and r[0] == r[-1] for p in polys for r in p)
    except TypeError:
        return False


def _check_geo(path: str, name: str, raw: bytes | None) -> tuple[dict | None, list[Failure]]:
    """A GeoJSON FeatureCollection with one keyed, named, well-formed feature per area."""
    if raw is None:
        return None, [
            Failure(
                path,
                None,
                None,
                None,
                f"file not found: {DESCRIPTOR} lists it as resource '{name}'",
            )
        ]
    try:
        doc = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return None, [
            Failure(path, None, None, None, "file is not UTF-8 text: re-save it as UTF-8")
        ]
    except json.JSONDecodeError as exc:
        return None, [
            Failure(
                path,
                None,
                None,
                None,
                f"broken GeoJSON at line {exc.lineno}, character {exc.colno}: {exc.msg}",
            )
        ]
    if (
        not isinstance(doc, dict)
        or doc.get("type") != "FeatureCollection"
        or not isinstance(doc.get("features"), list)
    ):
        found = doc.get("type") if isinstance(doc, dict) else type(doc).__name__
        return None, [
            Failure(
                path,
                None,
                "type",
                str(found),
                "broken GeoJSON: expected a FeatureCollection with a features list",
            )
        ]
    if not doc["features"]:
        return None, [
            Failure(path, None, "features", None, "GeoJSON has no features: at least one needed")
        ]
    key, label = GEO_PROPS[name]
    out, seen = [], set()
    for i, f in enumerate(doc["features"], 1):
        f = f if isinstance(f, dict) else {}
        props = f.get("properties") if isinstance(f.get("properties"), dict) else {}
        for prop in (key, label):
            if not isinstance(props.get(prop), str) or not props[prop].strip():
                out.append(
                    Failure(path, i, prop, None, "feature property required: must not be empty")
                )
        if props.get(key) in seen:
            out.append(Failure(path, i, key, str(props[key]), "feature key: duplicate value"))
        seen.add(props.get(key) if isinstance(props.get(key), str) else None)
        g = f.get("geometry") if isinstance(f.get("geometry"), dict) else {}
        if g.get("type") not in GEO_TYPES[name]:
            out.append(
                Failure(
                    path,
                    i,
                    "geometry_type",
                    str(g.get("type")),
                    f"feature geometry type: must be one of {list(GEO_TYPES[name])}",
                )
            )
            continue
        if not _rings_closed(g):
            out.append(
                Failure(
                    path,
                    i,
                    "coordinates",
                    None,
                    "feature polygon rings closed, with at least 4 positions",
                )
            )
            continue
        try:
            geom = shape(g)
            lon0, lat0, lon1, lat1 = geom.bounds
        except Exception as exc:  # noqa: BLE001 - shapely raises many kinds on bad coordinates
            out.append(
                Failure(path, i, "coordinates", None, f"feature geometry is malformed: {exc}")
            )
            continue
        if geom.is_empty or not (-180 <= lon0 <= lon1 <= 180 and -90 <= lat0 <= lat1 <= 90):
            out.append(
                Failure(
                    path,
                    i,
                    "coordinates",
                    None,
                    "feature coordinates: longitude within -180..180, latitude within -90..90",
                )
            )
    if out:
        return None, out
    for f in doc["features"]:
        f["geometry"]["coordinates"] = _lon_lat(f["geometry"]["coordinates"])
    return doc, out


def _lon_lat(coordinates: list) -> list:
    """Every position as [lon, lat]: RFC 7946 lets one carry an altitude, which no map here
    draws and the geometry helpers do not expect."""
    if coordinates and isinstance(coordinates[0], (int, float)):
        return list(coordinates[:2])
    return [_lon_lat(c) for c in coordinates]


def _cross_checks(
    t: dict[str, pd.DataFrame], geo: dict[str, dict], meta: dict, contents: dict
) -> list[Failure]:
    """Rules that span resources and so cannot live in one file's schema. Rows are 1-based.

    Each rule runs when the files it reads passed on their own, so a broken file elsewhere
    does not hide these failures from the one report."""
    out: list[Failure] = []
    if {"table4", "approaches"} <= set(t):
        out += _phrases_verbatim(t["table4"], t["approaches"])
    if "organisations" in t:
        out += _parent_loops(t["organisations"])
    if {"approaches", "approach_categories"} <= set(t):
        cats = t["approach_categories"]
        rows = set(cats.loc[cats["in_matrix"].fillna(False).astype(bool), "id"])
        rule = "a matrix cell needs a matrix row: the category's in_matrix is not true"
        known = set(cats["id"])  # an unknown category is the foreign key's failure
        for i, cat in zip(t["approaches"].index, t["approaches"]["category"], strict=True):
            if cat in known and cat not in rows:  # no matrix row to draw it in
                out.append(Failure("approaches.csv", i, "category", cat, rule))
    if "border_notes" in t and {"geo_provinces", "geo_borders"} <= set(geo):
        ids = {
            f["properties"]["id"]
            for k in ("geo_provinces", "geo_borders")
            for f in geo[k]["features"]
        }
        for i, gid in zip(t["border_notes"].index, t["border_notes"]["geo_id"], strict=True):
            if gid not in ids:
                rule = "foreign key: no such feature in geo/afghan_provinces.geojson or "
                out.append(
                    Failure("border_notes.csv", i, "geo_id", gid, rule + "geo/borders.geojson")
                )
    if "countries" in t and "geo_countries" in geo:
        drawn = {f["properties"]["iso3"] for f in geo["geo_countries"]["features"]}
        for _, r in t["countries"].iterrows():
            if r["role"] in ("focus", "neighbour") and r["iso3"] not in drawn:
                rule = "every Central Asian state and Afghanistan needs a polygon"
                out.append(Failure("geo/countries.geojson", None, "iso3", r["iso3"], rule))
    if "incidents" in t and "geo_countries" in geo:
        outlines = next(r["path"] for r in meta["resources"] if r["name"] == "geo_countries")
        shapes = _cached(
            _key_of("shapes", contents[outlines]),
            lambda: _country_shapes(geo["geo_countries"]),
        )
        out += _markers_in_country(t["incidents"], shapes, meta)
    if "translations" in t and set(translations.PRIMARY_KEYS) <= set(t):
        out += _translation_failures(t)
    return out


def _translation_failures(t: dict[str, pd.DataFrame]) -> list[Failure]:
    """A curated cell with words and no (or an empty) Russian version: the Russian
    interface would otherwise fall back to English silently."""
    english = translations.expected(t)
    return [
        Failure(
            "translations.csv",
            None,
            "ru",
            f"{resource}|{rid}|{field}: {english[(resource, rid, field)][:60]}",
            "every curated text needs a Russian version (missing or empty)",
        )
        for resource, rid, field in translations.missing(t, t["translations"])
    ]


def _phrases_verbatim(table4: pd.DataFrame, approaches: pd.DataFrame) -> list[Failure]:
    out = []
    cells = dict(zip(table4["iso3"], table4["approaches_as_printed"], strict=True))
    for i, r in approaches.iterrows():
        phrase = r["table4_phrase"]
        if isinstance(phrase, str) and phrase not in cells.get(r["country"], ""):
            out.append(
                Failure(
                    "approaches.csv",
                    i,
                    "table4_phrase",
                    phrase,
                    "phrase must appear verbatim in the country's Table 4 cell",
                )
            )
    return out


def _parent_loops(orgs_df: pd.DataFrame) -> list[Failure]:
    out = []
    parents = dict(zip(orgs_df["id"], orgs_df["parent_id"], strict=True))
    for i, oid in zip(orgs_df.index, orgs_df["id"], strict=True):
        seen, cur = set(), oid
        while isinstance(cur, str) and cur in parents and cur not in seen:
            seen.add(cur)
            cur = parents[cur]
        if isinstance(cur, str) and cur in seen:
            rule = "parent chain loops back on itself"
            out.append(Failure("organisations.csv", i, "parent_id", parents[oid], rule))
    return out


def _country_shapes(countries: dict) -> dict:
    # make_valid: three of the simplified outlines (RUS, IRN, IND) self-intersect, and a
    # point-in-polygon test on an invalid shape may raise instead of answering.
    return {
        f["properties"]["iso3"]: make_valid(shape(f["geometry"])) for f in countries["features"]
    }


def _markers_in_country(incidents: pd.DataFrame, shapes: dict, meta: dict) -> list[Failure]:
    """Every incident marker lies inside its country as the package draws it, unless the
    incidents resource's `markersOutsideCountry` says why it does not. The list is strict:
    an entry whose marker is inside (or whose id is unknown) is itself an error, so a fixed
    row cannot keep a stale excuse."""
    res = next(r for r in meta["resources"] if r["name"] == "incidents")
    excused = res.get("markersOutsideCountry") or {}
    out = []
    for i, r in incidents.iterrows():
        point = Point(r["lon"], r["lat"])
        area = shapes.get(r["country"])
        inside = area is not None and area.covers(point)
        where = f"{r['lat']:g}, {r['lon']:g}"
        if not inside and r["id"] not in excused:
            found = [iso for iso, s in shapes.items() if s.covers(point)]
            falls = f"; it falls in {', '.join(found)}" if found else ""
            out.append(
                Failure(
                    "incidents.csv",
                    i,
                    "lat, lon",
                    where,
                    f"marker outside {r['country']} as drawn in geo/countries.geojson{falls}: "
                    f"correct it, or give the reason in {DESCRIPTOR} markersOutsideCountry",
                )
            )
        elif inside and r["id"] in excused:
            out.append(
                Failure(
                    DESCRIPTOR,
                    None,
                    "markersOutsideCountry",
                    r["id"],
                    f"marker {where} now lies inside {r['country']}: remove its entry",
                )
            )
    for rid in set(excused) - set(incidents["id"]):
        out.append(
            Failure(DESCRIPTOR, None, "markersOutsideCountry", str(rid), "no such incident id")
        )
    return out


# ------------------------------------------------------------------------- package


@dataclass(frozen=True)
class Package:
    tables: dict[str, pd.DataFrame]
    geo: dict[str, dict]
    meta: dict
    version: str


def _fingerprint(base: Path) -> str:
    """Cheap change detector: a corrupted or restored file gives a new cache key.

    Runs on every accessor call, so it uses os.walk and os.stat (about 0.15 ms for data/),
    not pathlib's rglob (about twice as slow).
    """
    h = hashlib.sha1(str(base).encode())
    for root, dirs, files in os.walk(base):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(root, name)
            try:
                st = os.stat(path)
            except OSError:  # a broken link: _read_all reports the file as not found
                h.update(f"{path}:unreadable".encode())
                continue
            h.update(f"{path}:{st.st_mtime_ns}:{st.st_size}".encode())
    return h.hexdigest()


def _read_all(base: Path, meta: dict) -> dict[str, bytes | None]:
    """Every resource file's bytes, read once (None: missing or unreadable)."""
    out: dict[str, bytes | None] = {}
    for r in meta["resources"]:
        try:
            out[r["path"]] = (base / r["path"]).read_bytes()
        except OSError:
            out[r["path"]] = None
    return out


def _validate(base: Path) -> Package:
    meta = _descriptor(base)
    contents = _read_all(base, meta)
    failures, passed = _validate_tables(base, meta, contents)
    geo: dict[str, dict] = {}
    for r in meta["resources"]:
        if r.get("format") == "geojson":
            raw = contents[r["path"]]
            doc, problems = _cached(
                _key_of("geo", r, raw), lambda r=r, raw=raw: _check_geo(r["path"], r["name"], raw)
            )
            failures += problems
            if doc is not None:
                geo[r["name"]] = doc
    # A table that passed on its own is safe to load, for the rules that span files.
    missing = meta.get("missingValues", [""])
    tables: dict[str, pd.DataFrame] = {
        r["name"]: _cached(
            _key_of("table", r, missing, contents[r["path"]]),
            lambda r=r: _load_table(contents[r["path"]], r, r.get("missingValues", missing)),
        )
        for r in _tabular(meta)
        if r["name"] in passed
    }
    failures += _cross_checks(tables, geo, meta, contents)
    if failures:  # nothing downstream runs on a package that failed
        raise DataValidationError(failures)
    tables = {k: v.reset_index(drop=True) for k, v in tables.items()}
    digest = hashlib.sha256((base / DESCRIPTOR).read_bytes())
    for r in meta["resources"]:
        digest.update(contents[r["path"]] or b"")
    return Package(tables, geo, meta, f"{meta.get('version', '0')}+{digest.hexdigest()[:8]}")


@functools.lru_cache(maxsize=4)
def _load(base: str, fingerprint: str) -> Package:
    return _validate(Path(base))


def package() -> Package:
    """The validated package (cached until a file in data/ changes). Raises DataValidationError."""
    base = data_dir()
    return _load(str(base), _fingerprint(base))


def _table(name: str, lang: str = "en") -> pd.DataFrame:
    """A copy of one table, its curated text in `lang` (see translations.localise)."""
    tables = package().tables
    frame = tables[name].copy()
    if lang == "en":
        return frame
    russian = _cached(
        _key_of("ru", package().version), lambda: translations.lookup(tables["translations"])
    )
    return translations.localise(frame, name, russian, lang)


# ------------------------------------------------------------------- derived columns

PRECISION = {4: "year", 7: "month", 10: "day"}


def precision(partial: object) -> str | None:
    return PRECISION.get(len(partial)) if isinstance(partial, str) else None


def period_bounds(
    start: object, end: object = None
) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    """[first day, day after last day) covered by a partial date or span, at its precision.

    '2023' covers all of 2023; '2023-07' covers July; a span '2023'..'2027' covers 2023-2027.
    """
    if not isinstance(start, str):
        return None, None
    last = end if isinstance(end, str) else start
    lo = pd.Period(start, freq={"year": "Y", "month": "M", "day": "D"}[precision(start)])
    hi = pd.Period(last, freq={"year": "Y", "month": "M", "day": "D"}[precision(last)])
    return lo.start_time, (hi + 1).start_time


def _with_dates(df: pd.DataFrame) -> pd.DataFrame:
    df["start_precision"] = df["start"].map(precision)
    df["end_precision"] = df["end"].map(precision)
    bounds = [period_bounds(s, e) for s, e in zip(df["start"], df["end"], strict=True)]
    df["period_start"] = pd.to_datetime([b[0] for b in bounds])
    df["period_end"] = pd.to_datetime([b[1] for b in bounds])
    df["start_year"] = pd.array(
        [int(s[:4]) if isinstance(s, str) else None for s in df["start"]], dtype="Int64"
    )
    df["end_year"] = pd.array(
        [
            int((e if isinstance(e, str) else s)[:4]) if isinstance(s, str) else None
            for s, e in zip(df["start"], df["end"], strict=True)
        ],
        dtype="Int64",
    )
    df["is_span"] = df["end"].notna()
    return df


def _plausibility(df: pd.DataFrame, score: str) -> pd.DataFrame:
    """Implied earlier scores must stay on the GTI's 0-10 scale; failures are flagged, not fixed."""
    df["implied_2013"] = (df[score] - df["change_2013_2023"]).round(3)
    df["implied_2022"] = (df[score] - df["change_2022_2023"]).round(3)
    flags, notes = [], []
    for _, r in df.iterrows():
        f, n = [], []
        for year in ("2013", "2022"):
            implied = r[f"implied_{year}"]
            if not GTI_RANGE[0] <= implied <= GTI_RANGE[1]:
                f.append(f"implied_{year}_out_of_range")
                n.append(
                    f"Printed score {r[score]:.3f} minus printed change {r[f'change_{year}_2023']:.3f} "
                    f"implies a {year} score of {implied:.3f}, outside the GTI's 0-10 scale. "
                    f"Kept as printed."
                )
        flags.append(tuple(f))
        notes.append(" ".join(n) or None)
    df["flags"] = flags
    df["flag_note"] = notes
    return df


# ------------------------------------------------------------------------ accessors


def _per_package(fn: Callable[..., pd.DataFrame]) -> Callable[..., pd.DataFrame]:
    """Compute a derived frame once per loaded package and language (a changed file gives
    a new package).

    Callers get a copy; list cells are tuples, so nothing they do reaches the cache.
    """
    memo: dict[tuple, tuple[Package, pd.DataFrame]] = {}

    @functools.wraps(fn)
    def wrapper(*args, **kwargs) -> pd.DataFrame:
        pkg = package()
        key = (*args, *sorted(kwargs.items()))
        hit = memo.get(key)
        if hit is None or hit[0] is not pkg:
            hit = memo[key] = (pkg, fn(*args, **kwargs))
        return hit[1].copy()

    return wrapper


def sources(lang: str = "en") -> pd.DataFrame:
    return _table("sources", lang)


def countries(lang: str = "en") -> pd.DataFrame:
    return _table("countries", lang)


def central_asia(lang: str = "en") -> pd.DataFrame:
    """The five states, in the paper's Table 4 order."""
    c = countries(lang).set_index("iso3").loc[list(CENTRAL_ASIA)].reset_index()
    return c


@_per_package
def gti_countries(lang: str = "en") -> pd.DataFrame:
    df = _plausibility(_table("gti_countries", lang), "score_2023")
    ca = set(CENTRAL_ASIA)
    df["central_asia"] = df["iso3"].isin(ca)
    return df


@_per_package
def gti_regions(lang: str = "en") -> pd.DataFrame:
    return _plausibility(_table("gti_regions", lang), "avg_score_2023")


def astana_activities(lang: str = "en") -> pd.DataFrame:
    return _table("astana_activities", lang)


def table4(lang: str = "en") -> pd.DataFrame:
    return _table("table4", lang)


def approach_categories(matrix_only: bool = False, lang: str = "en") -> pd.DataFrame:
    df = _table("approach_categories", lang).sort_values("display_order")
    return df[df["in_matrix"]].reset_index(drop=True) if matrix_only else df.reset_index(drop=True)


def approaches(lang: str = "en") -> pd.DataFrame:
    return _table("approaches", lang)


def organisations(lang: str = "en") -> pd.DataFrame:
    return _table("organisations", lang)


@_per_package
def initiatives(lang: str = "en") -> pd.DataFrame:
    df = _with_dates(_table("initiatives", lang))
    # What the search reads (casefolded): the text in every language of the interface, so
    # a shared link's ?q=workshop (or ?q=семинар) finds the same initiatives in either.
    texts = [df if other == lang else _table("initiatives", other) for other in ("en", "ru")]
    df["search_text"] = (
        pd.concat(
            [t["title"] + " " + t["summary"] + " " + t["figures"].fillna("") for t in texts], axis=1
        )
        .agg(" ".join, axis=1)
        .str.casefold()
    )
    return df


@_per_package
def incidents(lang: str = "en") -> pd.DataFrame:
    return _with_dates(_table("incidents", lang))


def border_notes(lang: str = "en") -> pd.DataFrame:
    return _table("border_notes", lang)


def armed_groups(lang: str = "en") -> pd.DataFrame:
    return _table("armed_groups", lang)


def human_rights(lang: str = "en") -> pd.DataFrame:
    return _table("human_rights", lang)


def key_figures(lang: str = "en") -> pd.DataFrame:
    return _table("key_figures", lang)


def geo(name: str) -> dict:
    """GeoJSON of 'geo_countries', 'geo_provinces' or 'geo_borders' (a deep copy)."""
    return json.loads(json.dumps(package().geo[name]))


def dataset_version() -> str:
    return package().version


LOCALE_DIR = ROOT / "locale"


def message_catalogue(lang: str) -> bytes:
    """The interface's gettext catalogue (.po) for `lang`, as bytes (components.i18n
    compiles it). It ships with the code, not with the data package."""
    return (LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po").read_bytes()


def provenance() -> dict:
    """Citation, licences and sources of the package, for page footers."""
    meta = package().meta
    return {
        "title": meta.get("title"),
        "version": package().version,
        "sources": meta.get("sources", []),
        "licenses": meta.get("licenses", []),
    }


@_per_package
def flags() -> pd.DataFrame:
    """Every flag raised in the package: plausibility rules and text/source disagreements."""
    rows = []
    for df, res, key in (
        (gti_countries(), "gti_countries", "iso3"),
        (gti_regions(), "gti_regions", "region"),
    ):
        for _, r in df.iterrows():
            for f in r["flags"]:
                rows.append((res, r[key], f, r["flag_note"]))
    for res in (
        "initiatives",
        "approaches",
        "border_notes",
        "countries",
        "key_figures",
        "armed_groups",
    ):
        df = _table(res)
        for _, r in df[df["flag"].notna()].iterrows():
            if res == "approaches":
                rid = f"{r['country']} × {r['category']}"
            else:
                rid = r["iso3"] if res == "countries" else r["id"]
            rows.append((res, rid, r["flag"], r["flag_note"]))
    kf = key_figures().set_index("id")
    if {"kaz_contracts_kzt", "kaz_contracts_usd"} <= set(kf.index):
        rate = kf.loc["kaz_contracts_kzt", "value"] / kf.loc["kaz_contracts_usd", "value"]
        if not 300 <= rate <= 600:  # tenge per US dollar, 2023-2024 range with wide margin
            rows.append(
                (
                    "key_figures",
                    "kaz_contracts_kzt",
                    "implied_exchange_rate_implausible",
                    f"The two figures imply {rate:.0f} tenge per dollar.",
                )
            )
    return pd.DataFrame(rows, columns=["resource", "row", "flag", "note"])


# ------------------------------------------------------------------- query helpers


def org_descendants(org_ids: Iterable[str]) -> set[str]:
    """The given organisations and everything under them (OSCE -> its field offices)."""
    return orgs.descendants(org_ids, orgs.children_map(_table("organisations")))


@_per_package
def approach_cells(lang: str = "en") -> pd.DataFrame:
    """The country × category matrix with its evidence, from Table 4 and the initiatives.

    evidence is 'table4' when a Table 4 phrase maps to the category, 'text' when only the
    paper's text (initiatives or a flagged claim) supports it, else 'not_found'.
    List cells are tuples, like every list column the module serves.
    """
    cats = approach_categories(matrix_only=True, lang=lang)
    ini = initiatives(lang)
    appr = approaches(lang)
    # (country, theme) -> initiative ids, in the initiatives' order.
    pairs = ini[["id", "countries", "themes"]].explode("countries").explode("themes")
    support = pairs.groupby(["countries", "themes"], sort=False)["id"].agg(list).to_dict()
    foot_of = dict(zip(ini["id"], ini["footnotes"], strict=True))
    rows = []
    for iso in CENTRAL_ASIA:
        for cat in cats.itertuples():
            mine = appr[(appr["country"] == iso) & (appr["category"] == cat.id)]
            ids = list(support.get((iso, cat.id), []))
            for extra in mine["extra_initiatives"]:
                ids += [x for x in extra if x not in ids]
            phrases = tuple(p for p in mine["table4_phrase"] if isinstance(p, str))
            notes = [f for f in mine["flag_note"] if isinstance(f, str)]
            foot = tuple(sorted({n for i in ids for n in foot_of.get(i, ())}))
            rows.append(
                {
                    "country": iso,
                    "category": cat.id,
                    "category_label": cat.label,
                    "display_order": cat.display_order,
                    "evidence": "table4" if phrases else "text" if ids else "not_found",
                    "table4_phrases": phrases,
                    "initiatives": tuple(ids),
                    "n_initiatives": len(ids),
                    "footnotes": foot,
                    "source": "Table 4" if phrases else ("paper text" if ids else ""),
                    "flag_note": " ".join(notes) or None,
                }
            )
    return pd.DataFrame(rows)


@_per_package
def footnote_urls() -> pd.DataFrame:
    """The printed URL of every footnote (index: footnote number; column: url), with an
    'Ibid.' footnote given the URL of the footnote it repeats. Missing stays missing."""
    urls = printed_urls(sources())
    return pd.DataFrame({"url": pd.Series(urls, dtype=object)}).rename_axis("footnote")


def footnote_url(number: int) -> str | None:
    """The printed URL of a footnote, following 'Ibid.' to the footnote it repeats."""
    urls = footnote_urls()["url"]
    if number not in urls.index or pd.isna(urls.loc[number]):
        return None
    return urls.loc[number]


# ------------------------------------------------------------------------- CLI


def summary() -> str:
    pkg = package()
    lines = [
        f"{pkg.meta.get('title')} — version {pkg.version}",
        f"data folder: {data_dir()}",
        "",
        "resources:",
    ]
    for name, df in pkg.tables.items():
        lines.append(f"  {name:<22} {len(df):>4} rows")
    for name, doc in pkg.geo.items():
        lines.append(f"  {name:<22} {len(doc['features']):>4} features")
    fl = flags()
    lines += ["", f"flags raised: {len(fl)}"]
    lines += [f"  [{r.resource}] {r.row}: {r.flag} — {r.note}" for r in fl.itertuples()]
    return "\n".join(lines)


def main() -> int:
    try:
        print(summary())
    except DataValidationError as exc:
        print(exc, file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - a curator gets a sentence, never a traceback
        print(
            f"The data package in {data_dir()} passed validation but could not be "
            f"summarised ({type(exc).__name__}: {exc}). Please report this.",
            file=sys.stderr,
        )
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
