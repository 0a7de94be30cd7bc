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

from components.i18n import ENGLISH, Translator
from components.text import ibid_note, md_escape
from components.vocab import N_, REFERENCES

# The page's fixed words, marked for the catalogue: callers translate them (tr._(TITLE)).
TITLE = N_("Sources: the paper's footnotes")
INTRO = N_(
    "Every figure and claim in this dashboard points to one of these footnotes. "
    "Citations are quoted as printed in the paper."
)
SEARCH_LABEL = N_("Search citations")
SEARCH_PLACEHOLDER = N_("e.g. OSCE, Tajikistan, 2023, 36")
# Longer than any search worth typing; a longer ?q= from a link is cut to this by the widget.
SEARCH_MAX_CHARS = 200
KIND_LABEL = N_("Kind of source")
DOWNLOAD_LABEL = N_("Download these footnotes (CSV)")
NO_MATCH = N_("No footnote matches this search. Clear the search box or the kind filter.")
OPEN_SOURCE = N_("open source ↗")
NO_LINK = N_("(no link printed)")
# A lighter first paint (issue 17): the first FIRST_SHOWN footnotes are drawn at once, the
# rest when asked for (a 1080p screen holds about a dozen). Measured on 2026-11-29
# (docs/benchmarks.md, fifth round): the deep link went from 1.82x to 1.66x the empty
# page's, the click from 4.22x to 3.18x; 12 at first gained nothing more.
FIRST_SHOWN = 20

KIND_LABELS = {
    "un_document": N_("UN document"),
    "law": N_("Law"),
    "government_document": N_("Government document"),
    "news": N_("News"),
    "analysis": N_("Analysis"),
    "journal_article": N_("Journal article"),
    "book_chapter": N_("Book chapter"),
    "report": N_("Report"),
    "index_report": N_("Index report"),
    "organisation_release": N_("Organisation release"),
    "company_statement": N_("Company statement"),
}
KINDS: tuple[str, ...] = tuple(KIND_LABELS)


def kind_label(kind: str, tr: Translator = ENGLISH) -> str:
    """The kind as the filter shows it (and as the bound URL holds it)."""
    return tr._(KIND_LABELS[kind]) if kind in KIND_LABELS else kind


@dataclass(frozen=True)
class SourcesView:
    count: str  # "19 of 86 footnotes"
    lines: tuple[str, ...]  # one escaped Markdown paragraph per footnote
    notice: str | None  # why nothing is listed
    table: pd.DataFrame  # the rows shown (footnote, citation, year, kind_label, url, repeats)
    csv: bytes
    csv_name: str
    more_label: str  # "Show all 86 footnotes": the toggle that draws the rest

    @property
    def table_md(self) -> str:
        """Every footnote found ("" when nothing matched)."""
        return "\n\n".join(self.lines)

    @property
    def first_md(self) -> str:
        """The footnotes drawn at once."""
        return "\n\n".join(self.lines[:FIRST_SHOWN])

    @property
    def more_md(self) -> str:
        """The rest, drawn when asked for ("" when there is no more)."""
        return "\n\n".join(self.lines[FIRST_SHOWN:])


def footnote_table(
    sources: pd.DataFrame,
    query: str = "",
    kinds: Iterable[str] | None = None,
    tr: Translator = ENGLISH,
) -> pd.DataFrame:
    """Footnotes matching a free-text query (citation, URL, number) and kinds, for display.
    In another language `sources` carries ``citation_ru`` (the title's translation), which
    is searched too and kept as a column."""
    df = sources.copy()
    df["kind_label"] = df["kind"].map(lambda k: kind_label(k, tr))
    df["repeats"] = df["ibid_of"].map(lambda n: "" if pd.isna(n) else ibid_note(int(n), tr))
    translated = "citation_ru" in df.columns and tr.lang != ENGLISH.lang
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
            + (" " + df["citation_ru"].fillna("") if translated else "")
        ).str.casefold()
        df = df[blob.str.contains(q, regex=False)]
    columns = ["footnote", "citation", "year", "kind_label", "url", "repeats"]
    return df[columns + (["citation_ru"] if translated else [])].reset_index(drop=True)


def citation_md(r, tr: Translator = ENGLISH) -> str:
    """A footnote's citation as printed, escaped. In another language it is quoted in
    English with the title's translation beside it, marked as a translation."""
    english = md_escape(r.citation)
    if tr.lang == ENGLISH.lang:
        return english
    russian = getattr(r, "citation_ru", None)
    return tr.quote(english, md_escape(russian) if isinstance(russian, str) else None)


def footnote_lines(table: pd.DataFrame, tr: Translator = ENGLISH) -> tuple[str, ...]:
    """One Markdown line per footnote: number, citation as printed (escaped), link, kind."""
    lines = []
    for r in table.itertuples():
        if isinstance(r.url, str) and r.url.startswith(("http://", "https://")):
            safe = r.url.replace("(", "%28").replace(")", "%29").replace(" ", "%20")
            link = " [" + tr._(OPEN_SOURCE) + f"]({safe})"
        else:
            link = " *" + tr._(NO_LINK) + "*" if not r.repeats else ""
        note = f" — {md_escape(r.repeats)}" if r.repeats else ""
        # Bold numbers, not a Markdown list: a list would renumber a filtered 19, 36, 53 as
        # 19, 20, 21.
        lines.append(
            f"**{r.footnote}** {citation_md(r, tr)}{link} · *{md_escape(r.kind_label)}*{note}"
        )
    return tuple(lines)


def count_text(shown: int, total: int, tr: Translator = ENGLISH) -> str:
    """'19 of 86 footnotes' ('19 из 86 сносок'): the noun agrees with the total."""
    return tr.n_("{shown} of {total} footnote", "{shown} of {total} footnotes", total).format(
        shown=tr.integer(shown), total=tr.integer(total)
    )


def build(
    sources: pd.DataFrame, query: str = "", kinds: Iterable[str] = (), tr: Translator = ENGLISH
) -> SourcesView:
    """Everything the Sources page shows for one search text and kind filter."""
    query = query or ""
    kinds = tuple(kinds or ())
    table = footnote_table(sources, query, kinds, tr)
    filtered = bool(query.strip()) or bool(kinds)
    return SourcesView(
        count=count_text(len(table), len(sources), tr),
        lines=footnote_lines(table, tr),
        notice=tr._(NO_MATCH) if table.empty else None,
        table=table,
        csv=table.to_csv(index=False).encode("utf-8"),
        csv_name="footnotes-filtered.csv" if filtered else "footnotes.csv",
        more_label=tr.n_("Show all {n} footnote", "Show all {n} footnotes", len(table)).format(
            n=tr.integer(len(table))
        ),
    )


# ------------------------------------------------------------------------- the slides

# Briefing: the footnotes the search selects (all 86 without one), in large type, as
# references slides of SLIDE_SIZE footnotes each, named "1", "2", ... (the ?part=). A fixed
# size keeps part names stable: without a search, footnote n is always on part
# ceil(n / SLIDE_SIZE). Ten of the longest consecutive citations, with their URLs, fit
# one 1920x1080 screen at 22 px (the browser test opens the longest part in each language).
SLIDE_SIZE = 10
SLIDE_TITLE = REFERENCES
SLIDE_SOURCE = N_("The paper's footnotes, quoted as printed")


def read_link(query: str | None, kinds: Iterable[str]) -> tuple[str, tuple[str, ...]]:
    """The search and kinds a link holds (?q=, ?kind= as the filter's labels, in any of the
    interface's languages), as the page's bound widgets read them: the query cut to
    SEARCH_MAX_CHARS, unknown kinds dropped."""
    codes = _codes_by_label()
    wanted = tuple(dict.fromkeys(codes[k] for k in kinds if k in codes))
    return (query or "")[:SEARCH_MAX_CHARS], wanted


def _codes_by_label() -> dict[str, str]:
    from components.i18n import LANGS

    return {kind_label(k, Translator(lang)): k for lang in LANGS for k in KINDS}


def link_notice(
    kinds: Iterable[str], tr: Translator = ENGLISH, query: str | None = None
) -> str | None:
    """What of a link was not applied as given (escaped Markdown), or None: kinds are
    named (the filter's URL value is its label, so a code, ``law``, or a typo), with the
    labels to use; a search longer than the box takes is cut, and says so."""
    codes = _codes_by_label()
    ignored = list(dict.fromkeys(k[:24] for k in kinds if k and k not in codes))
    said = []
    if ignored:
        said.append(
            tr._(
                "Ignored kind(s) in the link: {ignored}. "
                "The link holds a kind as it is labelled: {labels}."
            ).format(
                ignored=md_escape(", ".join(ignored)),
                labels=md_escape(", ".join(kind_label(k, tr) for k in KINDS)),
            )
        )
    if query and len(query) > SEARCH_MAX_CHARS:
        said.append(
            tr.n_(
                "The search in the link is {n} character long: its first {limit} are searched.",
                "The search in the link is {n} characters long: its first {limit} are searched.",
                len(query),
            ).format(n=tr.integer(len(query)), limit=tr.integer(SEARCH_MAX_CHARS))
        )
    return " ".join(said) or None


def _slide_line(r, tr: Translator = ENGLISH) -> str:
    """One footnote for a slide: number, citation as printed, its printed URL, kind."""
    url = r.url if isinstance(r.url, str) else ""
    # The URL as printed, as a link's text (a bare URL would be autolinked with the escapes).
    target = url.replace("(", "%28").replace(")", "%29").replace(" ", "%20")
    shown = (
        f" [{md_escape(url)}]({target})"
        if url.startswith(("http://", "https://"))
        else (
            f" {md_escape(url)}" if url else (" *" + tr._(NO_LINK) + "*" if not r.repeats else "")
        )
    )
    note = f" — {md_escape(r.repeats)}" if r.repeats else ""
    kind = md_escape(r.kind_label)
    return f"**{r.footnote}** {citation_md(r, tr)}{shown} · *{kind}*{note}"


def _selection(query: str, kinds: tuple[str, ...], tr: Translator = ENGLISH) -> str:
    parts = []
    if query.strip():
        parts.append(tr._("search “{query}”").format(query=md_escape(query.strip())))
    if kinds:
        parts.append(
            tr._("kind: {kinds}").format(
                kinds=md_escape(", ".join(kind_label(k, tr) for k in kinds))
            )
        )
    return " · ".join(parts)


def slides(
    view: SourcesView, query: str = "", kinds: Iterable[str] = (), tr: Translator = ENGLISH
) -> tuple:
    """The references slides: the selected footnotes, SLIDE_SIZE per slide, each listed with
    its citation and URL as printed; the count and the search on top of each."""
    from components.slides import Block, Slide

    kinds = tuple(kinds)
    params = (
        *((("q", query.strip()),) if query.strip() else ()),
        *(("kind", kind_label(k, tr)) for k in kinds),
    )
    picked = _selection(query, kinds, tr)
    rows = list(view.table.itertuples())
    chunks = [rows[i : i + SLIDE_SIZE] for i in range(0, len(rows), SLIDE_SIZE)] or [[]]
    out = []
    for i, chunk in enumerate(chunks, start=1):
        head = " · ".join(x for x in (view.count, picked) if x)
        if len(chunks) > 1:
            head += " · " + tr._("slide {i} of {n}").format(i=i, n=len(chunks))
        body = (
            tuple(Block("text", _slide_line(r, tr)) for r in chunk)
            if chunk
            else (Block("warning", view.notice or tr._(NO_MATCH)),)
        )
        out.append(
            Slide(
                page="sources",
                part=str(i),
                title=tr._(SLIDE_TITLE),
                columns=((Block("caption", head), *body),),
                widths=(1.0,),
                footnotes=tuple(int(r.footnote) for r in chunk),
                source=tr._(SLIDE_SOURCE),
                params=params,
            )
        )
    return tuple(out)
