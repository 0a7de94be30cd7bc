"""DeckView: rows titled from the vocabulary, states in words, notices, share link."""

from __future__ import annotations

from urllib.parse import parse_qs

import pytest

from components import deck as dk
from components import deck_view as DV
from components.text import md_escape
from components.vocab import PAGE_TITLES, PART_TITLES, STATES

NAMES = {"KAZ": "Kazakhstan", "UZB": "Uzbekistan"}


@pytest.mark.parametrize(
    ("raw", "title", "detail"),
    [
        ("overview", PAGE_TITLES["overview"], ""),
        ("map?part=border", PART_TITLES["map"]["border"], ""),
        ("gti?part=scores", PART_TITLES["gti"]["scores"], ""),
        ("gti?part=nonsense", PAGE_TITLES["gti"], "part: nonsense"),
        ("countries?country=KAZ", PAGE_TITLES["countries"], "Kazakhstan"),
        ("countries?country=XX*", PAGE_TITLES["countries"], "Country: XX\\*"),
        (
            "approaches?country=UZB&approach=youth",
            PAGE_TITLES["approaches"],
            "Uzbekistan · Approach: youth",  # not an approach: as given
        ),
    ],
)
def test_rows(raw, title, detail) -> None:
    deck, _ = dk.parse_deck(raw)
    (row,) = DV.build(deck, [], NAMES).rows
    assert (row.number, row.title, row.detail) == (1, md_escape(title), detail)
    assert row.label.startswith("**1.** ")


def test_empty_deck_says_what_to_do_and_has_no_share_link() -> None:
    v = DV.build(dk.Deck(), [], NAMES)
    assert v.rows == () and v.summary == DV.LABELS.empty and v.share_query == ""
    assert v.share_url("http://h/deck") == "http://h/deck"


def test_share_link_round_trips() -> None:
    deck = DV.regional_briefing()
    v = DV.build(deck, [], NAMES)
    assert v.summary == f"{len(deck)} slides"
    (raw,) = parse_qs(v.share_url("http://h/deck").split("?", 1)[1])["deck"]
    assert dk.parse_deck(raw) == (deck, [])


def test_regional_briefing_from_the_vocabulary() -> None:
    deck = DV.regional_briefing()
    assert [s.page for s in deck.slides[:5]] == ["overview", "map", "map", "gti", "approaches"]
    assert deck.slides[3].query == {"part": next(iter(PART_TITLES["gti"]))}
    assert [s.query["country"] for s in deck.slides[5:]] == list(STATES)


def test_notices_are_escaped() -> None:
    deck, notices = dk.parse_deck("nowhere*~overview")
    v = DV.build(deck, notices, NAMES)
    assert len(v.rows) == 1 and len(v.notices) == 1 and "\\*" in v.notices[0]


def test_every_page_has_a_title() -> None:
    assert set(dk.PAGE_PARAMS) <= set(PAGE_TITLES)


@pytest.mark.parametrize(("n", "summary"), [(1, "1 слайд"), (3, "3 слайда"), (5, "5 слайдов")])
def test_russian_deck_view_counts_slides_with_russian_plurals(n, summary) -> None:
    from components import i18n

    deck = dk.Deck(tuple(dk.make_slide("countries", {"country": s}) for s in STATES[:n]))
    view = DV.build(deck, (), {"KAZ": "Казахстан"}, i18n.Translator("ru"))
    assert view.summary == summary
    assert view.rows[0].title == md_escape("Страны") and view.rows[0].detail == "Казахстан"
    assert DV.labels(i18n.Translator("ru")).present == "Показать с начала"


# ---- every setting a slide may carry, in words (its page's control label, its value by name)

# One readable value per (page, parameter) of deck.PAGE_PARAMS, and what the row shows for
# it in each language. "part" names a slide: the row's title says it where the page has
# several named parts (map, gti), else "part: n".
SETTING_CASES = {
    ("map", "part"): ("border", "", ""),
    ("map", "incidents"): ("false", "Incidents: off", "Инциденты: выкл."),
    ("map", "provinces"): ("true", "Afghan provinces: on", "Провинции Афганистана: вкл."),
    ("map", "borders"): ("False", "Border segments: off", "Участки границы: выкл."),
    ("map", "labels"): ("true", "Labels: on", "Подписи: вкл."),
    ("gti", "part"): ("changes", "", ""),
    ("gti", "countries"): (
        "TJK,uzb",
        "Highlight countries in every chart: Tajikistan (TJK) and Uzbekistan (UZB)",
        "Выделить страны на всех диаграммах: Таджикистан (TJK) и Узбекистан (UZB)",
    ),
    ("approaches", "country"): ("UZB", "Uzbekistan", "Узбекистан"),
    ("approaches", "approach"): (
        "osce",
        "Approach: Cooperation with the OSCE",
        "Подход: Сотрудничество с ОБСЕ",
    ),
    ("approaches", "partner"): (
        "osce",
        "Partner organisation (includes its offices and units): OSCE",
        "Организация-партнёр (включая её офисы и подразделения): ОБСЕ",
    ),
    ("approaches", "rights"): ("true", "Human-rights lens: on", "Права человека: вкл."),
    ("timeline", "part"): ("2", "part: 2", "часть: 2"),
    ("timeline", "partner"): ("osce", "Partner organisation: OSCE", "Организация-партнёр: ОБСЕ"),
    ("timeline", "country"): (
        "KAZ,uzb",
        "Country: Kazakhstan or Uzbekistan",
        "Страна: Казахстан или Узбекистан",
    ),
    ("timeline", "theme"): (
        "prevention",
        "Theme: Prevention & de-radicalisation",
        "Тема: Профилактика и дерадикализация",
    ),
    ("timeline", "type"): ("law", "Type: law", "Тип: закон"),
    ("timeline", "from"): ("2020", "Years: from 2020", "Годы: с 2020"),
    ("timeline", "to"): ("2021", "Years: up to 2021", "Годы: по 2021"),
    ("timeline", "q"): (
        "border",
        "Search titles, summaries and figures: “border”",
        "Поиск по названиям, описаниям и цифрам: «border»",
    ),
    ("timeline", "rows"): ("family", "One row per: Partner family", "Строки по: Группа партнёров"),
    ("timeline", "colour"): ("theme", "Colour by: Theme", "Цвет по: Тема"),
    ("timeline", "incidents"): (
        "0",
        "Overlay incidents (attacks): off",
        "Показать инциденты (нападения): выкл.",
    ),
    ("countries", "country"): ("KAZ", "Kazakhstan", "Казахстан"),
    ("sources", "part"): ("2", "part: 2", "часть: 2"),
    ("sources", "q"): ("OSCE", "Search citations: “OSCE”", "Поиск по сноскам: «OSCE»"),
    ("sources", "kind"): ("news", "Kind of source: News", "Вид источника: Новости"),
}
PARAMS = [(page, key) for page, keys in dk.PAGE_PARAMS.items() for key in keys]


@pytest.fixture(scope="module")
def words():
    from components import i18n

    return {lang: DV.setting_words(i18n.Translator(lang)) for lang in ("en", "ru")}


def test_every_page_parameter_has_a_case_and_a_label() -> None:
    assert sorted(SETTING_CASES) == sorted(PARAMS)
    assert sorted(DV.SETTINGS) == sorted(p for p in PARAMS if p[1] != "part")


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize(("page", "key"), PARAMS, ids=[f"{p}-{k}" for p, k in PARAMS])
def test_each_setting_reads_in_words(page, key, lang, words) -> None:
    from components import i18n
    from tests.support import russian

    value, en, ru = SETTING_CASES[(page, key)]
    tr = i18n.Translator(lang)
    slide = dk.make_slide(page, {key: value})
    (row,) = DV.build(dk.Deck((slide,)), (), words[lang], tr).rows
    assert row.detail == md_escape(en if lang == "en" else ru)
    if key != "part":  # a setting is never its raw key and code
        assert f"{key}: {value}" not in row.detail
    if lang == "ru":
        assert russian.english_leaks([row.detail]) == []


def test_a_year_range_reads_as_one_setting(words) -> None:
    from components import i18n

    slide = dk.make_slide("timeline", {"from": "2020", "to": "2022", "rows": "country"})
    (row,) = DV.build(dk.Deck((slide,)), (), words["ru"], i18n.Translator("ru")).rows
    assert row.detail == md_escape("Годы: 2020–2022 · Строки по: Страна")


def test_the_audits_rows_in_russian(words) -> None:
    """The rows the audit found in raw English keys and codes (?lang=ru)."""
    from components import i18n

    raw = (
        "approaches?approach=osce&rights=true~gti?countries=TJK,UZB"
        "~timeline?partner=osce&from=2020&rows=country~timeline?incidents=0~sources?kind=news"
    )
    deck, _ = dk.parse_deck(raw)
    rows = DV.build(deck, (), words["ru"], i18n.Translator("ru")).rows
    details = [r.detail for r in rows]
    for raw_words in ("approach:", "rights:", "countries:", "partner:", "from:", "rows:"):
        assert not any(raw_words in d for d in details), raw_words
    assert not any(w in d for d in details for w in ("incidents:", "kind:", "true", "osce"))


@pytest.mark.parametrize("value", [",", " , ", "²", "١٢", "<b>*x*</b>", "x" * 300, "osce,,UN"])
@pytest.mark.parametrize(("page", "key"), PARAMS, ids=[f"{p}-{k}" for p, k in PARAMS])
def test_any_value_reads_without_raising_and_escaped(page, key, value, words) -> None:
    """A deck link is user input: an odd value shows as given (escaped), never raises."""
    from components import i18n

    slide = dk.make_slide(page, {key: value})
    for lang in ("en", "ru"):
        (row,) = DV.build(dk.Deck((slide,)), (), words[lang], i18n.Translator(lang)).rows
        assert "<b>" not in row.detail


@pytest.mark.parametrize(
    ("raw", "said"),
    [
        ("countries?country=KAZ", None),
        ("countries?country=AFG", "not one of the five"),  # a country, not one of the five
        ("approaches?country=UZB&approach=online", None),
        ("approaches?approach=osce,un", "not a row of the matrix"),  # one approach, not two
        ("gti?countries=KAZ,UZB", None),
        ("gti?countries=KAZ,XXX", "XXX"),
        ("timeline?partner=osce&from=2019&to=2023", None),
        ("timeline?partner=osce,xyz", "xyz"),  # one unknown item is enough
        ("timeline?from=2030", "2030"),
        ("sources?kind=News", None),
        ("sources?kind=news", "news"),  # the link holds the label, not the code
        ("sources?q=" + "A" * 250, "250 characters"),
        ("map?part=border", None),
        ("map?part=9", "no slide '9'"),
        ("timeline?part=2", None),  # a long list's second slide
        ("timeline?part=abc", "no slide 'abc'"),  # quoted as the player quotes it
        ("sources?part=abc", "no slide 'abc'"),
    ],
)
def test_a_row_says_what_its_page_will_not_do_in_the_pages_words(raw, said, words) -> None:
    deck, _ = dk.parse_deck(raw)
    (row,) = DV.build(deck, (), words["en"]).rows
    assert (said in row.warning) if said else row.warning == ""


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_regional_briefing_has_no_warning(lang, words) -> None:
    from components import i18n

    view = DV.build(DV.regional_briefing(), (), words[lang], i18n.Translator(lang))
    assert [r.warning for r in view.rows] == [""] * len(view.rows)
