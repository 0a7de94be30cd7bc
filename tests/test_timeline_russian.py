"""The initiatives timeline in Russian (issue 19): the page with a partner filter shows no
English interface string, its counts parse back to the data, the builders speak Russian
(legend, axis locale, dates at their precision, plural forms), and a filter keeps the same
initiatives in both languages (filters match codes, never labels)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from components import data
from components import filters as F
from components import timeline_view as TV
from components.i18n import Translator
from components.text import date_range
from tests.support import russian
from tests.support.apptest import run_page

RU = Translator("ru")
# Fields of a chart's data that hold words the viewer reads (the others are codes: kind,
# id, drawn_as, colour_key, marker, dates).
SHOWN_FIELDS = (
    "title",
    "label",
    "slot",
    "drawn_label",
    "colour_label",
    "date_text",
    "partners_text",
    "countries_text",
    "themes_text",
    "flag_text",
    "family",
    "country",
    "scope",
    "when",
)


def spec_texts(spec: object) -> Iterator[str]:
    """Every text a Vega-Lite spec draws: titles, subtitles, legend label expressions, scale
    domains and the shown fields of its data."""
    if isinstance(spec, dict):
        for key, value in spec.items():
            if key in ("title", "subtitle", "text", "labelExpr", "description"):
                if isinstance(value, str):
                    yield value
                elif isinstance(value, list):
                    yield from (v for v in value if isinstance(v, str))
            if key == "domain" and isinstance(value, list):
                yield from (v for v in value if isinstance(v, str))
            if key in ("datasets",) and isinstance(value, dict):
                for rows in value.values():
                    for row in rows:
                        yield from (str(row[f]) for f in SHOWN_FIELDS if row.get(f))
            yield from spec_texts(value)
    elif isinstance(spec, list):
        for value in spec:
            yield from spec_texts(value)


def leaks(texts) -> list[str]:
    """russian.english_leaks over the distinct texts joined into one (a fragment never spans
    the '¶' between two): one pass per catalogue fragment instead of one per text and
    fragment, which made a chart's thousand data cells take minutes."""
    return russian.english_leaks([" ¶ ".join(sorted(set(texts)))])


def frames(lang: str):
    return data.initiatives(lang), TV.vocabulary_from_data(Translator(lang))


def build(state: F.FilterState, lang: str = "ru", view: F.ViewOptions | None = None):
    tr = Translator(lang)
    vocab = TV.vocabulary_from_data(tr)
    return TV.build_from_data(state, view or F.ViewOptions(), (), vocab, tr)


OSCE = F.FilterState(partners=("osce",))
# The page frame's own words (footer, briefing toggle: components/ui.py) are translated with
# the frame (branch ru-front), not by this page: left out here until that branch is merged.
FRAME = ("**Source:** M", "Projector layout:")


# ------------------------------------------------------------------ the page (AppTest)


def test_russian_timeline_with_a_partner_filter_has_no_english():
    at = run_page("timeline", {"lang": "ru", "partner": "osce"})
    assert not at.exception, [e.value for e in at.exception]
    ids = set(data.initiatives()["id"])  # the list's hidden id column: codes, not words
    texts = [t for t in russian.element_texts(at) if t not in ids and not t.startswith(FRAME)]
    # The chart specs the page draws, as the page builds them (cached by the same arguments).
    view = build(OSCE)
    charts = [s for s in (view.chart, view.summary) if s]
    texts += [t for spec in charts for t in spec_texts(spec)]
    assert leaks(texts) == []
    assert [t for t in texts if russian.english_decimals(t)] == []

    # The same initiatives as in English, and the count line parses back to the data.
    english = F.apply(OSCE, *frames("en"))
    ru = data.initiatives("ru")  # the details picker lists them as "date · title", in Russian
    labels = {TV.pick_label(d, t): i for i, d, t in zip(ru["id"], ru["date_text"], ru["title"])}
    listed = [labels[o] for o in at.selectbox(key="timeline_pick").options]
    assert sorted(listed) == sorted(english["id"])
    count = next(s.value for s in at.subheader if " из " in s.value)
    assert russian.russian_numbers(count) == [len(english), len(data.initiatives())]
    assert count.endswith("инициатив")  # 40: the genitive plural
    assert at.multiselect(key="timeline_partner").value == ["osce"]  # the value stays a code
    labels = {o: at.multiselect(key="timeline_partner").format_func(o) for o in ["osce", "un"]}
    assert labels == {"osce": "ОБСЕ", "un": "ООН"}


# ------------------------------------------------------------------ builders in Russian


@pytest.mark.parametrize(
    ("rows", "colour"), [("country", "family"), ("family", "theme"), ("organisation", "family")]
)
def test_every_chart_mode_speaks_russian(rows, colour):
    view = build(F.FilterState(), view=F.ViewOptions(rows=rows, colour=colour, incidents=True))
    texts = list(spec_texts(view.chart)) + list(spec_texts(view.summary))
    assert leaks(texts) == []
    # Vega formats axes the Russian way (month names, decimal comma).
    assert view.chart["config"]["locale"]["time"]["months"][6] == "июль"
    assert view.summary["config"]["locale"]["number"]["decimal"] == ","


def test_timeline_legends_tooltips_and_titles_in_russian():
    view = build(OSCE, view=F.ViewOptions(incidents=True))
    spec = view.chart
    texts = set(spec_texts(spec))
    assert "Группа партнёров" in texts  # the colour legend's title
    assert "Изображено как (точность даты)" in texts  # the date-precision legend
    assert "ОБСЕ" in texts  # a legend label (partner family)
    assert "Инцидент (нападение)" in " ".join(texts)  # the overlay's legend label
    tooltips = {
        t["title"] for layer in spec["layer"] for t in layer.get("encoding", {}).get("tooltip", [])
    }
    assert {"Название", "Дата по статье", "Партнёры", "Сноски"} <= tooltips
    n = len(view.shown[view.shown["period_start"].notna()])
    assert spec["title"]["text"].startswith(f"{n} датированн")
    assert "по странам" in spec["title"]["text"]


def test_dates_keep_their_precision_in_russian():
    ini, vocab = frames("ru")
    table = F.list_frame(ini, vocab, {}, RU)
    when = dict(zip(table["id"], table["when"], strict=True))
    row = ini.set_index("id")
    for iid, shown in when.items():
        start = row.loc[iid, "start"]
        if isinstance(start, str) and len(start) == 7 and not isinstance(row.loc[iid, "end"], str):
            month, year = shown.split()
            assert year == start[:4] and month[0].islower()  # "июль 2023", no day invented
    assert date_range("2023-07", None, RU) == "июль 2023"
    assert date_range("2023", "2027", RU) == "2023 – 2027"
    assert date_range(None, None, RU) == "без даты"


@pytest.mark.parametrize(
    ("n", "text"),
    [(1, "1 инициатива"), (3, "3 инициативы"), (5, "5 инициатив"), (21, "21 инициатива")],
)
def test_counts_take_russian_plural_forms(n, text):
    assert F.initiatives_text(n, RU) == text


def test_download_label_and_count_agree_in_number():
    assert F.count_text(1, 40, RU) == "1 из 40 инициатив"
    one = build(F.FilterState(text="PROTECT"))  # the search runs on the Russian text
    assert len(one.shown) >= 1
    label = one.download_label
    n = len(one.shown)
    assert label.startswith(f"Скачать {n} ") and label.endswith("(CSV)")
    assert F.initiatives_text(n, RU).split()[1] in RU.n_(
        "{n} initiative", "{n} initiatives", n
    ).format(n=n)


def test_details_panel_in_russian_quotes_citations_in_english():
    view = build(OSCE)
    texts = []
    for d in view.details:
        texts += [d.title_md, d.facts_md, d.summary_md, d.sources_md, d.citations_md]
        texts += [d.flag_md or ""] + [link.label for link in d.links]
    assert leaks(texts) == []
    assert any("**Дата по статье:**" in d.facts_md for d in view.details)
    # a citation stays as printed, in English quotation marks, with its translation marked
    assert any("“" in d.citations_md and "(перевод: " in d.citations_md for d in view.details)


def test_slides_in_russian():
    view = build(F.FilterState())
    slides = TV.slides(view)
    assert slides and all(s.title.startswith("Хронология инициатив, ") for s in slides)
    assert "(1 из " in slides[0].title
    texts = [s.title for s in slides] + [s.source for s in slides]
    for s in slides:
        for block in s.blocks:
            texts += list(spec_texts(block.body)) if block.kind == "chart" else [str(block.body)]
    assert leaks(texts) == []
    chart = slides[0].blocks[0].body
    assert chart["config"]["locale"]["time"]["months"][0] == "январь"
    assert {"Национальный", "Региональный", "Глобальный"} & set(spec_texts(chart))


# ------------------------------------------------------------ the same view in both languages


@pytest.mark.parametrize(
    "state",
    [
        OSCE,
        F.FilterState(partners=("osce_po_bishkek", "unoct")),
        F.FilterState(partners=("un",), countries=("TJK",)),
        F.FilterState(types=("workshop",), year_from=2023),
    ],
    ids=["osce", "two-partners", "un-tajikistan", "workshops-since-2023"],
)
def test_a_filter_keeps_the_same_initiatives_in_both_languages(state):
    en, ru = build(state, "en"), build(state, "ru")
    # the same initiatives (same-date ties are listed by title, so in each language's order)
    assert sorted(en.shown["id"]) == sorted(ru.shown["id"])
    assert len(en.shown) > 0
    assert en.query == ru.query  # the link is the same in both languages
    assert en.csv_name == ru.csv_name


def test_link_notices_and_empty_results_in_russian():
    _, vocab = frames("ru")
    state, _, notices = F.parse_query(
        {"partner": ["osce,nope"], "from": ["20x"], "rows": ["zz"]}, vocab, RU
    )
    assert state.partners == ("osce",)
    # the third names the values to type in the link (codes: country, family, organisation)
    assert len(notices) == 3 and leaks(notices[:2]) == []
    assert notices[0].startswith("Фильтр «партнёр»: значение 'nope' пропущено")
    assert notices[2].startswith("Пропущено rows='zz': допустимые значения — country,")
    ini, _ = frames("ru")
    empty = F.FilterState(partners=("hedayah",), countries=("TKM",))
    reason = F.explain_empty(empty, ini, vocab, RU)
    assert reason and leaks([reason]) == [] and "фильтр" in reason
