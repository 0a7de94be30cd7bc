"""A copy of data/ with an HTML/script payload in every free-text field.

``injected_copy(dest)`` copies data/ and writes a payload into every non-empty free-text
cell of every CSV (titles, summaries, notes, names, citations, ...: string fields without
an enum or pattern that are not keys), into the GeoJSON feature names and into the
package's source titles. The payload names the field it sits in, so a leak says where it
came from. The copy still passes validation, so every page renders it.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import yaml

from components import translations
from scripts.browser import REPO_ROOT

DATA = REPO_ROOT / "data"

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
        f"<svg onload=\"window.{PWNED_FLAG}='{where}'\"></svg>"
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
    new_translations: list[tuple[str, str, str, str, str]] = []
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
        if r["name"] == "translations":  # described last: the cells that now have words
            rows += [dict(zip(header, extra, strict=True)) for extra in new_translations]
        for row in rows:
            for name in fields:
                if row.get(name, "").strip():
                    before = row[name]
                    # Prefix: pages that shorten long text still show the payload.
                    row[name] = f"{payload(r['name'] + '.' + name)} {row[name]}"
                    if not translations.needs_translation(r["name"], name, before) and (
                        name in translations.TRANSLATED.get(r["name"], ())
                    ):
                        # "1999" or "KZT" needed no Russian; with a payload it has words now
                        rid = translations.row_id(r["name"], row)
                        new_translations.append((r["name"], rid, name, row[name], "injected"))
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
