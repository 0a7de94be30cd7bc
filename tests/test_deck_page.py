"""AppTest for pages/deck.py and the frame's deck controls, driven by widget keys: the deck
in the URL is edited, presented and stepped through; bad links keep their valid part."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components import deck as dk
from components import deck_view as DV
from tests.support.apptest import run_page, warm_server

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
REGIONAL = DV.regional_briefing().encode()


def _open(page: str, query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def _q(at: AppTest, name: str) -> str | None:
    value = at.query_params.get(name)
    return value[-1] if isinstance(value, list) else value


def _rows(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if m.value.startswith("**") and ".**" in m.value]


def test_empty_deck_then_the_regional_briefing() -> None:
    at = _open("pages/deck.py")
    assert any(i.value == DV.LABELS.empty for i in at.info)
    at.button(key="deck_regional").click().run()
    assert _q(at, "deck") == REGIONAL
    assert len(_rows(at)) == len(DV.regional_briefing())
    # The handout is offered once there are slides (built on click: its bytes are a callable).
    assert at.download_button(key="deck_handout").label == DV.LABELS.handout


def test_reorder_remove_and_clear() -> None:
    at = _open("pages/deck.py", {"deck": "overview~map~countries?country=KAZ"})
    at.button(key="deck_down_0").click().run()
    assert _q(at, "deck") == "map~overview~countries?country=KAZ"
    at.button(key="deck_up_2").click().run()
    assert _q(at, "deck") == "map~countries?country=KAZ~overview"
    at.button(key="deck_remove_0").click().run()
    assert _q(at, "deck") == "countries?country=KAZ~overview"
    assert at.button(key="deck_up_0").disabled and at.button(key="deck_down_1").disabled
    at.button(key="deck_clear").click().run()
    assert _q(at, "deck") is None and any(i.value == DV.LABELS.empty for i in at.info)


def test_present_opens_the_player_at_the_first_slide() -> None:
    """The Present button (read by its return value: see warm_server) starts the deck's
    player at its first slide, whichever slide the link named."""
    with warm_server():
        at = _open("pages/deck.py", {"deck": REGIONAL, "slide": "3"})
        at.button(key="deck_present").click().run()
    assert (_q(at, "present"), _q(at, "slide"), _q(at, "deck")) == ("1", "1", REGIONAL)
    assert at.markdown[0].value == f"**1 / {len(DV.regional_briefing())}**"


def test_bad_deck_opens_its_valid_part_with_a_notice() -> None:
    raw = "overview~nowhere~countries?country=KAZ&evil=1~" + "~".join(["map"] * 200)
    at = _open("pages/deck.py", {"deck": raw})
    assert not at.exception
    assert len(_rows(at)) == dk.MAX_SLIDES - 1  # 40 entries read, one not a page
    notices = " ".join(i.value for i in at.info)
    assert "nowhere" in notices and "evil" in notices and "only the first" in notices


def test_a_slide_whose_link_its_page_will_not_follow_says_so_in_its_row() -> None:
    at = _open("pages/deck.py", {"deck": "countries?country=ZZZ~countries?country=KAZ"})
    warnings = [c.value for c in at.caption if "not one of the five" in c.value]
    assert len(warnings) == 1 and "ZZZ" in warnings[0]


def test_a_slide_out_of_range_is_told_once() -> None:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params.update({"present": "1", "deck": REGIONAL, "slide": "99"})
    at.run()
    n = len(DV.regional_briefing())
    told = f"The link asks for slide “99”, but this deck has {n} slides; showing slide {n}\\."
    assert ([t.value for t in at.toast], _q(at, "slide")) == ([told], str(n))
    assert not at.run().toast  # the URL now names the slide shown


@pytest.mark.parametrize(
    ("page", "query", "added"),
    [
        # the framing on screen, not the region map
        ("pages/map.py", {"map_view": "Afghan border close-up"}, "map?part=border"),
        # the open table's two charts, not Table 1
        ("pages/gti.py", {"table": "2"}, "gti?part=regions~gti?part=region_changes"),
        # every slide the filtered timeline needs (14 initiatives: two slides), filter kept
        ("pages/timeline.py", {"partner": "un"}, "timeline?part=1&partner=un~timeline?part=2&partner=un"),
        # a slide's own page adds that slide only
        ("pages/gti.py", {"table": "2", "part": "region_changes", "present": "1"}, "gti?part=region_changes"),
    ],
)  # fmt: skip
def test_add_to_deck_adds_the_slides_of_the_view_on_screen(page, query, added) -> None:
    at = run_page(page.removeprefix("pages/").removesuffix(".py"), query)  # the URL on page
    at.button(key="deck_add").click().run()
    assert _q(at, "deck") == added


@pytest.mark.parametrize(
    ("page", "query", "part"),
    [
        ("pages/gti.py", {"table": "3"}, "programme"),
        ("pages/map.py", {"map_view": "Afghan border close-up"}, "border"),
        ("pages/map.py", {}, "region"),
    ],
)
def test_briefing_mode_opens_on_the_slide_of_the_view_on_screen(page, query, part) -> None:
    assert _q(_open(page, query | {"present": "1"}), "part") == part


def test_leaving_briefing_mode_drops_the_slides_part() -> None:
    """A slide's ``part`` names nothing on the page: kept, "Add to deck" would add that
    slide instead of the view on screen."""
    at = _open("pages/gti.py", {"table": "2", "present": "1"})
    assert _q(at, "part") == "regions"
    at.button(key="present_exit").click().run()
    assert (_q(at, "present"), _q(at, "part")) == (None, None)
    at.button(key="deck_add").click().run()
    assert _q(at, "deck") == "gti?part=regions~gti?part=region_changes"


def test_a_one_slide_page_drops_a_part_it_has_not() -> None:
    at = _open("pages/countries.py", {"country": "KAZ", "present": "1", "part": "9"})
    assert _q(at, "part") is None


def test_add_to_deck_records_the_page_and_its_state() -> None:
    at = _open("pages/countries.py", {"country": "TJK", "deck": "overview"})
    at.button(key="deck_add").click().run()
    assert _q(at, "deck") == "overview~countries?country=TJK"


def test_presenting_controls_and_slide_clamped() -> None:
    at = _open(
        "pages/countries.py", {"country": "KAZ", "present": "1", "deck": REGIONAL, "slide": "99"}
    )
    n = len(DV.regional_briefing())
    assert _q(at, "slide") == str(n)  # out of range: the last slide
    assert at.markdown[0].value == f"**{n} / {n}**"
    # Next/Previous switch pages (st.switch_page), which AppTest does not follow: the
    # keyboard and the URL are checked in Chromium (tests/e2e/test_briefing.py).
    assert {b.key for b in at.button} >= {
        "deck_prev",
        "deck_next",
        "deck_pageup",
        "deck_pagedown",
        "deck_home",
        "deck_end",
        "present_exit",
    }


def test_auto_advance_pause_and_bad_interval() -> None:
    at = _open(
        "pages/countries.py", {"country": "KAZ", "present": "1", "deck": REGIONAL, "advance": "30"}
    )
    at.button(key="deck_pause").click().run()
    assert _q(at, "paused") == "1" and at.button(key="deck_pause").label == "Resume"
    at.button(key="deck_pause").click().run()
    assert _q(at, "paused") is None
    bad = _open(
        "pages/countries.py", {"country": "KAZ", "present": "1", "deck": REGIONAL, "advance": "2"}
    )
    assert "deck_pause" not in {b.key for b in bad.button}
    assert not bad.exception


def test_deck_page_in_russian_has_no_english_interface_text():
    from tests.support import russian
    from tests.support.apptest import assert_polite, run_page

    deck = "overview~map?part=border~countries?country=KAZ~gti?part=scores"
    at = run_page("deck", {"lang": "ru", "deck": deck + "~nowhere"})
    assert_polite(at, "/deck?lang=ru")
    texts = russian.element_texts(at)
    assert russian.english_leaks(texts) == []
    assert "4 слайда" in texts and any("Казахстан" in t for t in texts)
    assert any("nowhere" in t and "пропущен" in t for t in texts)  # the notice, in Russian


def _slide_title(at: AppTest) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("## "))


def test_the_deck_page_presents_the_deck_in_place() -> None:
    """Presenting on the deck page: a key moves the player, which draws the slide the deck
    names (its page's own slide); the URL follows and the page never switches. (From a
    slide's own page, the first move switches to the player: st.switch_page, which AppTest
    does not follow, so tests/e2e/test_briefing.py checks it in Chromium.)"""
    from components import deck_slides

    deck = DV.regional_briefing()
    at = _open("pages/deck.py", {"present": "1", "deck": REGIONAL, "slide": "2"})
    n = len(deck)

    def shows(i: int) -> None:  # 1-based
        assert _q(at, "slide") == str(i) and _q(at, "deck") == REGIONAL
        assert at.markdown[0].value == f"**{i} / {n}**"
        assert _slide_title(at) == "## " + deck_slides.slide_of(deck.slides[i - 1]).title
        assert not at.exception and "deck_regional" not in {b.key for b in at.button}  # no editor

    shows(2)
    for key, expected in [
        ("deck_next", 3),
        ("deck_pagedown", 4),
        ("deck_pageup", 3),
        ("deck_end", n),
        ("deck_pagedown", n),  # the last slide stays
        ("deck_home", 1),
        ("deck_prev", 1),  # so does the first
    ]:
        at.button(key=key).click().run()
        shows(expected)


def test_the_player_advances_a_slide_that_is_due_and_not_when_paused() -> None:
    """Auto-advance in the player: a slide shown for its interval moves on at the player's
    next run (its clock set back instead of waiting), after the last slide to the first;
    paused, it stays."""
    n = len(DV.regional_briefing())
    query = {"present": "1", "deck": REGIONAL, "advance": "30", "slide": str(n)}
    at = _open("pages/deck.py", query)
    assert _q(at, "slide") == str(n)
    at.session_state["_slide_shown_at"] = {(REGIONAL, n - 1): 0.0}  # shown long ago
    at.run()
    assert _q(at, "slide") == "1" and at.markdown[0].value == f"**1 / {n}**"
    at.button(key="deck_pause").click().run()
    at.session_state["_slide_shown_at"] = {(REGIONAL, 0): 0.0}
    at.run()
    assert _q(at, "paused") == "1" and _q(at, "slide") == "1"


@pytest.mark.parametrize(
    ("key", "slide", "heading"),
    [
        ("deck_next", "3", "## Afghan border close"),  # slide 2 (the region's map) -> 3
        ("deck_prev", "1", "## Countering terrorism and extremism"),  # -> 1, the overview
    ],
)
def test_a_slides_own_page_steps_to_its_neighbour(key, slide, heading) -> None:
    """Outside the player, Next and Previous (read by their return value: see warm_server)
    open the neighbouring slide, with the deck and the slide in the URL."""
    with warm_server():
        at = _open("pages/map.py", {"present": "1", "deck": REGIONAL, "slide": "2"})
        assert at.markdown[0].value == f"**2 / {len(DV.regional_briefing())}**"
        at.button(key=key).click().run()
    assert not at.exception
    assert (_q(at, "slide"), _q(at, "deck"), _q(at, "present")) == (slide, REGIONAL, "1")
    assert at.markdown[0].value == f"**{slide} / {len(DV.regional_briefing())}**"
    assert at.markdown[1].value.startswith(heading)
