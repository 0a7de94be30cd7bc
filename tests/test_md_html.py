"""components/md_html.py: escaped Markdown cells become one static HTML table."""

from __future__ import annotations

import pandas as pd
import pytest

from components.md_html import NEW_TAB_LINK, table_html
from components.text import md_escape


@pytest.mark.parametrize(
    ("cell", "html"),
    [
        # the Markdown engine itself (escapes, unsafe links) is tested through the
        # handout (tests/test_handout.py); here, what a table cell adds to it
        ("[51](https://www.osce.org/x)", f'{NEW_TAB_LINK}https://www.osce.org/x">51</a>'),
        ("", ""),
        (None, ""),  # missing: an empty cell
        (float("nan"), ""),
        (pd.NA, ""),
        (0.871, "0.871"),
    ],
)  # fmt: skip
def test_a_cell_renders_as_its_markdown_says(cell, html):
    out = table_html(pd.DataFrame({"Column": [cell]}))
    assert f"<td>{html}</td>" in out


def test_headers_caption_and_every_row():
    frame = pd.DataFrame({md_escape("A <b>"): ["1", "2"], "B": ["3", "4"]}, index=[7, 9])
    out = table_html(frame, caption="Data table: *two* rows")
    assert out.startswith('<table class="ca-table"><caption>Data table: <em>two</em> rows')
    assert '<th scope="col">A &lt;b&gt;</th><th scope="col">B</th>' in out
    assert out.count("<tr>") == 3 and "7" not in out, "header row and two rows, no index"
