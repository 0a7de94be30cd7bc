"""Every URL the app itself produces opens cleanly: no "Page not found" dialog, no exception.

The URLs are not listed here: they are collected from the anchors of the rendered pages
(the sidebar's page links, the overview's country cards and timeline link, the country
view's own links, ...) starting from "/" and "/overview" (the overview's own path), in
normal and briefing mode, and followed until no new one turns up.

Real Chromium opens one URL of each pattern (its path, in normal or briefing mode): whether
a path is a page ("Page not found") does not depend on the query. The other URLs of a
pattern (the same link for another country, say) open in AppTest, a fresh session on
that page with that query: no exception, no error box, a title, the page runs to its footer,
and its page links (and its address, if the page rewrote the query) are followed like the
browser's anchors (and address bar). Before AppTest stands in for a pattern, it must find
exactly the links Chromium found on that pattern's first URL.

Every URL Chromium opens is also checked with axe-core: no WCAG 2.1 A/AA violation (issue
17; tests/e2e/test_accessibility.py adds the country view and the opened data tables).

Each page of the navigation (a URL without a query) is also resized to the small projector
size, 1280x720, and must still show no exception (this was test_smoke.py's job); and to
320 px wide, where the sidebar closes and nothing but a chart, map, table or tab bar may
reach past the right edge (WCAG 1.4.10, reflow)."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit

from streamlit.testing.v1 import AppTest

from components import vocab
from tests.support import axe
from tests.support.apptest import APP, PAGES, all_elements, assert_polite
from tests.support.browser import (
    DEFAULT_VIEWPORT,
    assert_no_exception,
    assert_no_external_requests,
    wait_for_idle,
)

# The GTI slide with Central Asian states selected links to their country views in briefing.
SEEDS = ("", "overview", "?present=1", "overview?present=1", "gti?countries=TJK,UZB&present=1")
SMALL = {"width": 1280, "height": 720}
# A phone, or a 1280 px screen at 400 % zoom: content reflows into one column (WCAG 1.4.10).
NARROW = {"width": 320, "height": 720}
SIDEBAR_CLOSED_JS = (
    "() => document.querySelector('[data-testid=stSidebar]').getBoundingClientRect().right <= 0"
)
# What reaches past the right edge of a 320 px page, outside what WCAG 1.4.10 lets scroll
# both ways (charts, maps, tables, code) and a tab bar, which scrolls its own tabs.
OVERFLOW_JS = """() => { const w = document.documentElement.clientWidth; const two_d =
  '[data-testid=stVegaLiteChart], [data-testid=stDeckGlJsonChart], table, pre, canvas,' +
  ' [data-testid=stCode], [data-testid=stDataFrame], [role=tablist]';
  return Array.from(document.querySelectorAll('[data-testid=stMain] *'))
    .filter(e => { const r = e.getBoundingClientRect();
                   return r.width > 0 && r.right > w + 1 && !e.closest(two_d); })
    .map(e => (e.getAttribute('data-testid') || e.tagName) + ': ' + e.textContent.slice(0, 40))
    .slice(0, 5); }"""
MAX_URLS = 80  # a guard against a crawl that never ends (e.g. a link that adds a parameter)

# Same-origin anchors only (footnote links leave the app, and '#' anchors such as a heading's
# stay on the page), each with whether it is in the sidebar's page navigation (AppTest has
# no such element).
ANCHORS_JS = """(origin) => Array.from(document.querySelectorAll('a[href]'))
    .filter(a => a.href.startsWith(origin + '/') && !a.getAttribute('href').startsWith('#'))
    .map(a => [a.href, !!a.closest('[data-testid="stSidebarNav"]')])"""


def canonical(url: str) -> str:
    """'path?sorted query' of an app URL, so one page is visited once."""
    parts = urlsplit(url)
    query = urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return parts.path.strip("/") + (f"?{query}" if query else "")


def page_not_found(page) -> bool:
    return page.get_by_text("Page not found").count() > 0


def pattern(url: str) -> tuple[str, bool]:
    """(path, presenting) of a canonical URL: the URLs one browser visit stands for. Whether
    a path is a page does not depend on the query; briefing mode draws another frame."""
    path, _, query = url.partition("?")
    return path, "present" in dict(parse_qsl(query, keep_blank_values=True))


def open_in_browser(page, origin: str, url: str, where: str) -> tuple[set[str], set[str]]:
    """Open ``url`` in Chromium, check it; (links in the page, links in the navigation)."""
    page.goto(f"{origin}/{url}")
    wait_for_idle(page, timeout=60000)
    page.wait_for_timeout(300)  # the dialog comes with the first script run's messages
    assert not page_not_found(page), f"{where}: 'Page not found'"
    assert_no_exception(page)
    assert page.locator("h1").count() >= 1, f"{where}: no page title"
    # WCAG 2.4.2: the tab names the page it shows, then the app (the crawl is in English)
    tab = f"{vocab.PAGE_TITLES[url.partition('?')[0] or 'overview']} · {vocab.APP_TITLE}"
    assert page.title() == tab, f"{where}: tab title {page.title()!r}, not {tab!r}"
    found = axe.violations(page)  # every URL opened here is checked for WCAG 2.1 A/AA
    assert not found, f"{where}: axe WCAG 2.1 A/AA violations:\n{axe.report(found)}"
    anchors = page.evaluate(ANCHORS_JS, origin)
    if "?" not in url:  # a page of the navigation: it redraws for the small screen too
        page.set_viewport_size(SMALL)
        wait_for_idle(page, timeout=60000)
        assert_no_exception(page)
        page.set_viewport_size(NARROW)
        page.reload()  # opened at this size: the sidebar starts closed (a resize closes it anyway)
        wait_for_idle(page, timeout=60000)
        # (initial_sidebar_state="auto"; "expanded" opened it over the whole page)
        page.wait_for_function(SIDEBAR_CLOSED_JS, timeout=30000)  # a loaded CI machine
        wide = page.evaluate(OVERFLOW_JS)
        assert not wide, f"{where}: at 320 px these reach past the right edge: {wide}"
        page.set_viewport_size(DEFAULT_VIEWPORT)
    # The address bar counts as a link: a page that rewrites its query produced that URL.
    links = {canonical(href) for href, in_nav in anchors if not in_nav} | {canonical(page.url)}
    return links, {canonical(href) for href, in_nav in anchors if in_nav}


def open_in_apptest(url: str, where: str) -> set[str]:
    """Open ``url`` in AppTest (a new session on its page, with its query), check that it
    runs politely; the URLs of its page links and of its address after the run."""
    path, _, query = url.partition("?")
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(dict(parse_qsl(query, keep_blank_values=True)))
    at.switch_page(PAGES[path or "overview"])
    at.run()
    assert_polite(at, f"{where} (AppTest)")
    address = canonical(f"/{path}?{urlencode(at.query_params, doseq=True)}")
    return {address} | {
        canonical(f"/{el.proto.page}?{el.proto.query_string}")
        for el in all_elements(at)
        if el.type == "page_link"
    }


def test_every_url_the_app_produces_opens_cleanly(page, app_server):
    origin = app_server.page_url("").rstrip("/")
    todo = [canonical(f"{origin}/{s}") for s in SEEDS]
    seen: dict[str, str] = {}  # canonical URL -> where it was found
    seen.update(dict.fromkeys(todo, "seed"))
    first_of: dict[tuple, tuple[str, set[str] | None]] = {}  # pattern -> (URL, its links)
    in_browser: list[str] = []
    in_apptest: list[str] = []
    while todo:
        url = todo.pop(0)
        where = f"/{url} (found on {seen[url]})"
        key = pattern(url)
        names = [k for k, _ in parse_qsl(url.partition("?")[2], keep_blank_values=True)]
        if key not in first_of or len(set(names)) < len(names):  # repeated names: Chromium
            links, nav = open_in_browser(page, origin, url, where)
            first_of.setdefault(key, (url, links))
            in_browser.append(url)
            links = links | nav
        else:
            first, first_links = first_of[key]
            if first_links is not None:  # AppTest must see what Chromium saw on this pattern
                assert open_in_apptest(first, f"/{first}") == first_links, (
                    f"/{first}: AppTest's page links differ from Chromium's anchors"
                )
                first_of[key] = (first, None)
            links = open_in_apptest(url, where)
            in_apptest.append(url)
        for found in sorted(links):
            if found not in seen:
                seen[found] = f"/{url}"
                todo.append(found)
        assert len(seen) <= MAX_URLS, sorted(seen)

    opened = list(seen)
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
    # Chromium opened one URL of each pattern, AppTest the rest.
    assert sorted(in_browser + in_apptest) == sorted(opened)
    assert {pattern(u) for u in in_browser} == {pattern(u) for u in opened}
    print(f"{len(in_browser)} URLs opened in Chromium, {len(in_apptest)} in AppTest")
    assert_no_external_requests(page)
