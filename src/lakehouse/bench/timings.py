"""Per-model and per-layer seconds from dbt's ``run_results.json`` (pure functions, no engine needed)."""

from __future__ import annotations

from typing import Any

# the order layers are reported and plotted in
LAYERS = ("staging", "raw_vault", "business_vault", "snapshots", "marts", "audit", "reference", "tests", "other")


def node_name(unique_id: str) -> str:
    """``model.project.hub_customer`` -> ``hub_customer``."""
    return unique_id.rsplit(".", 1)[-1]


def node_layer(result: dict[str, Any]) -> str:
    """The layer a run result belongs to: its relation's schema, tests and unit tests as ``tests``.

    ``relation_name`` is e.g. ``raw_vault.hub_customer`` or, with a schema prefix on Databricks,
    ``cat.jdoe_raw_vault.hub_customer``: the schema is the second-to-last part, matched by suffix.
    """
    resource_type = result.get("unique_id", "").split(".", 1)[0]
    if resource_type in {"test", "unit_test"}:
        return "tests"
    relation = result.get("relation_name") or ""
    parts = [part.strip('`"') for part in relation.split(".")]
    schema = parts[-2] if len(parts) >= 2 else ""
    for layer in LAYERS:
        if schema == layer or schema.endswith(f"_{layer}"):
            return layer
    return "other"


def node_seconds(run_results: dict[str, Any]) -> dict[str, float]:
    """Seconds per node name (models, snapshots, seeds, tests) as dbt measured them."""
    return {node_name(r["unique_id"]): float(r.get("execution_time") or 0.0) for r in run_results.get("results", [])}


def layer_seconds(run_results: dict[str, Any]) -> dict[str, float]:
    """Seconds per layer: the sum of its nodes' execution times (threads: 1, so they add up to the run)."""
    totals: dict[str, float] = {}
    for result in run_results.get("results", []):
        layer = node_layer(result)
        totals[layer] = totals.get(layer, 0.0) + float(result.get("execution_time") or 0.0)
    return {layer: round(totals[layer], 3) for layer in LAYERS if layer in totals}


def failed_nodes(run_results: dict[str, Any]) -> list[str]:
    return [
        r["unique_id"] for r in run_results.get("results", []) if r.get("status") in {"error", "fail", "runtime error"}
    ]
