#!/usr/bin/env bash
# Build the dbt docs site (index.html + manifest.json + catalog.json) into a folder for upload.
# `dbt docs generate` reads the catalog from the warehouse, so it runs on the local embedded engine after
# a build; it compiles but builds nothing. `make test-docs` runs it on the isolated warehouse `make test-dbt`
# just built (LAKEHOUSE_STATE_DIR) into site/, which the browser test opens and CI uploads.
# Usage: scripts/build_docs_site.sh OUTPUT_DIR
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: scripts/build_docs_site.sh OUTPUT_DIR}

.venv/bin/lakehouse dbt docs generate --target-path target/docs-site
rm -rf "$out"
mkdir -p "$out"
for file in index.html manifest.json catalog.json; do
    if [[ ! -s target/docs-site/$file ]]; then
        echo "docs site incomplete: target/docs-site/$file is missing or empty" >&2
        exit 1
    fi
    cp "target/docs-site/$file" "$out/$file"
done
touch "$out/.nojekyll"  # GitHub Pages: serve the files as they are
echo "docs site ready in $out ($(du -sh "$out" | cut -f1))"
