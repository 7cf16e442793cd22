"""Spill parsed rows to local Parquet files, one folder per Bronze table, before anything touches Bronze.

Why not ``spark.createDataFrame(list_of_rows)``: a week of data at scale 1 is hundreds of thousands of rows,
and holding them all as Python tuples costs gigabytes; pickling them to the JVM is also the slowest path
PySpark has. Writing Arrow chunks to Parquet keeps memory bounded by one chunk, and Spark then reads the
files with its native reader for a single Delta append per table. Parsing every file before the first
Bronze write also means an unreadable file fails the run before Bronze changes at all.

The folder is scratch space: emptied at the start of each run and removed after the log commit.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from lakehouse.contract import Entity
from lakehouse.ingest.readers import Row

CHUNK_ROWS = 50_000
CHUNK_CHARS = 64 * 1024 * 1024  # flush early when rows are wide (1 MB fields)


def staging_columns(entity: Entity) -> list[str]:
    """Columns of a staged file: the contract fields, ``_rescued_data``, ``_source_file``."""
    return [*entity.fields, "_rescued_data", "_source_file"]


class StagingWriter:
    """Buffers the rows of one Bronze table and writes them as Parquet chunks into ``folder``."""

    def __init__(self, folder: Path, entity: Entity) -> None:
        self.folder = folder
        self.entity = entity
        self.rows = 0
        self.rescued = 0
        self._buffer: list[tuple[str | None, ...]] = []
        self._chars = 0
        self._chunks = 0
        self._schema = pa.schema([(name, pa.large_string()) for name in staging_columns(entity)])

    def add(self, row: Row, source_file: str) -> None:
        self._buffer.append((*row, source_file))
        self.rows += 1
        if row[-1] is not None:
            self.rescued += 1
        self._chars += sum(len(value) for value in row if value is not None)
        if len(self._buffer) >= CHUNK_ROWS or self._chars >= CHUNK_CHARS:
            self.flush()

    def flush(self) -> None:
        if not self._buffer:
            return
        columns = list(zip(*self._buffer, strict=True))
        table = pa.Table.from_arrays(
            [pa.array(column, type=pa.large_string()) for column in columns], schema=self._schema
        )
        self.folder.mkdir(parents=True, exist_ok=True)
        pq.write_table(table, self.folder / f"part-{self._chunks:05d}.parquet")
        self._chunks += 1
        self._buffer = []
        self._chars = 0

    @property
    def has_rows(self) -> bool:
        return self.rows > 0


def reset_staging(folder: Path) -> None:
    """Start from an empty scratch folder (a crashed run may have left chunks behind)."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)


def remove_staging(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
