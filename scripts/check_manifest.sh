#!/usr/bin/env bash
# Manifest check (pre-commit hook `dbt-manifest`): the project parses, and its metadata scores well.
#   dbt parse       - every model, macro, test and YAML file is valid (no warehouse, no Spark)
#   dbt-score lint  - descriptions, owners, tests, model size; fails under the thresholds below
# Writes to target/manifest-check so it never races a build that uses target/.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export LAKEHOUSE_HOME=$root DBT_SEND_ANONYMOUS_USAGE_STATS=false
export DBT_PROFILES_DIR=${DBT_PROFILES_DIR:-$root}
if [[ ! -f $DBT_PROFILES_DIR/profiles.yml ]]; then
    DBT_PROFILES_DIR=$(mktemp -d)
    cp profiles.yml.example "$DBT_PROFILES_DIR/profiles.yml"
    trap 'rm -rf "$DBT_PROFILES_DIR"' EXIT
fi
target_path=target/manifest-check

[[ -d dbt_packages ]] || .venv/bin/dbt deps --quiet
.venv/bin/dbt parse --quiet --target-path "$target_path"

# has_example_sql: our docs use doc blocks and lineage, not example queries (not a project convention).
.venv/bin/dbt-score lint \
    --manifest "$target_path/manifest.json" \
    --disabled-rule dbt_score.rules.generic.has_example_sql \
    --fail-project-under "${DBT_SCORE_PROJECT_MIN:-8.0}" \
    --fail-any-item-under "${DBT_SCORE_ITEM_MIN:-5.0}" \
    --show failing-items
