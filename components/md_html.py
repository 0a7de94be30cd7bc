"""Escaped Markdown -> HTML, for the printed handout and the pages' static tables. Pure.

Text from data is escaped Markdown (components/text.md_escape). markdown-it-py reads it as
CommonMark, the dialect Streamlit renders, so every escape md_escape writes (including
\\< \\| \\~ \\$) reads back as the character. Raw HTML and images are off and links are
restricted to http(s) and in-document anchors: data text never becomes live HTML,
whatever it contains.

Why tables go through here (issue 17): ``st.table`` renders every cell as its own Markdown
component. A 60 x 6 table (the timeline's list is up to 60 rows of 6 cells), alone in a
fragment, took 152 ms to redraw on a widget change and 502 ms on a deep link as ``st.table``,
and 67 ms and 347 ms as one HTML element (the empty page: 50 ms and 289 ms).
"""

from __future__ import annotations

import pandas as pd
from markdown_it import MarkdownIt

_MD = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).disable(
    "image"
)


def safe_link(url: str) -> bool:
    """Whether a URL may become a link: http(s) or an in-document anchor."""
    return url.lower().startswith(("https://", "http://", "#"))


_MD.validateLink = safe_link  # anything else stays literal text, e.g. [x](javascript:…)

TABLE_CLASS = "ca-table"  # styled by components/ui.A11Y_CSS on the pages


def md_html(text: str) -> str:
    """Escaped Markdown -> HTML fragment (block level: paragraphs, lists, quotes)."""
    return _MD.render(str(text))


def md_inline(text: str) -> str:
    """Escaped Markdown -> inline HTML (no wrapping paragraph)."""
    return _MD.renderInline(str(text))


# A source opens beside the dashboard, as Streamlit's own Markdown links do.
NEW_TAB_LINK = '<a target="_blank" rel="noopener noreferrer" href="'


def _cell(text: object) -> str:
    if text is None or (pd.api.types.is_scalar(text) and pd.isna(text)):
        return ""  # missing stays an empty cell, never "nan" or "None"
    return md_inline(str(text)).replace('<a href="', NEW_TAB_LINK)


def table_html(frame: pd.DataFrame, caption: str | None = None) -> str:
    """A static HTML table of a frame whose column names and cells are escaped Markdown
    (the index is not shown), with column headers and an optional caption. Its links open
    in a new tab."""
    head = "".join(f'<th scope="col">{_cell(c)}</th>' for c in frame.columns)
    rows = "".join(
        "<tr>" + "".join(f"<td>{_cell(v)}</td>" for v in row) + "</tr>"
        for row in frame.itertuples(index=False)
    )
    cap = f"<caption>{md_inline(caption)}</caption>" if caption else ""
    return (
        f'<table class="{TABLE_CLASS}">{cap}'
        f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    )
