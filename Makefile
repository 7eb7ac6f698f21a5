# The two commands a newcomer needs: `make run` and `make test`. README explains the rest.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed
PORT ?= 8000

.PHONY: help install node-deps run serve test test-fast test-browser lint format bench bench-deps browser-deps proxy-deps clean

help:
	@echo "make run     set everything up and serve the site on http://127.0.0.1:8000 (development)"
	@echo "make test    run the whole test suite (SQLite, or PostgreSQL when DATABASE_URL is set)"
	@echo "make serve   serve the same data with gunicorn and production settings"
	@echo "make lint    ruff checks"
	@echo "make bench   benchmark a large PostgreSQL site with wrk"

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

# The Nu HTML Checker (vnu.jar) that tests/site/test_html_validity.py runs, pinned by
# package-lock.json; reinstalled whenever the lock file changes.
NODE_STAMP := node_modules/.installed
$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed for the HTML checker (Debian: apt-get install npm)"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

node-deps: $(NODE_STAMP)

# Starts the task worker and the scheduler in the background, to be stopped (SIGTERM: the
# worker finishes its task) when the command after it ends; close it with "; }".
WITH_BACKGROUND = { $(PY) manage.py run_worker & worker=$$!; \
	$(PY) manage.py run_scheduler & scheduler=$$!; \
	trap 'kill $$worker $$scheduler 2>/dev/null; wait $$worker $$scheduler' EXIT INT TERM;

# The site's address (Site record, canonical links, admin e-mails) is the port actually served.
run: export SITE_URL ?= http://127.0.0.1:$(PORT)
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo_content
	$(PY) manage.py ensure_superuser
	$(WITH_BACKGROUND) $(PY) manage.py runserver 127.0.0.1:$(PORT); }

# Production settings on loopback: no TLS proxy here, so no HTTPS redirect; Django serves media.
# The task worker and the scheduler (scheduled publishing, e-mail, index updates) run beside
# gunicorn and stop with it. Workers are not recycled (no --max-requests): recycling restarted
# them all at about the same time under load, and two seconds went unanswered (issue 12).
serve: install
	@mkdir -p var
	@test -s var/secret-key || $(PY) -c "import secrets; print(secrets.token_urlsafe(50))" > var/secret-key
	export DJANGO_SETTINGS_MODULE=dlhs.settings.production \
		SECRET_KEY="$${SECRET_KEY:-$$(cat var/secret-key)}" \
		SECURE_SSL_REDIRECT="$${SECURE_SSL_REDIRECT:-false}" \
		SERVE_MEDIA="$${SERVE_MEDIA:-true}"; \
	$(PY) manage.py migrate --noinput && \
	$(PY) manage.py collectstatic --noinput --verbosity 0 && \
	$(WITH_BACKGROUND) $(BIN)/gunicorn dlhs.wsgi:application \
		--bind 127.0.0.1:$(PORT) \
		--workers $${WEB_CONCURRENCY:-4}; }

browser-deps:
	@test -x /usr/bin/chromium || { \
		echo "Installing Debian's chromium for the browser tests"; \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; fi; }

# Varnish, which tests/site/test_shared_caches.py starts in front of gunicorn.
proxy-deps:
	@command -v varnishd >/dev/null || test -x /usr/sbin/varnishd || { \
		echo "Installing Debian's varnish for the HTTP cache test"; \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq varnish >/dev/null; \
		else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq varnish >/dev/null; fi; }

test: install node-deps browser-deps proxy-deps
	$(BIN)/pytest

test-fast: install node-deps
	$(BIN)/pytest -m "not browser"

test-browser: install browser-deps
	$(BIN)/pytest -m browser

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench-deps:
	@command -v wrk >/dev/null || { \
		echo "Installing wrk for the benchmark"; \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
		else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; fi; }

# 10,000 stories and 500 people on PostgreSQL, gunicorn with production settings, wrk on loopback.
# PEER=http://127.0.0.1:8822 also measures another site's pages (PEER_PAGES maps our page
# types to its paths, default bench/peer-bakerydemo.json) in the same run.
bench: install bench-deps
	BENCH_PEER="$(PEER)" BENCH_PEER_PAGES="$(PEER_PAGES)" $(PY) bench/run_bench.py

clean:
	rm -rf staticfiles var/test-media .pytest_cache .ruff_cache
