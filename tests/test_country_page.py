"""The country-views page's screen model (components/country_page.py), without an app."""

from __future__ import annotations

import dataclasses
import re

import altair as alt
import pytest

from components import country_page as cp
from components import country_view as cv
from components import data
from components import layout as L
from components.vocab import EVIDENCE_LABELS, STATES
from tests.support.markdown import shown_numbers

NAMES = cv.country_names(data.countries())


@pytest.fixture(scope="module")
def inputs() -> cv.Inputs:
    return cv.Inputs.from_data()


@pytest.fixture(scope="module")
def geometry() -> cv.MapGeometry:
    return cv.map_geometry(data.geo("geo_countries"), data.geo("geo_borders"))


def page_of(iso, inputs, geometry, briefing=False) -> tuple[cv.CountryView, cp.CountryPage]:
    view = cv.build_view(iso, inputs)
    return view, cp.build(view, NAMES, geometry, briefing=briefing)


def blocks(rows: tuple[L.Row, ...], kind: str) -> list[L.Block]:
    """Every block of `rows` of one kind, in reading order (column by column)."""
    return [b for r in rows for col in r.columns for b in col if b.kind == kind]


def contents(page: cp.CountryPage, kind: str) -> list:
    return [b.content for b in blocks(page.body, kind)]


# ---------------------------------------------------------------------- the screen


@pytest.mark.parametrize("iso", STATES)
@pytest.mark.parametrize("briefing", [False, True], ids=["normal", "briefing"])
def test_layout_headings_charts_and_steps(iso, briefing, inputs, geometry):
    view, page = page_of(iso, inputs, geometry, briefing)
    n, refs = len(view.initiatives), len(view.references)
    headings = [
        "Approaches",
        "Human rights",
        "Where",
        "The Afghan border",
        f"Initiatives ({n})",
        f"Sources ({refs} footnotes)",
    ]
    assert [(r.widths, r.gap) for r in page.body] == [((3.0, 2.0), "large"), ((1.0,), "small")]
    assert contents(page, L.HEADING) == headings
    charts = blocks(page.body, L.CHART)
    assert [c.key for c in charts] == ["country_map", "country_timeline"]
    alt.TopLevelSpec.validate(charts[0].content)  # raise on an invalid Vega-Lite spec
    alt.TopLevelSpec.validate(charts[1].content)
    assert page.name == NAMES[iso]
    prev, nxt = page.steps
    # On the page the label is the accessible name: it says what the button does; a slide
    # has room for the names only.
    prev_label, next_label = NAMES[cv.step(iso, -1)], NAMES[cv.step(iso, 1)]
    if not briefing:
        prev_label, next_label = f"Previous: {prev_label}", f"Next: {next_label}"
    assert (prev.iso3, prev.delta, prev.label) == (cv.step(iso, -1), -1, prev_label)
    assert (nxt.iso3, nxt.delta, nxt.label) == (cv.step(iso, 1), 1, next_label)
    assert (prev.help, nxt.help) == ("Previous country", "Next country")


# ------------------------------------------------------------------- normal mode


@pytest.mark.parametrize("iso", STATES)
def test_normal_mode_full_lists_links_and_captions(iso, inputs, geometry):
    view, page = page_of(iso, inputs, geometry)
    cards = [c for row in page.card_rows for c in row]
    assert len(cards) == (3 if view.in_table1 else 1) + len(view.key_figures)
    # as few rows of at most 4 as the cards need, as even as they can be (no card alone)
    sizes = [len(row) for row in page.card_rows]
    assert len(sizes) == -(-len(cards) // 4) and max(sizes) - min(sizes) <= 1, sizes
    assert page.per_row == max(sizes) <= 4
    assert page.figure_notes == tuple(cv.figure_notes(view))
    n_dated = int(view.initiatives["dated"].sum())
    n_undated = len(view.initiatives) - n_dated
    captions = contents(page, L.CAPTION)
    assert captions == [
        cp.MAP_CAPTION,
        (
            f"{n_dated} dated "
            + ("initiative drawn as a band" if n_dated == 1 else "initiatives drawn as bands")
            + " over the whole period the paper gives (a year-dated item covers the year); "
            + f"{n_undated} undated "
            + ("item is" if n_undated == 1 else "items are")
            + f" listed only. Colour and outline = scope. {cv.FLAG} = flagged. "
            "Every initiative, with its date as published, is in the table below."
        ),
    ]
    links = contents(page, L.LINK)
    first = view.approaches["category"].iloc[0]
    assert [(k.label, k.page, k.query) for k in links] == [
        (
            f"{view.name} in the approaches matrix",
            "pages/approaches.py",
            {"country": iso, "approach": first},
        ),
        ("Map of the Afghan border", "pages/map.py", {}),
        (f"{view.name} on the initiatives timeline", "pages/timeline.py", {"country": iso}),
    ]
    (table,) = contents(page, L.TABLE)
    assert len(table) == len(view.initiatives)
    md = "\n".join(contents(page, L.MARKDOWN))
    assert cv.references_md(view) in md and cv.rights_md(view) in md


@pytest.mark.parametrize("iso", STATES)
def test_evidence_labels_come_from_the_vocabulary(iso, inputs, geometry):
    view, page = page_of(iso, inputs, geometry)
    text_only = (~view.approaches["in_table4"]).any()
    md = "\n".join(contents(page, L.MARKDOWN))
    assert (f"**{EVIDENCE_LABELS['text']}" in md) == bool(text_only)
    assert "Supported by the paper's text only" not in md


@pytest.mark.parametrize(
    ("iso", "border"),
    [
        ("KAZ", "no shared border"),
        ("KGZ", "no shared border"),
        ("TJK", "yes: the thick orange line"),
        ("TKM", "yes: the thick orange line"),
        ("UZB", "yes: the thick orange line"),
    ],
)
def test_the_mini_map_has_a_data_table_beside_it(iso, border, inputs, geometry):
    """a11y (issue 17): the map's text alternative sits right under its caption, keyed, and
    names every labelled state, how it is drawn and whether its Afghan border is drawn."""
    _, page = page_of(iso, inputs, geometry)
    right = page.body[0].columns[1]
    kinds = [b.kind for b in right]
    at = kinds.index(L.DATA_TABLE)
    assert kinds[at - 2 : at] == [L.CHART, L.CAPTION] and right[at - 2].key == "country_map"
    table = right[at].content
    assert (table.key, table.label) == ("country_map_data", "Data table: what this map shows")
    rows = {r["Country"]: r for r in table.frame.to_dict("records")}
    assert list(rows) == [NAMES[i] for i in STATES] + ["Afghanistan"]
    assert rows[NAMES[iso]]["On the map"].startswith("this country")
    assert rows[NAMES[iso]]["Afghan border"] == border
    others = [NAMES[i] for i in STATES if i != iso]
    assert {rows[n]["Afghan border"] for n in others} == {"not drawn"}


# ------------------------------------------------------------------ chooser, escaping


@pytest.mark.parametrize(
    ("value", "notice"),
    [
        (None, None),
        ("XYZ", "“XYZ” is not one of the five Central Asian states"),
        ("<img src=x>", "“\\<img src=x\\>” is not one"),
    ],
)
def test_chooser_links_every_state_and_escapes_the_notice(value, notice):
    _, msg = cv.resolve_country(value)
    start = cp.chooser(NAMES, msg)
    assert [(k.label, k.query) for k in start.links] == [(NAMES[i], {"country": i}) for i in STATES]
    if notice is None:
        assert start.notice is None
    else:
        assert start.notice.startswith(notice)


def test_data_text_is_escaped_on_the_page(inputs, geometry):
    view = cv.build_view("TJK", inputs)
    evil = "**x** <img src=x> [a](javascript:1)"
    ini = view.initiatives.copy()
    ini.loc[0, "title"] = evil
    view = dataclasses.replace(view, name=evil, initiatives=ini)
    page = cp.build(view, NAMES, geometry)
    (table,) = contents(page, L.TABLE)
    for text in (page.name, *table["Initiative"], *(k.label for k in contents(page, L.LINK))):
        assert not re.search(r"(?<!\\)<img", text) and "**x**" not in text


def test_unknown_block_kind_is_rejected():
    with pytest.raises(ValueError):
        L.Block("video", "x")


# ------------------------------------------------------------------------- brief


def test_brief_file_name_and_bytes(inputs, geometry):
    import datetime as dt

    view = cv.build_view("KGZ", inputs)
    day = dt.date(2026, 11, 28)
    assert cp.brief_file_name("KGZ", day) == "country-brief-KGZ-2026-11-28.html"
    assert cp.brief_file_name("KGZ", day, "ru") == "country-brief-KGZ-2026-11-28-ru.html"
    html = cp.brief_bytes(view, geometry, "v-test", data.provenance(), day).decode("utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Kyrgyzstan: country brief" in html
    assert "generated\n28 November 2026 · dataset version v-test" in html
    assert html.count('src="data:image/png;base64,') == 2
    assert "doi.org/10.58866/ZNHX7290" in html


@pytest.mark.parametrize("iso", STATES)
def test_each_reference_shows_its_footnote_number(iso, inputs):
    view = cv.build_view(iso, inputs)
    assert shown_numbers(cv.references_md(view)) == list(view.references["footnote"])
