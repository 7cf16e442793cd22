#!/usr/bin/env bash
# Slim CI: fetch the dbt manifest that the latest successful `ci` run on main uploaded (artifact
# `dbt-manifest`), with the GitHub CLI that every hosted runner has. Needs GH_TOKEN (actions: read) and
# REPOSITORY (owner/name). When there is none yet (first run, expired artifact), the folder stays empty and
# scripts/slim_ci.sh falls back to building everything.
# Usage: scripts/fetch_main_manifest.sh STATE_DIR
set -euo pipefail
state_dir=${1:?usage: scripts/fetch_main_manifest.sh STATE_DIR}
: "${REPOSITORY:?set REPOSITORY=owner/name}"
rm -rf "$state_dir"
mkdir -p "$state_dir"

run_id=$(gh run list --repo "$REPOSITORY" --workflow ci.yml --branch main --event push --status success \
    --limit 1 --json databaseId --jq '.[0].databaseId // empty')
if [[ -z $run_id ]]; then
    echo "no successful ci run on main yet: slim CI will build everything"
    exit 0
fi
if gh run download "$run_id" --repo "$REPOSITORY" --name dbt-manifest --dir "$state_dir"; then
    echo "main's manifest from run $run_id is in $state_dir"
else
    echo "run $run_id has no dbt-manifest artifact (expired?): slim CI will build everything"
    rm -rf "$state_dir" && mkdir -p "$state_dir"
fi
