"""Per-model and per-layer seconds from dbt's ``run_results.json``, seconds per kind of SQL statement from its
debug log (pure functions, no engine needed)."""

from __future__ import annotations

import re
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


# dbt's debug log: "<time> [debug] [Thread-1  ]: On model.p.hub_x: <sql ...>" and, later on the same thread,
# "SQL status: OK in 1.234 seconds"; colour codes may lead the line
_LOG_LINE = re.compile(
    r"^(?:\x1b\[[0-9;]*m)?(?P<time>\d\d:\d\d:\d\d\.\d+) \[\w+\s*\] \[(?P<thread>[^\]]+)\]: (?P<message>.*)$"
)
_STATEMENT_START = re.compile(r"^On \S+: (?P<sql>.*)$")
_STATEMENT_END = re.compile(r"^SQL status: \S+ in (?P<seconds>[\d.]+) seconds")
QUERY_KIND = "query (high-water marks, snapshot checks)"
# kind of statement -> the first words it starts with (comments removed, lower case); no prefix starts another
STATEMENT_KINDS = {
    "temporary view (incremental batches)": ("create or replace temporary view", "create temporary view"),
    "view": ("create or replace view", "create view"),
    "table (create, create or replace as select)": ("create or replace table", "create table"),
    "insert (incremental loads, seeds)": ("insert into",),
    "insert overwrite": ("insert overwrite",),
    "merge (incremental facts, snapshots)": ("merge into",),
    "metadata (describe, show, create schema)": ("describe", "show", "create schema"),
    QUERY_KIND: ("select", "with"),
    "drop": ("drop",),
}


# dbt-spark's session cursor runs a query lazily: "SQL status" comes when Spark has planned it, its rows are
# computed when dbt fetches them, before the thread's next log line
FETCHED_KINDS = {QUERY_KIND}


def _seconds_of_day(clock: str) -> float:
    hours, minutes, seconds = clock.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


def _statement_kind(sql: str) -> str:
    text = re.sub(r"/\*.*?\*/", " ", sql, flags=re.DOTALL)
    text = re.sub(r"--[^\n]*", " ", text)
    text = " ".join(text.lower().split())
    return next((kind for kind, prefixes in STATEMENT_KINDS.items() if text.startswith(prefixes)), "other")


def statement_seconds(dbt_log: str) -> dict[str, dict[str, float]]:
    """Statements and seconds per kind of SQL statement in one dbt invocation's debug log, most seconds first.

    Seconds are per statement, as dbt timed them: with more than one thread they overlap (thread seconds).
    A statement's text runs from its "On <node>:" line to the next log line; its time is the next
    "SQL status" line of the same thread. A query whose rows dbt fetches (high-water marks) also gets the time
    from its "SQL status" to the thread's next log line: the fetch, where Spark runs it.
    """
    totals: dict[str, dict[str, float]] = {}
    open_statements: dict[str, list[str]] = {}  # thread -> the statement's lines so far
    fetching: dict[str, tuple[dict[str, float], float]] = {}  # thread -> (its kind's total, time of its status)
    collecting: list[str] | None = None
    for line in dbt_log.splitlines():
        match = _LOG_LINE.match(line)
        if match is None:
            if collecting is not None:
                collecting.append(line)
            continue
        collecting = None
        thread, message, now = match["thread"].strip(), match["message"], _seconds_of_day(match["time"])
        if thread in fetching:
            total, since = fetching.pop(thread)
            total["seconds"] += (now - since) % 86400  # a build may run past midnight
        start = _STATEMENT_START.match(message)
        if start and start["sql"] not in {"ROLLBACK", "Close"}:  # the adapter's no-op transaction calls
            collecting = open_statements[thread] = [start["sql"]]
        elif (end := _STATEMENT_END.match(message)) and thread in open_statements:
            kind = _statement_kind("\n".join(open_statements.pop(thread)))
            total = totals.setdefault(kind, {"statements": 0, "seconds": 0.0})
            total["statements"] += 1
            total["seconds"] += float(end["seconds"])
            if kind in FETCHED_KINDS:
                fetching[thread] = (total, now)
    ranked = sorted(totals.items(), key=lambda item: -item[1]["seconds"])
    return {kind: {"statements": v["statements"], "seconds": round(v["seconds"], 2)} for kind, v in ranked}
