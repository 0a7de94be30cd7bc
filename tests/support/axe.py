"""axe-core in the browser tests: WCAG 2.1 A and AA violations of the page as it is now,
plus one check of our own that axe lacks (help icons' accessible names).

axe-core comes from npm, pinned in tests/axe/package.json and installed by ``make test``
(``npm ci`` in tests/axe); the script is injected from disk, nothing is downloaded.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

AXE_JS = Path(__file__).resolve().parents[1] / "axe" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

_RUN_AXE = """
async (tags) => {
  const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return r.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.map(n => n.target.join(' ')),
  }));
}
"""


# Streamlit names a help icon "Help for <label>" from the label's Markdown source, so an
# escape in the source is read aloud ("\(2024\)"). WCAG 2.5.3 (label in name) asks that
# the name carry the visible label: every metric's help icon is checked against its label
# as shown, and no accessible name anywhere may hold a Markdown escape.
_HELP_NAMES = r"""
() => {
  const out = [];
  const squash = (s) => (s || '').trim().replace(/\s+/g, ' ');
  for (const m of document.querySelectorAll('[data-testid="stMetricLabel"]')) {
    const icon = m.querySelector('[aria-label^="Help"]');
    if (!icon) continue;
    const shown = squash(m.querySelector('[data-testid="stMarkdownContainer"]').innerText);
    const name = icon.getAttribute('aria-label');
    if (name !== 'Help for ' + shown) out.push(`metric help icon named "${name}", label "${shown}"`);
  }
  for (const el of document.querySelectorAll('[aria-label]')) {
    const name = el.getAttribute('aria-label');
    if (/\\[!-\/:-@\[-`{-~]/.test(name)) out.push(`escape in accessible name "${name}"`);
  }
  return out;
}
"""


def require_axe() -> None:
    if not AXE_JS.exists():
        pytest.fail(f"axe-core missing at {AXE_JS}: run `npm ci` in tests/axe (make test does)")


def violations(page: Any) -> list[dict]:
    """axe-core's WCAG 2.1 A/AA violations of an idle page."""
    require_axe()
    page.add_script_tag(path=str(AXE_JS))
    found = page.evaluate(_RUN_AXE, WCAG_TAGS)
    names = page.evaluate(_HELP_NAMES)
    if names:
        found.append(
            {
                "id": "label-in-name (help icons)",
                "impact": "serious",
                "help": "an accessible name must carry the visible label, without escapes",
                "targets": names,
            }
        )
    return found


def report(found: list[dict]) -> str:
    lines = []
    for v in found:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        lines += [f"    {t}" for t in v["targets"][:10]]
        if len(v["targets"]) > 10:
            lines.append(f"    ... and {len(v['targets']) - 10} more")
    return "\n".join(lines)
