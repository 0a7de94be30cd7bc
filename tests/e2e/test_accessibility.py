"""End-to-end accessibility: axe-core (WCAG 2.1 A and AA) reports zero violations on every
page and every slide of the ready-made regional briefing.

axe-core comes from npm, pinned in tests/axe/package.json and installed by ``make test``
(``npm ci`` in tests/axe); nothing is downloaded while the tests run.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest

from components import deck_view as DV
from tests.support.browser import wait_for_idle

AXE_JS = Path(__file__).resolve().parents[1] / "axe" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGES = ["", "map", "gti", "approaches", "timeline", "countries?country=TJK", "sources", "deck"]
DECK = DV.regional_briefing()

_RUN_AXE = """
async (tags) => {
  const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return r.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.map(n => n.target.join(' ')),
  }));
}
"""


def _report(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        lines += [f"    {t}" for t in v["targets"][:10]]
        if len(v["targets"]) > 10:
            lines.append(f"    ... and {len(v['targets']) - 10} more")
    return "\n".join(lines)


def axe_violations(page) -> list[dict]:
    """Idle page -> axe-core violations for the WCAG 2.1 A/AA tags."""
    wait_for_idle(page)
    page.add_script_tag(path=str(AXE_JS))
    return page.evaluate(_RUN_AXE, WCAG_TAGS)


@pytest.fixture(scope="module", autouse=True)
def _axe_installed() -> None:
    if not AXE_JS.exists():
        pytest.fail(f"axe-core missing at {AXE_JS}: run `npm ci` in tests/axe (make test does)")


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p or "overview")
def test_page_has_no_wcag_violations(page, app_server, path) -> None:
    page.goto(app_server.page_url(path))
    violations = axe_violations(page)
    assert not violations, f"axe WCAG 2.1 A/AA violations on /{path}:\n{_report(violations)}"


@pytest.mark.parametrize("n", range(1, len(DECK) + 1))
def test_slide_has_no_wcag_violations(page, app_server, n) -> None:
    page.goto(app_server.page_url(f"?present=1&deck={quote(DECK.encode())}&slide={n}"))
    violations = axe_violations(page)
    assert not violations, f"axe WCAG 2.1 A/AA violations on slide {n}:\n{_report(violations)}"


# The data table alternatives (ui.data_table: a static table in a keyed expander), opened.
OPENED_TABLES = [
    ("countries?country=TJK", "country_map_data"),
    ("timeline", "timeline_summary_data"),
    ("map?present=1&part=border", "map_slide_data_border"),
]


@pytest.mark.parametrize(("path", "key"), OPENED_TABLES, ids=[k for _, k in OPENED_TABLES])
def test_opened_data_table_has_no_wcag_violations(page, app_server, path, key) -> None:
    page.goto(app_server.page_url(path))
    wait_for_idle(page, 60000)
    page.locator(f".st-key-{key} summary").click()
    page.locator(f".st-key-{key} table").wait_for()
    violations = axe_violations(page)
    assert not violations, f"axe WCAG 2.1 A/AA violations, /{path} with {key} open:\n" + _report(
        violations
    )
