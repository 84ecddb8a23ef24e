# make demo | make test | make dev -- each sets up the project venv first (once).

VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
INSTALLED := $(VENV)/.csc-warehouse-installed
BROWSER := $(VENV)/.browser-checked
DBT_DIR := dbt_project
MANIFEST := $(DBT_DIR)/target/manifest.json
DBT_INPUTS := $(shell find $(DBT_DIR) models seeds -type f \( -name '*.sql' -o -name '*.yml' -o -name '*.yaml' -o -name '*.csv' -o -name '*.md' \) \
	-not -path '*/target/*' -not -path '*/dbt_packages/*' -not -path '*/logs/*' 2>/dev/null)

# Project-local Dagster instance; no telemetry from Dagster or dbt (Dagster itself
# reads its switch from .dagster_home/dagster.yaml).
export DAGSTER_HOME := $(CURDIR)/.dagster_home
export DAGSTER_DISABLE_TELEMETRY := 1
export DO_NOT_TRACK := 1
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export PATH := $(CURDIR)/$(VENV)/bin:$(PATH)
# Port of Dagster's UI under `make dev` (`make dev DAGSTER_PORT=3001`); the links the demo and the
# command line print read the same variable.
DAGSTER_PORT ?= 3000
export DAGSTER_PORT

.PHONY: setup demo test dev docs

setup: $(INSTALLED) $(MANIFEST) $(BROWSER)

# Debian's Chromium renders the scorecards to PNG; the script never fails setup.
$(BROWSER): scripts/install_chromium.sh | $(PY)
	sh scripts/install_chromium.sh
	touch $@

$(PY):
	python3 -m venv $(VENV)

$(UV): | $(PY)
	$(VENV)/bin/pip install --quiet uv

# Compiled bytecode up front: every load starts Python processes (the command line, extraction
# workers, dbt) that would otherwise compile Dagster, dbt and pandas from source each time
# wherever bytecode is not written back (PYTHONDONTWRITEBYTECODE, a read-only venv).
$(INSTALLED): pyproject.toml | $(UV)
	$(UV) pip install --compile-bytecode --python $(PY) -e '.[dev]'
	touch $@

# dagster-dbt builds its assets from the manifest, so re-parse when the dbt project changes.
# Parsing with the warehouse path a run will use lets dbt reuse this parse at run time, and
# with the project's absolute path, as dagster-dbt runs dbt from inside dbt_project/ (the
# manifest records paths such as the seeds' as given here); in full, so no path from an
# earlier parse is carried over.
$(MANIFEST): $(INSTALLED) $(DBT_INPUTS)
	rm -f $(DBT_DIR)/target/partial_parse.msgpack
	CSC_WAREHOUSE="$$($(PY) -c 'from orchestration.settings import WarehouseSettings; print(WarehouseSettings.from_env().warehouse_path)')" \
		$(VENV)/bin/dbt parse --project-dir $(CURDIR)/$(DBT_DIR) --profiles-dir $(CURDIR)/$(DBT_DIR) --quiet
	touch $@

demo: setup
	$(PY) -m orchestration.demo

test: setup
	$(PY) -m pytest -q

dev: setup
	$(VENV)/bin/dagster dev -h 127.0.0.1 -p $(DAGSTER_PORT) -w workspace.yaml

# dbt's documentation site, offline: `dbt docs generate --static` writes one self-contained page
# (manifest and catalog inside; the catalog, with row counts and column types, read from the warehouse),
# copied to CSC_OUTPUT_DIR/docs/index.html. Open it in a browser; no server is needed.
docs: setup
	$(PY) -m orchestration.docs_site
