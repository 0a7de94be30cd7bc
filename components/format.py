"""Pure formatting helpers: numbers as printed, dates at their precision, safe text."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

import pandas as pd

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")


def md_escape(text: object) -> str:
    """Escape Markdown (and HTML-looking) characters so data text renders literally."""
    return "" if text is None or (isinstance(text, float) and pd.isna(text)) else _MD_SPECIAL.sub(r"\\\1", str(text))


def md_escape_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Every cell and column name escaped: st.table renders each cell as Markdown."""
    return frame.map(md_escape).rename(columns=md_escape)


def html_escape(text: object) -> str:
    return "" if text is None or (isinstance(text, float) and pd.isna(text)) else html.escape(str(text), quote=True)


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


def footnote_label(numbers: Iterable[int]) -> str:
    nums = sorted({int(n) for n in numbers})
    if not nums:
        return "no footnote"
    return _footnote_word(nums) + footnote_list(nums)


def printed_urls(sources: pd.DataFrame) -> dict[int, str | None]:
    """Footnote number -> the URL it prints, or None; an 'Ibid.' footnote without a URL of
    its own gets the URL of the footnote it repeats (`ibid_of`)."""
    # Plain dicts, not set_index/.loc: this runs for every chart and note on every rerun.
    urls = {int(n): u if isinstance(u, str) else None
            for n, u in zip(sources["footnote"], sources["url"], strict=True)}
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


def footnote_links_label(numbers: Iterable[int], sources: pd.DataFrame) -> str:
    """footnote_label with links: 'footnote [44](url)', 'footnotes [36](url), 37'."""
    nums = sorted({int(n) for n in numbers})
    return _footnote_word(nums) + footnote_links_md(nums, sources)


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def partial_date(value: object) -> str:
    """'2023' -> '2023', '2023-07' -> 'July 2023', '2023-07-04' -> '4 July 2023'."""
    if not isinstance(value, str) or not value:
        return "undated"
    parts = value.split("-")
    if len(parts) == 1:
        return parts[0]
    month = MONTHS[int(parts[1]) - 1]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])} {month} {parts[0]}"


def date_range(start: object, end: object) -> str:
    if not isinstance(start, str):
        return "undated"
    if isinstance(end, str) and end != start:
        return f"{partial_date(start)} – {partial_date(end)}"
    return partial_date(start)


def number_as_printed(value_as_printed: str, unit: str) -> str:
    return f"{value_as_printed} {unit}" if unit not in value_as_printed else value_as_printed
