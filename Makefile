# Dateline: the two commands of the README are `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DB     ?= demo.duckdb

.PHONY: install demo test test-slow eval bench clean

$(BIN)/dateline: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/dateline gazetteer build
	touch $@

install: $(BIN)/dateline  ## create .venv and install Dateline with everything it needs

demo: install  ## ingest the bundled invented examples into $(DB) and summarise the store
	$(BIN)/dateline ingest examples --db $(DB)
	$(BIN)/dateline stats --db $(DB)
	@echo
	@echo "Try: $(BIN)/dateline query \"SELECT article_id, what, value, object FROM counts\" --db $(DB)"

test: install  ## install what the tests need and run them
	$(BIN)/python -m pytest -q

test-slow: install
	$(BIN)/python -m pytest -q --slow

eval: install  ## score every extractor on the dev sets in ../shared (slow)
	for task in time geo claims events seed; do $(BIN)/dateline eval $$task; done

bench: install  ## throughput against bare spaCy on ../shared/data/corpus
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(VENV) *.egg-info src/*.egg-info .pytest_cache $(DB)
