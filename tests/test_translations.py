"""The Russian versions of the curated text: complete, addressed by real rows, never the English.

The CSVs are read here with pandas directly, not through components/data.py (whose
loader is being rebuilt), as plain text: a key such as the footnote number or a year is
compared as it is written.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
import yaml

from components import translations as tr

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
PACKAGE = yaml.safe_load((DATA / "datapackage.yaml").read_text(encoding="utf-8"))
RESOURCES = {r["name"]: r for r in PACKAGE["resources"]}
GLOSSARY = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")


def _read(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA / f"{name}.csv", dtype=str, keep_default_na=False)


TABLES = {name: _read(name) for name in tr.PRIMARY_KEYS}
TRANSLATIONS = _read("translations")
RU = tr.lookup(TRANSLATIONS)
EXPECTED = tr.expected(TABLES)
CYRILLIC = re.compile(r"[А-Яа-яЁё]")

#: Latin words allowed in Russian text: names not translated, UN symbols, an author, a
#: spelling quoted from the paper.
LATIN_ALLOWED = {
    "Binance", "SAYONE", "USAID", "PROTECT", "IntelBrief", "A", "HRC", "Add.", "A.", "Python",
    "Hedaya", "Centre", "UNOCT",  # UNOCT: as footnotes 47 and 49 print it, quoted
}  # fmt: skip
#: Translations that may equal the English: names the Russian keeps in Latin letters.
SAME_ALLOWED = {"Binance", "SAYONE", "USAID"}
#: Translations without a Cyrillic letter: those names, and the percent sign as a unit.
NON_CYRILLIC_ALLOWED = SAME_ALLOWED | {"%"}


# -- the shipped package -----------------------------------------------------------------


def test_shipped_package_has_no_missing_translation():
    assert tr.missing(TABLES, TRANSLATIONS) == []


def test_no_translation_addresses_a_cell_that_needs_none():
    assert tr.stale(TABLES, TRANSLATIONS) == []


def test_translations_csv_has_one_row_per_key_and_a_russian_text_in_each():
    keys = list(
        zip(TRANSLATIONS["resource"], TRANSLATIONS["id"], TRANSLATIONS["field"], strict=True)
    )
    assert len(keys) == len(set(keys))
    assert (TRANSLATIONS["ru"].str.strip() != "").all()
    assert list(TRANSLATIONS.columns) == ["resource", "id", "field", "ru", "note"]


def test_every_russian_text_is_russian():
    not_russian = {
        k: v for k, v in RU.items() if not CYRILLIC.search(v) and v not in NON_CYRILLIC_ALLOWED
    }
    assert not_russian == {}
    latin = {
        (k, w)
        for k, v in RU.items()
        for w in re.findall(r"[A-Za-z][A-Za-z'.]*", v)
        if w not in LATIN_ALLOWED
    }
    assert latin == set(), "English left untranslated"
    same = [k for k in tr.same_as_english(TABLES, TRANSLATIONS) if RU[k] not in SAME_ALLOWED]
    assert same == []


def test_russian_keeps_every_figure_of_the_english():
    """Numbers are never changed: each digit group of the English is in the Russian, with a
    decimal comma and a no-break space between thousands."""

    def numbers(text: str) -> list[str]:
        text = re.sub(r"\b1st\b", "", text)  # an ordinal, written as a word ("Первая")
        return re.findall(r"\d+", text.replace(",", "").replace("\u00a0", "").replace(".", ""))

    for key, en in EXPECTED.items():
        if key[0] == "sources":
            continue  # the Russian renders a citation's title only
        ru = RU[key]
        for n in numbers(en):
            assert n in numbers(ru), (key, n, en, ru)


# -- the schema --------------------------------------------------------------------------


def test_primary_keys_match_the_package():
    for name, key in tr.PRIMARY_KEYS.items():
        assert tuple(RESOURCES[name]["schema"]["primaryKey"]) == key, name


def test_every_text_field_of_the_package_is_classified():
    """A new text field must be put in TRANSLATED or NOT_TRANSLATED (with a reason); list
    fields hold ids and need neither."""
    translated = {(n, f) for n, fs in tr.TRANSLATED.items() for f in fs}
    assert not translated & set(tr.NOT_TRANSLATED)
    text_fields = {
        (name, f["name"])
        for name in tr.PRIMARY_KEYS
        for f in RESOURCES[name]["schema"]["fields"]
        if f.get("type", "string") == "string"
    }
    assert text_fields - translated - set(tr.NOT_TRANSLATED) == set()
    assert (translated | set(tr.NOT_TRANSLATED)) - text_fields == set()


def test_translations_resource_is_described_last_with_its_key():
    res = PACKAGE["resources"][-1]
    assert res["name"] == "translations" and res["path"] == "translations.csv"
    assert res["schema"]["primaryKey"] == ["resource", "id", "field"]
    names = [f["name"] for f in res["schema"]["fields"]]
    assert names == list(TRANSLATIONS.columns)
    assert all(f.get("description") for f in res["schema"]["fields"])
    enum = res["schema"]["fields"][0]["constraints"]["enum"]
    assert set(enum) == set(tr.TRANSLATED)


# -- the helper --------------------------------------------------------------------------


def test_composite_ids_join_the_key_in_order_and_keep_an_empty_value():
    assert (
        tr.row_id("astana_activities", {"activity_id": "outreach", "year": 2022}) == "outreach|2022"
    )
    row = {"country": "UZB", "category": "financing", "table4_phrase": float("nan")}
    assert tr.row_id("approaches", row) == "UZB|financing|"
    assert tr.row_id("sources", {"footnote": 7.0}) == "7"


@pytest.mark.parametrize(
    ("resource", "field", "value", "needed"),
    [
        ("incidents", "date_text", "1999", False),
        ("initiatives", "date_text", "2018-2022", False),
        ("initiatives", "date_text", "summer 2018", True),
        ("key_figures", "value_as_printed", "0.022%", False),
        ("key_figures", "value_as_printed", "about 100", True),
        ("key_figures", "unit", "KZT", False),
        ("key_figures", "unit", "people", True),
        ("human_rights", "document", "A/HRC/43/46/Add.1; A/HRC/49/45/Add.1", False),
        ("human_rights", "document", "Journey to Extremism in Africa", True),
        ("organisations", "short_name", "EAG", True),
        ("countries", "name_in_table1", "", False),
        ("countries", "name_in_table1", None, False),
    ],
)
def test_which_cells_need_a_translation(resource, field, value, needed):
    assert tr.needs_translation(resource, field, value) is needed


def test_a_removed_translation_is_reported():
    key = ("initiatives", "tamun_2023", "flag_note")
    assert key in RU
    t = TRANSLATIONS[
        ~(
            (TRANSLATIONS["resource"] == key[0])
            & (TRANSLATIONS["id"] == key[1])
            & (TRANSLATIONS["field"] == key[2])
        )
    ]
    assert tr.missing(TABLES, t) == [key]


@pytest.mark.parametrize("empty", ["", "   ", None])
def test_an_emptied_translation_is_reported(empty):
    t = TRANSLATIONS.copy().astype(object)
    hit = (
        (t["resource"] == "approaches")
        & (t["id"] == "UZB|private_sector|")
        & (t["field"] == "flag_note")
    )
    assert hit.sum() == 1
    t.loc[hit, "ru"] = empty
    assert tr.missing(TABLES, t) == [("approaches", "UZB|private_sector|", "flag_note")]


def test_a_new_english_row_without_translation_is_reported_and_an_old_one_is_stale():
    tables = dict(TABLES)
    tables["incidents"] = TABLES["incidents"].assign(
        id=TABLES["incidents"]["id"].where(
            TABLES["incidents"]["id"] != "tashkent_1999", "tashkent_1999b"
        )
    )
    gone = tr.missing(tables, TRANSLATIONS)
    assert ("incidents", "tashkent_1999b", "title") in gone
    assert ("incidents", "tashkent_1999", "title") in tr.stale(tables, TRANSLATIONS)


def test_lookup_is_keyed_by_resource_id_field():
    assert RU[("countries", "KGZ", "name_in_table1")] == "Кыргызская Республика"
    assert (
        RU[("astana_activities", "theology|2024", "activity_as_printed")] == "Теологические занятия"
    )
    assert (
        "countries",
        "TKM",
        "name_in_table1",
    ) not in RU  # empty English cell: nothing to translate


# -- quotations stay English; the Russian sits beside them --------------------------------


@pytest.mark.parametrize("pair", sorted(tr.QUOTED), ids="|".join)
def test_a_quoted_cell_is_translated_beside_never_replaced(pair):
    resource, field = pair
    df = TABLES[resource]
    english = dict(zip(df.apply(lambda r: tr.row_id(resource, r), axis=1), df[field], strict=True))
    checked = 0
    for (res, rid, fld), ru in RU.items():
        if (res, fld) != pair:
            continue
        checked += 1
        assert ru != english[rid], (rid, ru)  # the Russian key never holds the English
        assert CYRILLIC.search(ru), (rid, ru)
    assert checked == sum(tr.needs_translation(resource, field, v) for v in df[field])
    assert (_read(resource)[field] == df[field]).all()  # the English file is untouched


def test_table4_cells_are_translated_with_glossary_terms():
    assert RU[("table4", "TJK", "approaches_as_printed")].startswith(
        "Сотрудничество с частными компаниями, ОБСЕ, ООН"
    )
    assert "критически важной инфраструктуры" in RU[("table4", "KAZ", "approaches_as_printed")]


def test_a_citation_translation_renders_the_title_not_the_bibliographic_parts():
    ru = RU[("sources", "2", "citation")]
    assert ru == "«Терроризм как угроза правам человека»"
    for part in ("Tymoshenko", "Law Journal", "2022", "30-38"):
        assert part not in ru
    assert RU[("sources", "37", "citation")] == "Там же."


# -- glossary ----------------------------------------------------------------------------

#: OSCE and UN bodies: the glossary abbreviation their Russian short name must use.
GLOSSARY_SHORT = {
    "osce": "ОБСЕ",
    "osce_secretariat": "ОБСЕ",
    "osce_tntd": "ДТУ",
    "osce_atu": "ОБТ",
    "osce_po_bishkek": "ОБСЕ",
    "osce_po_dushanbe": "ОБСЕ",
    "osce_po_astana": "ОБСЕ",
    "osce_centre_ashgabat": "ОБСЕ",
    "un": "ООН",
    "un_ga": "ГА ООН",
    "un_sc": "СБ ООН",
    "unoct": "КТУ ООН",
    "uncct": "КТЦ ООН",
    "un_ctitf": "ЦГОКМ",
    "unrcca": "РЦПДЦА",
    "un_hrc": "СПЧ",
    "un_sr_ct": "ООН",
    "undp": "ПРООН",
}


def _glossary_abbreviations() -> set[str]:
    section = GLOSSARY.split("## Organisations", 1)[1].split("\n## ", 1)[0]
    rows = [line.split("|") for line in section.splitlines() if line.startswith("|")]
    return {cells[3].strip() for cells in rows[2:] if len(cells) > 3 and cells[3].strip()}


def test_every_osce_and_un_body_uses_its_glossary_abbreviation():
    orgs = TABLES["organisations"]
    bodies = set(orgs.loc[orgs["family"].isin(["osce", "un"]), "id"])
    assert bodies == set(GLOSSARY_SHORT), "classify the new OSCE/UN body here"
    abbreviations = _glossary_abbreviations()
    for oid, abbr in GLOSSARY_SHORT.items():
        assert abbr in abbreviations, abbr
        assert abbr in RU[("organisations", oid, "short_name")], oid
    for oid in ("unoct", "uncct", "unrcca", "undp", "un_ga", "un_sc", "un_hrc"):
        assert RU[("organisations", oid, "short_name")] in abbreviations, oid


def test_organisation_names_are_the_glossary_official_names():
    section = GLOSSARY.split("## Organisations", 1)[1].split("\n## ", 1)[0]
    for oid in (
        "osce",
        "osce_tntd",
        "osce_atu",
        "unrcca",
        "un_ctitf",
        "undp",
        "sco",
        "eag",
        "hedayah",
    ):
        assert f"| {RU[('organisations', oid, 'name')]} |" in section, oid


def test_group_names_follow_the_glossary():
    groups = GLOSSARY.split("## Groups", 1)[1].split("\n## ", 1)[0]
    for gid in ("taliban", "isil", "al_qaeda", "boko_haram", "imu", "iju", "jamaat_ansarullah"):
        name = RU[("armed_groups", gid, "name")]
        assert name in groups, (gid, name)


def test_glossary_terms_are_used_consistently():
    """One Russian term per idea (docs/glossary.md), not a synonym."""
    text = "\n".join(RU.values())
    assert "критически важн" in text
    for wrong in (
        r"критическ(ой|ая|ую) инфраструктур",  # glossary: критически важная инфраструктура
        r"предотвращени\w* насильственного экстремизма",  # PVE: предупреждение
        r"Киргиз|Туркмения|Алма-Ата",
        r"\bИГ\b|ИГИЛ-К\b|Талибан(?![»“])",  # group names as in the glossary, in quotes
        r"КТУ ООН \(|РЦПДЦА \(",  # abbreviations stand alone, not glossed in English
    ):
        assert not re.search(wrong, text), wrong
    workshops = [v for k, v in RU.items() if k[2] == "title" and "workshop" in EXPECTED[k].lower()]
    assert workshops and all("семинар-практикум" in v.lower() for v in workshops)
