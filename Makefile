# saferboard: `make run` to try it, `make test` to test it. See README.md.
#
# Set-up is incremental: the virtual environment is reinstalled only when
# pyproject.toml or constraints.txt change, node_modules only when package.json
# or package-lock.json change, and the front-end assets only when node_modules
# or the stylesheet sources change. Stamp files record what has been done.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:
MAKEFLAGS += --no-builtin-rules

# Override on the command line: make run PORT=8765 HOST=127.0.0.1
# (plain `=` so a stray PORT or HOST in the environment does not change them).
PORT = 8000
HOST = 127.0.0.1
# Extra arguments for pytest: make test PYTEST_ARGS='-x -k quorum'
PYTEST_ARGS ?=

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SAFERBOARD := $(BIN)/saferboard
CHROMIUM := /usr/bin/chromium
# WeasyPrint (agenda packs, minutes) needs Pango and a font with Arial's metrics.
PANGO := /usr/lib/*/libpangoft2-1.0.so.0
LIBERATION_SANS := /usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf

VENV_STAMP := $(VENV)/.saferboard-installed
NPM_STAMP := node_modules/.saferboard-npm-ci
ASSETS_DIR := var/assets
ASSETS_STAMP := $(ASSETS_DIR)/.saferboard-assets
SCSS := $(wildcard src/saferboard/*/assets/*.scss)

# What the test targets need in the environment. Playwright's sync API runs an
# event loop in the test thread, so Django's ORM must be allowed there.
TEST_ENV := DJANGO_ALLOW_ASYNC_UNSAFE=true

export PIP_DISABLE_PIP_VERSION_CHECK := 1
export DEBIAN_FRONTEND := noninteractive

.PHONY: help setup venv pdf-libs assets migrate run test test-postgres e2e browser lint bench clean distclean

help:
	@echo "make run            set up, load the demo, print the demo logins, serve on http://$(HOST):$(PORT)"
	@echo "make test           set up and run the whole test suite (SQLite, browser tests included)"
	@echo "make test-postgres  the whole suite against a throwaway PostgreSQL cluster"
	@echo "make e2e            only the browser (end-to-end) tests"
	@echo "make lint           ruff check"
	@echo "make bench          benchmarks (print ratios against a baseline)"
	@echo "make setup          virtual environment, PDF libraries, front-end assets, database migrations"
	@echo "make clean          remove built assets, stamps and caches (keeps .venv, node_modules, the database)"
	@echo "make distclean      also remove .venv, node_modules and var/ (the database too)"
	@echo "Variables: PORT=$(PORT) HOST=$(HOST) PYTEST_ARGS=..."

# --- set-up -----------------------------------------------------------------

setup: venv pdf-libs assets migrate

venv: $(VENV_STAMP)

$(BIN)/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed, found " + sys.version.split()[0]'
	@$(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || scripts/apt-install python3-venv
	$(PYTHON) -m venv $(VENV)

$(VENV_STAMP): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet 'pip==26.3'
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	@touch $@

$(NPM_STAMP): package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || scripts/apt-install nodejs npm
	npm ci --no-audit --no-fund
	@touch $@

# PDFs are laid out by WeasyPrint; install Pango and the font when missing and we are root.
pdf-libs:
	@if ! compgen -G '$(PANGO)' >/dev/null; then \
		echo "Pango is needed to lay out agenda packs and minutes (WeasyPrint)." >&2; \
		scripts/apt-install libpango-1.0-0 libpangoft2-1.0-0; \
	fi
	@if [ ! -e $(LIBERATION_SANS) ]; then \
		echo "Liberation Sans (Arial's metrics) is needed for agenda packs and minutes." >&2; \
		scripts/apt-install fonts-liberation; \
	fi

assets: $(ASSETS_STAMP)

$(ASSETS_STAMP): $(NPM_STAMP) $(SCSS)
	@mkdir -p $(ASSETS_DIR)
	npm run --silent build
	rm -rf $(ASSETS_DIR)/govuk $(ASSETS_DIR)/htmx $(ASSETS_DIR)/axe
	mkdir -p $(ASSETS_DIR)/govuk $(ASSETS_DIR)/htmx $(ASSETS_DIR)/axe
	cp -R node_modules/govuk-frontend/dist/govuk/assets $(ASSETS_DIR)/govuk/assets
	cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js $(ASSETS_DIR)/govuk/govuk-frontend.min.js
	cp node_modules/htmx.org/dist/htmx.min.js $(ASSETS_DIR)/htmx/htmx.min.js
	cp node_modules/axe-core/axe.min.js $(ASSETS_DIR)/axe/axe.min.js
	@touch $@

# Always run: cheap when there is nothing to do, and never stale.
migrate: venv
	$(SAFERBOARD) migrate --noinput

# --- run ----------------------------------------------------------------------

run: setup
	$(SAFERBOARD) demo
	$(SAFERBOARD) serve --host $(HOST) --port $(PORT)

# --- tests ----------------------------------------------------------------------

# Browser tests drive Debian's Chromium; install it when missing and we are root.
browser:
	@if [ ! -x $(CHROMIUM) ]; then \
		echo "Chromium ($(CHROMIUM)) is needed for the browser tests." >&2; \
		scripts/apt-install chromium; \
	fi
	@[ -x $(CHROMIUM) ] || { echo "error: $(CHROMIUM) is still missing after installing chromium" >&2; exit 1; }

test: setup browser
	$(TEST_ENV) $(BIN)/pytest $(PYTEST_ARGS)

test-postgres: setup browser
	$(TEST_ENV) scripts/with-postgres $(BIN)/pytest $(PYTEST_ARGS)

e2e: setup browser
	$(TEST_ENV) $(BIN)/pytest -m e2e $(PYTEST_ARGS)

# --- checks and benchmarks -----------------------------------------------------

lint: venv
	$(BIN)/ruff check src tests bench

bench: setup
	@if [ -f bench/run.py ]; then \
		$(BIN)/python bench/run.py; \
	elif [ -f bench/__main__.py ]; then \
		$(BIN)/python -m bench; \
	else \
		echo "error: no benchmarks yet (bench/run.py does not exist)" >&2; exit 1; \
	fi

# --- cleaning -------------------------------------------------------------------

clean:
	rm -rf $(ASSETS_DIR) $(NPM_STAMP) $(VENV_STAMP) var/static test-results \
		.pytest_cache .ruff_cache .hypothesis src/*.egg-info
	find src tests bench -name __pycache__ -type d -prune -exec rm -rf {} + 2>/dev/null || true

distclean: clean
	rm -rf $(VENV) node_modules var
