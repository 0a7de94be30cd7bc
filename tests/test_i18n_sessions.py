"""The language is per session (issue 19): two sessions in different languages at the same
time do not leak into each other, the sidebar switch changes the page, and the language is
kept across page switches and in page links.

Streamlit runs every session in one process, so a language kept in a module global would
show one viewer's language to another; the two-session test fails if it were.
"""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from components import overview_view as ov
from components import sources_view as sv
from tests.support.apptest import APP, OWN_SCRIPTS, PAGES

RU_TITLE = "Противодействие терроризму и экстремизму в Центральной Азии"
RU_SOURCES = "Источники: сноски статьи"


def _open(lang: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["lang"] = lang
    return at


def _title(at: AppTest) -> str:
    assert not at.exception, [e.value for e in at.exception]
    return at.title[0].value


def test_two_sessions_in_two_languages_at_once_do_not_leak():
    """Two sessions open at once, their runs interleaved step by step: each opens with its
    ?lang, then changes page with no ?lang in the URL (as a page link that dropped it
    would), so each must read its language from its own session. A module-global language
    would be the last one written (English, by the second session), and the Russian
    session would come out in English.

    The runs alternate rather than overlap: AppTest is not thread-safe (two runs in two
    threads raced in its widget registry, a KeyError on a widget id, about one run in five).
    """
    sessions = {"ru": _open("ru"), "en": _open("en")}
    seen: dict[str, list[str]] = {"ru": [], "en": []}
    for lang, at in sessions.items():
        at.run()
        seen[lang].append(_title(at))
    for page in ("sources", "overview"):
        for lang, at in sessions.items():
            at.query_params.clear()
            at.switch_page(PAGES[page]).run()
            seen[lang].append(_title(at))
    assert seen["ru"] == [RU_TITLE, RU_SOURCES, RU_TITLE]
    assert seen["en"] == [ov.TITLE, sv.TITLE, ov.TITLE]


def test_the_sidebar_switch_turns_the_page_russian_and_page_links_keep_it():
    at = AppTest.from_file(APP, default_timeout=120).run()
    assert _title(at) == ov.TITLE
    at.segmented_control(key="lang_switch").set_value("ru").run()
    assert _title(at) == RU_TITLE
    assert at.query_params.get("lang") in ("ru", ["ru"])
    # every page link carries the language (ui.with_present), the card links included
    links = [p.proto for p in at.get("page_link")]
    assert links and all("lang=ru" in p.query_string for p in links)
    assert "lang=ru&country=UZB" in {p.query_string for p in links} | {
        "&".join(sorted(p.query_string.split("&"), reverse=True)) for p in links
    }
    # moving to another page keeps it, though the switch drops the query string
    at.query_params.clear()
    at.switch_page(PAGES["sources"]).run()
    assert _title(at) == RU_SOURCES
    assert at.segmented_control(key="lang_switch").value == "ru"
    # and back to English, though the rerun carries the ?lang=ru the URL holds
    at.query_params["lang"] = "ru"
    at.segmented_control(key="lang_switch").set_value("en").run()
    assert _title(at) == sv.TITLE
    assert "lang" not in at.query_params


def test_the_briefing_button_switches_the_language():
    at = _open("ru")
    at.query_params["present"] = "1"
    at.run()
    button = at.button(key="lang_briefing")
    assert button.label == "English"
    assert at.button(key="present_exit").label == "Выйти"
    button.click().run()  # the rerun carries ?lang=ru: the button still wins
    assert not at.exception
    assert at.button(key="lang_briefing").label == "Русский"
    assert at.button(key="present_exit").label == "Exit briefing"


def test_an_unknown_language_is_told_once():
    at = _open("de").run()
    assert _title(at) != RU_TITLE
    said = (
        "The link asks for language “de”; the dashboard speaks English \\(en\\) and Russian "
        "\\(ru\\), so it shows English\\."
    )
    assert [t.value for t in at.toast] == [said]
    assert "lang" not in at.query_params and not at.run().toast


def _doc_lang_scripts(at: AppTest) -> list[str]:
    """The document-language scripts the run sent (ui.language_switch), as their language."""
    return [
        OWN_SCRIPTS[el.proto.body] for el in at.sidebar.get("html") if el.proto.body in OWN_SCRIPTS
    ]


def test_the_document_language_script_is_sent_only_where_the_document_may_differ():
    """<html lang> (WCAG 3.1.1): an English session sends no script (the document starts
    as "en"); a Russian one sends "ru" on every run; leaving Russian sends "en" once."""
    at = AppTest.from_file(APP, default_timeout=120).run()
    assert _doc_lang_scripts(at) == []
    at.segmented_control(key="lang_switch").set_value("ru").run()
    assert _doc_lang_scripts(at) == ["ru"]
    at.run()
    assert _doc_lang_scripts(at) == ["ru"]
    at.segmented_control(key="lang_switch").set_value("en").run()
    assert _doc_lang_scripts(at) == ["en"]
    at.run()
    assert _doc_lang_scripts(at) == []
