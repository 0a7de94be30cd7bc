"""Render-agnostic layout pieces that view models carry (no Streamlit here).

A `Link` points at another page; a `Block` is one placed item (a heading, Markdown, a
caption, a chart spec, a static table or a link); a `Row` is blocks side by side in
columns. A page renders them with ``ui.place_rows``; a slide or a printed handout can
render the same rows its own way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

HEADING, MARKDOWN, CAPTION, CHART, TABLE, LINK = (
    "heading",
    "markdown",
    "caption",
    "chart",
    "table",
    "link",
)
KINDS = (HEADING, MARKDOWN, CAPTION, CHART, TABLE, LINK)


@dataclass(frozen=True)
class Link:
    """Label, target page file, query parameters and an optional Material icon name."""

    label: str
    page: str
    params: tuple[tuple[str, str], ...] = ()
    icon: str | None = None

    @property
    def query(self) -> dict[str, str]:
        return dict(self.params)


@dataclass(frozen=True)
class Block:
    """One placed item. content: escaped Markdown (heading, markdown, caption), a Vega-Lite
    dict (chart; shared when cached, do not mutate), a DataFrame of escaped cells (table)
    or a Link. key: the widget key of a chart."""

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
