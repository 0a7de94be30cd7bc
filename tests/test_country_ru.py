"""The country views, their slide and the printed brief in Russian (issue 19): no English
interface text, numbers written the Russian way that parse back to the published values,
Russian plurals, and brief charts drawn with a font that has Cyrillic (no missing-glyph
boxes)."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from decimal import Decimal

import pytest
import vl_convert as vlc
from PIL import Image, ImageChops

from components import brief, data
from components import country_page as cp
from components import country_view as cv
from components.i18n import Translator
from tests.support import russian
from tests.support.apptest import FOOTER_MARK, all_elements, assert_polite, run_page

RU = Translator("ru")
CYRILLIC = re.compile(r"[А-Яа-яЁё]")


@pytest.fixture(scope="module")
def inputs() -> cv.Inputs:
    return cv.Inputs.from_data("ru")


@pytest.fixture(scope="module")
def geometry() -> cv.MapGeometry:
    return cv.map_geometry(data.geo("geo_countries"), data.geo("geo_borders"))


def published(iso3: str) -> set[Decimal]:
    """Every figure the paper publishes for a state: its GTI row and its key figures."""
    gti = data.gti_countries().set_index("iso3")
    out = set()
    if iso3 in gti.index:
        row = gti.loc[iso3]
        out |= {
            Decimal(str(row[c])) for c in ("score_2023", "change_2013_2023", "change_2022_2023")
        }
    kf = data.key_figures()
    kf = kf[kf["country"] == iso3]
    out |= {Decimal(str(v)).normalize() for v in kf["value"]}
    out |= {Decimal(str(y)) for y in kf["year"].dropna()}
    return {d.normalize() for d in out}


def spec_texts(node: object, key: str | None = None) -> list[str]:
    """Titles, labels and names a Vega-Lite spec shows (its locale block left out)."""
    if isinstance(node, dict):
        return [t for k, v in node.items() if k != "locale" for t in spec_texts(v, k)]
    if isinstance(node, list):
        return [t for v in node for t in spec_texts(v, key)]
    shown = ("title", "label", "name", "scope", "when", "text", "description")
    return [node] if isinstance(node, str) and key in shown else []


# --------------------------------------------------------------------------- the page


def test_countries_page_in_russian_has_no_english_and_numbers_parse_back():
    at = run_page("countries", {"lang": "ru", "country": "TJK"})
    assert_polite(at, "countries ?lang=ru&country=TJK")
    assert at.header[0].value == "Таджикистан"
    assert at.selectbox(key="country").value == "TJK"  # the option value stays the code
    assert at.query_params["country"] == "TJK" and at.query_params["lang"] == "ru"
    assert at.selectbox(key="country").label == "Страна"
    assert at.button(key="country_next").proto.help == "Следующая страна"
    # The footer's provenance belongs to the page frame (components/ui.py), not this page.
    texts = [t for t in russian.element_texts(at) if FOOTER_MARK not in t]
    charts = [json.loads(el.proto.spec) for el in all_elements(at) if el.type == "vega_lite_chart"]
    assert len(charts) == 2
    for spec in charts:
        assert spec["config"]["locale"]["number"]["decimal"] == ","
        assert CYRILLIC.search(spec["description"])  # the accessible name
        texts += spec_texts(spec)
    assert russian.english_leaks(texts) == []
    # English decimals (0.871) must not appear. Russian 0,871 also matches the support
    # module's English-thousands pattern (1,283), so only decimal points are checked here;
    # Russian thousands (3 000) are checked by parsing back below.
    assert [d for d in russian.english_decimals("\n".join(texts)) if "." in d] == []
    # Every number on a metric card parses back to a value the paper publishes.
    numbers = [
        n.normalize() for m in at.metric for n in russian.russian_numbers(m.value.replace("\\", ""))
    ]
    assert numbers and set(numbers) <= published("TJK"), numbers
    assert {Decimal("0.871"), Decimal("-1.653"), Decimal("-1.335"), Decimal(3000)} <= set(numbers)
    # Table 4's cell is quoted in English with its marked translation.
    cell = data.table4().set_index("iso3").loc["TJK", "approaches_as_printed"]
    assert any(f"“{cell}” (перевод: " in t.replace("\\", "") for t in texts)


# -------------------------------------------------------------------------- the model


def test_country_view_in_russian(inputs):
    view = cv.build_view("TJK", inputs, RU)
    assert view.name == "Таджикистан" and view.lang == "ru"
    cards = cv.metric_cards(view, tr=RU)
    assert cards[0].value == "0,871"  # Table 1's 0.871, the Russian way
    assert cards[0].label.startswith("Балл ГИТ 2023 · Таблица 1, сн. 36, 37")
    assert cards[1].value == "-1,653"
    assert any(c.value == "более 3\u00a0000 паспортов" for c in cards)
    combined = cv.metric_cards(view, combine_gti=True, tr=RU)[0]
    assert combined.delta == "-1,653 с 2013 г. · -1,335 с 2022 г."
    assert view.border_text == "Таджикистан граничит с Афганистаном."
    # Russian plurals: 1 инициатива, 3 инициативы, 5 инициатив
    md = cv.approaches_md(view, tr=RU)
    assert "· 1 инициатива \\[" in md and "· 3 инициативы \\[" in md and "· 5 инициатив \\[" in md
    assert "“OSCE” (перевод: ОБСЕ)" in md
    assert "**Только текст статьи (нет в таблице 4):**" in md
    compact = cv.rights_md(view, compact=True, tr=RU)
    assert "Ещё 4 пункта (передовая практика, весь регион) — в справке." in compact
    assert russian.english_leaks([md, compact, cv.border_md(view, tr=RU)]) == []
    # dates at the printed precision, in Russian words where the paper gives a month
    assert all(not re.search(r"[A-Za-z]", w) for w in view.initiatives["when"])


def test_country_page_model_in_russian(inputs, geometry):
    view = cv.build_view("KGZ", inputs, RU)
    names = cv.country_names(data.countries("ru"))
    page = cp.build(view, names, geometry, tr=RU)
    assert page.name == "Кыргызстан"
    assert [s.label for s in page.steps] == [
        "Предыдущая: Таджикистан",
        "Следующая: Туркменистан",
    ]
    headings = [
        b.content for row in page.body for col in row.columns for b in col if b.kind == "heading"
    ]
    assert headings[:2] == ["Подходы", "Права человека"]
    n = len(view.references)
    assert headings[-1] == f"Источники ({n} {'сноски' if n % 10 in (2, 3, 4) else 'сносок'})"
    # Table 1 prints Kyrgyzstan as "Kyrgyz Republic": quoted in English, the rest Russian
    assert (
        "В таблице 1 название напечатано как “Kyrgyz Republic” (перевод: Кыргызская Республика)."
        in page.figure_notes
    )
    # ... and only where the name differs (Table 1's "Uzbekistan" is Узбекистан)
    uzb = cp.build(cv.build_view("UZB", inputs, RU), names, geometry, tr=RU)
    assert not any("таблице 1" in n for n in uzb.figure_notes)
    slide = cv.slides(view, geometry, RU, names)[0]
    blocks = [b for col in slide.columns for b in col]
    slide_text = [b.body for b in blocks if isinstance(b.body, str)]
    slide_text += [t for b in blocks if b.kind == "metric" for t in b.body]
    n_undated = len(view.initiatives) - int(view.initiatives["dated"].sum())
    assert f"Инициативы ({len(view.initiatives)}; без даты: {n_undated} — в справке)" in slide_text
    chart = next(b.body for b in blocks if b.kind == "chart")
    assert {"Кыргызстан", "Афганистан"} <= set(spec_texts(chart))
    shapes = json.dumps(chart, ensure_ascii=False)  # the outlines ride as one JSON string
    assert "Китай" in shapes and "China" not in shapes  # a neighbour named by Babel (CLDR)
    assert russian.english_leaks(slide_text + [slide.source]) == []


def test_timeline_chart_in_russian(inputs):
    view = cv.build_view("UZB", inputs, RU)
    spec = cv.timeline_chart(view.initiatives, tr=RU).to_dict()
    assert spec["config"]["locale"]["time"]["months"][6] == "июль"
    enc = spec["encoding"]
    assert enc["color"]["title"] == "Масштаб"
    assert [t["title"] for t in enc["tooltip"]] == [
        "Инициатива",
        "Дата (как в статье)",
        "Масштаб",
        "Сноски",
    ]
    scopes = set(enc["color"]["scale"]["domain"])
    assert scopes <= {"Национальный", "Региональный", "Глобальный"} and scopes
    # English keeps its words (the scope codes, "Scope")
    assert cv.timeline_chart(view.initiatives).to_dict()["encoding"]["color"]["title"] == "Scope"


# -------------------------------------------------------------------------- the brief


def test_brief_in_russian(inputs, geometry):
    view = cv.build_view("KGZ", inputs, RU)
    names = cv.country_names(data.countries("ru"))
    html = cp.brief_html(
        view,
        geometry,
        generated=dt.date(2026, 11, 28),
        dataset_version="v-test",
        provenance=data.provenance(),
        tr=RU,
        names=names,
    )
    assert '<html lang="ru">' in html
    assert "<h1>Кыргызстан: справка по стране</h1>" in html
    for heading in ("Ключевые показатели", "Подходы", "Инициативы", "Граница с Афганистаном"):
        assert f"<h2>{heading}</h2>" in html
    assert '<td class="value">0,000</td>' in html and '<td class="value">-1,870</td>' in html
    assert "<th>Показатель</th><th>Как опубликовано</th><th>Источник</th>" in html
    body = re.sub(r'src="data:[^"]*"', "", html.split("<body>", 1)[1])
    text = re.sub(r"<[^>]+>", " ", body)
    assert len(CYRILLIC.findall(text)) > 1000
    assert russian.english_leaks([text]) == []
    assert '"DejaVu Sans"' in brief.PRINT_CSS


def _png(title: str) -> Image.Image:
    spec = {"data": {"values": [{}]}, "mark": "point", "title": title, "width": 200}
    return Image.open(io.BytesIO(brief.chart_png(spec))).convert("RGB")


def test_brief_charts_draw_cyrillic_in_the_registered_font(inputs, geometry):
    assert brief.register_fonts(), f"{brief.FONT_DIR} is missing (the Makefile installs it)"
    names = cv.country_names(data.countries("ru"))
    spec = cv.mini_map("KGZ", geometry, height=300, width=300, tr=RU, names=names)
    svg = vlc.vegalite_to_svg(brief.chart_spec(spec), allowed_base_urls=[])
    labels = re.findall(r"<text[^>]*font-family=\"([^\"]+)\"[^>]*>([^<]*)</text>", svg)
    assert ("DejaVu Sans", "Кыргызстан") in labels
    assert {family for family, _ in labels} == {"DejaVu Sans"}
    # Drawn, not boxes: Cyrillic text differs from the same number of missing-glyph boxes
    # (private-use characters no font has), which would be identical if Cyrillic were tofu.
    title = "Инициативы Кыргызстана"
    tofu = re.sub(r"\S", "\ue000", title)
    drawn, boxes = _png(title), _png(tofu)
    assert drawn.size != boxes.size or ImageChops.difference(drawn, boxes).getbbox() is not None
