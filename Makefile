# cosnova lakehouse: the two commands users need are `make demo` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# dbt-bouncer lives in its own environment (README, "Governance")
TOOLS := .venv-tools
DAYS ?= 7
SCALE ?= 0.1
SELECT ?=
# make bench has its own small default (the fewest whole-project builds a day-5 vs. later-day comparison needs)
# unless SCALE / DAYS are given: scale 0.02, 6 days, day 5 and day 6 timed on their own, 2 dbt threads, no full
# rebuild. With DAYS given: 3 days timed around day 5 and at the end, 1 thread; with SCALE or DAYS given: the
# full rebuild. WINDOW, THREADS and REBUILD (1/0) override; VAULT_ROWS=1000000 adds the Data Vault comparison
given = $(filter command line environment,$(origin $(1)))
BENCH_SCALE := $(if $(call given,SCALE),$(SCALE),0.02)
BENCH_DAYS := $(if $(call given,DAYS),$(DAYS),6)
BENCH_WINDOW := $(if $(call given,WINDOW),$(WINDOW),$(if $(call given,DAYS),3,1))
BENCH_THREADS := $(if $(call given,THREADS),$(THREADS),$(if $(call given,DAYS),1,2))
BENCH_REBUILD := $(if $(call given,REBUILD),$(REBUILD),$(if $(or $(call given,SCALE),$(call given,DAYS)),1,0))
VAULT_ROWS ?= 0
# pre-commit hooks make lint skips besides those it runs directly (comma-separated ids)
LINT_SKIP ?=
comma := ,
# make test builds and tests the whole project end to end: sources, staging, audit, vault, seeds, snapshots, marts
TEST_DBT_SELECT ?= source:* staging audit raw_vault business_vault path:seeds path:snapshots marts
TEST_STATE_DIR := $(CURDIR)/.lakehouse/test
# the docs site make test-docs generates (CI uploads it) and where its browser test saves the lineage screenshot
DOCS_SITE ?= site
DOCS_SCREENSHOT ?= target/docs-site-test/lineage.png
DOCS_PORT ?= 8080

export LAKEHOUSE_HOME := $(CURDIR)
export DBT_PROFILES_DIR := $(CURDIR)
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help setup hooks demo bench test test-lane-warehouse test-warehouse lint secret-scan test-python test-dbt test-built test-databricks-compile test-quality test-docs chromium dev docs clean reset lock lock-tools

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-24s %s\n", $$1, $$2}'

# --- install ---------------------------------------------------------------------------------
$(BIN)/.installed: requirements.txt constraints.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is required (found " + sys.version.split()[0] + "); set PYTHON=python3.11")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt -c constraints.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

$(TOOLS)/.installed: requirements-tools.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is required")'
	test -x $(TOOLS)/bin/python || $(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet --upgrade pip
	$(TOOLS)/bin/python -m pip install --quiet -r requirements-tools.txt
	touch $@

profiles.yml: profiles.yml.example
	cp $< $@

.lakehouse/jars/.ready: $(BIN)/.installed src/lakehouse/jars.py
	$(BIN)/lakehouse setup
	touch $@

dbt_packages/.ready: packages.yml $(wildcard packages/*/dbt_project.yml) $(BIN)/.installed profiles.yml
	$(BIN)/dbt deps --quiet
	touch $@

# what every target needs; `setup` adds the git hooks (only `make setup` installs them, no other target)
ENV_READY := $(BIN)/.installed $(TOOLS)/.installed profiles.yml .lakehouse/jars/.ready dbt_packages/.ready

setup: $(ENV_READY)  ## install venvs, packages, Delta jars, dbt deps and the git pre-commit hooks
	@$(MAKE) --no-print-directory hooks

hooks: $(BIN)/.installed  ## install the pre-commit git hooks (skipped outside a git work tree)
	@if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then \
		$(BIN)/pre-commit install || echo "warning: pre-commit hooks not installed (see the message above)"; \
	else \
		echo "not inside a git work tree: pre-commit hooks not installed"; \
	fi

# --- run -------------------------------------------------------------------------------------
demo: $(ENV_READY)  ## generate DAYS days (default 7) at SCALE and load them day by day on the embedded engine
	$(BIN)/lakehouse demo --fresh --days $(DAYS) --scale $(SCALE)

bench: $(ENV_READY)  ## benchmark (SCALE, DAYS, WINDOW, THREADS, REBUILD, VAULT_ROWS): report in bench/results/
	$(BIN)/lakehouse bench --scale $(BENCH_SCALE) --days $(BENCH_DAYS) --window $(BENCH_WINDOW) \
		--threads $(BENCH_THREADS) --vault-rows $(VAULT_ROWS) $(if $(filter 0,$(BENCH_REBUILD)),--no-full-rebuild)

dev: $(ENV_READY)  ## build SELECT (e.g. SELECT=hub_customer+) and its tests on the local warehouse
	$(BIN)/lakehouse dbt build --select $(SELECT)

docs: $(ENV_READY)  ## generate the dbt docs lineage site from the local warehouse and serve it on http://localhost:8080
	$(BIN)/lakehouse dbt docs generate
	$(BIN)/dbt docs serve --port $(DOCS_PORT) --no-browser

# --- test ------------------------------------------------------------------------------------
# ruff and sqlfluff run directly, on every file (tracked or not); pre-commit runs its other hooks on every
# tracked file: yaml/json syntax, whitespace, workflow schema, zizmor, dbt parse + dbt-score. Outside a git
# work tree pre-commit cannot list files, so the manifest check runs on its own (workflows: test-python).
lint: $(ENV_READY)  ## ruff, sqlfluff (fix: scripts/lint_sql.py --fix) and every other pre-commit hook
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts
	$(BIN)/python scripts/lint_sql.py
	@if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then \
		echo "pre-commit run --all-files (ruff and sqlfluff ran above)"; \
		SKIP=sqlfluff-lint,ruff-check,ruff-format$(addprefix $(comma),$(LINT_SKIP)) $(BIN)/pre-commit run --all-files --show-diff-on-failure; \
	else \
		scripts/check_manifest.sh; \
	fi

secret-scan:  ## no token, key or password in any file git tracks (or would track)
	$(PYTHON) scripts/secret_scan.py

test-python: $(ENV_READY)  ## pytest: generator, ingestion, Data Vault package scenarios, CLI
	$(BIN)/python -m pytest

test-dbt: $(ENV_READY)  ## a dirty 2-day load in an isolated warehouse: dbt build with every data test
	rm -rf .lakehouse/test
	LAKEHOUSE_STATE_DIR=$(TEST_STATE_DIR) $(BIN)/lakehouse demo --days 2 --test-last-day-only --scale 0.05 --dirty-rate 0.02 \
		--landing .lakehouse/test/landing --select $(TEST_DBT_SELECT)

test-built: $(ENV_READY)  ## on the test-dbt warehouse: no raw e-mail or name in any marts column; dbt --empty builds
	LAKEHOUSE_STATE_DIR=$(TEST_STATE_DIR) $(BIN)/python -m pytest tests/warehouse -q -rs

test-databricks-compile: $(ENV_READY)  ## dbt parse against the databricks target with dummy credentials (no workspace)
	DATABRICKS_HOST=dummy.cloud.databricks.com DATABRICKS_HTTP_PATH=/sql/1.0/warehouses/dummy \
	DATABRICKS_TOKEN=dummy DATABRICKS_CATALOG=cosnova \
		$(BIN)/dbt parse --target databricks --target-path target/databricks --quiet
	$(BIN)/python -m lakehouse.docs_coverage target/databricks/manifest.json

test-quality: test-databricks-compile  ## dbt-score (>= 9.0, no item under 8) and dbt-bouncer on the databricks manifest
	$(BIN)/dbt-score lint --manifest target/databricks/manifest.json --show failing-items
	$(TOOLS)/bin/dbt-bouncer run --config-file dbt-bouncer.yml


chromium:  ## headless Chromium (Debian package) for the docs-site browser test; installs it when missing (root)
	scripts/install_chromium.sh

test-docs: $(ENV_READY) chromium  ## docs site from test-dbt's warehouse: catalog types, docs coverage, browser test
	@test -d $(TEST_STATE_DIR)/warehouse || { echo "no test warehouse in $(TEST_STATE_DIR): run make test-dbt first" >&2; exit 1; }
	LAKEHOUSE_STATE_DIR=$(TEST_STATE_DIR) scripts/build_docs_site.sh $(DOCS_SITE)
	$(BIN)/python -m lakehouse.docs_coverage $(DOCS_SITE)/manifest.json --catalog $(DOCS_SITE)/catalog.json
	LAKEHOUSE_DOCS_SITE=$(abspath $(DOCS_SITE)) LAKEHOUSE_DOCS_SCREENSHOT=$(abspath $(DOCS_SCREENSHOT)) \
		$(BIN)/python -m pytest -m docs_site tests/python/test_docs_site.py

# Two lanes run side by side: pytest, and the checks (secret scan, lint, Databricks compile, quality) then the
# warehouse chain (test-dbt, then test-built and test-docs on the warehouse it built), in order. They share
# nothing: each has its own warehouse, metastore and target/ folders. Lint is in the warehouse lane because
# pytest is the longer lane (measured: README, Testing). A failure in either lane fails make test once the
# other lane has finished.
test: $(ENV_READY)  ## every test the project has (CI runs this)
	$(MAKE) --no-print-directory -j2 test-python test-lane-warehouse
	@echo "make test: all checks passed"

# In make test, lint skips its manifest hook (dbt parse + dbt-score): test-quality scores the databricks manifest
# with stricter thresholds and test-dbt parses the local target.
test-lane-warehouse:
	$(MAKE) --no-print-directory secret-scan
	$(MAKE) --no-print-directory lint LINT_SKIP=dbt-manifest
	$(MAKE) --no-print-directory test-quality
	$(MAKE) --no-print-directory test-warehouse

test-warehouse:  ## test-dbt, then test-built and test-docs on the warehouse it built
	$(MAKE) --no-print-directory test-dbt
	$(MAKE) --no-print-directory test-built
	$(MAKE) --no-print-directory test-docs

# --- housekeeping ----------------------------------------------------------------------------
lock:  ## re-pin constraints.txt from the current venv
	$(BIN)/pip freeze --exclude-editable | grep -v '^lakehouse' > constraints.txt

lock-tools:  ## re-pin requirements-tools.txt from the tool venv (after e.g. pip install -U dbt-bouncer there)
	{ sed -n '1,2p' requirements-tools.txt; $(TOOLS)/bin/pip freeze; } > requirements-tools.txt.new
	mv requirements-tools.txt.new requirements-tools.txt

reset:  ## drop the local warehouse, metastore and landing folder (keeps the venv and jars)
	rm -rf .lakehouse/warehouse .lakehouse/metastore_db .lakehouse/checkpoints .lakehouse/generated .lakehouse/test landing

clean: reset  ## reset plus dbt artefacts
	rm -rf target dbt_packages logs $(TOOLS)
