"""Send a chart only the data it draws (issue 17): drop every column of a Vega-Lite spec's
data that nothing in the spec names.

Pure (no Streamlit). Builders make their charts from whole frames (Altair keeps every
column of the frame it is given); a column that no encoding, transform, selection or
expression names is never drawn, yet Streamlit would send it to the browser on every
rerun. ``drawn_columns_only`` is conservative: a column is kept when its name appears
anywhere outside the data as a whole word (a field, ``datum.x``, ``datum['x']``, a
``groupby`` or ``fold`` list, a tooltip), and a spec whose tooltip shows every field
(``{"content": "data"}``) is left alone.

``stable_dataset_names`` renames a spec's named datasets by position. Why: Altair names
each dataset by a hash of its rows, so new rows gave a new spec, and Streamlit rebuilds a
chart whose spec changed (parse, compile, first render) but only swaps the data of one
whose spec is the same.

``map_spec`` rewrites one kind of setting wherever a spec gives it: the slides raise
small fonts, and the printed charts set every text in the print font.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any


def _named(column: str, text: str) -> bool:
    token = json.dumps(column)[1:-1]  # as it is written inside the spec's JSON text
    return re.search(r"(?<![\w$])" + re.escape(token) + r"(?![\w$])", text) is not None


def _without_data(node: Any) -> Any:
    """The spec with its rows left out (what names the columns)."""
    if isinstance(node, dict):
        return {
            k: (None if k in ("datasets", "values") else _without_data(v)) for k, v in node.items()
        }
    if isinstance(node, list):
        return [_without_data(v) for v in node]
    return node


def _slim_rows(rows: Any, text: str) -> Any:
    if not (isinstance(rows, list) and rows and all(isinstance(r, dict) for r in rows)):
        return rows
    columns = dict.fromkeys(c for r in rows for c in r)
    keep = {c for c in columns if _named(str(c), text)}
    if len(keep) == len(columns):
        return rows
    return [{c: v for c, v in r.items() if c in keep} for r in rows]


def _slim(node: Any, text: str) -> Any:
    if isinstance(node, dict):
        out = {}
        for k, v in node.items():
            if k == "datasets" and isinstance(v, dict):
                out[k] = {name: _slim_rows(rows, text) for name, rows in v.items()}
            elif k == "values":
                out[k] = _slim_rows(v, text)
            else:
                out[k] = _slim(v, text)
        return out
    if isinstance(node, list):
        return [_slim(v, text) for v in node]
    return node


def drawn_columns_only(spec: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``spec`` whose inline data (``datasets`` and ``values``) keeps only the
    columns the spec names; the input is not changed."""
    text = json.dumps(_without_data(spec), default=str)
    if re.search(r'"content":\s*"data"', text):
        return spec
    return _slim(spec, text)


FONT_SIZE_KEYS = ("fontSize", "labelFontSize", "titleFontSize", "subtitleFontSize")
FONT_FAMILY_KEYS = ("font", "labelFont", "titleFont", "subtitleFont")


def map_spec(
    spec: Any, keys: tuple[str, ...], fn: Callable[[Any], Any], types: tuple[type, ...]
) -> Any:
    """A copy of ``spec`` with ``fn`` applied to the value of every key in ``keys`` whose
    value is one of ``types`` (marks, axes, legends, titles, config): a value given as an
    expression is left alone. Rows are not walked, as a column may share a key's name."""
    if isinstance(spec, dict):
        return {
            k: v
            if k in ("datasets", "values")
            else fn(v)
            if k in keys and isinstance(v, types) and not isinstance(v, bool)
            else map_spec(v, keys, fn, types)
            for k, v in spec.items()
        }
    if isinstance(spec, list):
        return [map_spec(v, keys, fn, types) for v in spec]
    return spec


def map_text_sizes(spec: Any, fn: Callable[[float], float]) -> Any:
    """A copy of ``spec`` with ``fn`` applied to the sizes a text mark's encoding gives (its
    value, and its conditions' values): a text mark's size channel is its font size, which
    ``map_spec`` does not see."""
    if isinstance(spec, list):
        return [map_text_sizes(v, fn) for v in spec]
    if not isinstance(spec, dict):
        return spec
    # a new tree all the way down, so the size below can be changed in place
    out = {k: v if k in ("datasets", "values") else map_text_sizes(v, fn) for k, v in spec.items()}
    mark = out.get("mark")
    encoding = out.get("encoding")
    if (mark.get("type") if isinstance(mark, dict) else mark) == "text" and isinstance(
        encoding, dict
    ):
        size = encoding.get("size")
        conditions = size.get("condition") if isinstance(size, dict) else None
        for part in [size, *(conditions if isinstance(conditions, list) else [conditions])]:
            value = part.get("value") if isinstance(part, dict) else None
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                part["value"] = fn(value)
    return out


def stable_dataset_names(spec: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``spec`` whose ``datasets`` are named ``data-0``, ``data-1``, ... in order,
    with every reference renamed; the input is not changed."""
    names = list(spec.get("datasets") or {})
    if not names:
        return spec
    text = json.dumps(spec)
    for i, name in enumerate(names):
        # a name is always written as a JSON string: replace the quoted token only
        text = text.replace(json.dumps(name), json.dumps(f"data-{i}"))
    return json.loads(text)
