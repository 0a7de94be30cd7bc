# Two user-facing targets:
#   make run   - set up .venv, install the app, serve it on http://localhost:8501
#   make test  - set up .venv with test extras, ensure Debian Chromium, then
#                ruff + data validation + the full pytest suite (incl. browser tests)
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

.PHONY: run test

run: $(RUN_STAMP)
	exec $(VENV)/bin/streamlit run app.py --server.port 8501

test: $(TEST_STAMP) $(AXE_JS) | $(CHROMIUM)  # a11y: $(AXE_JS)
	$(VENV)/bin/ruff check .
	$(VPY) -m components.data
	$(VENV)/bin/pytest

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
