"""Languages: a per-session translator (gettext catalogues) and locale formatting (Babel).

Pure: no Streamlit. A page resolves the session's language from the URL (``?lang=ru``) and
passes the `Translator` to the builders; nothing here is installed process-wide and no
language is kept in a module global, because every session shares one process and a
global would leak one viewer's language to another.

Catalogues live in ``locale/<lang>/LC_MESSAGES/messages.po`` (managed with Babel: `make
i18n-extract`, `make i18n-update`, `make i18n-compile`). They are compiled in memory with
Babel the first time a language is asked for, so a fresh checkout needs no build step and
a compiled file can never be stale.
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import io
from dataclasses import dataclass
from decimal import Decimal

from babel import Locale
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from components import data
from components.vocab import (
    N_,  # noqa: F401  (re-exported: mark constants for extraction)
    UNDATED,
)

DOMAIN = "messages"
LANGS = ("en", "ru")
DEFAULT = "en"
LANG_NAMES = {"en": "English", "ru": "Русский"}  # each language in its own words


def resolve(raw: object) -> str:
    """The language a ``lang`` parameter asks for; anything else is English."""
    if isinstance(raw, (list, tuple)):
        raw = raw[-1] if raw else None
    value = str(raw or "").strip().lower()[:8]
    return value if value in LANGS else DEFAULT


def unknown(raw: object) -> str | None:
    """What a ``lang`` parameter asks for when it names no language of the interface (so
    the page can say why it shows English); None when it names one, or nothing."""
    if isinstance(raw, (list, tuple)):
        raw = raw[-1] if raw else None
    value = str(raw or "").strip()
    return value[:24] if value and value.lower()[:8] not in LANGS else None


@functools.cache
def _catalogue(lang: str) -> gettext.NullTranslations:
    if lang == DEFAULT:
        return gettext.NullTranslations()
    catalog = read_po(io.BytesIO(data.message_catalogue(lang)), locale=lang, domain=DOMAIN)
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    buf.seek(0)
    return gettext.GNUTranslations(buf)


@dataclass(frozen=True)
class Translator:
    """One language's messages and formats. Hashable, so cached builders can key on it."""

    lang: str = DEFAULT

    @property
    def _t(self) -> gettext.NullTranslations:
        return _catalogue(self.lang)

    @property
    def locale(self) -> Locale:
        return Locale.parse(self.lang)

    def _(self, message: str) -> str:
        return self._t.gettext(message)

    def n_(self, singular: str, plural: str, n: int) -> str:
        """The plural form for `n` (Russian has three: 1 сноска, 2 сноски, 5 сносок)."""
        return self._t.ngettext(singular, plural, n)

    def vega_locale(self) -> dict:
        """``config.locale`` for a Vega-Lite spec in this language (see `vega_locale`)."""
        return vega_locale(self.lang)

    def quote(self, english: str, russian: str | None = None) -> str:
        """A verbatim English text (Table 4's cells, a citation) in English quotation
        marks; in Russian its translation follows, marked as a translation. Callers
        escape for Markdown/HTML first."""
        if self.lang == DEFAULT or not russian:
            return f"“{english}”"
        word = self._("translation")  # (a literal inside an f-string is not extracted)
        return f"“{english}” ({word}: {russian})"

    def _pattern(self, places: int) -> str:
        # English keeps the paper's printing (1283, no separator); other languages group
        # thousands their own way (Russian: a no-break space, 1 283).
        whole = "0" if self.lang == DEFAULT else "#,##0"
        return whole + ("." + "0" * places if places else "")

    def decimal(self, value: float | Decimal, places: int = 3) -> str:
        """A published figure with its printed number of decimals: 0.871 / 0,871."""
        return format_decimal(value, format=self._pattern(places), locale=self.lang)

    def signed(self, value: float | Decimal, places: int = 3) -> str:
        """A printed change with an explicit sign: +0.328 / +0,328; zero has no sign."""
        if value == 0:
            return self.decimal(0, places)
        pattern = self._pattern(places)
        return format_decimal(value, format=f"+{pattern};-{pattern}", locale=self.lang)

    def count(self, value: int) -> str:
        """A count the dashboard makes (not a published figure), grouped the language's
        way: 12,345 / 12 345."""
        return format_decimal(int(value), locale=self.lang)

    def integer(self, value: int) -> str:
        """1283 / 1 283."""
        return self.decimal(int(value), 0)

    def partial_date(self, value: object) -> str:
        """'2023' -> '2023', '2023-07' -> 'July 2023' / 'июль 2023', '2023-07-04' ->
        '4 July 2023' / '4 июля 2023': never more precise than the source."""
        if not isinstance(value, str) or not value:
            return self._(UNDATED)
        parts = value.split("-")
        if len(parts) == 1:
            return parts[0]
        day = dt.date(int(parts[0]), int(parts[1]), int(parts[2]) if len(parts) == 3 else 1)
        pattern = "LLLL y" if len(parts) == 2 else "d MMMM y"
        return format_date(day, pattern, locale=self.lang)


@functools.cache
def _vega_locale(lang: str) -> dict:
    loc = Locale.parse(lang)
    symbols = loc.number_symbols.get("latn", loc.number_symbols)
    wide = loc.months["stand-alone"]["wide"]
    short = loc.months["stand-alone"]["abbreviated"]
    days = loc.days["stand-alone"]["wide"]
    short_days = loc.days["stand-alone"]["abbreviated"]
    order = [6, 0, 1, 2, 3, 4, 5]  # d3 weeks start on Sunday; Babel's on Monday (0)
    return {
        "number": {
            "decimal": symbols["decimal"],
            "thousands": "\u00a0" if lang != DEFAULT else ",",
            "grouping": [3],
            "currency": ["$", ""] if lang == DEFAULT else ["", "\u00a0₽"],
        },
        "time": {
            "dateTime": "%x, %X",
            "date": "%d.%m.%Y" if lang != DEFAULT else "%-m/%-d/%Y",
            "time": "%H:%M:%S",
            "periods": ["AM", "PM"],
            "days": [days[i] for i in order],
            "shortDays": [short_days[i] for i in order],
            "months": [wide[i] for i in range(1, 13)],
            "shortMonths": [short[i].rstrip(".") for i in range(1, 13)],
        },
    }


def vega_locale(lang: str) -> dict:
    """Vega-Lite's ``config.locale`` (d3 number and time formats) for `lang`, from Babel's
    data: in Russian an axis reads 0,5 and "март 2023". A fresh copy each call."""
    import copy

    return copy.deepcopy(_vega_locale(resolve(lang)))


ENGLISH = Translator()  # the default argument of builders (a constant, not a session's choice)


def translator(lang: object = DEFAULT) -> Translator:
    return Translator(resolve(lang))
