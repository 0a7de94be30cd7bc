"""Approaches: the paper's Table 4 as a country × approach matrix, with its evidence.

Contents: controls (partner, transpose, human-rights lens) · the matrix · the evidence behind
the selected cell, country or approach · Table 4 as printed · the human-rights lens · export.
The selected cell lives in the query string (?country=UZB&approach=reintegration).
"""

import streamlit as st

from components import data, matrix, ui
from components.text import md_escape

COUNTRY_KEY, CATEGORY_KEY = "approaches_country", "approaches_category"
CHART_VERSION = "_approaches_chart_version"
APPLIED_QUERY = "_approaches_applied_query"


@ui.cached_view
def lookups(version: str):
    """Names, labels, partner options, Table 4 and the rights lens, once per dataset version.

    Shared by every session: read-only."""
    orgs, states = data.organisations(), data.central_asia()
    categories = data.approach_categories(matrix_only=True)
    return (
        dict(zip(states["iso3"], states["name"], strict=True)),
        dict(zip(categories["id"], categories["label"], strict=True)),
        matrix.org_path_labels(orgs),
        matrix.partner_options(orgs, data.initiatives()),
        data.table4().set_index("iso3"),
        matrix.rights_lens(data.human_rights(), orgs, data.sources()),
    )


@ui.cached_view
def build(partners: tuple[str, ...], transpose: bool, selected: tuple[str | None, str | None],
          version: str) -> tuple[matrix.MatrixResult, dict, bytes]:
    """The matrix for one choice of controls, its heatmap's Vega-Lite spec and its CSV.

    Cached per (controls, selected cell, dataset version): Altair builds and validates the
    heatmap once. Shared by every session: read-only."""
    result = matrix.build_matrix(data.approach_cells(), data.initiatives(), data.organisations(),
                                 data.central_asia(), partners, transpose, selected)
    return result, result.chart.to_dict(), result.export.to_csv(index=False).encode("utf-8")


@ui.cached_view
def initiative_items(ids: tuple[str, ...], version: str):
    """The initiatives behind a cell, ready to list (shared: read-only)."""
    return matrix.initiative_list(ids, data.initiatives(), data.organisations(), data.sources())


ui.start_page(
    "Approaches to countering terrorism and extremism",
    "The paper's Table 4 as a country × approach matrix. Each cell says where its evidence "
    "comes from and how many initiatives support it; click a cell, or a country name, for the "
    "evidence behind it.",
)

version = data.dataset_version()
names, cat_labels, org_labels, partner_opts, table4, rights_rows = lookups(version)

# ------------------------------------------------------------ selection state


def _reset_chart() -> None:
    """A new chart key drops a stale click selection after the pickers change."""
    st.session_state[CHART_VERSION] = st.session_state.get(CHART_VERSION, 0) + 1


def _on_chart_select(chart_key: str) -> None:
    picked = (st.session_state.get(chart_key) or {}).get("selection", {}).get("cell") or []
    country = picked[0].get("country") if picked else None
    category = picked[0].get("category") if picked else None
    st.session_state[COUNTRY_KEY] = country if country in names else None
    st.session_state[CATEGORY_KEY] = category if category in cat_labels else None


query = (st.query_params.get("country"), st.query_params.get("approach"))
if st.session_state.get(APPLIED_QUERY) != query:  # a deep link or the browser's back button
    country, category, notices = matrix.parse_selection(*query, names, cat_labels)
    st.session_state[COUNTRY_KEY], st.session_state[CATEGORY_KEY] = country, category
    _reset_chart()
    for notice in notices:
        st.info(md_escape(notice), icon=":material/link_off:")

# ----------------------------------------------------------------- controls

left, mid, right = st.columns([3, 1, 1], vertical_alignment="bottom")
partners = left.multiselect(
    "Partner organisation (includes its offices and units)",
    options=partner_opts,
    format_func=org_labels.get,
    key="approaches_partner",
    placeholder="All partners, e.g. OSCE or UN",
)
transpose = mid.toggle("Countries as rows", key="approaches_transpose")
rights = right.toggle("Human-rights lens", key="approaches_rights")

selected = (st.session_state.get(COUNTRY_KEY), st.session_state.get(CATEGORY_KEY))
result, chart_spec, csv = build(tuple(partners), transpose, selected, version)
long = result.cells

# ------------------------------------------------------------------- matrix

counts = long["evidence"].value_counts()
st.markdown(
    f"**Table 4 lists {counts.get('table4', 0)} of these {len(long)} country–approach pairs; "
    f"the paper's text alone supports {counts.get('text', 0)} more, and "
    f"{counts.get('not_found', 0)} are not found in the paper.** "
    "Each cell shows its evidence and the number of supporting initiatives."
)
if partners:
    st.caption(
        "Counts include only initiatives with "
        + md_escape(", ".join(org_labels[p] for p in partners))
        + " (or their offices and units) as a partner; faded cells have none. "
        "The evidence colour does not change: Table 4 stays Table 4."
    )
chart_key = f"approaches_chart_{st.session_state.get(CHART_VERSION, 0)}"
ui.vega_chart(
    chart_spec,
    key=chart_key,
    on_select=lambda: _on_chart_select(chart_key),
    selection_mode="cell",
    width="stretch",
    alt="Matrix of approaches by country, coloured by evidence: Table 4, paper text only, "
    "or not found in the paper.",
)
flagged = list(long[long["flagged"]].itertuples())
st.caption(
    "**T4** = listed in Table 4 (compiled by the authors) · **text** = described only in the "
    "paper's text · **—** = not found in the paper, which does not mean the state does not do "
    "it. The number counts supporting initiatives. "
    + (
        f"{matrix.FLAG} with a dashed outline = flagged: "
        + "; ".join(
            f"{md_escape(r.country_name)} × {md_escape(r.category_label)}"
            for r in flagged
        )
        + "."
        if len(flagged)
        else ""
    )
)
if len(flagged):
    st.warning(
        "  \n".join(
            f"**{matrix.FLAG} {md_escape(r.country_name)} × {md_escape(r.category_label)}:** "
            f"{md_escape(r.flag_note)}"
            for r in flagged
        ),
        icon=":material/flag:",
    )

# ---------------------------------------------------------------- drill-down

st.subheader("Evidence behind a cell")
pick_country, pick_category = st.columns(2)
pick_country.selectbox(
    "Country",
    options=list(names),
    format_func=names.get,
    index=None,
    placeholder="All five states",
    key=COUNTRY_KEY,
    on_change=_reset_chart,
)
pick_category.selectbox(
    "Approach",
    options=list(cat_labels),
    format_func=cat_labels.get,
    index=None,
    placeholder="Whole country column",
    key=CATEGORY_KEY,
    on_change=_reset_chart,
)
country, category = st.session_state.get(COUNTRY_KEY), st.session_state.get(CATEGORY_KEY)


def _initiative_items(ids: list[str]) -> None:
    for it in initiative_items(tuple(ids), version).itertuples():
        when = matrix.date_with_text(it.date, it.date_text)
        st.markdown(
            f"**{md_escape(it.title)}**  \n"
            f"{md_escape(when)} · Partners: {md_escape(it.partners)}  \n"
            f"{md_escape(it.summary)} · Footnote{'s' if len(it.footnotes) > 1 else ''} "
            f"{it.footnotes_md}"
        )
        if it.flag_note:
            st.warning(f"{matrix.FLAG} {md_escape(it.flag_note)}", icon=":material/flag:")


def _rights_items(iso: str) -> None:
    mine = rights_rows[rights_rows["country"] == iso]
    if mine.empty:
        st.markdown(
            f"The paper records no human-rights concern or good practice specific to "
            f"{md_escape(names.get(iso, 'the region'))}. "
            "Not found in the paper is not the same as none."
        )
    for r in mine.itertuples():
        meta = ", ".join(md_escape(v) for v in (r.year, r.document, r.source) if v)
        cite = f"footnote {r.footnotes_md}" if r.footnotes_md else md_escape(r.note)
        st.markdown(
            f"**{md_escape(r.stance_label)}**{f' ({meta})' if meta else ''}: "
            f"{md_escape(r.summary)} · {cite}"
        )


def _country_link(iso: str) -> None:
    st.page_link(
        "pages/countries.py",
        label=f"Open the country view: {names[iso]}",
        query_params={"country": iso},
        icon=":material/flag:",
    )


if country and category:
    cell = long[(long["country"] == country) & (long["category"] == category)].iloc[0]
    st.markdown(f"### {md_escape(names[country])} × {md_escape(cat_labels[category])}")
    if cell["evidence"] == "table4":
        quoted = ", ".join(f"“{md_escape(p)}”" for p in cell["table4_phrases"])
        st.markdown(f"**Listed in Table 4:** {quoted} ({matrix.TABLE4_SOURCE}).")
    elif cell["evidence"] == "text":
        st.markdown("**Paper text only:** Table 4 does not list it; the paper's text does.")
    else:
        st.markdown(
            "**Not found in the paper:** neither Table 4 nor the text mentions it. "
            "This is not evidence that it does not happen."
        )
    if cell["flagged"]:
        st.warning(f"**{matrix.FLAG} Flagged:** {md_escape(cell['flag_note'])}",
                   icon=":material/flag:")
    shown, total = cell["n_shown"], cell["n_initiatives"]
    if partners:
        st.caption(f"{shown} of {total} supporting initiatives involve the chosen partner(s).")
    elif total:
        st.caption(f"{total} supporting initiative{'s' if total > 1 else ''}:")
    _initiative_items(list(cell["shown_initiatives"]))
    if rights:
        st.markdown(f"**Human-rights lens, {md_escape(names[country])}**")
        _rights_items(country)
    _country_link(country)
elif country:
    mine = long[long["country"] == country]
    st.markdown(f"### {md_escape(names[country])}: every approach")
    st.markdown(f"> “{md_escape(table4.at[country, 'approaches_as_printed'])}”  \n"
                f"> — {matrix.TABLE4_SOURCE}")
    for r in mine.itertuples():
        st.markdown(f"- **{md_escape(r.category_label)}**: {md_escape(r.evidence_label)}, "
                    f"{r.n_shown} initiative{'s' if r.n_shown != 1 else ''}"
                    f"{' ' + matrix.FLAG + ' flagged' if r.flagged else ''}")
    _country_link(country)
elif category:
    mine = long[long["category"] == category]
    st.markdown(f"### {md_escape(cat_labels[category])}: all five states")
    for r in mine.itertuples():
        phrases = ", ".join(f"“{md_escape(p)}”" for p in r.table4_phrases)
        st.markdown(f"- **{md_escape(r.country_name)}**: {md_escape(r.evidence_label)}"
                    f"{' — ' + phrases if phrases else ''}, {r.n_shown} initiative"
                    f"{'s' if r.n_shown != 1 else ''}"
                    f"{' ' + matrix.FLAG + ' flagged' if r.flagged else ''}")
    st.caption("Choose a country as well to list the initiatives.")
else:
    st.caption("Click a cell of the matrix, or choose a country and an approach above, to list "
               "the initiatives behind it. Click a country name for its whole column.")

# ------------------------------------------------------------ Table 4 verbatim

st.subheader("Table 4 as printed")
st.markdown(
    "  \n".join(
        f"**{md_escape(printed)}:** “{md_escape(approaches)}”"
        for printed, approaches in zip(table4["country_as_printed"],
                                       table4["approaches_as_printed"], strict=True)
    )
)
st.caption(
    f"Source: {matrix.TABLE4_SOURCE}. The matrix maps each phrase to one or more approaches; "
    "phrases like “OSCE” and “UN” are read with the cell's opening “Cooperation with”."
)

# ---------------------------------------------------------- human-rights lens

if rights:
    st.subheader("Human-rights lens: security approaches and rights concerns")
    st.caption("The paper's theme is the balance between security and rights. Left: what each "
               "state does, per Table 4. Right: the human-rights concerns and good practice the "
               "paper records for it.")
    for iso, name in names.items():
        sec, hr = st.columns(2)
        sec.markdown(f"**{md_escape(name)}** · security approaches (Table 4)  \n"
                     f"“{md_escape(table4.at[iso, 'approaches_as_printed'])}”")
        with hr:
            _rights_items(iso)
    st.markdown("**Region-wide**")
    _rights_items("")

# -------------------------------------------------------------------- export

with ui.lazy_expander("The matrix as a table", key="approaches_matrix_table") as shown:
    if shown:
        st.dataframe(result.matrix, width="stretch", key="approaches_table")
st.download_button(
    "Download the matrix with its evidence and footnotes (CSV)",
    csv,
    file_name="approaches-matrix.csv" if not partners else "approaches-matrix-by-partner.csv",
    mime="text/csv",
    key="approaches_download",
)

# Keep the selected cell in the address bar, so a briefing can link straight to it.
new_query = {"country": country, "approach": category}
for name, value in new_query.items():
    if value:
        st.query_params[name] = value
    elif name in st.query_params:
        del st.query_params[name]
st.session_state[APPLIED_QUERY] = (country, category)

ui.footer()
