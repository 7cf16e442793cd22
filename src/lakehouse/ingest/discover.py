"""Find the landing files and check the folder layout against the landing contract.

The layout is ``landing/<system>/<entity>/**/<file>``. Anything else is a delivery mistake we refuse to guess
about (a typo'd entity folder would otherwise be silently ignored and its data never reach Bronze), so every
problem is collected and reported at once, before any Spark work starts.

Names starting with ``.`` or ``_`` are ignored at every level, as Spark's and Auto Loader's file sources do:
that is where writers put files that are still being written (``.customers.jsonl.tmp``) and where tools
keep their bookkeeping (``_SUCCESS``, ``.DS_Store``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from lakehouse.contract import ENTITIES, ENTITIES_BY_KEY, Entity
from lakehouse.ingest.errors import IngestError


@dataclass(frozen=True)
class LandingFile:
    """One delivered file. ``relative`` (POSIX, relative to the landing root) is its identity."""

    entity: Entity
    path: Path
    relative: str
    size: int
    mtime: float


def is_hidden(name: str) -> bool:
    """Hidden names are skipped, like Spark's ``InMemoryFileIndex`` skips them."""
    return name.startswith((".", "_"))


def discover(landing: Path) -> list[LandingFile]:
    """Every visible file below the entity folders, sorted by relative path (a stable ingestion order).

    Raises :class:`IngestError` listing every layout problem: missing landing folder, a system or entity
    folder outside the contract, or a file that is not inside an entity folder.
    """
    if not landing.exists():
        raise IngestError(
            f"landing folder {landing} does not exist: generate data first (`lakehouse generate`) or pass the "
            "folder the source systems deliver to with --landing"
        )
    if not landing.is_dir():
        raise IngestError(f"landing folder {landing} is not a directory: pass the folder that holds <system>/")
    systems = sorted({entity.system for entity in ENTITIES})
    problems: list[str] = []
    files: list[LandingFile] = []
    for system_dir in _visible_children(landing):
        if not system_dir.is_dir():
            problems.append(
                f"{system_dir}: stray file in the landing root; move it into "
                f"{landing}/<system>/<entity>/ (systems: {', '.join(systems)})"
            )
            continue
        if system_dir.name not in systems:
            problems.append(
                f"{system_dir}: '{system_dir.name}' is not a source system in the landing contract "
                f"(known: {', '.join(systems)}); rename the folder or add the system to lakehouse/contract.py"
            )
            continue
        for entity_dir in _visible_children(system_dir):
            key = f"{system_dir.name}/{entity_dir.name}"
            known = sorted(e.name for e in ENTITIES if e.system == system_dir.name)
            if not entity_dir.is_dir():
                problems.append(
                    f"{entity_dir}: stray file directly under the system folder; move it into one of its "
                    f"entity folders ({', '.join(known)})"
                )
            elif key not in ENTITIES_BY_KEY:
                problems.append(
                    f"{entity_dir}: '{key}' is not an entity of the landing contract (known for "
                    f"{system_dir.name}: {', '.join(known)}); rename the folder or add the entity to "
                    "lakehouse/contract.py"
                )
            else:
                files.extend(_entity_files(landing, entity_dir, ENTITIES_BY_KEY[key]))
    if problems:
        raise IngestError("the landing folder does not match the landing contract:\n  " + "\n  ".join(problems))
    return sorted(files, key=lambda f: f.relative)


def _visible_children(folder: Path) -> list[Path]:
    try:
        return sorted(child for child in folder.iterdir() if not is_hidden(child.name))
    except OSError as error:
        raise IngestError(f"cannot list {folder}: {error.strerror or error}; check its permissions") from error


def _entity_files(landing: Path, entity_dir: Path, entity: Entity) -> list[LandingFile]:
    """All visible files below an entity folder, at any depth (date folders, batch folders, ...)."""
    found: list[LandingFile] = []

    def on_error(error: OSError) -> None:
        raise IngestError(f"cannot list {error.filename}: {error.strerror}; check its permissions") from error

    for folder, dirnames, filenames in os.walk(entity_dir, onerror=on_error):
        dirnames[:] = [name for name in dirnames if not is_hidden(name)]
        for name in filenames:
            if is_hidden(name):
                continue
            path = Path(folder) / name
            try:
                stat = path.stat()
            except OSError as error:
                raise IngestError(
                    f"cannot read {path}: {error.strerror}; a broken link or a file removed while listing? "
                    "fix or remove it, then re-run"
                ) from error
            found.append(LandingFile(entity, path, path.relative_to(landing).as_posix(), stat.st_size, stat.st_mtime))
    return found
