"""Bronze Delta tables: DDL from the contract, appends from the staging files, rollback of a crashed batch.

Tables are declared explicitly (every contract field STRING, then the metadata columns of
``lakehouse.contract.METADATA_COLUMNS``) rather than inferred from the first file, so a table exists with
the right columns before any file for it arrived, and a file with extra columns cannot widen it: extras
live in ``_rescued_data``. No partitioning: Bronze is read incrementally by ``_batch_id`` / ``_ingested_at``
and in full by staging views; at our volumes partitions would only produce small files.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlparse

from lakehouse.contract import ENTITIES, METADATA_COLUMNS, Entity
from lakehouse.ingest.errors import IngestError
from lakehouse.ingest.staging import staging_columns

if TYPE_CHECKING:
    from pyspark.sql import SparkSession


def table_name(schema: str, entity: Entity) -> str:
    return f"{schema}.{entity.bronze_table}"


def bronze_columns(entity: Entity) -> list[tuple[str, str]]:
    return [*((name, "STRING") for name in entity.fields), *METADATA_COLUMNS]


def create_table_sql(schema: str, entity: Entity) -> str:
    """The DDL of one Bronze table (valid on Spark and on Databricks SQL alike)."""
    columns = ", ".join(f"`{name}` {kind}" for name, kind in bronze_columns(entity))
    return (
        f"CREATE TABLE IF NOT EXISTS {table_name(schema, entity)} ({columns}) USING DELTA "
        f"COMMENT 'Bronze: landing/{entity.key} as delivered (lakehouse ingest)'"
    )


def existing_tables(spark: SparkSession, schema: str) -> set[str]:
    """Tables already in ``schema``, creating the schema when missing."""
    if not spark.catalog.databaseExists(schema):  # checked first: the metastore logs an ERROR for IF NOT EXISTS
        spark.sql(f"CREATE SCHEMA IF NOT EXISTS {schema}")
    return {row.tableName for row in spark.sql(f"SHOW TABLES IN {schema}").collect() if not row.isTemporary}


def bronze_ddls(schema: str) -> dict[str, str]:
    """Table name (within the schema) -> DDL, for every contract entity."""
    return {entity.bronze_table: create_table_sql(schema, entity) for entity in ENTITIES}


def create_missing_tables(spark: SparkSession, schema: str, ddls: dict[str, str], existing: set[str]) -> list[str]:
    """Run the DDL of every table not in ``existing``; returns the tables created.

    A managed table whose folder exists without a metastore entry is what a process killed inside
    ``CREATE TABLE`` leaves behind (Delta commits the table's log before it registers the table), and Spark
    then refuses to create the table. Such a folder holds no data yet, so we remove it and create the table
    again; a folder that does hold data is left alone and reported.
    """
    created: list[str] = []
    missing = [table for table in ddls if table not in existing]
    location = _schema_location(spark, schema) if missing else None
    for table in missing:
        if location is not None:
            _clear_orphan_folder(location / table, schema, table)
        spark.sql(ddls[table])
        created.append(f"{schema}.{table}")
    return created


def _clear_orphan_folder(folder: Path, schema: str, table: str) -> None:
    if not folder.exists():
        return
    data_files = [p for p in folder.rglob("*.parquet") if "_delta_log" not in p.parts]
    if data_files:
        raise IngestError(
            f"{folder} holds Delta data but {schema}.{table} is not in the metastore (was the metastore reset?). "
            f"Re-register it with CREATE TABLE {schema}.{table} USING DELTA LOCATION '{folder}', or move the "
            "folder away to start the table afresh, then re-run"
        )
    shutil.rmtree(folder)


def _schema_location(spark: SparkSession, schema: str) -> Path | None:
    """The local folder of a schema; None when it is not on the local file system."""
    rows = spark.sql(f"DESCRIBE SCHEMA EXTENDED {schema}").collect()
    location = next((row[1] for row in rows if row[0] == "Location"), None)
    if not location:
        return None
    parsed = urlparse(location)
    if parsed.scheme not in ("", "file"):
        return None
    return Path(unquote(parsed.path))


def add_missing_columns(spark: SparkSession, schema: str, entity: Entity) -> None:
    """A field added to the contract after the table was created becomes a new (NULL so far) column."""
    name = table_name(schema, entity)
    have = set(spark.table(name).columns)
    missing = [field for field in entity.fields if field not in have]
    if missing:
        spark.sql(f"ALTER TABLE {name} ADD COLUMNS ({', '.join(f'`{f}` STRING' for f in missing)})")


def append_staged(
    spark: SparkSession, schema: str, entity: Entity, folder: Path, batch_id: int, ingested_at: dt.datetime
) -> None:
    """One Delta append of all staged rows of this table, tagged with the batch id and run timestamp."""
    from pyspark.sql import functions as F

    staged = spark.read.schema(", ".join(f"`{c}` STRING" for c in staging_columns(entity))).parquet(str(folder))
    frame = staged.select(
        *(F.col(f"`{c}`") for c in staging_columns(entity)),
        F.lit(ingested_at).cast("timestamp").alias("_ingested_at"),
        F.lit(batch_id).cast("bigint").alias("_batch_id"),
    )
    frame.writeTo(table_name(schema, entity)).append()


def delete_batch(spark: SparkSession, schema: str, batch_id: int, tables: tuple[str, ...]) -> None:
    """Roll back a crashed batch: delete its rows from the Bronze tables it was about to write.

    ``tables`` comes from the batch's ``started`` marker; when it is empty (unknown) every Bronze table is
    cleaned. Deleting where the batch wrote nothing is a no-op, so repeating a rollback is harmless.
    """
    targets = tables or tuple(entity.bronze_table for entity in ENTITIES)
    for table in targets:
        spark.sql(f"DELETE FROM {schema}.{table} WHERE _batch_id = {int(batch_id)}")
