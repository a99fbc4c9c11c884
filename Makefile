# Two entry points for a fresh machine with Python 3.11 and make:
#   make demo   install into .venv, validate the shipped plans, show their status and
#               what changed between the two Safer Cornwall years, and write documents
#   make test   install into .venv (with test tools) and run the test suite and lint
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint format schemas bench clean node screenshots debian-tools

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/cspplan validate plans/
	$(BIN)/cspplan fmt --check plans/
	$(BIN)/cspplan status plans/
	$(BIN)/cspplan diff plans/safer-cornwall --stat
	mkdir -p build
	$(BIN)/cspplan render plans/safer-cornwall/2018-19 --format docx -o build/plan-2018-19.docx
	$(BIN)/cspplan render plans/safer-cornwall/2018-19 --document performance -o build/performance-2018-19.md
	$(BIN)/cspplan render plans/norfolk-ccsp/2013-14 --document performance --as-of "Q2 2013/14" --format docx -o build/norfolk-performance-q2-2013-14.docx
	$(BIN)/cspplan status plans/ --by norfolk-police-and-crime-plan-2013-17 --format markdown -o build/norfolk-police-and-crime-plan-measures.md
	$(BIN)/cspplan render plans/norfolk-ccsp/2013-14 --format docx -o build/norfolk-plan-2013-14.docx
	$(BIN)/cspplan render plans/norfolk-ccsp/2013-14 --document reviews --format docx -o build/norfolk-reviews.docx
	$(BIN)/cspplan render plans/norfolk-ccsp/2013-14 --document alignment --format docx -o build/norfolk-alignment-2013-14.docx
	$(BIN)/cspplan site plans/ -o build/site
	$(BIN)/cspplan export plans/ -o build/figures.xlsx

# ajv (strict) checks the JSON Schemas in tests/test_schemas.py; axe-core audits the site's
# pages in tests/browser/. Without npm those tests skip. One npm command installs both:
# `npm install --no-save` removes whatever it was not asked for this time.
AJV := build/node/node_modules/ajv
AXE := build/node/node_modules/axe-core/axe.min.js

$(AJV) $(AXE):
	-npm install --prefix build/node --no-save --no-audit --no-fund ajv@8 ajv-formats@3 axe-core@4.14.1

node: $(AJV) $(AXE)

# Programs from Debian that some tests drive, each skipping without its program:
#   chromium    the browser tests (tests/browser/); nothing can download a browser build
#   cmark-gfm   GitHub's Markdown renderer, for job summaries and pull-request comments
#               (tests/test_hostile_markup.py, tests/test_escaping_and_files.py)
#   neovim      a real editor's LSP client for `cspplan lsp` (tests/test_lsp_neovim.py)
# Where one is missing and make may install it (as root with apt-get, as on CI's clean
# machine), it installs them, with one apt-get; elsewhere it says which will skip. Wherever
# Chromium and axe-core are there, the browser tests are required: they fail, not skip.
CHROMIUM := /usr/bin/chromium
DEBIAN_TOOLS := chromium:$(CHROMIUM) cmark-gfm:/usr/bin/cmark-gfm neovim:/usr/bin/nvim

debian-tools:
	-@missing=""; for tool in $(DEBIAN_TOOLS); do \
		test -x "$${tool#*:}" || missing="$$missing $${tool%%:*}"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	else \
		echo "note: not installed:$$missing, so the tests that need them will skip" \
			"(Debian: sudo apt-get install$$missing)"; \
	fi

test: $(STAMP) $(AJV) $(AXE) debian-tools
	CSPPLAN_BROWSER_TESTS=$$(test -x $(CHROMIUM) && test -f $(AXE) && echo required) \
		$(BIN)/python -m pytest -q -n auto
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

lint: test

format: $(STAMP)
	$(BIN)/ruff check --fix src tests
	$(BIN)/ruff format src tests

bench: $(STAMP)
	$(BIN)/python benchmarks/benchmark.py --schema-regex python

# PNGs of the site at desktop and phone widths for the README and a look by eye
screenshots: $(STAMP)
	$(BIN)/python -m tests.browser.screenshots docs/images

schemas: $(STAMP)
	$(BIN)/cspplan schema -o schemas

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .ruff_cache
