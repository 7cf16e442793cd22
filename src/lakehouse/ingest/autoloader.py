"""The same ingestion on Databricks, with Auto Loader (``cloudFiles``) instead of the Python file log.

Selected with ``LAKEHOUSE_INGEST_MODE=autoloader``. Auto Loader keeps, per entity, the set of files it has
ingested in the stream's checkpoint (RocksDB) and commits it together with the Delta sink's transaction, so
every file lands exactly once, including after a crash; ``trigger(availableNow=True)`` processes what is new
and stops, so the job runs as a batch job (e.g. a Databricks Workflow task before ``dbt build``).

The options reproduce the Bronze contract of the local mode:

* ``cloudFiles.format`` csv/json from the contract; an explicit all-STRING schema with
  ``cloudFiles.inferColumnTypes=false``, so nothing is typed or inferred;
* ``cloudFiles.schemaEvolutionMode=rescue`` + ``rescuedDataColumn=_rescued_data``: unknown fields (also a
  name in the wrong case) go to ``_rescued_data`` as JSON and the table schema never changes;
* ``columnNameOfCorruptRecord=_corrupt_record`` in PERMISSIVE mode: a line that cannot be parsed is kept and
  its raw text moved into ``_rescued_data`` (``coalesce``), as locally;
* CSV: ``header``, ``multiLine`` (quoted fields may contain line breaks), RFC 4180 quoting (``escape='"'``);
* ``_source_file`` is ``_metadata.file_path`` made relative to the landing root.

Differences to the local mode, by design of Auto Loader: ``_batch_id`` is a per-run value chosen by the
driver (epoch milliseconds, increasing) rather than 1, 2, 3...; an empty file lands no row and no log entry
(Auto Loader's file state, ``SELECT * FROM cloud_files_state('<checkpoint>')``, lists it); a file with bytes
that are not valid UTF-8 gets U+FFFD characters without the ``_raw_bytes_base64`` marker.

The ``cloudFiles`` source exists only on Databricks; locally it fails with a clear :class:`IngestError`.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from lakehouse.contract import Entity

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

MODE_ENV = "LAKEHOUSE_INGEST_MODE"
LANDING_URI_ENV = "LAKEHOUSE_LANDING_URI"
CHECKPOINT_URI_ENV = "LAKEHOUSE_CHECKPOINT_URI"


def reader_options(entity: Entity, checkpoint_uri: str) -> dict[str, str]:
    """The ``cloudFiles`` reader options for one entity."""
    options = {
        "cloudFiles.format": entity.file_format,
        "cloudFiles.inferColumnTypes": "false",
        "cloudFiles.schemaEvolutionMode": "rescue",
        "cloudFiles.schemaLocation": checkpoint_uri,
        "cloudFiles.includeExistingFiles": "true",
        "rescuedDataColumn": "_rescued_data",
        "readerCaseSensitive": "true",
        "mode": "PERMISSIVE",
        "columnNameOfCorruptRecord": "_corrupt_record",
        "encoding": "UTF-8",
    }
    if entity.file_format == "csv":
        options |= {"header": "true", "multiLine": "true", "sep": ",", "quote": '"', "escape": '"'}
    return options


def autoloader_stream(
    spark: SparkSession,
    entity: Entity,
    landing_uri: str,
    checkpoint_uri: str,
    table: str,
    *,
    batch_id: int | None = None,
    ingested_at: dt.datetime | None = None,
) -> Any:
    """Start the ``availableNow`` Auto Loader stream that lands ``entity`` into ``table``; returns the query.

    ``batch_id`` and ``ingested_at`` default to "now" (epoch milliseconds / UTC timestamp): one value per
    run, shared by all entities when the caller passes them.
    """
    ingested_at = ingested_at or dt.datetime.now(dt.UTC)
    batch_id = batch_id if batch_id is not None else int(ingested_at.timestamp() * 1000)
    folder = f"{entity.system}/{entity.name}"
    schema = ", ".join([*(f"`{name}` STRING" for name in entity.fields), "`_corrupt_record` STRING"])
    stamp = ingested_at.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    reader = spark.readStream.format("cloudFiles").options(**reader_options(entity, checkpoint_uri)).schema(schema)
    frame = reader.load(f"{landing_uri.rstrip('/')}/{folder}").selectExpr(
        *(f"`{name}`" for name in entity.fields),
        "coalesce(`_rescued_data`, `_corrupt_record`) AS `_rescued_data`",
        f"regexp_extract(`_metadata`.`file_path`, '/({folder}/.*)$', 1) AS `_source_file`",
        f"TIMESTAMP'{stamp}+00:00' AS `_ingested_at`",
        f"CAST({int(batch_id)} AS BIGINT) AS `_batch_id`",
    )
    return (
        frame.writeStream.format("delta")
        .outputMode("append")
        .option("checkpointLocation", checkpoint_uri)
        .trigger(availableNow=True)
        .toTable(table)
    )


def run_autoloader(
    spark: SparkSession,
    entities: tuple[Entity, ...],
    landing_uri: str,
    checkpoint_root: str,
    schema: str,
    progress: Callable[[str], None],
) -> tuple[int, dict[str, int], float]:
    """Run one stream per entity to completion; returns (batch id, rows per table, seconds)."""
    started = time.monotonic()
    ingested_at = dt.datetime.now(dt.UTC)
    batch_id = int(ingested_at.timestamp() * 1000)
    rows: dict[str, int] = {}
    for entity in entities:
        table = f"{schema}.{entity.bronze_table}"
        query = autoloader_stream(
            spark,
            entity,
            landing_uri,
            f"{checkpoint_root.rstrip('/')}/{entity.bronze_table}",
            table,
            batch_id=batch_id,
            ingested_at=ingested_at,
        )
        query.awaitTermination()
        rows[table] = _input_rows(query)
        progress(f"  {entity.key:<32} {rows[table]:>10,} rows  -> {table} (Auto Loader)")
    return batch_id, rows, time.monotonic() - started


def _input_rows(query: Any) -> int:
    """Rows read by a finished query (progress entries are dicts or ``StreamingQueryProgress`` objects)."""
    total = 0
    for entry in getattr(query, "recentProgress", None) or []:
        value = entry.get("numInputRows", 0) if isinstance(entry, dict) else getattr(entry, "numInputRows", 0)
        total += int(value or 0)
    return total


def landing_uri(default: str) -> str:
    return os.environ.get(LANDING_URI_ENV) or default


def checkpoint_uri(default: str) -> str:
    return os.environ.get(CHECKPOINT_URI_ENV) or default
