# Steg: `make run` serves the app with demo data, `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
WORKERS ?= 2
PG_TEST_URL ?= postgresql://postgres@127.0.0.1:5432/test
OIDC_DIR := tests/oidc
export FLASK_APP := wsgi

.PHONY: run test test-setup test-fast test-js test-postgres lint format translations extract-messages chromium oidc-provider bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

translations: $(VENV)/.runtime
	@$(BIN)/pybabel compile -d app/translations 2>&1 | grep -v '^compiling' || true

## run: set up, upgrade the database, seed demo data once, serve on 127.0.0.1:$(PORT)
## (with the notification worker beside gunicorn when Redis answers, else jobs run inline)
run: $(VENV)/.runtime translations
	STEG_ENV=development $(BIN)/flask db upgrade
	STEG_ENV=development $(BIN)/flask seed-demo --first-time
	STEG_ENV=development $(BIN)/flask vapid-keys --dev
	BIN=$(BIN) PORT=$(PORT) WORKERS=$(WORKERS) exec scripts/serve-dev.sh

## test-setup: what the tests need (venv, catalogs, Chromium, the OpenID provider), nothing run
test-setup: $(VENV)/.dev translations chromium oidc-provider

## test: lint, the tablet's JS unit tests (node), then the whole suite (unit, API, browser) on SQLite
test: test-setup lint test-js
	$(BIN)/pytest

## test-fast: the inner loop: lint, the JS unit tests and every test but the browser
## ones (pytest -m "not e2e": tests/e2e and any test that drives Chromium)
test-fast: $(VENV)/.dev translations oidc-provider lint test-js
	$(BIN)/pytest -m "not e2e"

test-js:
	node --test tests/js/

## test-postgres: the same suite against PostgreSQL (a fresh database per run)
test-postgres: test-setup
	TEST_DATABASE_URL=$(PG_TEST_URL) $(BIN)/pytest

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## chromium: the system Chromium for browser tests (installed with apt where missing)
chromium:
	@bash scripts/ensure-chromium.sh

## oidc-provider: the real OpenID provider the sign-in tests start (tests/oidc/),
## installed from the npm registry as pinned in its package-lock.json; once
## installed, nothing is fetched again until the lock file changes.
oidc-provider: $(OIDC_DIR)/node_modules/.installed

$(OIDC_DIR)/node_modules/.installed: $(OIDC_DIR)/package.json $(OIDC_DIR)/package-lock.json
	cd $(OIDC_DIR) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

## extract-messages: refresh the catalogs after changing user-facing text
extract-messages: $(VENV)/.runtime
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext --sort-by-file \
		-o app/translations/messages.pot .
	$(BIN)/pybabel update --no-fuzzy-matching --ignore-obsolete --init-missing \
		-i app/translations/messages.pot -d app/translations -l nb
	$(BIN)/pybabel update --no-fuzzy-matching --ignore-obsolete --init-missing \
		-i app/translations/messages.pot -d app/translations -l en

bench: $(VENV)/.dev
	$(BIN)/python bench/sync_storm.py

clean:
	rm -rf $(VENV) instance .pytest_cache .ruff_cache $(OIDC_DIR)/node_modules
