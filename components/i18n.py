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
from components.vocab import N_  # noqa: F401  (re-exported: mark constants for extraction)

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

    def integer(self, value: int) -> str:
        """1283 / 1 283."""
        return self.decimal(int(value), 0)

    def partial_date(self, value: object) -> str:
        """'2023' -> '2023', '2023-07' -> 'July 2023' / 'июль 2023', '2023-07-04' ->
        '4 July 2023' / '4 июля 2023': never more precise than the source."""
        if not isinstance(value, str) or not value:
            return self._("undated")
        parts = value.split("-")
        if len(parts) == 1:
            return parts[0]
        day = dt.date(int(parts[0]), int(parts[1]), int(parts[2]) if len(parts) == 3 else 1)
        pattern = "LLLL y" if len(parts) == 2 else "d MMMM y"
        return format_date(day, pattern, locale=self.lang)


def translator(lang: object = DEFAULT) -> Translator:
    return Translator(resolve(lang))
