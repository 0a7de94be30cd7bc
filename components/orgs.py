"""Pure helpers for the organisations hierarchy (OSCE -> its field offices, UN -> UNOCT ...)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pandas as pd


def children_map(organisations: pd.DataFrame) -> dict[str, list[str]]:
    """parent id -> ids of its direct children."""
    out: dict[str, list[str]] = {}
    for oid, parent in zip(organisations["id"], organisations["parent_id"], strict=True):
        if isinstance(parent, str):
            out.setdefault(parent, []).append(oid)
    return out


def descendants(org_ids: Iterable[str], children: Mapping[str, Sequence[str]]) -> set[str]:
    """The given organisations and everything under them."""
    out: set[str] = set()
    stack = list(org_ids)
    while stack:
        cur = stack.pop()
        if cur not in out:
            out.add(cur)
            stack.extend(children.get(cur, ()))
    return out
