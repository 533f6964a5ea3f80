# One task runner. `make demo` and `make test` are the README's two commands.
#
# Every install comes from the lock: uv.lock (uv's universal lock of pyproject.toml, the product
# and the dev extra) and requirements/pywb.txt (pywb's own virtualenv). `make deps-upgrade` is the
# one way either moves: it relocks to the newest releases, then runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.10
TOOLS := .venv-tools
UV := $(TOOLS)/bin/uv
# uv installs into .venv with the Python that runs make, never a Python of its own.
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_PYTHON_DOWNLOADS := never

.PHONY: demo test lint format golden-update bench bench-crawl bench-extract bench-search bench-recrawl bench-decode bench-scale bench-warc-import bench-entities bench-entities-real bench-documents bench-realsites browser redis ocr clean install install-dev lock-check deps-upgrade

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install -q 'uv==$(UV_VERSION)'

# The product alone (`make demo`), or with the dev extra (`make test`); both exactly as locked.
# --inexact: `make demo` after `make test` keeps the dev tools.
install: | $(UV)
	$(UV) sync --locked --inexact --quiet --python $(PYTHON)

install-dev: | $(UV)
	$(UV) sync --locked --extra dev --quiet --python $(PYTHON)

# Fails when pyproject.toml says something uv.lock does not hold (no network needed).
lock-check: | $(UV)
	$(UV) lock --check --offline --quiet --python $(PYTHON)

deps-upgrade: | $(UV)
	$(UV) lock --upgrade --python $(PYTHON)
	$(UV) pip compile --upgrade --quiet --python-version 3.11 requirements/pywb.in \
	  -o requirements/pywb.txt --custom-compile-command "make deps-upgrade"
	rm -rf .venv-pywb
	$(MAKE) test

demo: install
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

# Vietnamese OCR of scanned documents (issue 23), and the font our generated scans are drawn in.
ocr:
	$(call debian_package,tesseract,tesseract-ocr,reading scanned documents)
	@tesseract --list-langs 2>/dev/null | grep -qx vie || { \
	  echo "installing tesseract-ocr-vie (Debian package) for Vietnamese OCR"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tesseract-ocr-vie >/dev/null) \
	  || { echo "could not install tesseract-ocr-vie: run 'apt-get install tesseract-ocr-vie' as root"; exit 1; }; }
	@test -f /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf || { \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-dejavu-core >/dev/null) \
	  || { echo "could not install fonts-dejavu: run 'apt-get install fonts-dejavu-core' as root"; exit 1; }; }

# pywb replays exported WARCs in a test. It pins redis 2.10, which scrapy-redis cannot use, so
# it lives in a virtualenv of its own; the test runs its `wb-manager` and `wayback` commands.
PYWB := .venv-pywb/bin
$(PYWB)/wayback: requirements/pywb.txt | $(UV)
	$(PYTHON) -m venv .venv-pywb
	$(UV) pip install --quiet --python $(PYWB)/python -r requirements/pywb.txt
	touch $@

test: lock-check install-dev browser redis ocr $(PYWB)/wayback
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy -p portal_archive -p portal_archive_demo
	$(BIN)/python -m pytest -q

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy -p portal_archive -p portal_archive_demo

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

golden-update: install-dev
	$(BIN)/python -m pytest -q tests/unit/test_golden.py --update-golden

bench: bench-extract bench-crawl bench-search bench-recrawl bench-decode bench-scale

bench-extract: install-dev
	$(BIN)/python bench/extraction.py

bench-crawl: install-dev
	$(BIN)/python bench/crawl.py

bench-scale: install-dev
	$(BIN)/python bench/scale.py

bench-search: install-dev
	$(BIN)/python bench/search.py

bench-recrawl: install-dev
	$(BIN)/python bench/recrawl.py

bench-entities: install-dev
	$(BIN)/python bench/entities.py

# The real-site benchmarks read exported portal trees outside the repository (../shared/real-sites):
# SITES_DIR/NAME/www each.
SITES_DIR ?= /tmp/sites
bench-entities-real: install-dev
	$(BIN)/python bench/entities_real.py $(SITES_DIR)

# Attached documents read on exported portal trees (issue 23): text share, OCR speed, fields.
bench-documents: install-dev ocr
	$(BIN)/python bench/documents.py $(SITES_DIR)

bench-decode: install-dev
	$(BIN)/python bench/decoding.py

bench-warc-import: install-dev
	$(BIN)/python bench/warc_import.py

# Whole real portals (issue 19), exported outside the repository: SITES_DIR/NAME/www each, served
# by the mirror proxy of ../shared/real-sites. The iata.org mirror's CNAME names the mirror, not
# the original host, hence REALSITES_HOSTS.
MIRROR_PROXY ?= ../shared/real-sites/serve_mirror.py
REALSITES_HOSTS ?= iata=www.iata.org
bench-realsites: install-dev
	$(BIN)/python bench/realsites.py $(SITES_DIR) --proxy $(MIRROR_PROXY) \
	  $(foreach pair,$(REALSITES_HOSTS),--host $(pair)) $(REALSITES_ARGS)

clean:
	rm -rf $(VENV) $(TOOLS) .venv-pywb build dist *.egg-info .pytest_cache .ruff_cache .mypy_cache
