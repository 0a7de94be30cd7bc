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

.PHONY: run test

run: $(RUN_STAMP)
	exec $(VENV)/bin/streamlit run app.py --server.port 8501

test: $(TEST_STAMP) | $(CHROMIUM)
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
