"""The one data module: loads, validates and serves the curated data package in data/.

Nothing else in the project reads a data file. Pages and builders call the accessors
below, which return fresh DataFrames (copies, so callers may not corrupt the cache).

Validation is driven by data/datapackage.yaml: each Table Schema field becomes pandera
checks (type, required, unique, enum, pattern, minimum/maximum, foreign keys), plus a few
named row rules that Table Schema cannot express. Every check runs lazily, so a broken
package raises ONE DataValidationError listing every failure with file, row, column,
value and rule.

Run `python -m components.data` to validate from the command line.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
import yaml

from components import orgs
from components.text import printed_urls
from components.vocab import STATES

ROOT = Path(__file__).resolve().parent.parent
DATA_ENV = "CA_DASHBOARD_DATA_DIR"  # tests and benchmarks point this at a copy of data/
CENTRAL_ASIA = STATES  # the paper's order in Table 4 (components.vocab)
FOOTNOTE_COUNT = 86
GTI_RANGE = (0.0, 10.0)


def data_dir() -> Path:
    return Path(os.environ.get(DATA_ENV) or ROOT / "data")


# --------------------------------------------------------------------------- errors


@dataclass(frozen=True)
class Failure:
    """One validation failure. `row` is the 1-based data row (the CSV line is row + 1)."""

    file: str
    row: int | None
    column: str | None
    value: str | None
    rule: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row} (line {self.row + 1})"
        if self.column:
            where += f", column '{self.column}'"
        value = "" if self.value is None else f", value {self.value!r}"
        return f"{where}{value}: {self.rule}"


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
            [(f.file, f.row, f.column, f.value, f.rule) for f in self.failures],
            columns=["file", "row", "column", "value", "rule"],
        )


# ------------------------------------------------------------------ schema building

PARTIAL_DATE = re.compile(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?")
TYPE_PATTERNS = {
    "integer": r"[+-]?\d+",
    "year": r"\d{4}",
    "number": r"[+-]?(\d+(\.\d*)?|\.\d+)",
    "boolean": r"true|false",
    "string": None,
    "list": None,
}
TYPED_DTYPES = {"integer": "Int64", "year": "Int64", "number": "float64", "boolean": "boolean"}


def _items(value: str) -> list[str]:
    return [item.strip() for item in str(value).split(";")]


def _key(value: str, item_type: str) -> object:
    """Normalise a key so '036' and '36' match for integer keys."""
    if item_type in ("integer", "year"):
        try:
            return int(value)
        except ValueError:
            return value
    return value


@dataclass
class _Context:
    """What a schema needs to know about other resources: their key values."""

    keys: dict[tuple[str, str], set] = field(default_factory=dict)


def _fk_check(ref: str, ref_keys: set, is_list: bool, item_type: str) -> pa.Check:
    if is_list:

        def ok(value) -> bool:
            return all(i != "" and _key(i, item_type) in ref_keys for i in _items(value))

    else:

        def ok(value) -> bool:
            return _key(str(value).strip(), item_type) in ref_keys

    return pa.Check(ok, element_wise=True, ignore_na=True, name=f"foreign key: must exist in {ref}")


def _raw_column(spec: dict, ctx: _Context, fks: dict[str, tuple[str, str]]) -> pa.Column:
    c = spec.get("constraints", {})
    ftype = spec.get("type", "string")
    checks: list[pa.Check] = []
    if ftype == "list":
        item_pattern = TYPE_PATTERNS.get(spec.get("itemType", "string"))
        if item_pattern:
            checks.append(
                pa.Check(
                    lambda v, p=re.compile(item_pattern): all(p.fullmatch(i) for i in _items(v)),
                    element_wise=True,
                    ignore_na=True,
                    name=f"type: ';'-separated list of {spec.get('itemType')} values",
                )
            )
    elif TYPE_PATTERNS.get(ftype):
        checks.append(pa.Check.str_matches(rf"(?:{TYPE_PATTERNS[ftype]})\Z", error=f"type: must be a valid {ftype}"))
    if "enum" in c:
        checks.append(pa.Check.isin([str(v) for v in c["enum"]], error=f"enum: must be one of {c['enum']}"))
    if "pattern" in c:
        checks.append(pa.Check.str_matches(rf"(?:{c['pattern']})\Z", error=f"pattern: must match {c['pattern']}"))
    # A foreign key into a resource that failed to load is skipped: that file's own
    # failure is already reported, and repeating it for every referencing row is noise.
    if spec["name"] in fks and fks[spec["name"]] in ctx.keys:
        resource, ref_field = fks[spec["name"]]
        ref_keys = ctx.keys[(resource, ref_field)]
        checks.append(
            _fk_check(
                f"{resource}.{ref_field}",
                ref_keys,
                ftype == "list",
                spec.get("itemType", "string") if ftype == "list" else ftype,
            )
        )
    return pa.Column(
        dtype=None,
        checks=checks,
        nullable=not c.get("required", False),
        unique=c.get("unique", False),
        required=True,
        name=spec["name"],
    )


def _typed_column(spec: dict) -> pa.Column | None:
    c = spec.get("constraints", {})
    ftype = spec.get("type", "string")
    if ftype not in TYPED_DTYPES:
        return None
    checks = []
    if "minimum" in c:
        checks.append(pa.Check.ge(c["minimum"], error=f"minimum: must be at least {c['minimum']}"))
    if "maximum" in c:
        checks.append(pa.Check.le(c["maximum"], error=f"maximum: must be at most {c['maximum']}"))
    return pa.Column(TYPED_DTYPES[ftype], checks=checks, nullable=True, required=False)


# Named row rules: (resource, column to report, rule text, vectorised test -> bool Series).
def _start_year(s: pd.Series) -> pd.Series:
    return pd.to_numeric(s.str.slice(0, 4), errors="coerce")


def _basis_rule(df: pd.DataFrame) -> pd.Series:
    return (df["footnotes"].isna() == (df["basis"] == "uncited")) | df["basis"].isna()


RowRule = tuple[str, str, str, Callable[[pd.DataFrame], pd.Series]]
ROW_RULES: list[RowRule] = [
    ("initiatives", "start", "an undated initiative (date_basis 'undated') has no start, and every other one has",
     lambda d: d["start"].isna() == (d["date_basis"] == "undated")),
    ("initiatives", "end", "end must not be earlier than start, and needs a start",
     lambda d: d["end"].isna() | (d["start"].notna() & (d["end"].fillna("") >= d["start"].fillna("")))),
    ("initiatives", "flag_note", "a flagged row needs a flag_note stating both versions",
     lambda d: d["flag"].isna() == d["flag_note"].isna()),
    ("incidents", "end", "end must not be earlier than start",
     lambda d: d["end"].isna() | (d["end"].fillna("") >= d["start"].fillna(""))),
    ("astana_activities", "status", "years up to 2024 are actual and 2025-2026 planned, as in Table 3",
     lambda d: (d["status"] == "planned") == (d["year"] >= 2025)),
    ("approaches", "table4_phrase", "a table4 row needs a phrase and a text row must not have one",
     lambda d: d["table4_phrase"].notna() == (d["evidence"] == "table4")),
    ("approaches", "extra_initiatives", "a text-only claim needs at least one supporting initiative",
     lambda d: (d["evidence"] != "text") | d["extra_initiatives"].notna()),
    ("approaches", "flag_note", "a flagged row needs a flag_note stating both versions",
     lambda d: d["flag"].isna() == d["flag_note"].isna()),
    ("border_notes", "flag_note", "a flagged row needs a flag_note stating both versions",
     lambda d: d["flag"].isna() == d["flag_note"].isna()),
    ("organisations", "note", "an uncited organisation needs a note naming where the paper mentions it",
     lambda d: (d["basis"] != "uncited") | d["note"].notna()),
    ("organisations", "parent_id", "an organisation cannot be its own parent",
     lambda d: d["parent_id"].isna() | (d["parent_id"] != d["id"])),
    ("human_rights", "footnotes", "footnotes may be empty only when basis is 'uncited'", _basis_rule),
    ("human_rights", "note", "an uncited row needs a note naming the paper's section",
     lambda d: (d["basis"] != "uncited") | d["note"].notna()),
    ("organisations", "footnotes", "footnotes may be empty only when basis is 'uncited'", _basis_rule),
]


# ------------------------------------------------------------------------- reading


def _read_text(path: Path, name: str, failures: list[Failure]) -> str | None:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        failures.append(Failure(name, None, None, None, f"cannot read file: {exc.strerror}"))
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n")  # 0 = header line, n = data row n
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        field_no = raw[line_start : exc.start].count(b",")  # approximate: ignores quoted commas
        header = raw.split(b"\n", 1)[0].decode("utf-8", "replace").split(",")
        column = header[field_no].strip() if line and field_no < len(header) else None
        failures.append(
            Failure(name, line or None, column, repr(raw[exc.start : exc.start + 4]),
                    "file is not UTF-8 text: re-save it as UTF-8")
        )
        return None
    if not text.strip():
        failures.append(Failure(name, None, None, None, "file is empty: it needs a header row and data"))
        return None
    return text


def _read_csv(path: Path, name: str, missing: list[str], failures: list[Failure]) -> pd.DataFrame | None:
    text = _read_text(path, name, failures)
    if text is None:
        return None
    try:
        df = pd.read_csv(StringIO(text), dtype=str, keep_default_na=False, na_filter=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        failures.append(Failure(name, None, None, None, f"malformed CSV: {exc}".strip()))
        return None
    df = df.apply(lambda s: s.str.strip())
    df = df.mask(df.isin(missing))
    df.index = pd.RangeIndex(1, len(df) + 1)  # 1-based data rows, as reported
    return df


def _failures_from(exc: pa.errors.SchemaErrors, name: str, row_rule_columns: dict) -> list[Failure]:
    out = []
    for rec in exc.failure_cases.to_dict("records"):
        check = str(rec.get("check"))
        column = rec.get("column")
        value = rec.get("failure_case")
        index = rec.get("index")
        if check in row_rule_columns:
            column = row_rule_columns[check]
            value = None
        if check == "column_in_dataframe":
            check, column, value = "missing column: the schema requires it", value, None
        elif check == "column_in_schema":
            check, column, value = "unexpected column: not described in datapackage.yaml", value, None
        elif check == "field_uniqueness" or check.startswith("field_uniqueness"):
            check = "unique: duplicate value"
        elif check.startswith("not_nullable"):
            check = "required: must not be empty"
        row = None if index is None or pd.isna(index) else int(index)
        out.append(Failure(name, row, column, None if value is None or _isna(value) else str(value), check))
    return out


def _isna(value) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _typed(df: pd.DataFrame, fields: list[dict]) -> pd.DataFrame:
    out = df.copy()
    for spec in fields:
        name, ftype = spec["name"], spec.get("type", "string")
        if name not in out:
            continue
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
        if spec.get("type") == "list" and spec["name"] in out:
            conv = int if spec.get("itemType") == "integer" else str
            out[spec["name"]] = [
                () if _isna(v) else tuple(conv(i) for i in _items(v)) for v in out[spec["name"]]
            ]
    return out


# ------------------------------------------------------------------------- geo

GEO_PROPS = {
    "geo_countries": ("iso3", "name"),
    "geo_provinces": ("id", "name"),
    "geo_borders": ("id", "name"),
}
GEO_TYPES = {
    "geo_countries": ["Polygon", "MultiPolygon"],
    "geo_provinces": ["Polygon", "MultiPolygon"],
    "geo_borders": ["LineString", "MultiLineString"],
}


def _positions(coords) -> Iterable:
    if isinstance(coords, list) and coords and isinstance(coords[0], (int, float)):
        yield coords
    elif isinstance(coords, list):
        for c in coords:
            yield from _positions(c)


def _rings_closed(geometry: dict) -> bool:
    gtype, coords = geometry.get("type"), geometry.get("coordinates")
    polys = [coords] if gtype == "Polygon" else coords if gtype == "MultiPolygon" else []
    try:
        return all(len(r) >= 4 and r[0] == r[-1] for p in polys for r in p)
    except TypeError:
        return False


def _geo_frame(doc: dict, props: tuple[str, str]) -> pd.DataFrame:
    rows = []
    for f in doc.get("features", []) if isinstance(doc, dict) else []:
        f = f if isinstance(f, dict) else {}
        g = f.get("geometry") if isinstance(f.get("geometry"), dict) else {}
        p = f.get("properties") if isinstance(f.get("properties"), dict) else {}
        pos = list(_positions(g.get("coordinates")))
        ok_pos = all(len(q) >= 2 and all(isinstance(x, (int, float)) for x in q[:2]) for q in pos)
        rows.append({
            "key": p.get(props[0]),
            "name": p.get(props[1]),
            "geometry_type": g.get("type"),
            "positions": len(pos),
            "min_lon": min((q[0] for q in pos), default=None) if ok_pos else None,
            "max_lon": max((q[0] for q in pos), default=None) if ok_pos else None,
            "min_lat": min((q[1] for q in pos), default=None) if ok_pos else None,
            "max_lat": max((q[1] for q in pos), default=None) if ok_pos else None,
            "rings_closed": _rings_closed(g) if g.get("type", "").endswith("Polygon") else True,
        })
    df = pd.DataFrame(rows, columns=["key", "name", "geometry_type", "positions", "min_lon",
                                     "max_lon", "min_lat", "max_lat", "rings_closed"])
    df.index = pd.RangeIndex(1, len(df) + 1)
    return df


def _geo_schema(resource: str, key: str) -> pa.DataFrameSchema:
    lon = [pa.Check.ge(-180, error="longitude within -180..180"), pa.Check.le(180, error="longitude within -180..180")]
    lat = [pa.Check.ge(-90, error="latitude within -90..90"), pa.Check.le(90, error="latitude within -90..90")]
    return pa.DataFrameSchema(
        {
            "key": pa.Column(str, nullable=False, unique=True, name=key),
            "name": pa.Column(str, nullable=False),
            "geometry_type": pa.Column(str, pa.Check.isin(GEO_TYPES[resource], error=f"geometry type: must be one of {GEO_TYPES[resource]}"), nullable=False),
            "positions": pa.Column(int, pa.Check.gt(0, error="geometry has coordinates")),
            "min_lon": pa.Column(float, lon, nullable=False, coerce=True),
            "max_lon": pa.Column(float, lon, nullable=False, coerce=True),
            "min_lat": pa.Column(float, lat, nullable=False, coerce=True),
            "max_lat": pa.Column(float, lat, nullable=False, coerce=True),
            "rings_closed": pa.Column(bool, pa.Check.eq(True, error="polygon rings closed, with at least 4 positions")),
        },
        checks=[pa.Check(lambda d: len(d) > 0, error="at least one feature", element_wise=False)],
    )


def _load_geo(base: Path, resource: dict, failures: list[Failure]) -> dict | None:
    name = resource["path"]
    text = _read_text(base / name, name, failures)
    if text is None:
        return None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        failures.append(Failure(name, None, None, None,
                                f"broken GeoJSON at line {exc.lineno}, character {exc.colno}: {exc.msg}"))
        return None
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection" or not isinstance(doc.get("features"), list):
        failures.append(Failure(name, None, "type", str(doc.get("type") if isinstance(doc, dict) else type(doc).__name__),
                                "broken GeoJSON: expected a FeatureCollection with a features list"))
        return None
    props = GEO_PROPS[resource["name"]]
    frame = _geo_frame(doc, props)
    try:
        _geo_schema(resource["name"], props[0]).validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        fs = _failures_from(exc, name, {})
        failures.extend(Failure(f.file, f.row, {"key": props[0]}.get(f.column or "", f.column), f.value,
                                f"feature {f.rule}") for f in fs)
        return None
    return doc


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
            st = os.stat(path)
            h.update(f"{path}:{st.st_mtime_ns}:{st.st_size}".encode())
    return h.hexdigest()


def _content_hash(base: Path, paths: list[str]) -> str:
    h = hashlib.sha256()
    for rel in ["datapackage.yaml", *paths]:
        p = base / rel
        if p.is_file():
            h.update(p.read_bytes())
    return h.hexdigest()[:8]


def _validate(base: Path) -> Package:
    failures: list[Failure] = []
    try:
        meta = yaml.safe_load((base / "datapackage.yaml").read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise DataValidationError([Failure("datapackage.yaml", None, None, None, f"cannot read the descriptor: {exc}")]) from None
    resources = meta.get("resources", [])
    tabular = [r for r in resources if r.get("format") != "geojson"]
    default_missing = meta.get("missingValues", [""])

    raw: dict[str, pd.DataFrame] = {}
    for r in tabular:
        df = _read_csv(base / r["path"], r["path"], r.get("missingValues", default_missing), failures)
        if df is not None:
            raw[r["name"]] = df

    # Key sets for foreign keys, taken from the raw text of each referenced column.
    ctx = _Context()
    specs = {r["name"]: {f["name"]: f for f in r["schema"]["fields"]} for r in tabular}
    for r in tabular:
        for fk in r["schema"].get("foreignKeys", []):
            ref = fk["reference"]
            res, col = ref["resource"], ref["fields"]
            ftype = specs[res][col].get("type", "string")
            if res in raw and col in raw[res]:
                ctx.keys[(res, col)] = {_key(v, ftype) for v in raw[res][col].dropna()}

    typed: dict[str, pd.DataFrame] = {}
    for r in tabular:
        name, df = r["name"], raw.get(r["name"])
        if df is None:
            continue
        fields = r["schema"]["fields"]
        fks = {fk["fields"]: (fk["reference"]["resource"], fk["reference"]["fields"]) for fk in r["schema"].get("foreignKeys", [])}
        raw_schema = pa.DataFrameSchema(
            {f["name"]: _raw_column(f, ctx, fks) for f in fields}, strict=True, ordered=False, name=name
        )
        file_failures: list[Failure] = []
        try:
            raw_schema.validate(df, lazy=True)
        except pa.errors.SchemaErrors as exc:
            file_failures += _failures_from(exc, r["path"], {})
        missing_cols = {f.column for f in file_failures if f.rule.startswith("missing column")}
        tdf = _typed(df, fields)
        typed_cols = {f["name"]: c for f in fields if f["name"] not in missing_cols and (c := _typed_column(f))}
        rules = [rr for rr in ROW_RULES if rr[0] == name]
        rule_names = {}
        checks = []
        for _, column, text, fn in rules:
            label = f"rule: {text}"
            rule_names[label] = column
            checks.append(pa.Check(lambda d, fn=fn: fn(d).fillna(False).astype(bool), name=label))
        if not missing_cols:
            try:
                pa.DataFrameSchema(typed_cols, checks=checks, name=name).validate(tdf, lazy=True)
            except pa.errors.SchemaErrors as exc:
                file_failures += _failures_from(exc, r["path"], rule_names)
        failures += file_failures
        typed[name] = _with_lists(tdf, fields)

    geo = {}
    for r in resources:
        if r.get("format") == "geojson":
            doc = _load_geo(base, r, failures)
            if doc is not None:
                geo[r["name"]] = doc

    failures += _cross_checks(typed, geo)
    if failures:
        raise DataValidationError(failures)
    paths = [r["path"] for r in resources]
    tables = {k: v.reset_index(drop=True) for k, v in typed.items()}  # rows were 1-based for reports
    return Package(tables, geo, meta, f"{meta.get('version', '0')}+{_content_hash(base, paths)}")


def _cross_checks(t: dict[str, pd.DataFrame], geo: dict[str, dict]) -> list[Failure]:
    """Rules that span resources and so cannot live in one file's schema."""
    out: list[Failure] = []
    if "sources" in t and len(t["sources"]) != FOOTNOTE_COUNT:
        out.append(Failure("sources.csv", None, "footnote", str(len(t["sources"])),
                           f"the paper has {FOOTNOTE_COUNT} footnotes: every one needs a row"))
    if "approaches" in t and "table4" in t:
        cells = dict(zip(t["table4"]["iso3"], t["table4"]["approaches_as_printed"], strict=True))
        for i, r in t["approaches"].iterrows():
            phrase = r["table4_phrase"]
            if isinstance(phrase, str) and phrase not in cells.get(r["country"], ""):
                out.append(Failure("approaches.csv", i, "table4_phrase", phrase,
                                   "phrase must appear verbatim in the country's Table 4 cell"))
    if "organisations" in t:
        parents = dict(zip(t["organisations"]["id"], t["organisations"]["parent_id"], strict=True))
        for i, oid in zip(t["organisations"].index, t["organisations"]["id"], strict=True):
            seen, cur = set(), oid
            while isinstance(cur, str) and cur in parents and cur not in seen:
                seen.add(cur)
                cur = parents[cur]
            if isinstance(cur, str) and cur in seen:
                out.append(Failure("organisations.csv", i, "parent_id", parents[oid], "parent chain loops back on itself"))
    if "border_notes" in t and {"geo_provinces", "geo_borders"} <= set(geo):
        ids = {f["properties"].get("id") for k in ("geo_provinces", "geo_borders") for f in geo.get(k, {}).get("features", [])}
        for i, gid in zip(t["border_notes"].index, t["border_notes"]["geo_id"], strict=True):
            if gid not in ids:
                out.append(Failure("border_notes.csv", i, "geo_id", gid, "foreign key: no such feature in geo/afghan_provinces.geojson or geo/borders.geojson"))
    if "geo_countries" in geo and "countries" in t:
        drawn = {f["properties"].get("iso3") for f in geo["geo_countries"]["features"]}
        for i, r in t["countries"].iterrows():
            if r["role"] in ("focus", "neighbour") and r["iso3"] not in drawn:
                out.append(Failure("geo/countries.geojson", None, "iso3", r["iso3"], "every Central Asian state and Afghanistan needs a polygon"))
    return out


@functools.lru_cache(maxsize=4)
def _load(base: str, fingerprint: str) -> Package:
    return _validate(Path(base))


def package() -> Package:
    """The validated package (cached until a file in data/ changes). Raises DataValidationError."""
    base = data_dir()
    return _load(str(base), _fingerprint(base))


def _table(name: str) -> pd.DataFrame:
    return package().tables[name].copy()


# ------------------------------------------------------------------- derived columns

PRECISION = {4: "year", 7: "month", 10: "day"}


def precision(partial: object) -> str | None:
    return PRECISION.get(len(partial)) if isinstance(partial, str) else None


def period_bounds(start: object, end: object = None) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
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
    df["start_year"] = pd.array([int(s[:4]) if isinstance(s, str) else None for s in df["start"]], dtype="Int64")
    df["end_year"] = pd.array(
        [int((e if isinstance(e, str) else s)[:4]) if isinstance(s, str) else None for s, e in zip(df["start"], df["end"], strict=True)],
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


def _per_package(fn: Callable[[], pd.DataFrame]) -> Callable[[], pd.DataFrame]:
    """Compute a derived frame once per loaded package (a changed file gives a new package).

    Callers get a copy; list cells are tuples, so nothing they do reaches the cache.
    """
    memo: dict[str, tuple[Package, pd.DataFrame]] = {}

    @functools.wraps(fn)
    def wrapper() -> pd.DataFrame:
        pkg = package()
        hit = memo.get("last")
        if hit is None or hit[0] is not pkg:
            hit = memo["last"] = (pkg, fn())
        return hit[1].copy()

    return wrapper



def sources() -> pd.DataFrame:
    return _table("sources")


def countries() -> pd.DataFrame:
    return _table("countries")


def central_asia() -> pd.DataFrame:
    """The five states, in the paper's Table 4 order."""
    c = countries().set_index("iso3").loc[list(CENTRAL_ASIA)].reset_index()
    return c


@_per_package
def gti_countries() -> pd.DataFrame:
    df = _plausibility(_table("gti_countries"), "score_2023")
    ca = set(CENTRAL_ASIA)
    df["central_asia"] = df["iso3"].isin(ca)
    return df


@_per_package
def gti_regions() -> pd.DataFrame:
    return _plausibility(_table("gti_regions"), "avg_score_2023")


def astana_activities() -> pd.DataFrame:
    return _table("astana_activities")


def table4() -> pd.DataFrame:
    return _table("table4")


def approach_categories(matrix_only: bool = False) -> pd.DataFrame:
    df = _table("approach_categories").sort_values("display_order")
    return df[df["in_matrix"]].reset_index(drop=True) if matrix_only else df.reset_index(drop=True)


def approaches() -> pd.DataFrame:
    return _table("approaches")


def organisations() -> pd.DataFrame:
    return _table("organisations")


@_per_package
def initiatives() -> pd.DataFrame:
    return _with_dates(_table("initiatives"))


@_per_package
def incidents() -> pd.DataFrame:
    return _with_dates(_table("incidents"))


def border_notes() -> pd.DataFrame:
    return _table("border_notes")


def armed_groups() -> pd.DataFrame:
    return _table("armed_groups")


def human_rights() -> pd.DataFrame:
    return _table("human_rights")


def key_figures() -> pd.DataFrame:
    return _table("key_figures")


def geo(name: str) -> dict:
    """GeoJSON of 'geo_countries', 'geo_provinces' or 'geo_borders' (a deep copy)."""
    return json.loads(json.dumps(package().geo[name]))


def dataset_version() -> str:
    return package().version


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
    for df, res, key in ((gti_countries(), "gti_countries", "iso3"), (gti_regions(), "gti_regions", "region")):
        for _, r in df.iterrows():
            for f in r["flags"]:
                rows.append((res, r[key], f, r["flag_note"]))
    for res in ("initiatives", "approaches", "border_notes"):
        df = _table(res)
        key = "id" if "id" in df else "country"
        for _, r in df[df["flag"].notna()].iterrows():
            rid = r[key] if key == "id" else f"{r['country']} × {r['category']}"
            rows.append((res, rid, r["flag"], r["flag_note"]))
    kf = key_figures().set_index("id")
    if {"kaz_contracts_kzt", "kaz_contracts_usd"} <= set(kf.index):
        rate = kf.loc["kaz_contracts_kzt", "value"] / kf.loc["kaz_contracts_usd", "value"]
        if not 300 <= rate <= 600:  # tenge per US dollar, 2023-2024 range with wide margin
            rows.append(("key_figures", "kaz_contracts_kzt", "implied_exchange_rate_implausible",
                         f"The two figures imply {rate:.0f} tenge per dollar."))
    return pd.DataFrame(rows, columns=["resource", "row", "flag", "note"])


# ------------------------------------------------------------------- query helpers


def org_descendants(org_ids: Iterable[str]) -> set[str]:
    """The given organisations and everything under them (OSCE -> its field offices)."""
    return orgs.descendants(org_ids, orgs.children_map(_table("organisations")))


def filter_initiatives(
    partners: Iterable[str] = (),
    countries: Iterable[str] = (),
    themes: Iterable[str] = (),
    types: Iterable[str] = (),
    year_from: int | None = None,
    year_to: int | None = None,
    text: str = "",
) -> pd.DataFrame:
    """Initiatives matching every given filter (an empty filter matches all).

    Partners include their child organisations. A year range keeps items whose period
    overlaps it; undated items drop out once a year bound is set.
    """
    df = initiatives()
    keep = pd.Series(True, index=df.index)
    if partners := list(partners):
        wanted = org_descendants(partners)
        keep &= df["partners"].map(lambda ps: bool(wanted & set(ps)))
    if countries := set(countries):
        keep &= df["countries"].map(lambda cs: bool(countries & set(cs)))
    if themes := set(themes):
        keep &= df["themes"].map(lambda ts: bool(themes & set(ts)))
    if types := set(types):
        keep &= df["type"].isin(types)
    if year_from is not None:
        keep &= (df["end_year"] >= year_from).fillna(False)
    if year_to is not None:
        keep &= (df["start_year"] <= year_to).fillna(False)
    if text := text.strip().casefold():
        blob = (df["title"] + " " + df["summary"] + " " + df["figures"].fillna("")).str.casefold()
        keep &= blob.str.contains(text, regex=False)
    return df[keep.astype(bool)].reset_index(drop=True)


@_per_package
def approach_cells() -> pd.DataFrame:
    """The country × category matrix with its evidence, from Table 4 and the initiatives.

    evidence is 'table4' when a Table 4 phrase maps to the category, 'text' when only the
    paper's text (initiatives or a flagged claim) supports it, else 'not_found'.
    List cells are tuples, like every list column the module serves.
    """
    cats = approach_categories(matrix_only=True)
    ini = initiatives()
    appr = approaches()
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
            rows.append({
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
            })
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
    lines = [f"{pkg.meta.get('title')} — version {pkg.version}", f"data folder: {data_dir()}", "", "resources:"]
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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
