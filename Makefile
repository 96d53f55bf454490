# Dateline: the two commands of the README are `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DB     ?= demo.duckdb
PORT   ?= 8000
WEB    := src/dateline/web

.PHONY: install demo test test-slow eval bench clean

$(BIN)/dateline: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[serve,dask,test]'
	$(BIN)/dateline gazetteer build
	touch $@

$(WEB)/node_modules/.package-lock.json: $(WEB)/package-lock.json
	npm ci --prefix $(WEB) --ignore-scripts --no-audit --no-fund --loglevel=error

/usr/bin/chromium:  # Debian's Chromium for the browser tests; they skip with a reason if it cannot be installed
	-apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null

install: $(BIN)/dateline $(WEB)/node_modules/.package-lock.json  ## create .venv, install Dateline and the web UI's npm packages

demo: install  ## ingest the bundled invented examples into $(DB), summarise it and serve the web UI
	$(BIN)/dateline ingest examples --db $(DB)
	$(BIN)/dateline stats --db $(DB)
	$(BIN)/dateline serve --db $(DB) --port $(PORT)

test: install /usr/bin/chromium  ## install what the tests need (Chromium from apt for the browser tests), lint and run them
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/python -m pytest -q

test-slow: install
	$(BIN)/python -m pytest -q --slow

eval: install  ## score every extractor on the dev sets in ../shared (slow)
	for task in time geo claims events seed; do $(BIN)/dateline eval $$task; done

bench: install  ## throughput against bare spaCy on ../shared/data/corpus; /events latency on 1M generated events
	$(BIN)/python bench/throughput.py
	$(BIN)/python bench/api_latency.py

clean:
	rm -rf $(VENV) *.egg-info src/*.egg-info .pytest_cache $(DB)
