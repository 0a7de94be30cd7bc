"""Reliability: every page survives a hostile query string (AppTest, one run per page).

A link pasted into an email must never show a traceback. Each page is opened once with
every query parameter the app knows set to a different hostile value at once (unknown
codes, repeated values, a 10,000-character value, invalid UTF-8, control and bidi
characters, script/img markup, Markdown javascript: links, a reversed year range). The
page must run to its footer with no exception and no error box, nothing from the URL may
reach the page as markup, the long value is not echoed whole, and a page that reads the
URL itself shows a polite notice.

Value-by-value coverage of each parser is a unit table (tests/test_reliability_parsers.py);
the same kind of link runs in real Chromium in tests/e2e/test_reliability.py.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote

import pytest

from tests.support.apptest import (
    PAGES,
    all_elements,
    assert_polite,
    body,
    notices,
    raw_markup_leaks,
    run_page,
)
from tests.support.browser import REPO_ROOT

# Parameters known today, plus any literal name read in pages/ or components/ (so a new
# parameter is covered as soon as it lands).
KNOWN_PARAMS = {
    "country", "countries", "approach", "partner", "theme", "type", "from", "to", "q",
    "rows", "colour", "incidents", "present", "layer", "layers", "year", "years", "lang", "map_view",
}  # fmt: skip
_PARAM_RX = re.compile(
    r"(?:query_params(?:\.get|\.get_all|\.pop)?\s*[\[(]|query_value\()\s*[\"']([A-Za-z_][\w-]*)[\"']"
)


def _params_in_source() -> set[str]:
    names: set[str] = set()
    for folder in ("pages", "components"):
        for path in (REPO_ROOT / folder).glob("*.py"):
            names |= set(_PARAM_RX.findall(path.read_text(encoding="utf-8")))
    from components import filters

    return names | set(filters.ALL_PARAMS)


PARAMS = sorted(KNOWN_PARAMS | _params_in_source())

SCRIPT = "<script>window.__pwned=1</script>"
IMG = '"><img src="http://127.0.0.1:9/pwned.png" onerror="window.__pwned=1">'
MD_JS = "[click](javascript:window.__pwned=1) **bold** :red[red] $x^2$ {0} %s %n"
LONG = "A" * 10_000
NON_UTF8 = unquote("%FF%FE%C3%28", errors="replace")  # what Streamlit sees for %FF%FE%C3%28
UNICODE = "Қазақстан 🇰🇿 Ўзбекистон \u202eevil\u202c zero\u200bwidth ﷽"
CONTROL = "KAZ\x00\x1b[31m\r\n\t"

# One hostile value per parameter; any other parameter gets script + img markup.
HOSTILE: dict[str, Any] = {
    "country": [SCRIPT + IMG, "", "ZZZ"],  # repeated; pages taking the last one see ZZZ
    "countries": ["ZZZ", "KAZ", NON_UTF8 + " %FF%FE%3Cscript%3E", LONG],
    "approach": IMG + MD_JS,
    "partner": ["nato", UNICODE + CONTROL],
    "theme": CONTROL,
    "type": UNICODE,
    "from": "2030",
    "to": "1990",  # reversed
    "year": "abc",
    "years": "1e309",
    "q": MD_JS,
    "present": "maybe",
    "rows": LONG,
    "colour": SCRIPT,
    "incidents": IMG,
    "layer": "ZZZ",
    "layers": ["ZZZ", ""],
    "lang": ["ru", SCRIPT + IMG],  # repeated: the last one counts, and it is junk
}

# Hostile languages (issue 19): each, with every other parameter hostile too, falls back to
# English without an error. "ru" twice then junk: the last value counts.
HOSTILE_LANGS = {
    "unknown": "de",
    "empty": "",
    "repeated": ["ru", "ru", "xx"],
    "long": "ru" * 5_000,
    "script": SCRIPT + IMG,
    "bidi-control": "\u202eur\u202c" + CONTROL,
    "md-js": MD_JS,
}


def hostile_params() -> dict[str, Any]:
    return {p: HOSTILE.get(p, SCRIPT + IMG) for p in PARAMS}


def reads_the_url(page: str) -> bool:
    """The page reads query parameters by hand (not only through Streamlit's binding, which
    drops a value it cannot use by itself): then an invalid value needs a notice."""
    text = (REPO_ROOT / PAGES[page]).read_text(encoding="utf-8")
    return "st.query_params" in text or "query_value(" in text


@pytest.mark.parametrize("page", list(PAGES))
def test_hostile_query_string(page):
    where = f"/{'' if page == 'overview' else page}?<hostile>"
    baseline = len(notices(run_page(page)))
    at = run_page(page, hostile_params())
    assert_polite(at, where)
    leaks = raw_markup_leaks(at)
    assert not leaks, f"{where}: markup from the URL reaches the page: {leaks}"
    if reads_the_url(page):
        assert len(notices(at)) > baseline, (
            f"{where}: invalid values were dropped silently; show a small notice "
            f"(notices: {notices(at)})"
        )
    shown = " ".join(body(e) for e in all_elements(at))
    assert LONG not in shown, f"{where}: the 10,000-character value is echoed in full"


ENGLISH_TITLES = {"overview": "Countering terrorism", "sources": "Sources: the paper's"}


@pytest.mark.parametrize("page", list(ENGLISH_TITLES))
@pytest.mark.parametrize("lang", list(HOSTILE_LANGS.values()), ids=list(HOSTILE_LANGS))
def test_hostile_language_falls_back_to_english(page, lang):
    where = f"/{'' if page == 'overview' else page}?lang=<{lang!s:.20}>&<hostile>"
    at = run_page(page, {**hostile_params(), "lang": lang})
    assert_polite(at, where)
    assert at.title[0].value.startswith(ENGLISH_TITLES[page]), where
    assert at.segmented_control(key="lang_switch").value == "en"
    assert not raw_markup_leaks(at), where


@pytest.mark.parametrize(
    ("page", "params", "told"),
    [
        ("map", {"map_view": "zzz"}, "zzz"),
        ("gti", {"table": "II"}, "II"),
        ("gti", {"countries": "ZZZ"}, "ZZZ"),
        ("timeline", {"from": "-5"}, "-5"),
        ("timeline", {"partner": "zzz"}, "zzz"),
        ("sources", {"kind": "law"}, "law"),
        # the deck player: a slide's own link, and a slide with nothing to show says why
        ("deck", {"deck": "overview~map?part=zzz", "slide": "2"}, "zzz"),
        ("deck", {"deck": "overview~gti?countries=ZZZ", "slide": "2"}, "ZZZ"),
        ("deck", {"deck": "overview~countries?country=ZZZ", "slide": "2"}, "ZZZ"),
    ],
)
def test_briefing_mode_says_what_the_link_did_not_get(page, params, told):
    """A slide falls back from a bad value as the page does, and says so as the page does;
    these had fallen back silently in briefing mode."""
    at = run_page(page, {**params, "present": "1"})
    assert not at.exception and not at.error, f"/{page}?present=1&{params}"
    said = [e.value.replace("\\", "") for e in (*at.toast, *at.info)]
    assert any(told in t for t in said), notices(at)
