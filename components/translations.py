"""Russian versions of the package's curated free text (the `translations` resource).

Pure: no Streamlit and no file reading. Callers pass the package's tables and the
translations table as DataFrames (read by `components/data.py`).

A translation is addressed by ``(resource, id, field)``. ``id`` is the row's primary key as
text; a composite key joins its values with ``|`` in primary-key order, an empty value
staying empty (``UZB|private_sector|`` is the approaches row with no Table 4 phrase,
``outreach|2022`` an Astana activity and year).

Which fields are translated is decided here, once (`TRANSLATED`), and every other text
field of the package is listed with the reason it is not (`NOT_TRANSLATED`), so a new
field has to be classified before the tests pass:

- translated: names, titles, summaries, notes (flag notes included), labels, descriptions,
  dates in words, places, and the verbatim "as printed" cells (Table 1 to 4 labels and
  cells, footnote citations). A verbatim cell keeps its English: its translation is shown
  beside it and marked as one (`QUOTED`), never instead of it. For citations the Russian
  text renders the title only; authors, journals and numbers stay in the English.
- not translated: ids, codes (ISO 3166, ISO 4217, UN document symbols), URLs, enums that
  the interface labels through its gettext catalogue, and numbers.

A cell needs a translation only when it has words: an empty cell, one made of digits and
punctuation ("1999", "2018-2022", "531", "0.022%") and a cell matching its field's code
pattern (`SKIP`: "KZT", "A/HRC/43/46/Add.1") need none.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

import pandas as pd

Key = tuple[str, str, str]  # (resource, id, field)

#: Each resource's primary key, as in data/datapackage.yaml (checked by a test).
PRIMARY_KEYS: dict[str, tuple[str, ...]] = {
    "sources": ("footnote",),
    "countries": ("iso3",),
    "gti_countries": ("iso3",),
    "gti_regions": ("region",),
    "astana_activities": ("activity_id", "year"),
    "table4": ("iso3",),
    "approach_categories": ("id",),
    "approaches": ("country", "category", "table4_phrase"),
    "organisations": ("id",),
    "initiatives": ("id",),
    "incidents": ("id",),
    "border_notes": ("id",),
    "armed_groups": ("id",),
    "human_rights": ("id",),
    "key_figures": ("id",),
}

#: The (resource, field) pairs whose cells must have a Russian version.
TRANSLATED: dict[str, tuple[str, ...]] = {
    "sources": ("citation",),
    "countries": ("name", "name_in_table1", "flag_note"),
    "gti_countries": ("country_as_printed",),
    "gti_regions": ("region",),
    "astana_activities": ("activity_as_printed",),
    "table4": ("country_as_printed", "approaches_as_printed", "source_note"),
    "approach_categories": ("label", "description"),
    "approaches": ("table4_phrase", "note", "flag_note"),
    "organisations": ("name", "short_name", "kind", "note"),
    "initiatives": ("title", "date_text", "figures", "summary", "flag_note"),
    "incidents": ("title", "date_text", "place", "casualties_text", "summary", "note"),
    "border_notes": (
        "title",
        "terrain",
        "groups_note",
        "risk_note",
        "measures",
        "flag_note",
    ),
    "armed_groups": ("name", "other_names", "origin", "summary", "flag_note"),
    "human_rights": ("document", "summary", "note"),
    "key_figures": ("label", "value_as_printed", "unit", "note", "flag_note"),
}

#: Verbatim fields: the English is quoted as published; the Russian is shown beside it.
QUOTED: frozenset[tuple[str, str]] = frozenset(
    {
        ("sources", "citation"),
        ("gti_countries", "country_as_printed"),
        ("gti_regions", "region"),
        ("astana_activities", "activity_as_printed"),
        ("table4", "country_as_printed"),
        ("table4", "approaches_as_printed"),
        ("table4", "source_note"),
        ("approaches", "table4_phrase"),
    }
)

_UN_SYMBOL = r"[A-Z]+(/[A-Za-z0-9.]+)+"
#: Cells of a translated field that are codes, not words: no translation is expected.
SKIP: dict[tuple[str, str], re.Pattern[str]] = {
    ("key_figures", "unit"): re.compile(r"[A-Z]{3}"),  # ISO 4217 currency codes
    ("human_rights", "document"): re.compile(rf"{_UN_SYMBOL}(; {_UN_SYMBOL})*"),
}

#: Text fields deliberately left untranslated, with the reason.
NOT_TRANSLATED: dict[tuple[str, str], str] = {
    ("sources", "url"): "URL",
    ("sources", "kind"): "enum, labelled by the interface",
    ("countries", "iso3"): "code",
    ("countries", "role"): "enum",
    ("countries", "basis"): "enum",
    ("gti_countries", "iso3"): "code",
    ("gti_countries", "table"): "table number, labelled by the interface",
    ("gti_regions", "table"): "table number",
    ("astana_activities", "activity_id"): "id",
    ("astana_activities", "status"): "enum",
    ("astana_activities", "table"): "table number",
    ("table4", "iso3"): "code",
    ("table4", "table"): "table number",
    ("approach_categories", "id"): "id",
    ("approaches", "country"): "code",
    ("approaches", "category"): "id",
    ("approaches", "evidence"): "enum",
    ("approaches", "flag"): "enum",
    ("organisations", "id"): "id",
    ("organisations", "parent_id"): "id",
    ("organisations", "family"): "enum",
    ("organisations", "country"): "code",
    ("organisations", "basis"): "enum",
    ("initiatives", "id"): "id",
    ("initiatives", "type"): "enum",
    ("initiatives", "start"): "partial ISO date",
    ("initiatives", "end"): "partial ISO date",
    ("initiatives", "date_basis"): "enum",
    ("initiatives", "scope"): "enum",
    ("initiatives", "host_country"): "code",
    ("initiatives", "basis"): "enum",
    ("initiatives", "flag"): "enum",
    ("incidents", "id"): "id",
    ("incidents", "start"): "partial ISO date",
    ("incidents", "end"): "partial ISO date",
    ("incidents", "country"): "code",
    ("incidents", "location_precision"): "enum",
    ("incidents", "basis"): "enum",
    ("border_notes", "id"): "id",
    ("border_notes", "kind"): "enum",
    ("border_notes", "geo_id"): "code",
    ("border_notes", "basis"): "enum",
    ("border_notes", "flag"): "enum",
    ("countries", "flag"): "enum",
    ("key_figures", "flag"): "enum",
    ("armed_groups", "flag"): "enum",
    ("armed_groups", "id"): "id",
    ("armed_groups", "basis"): "enum",
    ("human_rights", "id"): "id",
    ("human_rights", "country"): "code",
    ("human_rights", "stance"): "enum",
    ("human_rights", "source_org"): "id",
    ("human_rights", "basis"): "enum",
    ("key_figures", "id"): "id",
    ("key_figures", "country"): "code",
    ("key_figures", "qualifier"): "enum (the Russian is in value_as_printed)",
    ("key_figures", "basis"): "enum",
}

_LETTER = re.compile(r"[^\W\d_]")


def _text(value: object) -> str:
    """A cell as text: missing is empty, an integral float loses its '.0'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def row_id(resource: str, row: Mapping[str, object]) -> str:
    """The row's translation id: its primary-key values as text, joined with '|'."""
    return "|".join(_text(row.get(k)) for k in PRIMARY_KEYS[resource])


def needs_translation(resource: str, field: str, value: object) -> bool:
    """Whether this cell of a translated field must have a Russian version."""
    text = _text(value)
    if not text or not _LETTER.search(text):
        return False
    skip = SKIP.get((resource, field))
    return not (skip is not None and skip.fullmatch(text))


def expected(tables: Mapping[str, pd.DataFrame]) -> dict[Key, str]:
    """Every (resource, id, field) that must be translated, with its English text."""
    out: dict[Key, str] = {}
    for resource, fields in TRANSLATED.items():
        df = tables.get(resource)
        if df is None:
            continue
        for row in df.to_dict("records"):
            rid = row_id(resource, row)
            for field in fields:
                if field in row and needs_translation(resource, field, row[field]):
                    out[(resource, rid, field)] = _text(row[field])
    return out


def lookup(translations: pd.DataFrame) -> dict[Key, str]:
    """(resource, id, field) -> Russian text; empty translations are left out."""
    out: dict[Key, str] = {}
    for row in translations.to_dict("records"):
        ru = _text(row.get("ru"))
        if ru:
            key = (_text(row.get("resource")), _text(row.get("id")), _text(row.get("field")))
            out[key] = ru
    return out


def missing(tables: Mapping[str, pd.DataFrame], translations: pd.DataFrame) -> list[Key]:
    """Cells that need a Russian version and have none (absent or empty), in table order."""
    have = lookup(translations)
    return [key for key in expected(tables) if key not in have]


def stale(tables: Mapping[str, pd.DataFrame], translations: pd.DataFrame) -> list[Key]:
    """Translations that address no translatable cell (a row or field removed or renamed)."""
    want = expected(tables)
    return [key for key in lookup(translations) if key not in want]


def same_as_english(tables: Mapping[str, pd.DataFrame], translations: pd.DataFrame) -> list[Key]:
    """Translations identical to their English cell (proper names like 'Binance' aside)."""
    want = expected(tables)
    have = lookup(translations)
    return [k for k, en in want.items() if k in have and have[k] == en]


def localise(
    frame: pd.DataFrame, resource: str, russian: Mapping[Key, str], lang: str
) -> pd.DataFrame:
    """`frame` (rows of `resource`) in `lang`.

    English returns the frame unchanged. In Russian a translated field's cells are replaced
    by their Russian text, except a verbatim cell (`QUOTED`): it keeps its English and its
    translation goes into ``<field>_ru``, to be shown beside it, marked as a translation.
    A cell that needs no translation (digits, codes) keeps its value; one that needs a
    translation and has none raises KeyError: validation reports those before any page
    runs, so the dashboard never falls back to English silently.
    """
    if lang == "en" or resource not in TRANSLATED or frame.empty:
        return frame
    out = frame.copy()
    ids = [row_id(resource, row) for row in frame.to_dict("records")]
    for field in TRANSLATED[resource]:
        if field not in out:
            continue
        values = []
        for rid, value in zip(ids, frame[field], strict=True):
            if needs_translation(resource, field, value):
                values.append(russian[(resource, rid, field)])
            else:
                values.append(value)
        target = f"{field}_ru" if (resource, field) in QUOTED else field
        out[target] = pd.Series(values, index=out.index, dtype=object)
    return out
