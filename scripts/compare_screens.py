"""Before/after screenshots of every page, side by side (issue 14's redesign check).

    python -m scripts.compare_screens --before 78de0f5 [--out docs/screenshots/issue14]

Checks out ``--before`` in a temporary git worktree, serves it and this checkout at once
(each from its own folder, on its own port), opens every page in headless Debian Chromium
at 1920x1080 and writes ``<page>-1920.png``: the before screen on the left, the after one
on the right, each at half size under a label strip. Nothing is fetched from the internet.
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from playwright.sync_api import sync_playwright

from scripts.browser import (
    REPO_ROOT,
    launch_app_server,
    launch_chromium,
    new_guarded_page,
    wait_for_idle,
)

PAGES = {
    "overview": "",
    "map": "map",
    "gti": "gti",
    "approaches": "approaches",
    "timeline": "timeline",
    "countries": "countries?country=KAZ",
    "sources": "sources",
}
SIZE = (1920, 1080)
CHARTS = '[data-testid="stVegaLiteChart"] svg.marks, [data-testid="stDeckGlJsonChart"] canvas'
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def shoot(page, url: str, path: Path) -> None:
    page.goto(url)
    wait_for_idle(page, 90000, 800)
    if page.locator(CHARTS).count():
        page.locator(CHARTS).first.wait_for(timeout=30000)
    page.wait_for_timeout(1500)  # deck.gl and Vega finish their first frames
    page.screenshot(path=str(path))


def side_by_side(before: Path, after: Path, labels: tuple[str, str], out: Path) -> None:
    half = (SIZE[0] // 2, SIZE[1] // 2)
    strip = 40
    sheet = Image.new("RGB", (SIZE[0] + 8, half[1] + strip), "white")
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.truetype(FONT, 22) if Path(FONT).exists() else ImageFont.load_default()
    for i, (shot, label) in enumerate(zip((before, after), labels, strict=True)):
        x = i * (half[0] + 8)
        sheet.paste(Image.open(shot).convert("RGB").resize(half, Image.LANCZOS), (x, strip))
        draw.text((x + 8, 8), label, fill="black", font=font)
    draw.rectangle((half[0], 0, half[0] + 7, sheet.height), fill="#444444")
    sheet.save(out, optimize=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", required=True, help="a git ref: the code before")
    parser.add_argument("--out", default=str(REPO_ROOT / "docs" / "screenshots" / "issue14"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    head = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        check=True,
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
    ).stdout.strip()
    with tempfile.TemporaryDirectory() as tmp:
        old = Path(tmp) / "before"
        subprocess.run(["git", "worktree", "add", "--detach", str(old), args.before],
                       cwd=REPO_ROOT, check=True, capture_output=True)  # fmt: skip
        servers = []
        try:
            servers = [
                launch_app_server(app=old / "app.py", cwd=old),
                launch_app_server(),
            ]
            with sync_playwright() as pw:
                browser = launch_chromium(pw)
                page = new_guarded_page(browser, viewport=dict(zip(("width", "height"), SIZE)))
                for name, path in PAGES.items():
                    shots = []
                    for tag, server in zip(("before", "after"), servers, strict=True):
                        shot = Path(tmp) / f"{name}-{tag}.png"
                        shoot(page, f"{server.url}/{path}", shot)
                        shots.append(shot)
                    labels = (f"before {args.before}", f"after {head}")
                    side_by_side(*shots, labels, out / f"{name}-1920.png")
                    print(out / f"{name}-1920.png")
                browser.close()
        finally:
            for server in servers:
                server.stop()
            subprocess.run(
                ["git", "worktree", "remove", "--force", str(old)], check=False, cwd=REPO_ROOT
            )


if __name__ == "__main__":
    main()
