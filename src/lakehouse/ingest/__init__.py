"""Land every new landing file in its Bronze Delta table exactly once: Auto Loader semantics, locally.

``ingest()`` is ``lakehouse ingest``: it finds the files under ``landing/<system>/<entity>/`` that are not in
Bronze yet, parses them in Python (``readers``: every contract field as a string exactly as delivered,
unexpected or broken content in ``_rescued_data``) and appends them to ``bronze.<system>__<entity>``, one
Delta append per table per run, every row tagged with the run's ``_batch_id`` and ``_ingested_at``.

Exactly once, crash-safe
------------------------
A file is identified by its path relative to the landing root; landing files are immutable, so a path
that is in the file log is never read again, and the same content under a new name is a new delivery
(Auto Loader behaves the same; downstream deduplicates records). A run is one *batch* with a new id:

1. parse all new files into local Parquet staging files (nothing in Bronze has changed yet);
2. append a ``started`` marker for the batch to ``<schema>._ingest_batches`` (the intent);
3. append each table's staged rows to its Bronze table, with ``_batch_id`` = the batch id (one append per
   table, a few side by side);
4. append one row per file to ``<schema>._ingest_file_log`` in a single Delta commit: the commit point.

Every step is an atomic Delta commit, so a run killed at any moment leaves either a committed batch (file
log rows exist) or a pending one (``started`` but no file log rows). At start-up every pending batch is
rolled back: ``DELETE FROM <table> WHERE _batch_id = <pending id>`` on each table its marker names, then an
``aborted`` marker (a crash during the rollback just repeats it; batch ids are never reused). The pending
batch's files are not in the file log, so the run lands them again: Bronze ends exactly as after an
uninterrupted run. The marker costs one tiny commit per run and spares scanning every Bronze table for
orphaned batches on every start. (Delta's idempotent writes, ``txnAppId``/``txnVersion``, would skip a
re-written table but cannot cope with the batch's file set changing between the crash and the re-run, so
they would still need a persisted plan.)

Crash points for tests: ``LAKEHOUSE_INGEST_CRASH_AFTER=<point>`` (see ``CRASH_POINTS``) SIGKILLs the
process there; unset in normal use.

On Databricks
-------------
``LAKEHOUSE_INGEST_MODE=autoloader`` runs the same job with Auto Loader: one ``cloudFiles`` stream per entity
with ``cloudFiles.format``, ``cloudFiles.schemaEvolutionMode=rescue``, ``rescuedDataColumn=_rescued_data``,
``cloudFiles.inferColumnTypes=false``, a checkpoint per entity and ``trigger(availableNow=True)``; see
``lakehouse.ingest.autoloader`` and ``README.md`` in this folder.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import signal
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from lakehouse.contract import BRONZE_SCHEMA, ENTITIES, Entity
from lakehouse.ingest import bronze, log
from lakehouse.ingest.autoloader import MODE_ENV, autoloader_stream, checkpoint_uri, landing_uri, run_autoloader
from lakehouse.ingest.discover import LandingFile, discover
from lakehouse.ingest.errors import IngestError
from lakehouse.ingest.readers import RAW_BYTES_KEY, read_rows
from lakehouse.ingest.staging import StagingWriter, remove_staging, reset_staging

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

    from lakehouse.paths import LocalPaths

__all__ = [
    "CRASH_POINTS",
    "RAW_BYTES_KEY",
    "IngestError",
    "IngestSummary",
    "autoloader_stream",
    "ingest",
]

APPEND_THREADS = 4  # Bronze appends in flight at once (they overlap their fixed Delta overhead)
CRASH_ENV = "LAKEHOUSE_INGEST_CRASH_AFTER"
CRASH_POINTS = (
    "after_rollback",  # pending batch's rows deleted, ``aborted`` marker not yet written
    "after_intent",  # ``started`` marker committed, no Bronze append yet
    "after_first_append",  # one Bronze table appended, others not yet (or still in flight)
    "before_log_commit",  # every Bronze table appended, file log not committed
    "after_log_commit",  # batch committed, staging not cleaned up
)


@dataclass(frozen=True)
class IngestSummary:
    """What one run landed. Row counts cover every contract table (0 when nothing new arrived for it)."""

    batch_id: int | None  # None when there was nothing new to land
    files_ingested: int
    rows_by_table: Mapping[str, int]
    rescued_rows_by_table: Mapping[str, int]
    empty_files: tuple[str, ...]  # new files that held no record (0 bytes, header only, blank lines)
    skipped_files: int  # files already in Bronze from an earlier run
    rolled_back_batches: tuple[int, ...] = ()
    seconds: float = 0.0
    mode: str = "local"
    files_by_table: Mapping[str, int] = field(default_factory=dict)
    timings: Mapping[str, float] = field(default_factory=dict)  # seconds per phase: setup, parse, write, commit

    @property
    def rows(self) -> int:
        return sum(self.rows_by_table.values())

    @property
    def rescued_rows(self) -> int:
        return sum(self.rescued_rows_by_table.values())

    def one_line(self) -> str:
        recovered = (
            f"; rolled back crashed batch(es) {', '.join(map(str, self.rolled_back_batches))}"
            if self.rolled_back_batches
            else ""
        )
        if self.mode == "autoloader":
            return (
                f"ingest (Auto Loader) batch {self.batch_id}: {self.rows:,} rows into "
                f"{len(self.rows_by_table)} Bronze tables in {self.seconds:.1f}s"
            )
        if self.batch_id is None:
            return (
                f"ingest: nothing new ({self.skipped_files} files already in Bronze), Bronze unchanged{recovered} "
                f"in {self.seconds:.1f}s"
            )
        tables = sum(1 for rows in self.rows_by_table.values() if rows)
        return (
            f"ingest batch {self.batch_id}: {self.files_ingested} new files, {self.rows:,} rows into {tables} "
            f"Bronze tables ({self.rescued_rows:,} with _rescued_data, {len(self.empty_files)} empty files, "
            f"{self.skipped_files} files already ingested){recovered} in {self.seconds:.1f}s "
            f"({self.rows / max(self.seconds, 1e-9):,.0f} rows/s)"
        )


def ingest(
    spark: SparkSession,
    landing: Path,
    paths: LocalPaths,
    progress: Callable[[str], None] = print,
    *,
    schema: str = BRONZE_SCHEMA,
    ingested_at: dt.datetime | None = None,
) -> IngestSummary:
    """Land every landing file not yet in Bronze, exactly once; create missing Bronze tables first.

    ``schema`` exists so that tests (sharing one metastore) can each use their own; production uses
    ``bronze``. ``ingested_at`` overrides the run's clock (default: now, UTC); the demo uses it to load
    day N of a simulated history "on" day N, so load dates in the vault read like a real daily schedule.
    Raises :class:`IngestError` for layout problems and unreadable files, before Bronze changes.
    """
    mode = os.environ.get(MODE_ENV, "local")
    if mode == "autoloader":
        return _ingest_autoloader(spark, landing, paths, progress, schema)
    if mode != "local":
        raise IngestError(f"{MODE_ENV}={mode!r} is not a mode: use 'local' (default) or 'autoloader'")
    started = lap = time.monotonic()
    timings: dict[str, float] = {}

    def phase(name: str) -> None:
        nonlocal lap
        now = time.monotonic()
        timings[name], lap = now - lap, now

    files = discover(landing)  # layout errors surface before any Spark work
    state = _prepare(spark, schema, progress)
    new_files = [f for f in files if f.relative not in state.ingested]
    for changed in (f for f in files if f.relative in state.ingested and state.ingested[f.relative] != f.size):
        progress(
            f"warning: {changed.relative} changed size after it was ingested; landing files are immutable, "
            "so it is not read again (deliver corrections as a new file)"
        )
    skipped = len(files) - len(new_files)
    phase("setup")
    if not new_files:
        return IngestSummary(
            None,
            0,
            _zeros(schema),
            _zeros(schema),
            (),
            skipped,
            tuple(state.pending),
            time.monotonic() - started,
            timings=timings,
        )

    staging = paths.checkpoints / "ingest-staging" / schema
    reset_staging(staging)
    writers, entries = _stage(new_files, staging)
    phase("parse")
    batch_id, ingested_at = state.next_batch_id, ingested_at or dt.datetime.now(dt.UTC)
    _write_batch(spark, schema, batch_id, ingested_at, writers, len(new_files))
    phase("write")
    log.commit_files(spark, schema, batch_id, ingested_at, entries)  # the commit point
    _crash_point("after_log_commit")
    remove_staging(staging)
    phase("commit")

    files_by_table = {bronze.table_name(schema, e): 0 for e in ENTITIES}
    for landing_file in new_files:
        files_by_table[bronze.table_name(schema, landing_file.entity)] += 1
    summary = IngestSummary(
        batch_id=batch_id,
        files_ingested=len(new_files),
        rows_by_table={bronze.table_name(schema, e): writers[e.key].rows for e in ENTITIES},
        rescued_rows_by_table={bronze.table_name(schema, e): writers[e.key].rescued for e in ENTITIES},
        empty_files=tuple(entry.source_file for entry in entries if entry.row_count == 0),
        skipped_files=skipped,
        rolled_back_batches=tuple(state.pending),
        seconds=time.monotonic() - started,
        files_by_table=files_by_table,
        timings=timings,
    )
    for entity in ENTITIES:
        table = bronze.table_name(schema, entity)
        progress(
            f"  {entity.key:<30} {files_by_table[table]:>4} files {summary.rows_by_table[table]:>10,} rows "
            f"{summary.rescued_rows_by_table[table]:>7,} rescued  -> {table}"
        )
    return summary


def _prepare(spark: SparkSession, schema: str, progress: Callable[[str], None]) -> log.LogState:
    """Create missing tables, roll back batches a killed run left pending; returns the log's state."""
    existing = bronze.existing_tables(spark, schema)
    ddls = {**log.log_ddls(schema), **bronze.bronze_ddls(schema)}
    created = bronze.create_missing_tables(spark, schema, ddls, existing)
    if created:
        progress(f"created {len(created)} tables in schema {schema}")
    state = log.read_state(spark, schema)
    for batch_id, tables in state.pending.items():
        progress(f"rolling back batch {batch_id}: a previous run stopped before committing it")
        bronze.delete_batch(spark, schema, batch_id, tables)
        _crash_point("after_rollback")
        log.record_batch(spark, schema, batch_id, "aborted", 0)
    return state


def _write_batch(
    spark: SparkSession,
    schema: str,
    batch_id: int,
    ingested_at: dt.datetime,
    writers: dict[str, StagingWriter],
    file_count: int,
) -> None:
    """Steps 2 and 3: the ``started`` marker, then one append per Bronze table that has new rows.

    The appends run side by side: each costs about a second of fixed Delta overhead (analysis, commit,
    checksum) whatever its size, and appends to different tables never conflict. If one fails, the others
    finish and the batch stays pending, to be rolled back by the next run like a crash.
    """
    targets = [entity for entity in ENTITIES if writers[entity.key].has_rows]
    log.record_batch(spark, schema, batch_id, "started", file_count, tuple(e.bronze_table for e in targets))
    _crash_point("after_intent")

    def append(entity: Entity) -> None:
        bronze.add_missing_columns(spark, schema, entity)
        bronze.append_staged(spark, schema, entity, writers[entity.key].folder, batch_id, ingested_at)

    with ThreadPoolExecutor(max_workers=APPEND_THREADS, thread_name_prefix="bronze-append") as pool:
        for number, done in enumerate(as_completed([pool.submit(append, entity) for entity in targets]), start=1):
            done.result()
            if number == 1:
                _crash_point("after_first_append")
    _crash_point("before_log_commit")


def _stage(files: list[LandingFile], staging: Path) -> tuple[dict[str, StagingWriter], list[log.FileEntry]]:
    """Parse every new file into the staging folder; returns the writers per entity and the file log rows."""
    writers = {entity.key: StagingWriter(staging / entity.bronze_table, entity) for entity in ENTITIES}
    entries: list[log.FileEntry] = []
    for landing_file in files:
        writer = writers[landing_file.entity.key]
        rows_before, rescued_before = writer.rows, writer.rescued
        try:
            with landing_file.path.open("rb") as handle:
                digest = hashlib.file_digest(handle, "sha256").hexdigest()
            for row in read_rows(landing_file.path, landing_file.entity):
                writer.add(row, landing_file.relative)
        except OSError as error:
            raise IngestError(
                f"cannot read {landing_file.path}: {error.strerror or error}. Give the ingesting user read access "
                "(or remove the file if it was delivered by mistake), then re-run; nothing was written to Bronze"
            ) from error
        entries.append(
            log.FileEntry(
                source_file=landing_file.relative,
                bronze_table=landing_file.entity.bronze_table,
                size_bytes=landing_file.size,
                modified_at=dt.datetime.fromtimestamp(landing_file.mtime, dt.UTC),
                sha256=digest,
                row_count=writer.rows - rows_before,
                rescued_count=writer.rescued - rescued_before,
            )
        )
    for writer in writers.values():
        writer.flush()
    return writers, entries


def _zeros(schema: str) -> dict[str, int]:
    return {bronze.table_name(schema, entity): 0 for entity in ENTITIES}


def _crash_point(name: str) -> None:
    """Die like ``kill -9`` at a named point when the crash test asks for it (no cleanup, no finally)."""
    if os.environ.get(CRASH_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)


def _ingest_autoloader(
    spark: SparkSession, landing: Path, paths: LocalPaths, progress: Callable[[str], None], schema: str
) -> IngestSummary:
    existing = bronze.existing_tables(spark, schema)
    bronze.create_missing_tables(spark, schema, bronze.bronze_ddls(schema), existing)
    try:
        batch_id, rows, seconds = run_autoloader(
            spark,
            ENTITIES,
            landing_uri(str(landing)),
            checkpoint_uri(str(paths.checkpoints / "autoloader")),
            schema,
            progress,
        )
    except Exception as error:
        if "cloudFiles" in str(error):
            raise IngestError(
                f"{MODE_ENV}=autoloader needs Databricks (the cloudFiles source does not exist in open-source "
                f"Spark); unset {MODE_ENV} to ingest locally"
            ) from error
        raise
    return IngestSummary(batch_id, 0, rows, {t: 0 for t in rows}, (), 0, (), seconds, "autoloader")
