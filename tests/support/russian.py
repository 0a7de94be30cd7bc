"""Checks for a page rendered in Russian (issue 19): no English interface string on screen,
and every number shown parses back (Russian digits: 0,871 and 1 283) to a published value.

A page's text in Russian may still hold English in two marked places only: a verbatim
quotation (Table 4's cells, a figure as printed) inside “…”, and a footnote's citation,
which the pages mark the same way. `english_leaks` drops those spans before it compares
the text with the English side of the gettext catalogue and of the curated data.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

from babel.messages.pofile import read_po
from babel.numbers import NumberFormatError, parse_decimal

from components import data, translations
from scripts.browser import REPO_ROOT

PO = REPO_ROOT / "locale" / "ru" / "LC_MESSAGES" / "messages.po"

# An English quotation or citation, marked with English curly quotes (the Russian text
# itself uses «ёлочки»); a URL; inline code.
_QUOTED = re.compile(r"“[^”]*”|https?://\S+|`[^`]*`", re.DOTALL)
_PLACEHOLDER = re.compile(r"\{[^}]*\}|%\([^)]*\)[sd]|%[sd]")
_MARKUP = re.compile(r"[*_#>\\\[\]()|]+")
_MIN_FRAGMENT = 6  # shorter fragments ("UN", "text") also occur inside proper names


def unquoted(text: str) -> str:
    """The text without its marked English quotations, URLs and code."""
    return _QUOTED.sub(" ", text)


def _fragments(message: str) -> Iterator[str]:
    for part in _PLACEHOLDER.split(message):
        part = " ".join(_MARKUP.sub(" ", part).split())
        if len(part) < _MIN_FRAGMENT or not re.search(r"[A-Za-z]{3}", part):
            continue
        if re.fullmatch(r"[a-z]+", part):
            # one lowercase word ("incident", "national") is also a data code that a chart
            # carries but never shows; capitalised words and phrases are still checked
            continue
        yield part


@functools.cache
def english_strings() -> tuple[str, ...]:
    """Fragments of English that must not appear on a Russian page: every catalogue
    message whose Russian differs, and every curated text that has a Russian version."""
    with PO.open("rb") as fh:
        catalog = read_po(fh, locale="ru")
    out: set[str] = set()
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if any(s == i for s, i in zip(strings, ids, strict=False)):
            continue  # the same in both languages (a name, an abbreviation)
        for msgid in ids:
            out.update(_fragments(msgid))
    russian = translations.lookup(data.package().tables["translations"])
    for key, english in translations.expected(data.package().tables).items():
        if (key[0], key[2]) not in translations.QUOTED and russian.get(key) != english:
            out.update(f for f in _fragments(english) if " " in f)
    return tuple(sorted(out, key=len, reverse=True))


@functools.cache
def _fragment_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple(
        (f, re.compile(rf"(?<![A-Za-z]){re.escape(f)}(?![A-Za-z])")) for f in english_strings()
    )


def english_leaks(texts: Iterable[str]) -> list[str]:
    """English interface or curated strings found outside the marked quotations."""
    found = []
    for text in texts:
        plain = " ".join(_MARKUP.sub(" ", unquoted(text)).split())
        for fragment, pattern in _fragment_patterns():
            # compiled once; the plain substring test first (most texts hold no fragment)
            if fragment in plain and pattern.search(plain):
                found.append(f"{fragment!r} in {text[:120]!r}")
    return found


_NUMBER = re.compile(r"(?<![\w.,])[-+−]?\d{1,3}(?:[\u00a0\u202f ]\d{3})+(?:,\d+)?(?![\w])|"
                     r"(?<![\w.,])[-+−]?\d+(?:,\d+)?(?![\w])")  # fmt: skip


def russian_numbers(text: str) -> list[Decimal]:
    """Every number in a Russian text, parsed with Babel's Russian rules (0,871; 1 283)."""
    out = []
    for raw in _NUMBER.findall(unquoted(text)):
        try:
            out.append(parse_decimal(raw.replace("−", "-").lstrip("+"), locale="ru"))
        except NumberFormatError:
            continue
    return out


def english_decimals(text: str) -> list[str]:
    """Numbers written the English way (0.871, 1,234,567) outside quotations: in Russian
    they must use a decimal comma and a space between thousands. A single comma group
    ("1,283") is not flagged: in Russian it is a decimal (the GTI's 0,871 and 3,016 look
    exactly like it), so a wrong grouping is caught by parsing the numbers back instead."""
    return re.findall(
        r"(?<![\w.])\d+\.\d+(?![\w.])|(?<![\w,])\d{1,3}(?:,\d{3}){2,}(?![\w,])", unquoted(text)
    )


def element_texts(at: Any) -> list[str]:
    """Every string an AppTest run shows: element bodies, labels, help, options, metric
    parts, table cells and headers."""
    from tests.support.apptest import all_elements, static_tables

    out: list[str] = []
    for el in all_elements(at):
        proto = el.proto
        if tables := static_tables([el]):  # a static table: its headers and cells, as read
            out.extend(str(c) for c in tables[0].columns)
            out.extend(str(v) for v in tables[0].to_numpy().ravel())
            continue
        for attr in ("body", "value", "label", "help", "placeholder", "delta"):
            value = getattr(proto, attr, None)
            if isinstance(value, str) and value:
                out.append(value)
        options = getattr(proto, "options", None)
        if options is not None and not isinstance(options, str):
            out.extend(str(o) for o in options)
    for kind in ("table", "dataframe"):
        for frame in getattr(at, kind, []):
            df = frame.value
            out.extend(str(c) for c in df.columns)
            out.extend(str(v) for v in df.astype(str).to_numpy().ravel())
    return out
