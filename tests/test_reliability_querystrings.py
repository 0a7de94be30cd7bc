"""Reliability: every page survives malformed and hostile query strings (AppTest).

A link pasted into an email must never show a traceback. For every page and every case
below, the page must run to its footer with no exception and no error box, and nothing
from the URL may reach the page as markup: a value echoed in a notice is Markdown-escaped,
and no element that renders raw HTML (st.html, unsafe_allow_html) carries it. For clearly
invalid values on a page that reads the URL, a polite notice must appear.

The values are applied to every query parameter the app knows at once (one run per case
and page keeps this fast); the same hostile strings also run through real Chromium in
tests/e2e/test_reliability.py.

The helpers at the top (``all_elements``, ``raw_markup_leaks``, ...) are shared with
tests/test_reliability_injected.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from streamlit.testing.v1 import AppTest

from tests.e2e.helpers import app_routes

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")

# url path -> page file (app.py's routes), the default page named "overview".
PAGES = {path or "overview": file for path, file in app_routes().items()}

# The footer's DOI is written literally (not escaped): its presence proves the page ran
# to the end instead of stopping half-way.
FOOTER_MARK = "ZNHX7290"

# --------------------------------------------------------------------------- params
# Parameters known today, plus any literal name read in pages/ or components/ (so a new
# parameter is covered as soon as it lands).
KNOWN_PARAMS = {
    "country", "countries", "approach", "partner", "theme", "type", "from", "to", "q",
    "rows", "colour", "incidents", "present", "layer", "layers", "year", "years",
}
_PARAM_RX = re.compile(
    r"query_params(?:\.get|\.get_all|\.pop)?\s*[\[(]\s*[\"']([A-Za-z_][\w-]*)[\"']"
)
YEAR_PARAMS = {"from", "to", "year", "years", "year_from", "year_to", "start", "end"}


def _params_in_source() -> set[str]:
    names: set[str] = set()
    for folder in ("pages", "components"):
        for path in (ROOT / folder).glob("*.py"):
            names |= set(_PARAM_RX.findall(path.read_text(encoding="utf-8")))
    try:  # constants that name parameters indirectly
        from components import filters

        names |= set(getattr(filters, "ALL_PARAMS", ()))
    except ImportError:
        pass
    return names


PARAMS = sorted(KNOWN_PARAMS | _params_in_source())

# --------------------------------------------------------------------------- cases
SCRIPT = "<script>window.__pwned=1</script>"
IMG = '"><img src="http://127.0.0.1:9/pwned.png" onerror="window.__pwned=1">'
MD_JS = "[click](javascript:window.__pwned=1) **bold** :red[red] $x^2$ {0} %s %n"
LONG = "A" * 10_000
# What Streamlit sees for ?x=%FF%FE%C3%28 (invalid UTF-8 is decoded with replacement).
NON_UTF8 = unquote("%FF%FE%C3%28", errors="replace")
UNICODE = "Қазақстан 🇰🇿 Ўзбекистон \u202eevil\u202c zero\u200bwidth ﷽"
CONTROL = "KAZ\x00\x1b[31m\r\n\t"


def _all(value: Any) -> dict[str, Any]:
    return {p: value for p in PARAMS}


def _years(year_from: str, year_to: str, other: Any = "KAZ") -> dict[str, Any]:
    out = _all(other)
    for p in PARAMS:
        if p in YEAR_PARAMS:
            out[p] = year_from if p in ("from", "year_from", "start", "year") else year_to
    if "years" in out:
        out["years"] = f"{year_from}-{year_to}"
    return out


# (id, params, the page must show a notice if it reads the URL)
CASES: list[tuple[str, dict[str, Any], bool]] = [
    ("unknown-code", _all("ZZZ"), True),
    ("empty", _all(""), False),
    ("repeated", _all(["KAZ", "ZZZ", "KAZ", ""]), False),
    ("long-10k", _all(LONG), True),
    ("non-utf8", _all(NON_UTF8 + " %FF%FE%3Cscript%3E"), True),
    ("unicode-control", _all(UNICODE + CONTROL), True),
    ("script-img", _all(SCRIPT + IMG), True),
    ("markdown-js", _all(MD_JS), True),
    ("years-reversed", _years("2030", "1990"), False),
    ("years-non-numeric", _years("abc", "1e309", other=" kaz "), False),
]

# Raw markup that must never reach an element rendering HTML, nor a Markdown body
# unescaped (md_escape turns '<' into '\<').
_RAW_MARKUP = re.compile(
    r"(?<!\\)<\s*(script|img|iframe|svg|a\s)"  # an unescaped tag
    r"|(?<!\\)\]\(\s*javascript:"  # a Markdown link to javascript:
    r"|href\s*=\s*[\"']?\s*javascript:",
    re.IGNORECASE,
)

# Element types whose text Streamlit renders as Markdown.
_MARKDOWN_TYPES = {
    "markdown", "caption", "error", "warning", "info", "success", "toast", "title",
    "header", "subheader", "alert", "heading",
}


# --------------------------------------------------------------------------- helpers
def all_elements(at: AppTest) -> Iterator[Any]:
    """Every element (not block) in the main area and the sidebar."""
    for root in (at.main, at.sidebar):
        for node in root:
            if hasattr(node, "proto") and not hasattr(node, "children"):
                yield node


def _body(el: Any) -> str:
    for attr in ("body", "value", "label"):
        proto = getattr(el, "proto", None)
        if proto is not None and isinstance(getattr(proto, attr, None), str):
            return getattr(proto, attr)
    return ""


def raw_markup_leaks(at: AppTest, needle: str | None = None) -> list[str]:
    """Elements where raw markup (from the URL or the data) could render as HTML.

    - st.html, or Markdown with unsafe_allow_html: no raw tag or javascript: URL at all
      (unless HTML-escaped);
    - any Markdown body, st.table cells included: no unescaped tag (the team rule:
      md_escape all data text);
    - pydeck charts: tooltips render HTML, so data in them must be HTML-escaped.
    If ``needle`` is given, only elements containing it are considered.
    """
    leaks = []
    for el in all_elements(at):
        kind = getattr(el, "type", "")
        text = _body(el)
        if kind in ("html",) or (kind == "markdown" and getattr(el.proto, "allow_html", False)):
            text = getattr(el.proto, "body", "") or text
            if (needle is None or needle in text) and _RAW_MARKUP.search(text):
                leaks.append(f"{kind} (renders HTML): {text[:300]!r}")
        elif kind in _MARKDOWN_TYPES:
            if (needle is None or needle in text) and _RAW_MARKUP.search(text):
                leaks.append(f"{kind} (Markdown, unescaped): {text[:300]!r}")
        elif kind == "table":  # st.table renders every cell and header as Markdown
            frame = el.value
            for text in [*map(str, frame.columns), *(v for v in frame.to_numpy().ravel() if isinstance(v, str))]:
                if (needle is None or needle in text) and _RAW_MARKUP.search(text):
                    leaks.append(f"table cell (Markdown, unescaped): {text[:300]!r}")
        elif kind == "metric":  # label and help render as Markdown
            for text in (el.proto.label, el.proto.help):
                if (needle is None or needle in text) and _RAW_MARKUP.search(text):
                    leaks.append(f"metric label/help (Markdown, unescaped): {text[:300]!r}")
        elif kind == "deck_gl_json_chart":
            # A text tooltip is set with innerText; an "html" tooltip is innerHTML, so any
            # raw markup in the deck's data could run.
            spec, tooltip = getattr(el.proto, "json", ""), getattr(el.proto, "tooltip", "")
            if '"html"' in tooltip and _RAW_MARKUP.search(spec):
                leaks.append(f"pydeck HTML tooltip over raw markup: {tooltip[:300]!r}")
    return leaks


def notices(at: AppTest) -> list[str]:
    """Texts of the small notices a page may show (warning, info, toast, caption)."""
    kinds = (at.warning, at.info, at.toast, at.caption)
    return [e.value for kind in kinds for e in kind]


def page_ran_to_the_end(at: AppTest) -> bool:
    return any(FOOTER_MARK in c.value for c in at.caption)


def reads_the_url(page: str) -> bool:
    """The page (or the country/filters logic it uses) reads st.query_params itself."""
    return "st.query_params" in (ROOT / PAGES[page]).read_text(encoding="utf-8")


def run_page(page: str, params: dict[str, Any] | None = None) -> AppTest:
    """A fresh session opened on ``page`` with ``params`` in the URL.

    The first run lands on the default page with the same params (so the overview is
    exercised too); then the session switches to ``page`` with the params set again.
    """
    at = AppTest.from_file(APP, default_timeout=60)
    if params:
        at.query_params.update(params)
    at.run()
    if page != "overview":
        at.switch_page(PAGES[page])
        at.query_params.clear()
        at.query_params.update(params or {})
        at.run()
    return at


def assert_polite(at: AppTest, where: str) -> None:
    assert not at.exception, f"{where}: exception: {[e.value for e in at.exception]}"
    assert not at.error, f"{where}: error box instead of a polite notice: {[e.value for e in at.error]}"
    assert at.title, f"{where}: the page has no title"
    assert page_ran_to_the_end(at), f"{where}: the page stopped before its footer"


# --------------------------------------------------------------------------- tests
@pytest.fixture(scope="module")
def baselines() -> dict[str, int]:
    """Number of notices each page shows with a clean URL."""
    return {page: len(notices(run_page(page))) for page in PAGES}


def test_params_are_discovered():
    # The table covers every parameter the pages read (a guard against a silent no-op).
    assert {"country", "countries", "present"} <= set(PARAMS)


@pytest.mark.parametrize("page", list(PAGES))
@pytest.mark.parametrize(("case", "params", "needs_notice"), CASES, ids=[c[0] for c in CASES])
def test_hostile_query_string(page, case, params, needs_notice, baselines):
    at = run_page(page, params)
    where = f"/{'' if page == 'overview' else page}?<{case}>"
    assert_polite(at, where)
    leaks = raw_markup_leaks(at)
    assert not leaks, f"{where}: markup from the URL reaches the page: {leaks}"
    if needs_notice and reads_the_url(page):
        assert len(notices(at)) > baselines[page], (
            f"{where}: an invalid value was dropped silently; show a small notice "
            f"(notices: {notices(at)})"
        )
    # A 10,000-character value must not be echoed whole.
    shown = " ".join(_body(e) for e in all_elements(at))
    assert LONG not in shown, f"{where}: the 10,000-character value is echoed in full"


@pytest.mark.parametrize("page", list(PAGES))
def test_repeated_valid_parameters_pick_one_value(page):
    """?country=KAZ&country=UZB is a valid-looking URL: it must render a real page."""
    at = run_page(page, {"country": ["KAZ", "UZB"], "countries": ["KAZ", "UZB"]})
    assert_polite(at, f"/{page}?country=KAZ&country=UZB")
