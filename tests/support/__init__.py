"""Shared test machinery. Test modules import from here, never from each other.

- ``browser``: the app on a real server and Debian Chromium (re-exported from
  ``scripts/browser.py`` and ``scripts/widgets.py``, which bench/ and
  scripts/screenshots.py share), idle detection, network guard, widget actions by key;
- ``apptest``: run a page in AppTest with a query string, the markup-leak detector,
  politeness checks;
- ``injected``: a copy of data/ with an HTML/script payload in every free-text field;
- ``offline_html``: what a standalone HTML document could load from outside itself.
"""
