"""The browser widget driver (scripts/widgets.py) that the benchmarks and browser tests
share: its retry when a rerun shuts an open option list, with fakes for Playwright."""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from scripts import widgets


class _Option:
    def __init__(self, options, i):
        self.options, self.i = options, i

    def click(self, timeout=None):
        self.options.clicks.append((self.i, timeout))
        if self.options.shut_first and len(self.options.clicks) <= self.options.shut_first:
            raise PlaywrightTimeout("element was detached from the DOM")


class _Options:
    def __init__(self, shut_first):
        self.shut_first, self.clicks = shut_first, []

    def count(self):
        return 5

    def evaluate_all(self, js):
        return [0, 1, 2, 3]  # the fifth is past the list's edge

    def nth(self, i):
        return _Option(self, i)


class _Page:
    def __init__(self):
        self.picked = {}

    def evaluate(self, js, arg):
        if isinstance(arg, list):  # remember the pick
            self.picked[arg[0]] = arg[1]
            return None
        return self.picked.get(arg, 0)


@pytest.mark.parametrize(
    ("shut_first", "pick", "clicked"),
    [
        (0, None, [1]),  # a selectbox: the option after the last pick
        (0, -1, [3]),  # a multiselect: the last option in view
        (1, None, [1, 1]),  # the list shut under the first click: opened again, same option
        (2, -1, [3, 3, 3]),
    ],
)
def test_a_pick_reopens_a_list_that_a_rerun_shut(monkeypatch, shut_first, pick, clicked):
    options, opened = _Options(shut_first), []
    monkeypatch.setattr(widgets, "open_options", lambda page, key: opened.append(key) or options)
    page = _Page()
    widgets._open_and_pick(page, "k", pick)
    assert [i for i, _ in options.clicks] == clicked and len(opened) == len(clicked)
    assert all(t == widgets.PICK_TIMEOUT_MS for _, t in options.clicks)  # not 30 s each
    assert page.picked == {"k": clicked[-1]}  # the cycle moves on once, after the pick


def test_a_list_that_stays_shut_fails_after_the_last_attempt(monkeypatch):
    options = _Options(shut_first=widgets.PICK_ATTEMPTS)
    monkeypatch.setattr(widgets, "open_options", lambda page, key: options)
    page = _Page()
    with pytest.raises(PlaywrightTimeout):
        widgets._open_and_pick(page, "k", None)
    assert len(options.clicks) == widgets.PICK_ATTEMPTS and page.picked == {}
