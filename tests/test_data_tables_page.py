"""a11y (issue 17): every chart's data table alternative is on its page (and on its slide in
briefing mode), next to the chart, in a keyed expander that draws nothing until it is
opened (AppTest, by key)."""

from __future__ import annotations

import pytest

from components import approaches_view as AV
from components import country_page as cp
from components import country_view as cv
from components import map_view as mv
from components import timeline_view as TV
from tests.support.apptest import assert_polite, expander_by_key, run_page, static_tables

CASES = [
    # page, URL parameters, expander key, its label, what the opened expander draws
    # ("static": ui.data_table's one HTML table; "table": a page's own st.table)
    ("map", {}, "map_data", mv.DATA_LABEL, "static"),
    ("map", {"present": "1"}, "map_slide_data_region", mv.SLIDE_TABLE_LABEL, "static"),
    (
        "map",
        {"present": "1", "part": "border"},
        "map_slide_data_border",
        mv.SLIDE_TABLE_LABEL,
        "static",
    ),
    ("gti", {"table": "3"}, "gti_data_table3-programme", None, "static"),
    ("approaches", {}, "approaches_matrix_table", AV.LABELS.matrix_table, "static"),
    ("timeline", {}, TV.SUMMARY_TABLE_KEY, TV.SUMMARY_TABLE_LABEL, "static"),
    ("countries", {"country": "UZB"}, cp.MAP_TABLE_KEY, cp.MAP_TABLE_LABEL, "static"),
    # briefing mode: the slides carry their charts' tables too
    ("gti", {"present": "1"}, "gti_slide_data_scores", None, "static"),
    ("approaches", {"present": "1"}, "approaches_slide_data", AV.LABELS.matrix_table, "static"),
    ("timeline", {"present": "1"}, "timeline_slide_data_1", TV.SLIDE_TABLE_LABEL, "static"),
    (
        "countries",
        {"country": "UZB", "present": "1"},
        "country_slide_initiatives_data",
        cv.INITIATIVES_TABLE_LABEL,
        "static",
    ),
]


@pytest.mark.parametrize(
    ("page", "params", "key", "label", "kind"), CASES, ids=[c[2] for c in CASES]
)
def test_the_chart_data_table_is_a_keyed_expander(page, params, key, label, kind) -> None:
    at = run_page(page, params, timeout=90)
    assert_polite(at, f"/{page}")
    closed = expander_by_key(at, key)
    assert closed is not None, f"no expander keyed {key!r} on /{page}"
    if label is not None:
        assert closed.label == label
    assert not _tables(closed, kind)  # nothing drawn while closed
    at.session_state[key] = True
    at.run()
    (table,) = _tables(expander_by_key(at, key), kind)
    assert len(table) > 0


def _tables(block, kind: str) -> list:
    """The tables drawn in ``block``: st.table's frames, or ui.static_table's (kind
    "static")."""
    return static_tables(block) if kind == "static" else [t.value for t in block.get(kind)]
