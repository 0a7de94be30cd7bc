"""The Map page and its two briefing slides in Russian (issue 19): no English interface or
curated string on screen, place names in Russian, numbers written the Russian way that
parse back to the published figures, and data text still inert in tooltips."""

from __future__ import annotations

import json
from decimal import Decimal
from types import SimpleNamespace

import pyarrow as pa
import pytest

from components import data, i18n
from components import map_deck as md
from components import map_view as mv
from components.slides import MIN_CHART_PX
from components.text import md_escape
from tests.support import russian
from tests.support.apptest import FOOTER_MARK, assert_polite, run_page, static_tables

RU = i18n.Translator("ru")


def published(value: float) -> Decimal:
    """A published GTI figure (printed with three decimals) as an exact decimal."""
    return Decimal(f"{value:.3f}")


@pytest.fixture(scope="module")
def inputs() -> mv.Inputs:
    return mv.Inputs.from_data("ru")


@pytest.fixture(scope="module")
def view(inputs) -> mv.MapView:
    return mv.build(inputs, framing=mv.CLOSE_UP, tr=RU)


def deck_texts(deck: dict) -> list[str]:
    """Every tooltip and label the deck sends to the browser."""
    out = []
    for layer in deck["layers"]:
        rows = layer["data"]["features"] if isinstance(layer["data"], dict) else layer["data"]
        for row in rows:
            props = row.get("properties", row) if isinstance(row, dict) else {}
            out += [str(props[k]) for k in ("tooltip", "text") if k in props]
    return out


def vega_texts(spec: dict, datasets: list[list[dict]] = ()) -> list[str]:
    """Titles and every string a Vega-Lite spec's data holds (inline or top-level)."""
    out: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                if k == "locale":
                    continue
                if k in ("title", "text") and isinstance(v, str):
                    out.append(v)
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(spec)
    rows = [r for t in (*spec.get("datasets", {}).values(), *datasets) for r in t]
    out += [v for r in rows if isinstance(r, dict) for v in r.values() if isinstance(v, str)]
    return out


def clean(texts: list[str]) -> tuple[list[str], list[str], list[str]]:
    return (
        russian.english_leaks(texts),
        russian.english_decimals("\n".join(texts)),
        [t for t in texts if "&#x27;" in t or "&amp;" in t],  # no pre-escaping in tooltips
    )


# ------------------------------------------------------------------------------ the page


def page_texts(at) -> list[str]:
    """What the map page itself shows: the main area without the page frame's footer (the
    frame, sidebar and footer, is translated with components.ui, not here), plus the
    deck's tooltips and labels and the legend's texts (its data arrives as Arrow)."""
    main = SimpleNamespace(main=at.main, sidebar=[], table=at.table, dataframe=at.dataframe)
    codes = {str(c) for frame in static_tables(at) for c in frame["Код"]}  # ids, not words
    texts = [t for t in russian.element_texts(main) if FOOTER_MARK not in t and t not in codes]
    (deck,) = at.get("deck_gl_json_chart")
    texts += deck_texts(json.loads(deck.proto.json))
    for chart in at.get("vega_lite_chart"):
        frames = [
            pa.ipc.open_stream(d.data.data).read_all().to_pylist() for d in chart.proto.datasets
        ]
        texts += vega_texts(json.loads(chart.proto.spec), frames)
    return texts


def test_the_map_page_in_russian(monkeypatch):
    """?lang=ru: Russian title, controls, legend, notes, tooltips, a click's panel and the
    data table; the framing keeps its code; every score shown parses back as published."""
    monkeypatch.setattr(md, "selected", lambda selection: ("country", "RUS"))
    at = run_page("map", {"lang": "ru"})
    at.session_state["map_data"] = True  # open the data table too
    at.run()
    assert_polite(at, "map?lang=ru")
    assert at.title[0].value == "Карта: Центральная Азия и граница с Афганистаном"
    framing = at.button_group(key="map_view")
    assert framing.value == mv.REGION  # the URL value stays the code
    assert list(framing.options) == ["Центральная Азия", "Граница с Афганистаном крупным планом"]
    assert at.toggle(key="map_layer_incidents").label == "Инциденты"

    texts = page_texts(at)
    assert clean(texts) == ([], [], [])
    joined = "\n".join(texts).replace("\\", "")
    for name in data.countries("ru").set_index("iso3").loc[list(mv.STATES), "name"]:
        assert name in joined
    assert "Китай\nнет балла" in texts  # a boundary file's name, in Russian
    assert "Провинция с оценкой рисков" in texts  # a legend entry
    # every country label's score is Table 1's figure
    gti = data.gti_countries()
    names = dict(zip(data.countries("ru")["iso3"], data.countries("ru")["name"], strict=True))
    labels = {t.split("\n")[0]: t.split("\n")[1] for t in texts if t.count("\n") == 1}
    # (a label the map's edge would cut is left out: its score is in the tooltip and table)
    assert {names[iso] for iso in mv.STATES if iso in set(gti["iso3"])} <= set(labels)
    for iso, value in zip(gti["iso3"], gti["score_2023"], strict=True):
        if names[iso] in labels:
            assert russian.russian_numbers(labels[names[iso]]) == [published(value)], iso
    # the clicked country's panel: score, changes and the implied 2013 score of the flag
    rus = gti.set_index("iso3").loc["RUS"]
    panel = " ".join(w.value for w in at.warning) + " ".join(m.value for m in at.markdown)
    shown = set(russian.russian_numbers(panel.replace("\\", "")))
    assert {
        published(rus["score_2023"]),
        published(rus["change_2013_2023"]),
        published(rus["change_2022_2023"]),
        published(rus["implied_2013"]),
    } <= shown
    (table,) = static_tables(at)
    assert "Балл ГИТ 2023" in table.columns and "gti_2023_score" not in table.columns


# ------------------------------------------------------------------------------ builders


def test_deck_labels_tooltips_and_legend_in_russian(inputs):
    tr = RU
    cfc = md.country_features(inputs.geo_countries, inputs.gti, inputs.countries, tr=tr)
    tjk = next(f["properties"] for f in cfc["features"] if f["properties"]["iso3"] == "TJK")
    assert tjk["label"] == "Таджикистан\n0,871"
    assert tjk["tooltip"].startswith("Таджикистан: балл ГИТ 2023 — 0,871 (из 10)\n")
    assert "Источник: Таблица 1, ГИТ 2024 (сноски 36, 37)" in tjk["tooltip"]
    markers = md.incident_markers(inputs.incidents, inputs.armed_groups, tr=tr)
    assert [m["label"] for m in markers if m["n"] > 1] == ["3 инцидента, 2022"]  # plural
    tashkent = next(m for m in markers if m["ids"] == ["tashkent_1999"])
    assert tashkent["tooltip"].splitlines()[:3] == [
        "Ракетные атаки в Ташкенте",
        "Дата: 1999",
        "Место: Ташкент",
    ]
    assert "Источник: сноска 30" in tashkent["tooltip"]
    assert md.tooltip_is_inert(md.tooltip_spec())
    legend = md.legend_rows(inputs.gti, inputs.geo_countries, tr)
    assert {"0,871", "3,016", "нет балла", "Граница с заметками"} <= set(legend["label"])
    spec = md.legend_chart(inputs.gti, inputs.geo_countries, tr=tr).to_dict()
    assert spec["config"]["locale"]["number"]["decimal"] == ","
    assert spec["config"]["view"]["strokeWidth"] == 0  # the locale kept the rest of config
    assert "Балл ГИТ 2023 (из 10)" in vega_texts(spec)


def test_every_boundary_name_has_a_russian_name():
    """A place the boundary files name would otherwise show in English on the Russian map."""
    for name in ("geo_countries", "geo_provinces", "geo_borders"):
        for f in data.geo(name)["features"]:
            english = f["properties"]["name"]
            if f["properties"].get("iso3") not in set(data.countries()["iso3"]):
                assert english in md.GEO_NAMES, english
                assert RU._(english) != english, english


def test_the_view_in_russian(view):
    assert view.intro.startswith("3 из 5 государств Центральной Азии граничат с Афганистаном.")
    assert "от 0,000 до самого высокого балла в таблице 1 (3,016)" in view.map_caption
    uzb = view.details[("border", "AFG-UZB")]
    assert uzb.flag_md.startswith("**Пометка (несовпадение страны):**")
    assert "- **Местность:** Пустыня, без гор" in uzb.body_md
    tkm = view.details[("country", "TKM")]
    assert "В таблице 1 — 7 стран, и Туркменистан в их число не входит" in tkm.lead_md
    assert tkm.link.label == "Открыть страницу страны: Туркменистан"
    assert tkm.link.query == {"country": "TKM"}
    shelling = view.selection(("incidents", ["shelling_uzb_2022"]))[0].lead_md
    assert "апрель 2022 – май 2022 \\(в статье: «апрель и май 2022 года»\\)" in shelling
    texts = [view.intro, view.map_caption, view.hint, view.notes_heading, view.data_label]
    texts += [p.lead_md + p.flag_md + p.body_md + p.heading for p in view.details.values()]
    texts += deck_texts(json.loads(view.deck_json)) + vega_texts(view.legend)
    words = view.table.drop(columns="Код")  # the codes (AFG, border_crossing_2022) stay
    texts += [str(v) for v in words.to_numpy().ravel()] + list(view.table.columns)
    assert clean(texts) == ([], [], [])


def test_a_border_label_keeps_a_data_text_escaped_in_russian(inputs):
    """Data text reaches Markdown escaped in Russian as in English."""
    notes = inputs.border_notes.copy()
    notes.loc[0, "title"] = "<b>*x*</b>"
    item = md.border_note_items(notes, inputs.armed_groups, inputs.incidents)
    item = next(i for i in item if i["title"] == "<b>*x*</b>")
    panel = mv.note_panel(item, inputs.sources, RU)
    assert panel.lead_md == f"**{md_escape('<b>*x*</b>')}**"
    assert "<b>" not in panel.lead_md


# ------------------------------------------------------------------------------ slides


@pytest.fixture(scope="module")
def slides(inputs) -> tuple:
    return mv.slides(inputs, mv.slide_geometry(), RU)


def test_the_map_slides_in_russian(slides):
    region, border = slides
    assert region.title == md_escape("Центральная Азия и граница с Афганистаном: регион")
    assert border.title == "Граница с Афганистаном крупным планом"
    for slide in slides:
        (chart,) = [b.body for b in slide.blocks if b.kind == "chart"]
        assert chart["config"]["locale"]["number"]["decimal"] == ","
        assert chart["config"]["legend"]["labelFontSize"] >= MIN_CHART_PX  # kept beside it
        spec_texts = vega_texts(chart)
        assert {"Балл ГИТ 2023 (из 10)", "На карте", "Инциденты"} <= set(spec_texts)
        assert "Нет балла ГИТ (штриховка): не ноль" in json.dumps(chart, ensure_ascii=False)
        side = [str(b.body) for col in slide.columns[1:] for b in col]
        assert clean([slide.title, slide.source, *side, *spec_texts]) == ([], [], [])
    labels = vega_texts(slides[0].blocks[0].body)
    assert "Таджикистан 0,871" in labels and "Туркменистан (нет балла)" in labels
    close_up = vega_texts(border.blocks[0].body)
    assert {"Балх", "Тахар", "Бадахшан"} <= set(close_up)
    side = "\n".join(str(b.body) for b in border.columns[1]).replace("\\", "")
    assert "Провинции с оценкой рисков" in side
    assert "место не указано, маркер приблизителен" in side


def test_a_shared_framing_link_keeps_its_code_in_russian():
    """The framing's URL value is a code: an English link opens the close-up in Russian,
    and choosing a framing in Russian writes the same code (never the Russian label)."""
    at = run_page("map", {"lang": "ru", mv.FRAMING_PARAM: mv.CLOSE_UP})
    assert at.button_group(key=mv.FRAMING_PARAM).value == mv.CLOSE_UP
    assert at.query_params[mv.FRAMING_PARAM] == mv.CLOSE_UP
    at.button_group(key=mv.FRAMING_PARAM).set_value(mv.REGION).run()
    assert mv.FRAMING_PARAM not in at.query_params  # the default keeps the URL clean
    at.button_group(key=mv.FRAMING_PARAM).set_value(mv.CLOSE_UP).run()
    assert at.query_params[mv.FRAMING_PARAM] == mv.CLOSE_UP
    assert not at.exception
