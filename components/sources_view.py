"""Pure builder for the Sources page: the footnote table, searchable and linkable."""

from __future__ import annotations

import pandas as pd

KIND_LABELS = {
    "un_document": "UN document",
    "law": "Law",
    "government_document": "Government document",
    "news": "News",
    "analysis": "Analysis",
    "journal_article": "Journal article",
    "book_chapter": "Book chapter",
    "report": "Report",
    "index_report": "Index report",
    "organisation_release": "Organisation release",
    "company_statement": "Company statement",
}


def footnote_table(sources: pd.DataFrame, query: str = "", kinds: list[str] | None = None) -> pd.DataFrame:
    """Footnotes matching a free-text query (citation, URL, number) and kinds, for display."""
    df = sources.copy()
    df["kind_label"] = df["kind"].map(KIND_LABELS).fillna(df["kind"])
    df["repeats"] = df["ibid_of"].map(lambda n: "" if pd.isna(n) else f"Ibid. = footnote {int(n)}")
    if kinds:
        df = df[df["kind"].isin(kinds)]
    if q := query.strip().casefold():
        blob = (
            df["footnote"].astype(str) + " " + df["citation"] + " " + df["url"].fillna("") + " " + df["kind_label"]
        ).str.casefold()
        df = df[blob.str.contains(q, regex=False)]
    return df[["footnote", "citation", "year", "kind_label", "url", "repeats"]].reset_index(drop=True)
