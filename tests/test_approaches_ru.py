"""The approaches matrix in Russian (issue 19): its builders and one AppTest.

The interface is Russian; Table 4's cells stay quoted exactly as printed, in English, with
the Russian translation beside them marked as a translation; counts use Russian plurals.
"""

from __future__ import annotations

import functools

from components import approaches_view as V
from components import data, i18n
from tests.support import russian
from tests.support.apptest import assert_polite, run_page, static_tables
from tests.support.shown_texts import chart_rows, english_decimals, leaks, spec_texts

RU = i18n.Translator("ru")


@functools.cache
def inputs() -> V.Inputs:
    return V.Inputs.from_data("ru")


@functools.cache
def view(**kw) -> V.ApproachesView:
    return V.build(inputs(), tr=RU, **kw)


def _table4(iso: str) -> dict:
    t4 = data.table4("ru")
    return t4[t4["iso3"] == iso].iloc[0].to_dict()


def test_table4_cells_are_quoted_as_printed_with_their_marked_translation():
    kaz = _table4("KAZ")
    assert view().table4[0] == (
        f"**“{kaz['country_as_printed']}” (перевод: Казахстан):** "
        f"“{kaz['approaches_as_printed']}” (перевод: {kaz['approaches_as_printed_ru']})"
    )
    cell = view(country="UZB", approach="reintegration").drilldown
    assert cell.evidence.startswith(
        "**Указано в таблице 4:** “repatriation” (перевод: репатриация), "
        "“reintegration” (перевод: реинтеграция)"
    )
    assert cell.heading == "Узбекистан × Репатриация и реинтеграция"
    assert cell.count == "3 подтверждающие инициативы:"  # few
    country = view(country="KAZ").drilldown
    assert country.evidence.startswith(f"> “{_table4('KAZ')['approaches_as_printed']}” (перевод:")
    rows = " ".join(country.rows)
    assert "6 инициатив" in rows and "1 инициатива" in rows and "3 инициативы" in rows


def test_matrix_chart_in_russian():
    spec = view().chart
    rects = spec["layer"][0]["encoding"]
    assert rects["color"]["scale"]["domain"] == [
        "Указано в таблице 4 (T4)",
        "Только текст статьи (текст)",
        "В статье не найдено (—): не то же самое, что «нет»",
    ]
    assert [t["title"] for t in rects["tooltip"]][:3] == ["Страна", "Подход", "Источник данных"]
    assert spec["config"]["locale"]["number"]["decimal"] == ","
    rows = next(iter(spec["datasets"].values()))
    tjk_osce = next(r for r in rows if r["country"] == "TJK" and r["category"] == "osce")
    assert tjk_osce["phrases"] == "“OSCE” (перевод: ОБСЕ)"
    assert any(r.get("category_label") == "Обзор страны ›" for d in spec["datasets"].values()
               for r in d)  # fmt: skip
    assert view(transpose=True).matrix.index.name == "Страна"


def test_every_view_text_is_russian():
    shown = []
    for kw in (
        {},
        {"country": "UZB", "approach": "private_sector", "rights": True},
        {"country": "TKM"},
        {"approach": "osce", "partners": ("osce",)},
        {"country": "KGZ", "approach": "osce", "partners": ("osce",)},
    ):
        v = view(**kw)
        shown += [v.summary, v.partner_caption, v.chart["description"], v.legend, *v.flag_notes]
        shown += [text for _, text in v.drilldown.blocks()] + [*v.table4, v.table4_caption]
        shown += spec_texts(v.chart)
        if v.drilldown.link:
            shown.append(v.drilldown.link.label)
        if v.rights:
            shown += [v.rights.heading, v.rights.caption, v.rights.region_heading]
            shown += [*v.rights.region] + [x for r in v.rights.rows for x in (r.security, *r.items)]
    (slide,) = V.slides(view(), RU)
    shown += [slide.title, slide.source, *(b.body for b in slide.blocks if b.kind != "chart")]
    words = V.labels(RU)
    shown += [getattr(words, f) for f in words.__dataclass_fields__]
    ch = V.choices(inputs(), RU)
    shown += [*ch.countries.values(), *ch.approaches.values(), *ch.partners.values()]
    shown += list(ch.parse("XX", "nope").notices)
    assert leaks(shown) == []
    assert english_decimals(shown) == []


def test_page_in_russian():
    at = run_page(
        "approaches",
        {"lang": "ru", "country": "UZB", "approach": "private_sector", "approaches_rights": "true"},
        timeout=120,
    )
    assert_polite(at, "approaches in Russian")
    assert at.title[0].value == "Подходы к противодействию терроризму и экстремизму"
    assert at.selectbox(key="approaches_country").value == "UZB"
    at.session_state["approaches_matrix_table"] = True  # open the matrix as a table
    at.run()
    assert len(static_tables(at)) == 1
    texts = russian.element_texts(at)
    for spec, rows in chart_rows(at):
        texts += spec_texts(spec, rows)
    assert leaks(texts) == []
    assert english_decimals(texts) == []
    # every Table 4 cell is on the page, as printed, beside its marked translation
    page = "\n".join(texts)
    for r in data.table4("ru").to_dict("records"):
        quoted = f"“{r['approaches_as_printed']}” (перевод: {r['approaches_as_printed_ru']})"
        assert quoted in page.replace("\\", ""), r["iso3"]
    # the counts shown are the data's: 17 + 38 + 15 = 70 cells
    counts = data.approach_cells()["evidence"].value_counts()
    summary = next(t for t in texts if t.startswith("**Таблица 4 называет"))
    numbers = [int(n) for n in russian.russian_numbers(summary)]
    n = len(data.approach_cells())
    assert numbers == [4, counts["table4"], n, counts["text"], counts["not_found"]]
    flagged = data.approach_cells().query("country == 'UZB' and category == 'private_sector'")
    assert flagged["flag_note"].notna().all()
    assert any(t.startswith("**⚑ Помечено:**") for t in texts)
