"""a11y (issue 17) meets issue 19: the charts' data tables in Russian. Labels, headings and
curated cells in Russian, verbatim cells only as marked “English” quotations, figures
written the Russian way and parsing back to the published values, '-' kept."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

import pytest

from components import approaches_view as AV
from components import country_page as CP
from components import country_view as cv
from components import data
from components import filters as F
from components import gti_view as gv
from components import map_view as mv
from components import timeline_view as TV
from components.i18n import Translator
from tests.support import russian

RU = Translator("ru")


@cache
def tables() -> dict[str, tuple]:
    """Every data table of the slides and pages, built in Russian."""
    lang = RU.lang
    timeline = TV.build_from_data(
        F.FilterState(), F.ViewOptions(), (), TV.vocabulary_from_data(RU), RU
    )
    gti = gv.build_from_data((), RU)
    geometry = cv.map_geometry(data.geo("geo_countries"), data.geo("geo_borders"))
    names = cv.country_names(data.countries(lang))
    country = cv.build_view("TJK", cv.Inputs.from_data(lang), RU)
    page = CP.build(country, names, geometry, tr=RU)
    on_page = tuple(
        b.content for row in page.body for col in row.columns for b in col if b.kind == "data_table"
    )

    def of(slides) -> tuple:
        return tuple(t for s in slides for t in s.tables)

    return {
        "map": of(mv.slides(mv.Inputs.from_data(lang), mv.slide_geometry(), RU)),
        "gti": of(gv.slides(gti, RU)),
        "approaches": of(AV.slides(AV.build(AV.Inputs.from_data(lang), tr=RU), RU)),
        "timeline": of(TV.slides(timeline)) + (timeline.summary_table,),
        "countries": of(cv.slides(country, geometry, RU, names)) + on_page,
    }


def texts(table) -> list[str]:
    cells = [str(v).replace("\\", "") for row in table.frame.to_numpy() for v in row]
    return [table.label, *map(str, table.frame.columns), *cells]


@pytest.mark.parametrize("page", ["map", "gti", "approaches", "timeline", "countries"])
def test_data_tables_speak_russian(page) -> None:
    found = tables()[page]
    assert found and all(t.frame is not None and len(t.frame) for t in found)
    shown = [x for t in found for x in texts(t)]
    assert all(re.search("[а-яё]", t.label) for t in found), page  # labels in Russian
    assert russian.english_leaks(shown) == []
    assert [d for x in shown for d in russian.english_decimals(x)] == []


def test_russian_gti_table_keeps_the_printed_figures() -> None:
    by_key = {t.key: t for t in tables()["gti"]}
    scores = by_key["gti_slide_data_scores"].frame
    assert list(scores.columns[:2]) == ["Страна", "Балл ГИТ 2023"]
    row = dict(zip(scores.iloc[:, 0], scores.iloc[:, 1], strict=True))
    assert row["Таджикистан"] == "0,871" and row["Казахстан"] == "0,000"
    assert russian.russian_numbers(row["Таджикистан"]) == [Decimal("0.871")]
    programme = by_key["gti_slide_data_programme"].frame
    statuses = set(programme.iloc[:, 2])
    assert statuses <= {"текущие", "план"} and "текущие" in statuses
    assert r"\-" in set(programme.iloc[:, 3])  # a '-' stays '-' (escaped), never 0


def test_russian_mini_map_table_names_the_states_in_russian() -> None:
    (page_table,) = [t for t in tables()["countries"] if t.key == cv.MAP_TABLE_KEY]
    frame = page_table.frame
    assert list(frame.columns) == ["Страна", "На карте", "Граница с Афганистаном"]
    rows = dict(zip(frame.iloc[:, 0], frame.iloc[:, 2], strict=True))
    assert rows["Таджикистан"] == "да: толстая оранжевая линия"
    assert rows["Казахстан"] == "не показана" and "Афганистан" in rows
