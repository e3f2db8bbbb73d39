# mlscope: set-up, build, run and test. Every target installs what it needs first.
#   make serve   set up, build the front end, run the app on http://127.0.0.1:8765/
#   make test    set up (Chromium, nginx and PostgreSQL included), build, run all tests
# Stamps in .stamps/ skip steps whose inputs have not changed.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMPS := .stamps
BUNDLE := src/mlscope/_static/page.js
FRONTEND_SRC := $(shell find frontend/src -type f 2>/dev/null) frontend/build.mjs

.PHONY: setup build serve test lint typecheck bench clean

setup: $(STAMPS)/python $(STAMPS)/npm

$(STAMPS)/python: pyproject.toml
	@mkdir -p $(STAMPS)
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[test,torch]"
	@touch $@

$(STAMPS)/npm: frontend/package.json frontend/package-lock.json
	@mkdir -p $(STAMPS)
	npm --prefix frontend ci --no-audit --no-fund --loglevel=error
	@touch $@

$(BUNDLE): $(STAMPS)/npm $(FRONTEND_SRC)
	npm --prefix frontend run --silent build

build: $(BUNDLE)

# Debian's Chromium for the browser tests (never a downloaded browser build).
$(STAMPS)/chromium:
	@mkdir -p $(STAMPS)
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; fi; \
	fi
	@touch $@

# Debian's nginx for the reverse-proxy tests (tests/protocol/test_deploy.py).
$(STAMPS)/nginx:
	@mkdir -p $(STAMPS)
	@if [ ! -x /usr/sbin/nginx ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light; fi; \
	fi
	@touch $@

# Debian's PostgreSQL server for the run-store tests (tests/postgres.py starts its own).
$(STAMPS)/postgresql:
	@mkdir -p $(STAMPS)
	@if ! command -v initdb >/dev/null && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; fi; \
	fi
	@touch $@

serve: $(STAMPS)/python build
	$(VENV)/bin/mlscope serve $(ARGS)

typecheck: $(STAMPS)/python $(STAMPS)/npm
	$(VENV)/bin/mypy
	npm --prefix frontend run --silent typecheck

lint: $(STAMPS)/python
	$(VENV)/bin/ruff check src tests benchmarks examples

test: $(STAMPS)/python $(STAMPS)/chromium $(STAMPS)/nginx $(STAMPS)/postgresql build lint typecheck
	npm --prefix frontend test --silent
	$(VENV)/bin/pytest -q $(ARGS)

bench: $(STAMPS)/python $(STAMPS)/chromium build
	$(PY) benchmarks/latency.py

clean:
	rm -rf $(VENV) $(STAMPS) frontend/node_modules src/mlscope/_static
