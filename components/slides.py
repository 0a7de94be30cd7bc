"""Slides: what one projector screen of a view shows, ready for any renderer. Pure.

Every page's view model can produce one or more `Slide`s (its briefing mode). A slide is a
title, up to three columns of blocks and the footnotes it cites. The same slide renders
as a Streamlit page in briefing mode (components/ui.py), as a page of the printed handout
(components/handout.py) and, later, in Russian: words live in the blocks, never in the
renderers.

Block kinds (each renderer maps every kind; an unknown kind is a bug caught by tests):
- "heading": a section heading (escaped Markdown)
- "text": a paragraph (escaped Markdown)
- "item": one list item (escaped Markdown)
- "quote": a quotation with its attribution (escaped Markdown; verbatim text only)
- "caption": small print under a chart or section (escaped Markdown)
- "warning": a flag note (escaped Markdown)
- "metric": (label, value, note) — a headline figure
- "chart": a Vega-Lite spec dict, sized for the slide, every mark labelled (no hover)
- "map": a pydeck/deck.gl spec as JSON text (only where a static Vega-Lite map won't do)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from components.vega_data import FONT_SIZE_KEYS, map_spec

BLOCK_KINDS = ("heading", "text", "item", "quote", "caption", "warning", "metric", "chart", "map")

# The slide is designed for 1920x1080 and scaled to the screen (16:9). Sizes at 1080p:
MIN_HTML_PX = 22  # any HTML text
MIN_CHART_PX = 18  # any text in a chart's SVG (titles, axes, legends, mark labels)
SLIDE_W, SLIDE_H = 1920, 1080
TABLE_ROW_PX = 56  # the room the row of data-table expanders takes (issue 17), with its gap


@dataclass(frozen=True)
class Block:
    kind: str
    body: object  # str for text kinds; tuple for "metric"; dict for "chart"; str for "map"
    height: int | None = None  # px at 1080p for charts and maps


@dataclass(frozen=True)
class Slide:
    """One projector screen. `part` names it within its page (e.g. "border" on the map)."""

    page: str
    part: str
    title: str
    columns: tuple[tuple[Block, ...], ...]
    widths: tuple[float, ...] = ()
    footnotes: tuple[int, ...] = ()
    source: str = ""  # one line: where the slide's figures come from
    params: tuple[tuple[str, str], ...] = field(default=())  # the page state it shows
    # a11y (issue 17): its charts' data as tables (components.layout.DataTable), each in a
    # closed expander on the slide; the printed handout leaves them out
    tables: tuple = field(default=())

    @property
    def blocks(self) -> tuple[Block, ...]:
        return tuple(b for col in self.columns for b in col)


def pick(
    slides: Sequence[Slide], part: str | None, first: str | None = None
) -> tuple[Slide, str | None]:
    """The slide ``part`` names, else ``first``'s, else the first (``slides`` not empty);
    and, when ``part`` names no slide, the part as a notice quotes it (at most 24
    characters, in quotes), else None."""
    named = next((s for s in slides if s.part == part), None)
    if named is not None:
        return named, None
    fallback = next((s for s in slides if s.part == first), slides[0])
    return fallback, None if part is None else repr(part[:24])


_B = TypeVar("_B")


def list_runs(blocks: Sequence[_B], kind: Callable[[_B], str]) -> Iterator[tuple[int, list[_B]]]:
    """The blocks in order as (index of the first, run): consecutive list items ('item')
    form one run, every other block is a run of its own. Every renderer draws a run of
    items as one list: a screen reader hears one list of n items, not n lists of one, and
    the browser mounts one element instead of n (issue 17)."""
    run: list[_B] = []
    for i, block in enumerate(blocks):
        if kind(block) == "item":
            run.append(block)
            continue
        if run:
            yield i - len(run), run
            run = []
        yield i, [block]
    if run:
        yield len(blocks) - len(run), run


def legible(spec: object, minimum: int = MIN_CHART_PX) -> object:
    """A copy of a Vega-Lite spec with every font size below `minimum` raised to it (marks,
    axes, legends, titles), for a slide. Sizes given as expressions are left alone."""
    return map_spec(spec, FONT_SIZE_KEYS, lambda v: max(v, minimum), (int, float))


def without_tooltips(spec: object) -> object:
    """A copy of a spec without tooltips: on a projector nothing may need hovering. Tooltip
    encodings go, and every mark says "no tooltip" (null): Streamlit's Vega theme would
    otherwise show the hovered datum's fields on any mark that has none."""
    if isinstance(spec, dict):
        out = {k: without_tooltips(v) for k, v in spec.items() if k != "tooltip"}
        if "mark" in out:
            mark = out["mark"] if isinstance(out["mark"], dict) else {"type": out["mark"]}
            out["mark"] = {**mark, "tooltip": None}
        return out
    if isinstance(spec, list):
        return [without_tooltips(v) for v in spec]
    return spec
