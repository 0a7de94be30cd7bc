"""Accessible Vega-Lite specs (issue 17): every chart gets an accessible name, and the
individual marks, which carry no name of their own, are hidden from assistive technology.

Pure (no Streamlit): the page frame, the slides and the handout all pass their specs through
``accessible``. The chart's data stays available as a table alternative on each page.
"""

from __future__ import annotations

from typing import Any


def title_text(spec: dict[str, Any]) -> str:
    """The spec's title as plain text ('' when it has none); list titles join with spaces."""
    title = spec.get("title")
    if isinstance(title, dict):
        title = title.get("text")
    if isinstance(title, (list, tuple)):
        title = " ".join(str(t) for t in title)
    return str(title or "").strip()


def accessible(spec: dict[str, Any], name: str | None = None) -> dict[str, Any]:
    """A shallow copy of ``spec`` (the input is not changed) with a top-level ``description`` (``name``, else the spec's own
    description, else its title, else 'Chart') and ``config.mark.aria = false`` so that
    unnamed mark containers are not announced (axe rule ``svg-img-alt``)."""
    config = dict(spec.get("config") or {})
    config["mark"] = {**(config.get("mark") or {}), "aria": False}
    description = name or spec.get("description") or title_text(spec) or "Chart"
    return {**spec, "description": description, "config": config}
