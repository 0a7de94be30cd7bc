"""The terrorism-index page in Russian (issue 19): its builders and one AppTest.

Every word on screen comes from the Russian catalogue, the table cells as printed are quoted
in English with their marked translation, and every number shown (0,871; +0,328; 2 562)
parses back to the value the paper publishes or the one derived from it.
"""

from __future__ import annotations

import functools
from decimal import Decimal

import pandas as pd
import pytest

from components import data, i18n
from components import gti_charts as g
from components import gti_view as gv
from tests.support import russian
from tests.support.apptest import assert_polite, run_page, static_tables
from tests.support.shown_texts import chart_rows, english_decimals, leaks, spec_texts

RU = i18n.Translator("ru")
SELECTED = ("TJK", "UZB")
GTI_COLS = ("score_2023", "avg_score_2023", "change_2013_2023", "change_2022_2023")
GTI_COLS += ("implied_2013", "implied_2022")


@functools.cache  # one build per language: the views are immutable
def _view(lang: str, selected=SELECTED) -> gv.GtiView:
    return gv.build_from_data(selected, i18n.Translator(lang))


def _block(view: gv.GtiView, key: str) -> gv.ChartBlock:
    return next(b for s in view.sections for b in s.charts if b.key == key)


def _published() -> set[Decimal]:
    """Every GTI figure of Tables 1-2 as printed (three decimals), and the implied scores."""
    out = set()
    for df in (data.gti_countries(), data.gti_regions()):
        for col in GTI_COLS:
            if col in df:
                out |= {Decimal(f"{v:.3f}") for v in df[col]}
    return out | {abs(v) for v in out}  # "fell by 1,339": a change without its sign


def _derived_en(view: gv.GtiView) -> set[Decimal]:
    """The derived means as the English build prints them (independent of Russian digits)."""
    out = set()
    for key in ("table2-regions", "table2-changes"):
        df = _block(view, key).data
        col = "value_as_printed" if "value_as_printed" in df else "change_as_printed"
        out |= {Decimal(v) for v in df.loc[df["kind"] == g.DERIVED, col]}
    return out


def _three_places(texts: list[str]) -> set[Decimal]:
    """Every number with three decimals in Russian texts (GTI figures are printed so)."""
    return {n for t in texts for n in russian.russian_numbers(t) if n.as_tuple().exponent == -3}


# ------------------------------------------------------------------------ builders


def test_charts_in_russian_title_axes_and_printed_numbers():
    view = _view("ru")
    scores = _block(view, "table1-scores")
    assert scores.title == (
        "Наивысший балл за 2023 год: Россия (3,016); у стран Казахстан и Кыргызская "
        "Республика — 0,000"
    )
    bars = scores.spec["layer"][0]["encoding"]
    assert bars["x"]["title"] == "Балл ГИТ 2023 (0–10)"
    assert scores.spec["config"]["locale"]["number"]["decimal"] == ","
    rows = {r["iso3"]: r for r in scores.spec["datasets"][next(iter(scores.spec["datasets"]))]}
    assert rows["TJK"]["label"] == "0,871" and rows["TJK"]["country"] == "Таджикистан"
    # the label is Russian; the cell as printed is quoted with its marked translation
    assert rows["KGZ"]["country_as_printed"] == "“Kyrgyz Republic” (перевод: Кыргызская Республика)"
    changes = _block(view, "table1-changes").data.set_index(["iso3", "period"])
    assert changes.loc[("RUS", "2022–2023"), "change_as_printed"] == "+0,328"
    assert changes.loc[("UZB", "2013–2023"), "change_as_printed"] == "-0,029"
    assert changes.loc[("KAZ", "2022–2023"), "change_as_printed"] == "0,000"
    programme = _block(view, "table3-programme").data
    assert "2\u00a0562" in set(programme["events_as_printed"])  # thousands: a no-break space
    assert programme["events_as_printed"].eq("-").sum() == 2  # '-' stays missing
    legend = _block(view, "table3-programme").spec["layer"][2]["encoding"]["opacity"]
    assert legend["title"] == "Статус" and legend["scale"]["domain"] == ["текущие", "план"]


def test_flag_note_is_the_datas_in_english_and_translated_in_russian():
    gti_en = data.gti_countries()
    rus = gti_en[gti_en["iso3"] == "RUS"].iloc[0]
    assert g.flag_note(rus, "score_2023") == rus["flag_note"]  # same words as data.py
    ru = g.flag_note(rus, "score_2023", RU)
    assert "3,016" in ru and "3,747" in ru and "-0,731" in ru and "0–10" in ru
    (warning,) = _block(_view("ru"), "table1-scores").warnings
    assert warning.startswith("**Помечено: Россия.** Опубликованный балл 3,016")


def test_view_texts_have_no_english_and_every_figure_parses_back():
    view = _view("ru")
    texts = [s.header for s in view.sections] + [s.note or "" for s in view.sections]
    for b in (b for s in view.sections for b in s.charts):
        texts += [b.title, b.footnotes_md, b.data_label, b.slide_source]
        texts += [*b.notes, *b.warnings, *b.slide_notes, *spec_texts(b.spec)]
        texts += spec_texts(b.slide_spec)
    texts += [link.label for link in view.country_links]
    assert leaks(texts) == []
    assert english_decimals(texts) == []
    shown = _three_places(texts)
    allowed = _published() | _derived_en(_view("en"))
    assert shown - allowed == set(), "numbers that are neither published nor derived"
    # and every published Table 1 score is on screen, in Russian digits
    assert {Decimal(f"{v:.3f}") for v in data.gti_countries()["score_2023"]} <= shown


def test_slides_in_russian_without_hover_hints():
    slides = gv.slides(_view("ru"), RU)
    assert slides[0].title == r"Баллы ГИТ, Евразия, 2023 \(таблица 1\)"  # escaped Markdown
    for slide in slides:
        (chart,) = slide.columns[0]
        texts = spec_texts(chart.body) + [b.body for b in slide.blocks if b.kind != "chart"]
        assert leaks([slide.title, slide.source, *texts]) == []
        assert not any("при наведении" in t for t in spec_texts(chart.body)), slide.part


def test_picker_and_link_notice_in_russian():
    gti = data.gti_countries("ru")
    assert gv.picker(gti, RU).label("KGZ") == "Кыргызская Республика (KGZ)"
    wanted, notice = gv.read_link("tjk,zzz", gti, RU)
    assert wanted == ("TJK",) and notice.startswith("Неизвестные коды стран в ссылке")


# ------------------------------------------------------------------------ the page


@pytest.mark.parametrize("params", [{"lang": "ru", "countries": "TJK,UZB"}])
def test_page_in_russian(params):
    at = run_page("gti", params, timeout=120)
    assert_polite(at, "gti in Russian")
    assert at.title[0].value == "Индекс терроризма и программа профилактики Астаны"
    assert at.button_group(key="gti_countries").value == ["TJK", "UZB"]
    texts, charts, tables = [], [], 0
    for section in _view("ru").sections:  # each table's tab (its label in Russian), in turn
        at.session_state["gti_table"] = section.header
        for block in section.charts:
            at.session_state[f"gti_data_{block.key}"] = True  # open every "show data" table
        at.run()
        assert not at.exception, at.exception
        tables += len(static_tables(at))
        texts += russian.element_texts(at)
        charts += chart_rows(at)
    assert tables == 6
    assert len(charts) == 6
    for spec, rows in charts:
        texts += spec_texts(spec, rows)
    assert leaks(texts) == []
    assert english_decimals(texts) == []
    shown = _three_places(texts)
    assert shown - (_published() | _derived_en(_view("en"))) == set()
    assert {Decimal(f"{v:.3f}") for v in data.gti_regions()["avg_score_2023"]} <= shown
    # Table 3's events, as the Russian page prints them, are the published counts (the chart
    # sends only the columns it draws: rows are matched by their drawn label and year)
    act = data.astana_activities()
    frame = g.programme_frame(data.astana_activities("ru"), RU)
    label = dict(zip(frame["activity_id"], frame["activity_short"], strict=False))
    printed = {
        (r["activity_short"], r["year"]): r["events_as_printed"]
        for spec, rows in charts
        for r in rows or []
        if "events_as_printed" in r
    }
    for r in act.to_dict("records"):
        value = printed[(label[r["activity_id"]], r["year"])]
        if pd.isna(r["events"]):  # '-': missing, not zero
            assert value == "-"
        else:
            assert russian.russian_numbers(value) == [Decimal(int(r["events"]))]
