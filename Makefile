# cosnova lakehouse: the two commands users need are `make demo` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DAYS ?= 7
SCALE ?= 0.1
SELECT ?=
# the layers make test builds and tests end to end (the gold layer joins once its full build is verified in CI)
TEST_DBT_SELECT ?= source:* staging audit raw_vault business_vault

export LAKEHOUSE_HOME := $(CURDIR)
export DBT_PROFILES_DIR := $(CURDIR)
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help setup hooks demo test lint test-python test-dbt test-databricks-compile dev docs clean reset lock

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

profiles.yml: profiles.yml.example
	cp $< $@

.lakehouse/jars/.ready: $(BIN)/.installed src/lakehouse/jars.py
	$(BIN)/lakehouse setup
	touch $@

dbt_packages/.ready: packages.yml $(wildcard packages/*/dbt_project.yml) $(BIN)/.installed profiles.yml
	$(BIN)/dbt deps --quiet
	touch $@

# what every target needs; `setup` adds the git hooks (only `make setup` installs them, no other target)
ENV_READY := $(BIN)/.installed profiles.yml .lakehouse/jars/.ready dbt_packages/.ready

setup: $(ENV_READY)  ## install venv, packages, Delta jars, dbt deps and the git pre-commit hooks
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

dev: $(ENV_READY)  ## build SELECT (e.g. SELECT=hub_customer+) and its tests on the local warehouse
	$(BIN)/lakehouse dbt build --select $(SELECT)

docs: $(ENV_READY)  ## generate and serve the dbt docs lineage site on http://localhost:8080
	$(BIN)/lakehouse dbt docs generate
	$(BIN)/dbt docs serve --port 8080 --no-browser

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
		SKIP=sqlfluff-lint,ruff-check,ruff-format $(BIN)/pre-commit run --all-files --show-diff-on-failure; \
	else \
		scripts/check_manifest.sh; \
	fi

test-python: $(ENV_READY)  ## pytest: generator, ingestion, Data Vault package scenarios, CLI
	$(BIN)/python -m pytest

test-dbt: $(ENV_READY)  ## a dirty 2-day load in an isolated warehouse: dbt build with every data test
	rm -rf .lakehouse/test
	LAKEHOUSE_STATE_DIR=$(CURDIR)/.lakehouse/test $(BIN)/lakehouse demo --days 2 --scale 0.05 --dirty-rate 0.02 \
		--landing .lakehouse/test/landing --select $(TEST_DBT_SELECT)
	@# `--empty` regression check: a model whose macros read upstream columns (datavault.stage) builds
	LAKEHOUSE_STATE_DIR=$(CURDIR)/.lakehouse/test $(BIN)/lakehouse dbt run --empty --select stg_crm__customers

test-databricks-compile: $(ENV_READY)  ## dbt parse against the databricks target with dummy credentials (no workspace)
	DATABRICKS_HOST=dummy.cloud.databricks.com DATABRICKS_HTTP_PATH=/sql/1.0/warehouses/dummy \
	DATABRICKS_TOKEN=dummy DATABRICKS_CATALOG=cosnova \
		$(BIN)/dbt parse --target databricks --target-path target/databricks --quiet

test: lint test-python test-databricks-compile test-dbt  ## every test the project has (CI runs this)
	@echo "make test: all checks passed"

# --- housekeeping ----------------------------------------------------------------------------
lock:  ## re-pin constraints.txt from the current venv
	$(BIN)/pip freeze --exclude-editable | grep -v '^lakehouse' > constraints.txt

reset:  ## drop the local warehouse, metastore and landing folder (keeps the venv and jars)
	rm -rf .lakehouse/warehouse .lakehouse/metastore_db .lakehouse/checkpoints .lakehouse/generated .lakehouse/test landing

clean: reset  ## reset plus dbt artefacts
	rm -rf target dbt_packages logs
