"""What a Russian page shows in words, for the i18n page tests (issue 19): the words of
its Vega-Lite charts, and checks over all of a page's texts at once.

Shared by the page tests in Russian (no test module imports another).
"""

from __future__ import annotations

import json
import re

import pyarrow as pa

from tests.support import russian
from tests.support.apptest import FOOTER_MARK

# Encoding channels whose values a viewer reads (axis labels, legends, tooltips, mark text).
_SHOWN = {"x", "y", "color", "text", "tooltip", "xOffset", "yOffset", "fillOpacity"}
_SHOWN |= {"strokeDash"}
_WORDS = {"title", "text", "subtitle", "description", "domain", "value"}


def spec_texts(spec: dict, rows: list[dict] | None = None) -> list[str]:
    """What a Vega-Lite chart shows in words: titles, axis/legend/tooltip titles, scale
    domains, constant mark text, and the data cells of every field it draws as text."""
    out: list[str] = []
    fields: set[str] = set()

    def walk(node: object, key: str = "") -> None:
        if isinstance(node, dict):
            enc = node.get("encoding") if isinstance(node.get("encoding"), dict) else {}
            for channel, e in enc.items():
                for item in e if isinstance(e, list) else [e]:
                    shown = channel in _SHOWN and isinstance(item, dict) and "field" in item
                    if shown and item.get("type") in ("nominal", "ordinal"):
                        fields.add(item["field"])
            for k, v in node.items():
                if k in ("datasets", "config"):
                    continue
                walk(v, k)
        elif isinstance(node, list):
            for v in node:
                walk(v, key)
        elif isinstance(node, str) and key in _WORDS and not node.startswith("#"):
            out.append(node)

    walk(spec)
    if rows is None:
        rows = [r for ds in spec.get("datasets", {}).values() for r in ds]
    out += [str(r[f]) for r in rows for f in fields if isinstance(r.get(f), str) and r[f]]
    return out


def leaks(texts: list[str]) -> list[str]:
    """russian.english_leaks over all texts at once (one pass over the catalogue). The
    page frame's provenance footer (components/ui.py, with the paper's DOI) is not this
    page's text and is left to the frame's own test."""
    return russian.english_leaks(["\n".join(own(texts))])


def own(texts: list[str]) -> list[str]:
    return [t for t in dict.fromkeys(texts) if FOOTER_MARK not in t]


def english_decimals(texts: list[str]) -> list[str]:
    """0.871-style decimals outside quotations. (russian.english_decimals also flags
    '1,283' as an English thousands separator, which is exactly how Russian prints the
    GTI's three decimals, 0,871: not usable on this page.)"""
    return [
        m
        for t in own(texts)
        for m in re.findall(r"(?<![\w.])\d+\.\d+(?![\w.])", russian.unquoted(t))
    ]


def chart_rows(at) -> list[tuple[dict, list[dict] | None]]:
    """(spec, data rows) of every Vega-Lite chart an AppTest run drew (Streamlit moves the
    data out of the spec into Arrow datasets)."""
    out = []
    for el in at.get("vega_lite_chart"):
        spec = json.loads(el.proto.spec)
        rows: list[dict] = []
        for ds in el.proto.datasets:
            rows += pa.ipc.open_stream(ds.data.data).read_all().to_pylist()
        out.append((spec, rows or None))
    return out
