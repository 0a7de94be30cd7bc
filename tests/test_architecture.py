"""Architecture rules that are easy to break silently: routing, the one data module,
and a data package whose every field and source is documented."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
PAGES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "pages").glob("*.py"))
PACKAGE = yaml.safe_load((ROOT / "data" / "datapackage.yaml").read_text(encoding="utf-8"))
RESOURCES = PACKAGE["resources"]
EXPECTED_URL_PATHS = {"overview", "map", "gti", "approaches", "timeline", "countries", "sources", "deck"}


def _routes() -> dict[str, str]:
    """page file -> url_path, read from the st.Page calls in app.py."""
    tree = ast.parse(APP.read_text(encoding="utf-8"))
    out = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "Page":
            kw = {k.arg: k.value for k in node.keywords}
            out[node.args[0].value] = kw["url_path"].value
    return out


def test_every_page_file_is_routed_with_its_own_name():
    routes = _routes()
    assert set(routes) == set(PAGES), "an unrouted pages/x.py can shadow a routed url_path x"
    for path, url in routes.items():
        assert Path(path).stem == url
    assert set(routes.values()) == EXPECTED_URL_PATHS


def test_app_py_only_routes():
    tree = ast.parse(APP.read_text(encoding="utf-8"))
    calls = {
        f"{n.func.value.id}.{n.func.attr}"
        for n in ast.walk(tree)
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and isinstance(n.func.value, ast.Name)
    }
    assert calls <= {"st.set_page_config", "st.navigation", "st.Page"}, calls
    assert "st.navigation" in calls and "st.set_page_config" in calls


FILE_READERS = re.compile(r"\b(read_csv|read_json|read_excel|read_parquet|open\(|read_text|read_bytes|json\.load\()")


@pytest.mark.parametrize(
    "path",
    [p for p in sorted(ROOT.glob("pages/*.py")) + sorted(ROOT.glob("components/*.py")) + [APP]
     if p.name != "data.py"],
    ids=lambda p: p.relative_to(ROOT).as_posix(),
)
def test_only_the_data_module_reads_files(path):
    hits = [line for line in path.read_text(encoding="utf-8").splitlines() if FILE_READERS.search(line)]
    assert not hits, f"{path.name} reads files; route it through components/data.py: {hits}"


@pytest.mark.parametrize("path", sorted(ROOT.glob("pages/*.py")), ids=lambda p: p.name)
def test_pages_type_no_numbers_from_the_paper(path):
    """Figures come from data.py: no GTI-style decimals or paper figures typed into pages."""
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"\b\d\.\d{3}\b", text), "a three-decimal figure is typed into a page"
    for figure in ("531", "450 million", "3,000", "0.871", "1283", "2562"):
        assert figure not in text, figure


@pytest.mark.parametrize("resource", RESOURCES, ids=lambda r: r["name"])
def test_every_resource_is_described_and_sourced(resource):
    assert resource.get("title") and resource.get("description")
    assert (ROOT / "data" / resource["path"]).is_file()
    if resource.get("format") == "geojson":
        assert resource.get("licenses"), "boundaries need their licence recorded"
    assert resource.get("sources") or resource["name"] == "approach_categories"
    declared = {s["id"] for s in PACKAGE["sources"]}
    assert {s["id"] for s in resource.get("sources", [])} <= declared


@pytest.mark.parametrize(
    ("resource", "field"),
    [(r["name"], f) for r in RESOURCES if "schema" in r for f in r["schema"]["fields"]],
    ids=lambda x: x if isinstance(x, str) else x["name"],
)
def test_every_field_is_documented(resource, field):
    assert field.get("type") in {"string", "integer", "number", "boolean", "year", "list"}, field
    assert len(field.get("description", "")) > 5, f"{resource}.{field['name']} has no description"
    if field["type"] == "list":
        assert field.get("delimiter") == ";" and field.get("itemType")


def test_every_csv_column_is_in_the_schema():
    for r in RESOURCES:
        if "schema" not in r:
            continue
        header = (ROOT / "data" / r["path"]).read_text(encoding="utf-8").splitlines()[0].split(",")
        assert header == [f["name"] for f in r["schema"]["fields"]], r["name"]


def test_package_declares_licence_and_sources():
    assert PACKAGE["licenses"] and PACKAGE["sources"]
    for s in PACKAGE["sources"]:
        assert s.get("title") and s.get("path")
