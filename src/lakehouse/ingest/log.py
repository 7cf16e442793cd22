"""The ingestion log: which files are in Bronze, and which batches were started but never finished.

Two small Delta tables next to the Bronze tables:

* ``<schema>._ingest_batches`` - one ``started`` row written *before* a batch writes to any Bronze table
  (the intent), and one ``aborted`` row once a crashed batch's rows have been deleted again;
* ``<schema>._ingest_file_log`` - one row per ingested file, all files of a batch appended in *one* Delta
  commit after every Bronze append of the batch succeeded. That commit is the batch's commit point.

A batch is therefore in exactly one of three states, each decided by atomic Delta commits:
committed (it has file-log rows), aborted, or pending (started, neither committed nor aborted: the process
died in between). Pending batches are rolled back at the next start (see ``lakehouse.ingest``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

FILE_LOG_TABLE = "_ingest_file_log"
BATCHES_TABLE = "_ingest_batches"

FILE_LOG_COLUMNS: tuple[tuple[str, str], ...] = (
    ("source_file", "STRING"),
    ("bronze_table", "STRING"),
    ("size_bytes", "BIGINT"),
    ("modified_at", "TIMESTAMP"),
    ("sha256", "STRING"),
    ("row_count", "BIGINT"),
    ("rescued_count", "BIGINT"),
    ("batch_id", "BIGINT"),
    ("ingested_at", "TIMESTAMP"),
)
BATCHES_COLUMNS: tuple[tuple[str, str], ...] = (
    ("batch_id", "BIGINT"),
    ("status", "STRING"),
    ("file_count", "BIGINT"),
    ("tables", "STRING"),  # the Bronze tables a started batch appends to (where a rollback must delete)
    ("recorded_at", "TIMESTAMP"),
)


@dataclass(frozen=True)
class FileEntry:
    """One ingested file, as the file log records it."""

    source_file: str
    bronze_table: str
    size_bytes: int
    modified_at: dt.datetime
    sha256: str
    row_count: int
    rescued_count: int


@dataclass(frozen=True)
class LogState:
    """What the log says before a run.

    ``ingested``: path -> size of every file in Bronze; ``pending``: batch id -> Bronze tables it may have
    written to, for batches started but neither committed nor aborted; ``next_batch_id``: never reused.
    """

    ingested: dict[str, int]
    pending: dict[int, tuple[str, ...]]
    next_batch_id: int


def _ddl(columns: tuple[tuple[str, str], ...]) -> str:
    return ", ".join(f"{name} {kind}" for name, kind in columns)


def log_ddls(schema: str) -> dict[str, str]:
    """Table name (within the schema) -> DDL of the two log tables."""
    comments = {
        FILE_LOG_TABLE: "lakehouse ingest: one row per landing file in Bronze (the exactly-once record)",
        BATCHES_TABLE: "lakehouse ingest: batch started/aborted markers for crash recovery",
    }
    return {
        table: f"CREATE TABLE IF NOT EXISTS {schema}.{table} ({_ddl(columns)}) USING DELTA COMMENT '{comments[table]}'"
        for table, columns in ((FILE_LOG_TABLE, FILE_LOG_COLUMNS), (BATCHES_TABLE, BATCHES_COLUMNS))
    }


def read_state(spark: SparkSession, schema: str) -> LogState:
    """Read both log tables in one Spark job (they are small: one row per file, two per batch)."""
    query = (
        f"SELECT 'file' AS kind, source_file, size_bytes, batch_id, NULL AS tables FROM {schema}.{FILE_LOG_TABLE} "
        f"UNION ALL SELECT status, NULL, NULL, batch_id, tables FROM {schema}.{BATCHES_TABLE}"
    )
    ingested: dict[str, int] = {}
    committed: set[int] = set()
    started: dict[int, tuple[str, ...]] = {}
    aborted: set[int] = set()
    for row in spark.sql(query).collect():
        if row.kind == "file":
            ingested[row.source_file] = row.size_bytes
            committed.add(row.batch_id)
        elif row.kind == "started":
            started[row.batch_id] = tuple(name for name in (row.tables or "").split(",") if name)
        else:
            aborted.add(row.batch_id)
    pending = {batch: started[batch] for batch in sorted(set(started) - committed - aborted)}
    return LogState(ingested, pending, max(set(started) | committed, default=0) + 1)


def record_batch(
    spark: SparkSession, schema: str, batch_id: int, status: str, file_count: int, tables: tuple[str, ...] = ()
) -> None:
    """Append a ``started`` (with the tables it will write) or ``aborted`` marker for a batch."""
    row = (batch_id, status, file_count, ",".join(tables), dt.datetime.now(dt.UTC))
    _append(spark, f"{schema}.{BATCHES_TABLE}", BATCHES_COLUMNS, [row])


def commit_files(
    spark: SparkSession, schema: str, batch_id: int, ingested_at: dt.datetime, entries: list[FileEntry]
) -> None:
    """The commit point of a batch: every file of it in one Delta append."""
    rows = [
        (
            e.source_file,
            e.bronze_table,
            e.size_bytes,
            e.modified_at,
            e.sha256,
            e.row_count,
            e.rescued_count,
            batch_id,
            ingested_at,
        )
        for e in entries
    ]
    _append(spark, f"{schema}.{FILE_LOG_TABLE}", FILE_LOG_COLUMNS, rows)


def _append(spark: SparkSession, table: str, columns: tuple[tuple[str, str], ...], rows: list[tuple]) -> None:
    spark.createDataFrame(rows, _ddl(columns)).writeTo(table).append()
