"""Putting deliveries into the landing folder: one immutable file per entity and day.

Layout: ``<landing>/<system>/<entity>/<YYYY-MM-DD>/<entity>_<YYYYMMDD>.<csv|jsonl>`` (plus
``<entity>_<YYYYMMDD>_empty.<ext>`` when an empty companion file is injected).

Files are written whole or not at all (temporary file + atomic rename) because ingestion may be watching
the folder, and a file whose bytes are already there is not touched at all: re-running the generator
with the same arguments leaves the landing folder, including modification times, as it was.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from lakehouse.contract import Entity
from lakehouse.generate.codec import Delivery, render

EMPTY_SUFFIX = "_empty"


def delivery_path(landing: Path, entity: Entity, day: date, suffix: str = "") -> Path:
    """Where the delivery of ``entity`` for ``day`` lands."""
    name = f"{entity.name}_{day:%Y%m%d}{suffix}.{entity.file_extension}"
    return landing / entity.system / entity.name / day.isoformat() / name


def write_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically; leave the file alone if it already holds exactly ``data``.

    The temporary file starts with a dot, which Spark and Hadoop-style readers skip as hidden, so a
    half-written file is never mistaken for a delivery.
    """
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def write_delivery(landing: Path, delivery: Delivery, day: date) -> int:
    """Write one delivery (and its empty companion, if any); return the number of files."""
    write_file(delivery_path(landing, delivery.entity, day), render(delivery))
    if delivery.empty_companion:
        write_file(delivery_path(landing, delivery.entity, day, EMPTY_SUFFIX), b"")
        return 2
    return 1
