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
# the layers make test builds and tests end to end (the gold layer joins once its full build is verified in CI)
TEST_DBT_SELECT ?= source:* staging audit raw_vault business_vault

export LAKEHOUSE_HOME := $(CURDIR)
export DBT_PROFILES_DIR := $(CURDIR)
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help setup demo test lint test-python test-dbt test-databricks-compile test-quality dev docs clean reset lock lock-tools

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

setup: $(BIN)/.installed $(TOOLS)/.installed profiles.yml .lakehouse/jars/.ready dbt_packages/.ready  ## install venvs, packages, Delta jars, dbt deps

# --- run -------------------------------------------------------------------------------------
demo: setup  ## generate DAYS days (default 7) at SCALE and load them day by day on the embedded engine
	$(BIN)/lakehouse demo --fresh --days $(DAYS) --scale $(SCALE)

dev: setup  ## build SELECT (e.g. SELECT=hub_customer+) and its tests on the local warehouse
	$(BIN)/lakehouse dbt build --select $(SELECT)

docs: setup  ## generate and serve the dbt docs lineage site on http://localhost:8080
	$(BIN)/lakehouse dbt docs generate
	$(BIN)/dbt docs serve --port 8080 --no-browser

# --- test ------------------------------------------------------------------------------------
lint: setup  ## ruff (Python) and sqlfluff (all SQL: scripts/lint_sql.py; fix with --fix)
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts
	$(BIN)/python scripts/lint_sql.py

test-python: setup  ## pytest: generator, ingestion, Data Vault package scenarios, CLI
	$(BIN)/python -m pytest

test-dbt: setup  ## a dirty 2-day load in an isolated warehouse: dbt build with every data test
	rm -rf .lakehouse/test
	LAKEHOUSE_STATE_DIR=$(CURDIR)/.lakehouse/test $(BIN)/lakehouse demo --days 2 --scale 0.05 --dirty-rate 0.02 \
		--landing .lakehouse/test/landing --select $(TEST_DBT_SELECT)

test-databricks-compile: setup  ## dbt parse against the databricks target with dummy credentials (no workspace)
	DATABRICKS_HOST=dummy.cloud.databricks.com DATABRICKS_HTTP_PATH=/sql/1.0/warehouses/dummy \
	DATABRICKS_TOKEN=dummy DATABRICKS_CATALOG=cosnova \
		$(BIN)/dbt parse --target databricks --target-path target/databricks --quiet

test-quality: test-databricks-compile  ## dbt-score (>= 9.0, no item under 8) and dbt-bouncer on the databricks manifest
	$(BIN)/dbt-score lint --manifest target/databricks/manifest.json --show failing-items
	$(TOOLS)/bin/dbt-bouncer run --config-file dbt-bouncer.yml

test: lint test-python test-databricks-compile test-quality test-dbt  ## every test the project has (CI runs this)
	@echo "make test: all checks passed"

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
