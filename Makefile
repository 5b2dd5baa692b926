# The two set-up commands: `make run` and `make test`. Both install first, into .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= news.db
PORT ?= 8000
SERVE ?= yes

.PHONY: install browser run test lint bench clean

install: $(STAMP)

# Reinstalls only when the dependency pins change; otherwise does nothing.
$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	# The pip that ships with Python 3.11 trips over lxml's extras under constraints.
	$(BIN)/python -m pip install --quiet --disable-pip-version-check pip==26.3
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev,eval]'
	touch $(STAMP)

run: install
	$(BIN)/newsgraph ingest examples --db $(DB)
	@echo
	@echo "--- who said what (a few quotes)"
	$(BIN)/newsgraph quotes --db $(DB) --limit 6
	@echo
	@echo "--- people across the articles"
	$(BIN)/newsgraph entities --db $(DB) --type PERSON --limit 8
	@echo
	@echo "--- search: harbour"
	$(BIN)/newsgraph search harbour --db $(DB) --limit 3
	@echo
	@echo "--- the explorer: open http://127.0.0.1:$(PORT)/ (Ctrl-C stops; make run SERVE=no skips)"
	test "$(SERVE)" = no || $(BIN)/newsgraph serve --db $(DB) --port $(PORT)

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

# The browser tests drive Debian's Chromium (never a downloaded browser); install it when missing.
# Without it (no root, no apt) the browser tests skip with that reason; everything else runs.
browser:
	test -x /usr/bin/chromium || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } || \
		echo "make browser: could not install Chromium; the browser tests will be skipped" >&2

test: lint browser
	$(BIN)/pytest

bench: install
	$(BIN)/python bench/store_insert.py
	$(BIN)/python bench/extract.py
	$(BIN)/python bench/who_said_what.py
	$(BIN)/python bench/places.py
	$(BIN)/python bench/pipeline.py
	$(BIN)/python bench/dask_workers.py
	$(BIN)/python bench/reingest.py
	$(BIN)/python bench/serve.py

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm .pytest_cache .mypy_cache .ruff_cache .hypothesis
