"""Hostile query-string values through every pure URL parser, one table.

Each parser turns what a pasted link says into a valid state plus notices, and must never
raise. For every hostile value below: the result holds only valid values (or nothing), an
invalid value gives a notice, and no notice echoes a huge value whole. Escaping the notices
is the page's job, checked once per page with AppTest (tests/test_reliability_querystrings.py)
and in Chromium (tests/e2e/test_reliability.py).
"""

from __future__ import annotations

from urllib.parse import unquote

import pytest

from components import country_view, filters, gti_charts, matrix
from components import data as D

LONG = "A" * 10_000
HOSTILE = {
    "unknown-code": "ZZZ",
    "script-img": '<script>window.__pwned=1</script>"><img src=x onerror="window.__pwned=1">',
    "markdown-js": "[click](javascript:window.__pwned=1) **bold** :red[red] $x^2$ {0} %s %n",
    "long-10k": LONG,
    "non-utf8": unquote("%FF%FE%C3%28", errors="replace") + " %FF%FE%3Cscript%3E",
    "unicode-control": "Қазақстан 🇰🇿 \u202eevil\u202c zero\u200bwidth KAZ\x00\x1b[31m\r\n\t",
    "year-like": "1e309",
}
CASES = [pytest.param(v, id=k) for k, v in HOSTILE.items()]
STATES = D.CENTRAL_ASIA


def _bounded(notices) -> None:
    assert all(isinstance(n, str) for n in notices)
    assert all(len(n) < 400 for n in notices), [n[:80] for n in notices]


@pytest.mark.parametrize("value", [*CASES, pytest.param(["KAZ", "ZZZ", ""], id="repeated")])
def test_resolve_country(value):
    code, notice = country_view.resolve_country(value)
    assert code is None or code in STATES
    if code is None:
        assert notice
        _bounded([notice])


@pytest.mark.parametrize("value", CASES)
@pytest.mark.parametrize("which", ["country", "approach"])
def test_matrix_parse_selection(value, which):
    categories = list(D.approach_categories(matrix_only=True)["id"])
    kwargs = {"country": None, "approach": None, which: value}
    country, approach, notices = matrix.parse_selection(
        **kwargs, countries=STATES, categories=categories
    )
    assert country is None and approach is None
    assert notices
    _bounded(notices)


@pytest.mark.parametrize("value", [*CASES, pytest.param("kaz,ZZZ,,KAZ", id="mixed-list")])
def test_gti_parse_countries_param(value):
    valid = list(D.gti_countries()["iso3"]) if "iso3" in D.gti_countries() else STATES
    wanted, ignored = gti_charts.parse_countries_param([value], valid)
    assert set(wanted) <= set(valid) and len(wanted) == len(set(wanted))
    assert len(ignored) <= 5 and all(len(code) <= 12 for code in ignored)
    assert wanted or ignored


@pytest.mark.parametrize("value", CASES)
@pytest.mark.parametrize("param", filters.ALL_PARAMS)
def test_timeline_parse_query(vocab, param, value):
    state, options, notices = filters.parse_query({param: value}, vocab)
    _bounded(notices)
    assert LONG not in " ".join(notices)
    if param == "q":  # free text: kept (shortened), never markup-checked here
        assert len(state.text) <= filters.MAX_TEXT_CHARS
        return
    assert state == filters.parse_query({}, vocab)[0], "a hostile value changed the filters"
    assert options == filters.parse_query({}, vocab)[1], "a hostile value changed the view"
    assert notices, f"?{param}=<hostile> was dropped silently"


def test_timeline_parse_query_repeated_and_reversed(vocab):
    state, _options, notices = filters.parse_query(
        {"country": ["KAZ", "ZZZ", "KAZ", ""], "from": "2030", "to": "1990"}, vocab
    )
    assert state.countries == ("KAZ",)
    assert len(notices) >= 2  # the unknown code and the reversed (or out of range) years
