"""The dashboard's vocabulary: every label that more than one view shows, spelled once.

Pages, builders, charts, slides and the printed brief take their words from here, so the
same idea reads the same everywhere (issue 14 found "Limit of the evidence" on one page
and "Limitation of the evidence" on another). Pure constants; no Streamlit, no I/O.
"""

from __future__ import annotations


def N_(message: str) -> str:
    """Mark a label for the gettext catalogue (Babel extracts it) without translating it:
    builders translate at use, with the session's translator (``tr._(label)``)."""
    return message


# The browser window's title, and the paper's title (in the reader's language beside the
# English citation).
APP_TITLE = N_("Central Asia CT/CVE dashboard")
PAPER_TITLE = N_(
    "New approaches in combating international terrorism and extremism in Central Asia"
)

# The five states in the paper's order (Table 4's columns). components.data takes its
# CENTRAL_ASIA from here, for validation.
STATES: tuple[str, ...] = ("KAZ", "UZB", "TJK", "KGZ", "TKM")
AFGHANISTAN = "AFG"

# Flagged: a published number fails a plausibility rule, or the paper's text and the
# title of the source it cites disagree. Both versions are kept; this glyph marks the row.
FLAG = "⚑"
FLAG_WORD = N_("flagged")
# A slide has no room for a flag's note: it points to the brief, which prints both versions.
FLAG_IN_BRIEF = N_("flagged: both versions are in the brief")
BOTH_IN_BRIEF = N_("both versions are in the brief")  # after a flag's name, on a slide

# Where a country × approach cell's evidence comes from.
EVIDENCE_ORDER = ("table4", "text", "not_found")
EVIDENCE_LABELS = {
    "table4": N_("Listed in Table 4"),
    "text": N_("Paper text only"),
    "not_found": N_("Not found in the paper"),
}
EVIDENCE_SHORT = {"table4": "T4", "text": N_("text"), "not_found": "—"}
NOT_FOUND_CAVEAT = N_("not the same as “no”")
TABLE4_SOURCE = N_("Table 4, compiled by the authors")

# The stance of a human-rights row.
STANCE_LABELS = {
    "concern": N_("Concern"),
    "good_practice": N_("Good practice"),
    "standard": N_("Standard"),
    "limitation": N_("Limit of the evidence"),
}

# Partner families: international partners first, then governments and national actors.
FAMILY_LABELS = {
    "osce": N_("OSCE"),
    "un": N_("UN"),
    "other_international": N_("Other international"),
    "government": N_("Foreign governments"),
    "private": N_("Private sector"),
    "domestic": N_("Domestic bodies"),
}
FAMILY_ORDER: tuple[str, ...] = tuple(FAMILY_LABELS)

# How precisely the paper dates something, and how a chart draws it.
PRECISION_WORDS = {"year": N_("year only"), "month": N_("month"), "day": N_("exact day")}
DRAWN_AS = {
    "span": N_("Period (bar from start to end)"),
    "year": N_("Year only (band = the whole year)"),
    "month": N_("Month only (band = the whole month)"),
    "day": N_("Exact day (point)"),
}
MONTHS = (
    N_("January"),
    N_("February"),
    N_("March"),
    N_("April"),
    N_("May"),
    N_("June"),
    N_("July"),
    N_("August"),
    N_("September"),
    N_("October"),
    N_("November"),
    N_("December"),
)
UNDATED = N_("undated")

# Initiative types whose id is not already a readable word.
TYPE_LABELS = {
    "budget_order": N_("budget order"),
    "round_table": N_("round table"),
    "study_visit": N_("study visit"),
    "ban_list": N_("ban list"),
}

# How a flagged row's text and its source disagree (the `flag` column's codes).
FLAG_KINDS = {
    "text_source_mismatch": N_("text source mismatch"),
    "place_mismatch": N_("place mismatch"),
    "country_mismatch": N_("country mismatch"),
    "text_contradiction": N_("contradiction in the paper"),
}
FLAG_WITH_KIND = N_("Flag ({kind})")

SCOPE_LABELS = {"national": N_("National"), "regional": N_("Regional"), "global": N_("Global")}
# How a scope is drawn on the country view's and the timeline slide's bars: Okabe-Ito
# (colour-blind safe, tests/test_colour_blind.py), and an outline dash as well, so colour
# is never the only cue (issue 17).
SCOPE_COLOURS = {"national": "#0072B2", "regional": "#E69F00", "global": "#009E73"}
SCOPE_DASHES = {"national": [1, 0], "regional": [8, 4], "global": [2, 3]}

# A switch's state in words (a toggle or a checkbox that a slide's settings carry)
SWITCH_WORDS = {True: N_("on"), False: N_("off")}


def type_label(t: str) -> str:
    return TYPE_LABELS.get(t, t.replace("_", " "))


# The dashboard's pages (url path -> navigation title): app.py's navigation and the deck page
# read them from here. "deck" is the deck page itself (no slides of its own).
PAGE_TITLES = {
    "overview": N_("Overview"),
    "map": N_("Map: Afghan border"),
    "gti": N_("Terrorism index & programmes"),
    "approaches": N_("Approaches matrix"),
    "timeline": N_("Initiatives timeline"),
    "countries": N_("Country views"),
    "sources": N_("Sources: the footnotes"),
    "deck": N_("Briefing deck"),
}

# Words that several views show: column headings, tooltip titles, section headings and
# fill-ins (translate at use: tr._(COUNTRY)). Each is spelled here once; a view that needs
# the word imports it (tests/test_architecture.py checks that no marked label is spelled
# twice).
ACTIVITY = N_("Activity")
ACTIVITY_AS_PRINTED = N_("Activity (as printed)")
AFGHAN_BORDER = N_("Afghan border")
AFGHAN_BORDER_CLOSE_UP = N_("Afghan border close-up")
APPROACH = N_("Approach")
APPROACHES = N_("Approaches")
APPROACHES_TABLE4 = N_("Approaches (Table 4)")
AS_PRINTED = N_("As printed")
CHANGE_AS_PRINTED = N_("Change in score (as printed)")
COUNTRIES = N_("Countries")
COUNTRY = N_("Country")
COUNTRY_NOUN = N_("country")  # a filter's or a map layer's name, in running text
COUNTRY_VIEW_LINK = N_("{country}: country view")
DATE_AS_PUBLISHED = N_("Date as published")
EVENTS_AS_PRINTED = N_("Events (as printed)")
EVIDENCE_HEADING = N_("Evidence")
FLAG_HEADING = N_("Flag")
FOOTNOTES = N_("Footnotes")
FORMULA = N_("Formula")
GROUP = N_("Group")
GROUPS = N_("Groups")
GTI_2023_SCORE = N_("GTI 2023 score")
HUMAN_RIGHTS = N_("Human rights")
IMPLIED_START_SCORE = N_("Implied start score")
INCIDENTS = N_("Incidents")
INITIATIVE = N_("Initiative")
INITIATIVES = N_("Initiatives")
INITIATIVES_N = N_("Initiatives ({n})")
KIND = N_("Kind")
MEASURES = N_("Measures")
NEIGHBOURING_PROVINCES = N_("Neighbouring Afghan provinces")
NO_COUNTRY_CONCERN = N_("The paper raises no {name}-specific concern.")
NO_FOOTNOTE = N_("no footnote")
# The years a partial date may take (data validation), and the timeline's year range when
# no initiative is dated at all.
DATE_YEARS = (1990, 2030)
# A link's ?part= that names no slide of its page (the page, the deck player, the handout).
NO_SUCH_PART = N_("This page has no slide {part}; showing the first.")
NO_SHARED_BORDER = N_("No shared border.")
NONE_NAMED = N_("none named")
NONE_WORD = N_("none")
NOT_GIVEN = N_("not given")
NOT_NAMED = N_("not named")
NOTE = N_("Note")
ON_THE_MAP = N_("On the map")
PARTNER_FAMILY = N_("Partner family")
PARTNERS = N_("Partners")
PERIOD = N_("Period")
READING = N_("Reading")
REFERENCES = N_("References")
REGION_WIDE = N_("Region-wide")
RISK = N_("Risk")
RISK_PROVINCE = N_("Province with a risk note")
ROW = N_("Row")
SCOPE = N_("Scope")
SOURCE = N_("Source")
STATUS = N_("Status")
TABLE4_WORDING = N_("Table 4 wording")
TERRAIN = N_("Terrain")
THE_AFGHAN_BORDER = N_("The Afghan border")
THEME = N_("Theme")
THEMES = N_("Themes")
TIE = N_("Tie")
TITLE_HEADING = N_("Title")
TOTAL_EVENTS_DERIVED = N_("Total events (derived)")
WHO_WORKS_WHERE = N_("Who works where: initiatives per partner family and country")
YEAR = N_("Year")
# A regional GTI row: printed in Table 2, or derived from Table 1 by the dashboard.
KIND_LABELS = {"published": N_("published"), "derived": N_("derived")}

# Pages that split into several slides: page -> part -> the slide's title. The terrorism
# index page shows one chart per slide, in the page's order (Table 1 first).
PART_TITLES: dict[str, dict[str, str]] = {
    "map": {"region": N_("The region"), "border": AFGHAN_BORDER_CLOSE_UP},
    "gti": {
        "scores": N_("GTI scores, Eurasia 2023 (Table 1)"),
        "changes": N_("GTI changes, Eurasia (Table 1)"),
        "regions": N_("GTI by region (Table 2)"),
        "region_changes": N_("GTI changes by region (Table 2)"),
        "programme": N_("Astana's prevention programme (Table 3)"),
        "totals": N_("Programme totals (Table 3)"),
    },
}
