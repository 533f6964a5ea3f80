# One task runner. `make demo` and `make test` are the README's two commands.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev

.PHONY: demo test lint format golden-update bench bench-crawl bench-extract bench-search bench-recrawl bench-decode bench-scale bench-warc-import bench-entities browser redis clean

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

# A Debian package a group of tests needs, installed when its command is missing:
# $(call debian_package,COMMAND,PACKAGE,WHAT FOR)
define debian_package
	@command -v $(1) >/dev/null 2>&1 || { \
	  echo "installing $(2) (Debian package) for $(3)"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(2) >/dev/null) \
	  || { echo "could not install $(2): run 'apt-get install $(2)' as root"; exit 1; }; }
endef

# Browser tests need Debian's chromium; the scale-out tests start their own redis-server.
browser:
	$(call debian_package,chromium,chromium,the browser tests)

redis:
	$(call debian_package,redis-server,redis-server,the scale-out tests)

# pywb replays exported WARCs in a test. It pins redis 2.10, which scrapy-redis cannot use, so
# it lives in a virtualenv of its own; the test runs its `wb-manager` and `wayback` commands.
PYWB := .venv-pywb/bin
$(PYWB)/wayback:
	$(PYTHON) -m venv .venv-pywb
	$(PYWB)/python -m pip install -q --upgrade pip
	$(PYWB)/pip install -q 'pywb>=2.10'

test: $(DEVSTAMP) browser redis $(PYWB)/wayback
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

bench-warc-import: $(DEVSTAMP)
	$(BIN)/python bench/warc_import.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache .mypy_cache
