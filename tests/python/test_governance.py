"""Databricks governance, checked offline: what the `databricks` target would apply, and that `local` skips it.

No workspace is reachable, so the proof is dbt's own view of the project: ``dbt compile --inline`` against the
`databricks` target with dummy credentials (``--no-populate-cache --no-introspect``: nothing connects) writes
the manifest (grants, tags, masks, persist_docs, clustering, tblproperties per node) and renders the SQL of
our governance macros (mask functions, ALTER ... SET MASK, schema grants). The same against `local` proves
the embedded engine gets none of it (dbt-spark would fail on grants to groups that do not exist there).
What Unity Catalog then does with the statements is not verifiable here (README, "Governance").

Each dbt call is a subprocess (the two adapters do not share one process well) and costs one parse
(~20-40 s on a loaded 2-core box; partial parsing makes repeats faster).

Run: .venv/bin/python -m pytest tests/python/test_governance.py -q
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
DBT = ROOT / ".venv" / "bin" / "dbt"
PROJECT = "cosnova_lakehouse"
PIPELINE, ANALYSTS, DATA_SCIENTISTS, PII_READERS = (
    "cosnova-lakehouse-pipeline",
    "cosnova-analysts",
    "cosnova-data-scientists",
    "cosnova-pii-readers",
)
# columns holding personal data (or a pseudonym of it) wherever a model exposes them
PII_COLUMNS = {"email", "first_name", "last_name", "birth_date", "raw_birth_date", "email_hash", "birth_year"}
PII_SATELLITE = f"model.{PROJECT}.sat_customer_pii__crm"

# Renders our governance macros as JSON, so the test sees the exact statements the hooks would run.
INLINE = (
    "{%- set sat = graph.nodes['" + PII_SATELLITE + "'] -%}"
    "{%- set relation = api.Relation.create(database=sat.database, schema=sat.schema, identifier=sat.alias) -%}"
    "{{ tojson({"
    "'mask_functions': pii_mask_statements(),"
    "'column_masks': column_mask_statements(relation, sat),"
    "'schema_grants': schema_grant_statements(),"
    "'principals': {'pipeline': governance_principal('governance_pipeline_principal'),"
    " 'analysts': governance_principal('governance_analysts_group'),"
    " 'data_scientists': governance_principal('governance_data_scientists_group'),"
    " 'pii_readers': governance_principal('governance_pii_readers_group')}"
    "}) }}"
)


def compile_inline(target: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """(rendered governance statements, manifest) of the project for ``target``, without any connection."""
    target_path = ROOT / "target" / f"governance-{target}"  # never the folder make test-quality writes
    env = {
        **os.environ,
        "DBT_PROFILES_DIR": str(ROOT),
        "LAKEHOUSE_HOME": str(ROOT),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DATABRICKS_HOST": "dummy.cloud.databricks.com",
        "DATABRICKS_HTTP_PATH": "/sql/1.0/warehouses/dummy",
        "DATABRICKS_TOKEN": "dummy",
        "DATABRICKS_CATALOG": "cosnova",
    }
    env.pop("DBT_SCHEMA_PREFIX", None)
    command = [str(DBT), "compile", "--target", target, "--target-path", str(target_path), "--no-populate-cache"]
    # a full parse: partial parsing was seen to miss a changed column property of a snapshot
    command += ["--no-partial-parse", "--no-introspect", "--quiet", "--inline", INLINE]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, f"dbt compile --target {target} failed:\n{result.stdout}\n{result.stderr}"
    rendered = json.loads(result.stdout.strip().splitlines()[-1])
    manifest = json.loads((target_path / "manifest.json").read_text())
    return rendered, manifest


@pytest.fixture(scope="module")
def databricks() -> tuple[dict[str, Any], dict[str, Any]]:
    return compile_inline("databricks")


@pytest.fixture(scope="module")
def local() -> tuple[dict[str, Any], dict[str, Any]]:
    return compile_inline("local")


def project_nodes(manifest: dict[str, Any], *kinds: str) -> list[dict[str, Any]]:
    kinds = kinds or ("model", "snapshot", "seed")
    return [n for n in manifest["nodes"].values() if n["package_name"] == PROJECT and n["resource_type"] in kinds]


def layer(node: dict[str, Any]) -> str:
    """Folder below models/ (marts/intermediate counted apart: private building blocks), or the resource type."""
    if node["resource_type"] != "model":
        return node["resource_type"]
    parts = Path(node["original_file_path"]).parts
    return "marts/intermediate" if parts[1:3] == ("marts", "intermediate") else parts[1]


EXPECTED_READERS = {
    "staging": {PIPELINE},
    "raw_vault": {PIPELINE},
    "business_vault": {PIPELINE, DATA_SCIENTISTS},
    "marts": {PIPELINE, ANALYSTS, DATA_SCIENTISTS},
    "marts/intermediate": {PIPELINE},
    "audit": {PIPELINE},
    "snapshot": {PIPELINE},
    "seed": {PIPELINE, ANALYSTS, DATA_SCIENTISTS},
}


def test_databricks_grants_select_per_layer_and_nothing_else(databricks):
    rendered, manifest = databricks
    nodes = project_nodes(manifest)
    assert {layer(n) for n in nodes} == set(EXPECTED_READERS), "a new layer needs its readers decided here"
    for node in nodes:
        grants = node["config"]["grants"]
        assert set(grants) == {"select"}, f"{node['name']}: only SELECT is granted, got {grants}"
        assert set(grants["select"]) == EXPECTED_READERS[layer(node)], node["name"]
    # the inline defaults of dbt_project.yml's +grants and the macros' defaults are the same principals
    assert rendered["principals"] == {
        "pipeline": PIPELINE,
        "analysts": ANALYSTS,
        "data_scientists": DATA_SCIENTISTS,
        "pii_readers": PII_READERS,
    }


def test_databricks_schema_grants_keep_bronze_and_vault_to_the_pipeline(databricks):
    statements = databricks[0]["schema_grants"]
    granted: dict[str, set[str]] = {}
    revoked: dict[str, set[str]] = {}
    for statement in statements:
        words = statement.split()
        schema, principal = words[-3].split(".")[-1], words[-1].strip("`")
        if statement.startswith("grant use schema on schema "):
            granted.setdefault(schema, set()).add(principal)
        else:
            assert statement.startswith("revoke all privileges on schema "), statement
            revoked.setdefault(schema, set()).add(principal)
    for schema in ("bronze", "staging", "raw_vault", "snapshots", "audit"):
        assert granted[schema] == {PIPELINE}, schema
        assert revoked[schema] == {ANALYSTS, DATA_SCIENTISTS}, schema
    assert granted["business_vault"] == {PIPELINE, DATA_SCIENTISTS}
    assert revoked["business_vault"] == {ANALYSTS}
    assert granted["marts"] == {PIPELINE, ANALYSTS, DATA_SCIENTISTS}
    assert "marts" not in revoked


def test_databricks_persists_docs_of_every_relation_and_column(databricks):
    for node in project_nodes(databricks[1]):
        assert node["config"]["persist_docs"] == {"relation": True, "columns": True}, node["name"]


def test_databricks_tags_every_pii_column(databricks):
    manifest = databricks[1]
    tagged = 0
    for node in project_nodes(manifest, "model", "snapshot"):
        for name, column in node["columns"].items():
            if name in PII_COLUMNS:
                tags = column.get("databricks_tags") or {}
                assert tags.get("pii") and tags.get("data_classification"), f"{node['name']}.{name} is not tagged"
                tagged += 1
    assert tagged >= 10
    assert manifest["nodes"][PII_SATELLITE]["config"]["databricks_tags"] == {"contains_pii": "true"}


def test_databricks_masks_the_pii_satellite_with_the_projects_functions(databricks):
    rendered, manifest = databricks
    satellite = manifest["nodes"][PII_SATELLITE]
    masks = {name: c["column_mask"]["function"] for name, c in satellite["columns"].items() if c.get("column_mask")}
    assert masks == {
        "email": "mask_pii_string",
        "first_name": "mask_pii_string",
        "last_name": "mask_pii_string",
        "birth_date": "mask_pii_date",
    }
    assert "{{ apply_column_masks() }}" in [hook["sql"] for hook in satellite["config"]["post-hook"]]
    assert "{{ create_pii_mask_functions() }}" in _hooks(manifest, "on-run-start")
    assert "{{ apply_schema_grants() }}" in _hooks(manifest, "on-run-end")
    schema = f"{satellite['database']}.{satellite['schema']}"
    functions = rendered["mask_functions"]
    assert functions[0] == f"create schema if not exists {schema}"
    for function_name, sql_type in (("mask_pii_string", "string"), ("mask_pii_date", "date")):
        sql = next(s for s in functions if f" {schema}.{function_name}(" in s)
        assert f"(value {sql_type})" in sql and f"returns {sql_type}" in sql
        assert f"is_account_group_member('{PII_READERS}')" in sql
        assert f"is_account_group_member('{PIPELINE}')" in sql
    relation = f"`{satellite['database']}`.`{satellite['schema']}`.`{satellite['alias']}`"
    assert sorted(rendered["column_masks"]) == sorted(
        f"alter table {relation} alter column `{column}` set mask {schema}.{function}"
        for column, function in masks.items()
    )
    # Unity Catalog masks tables only: a masked column on a view would fail on Databricks
    for node in project_nodes(manifest, "model"):
        if any(c.get("column_mask") for c in node["columns"].values()):
            assert node["config"]["materialized"] in {"table", "incremental"}, node["name"]


def _hooks(manifest: dict[str, Any], kind: str) -> list[str]:
    return [
        n["raw_code"] for n in manifest["nodes"].values() if n["resource_type"] == "operation" and kind in n["name"]
    ]


def test_databricks_clusters_vault_by_hash_key_and_facts_by_event_date(databricks):
    manifest = databricks[1]
    for node in project_nodes(manifest, "model"):
        config, kind = node["config"], layer(node)
        if kind == "raw_vault":
            clustering = config["liquid_clustered_by"]
            assert clustering[0].endswith("_hk") and clustering[0] in node["columns"], node["name"]
            assert config["tblproperties"] == {"delta.appendOnly": "true"}, node["name"]
            assert config["full_refresh"] is False, f"{node['name']}: an append-only table cannot be replaced"
        if node["name"].startswith("fact_"):
            assert config["liquid_clustered_by"][0] in {"order_date", "event_date"}, node["name"]
            assert not config.get("partition_by"), (
                f"{node['name']}: liquid clustering and partitions exclude each other"
            )
        if node["name"].startswith(("pit_", "bsat_", "bridge_")):
            assert config["liquid_clustered_by"][0].endswith("_hk"), node["name"]


def test_local_target_skips_all_of_it(local):
    rendered, manifest = local
    assert rendered["mask_functions"] == [] and rendered["column_masks"] == [] and rendered["schema_grants"] == []
    for node in project_nodes(manifest):
        config = node["config"]
        assert config["grants"] == {}, f"{node['name']}: dbt-spark would try SHOW GRANTS on the embedded engine"
        assert config["persist_docs"] == {"relation": False, "columns": False}, node["name"]
        if layer(node) == "raw_vault":
            assert config["tblproperties"] is None and config["full_refresh"] is None, node["name"]
        if node["name"].startswith("fact_"):
            assert config["liquid_clustered_by"] is None and config["partition_by"], node["name"]
