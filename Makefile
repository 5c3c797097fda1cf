# The two commands a new machine needs: `make run` and `make test`. See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py
# Absolute links in the pages (and the stored pages) name the address the site is served at.
export SITE_URL ?= http://127.0.0.1:$(PORT)

.PHONY: help install install-dev prepare messages run serve test test-sqlite test-postgres lint \
	format bench bench-scale soak backup restore snapshots lighthouse linkcheck

help:
	@echo "make run     set everything up and serve the site on http://127.0.0.1:$(PORT)/ (SQLite)"
	@echo "make test    lint and the whole suite on SQLite and on a throwaway PostgreSQL"
	@echo "make serve   production mode (gunicorn, DEBUG off) against DATABASE_URL"
	@echo "make bench   load test against a static file of the same size (needs wrk)"
	@echo "make soak    readers and editors at once for a fixed time; checks no edit is lost"
	@echo "make bench-scale  how every cost grows with 100, 1,000 and 10,000 generated roles"
	@echo "make lighthouse  Lighthouse scores of the main pages in every language (needs Node.js)"
	@echo "make backup BACKUP=file.jsonl / make restore BACKUP=file.jsonl"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# Babel compiles the catalogues, so a machine without GNU gettext can build them too; each
# only when its .po changed, so that make serve after a release starts at once.
CATALOGUES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))
messages: install $(CATALOGUES)

locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po | $(VENV)/.installed
	$(BIN)/pybabel compile --domain django --statistics --input-file $< --output-file $@

prepare: install messages
	$(MANAGE) migrate --noinput
	$(MANAGE) load_reference --if-empty
	$(MANAGE) load_glossary --if-empty
	$(MANAGE) rebuild_search_index --if-outdated
	$(MANAGE) setup_groups

# The task queue's worker runs in a thread of runserver: publishing, the pages a release has
# not rendered yet (rendered in the background, served on request meanwhile), mail.
run: prepare
	@echo "Admin: http://127.0.0.1:$(PORT)/admin/ (make an account: $(MANAGE) createsuperuser)"
	TASKS_WORKER_THREAD=true $(MANAGE) runserver 127.0.0.1:$(PORT)

serve: install messages
	scripts/serve

# ESLint for the site's own scripts, from the registry npm knows (package-lock.json).
node_modules/.installed: package.json package-lock.json
	npm ci --silent --no-audit --no-fund
	touch $@

lint: install-dev node_modules/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/djlint templates --lint
	$(BIN)/djlint jinja2 --lint --profile=jinja
	npx --no-install eslint static
	$(MANAGE) makemigrations --check --dry-run

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# On every core; a file's tests stay on one worker, which keeps its module fixtures. The
# slowest tests are listed at the end: the suite's time is paid at every CI run.
PYTEST := $(BIN)/pytest -n auto --dist loadfile --durations=15

# The scale tests (marked scale, minutes of building roles) run once, in the PostgreSQL half.
test-sqlite: install-dev messages
	env -u DATABASE_URL $(PYTEST) -m "not scale"

# Set REQUIRE_POSTGRES=1 (as CI does) to fail instead of skipping when no server is installed.
# The browser tests drive what readers and editors see in Chromium; they run once, in the
# SQLite half: what differs between the databases is tested over HTTP in both.
test-postgres: install-dev messages
	@status=0; scripts/with-postgres $(PYTEST) --ignore=tests/browser || status=$$?; \
	if [[ $$status == 3 ]]; then \
		if [[ -n "$${REQUIRE_POSTGRES:-}" ]]; then \
			echo "PostgreSQL is required (REQUIRE_POSTGRES is set) but not installed."; exit 1; \
		fi; \
		echo "*** PostgreSQL is not installed: the PostgreSQL half of the suite was SKIPPED. ***"; \
		echo "The scale tests, which run in that half, run on SQLite instead:"; \
		env -u DATABASE_URL $(PYTEST) -m scale; \
	else exit $$status; fi

# Lint, the two halves and the link check run side by side (each prints its whole output
# when it ends): the halves wait on browsers, servers and subprocesses for much of their
# time, which the others fill. A lint failure fails make test as before.
test: install-dev messages node_modules/.installed
	$(MAKE) --no-print-directory -j4 --output-sync=target lint test-sqlite test-postgres linkcheck

# Every link of the site, all five languages at once, through Debian's linkchecker against
# the production server (skipped with a message without it; REQUIRE_LINKCHECKER=1 fails).
linkcheck: install messages
	scripts/linkcheck

# Record the rendered pages again after a change readers are meant to see; review the diff.
snapshots: install-dev messages
	env -u DATABASE_URL UPDATE_SNAPSHOTS=1 $(BIN)/pytest -q tests/test_rendered_pages.py

bench: install-dev messages
	bench/run

# How every cost grows with 100, 1,000 and 10,000 generated roles (SCALE_SIZES); long.
bench-scale: install-dev messages
	bench/scale-run

soak: install-dev messages
	bench/soak-run

# Lighthouse's four scores per page, language and device (needs Node.js and Chromium).
lighthouse: install messages
	scripts/lighthouse

BACKUP ?= backup.jsonl

backup: install
	$(MANAGE) backup_content $(BACKUP)

# Into an empty database: migrate, then load.
restore: install
	$(MANAGE) migrate --noinput
	$(MANAGE) restore_content $(BACKUP)
