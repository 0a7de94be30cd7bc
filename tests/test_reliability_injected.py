"""Security: HTML/script payloads in every free-text field of the data render as inert text.

``injected_copy(dest)`` copies data/ and writes a payload into every non-empty free-text
cell of every CSV (titles, summaries, notes, names, citations, ...: string fields without
an enum or pattern that are not keys), into the GeoJSON feature names and into the
package's source titles. The payload names the field it sits in, so a leak says where it
came from. The copy still passes validation, so every page renders it.

AppTest then opens every page (and the detail views reachable by URL) on the copy: no
exception, no error box, the payloads do reach the pages, and never as markup (see
``raw_markup_leaks``). tests/e2e/test_reliability.py serves the same copy to real Chromium
and checks that no script runs and no payload image is requested.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from components import data
from tests.test_reliability_querystrings import (
    APP,
    PAGES,
    all_elements,
    assert_polite,
    raw_markup_leaks,
)

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"

# The image host is loopback port 9 (discard): the network guard lets it through, nothing
# answers, and a test that records requests sees any attempt to load it.
PWNED_IMAGE = "http://127.0.0.1:9/pwned.png"
PWNED_FLAG = "__pwned"
MARK = "INJ"  # every payload starts with INJ:<resource>.<field>


def payload(where: str) -> str:
    """Markup that would set window.__pwned (and request PWNED_IMAGE) if it ever ran."""
    return (
        f'{MARK}:{where} <img src="{PWNED_IMAGE}?{where}" onerror="window.{PWNED_FLAG}=\'{where}\'">'
        f'<script>window.{PWNED_FLAG}="{where}"</script>'
        f'<svg onload="window.{PWNED_FLAG}=\'{where}\'"></svg>'
        f"[link](javascript:window.{PWNED_FLAG}=1) **{MARK}**"
    )


def free_text_fields(resource: dict, referenced: set[tuple[str, str]]) -> list[str]:
    """String fields a curator types prose into: no enum/pattern/format, not a key."""
    schema = resource["schema"]
    keys = set(schema.get("primaryKey", []))
    fks = {fk["fields"] for fk in schema.get("foreignKeys", [])}
    out = []
    for f in schema["fields"]:
        c = f.get("constraints", {})
        if f.get("type", "string") != "string" or "enum" in c or "pattern" in c or "format" in f:
            continue
        if f["name"] in keys or f["name"] in fks or (resource["name"], f["name"]) in referenced:
            continue
        out.append(f["name"])
    return out


def injected_copy(dest: Path) -> dict[str, list[str]]:
    """Copy data/ to ``dest`` with payloads injected; return {file: [fields injected]}."""
    shutil.copytree(DATA, dest)
    meta = yaml.safe_load((dest / "datapackage.yaml").read_text(encoding="utf-8"))
    referenced = {
        (fk["reference"]["resource"], fk["reference"]["fields"])
        for r in meta["resources"]
        for fk in r.get("schema", {}).get("foreignKeys", [])
    }
    done: dict[str, list[str]] = {}
    for r in meta["resources"]:
        path = dest / r["path"]
        if r.get("format") == "geojson":
            doc = json.loads(path.read_text(encoding="utf-8"))
            for f in doc["features"]:
                name = f["properties"].get("name")
                if name:
                    f["properties"]["name"] = f"{name} {payload(r['name'] + '.name')}"
            path.write_text(json.dumps(doc), encoding="utf-8")
            done[r["path"]] = ["name"]
            continue
        fields = free_text_fields(r, referenced)
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            header = list(reader.fieldnames or [])
            rows = list(reader)
        for row in rows:
            for name in fields:
                if row.get(name, "").strip():
                    # Prefix: pages that shorten long text still show the payload.
                    row[name] = f"{payload(r['name'] + '.' + name)} {row[name]}"
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        path.write_text(out.getvalue(), encoding="utf-8")
        done[r["path"]] = fields
    # Source titles reach every page's footer.
    text = (dest / "datapackage.yaml").read_text(encoding="utf-8")
    for s in meta.get("sources", []):
        s["title"] = f"{payload('datapackage.sources.title')} {s['title']}"
    meta_text = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True)
    assert meta_text != text
    (dest / "datapackage.yaml").write_text(meta_text, encoding="utf-8")
    return done


def _views() -> list[tuple[str, str, dict[str, Any]]]:
    """(id, page, query params): every page plus the detail views a URL can open."""
    try:
        cat = data.approach_categories(matrix_only=True)["id"].iloc[0]
    except data.DataValidationError:  # collected on broken data: the tests will say so
        cat = ""
    views = [(page, page, {}) for page in PAGES]
    views += [(f"countries-{iso}", "countries", {"country": iso}) for iso in ("KAZ", "TJK")]
    views += [
        ("countries-briefing", "countries", {"country": "UZB", "present": "1"}),
        ("gti-highlight", "gti", {"countries": ",".join(data.CENTRAL_ASIA)}),
        ("approaches-cell", "approaches", {"country": data.CENTRAL_ASIA[0], "approach": cat}),
        ("timeline-search", "timeline", {"q": MARK}),
    ]
    return views


VIEWS = _views()

# Known page bugs, reported to their owners; strict, so the fix turns these into failures
# that ask for the mark to be removed.
KNOWN_BUGS: dict[str, str] = {}


def _marks(view: str, page: str) -> list:
    reason = KNOWN_BUGS.get(page) if view.startswith("countries-") else None
    return [pytest.mark.xfail(strict=True, reason=reason)] if reason else []


VIEW_PARAMS = [pytest.param(*v, id=v[0], marks=_marks(v[0], v[1])) for v in VIEWS]


@pytest.fixture(scope="module")
def injected(tmp_path_factory) -> tuple[Path, dict[str, list[str]]]:
    root = tmp_path_factory.mktemp("injected") / "data"
    fields = injected_copy(root)
    return root, fields


@pytest.fixture
def on_injected(injected, monkeypatch) -> dict[str, list[str]]:
    monkeypatch.setenv(data.DATA_ENV, str(injected[0]))
    return injected[1]


def test_injected_copy_is_valid_and_covers_the_prose(on_injected):
    data.package()  # raises if the copy broke validation
    fields = on_injected
    # Spot-check that the prose fields are covered (a guard against a silent no-op).
    for file, name in [("initiatives.csv", "title"), ("initiatives.csv", "summary"),
                       ("sources.csv", "citation"), ("organisations.csv", "name"),
                       ("border_notes.csv", "risk_note"), ("incidents.csv", "summary"),
                       ("countries.csv", "name"), ("key_figures.csv", "label")]:
        assert name in fields[file], f"{file}.{name} is not injected: {fields[file]}"
    assert data.initiatives()["title"].str.startswith(f"{MARK}:").all()
    assert data.organisations()["name"].str.startswith(f"{MARK}:").all()


@pytest.mark.parametrize(("view", "page", "params"), VIEW_PARAMS)
def test_page_renders_payloads_as_inert_text(on_injected, view, page, params):
    at = AppTest.from_file(APP, default_timeout=90).run()
    if page != "overview":
        at.switch_page(PAGES[page])
    at.query_params.clear()
    at.query_params.update(params)
    at.run()
    assert_polite(at, f"{view} on injected data")
    leaks = raw_markup_leaks(at, needle=f"{MARK}:")
    assert not leaks, f"{view}: data markup can render as HTML: {leaks}"
    # The payload must actually reach the page, or this test proves nothing. Every page
    # has the footer (source titles) at least.
    shown = [e for e in all_elements(at) if f"{MARK}:" in str(getattr(e, "proto", ""))]
    assert shown, f"{view}: no injected text reached the page"


@pytest.mark.parametrize(
    ("render", "leaks"),
    [
        ("st.markdown(P, unsafe_allow_html=True)", True),
        ("st.html(P)", True),
        ("st.warning(P)", True),
        ("st.header(P)", True),
        ("st.markdown(md_escape(P), unsafe_allow_html=True)", False),
        ("st.warning(md_escape(P))", False),
        ("st.dataframe(pd.DataFrame({'x': [P]}))", False),
        ("st.table(pd.DataFrame({'x': [P]}))", True),
        ("st.table(md_escape_frame(pd.DataFrame({'x': [P]})))", False),
    ],
)
def test_leak_detector_can_fail(render, leaks):
    """The checker itself: it flags data markup that reaches HTML or raw Markdown."""
    script = (
        "import pandas as pd\nimport streamlit as st\n"
        "from components.text import md_escape, md_escape_frame\n"
        f"P = {payload('canary')!r}\n{render}\n"
    )
    at = AppTest.from_string(script, default_timeout=30).run()
    assert not at.exception
    assert bool(raw_markup_leaks(at, needle=f"{MARK}:")) is leaks
