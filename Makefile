# The README's two commands are `make run` and `make test`; the rest are for developers.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
FLASK  := $(BIN)/flask --app wsgi
HOST   ?= 127.0.0.1
PORT   ?= 5000

.PHONY: run test test-compiled compiled lint format bench bench-scale bench-dashboards translations clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is required"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

translations: | $(BIN)/python
	@for d in */translations; do [ -d "$$d" ] || continue; $(BIN)/pybabel compile -d $$d >/dev/null || exit 1; done

run: $(VENV)/.installed translations
	$(FLASK) db upgrade
	$(FLASK) demo load --if-empty
	@# The jobs worker (jobs/, README "Background jobs") beside the web server: Ctrl-C stops both, and
	@# the worker is stopped too when the server ends by itself.
	@$(FLASK) jobs worker & worker=$$!; trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	$(FLASK) run --host $(HOST) --port $(PORT)

#: axe-core for the accessibility check of the Chromium tests (tests/e2e/node/package.json pins it).
AXE := tests/e2e/node/node_modules/axe-core/axe.min.js

$(AXE): tests/e2e/node/package.json
	@if command -v npm >/dev/null; then npm install --prefix tests/e2e/node --no-audit --no-fund --silent && touch $@; \
	else echo "npm is not installed: the accessibility check of tests/e2e is skipped"; fi

test: $(VENV)/.installed-dev translations $(AXE)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/pytest $(PYTEST_ARGS)
	@$(MAKE) --no-print-directory test-compiled

# The compensation engine compiled with mypyc (setup.py, EMGEK_COMPILE=1) and installed as a
# package in a venv of its own: the build a production install uses where a C compiler exists.
COMPILED := .venv-compiled
CBIN     := $(COMPILED)/bin
# The install copies every package (the tests' fixtures import core), so any source change reinstalls;
# mypyc recompiles only when the engine's own files changed.
SOURCES := $(wildcard */*.py */*/*.py compensation/parameters/*.yaml) setup.py pyproject.toml
# A C compiler and the Python headers (Python.h) of the interpreter the venvs are made from.
CAN_COMPILE := $(shell { command -v cc || command -v gcc; } >/dev/null 2>&1 && $(PYTHON) -c \
	"import os, sysconfig; raise SystemExit(not os.path.exists(os.path.join(sysconfig.get_paths()['include'], 'Python.h')))" \
	2>/dev/null && echo yes)

$(CBIN)/python:
	$(PYTHON) -m venv $(COMPILED)
	$(CBIN)/python -m pip install --quiet --upgrade pip

$(COMPILED)/.installed: $(SOURCES) | $(CBIN)/python
	$(CBIN)/pip install --quiet 'setuptools>=77' 'mypy>=1.10' 'types-PyYAML>=6.0'
	EMGEK_COMPILE=1 $(CBIN)/pip install --quiet --no-build-isolation '.[dev]'
	touch $@

compiled: $(COMPILED)/.installed

# The engine's tests (those needing no database or browser) against the compiled build: the
# same results as the source, figure for figure. Without a C compiler (or Python.h) this says so
# and goes on (EMGEK_REQUIRE_COMPILED=1, as CI sets it, makes that an error).
test-compiled:
ifneq ($(CAN_COMPILE),)
	@$(MAKE) --no-print-directory compiled
	@echo "== the engine's tests against the mypyc-compiled engine"
	EMGEK_ENGINE_BUILD=compiled $(CBIN)/pytest --import-mode=append -p no:cacheprovider -q tests/rules tests/contract
else
	@if [ -n "$$EMGEK_REQUIRE_COMPILED" ]; then echo "no C compiler or Python headers: the compiled engine cannot be built" >&2; exit 1; fi
	@echo "== no C compiler or Python headers here: the mypyc-compiled engine was not built (the plain-Python engine was tested)"
endif

# Schemathesis over every API operation as each role's token (tests/integration/test_fuzz_api.py):
# `make test` sends one generated request per operation and role, this EMGEK_FUZZ_EXAMPLES (default 10).
.PHONY: fuzz
fuzz: $(VENV)/.installed-dev translations
	EMGEK_FUZZ_EXAMPLES=$${EMGEK_FUZZ_EXAMPLES:-10} $(BIN)/pytest -q tests/integration/test_fuzz_api.py

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The engine's speed (plain and compiled), then the service under load (bench/load.py: gunicorn on
# loopback with the demo data; BENCH_DATABASE_URL=postgresql+psycopg://... adds PostgreSQL, on an empty database),
# then every analytics view at 10^4 and 10^5 generated accidents (bench/dashboards.py; BENCH_MILLION=1 adds 10^6,
# bench-dashboards below takes other sizes).
bench: $(VENV)/.installed-dev translations
	$(BIN)/python bench/calc.py
ifneq ($(CAN_COMPILE),)
	@$(MAKE) --no-print-directory compiled
	$(CBIN)/python -P bench/calc.py
endif
	$(BIN)/python bench/requests.py
	$(BIN)/python bench/load.py
	$(BIN)/python bench/dashboards.py

# The analytics views at other sizes or on one database: make bench-dashboards SIZES=1000000
# DATABASES=postgresql BENCH_DATABASE_URL=postgresql+psycopg://... (an empty database; bench/dashboards.py).
bench-dashboards: $(VENV)/.installed-dev translations
	BENCH_SIZES="$(SIZES)" BENCH_DATABASES="$(DATABASES)" $(BIN)/python bench/dashboards.py

# The lists and the dashboard on a million accidents (SQLite; BENCH_DATABASE_URL=postgresql+psycopg://...
# for PostgreSQL, on an empty database).
bench-scale: $(VENV)/.installed-dev
	$(BIN)/python bench/scale.py

clean:
	rm -rf $(VENV) $(COMPILED) build instance .pytest_cache .ruff_cache
