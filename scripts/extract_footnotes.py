"""Curation aid: extract the paper's 86 footnotes into data/sources.csv.

Run once by a curator (never by the app):
    python scripts/extract_footnotes.py ../shared/seed/paper.txt > data/sources.csv

The citation text is kept as printed, minus the URL (which goes in its own column),
Markdown emphasis markers and backslash escapes. The source kind is a curation
decision recorded in KIND below; the year is the last year printed in the citation.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

# Curator's classification of every footnote (see data/CHANGELOG.md).
KIND = {
    1: "un_document",
    2: "journal_article",
    3: "un_document",
    4: "news",
    5: "analysis",
    6: "journal_article",
    7: "journal_article",
    8: "journal_article",
    9: "journal_article",
    10: "journal_article",
    11: "journal_article",
    12: "journal_article",
    13: "journal_article",
    14: "news",
    15: "news",
    16: "organisation_release",
    17: "law",
    18: "law",
    19: "index_report",
    20: "government_document",
    21: "un_document",
    22: "un_document",
    23: "un_document",
    24: "news",
    25: "news",
    26: "news",
    27: "government_document",
    28: "government_document",
    29: "journal_article",
    30: "analysis",
    31: "news",
    32: "news",
    33: "news",
    34: "government_document",
    35: "government_document",
    36: "index_report",
    37: "index_report",
    38: "index_report",
    39: "news",
    40: "un_document",
    41: "analysis",
    42: "government_document",
    43: "un_document",
    44: "un_document",
    45: "organisation_release",
    46: "organisation_release",
    47: "organisation_release",
    48: "organisation_release",
    49: "organisation_release",
    50: "organisation_release",
    51: "organisation_release",
    52: "news",
    53: "index_report",
    54: "news",
    55: "analysis",
    56: "news",
    57: "government_document",
    58: "law",
    59: "law",
    60: "government_document",
    61: "organisation_release",
    62: "organisation_release",
    63: "news",
    64: "company_statement",
    65: "un_document",
    66: "un_document",
    67: "journal_article",
    68: "journal_article",
    69: "journal_article",
    70: "journal_article",
    71: "journal_article",
    72: "journal_article",
    73: "book_chapter",
    74: "report",
    75: "journal_article",
    76: "journal_article",
    77: "book_chapter",
    78: "journal_article",
    79: "journal_article",
    80: "journal_article",
    81: "journal_article",
    82: "journal_article",
    83: "journal_article",
    84: "report",
    85: "journal_article",
    86: "book_chapter",
}
IBID = {23: 22, 37: 36, 38: 36}

FOOTNOTE = re.compile(r"^(\d{1,2}) (\S.*)$")
URL = re.compile(
    r"\[(https?://[^\]]+)\]\((https?://.+)\)\s*$|<(https?://[^>]+)>\s*$|(https?://\S+)\s*$"
)
EMPHASIS = re.compile(r"\*([^*]+)\*")  # Markdown italics; a lone * is printed text
YEAR = re.compile(r"(?<![\d/])(19\d\d|20\d\d)(?![\d/])")


def extract(text: str) -> list[dict]:
    rows: dict[int, dict] = {}
    expected = 1
    for line in text.splitlines():
        m = FOOTNOTE.match(line)
        if not m or int(m.group(1)) != expected:
            continue
        number, body = int(m.group(1)), m.group(2).strip()
        url = None
        u = URL.search(body)
        if u:
            url = u.group(2) or u.group(3) or u.group(4)
            body = body[: u.start()].rstrip()
        citation = EMPHASIS.sub(r"\1", body).replace("\\", "").rstrip(" :,")
        years = YEAR.findall(citation)
        rows[number] = {
            "footnote": number,
            "citation": citation,
            "year": years[-1] if years else "",
            "url": url or "",
            "kind": KIND[number],
            "ibid_of": IBID.get(number, ""),
        }
        expected += 1
    return [rows[n] for n in sorted(rows)]


if __name__ == "__main__":
    rows = extract(Path(sys.argv[1]).read_text(encoding="utf-8"))
    assert len(rows) == 86, f"expected 86 footnotes, found {len(rows)}: check the paper text"
    w = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]), lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
