"""The timeline page's view model (components/timeline_view.py): one build per filter state.

The page renders these specs without Altair's validation (it is slower than building
them), so these tests are where every spec shape is validated against Vega-Lite's schema.
Everything the page shows is asserted here without starting an app.
"""

from __future__ import annotations

import dataclasses
import io

import altair as alt
import jsonschema
import pandas as pd
import pytest

from components import data
from components import filters as F
from components import timeline_view as TV
from components.i18n import Translator
from components.text import footnote_links_md, md_escape
from components.vocab import FLAG
from tests.support.markdown import shown_numbers
from tests.support.slides import hover_only

DEFAULT_VIEW = F.ViewOptions()


def build(
    state: F.FilterState,
    view: F.ViewOptions = DEFAULT_VIEW,
    ini=None,
    vocab=None,
    notices: tuple[str, ...] = (),
    initiatives=None,
) -> TV.TimelineView:
    return TV.build(
        state,
        view,
        notices,
        initiatives if initiatives is not None else ini,
        data.incidents(),
        data.sources(),
        vocab,
    )


@pytest.mark.parametrize("rows", list(F.ROW_MODES))
@pytest.mark.parametrize("colour", list(F.COLOUR_MODES))
@pytest.mark.parametrize("incidents", [False, True])
def test_every_spec_shape_is_valid_vega_lite(rows, colour, incidents, ini, vocab):
    view = build(F.FilterState(), F.ViewOptions(rows, colour, incidents), ini, vocab)
    for spec in (view.chart, view.summary):
        alt.TopLevelSpec.validate(spec)  # raises jsonschema.ValidationError on an invalid spec
    kinds = {
        row["kind"] for rows_ in view.chart["datasets"].values() for row in rows_ if "kind" in row
    }
    assert ("incident" in kinds) is incidents


def test_invalid_spec_is_caught_by_the_schema_check(ini, vocab):
    # The schema check the chart tests rely on (here and in the GTI and country tests)
    # must be able to fail: a misspelt mark type is rejected.
    spec = build(F.FilterState(), ini=ini, vocab=vocab).chart
    broken = {**spec, "layer": [{**spec["layer"][1], "mark": {"type": "barr"}}]}
    with pytest.raises(jsonschema.ValidationError):
        alt.TopLevelSpec.validate(broken)


def test_the_view_is_immutable(ini, vocab):
    view = build(F.FilterState(), ini=ini, vocab=vocab)
    with pytest.raises(dataclasses.FrozenInstanceError):
        view.count = "x"  # type: ignore[misc]
    assert all(
        isinstance(getattr(view, f.name), tuple)
        for f in dataclasses.fields(view)
        if f.name in ("described", "notices_md", "undated", "details", "query")
    )


# ------------------------------------------------------------- words of the view


@pytest.mark.parametrize(
    ("state", "count", "filtered_md"),
    [
        (F.FilterState(), "40 of 40 initiatives", TV.NO_FILTER_MD),
        (F.FilterState(partners=("osce",)), "9 of 40 initiatives", "**Filtered by** partner: OSCE"),
        (
            F.FilterState(partners=("osce_po_bishkek",), year_from=2023),
            "1 of 40 initiatives",
            "**Filtered by** partner: OSCE › Programme Office in Bishkek · years: from 2023",
        ),
        (F.FilterState(text="a*b_c"), "0 of 40 initiatives", "**Filtered by** search: “a\\*b\\_c”"),
    ],
)
def test_count_and_filter_line(ini, vocab, state, count, filtered_md):
    assert len(ini) == 40, "the counts below are those of the published data"
    view = build(state, ini=ini, vocab=vocab)
    assert (view.count, view.count_md, view.filtered_md) == (count, f"**{count}**", filtered_md)


def test_unfiltered_view_counts_every_initiative(ini, vocab):
    view = build(F.FilterState(), ini=ini, vocab=vocab)
    assert len(view.shown) == len(ini) == len(view.table) == len(view.details)
    assert view.described == () and view.empty_reason_md is None and view.empty_md is None
    undated = ini[ini["period_start"].isna()]
    assert sorted(view.undated) == sorted(zip(undated["title"], undated["date_text"], strict=True))
    assert view.undated_md.startswith(f"**{len(undated)} undated initiatives not drawn**")
    assert view.undated_md.count("\n- ") == len(undated)
    assert pd.read_csv(io.BytesIO(view.csv))["id"].tolist() == view.shown["id"].tolist()
    assert view.download_label == f"Download these {len(ini)} initiatives (CSV)"
    assert view.chart_caption_md.endswith(
        "incidents from footnotes "
        + ", ".join(map(str, view.incident_footnotes))
        + ". "
        + TV.CHART_TABLE_POINTER.format(list=TV.LIST_HEADING)
    )
    assert f"“{TV.LIST_HEADING}” below" in view.chart_caption_md


@pytest.mark.parametrize(
    "state", [F.FilterState(), F.FilterState(partners=("osce",)), F.FilterState(countries=("TJK",))]
)
def test_the_summary_heatmap_has_its_counts_as_a_table(state, ini, vocab):
    """a11y (issue 17): every cell of the "who works where" heatmap, totals included, is a
    cell of its data table, in the heatmap's order; an empty heatmap cell is a 0 count."""
    view = build(state, ini=ini, vocab=vocab)
    table = view.summary_table
    assert (table.key, table.label) == (TV.SUMMARY_TABLE_KEY, TV.SUMMARY_TABLE_LABEL)
    counts = TV.T.partner_summary_frame(view.shown, vocab)
    frame = table.frame.set_index("Partner family")
    assert list(frame.index) == [md_escape(f) for f in dict.fromkeys(counts["family"])]
    assert list(frame.columns) == [md_escape(c) for c in dict.fromkeys(counts["country"])]
    for r in counts.itertuples():
        assert frame.loc[md_escape(r.family), md_escape(r.country)] == str(r.n)
    assert frame.loc["Any partner", "Any country"] == str(len(view.shown))
    title = view.summary["title"]  # titled and sourced, like every chart
    assert title["text"] and title["subtitle"] == TV.T.SUMMARY_SOURCE
    # every column keeps its name: Vega may not thin out overlapping labels
    axes = [ly["encoding"]["x"]["axis"] for ly in view.summary["layer"] if "x" in ly["encoding"]]
    assert axes and all(a["labelOverlap"] is False for a in axes)


def test_a_filter_that_matches_nothing_explains_why(ini, vocab):
    state = F.FilterState(text="no such words anywhere")
    view = build(state, ini=ini, vocab=vocab)
    assert view.shown.empty and view.chart is None and view.summary is None
    assert view.summary_table is None
    assert view.table.empty and view.details == ()
    reason = F.explain_empty(state, ini, vocab)
    assert reason and view.empty_reason_md == md_escape(reason)
    assert view.empty_md == view.empty_reason_md + "\n\n" + TV.CLEAR_HINT_MD
    assert view.download_label == "Download these 0 initiatives (CSV)"


def test_nothing_dated_says_so_instead_of_a_chart(ini, vocab):
    undated_only = ini[ini["period_start"].isna()]
    view = build(F.FilterState(), ini=ini, vocab=vocab, initiatives=undated_only)
    assert view.chart is None and view.chart_caption_md == TV.NOTHING_DATED_MD
    assert view.summary is not None


def test_notices_are_escaped_markdown(ini, vocab):
    view = build(
        F.FilterState(),
        ini=ini,
        vocab=vocab,
        notices=("Ignored partner '<b>*x*</b>': not a known organisation id.",),
    )
    assert view.notices_md == (
        "Ignored partner '\\<b\\>\\*x\\*\\</b\\>': not a known organisation id\\.",
    )


def test_partner_filter_keeps_only_that_partners_initiatives(ini, vocab):
    view = build(F.FilterState(partners=("osce",)), ini=ini, vocab=vocab)
    wanted = F.descendants(("osce",), vocab.children)
    assert len(view.shown) and all(wanted & set(ps) for ps in view.shown["partners"])
    assert view.described and view.described[0][0] == "partner"
    assert view.csv_name == F.csv_filename(F.FilterState(partners=("osce",)))


@pytest.mark.parametrize(
    ("urls", "source"),
    [
        ({}, None),  # no footnote prints a URL: missing, never NaN or invented
        ({1: None, 2: None}, None),
        ({1: None, 2: "https://b.example/"}, "https://b.example/"),  # the first printed one
        ({1: "https://a.example/", 2: "https://b.example/"}, "https://a.example/"),
    ],
)
def test_the_lists_source_is_the_first_printed_url(ini, vocab, urls, source):
    """The real data prints a URL for every initiative, so the cases are made up here."""
    row = ini.head(1).assign(footnotes=[(1, 2)])
    table = F.list_frame(row, vocab, urls)
    value = table["source"].iloc[0]
    assert value is None if source is None else value == source


def test_incident_footnotes_are_those_of_the_incidents_table(ini, vocab):
    view = build(F.FilterState(), ini=ini, vocab=vocab)
    assert view.incident_footnotes == tuple(
        sorted({n for fs in data.incidents()["footnotes"] for n in fs})
    )


# ------------------------------------------------------------- details panel


def details_of(view: TV.TimelineView, initiative: str) -> TV.Details:
    return next(d for d in view.details if d.id == initiative)


def test_details_follow_the_list_order(ini, vocab):
    view = build(F.FilterState(partners=("osce",)), ini=ini, vocab=vocab)
    assert [d.id for d in view.details] == view.table["id"].tolist() == view.shown["id"].tolist()


def test_details_of_a_workshop(ini, vocab):
    d = details_of(build(F.FilterState(), ini=ini, vocab=vocab), "kgz_me_workshop_2024")
    assert (
        d.title_md == "OSCE workshop in Bishkek on monitoring and evaluating the Kyrgyz programme"
    )
    assert d.flag_md is None
    assert d.facts_md.splitlines() == [
        "- **Date as published:** 2024",
        "- **Type:** workshop",
        "- **Scope:** National",  # vocab.SCOPE_LABELS, as on the country view
        "- **Countries:** Kyrgyzstan",
        "- **Partners:** OSCE",  # "OSCE regional staff" (data 1.1.0)
        (
            "- **Themes:** Cooperation with the OSCE, Cooperation with international organisations, "
            "Legal \\& policy framework"
        ),
        "- **Figures as published:** none given",
    ]
    url = data.footnote_url(46)
    assert d.sources_md == f"**Sources** (footnotes of the paper: [46]({url}))"
    citation = data.sources().set_index("footnote").loc[46, "citation"]
    assert d.citations_md == f"**46.** {md_escape(citation)}"
    assert d.links == (
        TV.Link("Kyrgyzstan: country view", "pages/countries.py", (("country", "KGZ"),)),
    )


def test_details_of_a_flagged_item_carry_the_flag_note(ini, vocab):
    row = ini.set_index("id").loc["tamun_2023"]
    d = details_of(build(F.FilterState(), ini=ini, vocab=vocab), "tamun_2023")
    assert d.flag_md == (
        f"**Flag ({md_escape(row['flag'].replace('_', ' '))}):** {md_escape(row['flag_note'])}"
    )
    assert d.citations_md.splitlines()[0].startswith("**32.** ")


def test_details_link_only_central_asian_states_and_list_none_listed(ini, vocab):
    view = build(F.FilterState(), ini=ini, vocab=vocab)
    global_item = details_of(view, "unsc_res_2178")
    assert "- **Countries:** none listed" in global_item.facts_md and global_item.links == ()
    for d, countries in zip(view.details, view.shown["countries"], strict=True):
        assert [dict(link.params)["country"] for link in d.links] == [
            c for c in countries if c in data.CENTRAL_ASIA
        ]


def test_details_escape_data_text(ini, vocab):
    hostile = ini.copy()
    hostile.loc[0, "title"] = "<script>alert(1)</script> *bold*"
    hostile.loc[0, "summary"] = "[link](javascript:alert(1))"
    d = build(F.FilterState(), ini=ini, vocab=vocab, initiatives=hostile)
    d = details_of(d, hostile.loc[0, "id"])
    assert d.title_md == "\\<script\\>alert\\(1\\)\\</script\\> \\*bold\\*"
    assert "<" not in d.title_md.replace("\\<", "") and "](" not in d.summary_md
    # The static list renders its cells as Markdown: the same text is escaped there too,
    # while the picker's label (plain text, never Markdown) keeps it as written.
    view = build(F.FilterState(), ini=ini, vocab=vocab, initiatives=hostile)
    row = view.list_table.iloc[list(view.table["id"]).index(hostile.loc[0, "id"])]
    assert row["Title"] == d.title_md
    assert view.picks[hostile.loc[0, "id"]].endswith("<script>alert(1)</script> *bold*")


def test_the_list_and_its_picker_follow_the_details(ini, vocab):
    view = build(F.FilterState(partners=("osce",)), ini=ini, vocab=vocab)
    assert list(view.picks) == [d.id for d in view.details]
    assert list(view.list_table.columns) == [label for _, label in TV.LIST_COLUMNS]
    first = view.shown.iloc[0]
    assert view.picks[first["id"]] == f"{first['date_text']} · {first['title']}"
    # footnotes link where the paper prints a URL, as on the details panel
    assert view.list_table["Footnotes"].iloc[0] == footnote_links_md(
        first["footnotes"], data.sources()
    )
    assert view.details_for(first["id"]) is view.details[0]
    assert view.details_for("not_listed") is None and view.details_for(None) is None


# ------------------------------------------------------------- URL state


@pytest.mark.parametrize(
    ("state", "view", "query"),
    [
        (F.FilterState(), F.ViewOptions(), {}),
        (
            F.FilterState(
                partners=("osce", "un"), countries=("TJK",), year_from=2020, text="border"
            ),
            F.ViewOptions(rows="family", incidents=True),
            {
                "partner": "osce,un",
                "country": "TJK",
                "from": "2020",
                "rows": "family",
                "incidents": "1",
            },
        ),
    ],
)
def test_query_holds_every_parameter_but_the_bound_search(ini, vocab, state, view, query):
    built = build(state, view, ini, vocab)
    assert [k for k, _ in built.query] == [k for k in F.ALL_PARAMS if k != "q"]
    assert {k: v for k, v in built.query if v is not None} == query


@pytest.mark.parametrize(
    ("params", "values", "refused"),
    [
        ({}, {"timeline_partner": [], "q": "", "timeline_rows": "country"}, False),
        (
            {"partner": ["osce,un"], "from": ["2020"], "q": ["border"], "incidents": ["1"]},
            {
                "timeline_partner": ["osce", "un"],
                "timeline_years": (2020, None),
                "q": "border",
                "timeline_incidents": True,
            },
            False,
        ),
        (
            {"partner": ["osce"], "q": ["<img src=x>"]},
            {"timeline_partner": ["osce"], "q": ""},
            True,
        ),
        ({"q": ["x" * 10_000]}, {"q": ""}, True),
        ({"q": ["   "]}, {"q": ""}, False),
        ({"rows": ["Galaxy"]}, {"timeline_rows": "country"}, False),
    ],
)
def test_from_link_sets_the_widgets_of_a_first_run(vocab, params, values, refused):
    got, got_refused = TV.from_link(params, vocab)
    assert set(got) == set(TV.FILTER_KEYS + TV.VIEW_KEYS) | {TV.NOTICES_KEY}
    if values.get("timeline_years"):
        values["timeline_years"] = (values["timeline_years"][0], vocab.year_max)
    assert {k: got[k] for k in values} == values
    assert got_refused is refused
    assert bool(got[TV.NOTICES_KEY]) is (refused or "rows" in params)


def test_widget_values_round_trip_through_state_from_widgets(vocab):
    state = F.FilterState(
        partners=("un",),
        countries=("TJK",),
        themes=("cbrn",),
        types=("law",),
        year_from=2013,
        year_to=2020,
        text="border",
    )
    values = TV.widget_values(state, F.ViewOptions(), vocab)
    back, notice = F.state_from_widgets(*(values[k] for k in TV.FILTER_KEYS), vocab)
    assert (back, notice) == (state, None)
    assert F.ViewOptions(*(values[k] for k in TV.VIEW_KEYS)) == F.ViewOptions()


# ------------------------------------------------------------------ briefing slides


@pytest.mark.parametrize(
    ("title", "limit", "short"),
    [
        ("Short title", 20, "Short title"),
        ("One two three four five", 12, "One two…"),
        ("Cut at a word, not a comma", 15, "Cut at a word…"),
        ("  spaced   out  ", 20, "spaced out"),
    ],
)
def test_short_titles_are_the_datas_own_words(title, limit, short):
    assert TV.short_title(title, limit) == short


def test_short_titles_that_would_read_the_same_are_lengthened():
    titles = ["Report on the visit to Kazakhstan", "Report on the visit to Uzbekistan", "Other"]
    assert TV.short_titles(titles, 20) == [*titles[:2], "Other"]


@pytest.mark.parametrize(
    "state", [F.FilterState(), F.FilterState(partners=("osce",)), F.FilterState(text="zzz-none")]
)
def test_slides_draw_every_dated_initiative_once_with_its_title(state, ini, vocab):
    view = build(state, ini=ini, vocab=vocab)
    slides = TV.slides(view)
    dated = view.shown[view.shown["period_start"].notna()]
    assert len(slides) == -(-len(dated) // TV.SLIDE_ROWS)  # none when nothing is dated
    drawn, expected = [], []
    for n, slide in enumerate(slides, start=1):
        assert (slide.page, slide.part) == ("timeline", str(n))
        (chart,) = [b.body for b in slide.blocks if b.kind == "chart"]
        assert hover_only(chart) == []
        rows = chart["datasets"][next(iter(chart["datasets"]))]
        assert len(rows) <= TV.SLIDE_ROWS
        drawn += [r["label"].removeprefix(f"{FLAG} ") for r in rows]
        assert len({r["label"] for r in rows}) == len(rows)  # one row per initiative
        assert slide.footnotes and slide.source == view.filtered_md
        dated_titles = dated.sort_values(["period_start", "period_end", "title"])["title"]
        chunk = list(dated_titles)[(n - 1) * TV.SLIDE_ROWS : n * TV.SLIDE_ROWS]
        expected += TV.short_titles(chunk)
    assert sorted(drawn) == sorted(expected)


@pytest.mark.parametrize("extra", [-1, 0, 1])
@pytest.mark.parametrize("chunks", [0, 1, 2])
def test_slide_parts_name_the_slides_without_building_them(chunks, extra, ini, vocab):
    """The page asks `slide_parts` on every rerun for "Add to deck": it must name exactly
    the slides `slides` builds, at and around each multiple of SLIDE_ROWS."""
    view = build(F.FilterState(), ini=ini, vocab=vocab)
    dated = view.shown[view.shown["period_start"].notna()]
    undated = view.shown[view.shown["period_start"].isna()]
    n = max(chunks * TV.SLIDE_ROWS + extra, 0)
    assert n <= len(dated)  # the data has enough dated rows for every case
    cut = dataclasses.replace(view, shown=pd.concat([undated, dated.head(n)]))
    parts = tuple(slide.part for slide in TV.slides(cut))
    assert parts == tuple(str(k) for k in range(1, chunks + (extra > 0) + 1))
    assert TV.slide_parts(cut) == parts


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_each_timeline_slide_names_its_own_chart(lang):
    """The charts' visible titles are the filter's count; their names say which slide."""
    tr = Translator(lang)
    view = TV.build_from_data(F.FilterState(), F.ViewOptions(), (), TV.vocabulary_from_data(tr), tr)
    names = [s.columns[0][0].body["description"] for s in TV.slides(view)]
    assert len(names) > 1 and len(set(names)) == len(names)


def test_each_citation_in_the_details_shows_its_footnote_number(ini, vocab):
    view = build(F.FilterState(), ini=ini, vocab=vocab)
    gaps = 0
    for d, footnotes in zip(view.details, view.shown["footnotes"], strict=True):
        assert shown_numbers(d.citations_md) == sorted(footnotes)
        gaps += any(b - a > 1 for a, b in zip(sorted(footnotes), sorted(footnotes)[1:]))
    assert gaps  # footnotes 18 and 59, say: an ordered list would show 18 and 19
