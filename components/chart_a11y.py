"""Accessible Vega-Lite specs (issue 17): every chart gets an accessible name, and the
individual marks, which carry no name of their own, are hidden from assistive technology.

Pure (no Streamlit): the page frame, the slides and the handout all pass their specs through
``accessible``. The chart's data stays available as a table alternative on each page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from components.vocab import N_

if TYPE_CHECKING:
    from components.i18n import Translator

# The last resort of a chart with no name of its own: every chart the pages and slides draw
# sets a specific ``description`` (tests/test_chart_a11y.py), so this is a safety net.
FALLBACK = N_("Chart")


def title_text(spec: dict[str, Any]) -> str:
    """The spec's title as plain text ('' when it has none); list titles join with spaces."""
    title = spec.get("title")
    if isinstance(title, dict):
        title = title.get("text")
    if isinstance(title, (list, tuple)):
        title = " ".join(str(t) for t in title)
    return str(title or "").strip()


def chart_name(spec: dict[str, Any], name: str | None = None, tr: Translator | None = None) -> str:
    """A chart's accessible name: ``name``, else the spec's own description, else its
    title, else `FALLBACK` in ``tr``'s language (English without one)."""
    return (
        name
        or spec.get("description")
        or title_text(spec)
        or (tr._(FALLBACK) if tr is not None else FALLBACK)
    )


def accessible(
    spec: dict[str, Any],
    name: str | None = None,
    interactive: bool = False,
    tr: Translator | None = None,
) -> dict[str, Any]:
    """A shallow copy of ``spec`` (the input is not changed) with a top-level ``description``
    (`chart_name`: ``name``, else the spec's own description, else its title, else 'Chart'
    in ``tr``'s language), and its unnamed mark containers kept from assistive technology
    (axe rule ``svg-img-alt``).

    A static chart hides every mark (``config.mark.aria = false``): its name and the page's
    data table say what it shows. An ``interactive`` chart (a click selects) keeps the marks
    Vega names from a tooltip or description encoding, since those are what a user reaches,
    and hides only the unnamed ones (outlines, highlights). Axes and legends are hidden in
    both cases."""
    description = chart_name(spec, name, tr)
    # Vega's own axis and legend descriptions are English boilerplate whatever the page's
    # language ("X-axis for a linear scale ..."), and read a sorted axis's internal keys:
    # the chart's name and its data table say it better.
    config = dict(spec.get("config") or {})
    for part in ("axis", "legend"):
        config[part] = {**(config.get(part) or {}), "aria": False}
    if interactive:
        return {**_unnamed_marks_hidden(spec), "description": description, "config": config}
    config["mark"] = {**(config.get("mark") or {}), "aria": False}
    return {**spec, "description": description, "config": config}


def _unnamed_marks_hidden(spec: dict[str, Any]) -> dict[str, Any]:
    out = dict(spec)
    if "mark" in out and not {"tooltip", "description"} & set(out.get("encoding") or {}):
        mark = out["mark"] if isinstance(out["mark"], dict) else {"type": out["mark"]}
        out["mark"] = {**mark, "aria": False}
    for key in ("layer", "concat", "hconcat", "vconcat"):
        if isinstance(out.get(key), list):
            out[key] = [_unnamed_marks_hidden(s) if isinstance(s, dict) else s for s in out[key]]
    return out
