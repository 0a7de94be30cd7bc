"""Every URL the app itself produces opens cleanly: no "Page not found" dialog, no exception.

The URLs are not listed here: they are collected from the anchors of the rendered pages
(the sidebar's page links, the overview's country cards and timeline link, the country
view's own links, ...) starting from "/" and "/overview" (the overview's own path), in
normal and briefing mode, and followed until no new one turns up."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit

from tests.support.browser import assert_no_exception, assert_no_external_requests, wait_for_idle

# The GTI slide with Central Asian states selected links to their country views in briefing.
SEEDS = ("", "overview", "?present=1", "overview?present=1", "gti?countries=TJK,UZB&present=1")
MAX_URLS = 80  # a guard against a crawl that never ends (e.g. a link that adds a parameter)

# Same-origin anchors only: footnote links leave the app, and '#' anchors stay on the page.
ANCHORS_JS = """(origin) => Array.from(document.querySelectorAll('a[href]'))
    .map(a => a.href).filter(h => h.startsWith(origin + '/'))"""


def canonical(url: str) -> str:
    """'path?sorted query' of an app URL, so one page is visited once."""
    parts = urlsplit(url)
    query = urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return parts.path.strip("/") + (f"?{query}" if query else "")


def page_not_found(page) -> bool:
    return page.get_by_text("Page not found").count() > 0


def test_every_url_the_app_produces_opens_cleanly(page, app_server):
    origin = app_server.page_url("").rstrip("/")
    todo = [canonical(f"{origin}/{s}") for s in SEEDS]
    seen: dict[str, str] = {}  # canonical URL -> where it was found
    seen.update(dict.fromkeys(todo, "seed"))
    opened = []
    while todo:
        url = todo.pop(0)
        page.goto(f"{origin}/{url}")
        wait_for_idle(page)
        page.wait_for_timeout(300)  # the dialog comes with the first script run's messages
        assert not page_not_found(page), f"/{url} (found on {seen[url]}): 'Page not found'"
        assert_no_exception(page)
        assert page.locator("h1").count() >= 1, f"/{url}: no page title"
        opened.append(url)
        for href in page.evaluate(ANCHORS_JS, origin):
            found = canonical(href)
            if found not in seen:
                seen[found] = f"/{url}"
                todo.append(found)
        assert len(seen) <= MAX_URLS, sorted(seen)

    paths = {u.split("?")[0] for u in opened}
    # The crawl reached every page of the navigation and the links inside pages.
    assert {
        "",
        "overview",
        "map",
        "gti",
        "approaches",
        "timeline",
        "countries",
        "sources",
    } <= paths, sorted(paths)
    assert any(u.startswith("countries?country=") for u in opened), sorted(opened)
    assert any("present=1" in u for u in opened if u.startswith("countries"))
    assert_no_external_requests(page)
