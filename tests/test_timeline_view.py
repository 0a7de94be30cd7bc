"""The timeline page's view model (components/timeline_view.py): one build per filter state.

The page renders these specs without Altair's validation (it is slower than building
them), so these tests are where every spec shape is validated against Vega-Lite's schema.
"""

from __future__ import annotations

import altair as alt
import jsonschema
import pandas as pd
import pytest

from components import data
from components import filters as F
from components import timeline_view as TV


def build(state: F.FilterState, view: F.ViewOptions, ini, vocab) -> TV.TimelineView:
    return TV.build(state, view, ini, data.incidents(), data.sources(), vocab)


@pytest.mark.parametrize("rows", list(F.ROW_MODES))
@pytest.mark.parametrize("colour", list(F.COLOUR_MODES))
@pytest.mark.parametrize("incidents", [False, True])
def test_every_spec_shape_is_valid_vega_lite(rows, colour, incidents, ini, vocab):
    view = TV.build(F.FilterState(), F.ViewOptions(rows, colour, incidents), ini,
                    data.incidents(), data.sources(), vocab)
    for spec in (view.chart, view.summary):
        alt.LayerChart.from_dict(spec)  # raises jsonschema.ValidationError on an invalid spec
    kinds = {row["kind"] for rows_ in view.chart["datasets"].values() for row in rows_ if "kind" in row}
    assert ("incident" in kinds) is incidents


def test_invalid_spec_is_caught_by_the_schema_check(ini, vocab):
    # The check above must be able to fail: a misspelt mark type is rejected.
    spec = build(F.FilterState(), F.ViewOptions(), ini, vocab).chart
    broken = {**spec, "layer": [{**spec["layer"][1], "mark": {"type": "barr"}}]}
    with pytest.raises(jsonschema.ValidationError):
        alt.LayerChart.from_dict(broken)


def test_unfiltered_view_counts_every_initiative(ini, vocab):
    view = build(F.FilterState(), F.ViewOptions(), ini, vocab)
    assert len(view.shown) == len(ini)
    assert view.count == F.count_text(len(ini), len(ini))
    assert view.described == ()
    assert view.empty_reason is None
    undated = ini[ini["period_start"].isna()]
    assert sorted(view.undated) == sorted(zip(undated["title"], undated["date_text"], strict=True))
    assert pd.read_csv(pd.io.common.BytesIO(view.csv))["id"].tolist() == view.shown["id"].tolist()


def test_a_filter_that_matches_nothing_explains_why(ini, vocab):
    view = build(F.FilterState(text="no such words anywhere"), F.ViewOptions(), ini, vocab)
    assert view.shown.empty and view.chart is None and view.summary is None
    assert view.empty_reason
    assert view.table.empty


def test_partner_filter_keeps_only_that_partners_initiatives(ini, vocab):
    view = build(F.FilterState(partners=("osce",)), F.ViewOptions(), ini, vocab)
    wanted = F.descendants(("osce",), vocab.children)
    assert len(view.shown) and all(wanted & set(ps) for ps in view.shown["partners"])
    assert view.described and view.described[0][0] == "partner"
    assert view.csv_name == F.csv_filename(F.FilterState(partners=("osce",)))


def test_missing_footnote_urls_stay_missing_in_the_list(ini, vocab):
    view = build(F.FilterState(), F.ViewOptions(), ini, vocab)
    urls = data.footnote_urls()["url"]
    for footnotes, source in zip(view.shown["footnotes"], view.table["source"], strict=True):
        printed = [urls.loc[n] for n in footnotes if n in urls.index and isinstance(urls.loc[n], str)]
        assert source == (printed[0] if printed else None)  # never NaN, never invented


def test_incident_footnotes_are_those_of_the_incidents_table(ini, vocab):
    view = build(F.FilterState(), F.ViewOptions(), ini, vocab)
    assert view.incident_footnotes == tuple(sorted({n for fs in data.incidents()["footnotes"] for n in fs}))
