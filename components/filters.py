"""Pure filter model of the Initiatives timeline: state, URL round trip, filtering, wording.

Nothing here calls Streamlit or reads a file. The page builds a `Vocabulary` (the known
partners, countries, themes, types and years) from the data module's DataFrames, parses
the URL into a `FilterState` plus human-readable notices for whatever it had to ignore,
applies the state to the initiatives DataFrame (`apply`, the one initiative filter of the
dashboard), and writes the state back to query parameters.

Query parameters (all optional):

    partner  organisation ids, comma-separated (a parent includes its children)
    country  ISO3 codes, comma-separated
    theme    approach-category ids, comma-separated
    type     initiative types, comma-separated
    from     first year (four digits)      to   last year (four digits)
    q        search text (titles, summaries and figures)
    rows     country | family | organisation   (view option)
    colour   family | theme                    (view option)
    incidents  1 to overlay incidents          (view option)

A list parameter given twice combines its values; any other parameter given twice keeps
its last value, as Streamlit reads a repeated parameter (and seeds the search box bound
to ``q``). A year bound at or beyond the extent of the dated initiatives is no bound at
all, so the full slider range keeps undated initiatives listed; any real bound drops them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

import pandas as pd

from components.i18n import ENGLISH, Translator
from components.orgs import descendants
from components.text import INITIATIVE_COUNT, date_range, footnote_list
from components.vocab import (
    COUNTRY,
    COUNTRY_NOUN,
    DATE_YEARS,
    FAMILY_ORDER,
    FLAG,
    FLAG_WORD,
    N_,
    PARTNER_FAMILY,
    THEME,
    type_label,
)

LIST_PARAMS = ("partner", "country", "theme", "type")
SCALAR_PARAMS = ("from", "to", "q")
VIEW_PARAMS = ("rows", "colour", "incidents")
ALL_PARAMS = LIST_PARAMS + SCALAR_PARAMS + VIEW_PARAMS

MAX_PARAM_CHARS = 1000  # a longer raw value is ignored outright
MAX_TEXT_CHARS = 100  # the search box accepts at most this many characters
SHOWN_VALUE_CHARS = 30  # ignored values are quoted in notices up to this length

ROW_MODES = {
    "country": COUNTRY,
    "family": PARTNER_FAMILY,
    "organisation": N_("Partner (top level)"),
}
COLOUR_MODES = {"family": PARTNER_FAMILY, "theme": THEME}
FACET_NAMES = {
    "partners": N_("partner"),
    "countries": COUNTRY_NOUN,
    "themes": N_("theme"),
    "types": N_("type"),
    "years": N_("year range"),
    "text": N_("search"),
}
# Initiative types whose label is their id (vocab.type_label): marked here for the catalogue.
TYPE_WORDS = (
    N_("campaign"),
    N_("conference"),
    N_("contract"),
    N_("cooperation"),
    N_("equipment"),
    N_("event"),
    N_("exercise"),
    N_("law"),
    N_("network"),
    N_("operation"),
    N_("programme"),
    N_("project"),
    N_("report"),
    N_("resolution"),
    N_("workshop"),
)
# A list parameter as a notice names it: the filter's name (in English the same word).
LIST_NAMES = {
    "partner": FACET_NAMES["partners"],
    "country": FACET_NAMES["countries"],
    "theme": FACET_NAMES["themes"],
    "type": FACET_NAMES["types"],
}
NONE_LISTED = N_("none listed")


def one_of(tr: Translator) -> str:
    """The word joining alternatives of one filter ('OSCE or UN')."""
    return " " + tr._("or") + " "


# ------------------------------------------------------------------------ state


@dataclass(frozen=True)
class FilterState:
    """What the analyst asked for. Empty tuples and None mean "no filter"."""

    partners: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    text: str = ""

    def listed(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """The list facets under their query parameter names, in the link's order."""
        return (
            ("partner", self.partners),
            ("country", self.countries),
            ("theme", self.themes),
            ("type", self.types),
        )

    def active(self) -> list[str]:
        """Names of the facets that filter something (keys of FACET_NAMES)."""
        out = [f for f in ("partners", "countries", "themes", "types") if getattr(self, f)]
        if self.year_from is not None or self.year_to is not None:
            out.append("years")
        if self.text.strip():
            out.append("text")
        return out

    def without(self, facet: str) -> FilterState:
        """The same state with one facet cleared."""
        if facet == "years":
            return replace(self, year_from=None, year_to=None)
        if facet == "text":
            return replace(self, text="")
        return replace(self, **{facet: ()})


@dataclass(frozen=True)
class ViewOptions:
    rows: str = "country"
    colour: str = "family"
    incidents: bool = False


@dataclass(frozen=True)
class Vocabulary:
    """Known values for every filter, in display order, with their labels."""

    partners: dict[str, str]  # org id -> hierarchical label ("OSCE › Programme Office in Bishkek")
    parents: dict[str, str | None]
    families: dict[str, str]  # org id -> family
    short_names: dict[str, str]
    all_org_ids: frozenset[str]
    countries: dict[str, str]  # ISO3 -> name
    themes: dict[str, str]  # category id -> label
    types: dict[str, str]
    year_min: int
    year_max: int
    children: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def from_frames(
        cls,
        initiatives: pd.DataFrame,
        organisations: pd.DataFrame,
        countries: pd.DataFrame,
        categories: pd.DataFrame,
        country_order: Sequence[str] = (),
        tr: Translator = ENGLISH,
    ) -> Vocabulary:
        """The frames in the translator's language give the labels in it (organisation,
        country and theme names come from the data; type labels from the catalogue)."""
        parents = {
            o: (p if isinstance(p, str) else None)
            for o, p in zip(organisations["id"], organisations["parent_id"], strict=True)
        }
        children: dict[str, list[str]] = {}
        for oid, parent in parents.items():
            if parent:
                children.setdefault(parent, []).append(oid)
        families = dict(zip(organisations["id"], organisations["family"], strict=True))
        names = dict(zip(organisations["id"], organisations["name"], strict=True))
        shorts = dict(zip(organisations["id"], organisations["short_name"], strict=True))

        used = {p for ps in initiatives["partners"] for p in ps}
        # An organisation is offered when it or anything under it has an initiative.
        offered = {o for o in parents if descendants([o], children) & used}

        def sort_key(oid: str) -> tuple:
            fam = families[oid]
            return (
                FAMILY_ORDER.index(fam) if fam in FAMILY_ORDER else len(FAMILY_ORDER),
                names[oid],
            )

        ordered: list[str] = []

        def walk(oid: str) -> None:
            ordered.append(oid)
            for child in sorted(children.get(oid, []), key=lambda c: names[c]):
                if child in offered:
                    walk(child)

        for root in sorted(
            (o for o, p in parents.items() if p is None and o in offered), key=sort_key
        ):
            walk(root)
        labels = org_labels(organisations)
        partner_labels = {o: labels[o] for o in ordered}

        used_countries = {c for cs in initiatives["countries"] for c in cs}
        country_names = dict(zip(countries["iso3"], countries["name"], strict=True))
        first = [c for c in country_order if c in used_countries]
        rest = [c for c in countries["iso3"] if c in used_countries and c not in first]
        country_labels = {c: country_names.get(c, c) for c in first + rest}

        cats = categories.sort_values("display_order")
        used_themes = {t for ts in initiatives["themes"] for t in ts}
        theme_labels = {
            c: lab for c, lab in zip(cats["id"], cats["label"], strict=True) if c in used_themes
        }

        type_labels = {t: tr._(type_label(t)) for t in sorted(initiatives["type"].unique())}
        years = pd.concat([initiatives["start_year"], initiatives["end_year"]]).dropna()
        years = years if len(years) else pd.Series(DATE_YEARS)  # nothing dated at all
        return cls(
            partners=partner_labels,
            parents=parents,
            families=families,
            short_names=shorts,
            all_org_ids=frozenset(parents),
            countries=country_labels,
            themes=theme_labels,
            types=type_labels,
            year_min=int(years.min()),
            year_max=int(years.max()),
            children={k: tuple(v) for k, v in children.items()},
        )

    @property
    def slider_range(self) -> tuple[int, int]:
        """The years slider's ends. A slider needs two different ends: if every date is in
        one year, it ends at the next (only the slider shows it; notices name the real one)."""
        return self.year_min, max(self.year_max, self.year_min + 1)

    def root(self, org_id: str) -> str:
        seen = set()
        cur = org_id
        while self.parents.get(cur) and cur not in seen:
            seen.add(cur)
            cur = self.parents[cur]
        return cur


def org_labels(organisations: pd.DataFrame) -> dict[str, str]:
    """Every organisation's label, as every partner picker shows it (the timeline's and the
    approaches matrix's): 'OSCE › Programme Office in Bishkek'."""
    ids = organisations["id"]
    parents = {
        o: (p if isinstance(p, str) else None)
        for o, p in zip(ids, organisations["parent_id"], strict=True)
    }
    names = dict(zip(ids, organisations["name"], strict=True))
    shorts = dict(zip(ids, organisations["short_name"], strict=True))
    return {o: org_label(o, parents, names, shorts) for o in parents}


def org_label(
    oid: str, parents: Mapping[str, str | None], names: Mapping[str, str], shorts: Mapping[str, str]
) -> str:
    """'OSCE', 'OSCE › Programme Office in Bishkek', 'OSCE › Secretariat › TNTD › Action ...'.

    The root appears by its short name; everything under it without the root's name in
    front (it would repeat), ancestors by short name and the organisation itself by name
    unless that is too long for a menu.
    """
    chain = [oid]
    while parents.get(chain[-1]) and len(chain) < 10:
        chain.append(parents[chain[-1]])
    chain.reverse()
    root = chain[0]

    def strip(text: str) -> str:
        for prefix in (names[root], shorts[root]):
            if text.startswith(prefix + " ") and len(text) > len(prefix) + 1:
                rest = text[len(prefix) + 1 :]
                rest = rest.removeprefix("'s ")
                return rest[0].upper() + rest[1:]
        return text

    parts = [shorts[root]] + [strip(shorts[a]) for a in chain[1:-1]]
    if len(chain) > 1:
        own = strip(names[oid])
        parts.append(own if len(own) <= 45 else strip(shorts[oid]))
    return " › ".join(parts)


# ----------------------------------------------------------------- URL parsing


def _quote(value: str) -> str:
    value = re.sub(r"[\x00-\x1f\x7f]", "", value)
    return repr(value if len(value) <= SHOWN_VALUE_CHARS else value[:SHOWN_VALUE_CHARS] + "…")


def _as_list(raw: object) -> list[str]:
    if raw is None:
        return []
    if isinstance(raw, str):
        return [raw]
    return [str(v) for v in raw]


def _clean_year(raw: str, name: str, notices: list[str], tr: Translator) -> int | None:
    value = raw.strip()
    if not value:
        return None
    if not re.fullmatch(r"\d{4}", value):
        notices.append(
            tr._("Ignored {name}={value}: a year needs four digits.").format(
                name=name, value=_quote(raw)
            )
        )
        return None
    return int(value)


def clean_text(raw: str, tr: Translator = ENGLISH) -> tuple[str, str | None]:
    """Search text as accepted from a link or the search box, and a notice if refused."""
    if len(raw) > MAX_TEXT_CHARS:
        n = len(raw)
        big = f"{n:,}" if tr.lang == "en" else tr.integer(n)
        return "", tr.n_(
            "Ignored the search text: it is {n} character long (at most {limit}).",
            "Ignored the search text: it is {n} characters long (at most {limit}).",
            n,
        ).format(n=big, limit=MAX_TEXT_CHARS)
    if re.search(r"[<>\x00-\x08\x0b-\x1f\x7f]", raw):
        return "", tr._("Ignored the search text {value}: it looks like markup or code.").format(
            value=_quote(raw)
        )
    return " ".join(raw.split()), None


IGNORED_ROWS = N_("Ignored rows={value}: use one of {options}.")
IGNORED_COLOUR = N_("Ignored colour={value}: use one of {options}.")


def _mode(
    values: Mapping[str, list[str]],
    name: str,
    modes: Mapping[str, str],
    ignored: str,
    notices: list[str],
    tr: Translator,
) -> str | None:
    """A view mode from the link (`name`=one of `modes`, any case), or None; a value that is
    not a mode adds the `ignored` notice."""
    if name not in values:
        return None
    mode = values[name][0].strip().casefold()
    if mode in modes:
        return mode
    notices.append(tr._(ignored).format(value=_quote(values[name][0]), options=", ".join(modes)))
    return None


def parse_query(
    params: Mapping[str, object], vocab: Vocabulary, tr: Translator = ENGLISH
) -> tuple[FilterState, ViewOptions, list[str]]:
    """A FilterState and ViewOptions from query parameters, plus notices for what was ignored.

    `params` maps a name to a string or to the list of its repeated values
    (`st.query_params.get_all`). Never raises on user input.
    """
    notices: list[str] = []
    values: dict[str, list[str]] = {}
    for key in ALL_PARAMS:
        raw = _as_list(params.get(key))
        if not raw:
            continue
        if any(len(r) > MAX_PARAM_CHARS for r in raw):
            longest = max(len(r) for r in raw)
            big = f"{longest:,}" if tr.lang == "en" else tr.integer(longest)
            notices.append(
                tr.n_(
                    "Ignored {key}: the value is {n} character long.",
                    "Ignored {key}: the value is {n} characters long.",
                    longest,
                ).format(key=key, n=big)
            )
            continue
        if len(raw) > 1:
            if key in LIST_PARAMS:
                notices.append(
                    tr.n_(
                        "{key} was given {n} time: the values were combined.",
                        "{key} was given {n} times: the values were combined.",
                        len(raw),
                    ).format(key=key, n=len(raw))
                )
            else:
                notices.append(
                    tr.n_(
                        "{key} was given {n} time: only the last was used.",
                        "{key} was given {n} times: only the last was used.",
                        len(raw),
                    ).format(key=key, n=len(raw))
                )
                raw = raw[-1:]
        values[key] = raw

    def pick(key: str, known: Mapping[str, str], norm, what: str) -> tuple[str, ...]:
        out: list[str] = []
        for chunk in values.get(key, []):
            for item in chunk.split(","):
                item = item.strip()
                if not item:
                    continue
                value = norm(item)
                if value in known:
                    if value not in out:
                        out.append(value)
                elif key == "partner" and value in vocab.all_org_ids:
                    notices.append(
                        tr._(
                            "Ignored partner {value}: no initiative in the data involves it."
                        ).format(value=_quote(item))
                    )
                else:
                    notices.append(what.format(key=tr._(LIST_NAMES[key]), value=_quote(item)))
        return tuple(out)

    partners = pick(
        "partner",
        vocab.partners,
        str.casefold,
        tr._("Ignored {key} {value}: not a known organisation id."),
    )
    countries = pick(
        "country",
        vocab.countries,
        str.upper,
        tr._("Ignored {key} {value}: not a known country code (ISO3) in the data."),
    )
    themes = pick(
        "theme", vocab.themes, str.casefold, tr._("Ignored {key} {value}: not a known theme.")
    )
    types = pick(
        "type",
        vocab.types,
        str.casefold,
        tr._("Ignored {key} {value}: not a known initiative type."),
    )

    year_from = _clean_year(values.get("from", [""])[0], "from", notices, tr)
    year_to = _clean_year(values.get("to", [""])[0], "to", notices, tr)
    if year_from is not None and year_from > vocab.slider_range[1]:  # as the slider can
        notices.append(
            tr._("Ignored from={year}: after the last dated initiative ({last}).").format(
                year=year_from, last=vocab.year_max
            )
        )
        year_from = None
    if year_to is not None and year_to < vocab.year_min:
        notices.append(
            tr._("Ignored to={year}: before the first dated initiative ({first}).").format(
                year=year_to, first=vocab.year_min
            )
        )
        year_to = None
    if year_from is not None and year_to is not None and year_from > year_to:
        notices.append(
            tr._("Ignored the reversed year range from={first} to={last}.").format(
                first=year_from, last=year_to
            )
        )
        year_from = year_to = None
    if year_from is not None and year_from <= vocab.year_min:
        year_from = None  # covers every dated item: no bound
    if year_to is not None and year_to >= vocab.year_max:
        year_to = None

    text = ""
    if "q" in values:
        text, notice = clean_text(values["q"][0], tr)
        if notice:
            notices.append(notice)

    view = ViewOptions()
    if rows := _mode(values, "rows", ROW_MODES, IGNORED_ROWS, notices, tr):
        view = replace(view, rows=rows)
    if colour := _mode(values, "colour", COLOUR_MODES, IGNORED_COLOUR, notices, tr):
        view = replace(view, colour=colour)
    if "incidents" in values:
        flag = values["incidents"][0].strip().casefold()
        if flag in ("1", "true", "yes", "on"):
            view = replace(view, incidents=True)
        elif flag not in ("0", "false", "no", "off"):
            notices.append(
                tr._("Ignored incidents={value}: use 1 or 0.").format(
                    value=_quote(values["incidents"][0])
                )
            )

    state = FilterState(partners, countries, themes, types, year_from, year_to, text)
    return state, view, notices


def to_query(state: FilterState, view: ViewOptions = ViewOptions()) -> dict[str, str]:
    """Query parameters for a state (defaults left out, so an unfiltered view has none)."""
    out: dict[str, str] = {}
    for key, values in state.listed():
        if values:
            out[key] = ",".join(values)
    if state.year_from is not None:
        out["from"] = str(state.year_from)
    if state.year_to is not None:
        out["to"] = str(state.year_to)
    if state.text.strip():
        out["q"] = state.text.strip()
    if view.rows != ViewOptions.rows:
        out["rows"] = view.rows
    if view.colour != ViewOptions.colour:
        out["colour"] = view.colour
    if view.incidents:
        out["incidents"] = "1"
    return out


def state_from_widgets(
    partners: Sequence[str],
    countries: Sequence[str],
    themes: Sequence[str],
    types: Sequence[str],
    years: tuple[int, int],
    text: str,
    vocab: Vocabulary,
    tr: Translator = ENGLISH,
) -> tuple[FilterState, str | None]:
    """The state the sidebar widgets describe (a slider end at the extent is no bound)."""
    lo, hi = int(years[0]), int(years[1])
    clean, notice = clean_text(text or "", tr)
    return FilterState(
        partners=tuple(p for p in partners if p in vocab.partners),
        countries=tuple(c for c in countries if c in vocab.countries),
        themes=tuple(t for t in themes if t in vocab.themes),
        types=tuple(t for t in types if t in vocab.types),
        year_from=None if lo <= vocab.year_min else lo,
        year_to=None if hi >= vocab.year_max else hi,
        text=clean,
    ), notice


def slider_value(state: FilterState, vocab: Vocabulary) -> tuple[int, int]:
    return (
        state.year_from if state.year_from is not None else vocab.year_min,
        state.year_to if state.year_to is not None else vocab.year_max,
    )


# --------------------------------------------------------------------- filtering


def apply(state: FilterState, initiatives: pd.DataFrame, vocab: Vocabulary) -> pd.DataFrame:
    """The initiatives matching every active filter (an empty filter matches all).

    Values within one filter are ORed, filters are ANDed. A partner includes everything
    under it; a year range keeps items whose period overlaps it (undated items drop out
    once a year bound is set); the search is case-insensitive and literal.
    """
    df = initiatives
    keep = pd.Series(True, index=df.index)
    if state.partners:
        wanted = descendants(state.partners, vocab.children)
        keep &= df["partners"].map(lambda ps: bool(wanted & set(ps)))
    if state.countries:
        wanted_c = set(state.countries)
        keep &= df["countries"].map(lambda cs: bool(wanted_c & set(cs)))
    if state.themes:
        wanted_t = set(state.themes)
        keep &= df["themes"].map(lambda ts: bool(wanted_t & set(ts)))
    if state.types:
        keep &= df["type"].isin(set(state.types))
    if state.year_from is not None:
        keep &= (df["end_year"] >= state.year_from).fillna(False)
    if state.year_to is not None:
        keep &= (df["start_year"] <= state.year_to).fillna(False)
    if text := state.text.strip().casefold():
        # the data module's: titles, summaries and figures in every interface language
        keep &= df["search_text"].str.contains(text, regex=False)
    return df[keep.astype(bool)].reset_index(drop=True)


# ----------------------------------------------------------------------- wording


def year_text(state: FilterState, tr: Translator = ENGLISH) -> str:
    if state.year_from is not None and state.year_to is not None:
        return (
            f"{state.year_from}–{state.year_to}"
            if state.year_from != state.year_to
            else str(state.year_from)
        )
    if state.year_from is not None:
        return tr._("from {year}").format(year=state.year_from)
    if state.year_to is not None:
        return tr._("up to {year}").format(year=state.year_to)
    return tr._("all years")


def describe(
    state: FilterState, vocab: Vocabulary, tr: Translator = ENGLISH
) -> list[tuple[str, str]]:
    """(filter name, human value) for every active filter, in sidebar order."""
    either = one_of(tr)
    names = {f: tr._(label) for f, label in FACET_NAMES.items()}
    out = []
    if state.partners:
        out.append(
            (names["partners"], either.join(vocab.partners.get(p, p) for p in state.partners))
        )
    if state.countries:
        out.append(
            (names["countries"], either.join(vocab.countries.get(c, c) for c in state.countries))
        )
    if state.themes:
        out.append((names["themes"], either.join(vocab.themes.get(t, t) for t in state.themes)))
    if state.types:
        out.append((names["types"], either.join(vocab.types.get(t, t) for t in state.types)))
    if state.year_from is not None or state.year_to is not None:
        out.append((tr._("years"), year_text(state, tr)))
    if state.text.strip():
        # The analyst's own words, in the interface language's quotation marks.
        text = state.text.strip()
        out.append((names["text"], f"“{text}”" if tr.lang == "en" else f"«{text}»"))
    return out


def initiatives_text(n: int, tr: Translator = ENGLISH) -> str:
    """'1 initiative', '3 initiatives' / '1 инициатива', '3 инициативы', '5 инициатив'."""
    return tr.n_(*INITIATIVE_COUNT, n).format(n=tr.integer(n))


def explain_empty(
    state: FilterState, initiatives: pd.DataFrame, vocab: Vocabulary, tr: Translator = ENGLISH
) -> str | None:
    """Plain-text reason why nothing matches, naming the filters that emptied it, or None."""
    if len(apply(state, initiatives, vocab)):
        return None
    active = state.active()
    if not active:
        return tr._("There are no initiatives in the data.")
    if len(active) == 1:
        ((name, value),) = describe(state, vocab, tr)
        return tr._(
            "No initiative matches the {name} filter ({value}). Try another {name} or clear it."
        ).format(name=name, value=value)
    relief = []
    for facet in active:
        n = len(apply(state.without(facet), initiatives, vocab))
        if n:
            relief.append((facet, n))
    described = "; ".join(f"{name}: {value}" for name, value in describe(state, vocab, tr))
    if relief:
        tips = "; ".join(
            tr._("without the {name} filter there would be {count}").format(
                name=tr._(FACET_NAMES[f]), count=initiatives_text(n, tr)
            )
            for f, n in relief
        )
        culprits = one_of(tr).join(tr._(FACET_NAMES[f]) for f, _ in relief)
        return tr._(
            "No initiative matches all of these filters ({described}). "
            "The {culprits} filter empties the result: {tips}."
        ).format(described=described, culprits=culprits, tips=tips)
    alone = "; ".join(
        tr._("{name} alone matches {count}").format(
            name=tr._(FACET_NAMES[f]),
            count=initiatives_text(len(apply(only(state, f), initiatives, vocab)), tr),
        )
        for f in active
    )
    return tr._(
        "No initiative matches this combination of filters ({described}), and clearing any "
        "single one does not help: {alone}."
    ).format(described=described, alone=alone)


def only(state: FilterState, facet: str) -> FilterState:
    """A state keeping only one facet of `state`."""
    out = FilterState()
    if facet == "years":
        return replace(out, year_from=state.year_from, year_to=state.year_to)
    if facet == "text":
        return replace(out, text=state.text)
    return replace(out, **{facet: getattr(state, facet)})


def count_text(n: int, total: int, tr: Translator = ENGLISH) -> str:
    """'12 of 40 initiatives' / '12 из 40 инициатив' (the noun agrees with the total)."""
    return tr.n_("{n} of {total} initiative", "{n} of {total} initiatives", total).format(
        n=tr.integer(n), total=tr.integer(total)
    )


# ------------------------------------------------------------------ list and CSV


def _slug(text: str, limit: int = 30) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")
    return slug[:limit].rstrip("-") or "text"


def csv_filename(state: FilterState) -> str:
    """'initiatives_partner-osce_country-TJK.csv'; 'initiatives_all.csv' when unfiltered."""
    parts = []
    for key, values in state.listed():
        if values:
            parts.append(f"{key}-" + "+".join(re.sub(r"[^A-Za-z0-9_]", "", v) for v in values))
    if state.year_from is not None:
        parts.append(f"from-{state.year_from}")
    if state.year_to is not None:
        parts.append(f"to-{state.year_to}")
    if state.text.strip():
        parts.append(f"q-{_slug(state.text)}")
    stem = "initiatives_" + ("_".join(parts) if parts else "all")
    if len(stem) > 150:
        stem = stem[:140].rstrip("_+-") + "_etc"
    return stem + ".csv"


CSV_COLUMNS = [
    "id",
    "title",
    "type",
    "date_text",
    "start",
    "end",
    "date_basis",
    "scope",
    "countries",
    "host_country",
    "partners",
    "partner_names",
    "themes",
    "figures",
    "summary",
    "footnotes",
    "flag",
    "flag_note",
]


def csv_frame(df: pd.DataFrame, vocab: Vocabulary) -> pd.DataFrame:
    """Exactly the filtered rows, lists joined with ';' as in the data package."""
    out = df.copy()
    out["partner_names"] = out["partners"].map(
        lambda ps: "; ".join(vocab.short_names.get(p, p) for p in ps)
    )
    for col in ("countries", "partners", "themes"):
        out[col] = out[col].map(lambda xs: ";".join(xs))
    out["footnotes"] = out["footnotes"].map(lambda ns: ";".join(str(n) for n in ns))
    return out[CSV_COLUMNS].reset_index(drop=True)


def list_frame(
    df: pd.DataFrame,
    vocab: Vocabulary,
    footnote_urls: Mapping[int, str | None],
    tr: Translator = ENGLISH,
) -> pd.DataFrame:
    """Rows of the list view, one per filtered initiative, in the order given."""
    rows = []
    none = tr._(NONE_LISTED)
    flag = f"{FLAG} {tr._(FLAG_WORD)}"
    for r in df.itertuples(index=False):
        first_url = next((footnote_urls.get(n) for n in r.footnotes if footnote_urls.get(n)), None)
        rows.append(
            {
                "id": r.id,
                "date": r.date_text,
                "title": r.title,
                "flag": flag if isinstance(r.flag, str) else "",
                "countries": ", ".join(vocab.countries.get(c, c) for c in r.countries) or none,
                "partners": ", ".join(vocab.short_names.get(p, p) for p in r.partners) or none,
                "themes": ", ".join(vocab.themes.get(t, t) for t in r.themes),
                "summary": r.summary,
                "footnotes": footnote_list(r.footnotes),
                "source": first_url,
                "when": date_range(r.start, r.end, tr),
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "id",
            "date",
            "title",
            "flag",
            "countries",
            "partners",
            "themes",
            "summary",
            "footnotes",
            "source",
            "when",
        ],
    )


def sort_for_list(df: pd.DataFrame) -> pd.DataFrame:
    """Dated items by start (newest first), then undated ones, ties by title."""
    out = df.assign(_undated=df["period_start"].isna())
    out = out.sort_values(
        ["_undated", "period_start", "title"],
        ascending=[True, False, True],
        na_position="last",
        kind="stable",
    )
    return out.drop(columns="_undated").reset_index(drop=True)
