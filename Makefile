# One task runner. `make demo` and `make test` are the README's two commands.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev

.PHONY: demo test lint format golden-update bench bench-crawl bench-extract bench-search bench-recrawl bench-decode bench-scale bench-entities browser clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(DEVSTAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[dev]'
	touch $@ $(STAMP)

demo: $(STAMP)
	$(BIN)/portal-archive demo

# Browser tests need Debian's chromium; install it when it is missing.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing chromium (Debian package) for the browser tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	  || { echo "could not install chromium: run 'apt-get install chromium' as root"; exit 1; }; }

test: $(DEVSTAMP) browser
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy -p portal_archive -p portal_archive_demo
	$(BIN)/python -m pytest -q

lint: $(DEVSTAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy -p portal_archive -p portal_archive_demo

format: $(DEVSTAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

golden-update: $(DEVSTAMP)
	$(BIN)/python -m pytest -q tests/unit/test_golden.py --update-golden

bench: bench-extract bench-crawl bench-search bench-recrawl bench-decode bench-scale

bench-extract: $(DEVSTAMP)
	$(BIN)/python bench/extraction.py

bench-crawl: $(DEVSTAMP)
	$(BIN)/python bench/crawl.py

bench-scale: $(DEVSTAMP)
	$(BIN)/python bench/scale.py

bench-search: $(DEVSTAMP)
	$(BIN)/python bench/search.py

bench-recrawl: $(DEVSTAMP)
	$(BIN)/python bench/recrawl.py

bench-entities: $(DEVSTAMP)
	$(BIN)/python bench/entities.py

bench-decode: $(DEVSTAMP)
	$(BIN)/python bench/decoding.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache .mypy_cache
