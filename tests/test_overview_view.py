"""Unit tests of the overview's builder (components/overview_view.py), without an app."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from components import country_view as cv
from components import data, i18n
from components import overview_view as ov
from components.text import md_escape, score
from components.vocab import FLAG, STANCE_LABELS, STATES
from tests.support.initiatives import filtered


@pytest.fixture(scope="module")
def inputs() -> cv.Inputs:
    return cv.Inputs.from_data()


def build(inp: cv.Inputs, flags: pd.DataFrame | None = None) -> ov.OverviewView:
    return ov.build(
        inp,
        data.gti_regions(),
        data.flags() if flags is None else flags,
        data.provenance(),
        data.dataset_version(),
    )


@pytest.fixture(scope="module")
def view(inputs) -> ov.OverviewView:
    return build(inputs)


def test_view_is_frozen(view):
    with pytest.raises(dataclasses.FrozenInstanceError):
        view.title = "x"  # type: ignore[misc]


def test_overview_facts_are_computed_and_sourced(inputs):
    facts = ov.overview_facts(inputs, data.gti_regions())
    assert [f.key for f in facts] == [
        "gti_top",
        "region_avg",
        "uzb_repatriated",
        "ca_groups",
        "initiatives",
    ]
    by = {f.key: f for f in facts}
    gti = data.gti_countries()
    top = gti[gti["central_asia"]].sort_values("score_2023", ascending=False).iloc[0]
    assert by["gti_top"].value == score(top["score_2023"])
    assert "Turkmenistan not in Table 1" in by["gti_top"].label
    eurasia = data.gti_regions().set_index("region").loc["Eurasia"]
    assert by["region_avg"].value == score(eurasia["avg_score_2023"])
    assert by["uzb_repatriated"].value.startswith("531")
    assert by["ca_groups"].footnotes == (52,)
    ini = filtered(countries=data.CENTRAL_ASIA)
    assert by["initiatives"].value == str(len(ini))
    assert all(f.footnotes for f in facts)


@pytest.mark.parametrize(
    ("index", "caption_starts", "linked"),
    [
        (0, "Table 1, footnotes [36]", False),  # two footnotes: plural, with the table
        (1, "Table 2, footnotes [36]", False),
        (2, "Footnote [44]", False),  # one footnote: singular, capitalised
        (3, "Footnote [52]", False),
        (4, "From 40 footnotes: each initiative cites its own.", True),  # too many to list
    ],
)
def test_fact_captions_and_links(view, index, caption_starts, linked):
    fact = view.facts[index]
    assert fact.caption_md.startswith(caption_starts), fact.caption_md
    assert (fact.link is not None) == linked
    if linked:
        assert fact.link.page == "pages/timeline.py" and fact.link.query == {}


def test_fact_labels_are_escaped(inputs):
    kf = inputs.key_figures.copy()
    kf.loc[kf["id"] == "ca_groups_in_afghanistan", "label"] = "<b>*groups*</b>"
    fact = build(dataclasses.replace(inputs, key_figures=kf)).facts[3]
    assert "<b>" not in fact.label_md and "\\*groups\\*" in fact.label_md


@pytest.mark.parametrize(
    ("iso", "gti_md", "n_initiatives"),
    [
        ("KAZ", "GTI 2023: **0.000**", 14),  # a real zero, not missing
        ("UZB", "GTI 2023: **0.423**", 17),
        ("TJK", "GTI 2023: **0.871**", 19),
        ("KGZ", "GTI 2023: **0.000**", 12),
        ("TKM", "GTI 2023: **not in Table 1**", 7),  # missing stays missing
    ],
)
def test_country_cards(view, iso, gti_md, n_initiatives):
    card = next(c for c in view.cards if c.iso3 == iso)
    name = data.countries().set_index("iso3").loc[iso, "name"]
    printed = data.table4().set_index("iso3").loc[iso, "approaches_as_printed"]
    assert card.title_md == f"#### {name}"
    assert card.gti_md == gti_md
    assert card.n_initiatives == n_initiatives
    assert card.initiatives_md == f"{n_initiatives} initiatives in the paper"
    assert card.table4_md.startswith("Table 4: “") and printed.split()[0] in card.table4_md
    assert card.body_md == f"{card.gti_md}  \n{card.table4_md}  \n{card.initiatives_md}"
    assert card.link.page == "pages/countries.py" and card.link.query == {"country": iso}
    assert card.link.label == "Country view"
    assert card.link.help == f"Open the country view for {name}"


def test_cards_in_the_papers_order(view):
    assert tuple(c.iso3 for c in view.cards) == STATES


def test_what_it_is_and_is_not(view):
    assert "doi.org/10.58866/ZNHX7290" in view.is_md
    assert f"Dataset version {md_escape(data.dataset_version())}." in view.is_md
    assert view.is_not_md.startswith("**It is not** a live feed")
    assert f"**{STANCE_LABELS['limitation']}:**" in view.is_not_md
    assert "closed" in view.is_not_md  # Turkmenistan's information space (the paper's limit)


def test_without_the_limitation_row_the_sentence_stops(inputs):
    hr = inputs.human_rights[inputs.human_rights["id"] != ov.TKM_LIMIT_ID]
    view = build(dataclasses.replace(inputs, human_rights=hr))
    assert STANCE_LABELS["limitation"] not in view.is_not_md
    assert view.is_not_md.endswith("never “no”.")


def test_every_flag_listed_and_escaped(view, inputs):
    flags = data.flags()
    assert view.n_flags == len(flags)
    assert view.flags_intro_md.startswith(f"**{len(flags)} flags raised while curating.**")
    lines = view.flags_md.splitlines()
    assert len(lines) == len(flags) and all(line.startswith(f"- {FLAG} *") for line in lines)
    hostile = flags.head(1).assign(note="<script>alert(1)</script> *x*")
    assert "<script>" not in build(inputs, hostile).flags_md


@pytest.mark.parametrize(
    ("resource", "row", "shown"),
    [
        ("countries", "KAZ", "Country · Kazakhstan"),
        ("armed_groups", "imu", "Armed group · Islamic Movement of Uzbekistan"),
        ("key_figures", "tjk_youth_share", "Key figure · Share of Tajikistan"),
        ("initiatives", "tamun_2023", "Initiative · 1st Turkmenistan"),
        ("approaches", "UZB × private_sector", "Approaches matrix (Table 4) · Uzbekistan × "),
    ],
)
def test_a_flagged_row_is_named_by_its_title(view, resource, row, shown):
    """The flag list names rows as the pages do, never by an id."""
    assert ((data.flags()["resource"] == resource) & (data.flags()["row"] == row)).any()
    line = next(x for x in view.flags_md.splitlines() if md_escape(shown) in x)
    assert f"· {row}*" not in line


# ------------------------------------------------------------------ Russian (issue 19)


@pytest.fixture(scope="module")
def ru_view() -> ov.OverviewView:
    tr = i18n.Translator("ru")
    return ov.build(
        cv.Inputs.from_data("ru"),
        data.gti_regions("ru"),
        data.flags(),
        data.provenance(),
        data.dataset_version(),
        tr=tr,
        ca_groups=ov.ca_group_ids(data.armed_groups()),
    )


def test_the_russian_view_keeps_the_figures_and_quotes_table_4(ru_view, view):
    assert ru_view.title == "Противодействие терроризму и экстремизму в Центральной Азии"
    assert [f.value for f in ru_view.facts][:2] == [v.value.replace(".", ",") for v in view.facts][
        :2
    ]
    groups = ru_view.facts[3].label_md  # the four groups, named in Russian and joined with "и"
    assert "Исламское движение Узбекистана ⚑, Союз исламского джихада, «Катибат" in groups
    assert groups.endswith(" и «Джамаат Ансаруллах»")
    tjk = next(c for c in ru_view.cards if c.iso3 == "TJK")
    printed = data.table4().set_index("iso3").loc["TJK", "approaches_as_printed"]
    assert tjk.table4_md.startswith(f"Таблица 4: “{md_escape(printed)}” (перевод: ")
    assert tjk.gti_md == "ГИТ 2023: **0,871**" and tjk.initiatives_md == "19 инициатив в статье"
    assert tjk.link.label == "Страница страны" and tjk.link.query == {"country": "TJK"}


def test_the_russian_flags_are_localised_and_keep_the_printed_figures(ru_view, view):
    assert ru_view.n_flags == view.n_flags
    lines = ru_view.flags_md.splitlines()
    assert len(lines) == view.n_flags
    gti = next(line for line in lines if "Россия" in line)  # Table 1's plausibility flag
    assert "3,016" in gti and "3,747" in gti and "\\-0,731" in gti
    english = [md_escape(n)[:40] for n in data.flags()["note"]]
    assert not [n for n in english if n in ru_view.flags_md]  # every note has its Russian
    assert ru_view.flags_intro_md.startswith(f"**При подготовке данных поставлено {view.n_flags}")
