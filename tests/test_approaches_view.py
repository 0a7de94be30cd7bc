"""Unit tests for components/approaches_view.py: everything the Approaches page shows, built
without starting an app.

The matrix itself (evidence per cell, partner counts, export rows, the heatmap's encodings)
is tested in tests/test_matrix.py; these tests cover the view on top of it: sentences,
drill-down, Table 4 as printed, the human-rights lens, CSV, choices and escaping. The page
renders the heatmap spec unvalidated, so every spec shape is validated here.
"""

from __future__ import annotations

import dataclasses
import io
import re

import altair as alt
import jsonschema
import pandas as pd
import pytest

from components import approaches_view as V
from components import data
from components import filters as F
from components.text import md_escape
from components.vocab import FAMILY_ORDER, FLAG, STANCE_LABELS, TABLE4_SOURCE

INPUTS = V.Inputs.from_data()
CH = V.choices(INPUTS)
NAMES = dict(zip(data.central_asia()["iso3"], data.central_asia()["name"], strict=True))
LABELS = dict(zip(INPUTS.categories["id"], INPUTS.categories["label"], strict=True))
PRINTED = INPUTS.table4.set_index("iso3")["approaches_as_printed"]


def cell(country: str, category: str) -> pd.Series:
    c = INPUTS.cells
    return c[(c["country"] == country) & (c["category"] == category)].iloc[0]


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def test_summary_counts_every_evidence_kind():
    counts = INPUTS.cells["evidence"].value_counts()
    v = V.build(INPUTS)
    assert v.summary.startswith(
        f"**Table 4 lists {counts['table4']} of these {len(INPUTS.cells)} country–approach "
        f"pairs; the paper's text alone supports {counts['text']} more, and "
        f"{counts['not_found']} are not found in the paper.**"
    )
    assert counts["table4"] + counts["text"] + counts["not_found"] == len(INPUTS.cells) == 70


@pytest.mark.parametrize(
    "partners,caption",
    [
        ((), ""),
        (("osce",), "Counts include only initiatives with OSCE (or their offices"),
        (("osce_po_bishkek", "un"), "with OSCE › Programme Office in Bishkek, UN (or their"),
    ],
)
def test_partner_caption_names_the_partners_and_csv_name_follows(partners, caption):
    v = V.build(INPUTS, partners)
    if caption:
        assert caption in v.partner_caption and "Table 4 stays Table 4" in v.partner_caption
        assert v.csv_name == "approaches-matrix-by-partner.csv"
    else:
        assert v.partner_caption == "" and v.csv_name == "approaches-matrix.csv"


@pytest.mark.parametrize("transpose", [False, True])
@pytest.mark.parametrize("selected", [(None, None), ("UZB", None), (None, "osce"), ("KGZ", "osce")])
def test_every_heatmap_shape_is_valid_vega_lite_with_a_cell_selection(transpose, selected):
    v = V.build(INPUTS, ("osce",), transpose, False, *selected)
    alt.TopLevelSpec.validate(v.chart)  # raises jsonschema.ValidationError when invalid
    (param,) = v.chart["params"]
    assert param["name"] == "cell" and param["select"]["fields"] == ["country", "category"]


def test_an_invalid_spec_is_caught_by_the_schema_check():
    spec = V.build(INPUTS).chart
    broken = {**spec, "layer": [{**spec["layer"][0], "mark": {"type": "no_such_mark"}}]}
    with pytest.raises(jsonschema.ValidationError):
        alt.TopLevelSpec.validate(broken)


def test_legend_and_flag_notes_name_every_flagged_cell_once():
    v = V.build(INPUTS)
    flagged = INPUTS.cells[INPUTS.cells["flag_note"].map(lambda n: isinstance(n, str) and bool(n))]
    assert len(flagged) == len(v.flag_notes) == 2
    for r, note in zip(flagged.itertuples(), v.flag_notes, strict=True):
        pair = f"{NAMES[r.country]} × {r.category_label}"
        assert pair in unescape(v.legend)
        assert unescape(note) == f"**{FLAG} {pair}:** {r.flag_note}"
    assert "**T4** = listed in Table 4" in v.legend
    # a11y (issue 17): the chart points at its table alternative, by that expander's label
    assert f"“{V.LABELS.matrix_table}”" in v.table_pointer


# ------------------------------------------------------------------ drill-down

CELL_CASES = [
    # country, approach, kind, heading
    ("UZB", "reintegration", "cell", "Uzbekistan × Repatriation & reintegration"),
    ("KAZ", "reintegration", "cell", "Kazakhstan × Repatriation & reintegration"),
    ("TKM", "border_security", "cell", "Turkmenistan × Border security"),
    ("KGZ", None, "country", "Kyrgyzstan: every approach"),
    (None, "private_sector", "approach", "Private-sector cooperation: all five states"),
    (None, None, "none", ""),
]


@pytest.mark.parametrize("country,approach,kind,heading", CELL_CASES)
def test_drilldown_kind_and_heading(country, approach, kind, heading):
    d = V.build(INPUTS, country=country, approach=approach).drilldown
    assert d.kind == kind
    assert unescape(d.heading) == heading
    if kind == "none":
        assert d.caption.startswith("Click a cell of the matrix") and d.link is None
    if country:
        assert d.link == V.Link(
            f"Open the country view: {NAMES[country]}",
            "pages/countries.py",
            (("country", country),),
            ":material/flag:",
        )


NOT_FOUND = (
    "**Not found in the paper:** neither Table 4 nor the text mentions it. "
    "This is not evidence that it does not happen."
)


@pytest.mark.parametrize(
    "country,approach,evidence",
    [
        (
            "UZB",
            "reintegration",
            f"**Listed in Table 4:** “repatriation”, “reintegration” ({TABLE4_SOURCE}).",
        ),
        (
            "KAZ",
            "reintegration",
            "**Paper text only:** Table 4 does not list it; the paper's text does.",
        ),
        ("TKM", "border_security", NOT_FOUND),
    ],
)
def test_cell_evidence_quotes_table4_with_attribution(country, approach, evidence):
    assert cell(country, approach)["evidence"] in {"table4", "text", "not_found"}
    assert V.build(INPUTS, country=country, approach=approach).drilldown.evidence == evidence


def test_cell_lists_its_initiatives_with_dates_partners_and_footnote_links():
    d = V.build(INPUTS, country="UZB", approach="reintegration").drilldown
    assert [i.id for i in d.initiatives] == list(cell("UZB", "reintegration")["initiatives"])
    assert d.count == f"{len(d.initiatives)} supporting initiatives:"
    first = {i.id: i for i in d.initiatives}["uzb_repatriation_operations"]
    assert first.when == "2019 — since 2019 (five operations)"  # year precision, as printed
    assert first.partners == "Government of Uzbekistan" and first.footnotes == (44,)
    assert "Partners: Government of Uzbekistan  \n" in first.md
    assert re.search(r"· Footnote \[44\]\(https://[^)]+\)$", first.md)
    assert d.rights_heading == "" and d.rights == ()  # the lens is off


def test_flagged_cell_carries_its_flag():
    d = V.build(INPUTS, country="UZB", approach="private_sector").drilldown
    assert d.flag == f"**{FLAG} Flagged:** {md_escape(cell('UZB', 'private_sector')['flag_note'])}"
    assert [i.id for i in d.initiatives] == ["binance_tjk_2023"]
    assert V.build(INPUTS, country="UZB", approach="reintegration").drilldown.flag == ""


@pytest.mark.parametrize(
    "partners,shown",
    [
        # The 2024 workshop's partner is "OSCE regional staff" (data 1.1.0), not the office.
        (("osce_po_bishkek",), {"kgz_round_table_2023"}),
        (("osce",), {"kgz_round_table_2023", "kgz_me_workshop_2024", "bioterrorism_workshop_2023"}),
    ],
)
def test_partner_filter_narrows_the_drilldown(partners, shown):
    d = V.build(INPUTS, partners, country="KGZ", approach="osce").drilldown
    assert {i.id for i in d.initiatives} == shown
    total = len(cell("KGZ", "osce")["initiatives"])
    assert (
        d.count == f"{len(shown)} of {total} supporting initiatives involve the chosen partner(s)."
    )


def test_country_drilldown_quotes_its_table4_row_and_lists_every_approach():
    d = V.build(INPUTS, country="UZB").drilldown
    assert unescape(d.evidence) == f"> “{PRINTED['UZB']}”  \n> — {TABLE4_SOURCE}"
    assert len(d.rows) == len(LABELS)
    assert all(
        unescape(r).startswith(f"**{label}**:")
        for r, label in zip(d.rows, LABELS.values(), strict=True)
    )
    flagged = [r for r in d.rows if r.endswith(f"{FLAG} flagged")]
    assert len(flagged) == 2
    assert "**Repatriation & reintegration**: Listed in Table 4 (T4), 3 initiatives" in unescape(
        "\n".join(d.rows)
    )


def test_approach_drilldown_lists_the_five_states_with_their_table4_words():
    d = V.build(INPUTS, approach="reintegration").drilldown
    assert [unescape(r).split("**")[1] for r in d.rows] == list(NAMES.values())
    assert "— “repatriation”, “reintegration”" in d.rows[1]
    assert d.caption == "Choose a country as well to list the initiatives." and d.link is None


# ------------------------------------------------------ Table 4 and the rights lens


def test_table4_as_printed_verbatim_quoted_and_attributed():
    v = V.build(INPUTS)
    assert [unescape(line) for line in v.table4] == [
        f"**{r.country_as_printed}:** “{r.approaches_as_printed}”"
        for r in INPUTS.table4.itertuples()
    ]
    assert v.table4_caption.startswith(f"Source: {TABLE4_SOURCE}.")


def test_rights_lens_is_built_only_when_on():
    assert V.build(INPUTS).rights is None
    lens = V.build(INPUTS, rights=True).rights
    assert [unescape(r.security).split("**")[1] for r in lens.rows] == list(NAMES.values())
    kgz = lens.rows[list(NAMES).index("KGZ")]
    none = (
        "The paper records no human-rights concern or good practice specific to "
        "Kyrgyzstan. Not found in the paper is not the same as none."
    )
    assert kgz.items == (none,)
    uzb = "\n".join(lens.rows[list(NAMES).index("UZB")].items)
    assert "**Concern** (2022, A/HRC/49/45/Add\\.1, UN Special Rapporteur" in uzb
    assert "**Good practice**" in uzb
    assert lens.region_heading == "**Region-wide**" and lens.region


def test_rights_stances_read_as_the_vocabulary_says():
    lens = V.build(INPUTS, rights=True).rights
    text = "\n".join([*(line for r in lens.rows for line in r.items), *lens.region])
    stances = set(re.findall(r"^\*\*([^*]+)\*\*", text, flags=re.MULTILINE))
    assert stances == set(STANCE_LABELS.values())  # "Limit of the evidence", spelled once
    assert "Limitation of the evidence" not in text


def test_rights_join_the_cell_drilldown_when_on():
    d = V.build(INPUTS, rights=True, country="KAZ", approach="prevention").drilldown
    assert d.rights_heading == "**Human-rights lens, Kazakhstan**"
    assert any("A/HRC/43/46/Add\\.1" in line for line in d.rights)


# ------------------------------------------------------------- table, CSV, choices


@pytest.mark.parametrize("transpose,shape", [(False, (14, 5)), (True, (5, 14))])
def test_matrix_table_and_csv(transpose, shape):
    v = V.build(INPUTS, transpose=transpose)
    assert v.matrix.shape == shape
    csv = pd.read_csv(io.BytesIO(v.csv), keep_default_na=False)
    assert len(csv) == 70 and set(csv["country"]) == set(NAMES)
    assert (csv.loc[csv["evidence"] == "table4", "table4_source"] == TABLE4_SOURCE).all()


def test_choices_are_in_display_order_and_partners_by_family():
    assert list(CH.countries) == list(NAMES) and list(CH.approaches) == list(LABELS)
    family = dict(zip(INPUTS.organisations["id"], INPUTS.organisations["family"], strict=True))
    ranks = [FAMILY_ORDER.index(family[p]) for p in CH.partners]
    assert ranks == sorted(ranks) and len(set(ranks)) > 2
    # the timeline's label for each partner: one labelling, one name per organisation
    assert CH.partners["osce_po_bishkek"] == "OSCE › Programme Office in Bishkek"
    timeline = F.Vocabulary.from_frames(
        data.initiatives(), data.organisations(), data.countries(), data.approach_categories()
    ).partners
    shared = set(CH.partners) & set(timeline)
    assert len(shared) > 10 and all(CH.partners[p] == timeline[p] for p in shared)


@pytest.mark.parametrize(
    "query,selection,notice",
    [
        (("UZB", "reintegration"), ("UZB", "reintegration"), None),
        (("<script>", None), (None, None), "“\\<script\\>”, which is not one of the five states"),
        (("KAZ", "*bogus*"), ("KAZ", None), "approach “\\*bogus\\*”, which is not a row"),
    ],
)
def test_choices_parse_the_query_with_escaped_notices(query, selection, notice):
    sel = CH.parse(*query)
    assert (sel.country, sel.approach) == selection
    assert [notice in n for n in sel.notices] == ([True] if notice else [])


@pytest.mark.parametrize(
    "picked,expected",
    [
        (("UZB", "osce"), ("UZB", "osce")),
        (("UZB", "__country__"), ("UZB", None)),
        ((None, None), (None, None)),
        (("XXX", "osce"), (None, "osce")),
    ],
)
def test_a_chart_click_keeps_only_known_codes(picked, expected):
    assert CH.pick(*picked) == expected


def test_view_is_frozen():
    v = V.build(INPUTS)
    with pytest.raises(dataclasses.FrozenInstanceError):
        v.summary = "changed"  # type: ignore[misc]
    with pytest.raises(TypeError):
        CH.countries["UZB"] = "changed"  # type: ignore[index]


# ------------------------------------------------------------------ escaping

HOSTILE = "<img src=x>*b*_[l](u)"


def test_data_text_is_escaped_everywhere_it_reaches_markdown():
    states = INPUTS.states.copy()
    states.loc[states["iso3"] == "UZB", "name"] = HOSTILE
    ini = INPUTS.initiatives.copy()
    ini.loc[ini["id"] == "uzb_repatriation_operations", "title"] = HOSTILE
    t4 = INPUTS.table4.copy()
    t4.loc[t4["iso3"] == "UZB", "approaches_as_printed"] = HOSTILE
    hostile = dataclasses.replace(INPUTS, states=states, initiatives=ini, table4=t4)
    escaped = md_escape(HOSTILE)
    v = V.build(hostile, rights=True, country="UZB", approach="reintegration")
    shown = [
        v.legend,
        *v.flag_notes,
        v.drilldown.heading,
        v.drilldown.link.label,
        *(i.md for i in v.drilldown.initiatives),
        *v.table4,
        *(r.security for r in v.rights.rows),
        v.drilldown.rights_heading,
    ]
    assert not any(HOSTILE in s for s in shown)
    assert escaped in v.drilldown.heading and escaped in v.drilldown.initiatives[0].md
    assert escaped in "\n".join(v.table4) and escaped in v.rights.rows[1].security
    country = V.build(hostile, country="UZB").drilldown
    assert escaped in country.evidence and HOSTILE not in country.evidence
