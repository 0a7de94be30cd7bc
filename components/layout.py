"""Render-agnostic layout pieces that view models carry (no Streamlit here).

A `Link` points at another page; a `Block` is one placed item (a heading, Markdown, a
caption, a chart spec, a static table, a link or a chart's `DataTable`); a `Row` is blocks
side by side in columns. A page renders them with ``ui.place_rows``; a slide or a printed
handout can render the same rows its own way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

HEADING, MARKDOWN, CAPTION, CHART, TABLE, LINK, DATA_TABLE = (
    "heading",
    "markdown",
    "caption",
    "chart",
    "table",
    "link",
    "data_table",
)
KINDS = (HEADING, MARKDOWN, CAPTION, CHART, TABLE, LINK, DATA_TABLE)


@dataclass(frozen=True)
class Link:
    """Label, target page file, query parameters, an optional Material icon name and an
    optional tooltip (``help``); ``query`` is the parameters as a dict."""

    label: str
    page: str
    params: tuple[tuple[str, str], ...] = ()
    icon: str | None = None
    help: str | None = None

    @property
    def query(self) -> dict[str, str]:
        return dict(self.params)


@dataclass(frozen=True)
class DataTable:
    """A chart's data as a table, its text alternative (issue 17): shown next to the chart
    in a closed expander that costs nothing until opened (``ui.data_table``).

    label: the expander's label (escaped Markdown); frame: one row per mark, cells as text
    exactly as published (a '-' in the paper stays '-', never 0; escaped where the text
    comes from data); key: the expander's widget key."""

    label: str
    frame: Any  # pandas.DataFrame; shared when cached, do not mutate
    key: str


@dataclass(frozen=True)
class Block:
    """One placed item. content: escaped Markdown (heading, markdown, caption), a Vega-Lite
    dict (chart; shared when cached, do not mutate), a DataFrame of escaped cells (table),
    a Link, or a DataTable (data_table: a chart's data behind an expander). key: the widget
    key of a chart."""

    kind: str
    content: Any
    key: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown block kind {self.kind!r}")


@dataclass(frozen=True)
class Row:
    """Columns side by side (relative widths); one column spans the page."""

    columns: tuple[tuple[Block, ...], ...]
    widths: tuple[float, ...] = (1.0,)
    gap: str = "small"
