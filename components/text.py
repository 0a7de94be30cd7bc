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

from components.vocab import MONTHS, UNDATED

if TYPE_CHECKING:  # a Translator is passed in; None means English, as printed
    from components.i18n import Translator

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")


def md_escape(text: object) -> str:
    """Escape Markdown (and HTML-looking) characters so data text renders literally."""
    return (
        ""
        if text is None or (isinstance(text, float) and pd.isna(text))
        else _MD_SPECIAL.sub(r"\\\1", str(text))
    )


def md_escape_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Every cell and column name escaped: st.table renders each cell as Markdown."""
    return frame.map(md_escape).rename(columns=md_escape)


def html_escape(text: object) -> str:
    return (
        ""
        if text is None or (isinstance(text, float) and pd.isna(text))
        else html.escape(str(text), quote=True)
    )


def score(value: float) -> str:
    """A GTI score exactly as printed: three decimals."""
    return f"{value:.3f}"


def change(value: float) -> str:
    """A printed change with an explicit sign (the paper prints '-0.460' and '0.328')."""
    return "0.000" if value == 0 else f"{value:+.3f}"


def footnote_list(numbers: Iterable[int]) -> str:
    nums = sorted({int(n) for n in numbers})
    return ", ".join(str(n) for n in nums)


def _footnote_word(nums: list[int]) -> str:
    return "footnote " if len(nums) == 1 else "footnotes "


def _footnotes_in(nums: list[int], listed: str, tr: Translator | None) -> str:
    """'footnote 44' / 'footnotes 36, 37' in the translator's language (a label of a list,
    so singular or plural by how many are listed, not by the last number)."""
    if tr is None:
        return _footnote_word(nums) + listed
    label = tr._("footnote {numbers}") if len(nums) == 1 else tr._("footnotes {numbers}")
    return label.format(numbers=listed)


def footnote_label(numbers: Iterable[int], tr: Translator | None = None) -> str:
    nums = sorted({int(n) for n in numbers})
    if not nums:
        return "no footnote" if tr is None else tr._("no footnote")
    return _footnotes_in(nums, footnote_list(nums), tr)


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
    return _footnotes_in(nums, footnote_links_md(nums, sources), tr)


def partial_date(value: object) -> str:
    """'2023' -> '2023', '2023-07' -> 'July 2023', '2023-07-04' -> '4 July 2023'."""
    if not isinstance(value, str) or not value:
        return UNDATED
    parts = value.split("-")
    if len(parts) == 1:
        return parts[0]
    month = MONTHS[int(parts[1]) - 1]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])} {month} {parts[0]}"


def date_range(start: object, end: object, tr: Translator | None = None) -> str:
    """A start and an optional end at their precision ('April 2022 – May 2022'); with a
    translator in its language ('апрель 2022 – май 2022')."""
    when = partial_date if tr is None else tr.partial_date
    if not isinstance(start, str):
        return when(None)
    if isinstance(end, str) and end != start:
        return f"{when(start)} – {when(end)}"
    return when(start)


def number_as_printed(value_as_printed: str, unit: str) -> str:
    return f"{value_as_printed} {unit}" if unit not in value_as_printed else value_as_printed


def join_list(items: Iterable[str], tr: Translator | None = None) -> str:
    """'A', 'A and B', 'A, B and C' (no Oxford comma, as the paper writes; 'A, B и C')."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    head = ", ".join(items[:-1])
    if tr is None:
        return head + " and " + items[-1]
    return tr._("{items} and {last}").format(items=head, last=items[-1])


def footnote_markers_md(numbers: Iterable[int]) -> str:
    """' \\[44, 45\\]': the paper's footnote numbers as bracketed markers, escaped for
    Markdown ('' when there are none)."""
    nums = sorted({int(n) for n in numbers})
    return " \\[" + footnote_list(nums) + "\\]" if nums else ""


def short_footnote_label(numbers: Iterable[int]) -> str:
    """'fn 44', 'fns 36, 37': the compact label for tight table cells."""
    nums = sorted({int(n) for n in numbers})
    if not nums:
        return "no footnote"
    return ("fn " if len(nums) == 1 else "fns ") + footnote_list(nums)


def plural(n: int, word: str, plural_word: str | None = None) -> str:
    """'1 initiative', '3 initiatives'."""
    return f"{n} {word if n == 1 else (plural_word or word + 's')}"
