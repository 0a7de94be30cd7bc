"""Pure builder for the Sources page: the footnote table, searchable and linkable.

`build(sources, query, kinds)` returns a `SourcesView`: the count caption, the footnotes as
escaped Markdown (or the notice that nothing matched) and the CSV download. The page's
fixed words (title, widget labels) are the constants below, so a slide, a handout or a
translation takes them from one place. No Streamlit, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from components.text import md_escape

TITLE = "Sources: the paper's footnotes"
INTRO = (
    "Every figure and claim in this dashboard points to one of these footnotes. "
    "Citations are quoted as printed in the paper."
)
SEARCH_LABEL = "Search citations"
SEARCH_PLACEHOLDER = "e.g. OSCE, Tajikistan, 2023, 36"
# Longer than any search worth typing; a longer ?q= from a link is cut to this by the widget.
SEARCH_MAX_CHARS = 200
KIND_LABEL = "Kind of source"
DOWNLOAD_LABEL = "Download these footnotes (CSV)"
NO_MATCH = "No footnote matches this search. Clear the search box or the kind filter."

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
KINDS: tuple[str, ...] = tuple(KIND_LABELS)


def kind_label(kind: str) -> str:
    """The kind as the filter shows it (and as the bound URL holds it)."""
    return KIND_LABELS.get(kind, kind)


@dataclass(frozen=True)
class SourcesView:
    count: str  # "19 of 86 footnotes"
    table_md: str  # one escaped Markdown paragraph per footnote ("" when nothing matched)
    notice: str | None  # why nothing is listed
    table: pd.DataFrame  # the rows shown (footnote, citation, year, kind_label, url, repeats)
    csv: bytes
    csv_name: str


def footnote_table(
    sources: pd.DataFrame, query: str = "", kinds: Iterable[str] | None = None
) -> pd.DataFrame:
    """Footnotes matching a free-text query (citation, URL, number) and kinds, for display."""
    df = sources.copy()
    df["kind_label"] = df["kind"].map(KIND_LABELS).fillna(df["kind"])
    df["repeats"] = df["ibid_of"].map(lambda n: "" if pd.isna(n) else f"Ibid. = footnote {int(n)}")
    kinds = list(kinds or ())
    if kinds:
        df = df[df["kind"].isin(kinds)]
    if q := query.strip().casefold():
        blob = (
            df["footnote"].astype(str)
            + " "
            + df["citation"]
            + " "
            + df["url"].fillna("")
            + " "
            + df["kind_label"]
        ).str.casefold()
        df = df[blob.str.contains(q, regex=False)]
    return df[["footnote", "citation", "year", "kind_label", "url", "repeats"]].reset_index(
        drop=True
    )


def footnote_markdown(table: pd.DataFrame) -> str:
    """One Markdown line per footnote: number, citation as printed (escaped), link, kind."""
    lines = []
    for r in table.itertuples():
        if isinstance(r.url, str) and r.url.startswith(("http://", "https://")):
            safe = r.url.replace("(", "%28").replace(")", "%29").replace(" ", "%20")
            link = f" [open source ↗]({safe})"
        else:
            link = " *(no link printed)*" if not r.repeats else ""
        note = f" — {md_escape(r.repeats)}" if r.repeats else ""
        # Bold numbers, not a Markdown list: a list would renumber a filtered 19, 36, 53 as
        # 19, 20, 21.
        lines.append(
            f"**{r.footnote}** {md_escape(r.citation)}{link} · *{md_escape(r.kind_label)}*{note}"
        )
    return "\n\n".join(lines)


def build(sources: pd.DataFrame, query: str = "", kinds: Iterable[str] = ()) -> SourcesView:
    """Everything the Sources page shows for one search text and kind filter."""
    query = query or ""
    kinds = tuple(kinds or ())
    table = footnote_table(sources, query, kinds)
    filtered = bool(query.strip()) or bool(kinds)
    return SourcesView(
        count=f"{len(table)} of {len(sources)} footnotes",
        table_md=footnote_markdown(table),
        notice=NO_MATCH if table.empty else None,
        table=table,
        csv=table.to_csv(index=False).encode("utf-8"),
        csv_name="footnotes-filtered.csv" if filtered else "footnotes.csv",
    )


# ------------------------------------------------------------------------- the slides

# Briefing: the footnotes the search selects (all 86 without one), in large type, as
# references slides of SLIDE_SIZE footnotes each, named "1", "2", ... (the ?part=). A fixed
# size keeps part names stable: without a search, footnote n is always on part
# ceil(n / SLIDE_SIZE). Ten of the longest consecutive citations, with their URLs, fit
# one 1920x1080 screen at 22 px (the browser test opens every part).
SLIDE_SIZE = 10
SLIDE_TITLE = "References"
SLIDE_SOURCE = "The paper's footnotes, quoted as printed"


def read_link(query: str | None, kinds: Iterable[str]) -> tuple[str, tuple[str, ...]]:
    """The search and kinds a link holds (?q=, ?kind= as the filter's labels), as the page's
    bound widgets read them: the query cut to SEARCH_MAX_CHARS, unknown kinds dropped."""
    codes = {kind_label(k): k for k in KINDS}
    wanted = tuple(dict.fromkeys(codes[k] for k in kinds if k in codes))
    return (query or "")[:SEARCH_MAX_CHARS], wanted


def _slide_line(r) -> str:
    """One footnote for a slide: number, citation as printed, its printed URL, kind."""
    url = r.url if isinstance(r.url, str) else ""
    # The URL as printed, as a link's text (a bare URL would be autolinked with the escapes).
    target = url.replace("(", "%28").replace(")", "%29").replace(" ", "%20")
    shown = (
        f" [{md_escape(url)}]({target})"
        if url.startswith(("http://", "https://"))
        else (f" {md_escape(url)}" if url else (" *(no link printed)*" if not r.repeats else ""))
    )
    note = f" — {md_escape(r.repeats)}" if r.repeats else ""
    return f"**{r.footnote}** {md_escape(r.citation)}{shown} · *{md_escape(r.kind_label)}*{note}"


def _selection(query: str, kinds: tuple[str, ...]) -> str:
    parts = []
    if query.strip():
        parts.append(f"search “{md_escape(query.strip())}”")
    if kinds:
        parts.append("kind: " + md_escape(", ".join(kind_label(k) for k in kinds)))
    return " · ".join(parts)


def slides(view: SourcesView, query: str = "", kinds: Iterable[str] = ()) -> tuple:
    """The references slides: the selected footnotes, SLIDE_SIZE per slide, each listed with
    its citation and URL as printed; the count and the search on top of each."""
    from components.slides import Block, Slide

    kinds = tuple(kinds)
    params = (
        *((("q", query.strip()),) if query.strip() else ()),
        *(("kind", kind_label(k)) for k in kinds),
    )
    picked = _selection(query, kinds)
    rows = list(view.table.itertuples())
    chunks = [rows[i : i + SLIDE_SIZE] for i in range(0, len(rows), SLIDE_SIZE)] or [[]]
    out = []
    for i, chunk in enumerate(chunks, start=1):
        head = " · ".join(x for x in (view.count, picked) if x)
        if len(chunks) > 1:
            head += f" · slide {i} of {len(chunks)}"
        body = (
            tuple(Block("text", _slide_line(r)) for r in chunk)
            if chunk
            else (Block("warning", view.notice or NO_MATCH),)
        )
        out.append(
            Slide(
                page="sources",
                part=str(i),
                title=SLIDE_TITLE,
                columns=((Block("caption", head), *body),),
                widths=(1.0,),
                footnotes=tuple(int(r.footnote) for r in chunk),
                source=SLIDE_SOURCE,
                params=params,
            )
        )
    return tuple(out)
