"""Pure builder for the Sources page: the footnote table, searchable and linkable."""

from __future__ import annotations

import pandas as pd

from components.text import md_escape

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


def footnote_markdown(table: pd.DataFrame) -> str:
    """One Markdown line per footnote: number, citation as printed (escaped), link, kind."""
    lines = []
    for r in table.itertuples():
        if isinstance(r.url, str) and r.url.startswith(("http://", "https://")):
            link = f" [open source ↗]({r.url.replace('(', '%28').replace(')', '%29').replace(' ', '%20')})"
        else:
            link = " *(no link printed)*" if not r.repeats else ""
        note = f" — {md_escape(r.repeats)}" if r.repeats else ""
        # Bold numbers, not a Markdown list: a list would renumber a filtered 19, 36, 53 as 19, 20, 21.
        lines.append(f"**{r.footnote}** {md_escape(r.citation)}{link} · *{md_escape(r.kind_label)}*{note}")
    return "\n\n".join(lines)
