"""End-to-end (issue 19): two browsers in two languages on one server. (The briefing
controls' placement in both languages is measured on every slide by test_slides.py.)"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.support.browser import assert_no_exception, new_guarded_page, wait_for_idle

SCRIPT_BOX_DISPLAY = """() => getComputedStyle(document.querySelector(
    '[data-testid=stSidebar] [data-testid=stHtml] > script').closest(
    '[data-testid=stElementContainer]')).display"""


def test_two_browsers_in_two_languages_at_the_same_time_and_back(app_server, browser):
    """Two sessions whose scripts run at the same moment on one server (Streamlit runs each
    session's script in its own thread): each opens the country views in its language, and
    both then step to the sources page by a sidebar link that carries no ?lang. A language
    kept in a module global would show one viewer the other's."""
    pages = {lang: new_guarded_page(browser) for lang in ("ru", "en")}

    def doc_langs() -> dict[str, str]:  # <html lang>: WCAG 3.1.1, the language of the page
        return {
            lang: page.evaluate("document.documentElement.lang") for lang, page in pages.items()
        }

    try:
        for lang, page in pages.items():  # both requests go out before either is waited on
            page.goto(app_server.page_url(f"countries?lang={lang}"), wait_until="commit")
        for page in pages.values():
            wait_for_idle(page, timeout=60000)
        heads = {lang: page.locator("h1").first.inner_text() for lang, page in pages.items()}
        assert heads == {"ru": "Страны", "en": "Country views"}
        assert doc_langs() == {"ru": "ru", "en": "en"}
        # its element takes no room (no flex gap) in the sidebar
        display = pages["ru"].evaluate(SCRIPT_BOX_DISPLAY)
        assert display == "none", display
        expect(pages["ru"]).to_have_title(re.compile(r"^Страны · Центральная Азия"))  # the tab
        for page in pages.values():  # the sidebar's sources link, clicked in both at once
            page.locator('[data-testid="stSidebarNav"] a[href$="/sources"]').click()
        for page in pages.values():
            wait_for_idle(page, timeout=60000)
            assert_no_exception(page)
        heads = {lang: page.locator("h1").first.inner_text() for lang, page in pages.items()}
        assert heads["ru"].startswith("Источники") and heads["en"].startswith("Sources")
        assert "lang=ru" in pages["ru"].url and "lang=" not in pages["en"].url
        assert doc_langs() == {"ru": "ru", "en": "en"}
        # and the Russian one switches back to English by the sidebar switch, though the
        # rerun it triggers still carries the ?lang=ru of its address
        page = pages["ru"]
        page.locator(".st-key-lang_switch button", has_text="English").click()
        wait_for_idle(page, timeout=60000)
        assert page.locator("h1").first.inner_text().startswith("Sources")
        assert "lang=" not in page.url
        assert doc_langs()["ru"] == "en"  # the page that was Russian
    finally:
        for page in pages.values():
            page.context.close()


def test_a_chosen_option_is_relabelled_when_the_language_changes(app_server, browser):
    """A multiselect's chips are drawn by the browser from the labels it was sent: after a
    switch to Russian the chosen partner and country must read in Russian too."""
    page = new_guarded_page(browser)
    try:
        page.goto(app_server.page_url("timeline?partner=osce&country=KGZ"))
        wait_for_idle(page, timeout=60000)

        def chosen() -> list[str]:  # each box's last line: its one chip
            boxes = page.locator(".st-key-timeline_partner, .st-key-timeline_country")
            return [text.split("\n")[-1] for text in boxes.all_inner_texts()]

        assert chosen() == ["OSCE", "Kyrgyzstan"]
        page.locator(".st-key-lang_switch button", has_text="Русский").click()
        wait_for_idle(page, timeout=60000)
        assert chosen() == ["ОБСЕ", "Кыргызстан"]
        assert_no_exception(page)
    finally:
        page.context.close()
