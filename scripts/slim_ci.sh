#!/usr/bin/env bash
# Slim CI on the local target: build and test only the models a change touches, plus their children.
#   1. a tiny generated landing drop is ingested into Bronze (an isolated warehouse, seconds);
#   2. the unmodified parents of modified models are built (run, no tests) so those have real input;
#   3. `dbt build --select state:modified+ --defer --state <main>` builds and tests the change and its
#      children; --defer resolves any other ref against main's manifest.
# Without a manifest of main (first run, expired artifact) it builds everything.
# Usage: scripts/slim_ci.sh STATE_DIR   (STATE_DIR holds main's manifest.json)
set -euo pipefail
cd "$(dirname "$0")/.."
state_dir=$(realpath -m "${1:?usage: scripts/slim_ci.sh STATE_DIR}")
export LAKEHOUSE_STATE_DIR=${LAKEHOUSE_STATE_DIR:-$PWD/.lakehouse/slim}
lakehouse=.venv/bin/lakehouse

rm -rf "$LAKEHOUSE_STATE_DIR"
landing=$LAKEHOUSE_STATE_DIR/landing
$lakehouse generate --days 2 --scale 0.02 --landing "$landing"
$lakehouse ingest --landing "$landing"

if [[ ! -s $state_dir/manifest.json ]]; then
    echo "slim CI: no manifest of main in $state_dir, building the whole project"
    exec $lakehouse dbt build
fi

echo "slim CI: modified against main:"
$lakehouse dbt ls --resource-type model --resource-type seed --resource-type snapshot \
    --select state:modified --state "$state_dir" --output name || true
$lakehouse dbt build --select +state:modified --exclude state:modified+ --exclude-resource-type test \
    --exclude-resource-type unit_test --state "$state_dir"
$lakehouse dbt build --select state:modified+ --defer --state "$state_dir"
