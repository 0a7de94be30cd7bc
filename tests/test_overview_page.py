"""AppTests for pages/overview.py: the page places the builder's view (tests/test_overview_view.py
checks the view's content) and its links follow briefing mode."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from babel.numbers import parse_decimal
from streamlit.testing.v1 import AppTest

from components import country_view as cv
from components import data, i18n
from components import overview_view as ov
from tests.support import russian
from tests.support.apptest import assert_polite, run_page

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def open_overview(query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture(scope="module")
def view() -> ov.OverviewView:
    return ov.build(
        cv.Inputs.from_data(),
        data.gti_regions(),
        data.flags(),
        data.provenance(),
        data.dataset_version(),
    )


@pytest.fixture(scope="module")
def at() -> AppTest:
    return open_overview()


def test_the_page_places_the_view(at, view):
    assert at.title[0].value == view.title
    assert [s.value for s in at.subheader] == [
        view.facts_heading,
        view.cards_heading,
        view.about_heading,
    ]
    assert [(m.label, m.value) for m in at.metric] == [(f.label_md, f.value) for f in view.facts]
    captions = [c.value for c in at.caption]
    assert all(f.caption_md in captions for f in view.facts)
    markdown = [m.value for m in at.markdown]
    cards = [m for m in markdown if m.startswith("#### ")]  # one block per card, in order
    assert [(c.title_md, c.body_md) for c in view.cards] == [tuple(m.split("\n\n")) for m in cards]
    # the about section: each column one block, its paragraphs in reading order
    assert f"{view.is_md}\n\n{view.is_not_md}" in markdown
    assert f"{view.flags_intro_md}\n\n{view.flags_md}" in markdown


def links(at: AppTest) -> list[tuple[str, str, str]]:
    return [(p.proto.page, p.proto.label, p.proto.query_string) for p in at.get("page_link")]


def test_cards_and_the_timeline_fact_link_out(at):
    got = links(at)
    assert ("timeline", "Initiatives timeline", "") in got
    for iso in data.CENTRAL_ASIA:
        assert ("countries", "Country view", f"country={iso}") in got
    helps = [p.proto.help for p in at.get("page_link") if p.proto.label == "Country view"]
    names = data.countries().set_index("iso3")["name"]
    assert helps == [f"Open the country view for {names[i]}" for i in data.CENTRAL_ASIA]


def slide_markdown(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown]


def test_briefing_mode_shows_the_overview_slide_and_leaving_it_restores_the_page(view):
    at = open_overview()
    at.toggle(key="present").set_value(True).run()
    assert not at.exception
    assert at.query_params.get("present") == "1"
    (slide,) = ov.slides(view)
    shown = slide_markdown(at)
    assert "## " + slide.title in shown
    items = [b.body for b in slide.blocks if b.kind == "item"]  # the cards: one tight list
    assert [m for m in shown if m.startswith("- ")] == ["\n".join("- " + i for i in items)]
    assert len(items) == len(data.CENTRAL_ASIA)
    # the page's cards give way to the slide, whose five facts are large figures
    assert [(m.label, m.value) for m in at.metric] == [
        b.body[:2] for b in slide.blocks if b.kind == "metric"
    ]
    assert len(at.metric) == 5 and not at.get("page_link")
    at.toggle(key="present").set_value(False).run()
    out = [q for _, _, q in links(at)]
    assert len([q for q in out if "country=" in q]) == 5
    assert all("present=1" not in q for q in out)


def test_a_shared_briefing_link_opens_the_slide():
    at = open_overview({"present": "1"})
    assert any(m.startswith("### The region in five facts") for m in slide_markdown(at))
    assert not [q for _, _, q in links(at) if "country=" in q]


# ------------------------------------------------------------------ Russian (issue 19)


def _ru_number(text: str) -> Decimal:
    return parse_decimal(text.replace("\\", ""), locale="ru")


def test_the_russian_overview_has_no_english_interface_text_and_its_numbers_parse_back():
    at = run_page("overview", {"lang": "ru"})
    assert_polite(at, "/?lang=ru")
    texts = russian.element_texts(at)
    assert russian.english_leaks(texts) == []
    # 0.871 written the English way (a point) must not appear outside quotations
    assert [d for t in texts for d in russian.english_decimals(t) if "." in d] == []
    assert at.title[0].value == "Противодействие терроризму и экстремизму в Центральной Азии"
    gti = data.gti_countries().set_index("iso3")
    eurasia = data.gti_regions().set_index("region").loc["Eurasia"]
    values = [m.value for m in at.metric]
    top = gti[gti.index.isin(data.CENTRAL_ASIA)]["score_2023"].max()
    assert _ru_number(values[0]) == Decimal(f"{top:.3f}")
    assert _ru_number(values[1]) == Decimal(f"{eurasia['avg_score_2023']:.3f}")
    labels = " ".join(m.label for m in at.metric)
    for col in ("change_2013_2023", "change_2022_2023"):
        assert Decimal(f"{eurasia[col]:.3f}") in russian.russian_numbers(labels.replace("\\", ""))
    markdown = [m.value for m in at.markdown]
    for iso in ("KAZ", "UZB", "TJK", "KGZ"):  # Turkmenistan is not in Table 1
        shown = f"ГИТ 2023: **{i18n.Translator('ru').decimal(gti.loc[iso, 'score_2023'], 3)}**"
        assert any(f"\n\n{shown}" in m for m in markdown), iso
    # Table 4 stays quoted in English, its Russian beside it, marked as a translation
    t4 = data.table4("ru").set_index("iso3").loc["TJK"]
    assert any(
        f"“{t4['approaches_as_printed']}” (перевод: {t4['approaches_as_printed_ru']})" in m
        for m in markdown
    )
    assert any(m.endswith("19 инициатив в статье") for m in markdown)  # plural: many
    assert "Из 40 сносок: у каждой инициативы своя." in [c.value for c in at.caption]


def test_the_russian_overview_slide_has_no_english_interface_text():
    at = run_page("overview", {"lang": "ru", "present": "1"})
    assert not at.exception
    # The slide's own text: its headings and items. (Its source line is written by the deck
    # frame in ui.py below the slides marker, which is translated separately.)
    texts = [t for t in russian.element_texts(at) if t.startswith(("#", "- "))]
    assert "### Регион в пяти фактах" in texts and len(texts) == 1 + 2 + 1  # five items, one list
    assert texts[-1].count("\n- ") == 4
    texts += [t for m in at.metric for t in (m.label, m.value, m.proto.delta)]  # the facts
    assert russian.english_leaks(texts) == []
    assert [d for t in texts for d in russian.english_decimals(t) if "." in d] == []
