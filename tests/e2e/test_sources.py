"""End-to-end: /sources keeps its search and kind filter in the URL (Streamlit's binding)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from tests.support.browser import assert_no_exception, wait_for_idle


def _params(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def test_a_shared_link_opens_filtered_and_typing_updates_the_link(page, app_server):
    page.goto(app_server.page_url("sources?q=ibid&kind=Index+report"))
    wait_for_idle(page)
    assert_no_exception(page)
    assert page.get_by_text("2 of 86 footnotes").is_visible()
    pill = page.locator('.st-key-kind button[data-variant="pills"]', has_text="Index report")
    assert pill.get_attribute("aria-pressed") == "true"
    # WCAG 1.4.1: the chosen pill is bold and outlined, not only tinted (ui.A11Y_CSS)
    weight = "e => getComputedStyle(e.querySelector('p')).fontWeight"
    law = page.locator('.st-key-kind button[data-variant="pills"]', has_text="Law")
    assert (pill.evaluate(weight), law.evaluate(weight)) == ("700", "400")
    assert "inset" in pill.evaluate("e => getComputedStyle(e).boxShadow")

    # unpress the kind, search for something else: the URL follows the widgets
    pill.click()
    wait_for_idle(page)
    box = page.get_by_label("Search citations")
    box.fill("OSCE")
    box.press("Enter")
    wait_for_idle(page)
    assert page.get_by_text("12 of 86 footnotes").is_visible()
    page.wait_for_function("new URL(location.href).searchParams.get('q') === 'OSCE'")
    assert _params(page).get("q") == ["OSCE"] and "kind" not in _params(page)
    assert_no_exception(page)


def test_the_rest_of_the_footnotes_opens_from_the_keyboard_and_focus_stays(page, app_server):
    """The first 20 are drawn at once; the toggle draws the rest. Focus stays on the toggle,
    so Tab goes on into footnote 21 (a button that vanished would drop focus to the top)."""
    page.goto(app_server.page_url("sources"))
    wait_for_idle(page)
    numbers = page.locator('[data-testid="stMarkdownContainer"] p > strong:first-child')
    assert numbers.count() == 20
    page.locator(".st-key-sources_all input").focus()
    page.keyboard.press("Space")
    wait_for_idle(page)
    assert numbers.count() == 86
    assert page.evaluate("() => !!document.activeElement.closest('.st-key-sources_all')")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.closest('p').innerText")
    assert focused.startswith("21 ")
    assert_no_exception(page)
