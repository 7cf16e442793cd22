"""Documentation coverage of the dbt project, read from dbt's own artefacts (no warehouse, no Spark).

The rule (README, Governance): every model, seed, snapshot, source table and exposure of the project has a
description, and so does every column. Declared columns are checked against ``manifest.json``; given the
``catalog.json`` of ``dbt docs generate``, every column that really exists in the warehouse must also be
declared and described, which catches a column added to the SQL but forgotten in the YAML. Marts have
enforced contracts, so their declared columns are their real columns even without a catalog.

Columns with a project-wide meaning (hash keys, hashdiffs, ``load_datetime``, ``record_source``, the Bronze
metadata, the ``raw_*`` values of the base models, the PIT columns) must carry the shared doc block
(``models/_shared__docs.md``) through ``{{ doc() }}``, so the same column is explained the same way on every
page of the docs site; a model-specific note may follow it.

Usage: ``python -m lakehouse.docs_coverage MANIFEST [--catalog CATALOG]``; exits 1 and lists every gap.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

DOCUMENTED_NODES = ("model", "seed", "snapshot")
# column name pattern -> the doc blocks one of which its description must contain
SHARED_COLUMN_DOCS: list[tuple[re.Pattern[str], tuple[str, ...]]] = [
    (re.compile(r"load_datetime"), ("col_load_datetime",)),
    (re.compile(r"record_source"), ("col_record_source",)),
    # marts call the vault hash key of a dimension its durable key
    (re.compile(r"\w+_hk"), ("col_hash_key", "col_durable_hk")),
    (re.compile(r"(\w+_)?hashdiff"), ("col_hashdiff",)),
    (re.compile(r"dq_reject_reason"), ("col_dq_reject_reason",)),
    (re.compile(r"_rescued_data"), ("col_rescued_data",)),
    (re.compile(r"_source_file"), ("col_source_file",)),
    (re.compile(r"_ingested_at"), ("col_ingested_at",)),
    (re.compile(r"_batch_id"), ("col_batch_id",)),
    (re.compile(r"raw_\w+"), ("col_raw_value",)),
    # point-in-time tables: <satellite>_PK / <satellite>_LDTS per satellite
    (re.compile(r"\w+_pk"), ("col_pit_sat_key",)),
    (re.compile(r"\w+_ldts"), ("col_pit_sat_load_datetime",)),
]


def _blank(text: object) -> bool:
    return not isinstance(text, str) or not text.strip()


def _column_gaps(unique_id: str, columns: dict[str, Any]) -> list[str]:
    return [
        f"{unique_id}: column `{name}` has no description"
        for name, column in columns.items()
        if _blank(column.get("description"))
    ]


def _shared_doc_gaps(unique_id: str, columns: dict[str, Any], doc_blocks: dict[str, str]) -> list[str]:
    gaps = []
    for name, column in columns.items():
        if _blank(column.get("description")):
            continue  # reported as undocumented already
        for pattern, block_names in SHARED_COLUMN_DOCS:
            if not pattern.fullmatch(name.lower()):
                continue
            texts = [doc_blocks[block] for block in block_names if block in doc_blocks]
            if not any(text in (column.get("description") or "") for text in texts):
                blocks = " or ".join(f"doc('{block}')" for block in block_names)
                gaps.append(f"{unique_id}: column `{name}` does not use the shared {blocks}")
            break
    return gaps


def _catalog_gaps(unique_id: str, declared: dict[str, Any], catalog_entry: dict[str, Any]) -> list[str]:
    # the catalog spells columns as the warehouse does; YAML names are matched case-insensitively
    known = {name.lower() for name in declared}
    return [
        f"{unique_id}: column `{name}` exists in the warehouse but is not documented"
        for name in catalog_entry.get("columns", {})
        if name.lower() not in known
    ]


def undocumented(manifest: dict[str, Any], catalog: dict[str, Any] | None = None) -> list[str]:
    """Every documentation gap of the root project, one readable line each (empty: fully documented)."""
    project = manifest["metadata"]["project_name"]
    catalog_nodes = (catalog or {}).get("nodes", {})
    catalog_sources = (catalog or {}).get("sources", {})
    # dbt renders {{ doc() }} into the description, so a column uses a block when it contains the block's text
    doc_blocks = {
        doc["name"]: doc["block_contents"].strip()
        for doc in manifest.get("docs", {}).values()
        if doc["package_name"] == project and doc["block_contents"].strip()
    }
    gaps: list[str] = []

    for unique_id, node in sorted(manifest["nodes"].items()):
        if node["package_name"] != project or node["resource_type"] not in DOCUMENTED_NODES:
            continue
        if _blank(node.get("description")):
            gaps.append(f"{unique_id}: no description")
        if node["resource_type"] == "model" and not node["columns"]:
            gaps.append(f"{unique_id}: no column documented")
        gaps += _column_gaps(unique_id, node["columns"])
        gaps += _shared_doc_gaps(unique_id, node["columns"], doc_blocks)
        if unique_id in catalog_nodes:
            gaps += _catalog_gaps(unique_id, node["columns"], catalog_nodes[unique_id])

    for unique_id, source in sorted(manifest["sources"].items()):
        if source["package_name"] != project:
            continue
        if _blank(source.get("source_description")):
            gaps.append(f"{unique_id}: source `{source['source_name']}` has no description")
        if _blank(source.get("description")):
            gaps.append(f"{unique_id}: no description")
        if not source["columns"]:
            gaps.append(f"{unique_id}: no column documented")
        gaps += _column_gaps(unique_id, source["columns"])
        gaps += _shared_doc_gaps(unique_id, source["columns"], doc_blocks)
        if unique_id in catalog_sources:
            gaps += _catalog_gaps(unique_id, source["columns"], catalog_sources[unique_id])

    for unique_id, exposure in sorted(manifest.get("exposures", {}).items()):
        if exposure["package_name"] == project and _blank(exposure.get("description")):
            gaps.append(f"{unique_id}: no description")

    return gaps


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("manifest", type=Path, help="manifest.json of dbt parse / docs generate")
    parser.add_argument("--catalog", type=Path, help="catalog.json of dbt docs generate (checks real columns)")
    args = parser.parse_args(argv)

    manifest = json.loads(args.manifest.read_text(encoding="utf-8"))
    catalog = json.loads(args.catalog.read_text(encoding="utf-8")) if args.catalog else None
    if catalog is not None and not catalog.get("nodes"):
        print(f"{args.catalog}: the catalog lists no relation; build the warehouse first", file=sys.stderr)
        return 1
    gaps = undocumented(manifest, catalog)
    for gap in gaps:
        print(gap, file=sys.stderr)
    checked = "manifest and catalog" if catalog else "manifest"
    if gaps:
        print(f"docs coverage: {len(gaps)} gap(s) ({checked})", file=sys.stderr)
        return 1
    print(f"docs coverage: every model, seed, snapshot, source, exposure and column documented ({checked})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
