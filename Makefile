# User-facing targets:
#   make run         - set up .venv, install the app, serve it on http://localhost:8501
#   make test        - set up .venv with test extras, ensure Debian Chromium, then
#                      ruff (lint + format check) + data validation + the pytest suite:
#                      unit and AppTest tests in parallel (pytest-xdist), then the
#                      browser tests; each phase prints its 15 slowest tests
#   make screenshots - every page at 1920x1080 and 1280x720 into artifacts/screenshots/
# Everything else below is internal plumbing (file targets). Works without stdin (CI).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := run
MAKEFLAGS += --no-print-directory

PYTHON ?= python3
VENV := .venv
VPY := $(VENV)/bin/python
RUN_STAMP := $(VENV)/.install-run.stamp
TEST_STAMP := $(VENV)/.install-test.stamp
CHROMIUM := /usr/bin/chromium
PIP_QUIET := --quiet --disable-pip-version-check --no-input

# Use sudo (non-interactive) only when not root and sudo exists.
SUDO := $(shell if [ "$$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1; then echo "sudo -n"; fi)
APT_ENV := DEBIAN_FRONTEND=noninteractive
APT_GET := $(SUDO) env $(APT_ENV) apt-get -y -q -o Dpkg::Use-Pty=0

# --- BEGIN a11y (issue 17): axe-core for tests/e2e/test_accessibility.py -------
# Pinned in tests/axe/package-lock.json; installed once, nothing fetched at test time.
AXE_JS := tests/axe/node_modules/axe-core/axe.min.js
$(AXE_JS): tests/axe/package.json tests/axe/package-lock.json
	@echo ">> installing axe-core (npm ci in tests/axe)"
	@cd tests/axe && npm ci --no-audit --no-fund --silent
	@touch $@
# --- END a11y ------------------------------------------------------------------

.PHONY: run test screenshots

run: $(RUN_STAMP)
	exec $(VENV)/bin/streamlit run app.py --server.port 8501

# pytest exits 5 when it collects no test: under `-e` that fails the target, so a phase
# that silently selects nothing can never pass. Browser tests fail (not skip) without
# Chromium when CI is set (.ci/run sets it).
E2E_WORKERS ?= -n 3 --dist loadscope --no-loadscope-reorder
PYTEST_FAST := -n auto --dist loadfile --durations=15 --ignore=tests/e2e tests
PYTEST_E2E := $(E2E_WORKERS) --durations=15 tests/e2e

test: $(TEST_STAMP) $(AXE_JS) | $(CHROMIUM)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VPY) -m components.data
	$(VENV)/bin/pytest $(PYTEST_FAST)
	$(VENV)/bin/pytest $(PYTEST_E2E)

screenshots: $(TEST_STAMP) | $(CHROMIUM)
	$(VPY) -m scripts.screenshots

# --- internal: virtualenv --------------------------------------------------
$(VPY):
	@echo ">> creating $(VENV)"
	@if ! $(PYTHON) -m venv $(VENV) >/dev/null 2>&1; then \
	  rm -rf $(VENV); \
	  if ! command -v apt-get >/dev/null 2>&1; then \
	    echo "error: '$(PYTHON) -m venv' failed and apt-get is unavailable" >&2; exit 1; \
	  fi; \
	  echo ">> '$(PYTHON) -m venv' failed; installing python3-venv with apt-get"; \
	  $(APT_GET) update -qq; \
	  $(APT_GET) install python3-venv; \
	  $(PYTHON) -m venv $(VENV); \
	fi
	@$(VPY) -m pip install $(PIP_QUIET) --upgrade pip

# Reinstall only when pyproject.toml is newer than the stamp.
$(RUN_STAMP): pyproject.toml | $(VPY)
	@echo ">> installing project into $(VENV)"
	@$(VPY) -m pip install $(PIP_QUIET) -e .
	@touch $@

$(TEST_STAMP): pyproject.toml | $(VPY)
	@echo ">> installing project with test extras into $(VENV)"
	@$(VPY) -m pip install $(PIP_QUIET) -e '.[test]'
	@touch $@

# --- internal: Debian Chromium for Playwright (never downloads a browser) ---
$(CHROMIUM):
	@echo ">> $(CHROMIUM) missing; installing Debian's chromium with apt-get"
	@command -v apt-get >/dev/null 2>&1 || { echo "error: apt-get unavailable; install Chromium at $(CHROMIUM)" >&2; exit 1; }
	@$(APT_GET) update -qq
	@$(APT_GET) install chromium
	@test -x $(CHROMIUM)

# --- internal: local fonts with Cyrillic for the printed handout and vl-convert PNGs ----
# (Chromium only recommends them; the handout's PDF test checks an embedded DejaVu font.)
DEJAVU := /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
test screenshots: | $(DEJAVU)
$(DEJAVU):
	@echo ">> installing Debian's fonts-dejavu-core with apt-get"
	@$(APT_GET) update -qq
	@$(APT_GET) install fonts-dejavu-core
	@test -f $(DEJAVU)

# === deploy (issue 18): `make cluster`, Debian's haproxy =====================
# Kept in one block so it merges apart from the `test` recipe. `test: | $(HAPROXY)`
# below only adds a prerequisite; the `test` recipe itself is defined above.
#   make cluster REPLICAS=2 PORT=8600  - N replicas on 127.0.0.1:PORT+1.. behind HAProxy on
#                                        http://127.0.0.1:PORT (deploy/haproxy.cfg, the same
#                                        file compose uses); foreground, Ctrl-C stops all
HAPROXY := /usr/sbin/haproxy
REPLICAS ?= 2
PORT ?= 8600

.PHONY: cluster

cluster: $(RUN_STAMP) | $(HAPROXY)
	exec $(VPY) deploy/cluster.py --replicas $(REPLICAS) --port $(PORT)

# The cluster tests (tests/e2e/test_cluster.py) and the haproxy -c lint need it.
test: | $(HAPROXY)

$(HAPROXY):
	@echo ">> $(HAPROXY) missing; installing Debian's haproxy with apt-get"
	@command -v apt-get >/dev/null 2>&1 || { echo "error: apt-get unavailable; install HAProxy at $(HAPROXY)" >&2; exit 1; }
	@$(APT_GET) update -qq
	@$(APT_GET) install haproxy
	@test -x $(HAPROXY)
# === end deploy ==============================================================

# === interface translations (issue 19): Babel's gettext tools ==================
#   make i18n-extract - collect every marked string (tr._, tr.n_, N_) into locale/messages.pot
#   make i18n-update  - merge the template into each language's messages.po (new strings
#                       appear untranslated; removed ones are dropped: --ignore-obsolete)
#   Both wrap at 100 columns, as the committed catalogue is, so an update rewraps nothing;
#   the update also drops the blank line Babel writes at the end of each .po file.
#   make i18n-compile - compile each messages.po into messages.mo and print how much is
#                       translated. The app compiles the .po in memory, so the .mo files
#                       are a check, not a build step (and are not committed).
PYBABEL := $(VENV)/bin/pybabel
I18N_WIDTH := 100
.PHONY: i18n-extract i18n-update i18n-compile

i18n-extract: | $(VPY)
	$(PYBABEL) extract -F babel.cfg -k n_:1,2 -k N_ --no-location --sort-output \
	  -w $(I18N_WIDTH) --project ca-ct-dashboard --copyright-holder "dashboard team" \
	  -o locale/messages.pot .

i18n-update: i18n-extract
	$(PYBABEL) update -i locale/messages.pot -d locale --no-fuzzy-matching --ignore-obsolete \
	  -w $(I18N_WIDTH)
	sed -i -e '$${/^$$/d}' locale/*/LC_MESSAGES/messages.po

i18n-compile: | $(VPY)
	$(PYBABEL) compile --statistics -d locale
