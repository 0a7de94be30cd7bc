"""axe-core in the browser tests: WCAG 2.1 A and AA violations of the page as it is now.

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


def require_axe() -> None:
    if not AXE_JS.exists():
        pytest.fail(f"axe-core missing at {AXE_JS}: run `npm ci` in tests/axe (make test does)")


def violations(page: Any) -> list[dict]:
    """axe-core's WCAG 2.1 A/AA violations of an idle page."""
    require_axe()
    page.add_script_tag(path=str(AXE_JS))
    return page.evaluate(_RUN_AXE, WCAG_TAGS)


def report(found: list[dict]) -> str:
    lines = []
    for v in found:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        lines += [f"    {t}" for t in v["targets"][:10]]
        if len(v["targets"]) > 10:
            lines.append(f"    ... and {len(v['targets']) - 10} more")
    return "\n".join(lines)
