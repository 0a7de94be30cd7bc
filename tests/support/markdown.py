"""What a reader sees of the app's Markdown, rendered as Streamlit renders it (CommonMark,
with components/md_html.py's markdown-it). Shared by the view tests (no test module
imports another)."""

from __future__ import annotations

import re

from components.md_html import md_html


def shown_numbers(markdown: str) -> list[int]:
    """The numbers a reader sees at the start of each line: an ordered list's items show
    none of the numbers they were written with (its start, then one more each)."""
    shown = re.sub(r"<[^>]+>", "", md_html(markdown))
    return [int(n) for n in re.findall(r"(?m)^(\d+)\. ", shown)]
