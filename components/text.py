"""The one text layer: numbers as printed, dates at their precision, footnote labels and
links ("Ibid." resolved), Markdown/HTML escaping and list joining. Pure: no Streamlit.

Every user-facing sentence that names footnotes, joins names or escapes data text goes
through here, so a label is spelled, and text is escaped, in one place."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

import pandas as pd

from components.vocab import (
    FLAG,
    FLAG_HEADING,
    FLAG_KINDS,
    FLAG_WITH_KIND,
    MONTHS,
    N_,
    NO_FOOTNOTE,
    UNDATED,
)

if TYPE_CHECKING:  # components.i18n imports components.data, which imports this module
    from components.i18n import Translator

# Every helper that writes words takes ``tr`` (the session's `i18n.Translator`); None is
# English, exactly as before translation existed.


def _english(tr: Translator | None) -> bool:
    return tr is None or tr.lang == "en"


def _t(message: str, tr: Translator | None) -> str:
    """`message` in the translator's language (English as marked, without a catalogue)."""
    return message if _english(tr) else tr._(message)


def _tn(pair: tuple[str, str], n: int, tr: Translator | None) -> str:
    """A plural pair's form for `n` (English: the singular for 1)."""
    if _english(tr):
        return pair[0] if n == 1 else pair[1]
    return tr.n_(*pair, n)


def n_(singular: str, plural: str) -> tuple[str, str]:
    """Mark a noun's plural pair for the catalogue (Babel keyword ``n_:1,2``) without
    translating it; `plural` looks the pair up in the session's language."""
    return singular, plural


# The nouns the pages count with `plural` (marked here so the catalogue has their forms).
COUNTED_NOUNS = (
    n_("initiative", "initiatives"),
    n_("dated initiative", "dated initiatives"),
    n_("undated initiative", "undated initiatives"),
    n_("supporting initiative", "supporting initiatives"),
    n_("slide", "slides"),
    n_("footnote", "footnotes"),
)
# Counts that carry their number inside the message (translate with
# ``tr.n_(*INITIATIVE_COUNT, n).format(n=...)``).
INITIATIVE_COUNT = n_("{n} initiative", "{n} initiatives")
SLIDE_COUNT = n_("{n} slide", "{n} slides")

# "&" too: Markdown decodes "&amp;" and "&lt;" in text, and data must show as written.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$&])")
# Streamlit reads ":smile:", ":+1:", ":material/home:" and ":red[...]" as emoji, icons and
# colours. Escaping the colon that opens one, and the one that closes it (with one end
# escaped the emoji is still drawn), keeps them literal; "Source: ..." keeps its colon bare.
_SHORTCODE_OPEN = re.compile(r":(?=\\?[\w+/-])")
_SHORTCODE_CLOSE = re.compile(r"(\\:(?:\\?[\w+/-])+):")
# The front end turns the raw text ":material/" into an icon name before it reads the
# Markdown, so an escaped colon does not stop it; an escaped slash does.
_ICON_SLASH = re.compile(r"(?<=material)/")


def _escape_shortcodes(escaped: str) -> str:
    """Escape Streamlit's :shortcodes: in text whose Markdown is already escaped."""
    out = _SHORTCODE_CLOSE.sub(r"\1\\:", _SHORTCODE_OPEN.sub(r"\\:", escaped))
    return _ICON_SLASH.sub(r"\\/", out)


def md_escape(text: object) -> str:
    """Escape Markdown (and HTML-looking) characters so data text renders literally."""
    return (
        ""
        if text is None or (isinstance(text, float) and pd.isna(text))
        else _escape_shortcodes(_MD_SPECIAL.sub(r"\\\1", str(text)))
    )


# A widget or metric label renders a small Markdown subset (emphasis, code, strikethrough,
# links, images, `:colour[...]` and `:emoji:` directives, `$LaTeX$`) and unwraps block
# elements, and Streamlit also reads it verbatim as the help icon's accessible name ("Help
# for <label>"). So a label escapes only what would otherwise render as markup: a backslash
# before "(" or "." would be read aloud by a screen reader.
_LABEL_INLINE = re.compile(r"([\\`*_\[\]~$<>]|&(?=#?\w+;))")  # "&amp;" stays as written
_LABEL_ORDERED = re.compile(r"^(\s*\d+)([.)])(?=\s|$)")
_LABEL_BLOCK = re.compile(r"^(\s*)([#>+\-])")


def label_escape(text: object) -> str:
    """Escape data text for a Streamlit label (st.metric, widgets) so it renders literally
    and its accessible name carries no needless backslashes."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return ""
    out = _escape_shortcodes(_LABEL_INLINE.sub(r"\\\1", str(text)))
    out = _LABEL_ORDERED.sub(r"\1\\\2", out)
    return _LABEL_BLOCK.sub(r"\1\\\2", out)


def md_escape_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Every cell and column name escaped: st.table renders each cell as Markdown."""
    return frame.map(md_escape).rename(columns=md_escape)


def flag_marked(text: str, flag_note: object) -> str:
    """`text` with the flag glyph after it when its row has a flag note (a group the paper
    says two things of): the note itself is given where there is room for it."""
    return f"{text} {FLAG}" if isinstance(flag_note, str) and flag_note else text


def flag_kind(code: str, tr: Translator | None = None) -> str:
    """A flag's kind (a code in the data's `flag` column) in words; an unknown code is
    shown as written, its underscores as spaces."""
    return _t(FLAG_KINDS[code], tr) if code in FLAG_KINDS else code.replace("_", " ")


def flag_word(code: object, tr: Translator | None = None, escape=lambda s: s) -> str:
    """'Flag (country mismatch)', or 'Flag' where the kind is not known; ``escape`` is
    applied to the kind, the one part that can come from the data (an unknown code)."""
    if not isinstance(code, str) or not code:
        return _t(FLAG_HEADING, tr)
    return _t(FLAG_WITH_KIND, tr).format(kind=escape(flag_kind(code, tr)))


def flag_md(code: object, note: str, tr: Translator | None = None) -> str:
    """'**Flag (country mismatch):** note', escaped Markdown."""
    return f"**{flag_word(code, tr, md_escape)}:** {md_escape(note)}"


def aside_md(text: str) -> str:
    """' (text)' as escaped Markdown, for a remark after a name; ' — text' when the remark
    has brackets of its own, so that no '((…))' reaches the screen."""
    escaped = md_escape(text)
    return f" — {escaped}" if "(" in text or ")" in text else f" ({escaped})"


def html_escape(text: object) -> str:
    return (
        ""
        if text is None or (isinstance(text, float) and pd.isna(text))
        else html.escape(str(text), quote=True)
    )


def score(value: float, tr: Translator | None = None) -> str:
    """A GTI score exactly as printed: three decimals (0.871; in Russian 0,871)."""
    return f"{value:.3f}" if _english(tr) else tr.decimal(value, 3)


def change(value: float, tr: Translator | None = None) -> str:
    """A printed change with an explicit sign (the paper prints '-0.460' and '0.328')."""
    if not _english(tr):
        return tr.signed(value, 3)
    return "0.000" if value == 0 else f"{value:+.3f}"


def doi(url: str) -> str:
    """The DOI a doi.org link names ('10.58866/ZNHX7290'); any other link as it is."""
    return re.sub(r"^https?://(dx\.)?doi\.org/", "", url.strip())


def footnote_list(numbers: Iterable[int]) -> str:
    nums = sorted({int(n) for n in numbers})
    return ", ".join(str(n) for n in nums)


def numbered_md(items: Iterable[tuple[int, str]]) -> str:
    """Markdown lines that each keep their own number ("**16.** citation"), one per line.
    Not a Markdown ordered list: that numbers its items on from the first (footnotes 4,
    16 and 17 would read 4, 5 and 6), whatever numbers they were written with."""
    return "  \n".join(f"**{n}.** {body}" for n, body in items)


FOOTNOTE_LABEL = N_("footnote {numbers}")
FOOTNOTES_LABEL = N_("footnotes {numbers}")
SHORT_FOOTNOTE_LABEL = n_("fn {numbers}", "fns {numbers}")
IBID = N_("Ibid. = footnote {number}")
AND_LAST = N_("{items} and {last}")


def _footnote_label(nums: list[int], shown: str, tr: Translator | None) -> str:
    """'footnote 44' / 'footnotes 36, 37' ('сноска 44' / 'сноски 36, 37'): the word is a
    label's singular or plural, not a count's agreement, so no plural rule applies."""
    return _t(FOOTNOTE_LABEL if len(nums) == 1 else FOOTNOTES_LABEL, tr).format(numbers=shown)


def footnote_label(numbers: Iterable[int], tr: Translator | None = None) -> str:
    nums = sorted({int(n) for n in numbers})
    if not nums:
        return _t(NO_FOOTNOTE, tr)
    return _footnote_label(nums, footnote_list(nums), tr)


TABLE_N = N_("Table {number}")


def table_label(printed: object, tr: Translator | None = None) -> str:
    """A table as the data names it ('Table 1'); in another language through the catalogue
    ('Таблица 1')."""
    printed = str(printed)
    number = re.search(r"\d+", printed)
    if _english(tr) or not number:
        return printed
    return tr._(TABLE_N).format(number=number.group())


# A GTI row's plausibility flag, in a language other than English (the English note is the
# data's own flag_note).
IMPLIED_OUT_OF_SCALE = N_(
    "Printed score {score} minus printed change {change} implies a {year} score of "
    "{implied}, outside the GTI's 0-10 scale. Kept as printed."
)


def implied_out_of_scale(
    score: float, change: float, year: str, implied: float, tr: Translator
) -> str:
    """'Printed score 3.016 minus printed change 3.747 implies a 2013 score of -0.731, ...'
    in the translator's language, its figures in that language's digits."""
    return tr._(IMPLIED_OUT_OF_SCALE).format(
        score=tr.decimal(score, 3),
        change=tr.decimal(change, 3),
        year=year,
        implied=tr.decimal(implied, 3),
    )


def printed_urls(sources: pd.DataFrame) -> dict[int, str | None]:
    """Footnote number -> the URL it prints, or None; an 'Ibid.' footnote without a URL of
    its own gets the URL of the footnote it repeats (`ibid_of`)."""
    # Plain dicts, not set_index/.loc: this runs for every chart and note on every rerun.
    urls = {
        int(n): u if isinstance(u, str) else None
        for n, u in zip(sources["footnote"], sources["url"], strict=True)
    }
    for n, ibid in zip(sources["footnote"], sources["ibid_of"], strict=True):
        if urls[int(n)] is None and not pd.isna(ibid):
            urls[int(n)] = urls.get(int(ibid))
    return urls


def footnote_links_md(numbers: Iterable[int], sources: pd.DataFrame) -> str:
    """'[36](url), 37' in Markdown: links where the footnote prints a URL, following Ibid."""
    urls = printed_urls(sources)
    parts = []
    for n in sorted({int(n) for n in numbers}):
        url = urls.get(n)
        if url and url.startswith(("http://", "https://")):
            safe = url.replace(")", "%29").replace("(", "%28").replace(" ", "%20")
            parts.append(f"[{n}]({safe})")
        else:
            parts.append(str(n))
    return ", ".join(parts)


def footnote_links_label(
    numbers: Iterable[int], sources: pd.DataFrame, tr: Translator | None = None
) -> str:
    """footnote_label with links: 'footnote [44](url)', 'footnotes [36](url), 37'."""
    nums = sorted({int(n) for n in numbers})
    return _footnote_label(nums, footnote_links_md(nums, sources), tr)


def ibid_note(of: int, tr: Translator | None = None) -> str:
    """What an 'Ibid.' footnote repeats: 'Ibid. = footnote 23' ('Там же = сноска 23')."""
    return _t(IBID, tr).format(number=int(of))


def partial_date(value: object, tr: Translator | None = None) -> str:
    """'2023' -> '2023', '2023-07' -> 'July 2023', '2023-07-04' -> '4 July 2023'
    (in Russian 'июль 2023', '4 июля 2023', with Babel's month names)."""
    if not _english(tr):
        return tr.partial_date(value)
    if not isinstance(value, str) or not value:
        return UNDATED
    parts = value.split("-")
    if len(parts) == 1:
        return parts[0]
    month = MONTHS[int(parts[1]) - 1]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])} {month} {parts[0]}"


def date_range(start: object, end: object, tr: Translator | None = None) -> str:
    if not isinstance(start, str):
        return _t(UNDATED, tr)
    if isinstance(end, str) and end != start:
        return f"{partial_date(start, tr)} – {partial_date(end, tr)}"
    return partial_date(start, tr)


def number_as_printed(value_as_printed: str, unit: str) -> str:
    return f"{value_as_printed} {unit}" if unit not in value_as_printed else value_as_printed


def join_list(items: Iterable[str], tr: Translator | None = None) -> str:
    """'A', 'A and B', 'A, B and C' (no Oxford comma, as the paper writes); in Russian
    'А, Б и В'."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return _t(AND_LAST, tr).format(items=", ".join(items[:-1]), last=items[-1])


def footnote_markers_md(numbers: Iterable[int]) -> str:
    """' \\[44, 45\\]': the paper's footnote numbers as bracketed markers, escaped for
    Markdown ('' when there are none)."""
    nums = sorted({int(n) for n in numbers})
    return " \\[" + footnote_list(nums) + "\\]" if nums else ""


def short_footnote_label(numbers: Iterable[int], tr: Translator | None = None) -> str:
    """'fn 44', 'fns 36, 37' ('сн. 44', 'сн. 36, 37'): the compact label for tight cells."""
    nums = sorted({int(n) for n in numbers})
    if not nums:
        return _t(NO_FOOTNOTE, tr)
    return _tn(SHORT_FOOTNOTE_LABEL, len(nums), tr).format(numbers=footnote_list(nums))


def plural(n: int, word: str, plural_word: str | None = None, tr: Translator | None = None) -> str:
    """'1 initiative', '3 initiatives'. In another language the pair (word, plural_word) is a
    gettext plural entry (mark it with `n_`; see COUNTED_NOUNS) chosen by that language's
    rule: '1 инициатива', '3 инициативы', '5 инициатив'."""
    many = plural_word or word + "s"
    if _english(tr):
        return f"{n} {word if n == 1 else many}"
    return f"{tr.integer(n)} {tr.n_(word, many, n)}"
