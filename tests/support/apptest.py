"""Run the app's pages in AppTest and check what they show: the markup-leak detector and
the "polite page" checks shared by the reliability tests."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from typing import Any

import pandas as pd
from streamlit.testing.v1 import AppTest

from components.i18n import LANGS
from components.md_html import NEW_TAB_LINK, TABLE_CLASS
from components.ui import DOC_LANG_SCRIPT
from scripts.browser import REPO_ROOT, app_routes

APP = str(REPO_ROOT / "app.py")

# url path -> page file (app.py's routes), the default page named "overview".
PAGES = {path or "overview": file for path, file in app_routes().items()}

# The footer's DOI is written literally (not escaped): its presence proves the page ran
# to the end instead of stopping half-way.
FOOTER_MARK = "ZNHX7290"

# Raw markup that must never reach an element rendering HTML, nor a Markdown body
# unescaped (md_escape turns '<' into '\<').
RAW_MARKUP = re.compile(
    r"(?<!\\)<\s*(script|img|iframe|svg|a\s)"  # an unescaped tag
    r"|(?<!\\)\]\(\s*javascript:"  # a Markdown link to javascript:
    r"|href\s*=\s*[\"']?\s*javascript:",
    re.IGNORECASE,
)

# The app's one script of its own (ui.language_switch): exactly these texts, one per
# language (text -> language), so a script carrying anything else (from the URL, say) is
# still a leak.
OWN_SCRIPTS = {DOC_LANG_SCRIPT.format(lang=lang): lang for lang in LANGS}

# Raw markup that must never reach HTML (Markdown syntax there is inert text).
RAW_HTML = re.compile(
    r"<\s*(script|img|iframe|svg|a\s)|href\s*=\s*[\"']?\s*javascript:", re.IGNORECASE
)

# Element types whose text Streamlit renders as Markdown.
_MARKDOWN_TYPES = {
    "markdown", "caption", "error", "warning", "info", "success", "toast", "title",
    "header", "subheader", "alert", "heading",
}  # fmt: skip


# Widgets whose label, help and (pills) options Streamlit renders as Markdown.
_LABELLED_WIDGETS = {
    "button", "download_button", "page_link", "button_group", "checkbox", "toggle",
    "selectbox", "multiselect", "radio", "text_input", "slider", "expander", "tab",
}  # fmt: skip


def all_elements(at: AppTest) -> Iterator[Any]:
    """Every element (not block) in the main area and the sidebar."""
    for root in (at.main, at.sidebar):
        for node in root:
            if hasattr(node, "proto") and not hasattr(node, "children"):
                yield node


def body(el: Any) -> str:
    """An element's main text (body, value or label), or ''."""
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

    def bad(text: str) -> bool:
        return (needle is None or needle in text) and bool(RAW_MARKUP.search(text))

    leaks = []
    for el in all_elements(at):
        kind = getattr(el, "type", "")
        text = body(el)
        if kind == "html" or (kind == "markdown" and getattr(el.proto, "allow_html", False)):
            text = getattr(el.proto, "body", "") or text
            if kind == "html" and text in OWN_SCRIPTS:
                continue
            if kind == "html" and getattr(el.proto, "unsafe_allow_javascript", False):
                leaks.append(f"html (runs JavaScript): {text[:300]!r}")  # only ours may
                continue
            if kind == "html" and text.startswith(STATIC_TABLE_START):
                # A static table (components/md_html.py): HTML already, so Markdown syntax
                # in it is inert text; its own http(s) links are the only tags allowed.
                rest = _OWN_LINK.sub("", text)
                if (needle is None or needle in text) and RAW_HTML.search(rest):
                    leaks.append(f"static table (renders HTML): {text[:300]!r}")
            elif bad(text):
                leaks.append(f"{kind} (renders HTML): {text[:300]!r}")
        elif kind in _MARKDOWN_TYPES:
            if bad(text):
                leaks.append(f"{kind} (Markdown, unescaped): {text[:300]!r}")
        elif kind == "table":  # st.table renders every cell and header as Markdown
            frame = el.value
            cells = [*map(str, frame.columns)]
            cells += [v for v in frame.to_numpy().ravel() if isinstance(v, str)]
            leaks += [f"table cell (Markdown, unescaped): {t[:300]!r}" for t in cells if bad(t)]
        elif kind == "metric":  # label, value, delta and help render as Markdown
            for text in (el.proto.label, el.proto.body, el.proto.delta, el.proto.help):
                if bad(text):
                    leaks.append(f"metric label/help (Markdown, unescaped): {text[:300]!r}")
        elif kind in _LABELLED_WIDGETS:  # a widget's label and help render as Markdown
            proto = el.proto
            texts = [getattr(proto, "label", ""), getattr(proto, "help", "")]
            texts += [o.content for o in getattr(proto, "options", []) if hasattr(o, "content")]
            leaks += [f"{kind} label/help/option (Markdown): {t[:300]!r}" for t in texts if bad(t)]
        elif kind == "deck_gl_json_chart":
            # A text tooltip is set with innerText; an "html" tooltip is innerHTML, so any
            # raw markup in the deck's data could run.
            spec, tooltip = getattr(el.proto, "json", ""), getattr(el.proto, "tooltip", "")
            if '"html"' in tooltip and RAW_MARKUP.search(spec):
                leaks.append(f"pydeck HTML tooltip over raw markup: {tooltip[:300]!r}")
    return leaks


STATIC_TABLE_START = f'<table class="{TABLE_CLASS}">'
_OWN_LINK = re.compile(re.escape(NEW_TAB_LINK) + r'https?://[^"<>]*">')


class _TableText(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("th", "td"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("th", "td") and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def static_tables(at: Any) -> list[pd.DataFrame]:
    """The static tables a page (an AppTest) or one of its blocks shows (``ui.static_table``:
    one st.html element each), as frames of the text a reader sees, headed by the header
    row."""
    out = []
    nodes = all_elements(at) if isinstance(at, AppTest) else iter(at)
    for el in nodes:
        html = getattr(el.proto, "body", "") if getattr(el, "type", "") == "html" else ""
        if html.startswith(STATIC_TABLE_START):
            parser = _TableText()
            parser.feed(html)
            head, *rows = parser.rows
            out.append(pd.DataFrame(rows, columns=head))
    return out


def notices(at: AppTest) -> list[str]:
    """Texts of the small notices a page may show (warning, info, toast, caption)."""
    kinds = (at.warning, at.info, at.toast, at.caption)
    return [e.value for kind in kinds for e in kind]


def page_ran_to_the_end(at: AppTest) -> bool:
    return any(FOOTER_MARK in c.value for c in at.caption)


def run_page(page: str, params: dict[str, Any] | None = None, timeout: float = 60) -> AppTest:
    """A fresh session opened on ``page`` (a PAGES key) with ``params`` in the URL.

    The first run lands on the default page with the same params (so the overview is
    exercised too); then the session switches to ``page`` with the params set again.
    """
    at = AppTest.from_file(APP, default_timeout=timeout)
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
    """No exception, no error box, a title, and the page ran to its footer."""
    assert not at.exception, f"{where}: exception: {[e.value for e in at.exception]}"
    errors = [e.value for e in at.error]
    assert not errors, f"{where}: error box instead of a polite notice: {errors}"
    assert at.title, f"{where}: the page has no title"
    assert page_ran_to_the_end(at), f"{where}: the page stopped before its footer"


@contextmanager
def kept_downloads() -> Iterator[Callable[[AppTest, str], bytes]]:
    """Yields ``read(at, key)``: the bytes the download button keyed ``key`` serves.

    AppTest gives each run a media store of its own and drops it when the run ends, so a
    download button's file is gone by the time a test looks; inside this block every run
    keeps its files in one store."""
    from unittest import mock

    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    store = MemoryMediaFileStorage("/mock/media")

    def read(at: AppTest, key: str) -> bytes:
        url = at.download_button(key=key).proto.url  # /mock/media/<file id>.<extension>
        return store.get_file(url.rsplit("/", 1)[-1]).content

    with mock.patch("streamlit.testing.v1.app_test.MemoryMediaFileStorage", lambda _: store):
        yield read


def select_on_chart(at: AppTest, key: str, selection: dict) -> AppTest:
    """Rerun ``at`` as the browser does after a click on the chart keyed ``key`` (a
    Vega-Lite or pydeck chart with ``on_select``): it sends the chart's selection as the
    chart's widget state, ``{"selection": selection}`` as JSON, which Streamlit keeps under
    the key. Setting that key in session state is refused (it is read-only), and AppTest
    has no chart widget, so the state goes with the run's other widget states."""
    charts = [
        el
        for kind in ("vega_lite_chart", "deck_gl_json_chart")
        for el in at.get(kind)
        if el.key == key
    ]
    assert len(charts) == 1, f"{len(charts)} charts keyed {key!r}"
    states = at._tree.get_widget_states()
    state = states.widgets.add()
    state.id = charts[0].proto.id
    state.string_value = json.dumps({"selection": selection})
    return at._run(states)


@contextmanager
def warm_server() -> Iterator[None]:
    """Run AppTest as a server that has left Streamlit's legacy pages/ mode.

    AppTest puts every run back in that mode (the app has a pages/ folder), so a page
    first runs alone and ``ui.start_page`` reruns it through app.py; the first run uses up
    a click, and a button read by its return value (no ``on_click``) reads False. A server
    leaves the mode at its first run, as this block does at every run."""
    from unittest import mock

    from streamlit.runtime.pages_manager import PagesManager

    init = PagesManager.__init__

    def left_legacy_mode(self, *args, **kwargs) -> None:
        init(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    with mock.patch.object(PagesManager, "__init__", left_legacy_mode):
        yield


def expander_by_key(at: AppTest, key: str) -> Any | None:
    """The expander (in the main area or the sidebar) whose widget key is ``key``, or None.
    Streamlit ends a keyed element's id with its user key."""

    def walk(node: Any) -> Iterator[Any]:
        yield node
        for child in getattr(node, "children", {}).values():
            yield from walk(child)

    for root in (at.main, at.sidebar):
        for node in walk(root):
            if getattr(node, "type", "") == "expander" and node.proto.id.endswith(f"-{key}"):
                return node
    return None
