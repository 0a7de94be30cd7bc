"""Unit tests of the timeline's filter model (components/filters.py)."""

from __future__ import annotations

import pandas as pd
import pytest

from components import data
from components import filters as F
from components.vocab import DATE_YEARS


def ids(df: pd.DataFrame) -> list[str]:
    return sorted(df["id"])


# ------------------------------------------------------------------ hierarchy


def test_parent_includes_its_children(ini, vocab):
    osce = set(F.apply(F.FilterState(partners=("osce",)), ini, vocab)["id"])
    for child in (
        "osce_po_bishkek",
        "osce_po_dushanbe",
        "osce_atu",
        "osce_tntd",
        "osce_centre_ashgabat",
    ):
        only_child = set(F.apply(F.FilterState(partners=(child,)), ini, vocab)["id"])
        assert only_child, child
        assert only_child <= osce, child
    # kaz_protect_workshop_2024 names only the OSCE ATU (three levels below the OSCE).
    assert "kaz_protect_workshop_2024" in osce
    assert F.descendants(["osce"], vocab.children) == data.org_descendants(["osce"])


def test_child_alone_is_narrower(ini, vocab):
    # Only the 2023 round table names the Bishkek office; the paper credits the 2024 workshop
    # to "OSCE regional staff", so that workshop's partner is the OSCE itself (data 1.1.0).
    bishkek = ids(F.apply(F.FilterState(partners=("osce_po_bishkek",)), ini, vocab))
    assert bishkek == ["kgz_round_table_2023"]
    assert "kgz_me_workshop_2024" in ids(F.apply(F.FilterState(partners=("osce",)), ini, vocab))


@pytest.mark.parametrize(
    ("org", "label"),
    [
        ("osce", "OSCE"),
        ("osce_po_bishkek", "OSCE › Programme Office in Bishkek"),
        ("osce_atu", "OSCE › Action against Terrorism Unit"),
        ("uncct", "UN › Counter-Terrorism Centre"),
        ("gov_usa", "United States"),
    ],
)
def test_partner_labels_show_the_hierarchy(vocab, org, label):
    assert vocab.partners[org] == label


def test_partner_options_list_children_right_after_their_parent(vocab):
    order = list(vocab.partners)
    for org, parent in vocab.parents.items():
        if org in vocab.partners and parent:
            assert order.index(parent) < order.index(org)
    # Organisations with no initiative anywhere below them are not offered.
    assert "sco" not in vocab.partners and "eag" not in vocab.partners


# ------------------------------------------------- apply against a row-by-row oracle


def _matches(row, state: F.FilterState, vocab: F.Vocabulary) -> bool:
    """The filter semantics spelt out one row at a time (an independent oracle for apply)."""

    def under(org: str, chosen: tuple[str, ...]) -> bool:  # org is, or sits under, a chosen one
        while org:
            if org in chosen:
                return True
            org = vocab.parents.get(org)
        return False

    if state.partners and not any(under(p, state.partners) for p in row.partners):
        return False
    for wanted, have in ((state.countries, row.countries), (state.themes, row.themes)):
        if wanted and not set(wanted) & set(have):
            return False
    if state.types and row.type not in state.types:
        return False
    if state.year_from is not None and not (
        pd.notna(row.end_year) and row.end_year >= state.year_from
    ):
        return False  # an undated row fails any year bound
    if state.year_to is not None and not (
        pd.notna(row.start_year) and row.start_year <= state.year_to
    ):
        return False
    blob = f"{row.title} {row.summary} {row.figures if isinstance(row.figures, str) else ''}"
    return state.text.casefold() in blob.casefold()


STATES = [
    F.FilterState(),
    F.FilterState(partners=("osce",)),
    F.FilterState(partners=("un",), countries=("TJK",)),
    F.FilterState(partners=("gov_usa", "gov_fra", "gov_pak")),
    F.FilterState(countries=("KGZ",), themes=("prevention",)),
    F.FilterState(themes=("human_rights",)),
    F.FilterState(types=("workshop", "conference"), year_from=2023),
    F.FilterState(partners=("osce",), year_from=2022),
    F.FilterState(year_from=2019, year_to=2021),
    F.FilterState(year_to=2014),
    F.FilterState(text="PROTECT"),
    F.FilterState(text="531 people"),  # a figure, not in title or summary
    F.FilterState(text="(.*"),  # literal, not a regular expression
    F.FilterState(
        partners=("unoct",),
        countries=("TKM",),
        themes=("prevention",),
        types=("conference",),
        year_from=2023,
        year_to=2023,
        text="conference",
    ),
    F.FilterState(partners=("osce_centre_ashgabat",), countries=("KAZ",)),
]


@pytest.mark.parametrize("state", STATES, ids=lambda s: str(F.to_query(s)) or "none")
def test_apply_keeps_exactly_the_matching_rows(ini, vocab, state):
    expected = sorted(r.id for r in ini.itertuples() if _matches(r, state, vocab))
    assert ids(F.apply(state, ini, vocab)) == expected


def test_the_oracle_can_tell_filters_apart(ini, vocab):
    # The table above must be able to fail: a partner filter changes the oracle's answer.
    every = [r.id for r in ini.itertuples() if _matches(r, F.FilterState(), vocab)]
    osce = [r.id for r in ini.itertuples() if _matches(r, F.FilterState(partners=("osce",)), vocab)]
    assert len(every) == len(ini) > len(osce) > 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [("BINANCE", ["binance_tjk_2023"]), ("binance", ["binance_tjk_2023"]), ("(.*", [])],
)
def test_text_search_is_case_insensitive_and_literal(ini, vocab, text, expected):
    assert ids(F.apply(F.FilterState(text=text), ini, vocab)) == expected


@pytest.mark.parametrize("text", ["workshop", "семинар", "Binance"])
def test_a_search_finds_the_same_initiatives_in_either_language(vocab, text):
    """A shared link's ?q= in English (or Russian) finds the same rows in both interfaces."""
    found = {
        lang: ids(F.apply(F.FilterState(text=text), data.initiatives(lang), vocab))
        for lang in ("en", "ru")
    }
    assert found["en"] == found["ru"] and found["en"], found


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        # Combined filters are ANDed; values within one filter are ORed.
        (
            F.FilterState(partners=("osce",), countries=("TJK",)),
            [
                "bioterrorism_workshop_2023",
                "osce_dushanbe_ct_support",
                "osce_protect",
                "tjk_france_visit_2023",
                "tjk_soft_targets_workshop_2023",
            ],
        ),
        (
            F.FilterState(partners=("osce",), countries=("TJK",), types=("workshop",)),
            ["bioterrorism_workshop_2023", "tjk_soft_targets_workshop_2023"],
        ),
        (
            F.FilterState(partners=("binance", "gov_pak")),
            ["binance_tjk_2023", "tjk_pak_cooperation_2023"],
        ),
        (
            F.FilterState(countries=("KGZ",), themes=("online",)),
            ["ewn_third_conference_2023", "kgz_ngo_counter_narratives", "tamun_2023"],
        ),
    ],
)
def test_combined_filters(ini, vocab, state, expected):
    assert ids(F.apply(state, ini, vocab)) == expected


# ------------------------------------------------------------------ years


@pytest.mark.parametrize(
    ("year_from", "year_to", "kept", "dropped"),
    [
        # '2023' (year precision) overlaps 2023 and nothing else.
        (
            2023,
            2023,
            ["osce_protect", "kgz_programme_2023_2027", "tjk_soft_targets_workshop_2023"],
            ["tjk_law_1920", "kgz_me_workshop_2024", "kaz_state_programme_2018"],
        ),
        # A span 2018-2022 overlaps 2022 at its last year; the 2010-2021 project does not.
        (
            2022,
            2022,
            ["kaz_state_programme_2018", "tjk_law_1920", "ewn_central_asia"],
            ["un_ct_ca_phases_1_3", "osce_protect"],
        ),
        # A span that straddles the whole range is kept.
        (2015, 2016, ["un_ct_ca_phases_1_3"], ["unsc_res_2178", "kaz_state_programme_2018"]),
        # 2026 catches the 2024-2026 budget order and the 2023-2027 programmes only.
        (
            2026,
            None,
            ["astana_order_99", "kgz_programme_2023_2027", "tjk_youth_programme_2023_2027"],
            ["kgz_me_workshop_2024"],
        ),
    ],
)
def test_year_range_with_year_precision_items(ini, vocab, year_from, year_to, kept, dropped):
    got = set(F.apply(F.FilterState(year_from=year_from, year_to=year_to), ini, vocab)["id"])
    assert set(kept) <= got
    assert not set(dropped) & got


def test_undated_items_stay_until_a_year_bound_is_set(ini, vocab):
    undated = set(ini.loc[ini["start"].isna(), "id"])
    assert undated, "the data has undated initiatives"
    assert undated <= set(F.apply(F.FilterState(), ini, vocab)["id"])
    narrowed = set(F.apply(F.FilterState(year_from=vocab.year_min + 1), ini, vocab)["id"])
    assert not undated & narrowed


def test_slider_at_the_extent_is_no_bound(vocab):
    state, notice = F.state_from_widgets(
        [], [], [], [], (vocab.year_min, vocab.year_max), "", vocab
    )
    assert (state.year_from, state.year_to, notice) == (None, None, None)
    state, _ = F.state_from_widgets([], [], [], [], (2020, 2024), "", vocab)
    assert (state.year_from, state.year_to) == (2020, 2024)
    assert F.slider_value(state, vocab) == (2020, 2024)
    assert F.slider_value(F.FilterState(), vocab) == (vocab.year_min, vocab.year_max)


# ---------------------------------------------------------------- round trip

ROUND_TRIP = [
    (F.FilterState(), F.ViewOptions()),
    (F.FilterState(partners=("osce",)), F.ViewOptions()),
    (F.FilterState(partners=("un", "osce_po_bishkek"), countries=("TJK", "KGZ")), F.ViewOptions()),
    (
        F.FilterState(
            themes=("human_rights", "cbrn"), types=("law",), year_from=2013, year_to=2024
        ),
        F.ViewOptions(rows="family", colour="theme", incidents=True),
    ),
    (F.FilterState(text="early warning"), F.ViewOptions(rows="organisation")),
    (F.FilterState(year_to=2020), F.ViewOptions(incidents=True)),
]


@pytest.mark.parametrize(("state", "view"), ROUND_TRIP, ids=lambda x: str(x))
def test_query_string_round_trip(vocab, state, view):
    params = F.to_query(state, view)
    assert all(isinstance(v, str) for v in params.values())
    back, back_view, notices = F.parse_query(params, vocab)
    assert (back, back_view, notices) == (state, view, [])


def test_unfiltered_view_has_no_parameters():
    assert F.to_query(F.FilterState(), F.ViewOptions()) == {}


def test_query_uses_the_documented_names(vocab):
    state = F.FilterState(
        partners=("osce", "un"),
        countries=("TJK",),
        themes=("prevention",),
        types=("workshop",),
        year_from=2020,
        year_to=2024,
        text="border",
    )
    assert F.to_query(state) == {
        "partner": "osce,un",
        "country": "TJK",
        "theme": "prevention",
        "type": "workshop",
        "from": "2020",
        "to": "2024",
        "q": "border",
    }


# -------------------------------------------------------------- malformed links

MALFORMED = [
    # (params, expected state, substrings expected in the notices)
    ({"partner": "osce,nosuchorg"}, F.FilterState(partners=("osce",)), ["'nosuchorg'"]),
    ({"partner": "sco"}, F.FilterState(), ["no initiative"]),
    ({"partner": "<script>alert(1)</script>"}, F.FilterState(), ["not a known organisation"]),
    ({"partner": "OSCE, UN ,,"}, F.FilterState(partners=("osce", "un")), []),
    ({"country": "tjk,XXX,RUS"}, F.FilterState(countries=("TJK",)), ["'XXX'", "'RUS'"]),
    ({"theme": "prevention,weather"}, F.FilterState(themes=("prevention",)), ["'weather'"]),
    ({"type": "workshop,party"}, F.FilterState(types=("workshop",)), ["'party'"]),
    ({"from": "2024", "to": "2020"}, F.FilterState(), ["reversed"]),
    ({"from": "abc"}, F.FilterState(), ["four digits"]),
    ({"from": "20.5", "to": "2023"}, F.FilterState(year_to=2023), ["four digits"]),
    ({"from": "-2020"}, F.FilterState(), ["four digits"]),
    ({"from": "3000"}, F.FilterState(), ["after the last"]),
    ({"to": "1200"}, F.FilterState(), ["before the first"]),
    ({"from": "1900", "to": "2100"}, F.FilterState(), []),  # beyond the extent: no bound
    ({"q": "<script>alert(1)</script>"}, F.FilterState(), ["markup"]),
    ({"q": "x" * 10_000}, F.FilterState(), ["10,000 characters"]),
    ({"partner": "osce," * 2000}, F.FilterState(), ["10,000 characters"]),
    ({"q": "a" * 101}, F.FilterState(), ["101 characters"]),
    ({"q": "  early   warning "}, F.FilterState(text="early warning"), []),
    ({"partner": ["osce", "un"]}, F.FilterState(partners=("osce", "un")), ["2 times"]),
    ({"from": ["2020", "2022"]}, F.FilterState(year_from=2022), ["2 times", "last"]),
    ({"q": ["border", "<b>"]}, F.FilterState(), ["2 times", "markup"]),
    (
        {"rows": "galaxy", "colour": "red", "incidents": "maybe"},
        F.FilterState(),
        ["rows=", "colour=", "incidents="],
    ),
    ({"partner": "", "from": "", "q": ""}, F.FilterState(), []),
    ({"unrelated": "1", "present": "1"}, F.FilterState(), []),
]


@pytest.mark.parametrize(("params", "expected", "fragments"), MALFORMED, ids=lambda x: str(x)[:40])
def test_malformed_values_are_ignored_with_a_notice(vocab, params, expected, fragments):
    state, _, notices = F.parse_query(params, vocab)
    assert state == expected
    for fragment in fragments:
        assert any(fragment in n for n in notices), (fragment, notices)
    if not fragments:
        assert notices == []
    # Notices quote at most a short excerpt of what was ignored.
    assert all(len(n) < 200 for n in notices)


# ------------------------------------------------------------- empty results


def test_explain_empty_names_the_filter_that_emptied_it(ini, vocab):
    state = F.FilterState(partners=("osce_po_bishkek",), countries=("TKM",))
    assert F.apply(state, ini, vocab).empty
    text = F.explain_empty(state, ini, vocab)
    assert "partner" in text and "country" in text
    assert "without the country filter there would be 1 initiative." in text
    assert "OSCE › Programme Office in Bishkek" in text and "Turkmenistan" in text


def test_explain_empty_single_filter_and_non_empty(ini, vocab):
    assert F.explain_empty(F.FilterState(partners=("osce",)), ini, vocab) is None
    text = F.explain_empty(F.FilterState(text="zzzz-no-such-thing"), ini, vocab)
    assert text.startswith("No initiative matches the search filter")


# --------------------------------------------------------------- CSV and list


@pytest.mark.parametrize(
    ("state", "name"),
    [
        (F.FilterState(), "initiatives_all.csv"),
        (
            F.FilterState(partners=("osce",), countries=("TJK",)),
            "initiatives_partner-osce_country-TJK.csv",
        ),
        (
            F.FilterState(partners=("osce", "un"), year_from=2022),
            "initiatives_partner-osce+un_from-2022.csv",
        ),
        (F.FilterState(text="Border / security!"), "initiatives_q-border-security.csv"),
        (F.FilterState(text="<>"), "initiatives_q-text.csv"),
    ],
)
def test_csv_filename_says_what_was_filtered(state, name):
    assert F.csv_filename(state) == name


def test_csv_frame_is_exactly_the_filtered_rows(ini, vocab):
    shown = F.apply(F.FilterState(partners=("osce",)), ini, vocab)
    out = F.csv_frame(shown, vocab)
    assert list(out["id"]) == list(shown["id"])
    assert list(out.columns) == F.CSV_COLUMNS
    row = out.set_index("id").loc["kgz_round_table_2023"]
    assert row["partners"] == "gov_kgz;kgz_atc;osce_po_bishkek"
    assert row["date_text"] == "end of 2023"


def test_list_frame_keeps_the_published_date_and_flags(ini, vocab):
    urls = {int(n): data.footnote_url(int(n)) for n in data.sources()["footnote"]}
    table = F.list_frame(ini, vocab, urls).set_index("id")
    assert table.loc["tamun_2023", "flag"] == "⚑ flagged"
    assert table.loc["tamun_2023", "date"] == ini.set_index("id").loc["tamun_2023", "date_text"]
    assert table.loc["tamun_2023", "footnotes"] == "32, 33"
    assert table.loc["unsc_res_2178", "countries"] == "none listed"


def test_sort_for_list_puts_undated_last(ini):
    out = F.sort_for_list(ini)
    n_dated = int(ini["period_start"].notna().sum())
    assert out["period_start"].iloc[:n_dated].notna().all()
    assert out["period_start"].iloc[n_dated:].isna().all()
    assert out["period_start"].iloc[:n_dated].is_monotonic_decreasing


def test_with_nothing_dated_the_year_range_is_the_range_a_date_may_take(ini):
    """All initiatives undated is valid data: the year filter spans the validated date range
    instead of failing on an empty min() (the timeline and deck pages had crashed)."""
    undated = ini.assign(start_year=pd.NA, end_year=pd.NA)
    v = F.Vocabulary.from_frames(
        undated,
        data.organisations(),
        data.countries(),
        data.approach_categories(),
        data.CENTRAL_ASIA,
    )
    assert (v.year_min, v.year_max) == DATE_YEARS
