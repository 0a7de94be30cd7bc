"""The dashboard's vocabulary: every label that more than one view shows, spelled once.

Pages, builders, charts, slides and the printed brief take their words from here, so the
same idea reads the same everywhere (issue 14 found "Limit of the evidence" on one page
and "Limitation of the evidence" on another). Pure constants; no Streamlit, no I/O.
"""

from __future__ import annotations

# The five states in the paper's order (Table 4's columns). components.data takes its
# CENTRAL_ASIA from here, for validation.
STATES: tuple[str, ...] = ("KAZ", "UZB", "TJK", "KGZ", "TKM")
AFGHANISTAN = "AFG"

# Flagged: a published number fails a plausibility rule, or the paper's text and the
# title of the source it cites disagree. Both versions are kept; this glyph marks the row.
FLAG = "⚑"
FLAG_WORD = "flagged"

# Where a country × approach cell's evidence comes from.
EVIDENCE_ORDER = ("table4", "text", "not_found")
EVIDENCE_LABELS = {
    "table4": "Listed in Table 4",
    "text": "Paper text only",
    "not_found": "Not found in the paper",
}
EVIDENCE_SHORT = {"table4": "T4", "text": "text", "not_found": "—"}
NOT_FOUND_CAVEAT = "not the same as “no”"
TABLE4_SOURCE = "Table 4, compiled by the authors"

# The stance of a human-rights row.
STANCE_LABELS = {
    "concern": "Concern",
    "good_practice": "Good practice",
    "standard": "Standard",
    "limitation": "Limit of the evidence",
}

# Partner families: international partners first, then governments and national actors.
FAMILY_LABELS = {
    "osce": "OSCE",
    "un": "UN",
    "other_international": "Other international",
    "government": "Foreign governments",
    "private": "Private sector",
    "domestic": "Domestic bodies",
}
FAMILY_ORDER: tuple[str, ...] = tuple(FAMILY_LABELS)

# How precisely the paper dates something, and how a chart draws it.
PRECISION_WORDS = {"year": "year only", "month": "month", "day": "exact day"}
DRAWN_AS = {
    "span": "Period (bar from start to end)",
    "year": "Year only (band = the whole year)",
    "month": "Month only (band = the whole month)",
    "day": "Exact day (point)",
}
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
UNDATED = "undated"

# Initiative types whose id is not already a readable word.
TYPE_LABELS = {
    "budget_order": "budget order",
    "round_table": "round table",
    "study_visit": "study visit",
    "ban_list": "ban list",
}

SCOPE_LABELS = {"national": "National", "regional": "Regional", "global": "Global"}


def type_label(t: str) -> str:
    return TYPE_LABELS.get(t, t.replace("_", " "))


# The dashboard's pages (url path -> navigation title): app.py's navigation and the deck page
# read them from here. "deck" is the deck page itself (no slides of its own).
PAGE_TITLES = {
    "overview": "Overview",
    "map": "Map: Afghan border",
    "gti": "Terrorism index & programmes",
    "approaches": "Approaches matrix",
    "timeline": "Initiatives timeline",
    "countries": "Country views",
    "sources": "Sources: the footnotes",
    "deck": "Briefing deck",
}

# Pages that split into several slides: page -> part -> the slide's title. The terrorism
# index page shows one chart per slide, in the page's order (Table 1 first).
PART_TITLES: dict[str, dict[str, str]] = {
    "map": {"region": "The region", "border": "Afghan border close-up"},
    "gti": {
        "scores": "GTI scores, Eurasia 2023 (Table 1)",
        "changes": "GTI changes, Eurasia (Table 1)",
        "regions": "GTI by region (Table 2)",
        "region_changes": "GTI changes by region (Table 2)",
        "programme": "Astana's prevention programme (Table 3)",
        "totals": "Programme totals (Table 3)",
    },
}
