"""What a reader sees of the app's Markdown, rendered as Streamlit renders it (CommonMark,
with components/md_html.py's markdown-it). Shared by the view tests (no test module
imports another)."""

from __future__ import annotations

import re

from components.md_html import md_html


def shown_lines(markdown: str) -> list[str]:
    """The text of each line a reader sees: a soft line break joins lines, as a browser
    shows it; a hard break, a paragraph or a list item starts a new one."""
    html = md_html(markdown).replace("\n", " ")
    html = re.sub(r"<br\s*/?>|</p>|</li>|</h\d>", "\n", html)
    return [line.strip() for line in re.sub(r"<[^>]+>", "", html).split("\n") if line.strip()]


def shown_numbers(markdown: str) -> list[int]:
    """The number at the start of each line a reader sees. An ordered list's numbers are
    drawn by the browser, not written in the text, so none of them is found."""
    return [int(m[1]) for line in shown_lines(markdown) if (m := re.match(r"(\d+)\. ", line))]
