"""Where the project and its local engine state live.

Everything the embedded engine writes (jars, warehouse, metastore, ingestion checkpoints) sits under
one git-ignored folder, ``.lakehouse/``, so ``rm -rf .lakehouse`` resets the local warehouse and a
user never finds Spark droppings (``metastore_db``, ``spark-warehouse``) scattered around the repo.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


class ProjectNotFoundError(RuntimeError):
    """Raised when no dbt project can be found from the working directory."""


def find_project_root(start: Path | None = None) -> Path:
    """Return the repository root: ``$LAKEHOUSE_HOME`` if set, else the nearest folder with dbt_project.yml."""
    env_home = os.environ.get("LAKEHOUSE_HOME")
    if env_home:
        root = Path(env_home).resolve()
        if not (root / "dbt_project.yml").is_file():
            raise ProjectNotFoundError(f"LAKEHOUSE_HOME={env_home} does not contain dbt_project.yml")
        return root
    here = (start or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        if (candidate / "dbt_project.yml").is_file():
            return candidate
    raise ProjectNotFoundError(
        f"no dbt_project.yml in {here} or its parents: run lakehouse from inside the cosnova lakehouse "
        "repository, or set LAKEHOUSE_HOME to it"
    )


@dataclass(frozen=True)
class LocalPaths:
    """The folders of the local (embedded Spark) target, all below ``<root>/.lakehouse``."""

    root: Path

    @property
    def state(self) -> Path:
        """Warehouse, metastore and checkpoints; ``LAKEHOUSE_STATE_DIR`` moves them (isolated test runs)."""
        override = os.environ.get("LAKEHOUSE_STATE_DIR")
        return Path(override).resolve() if override else self.root / ".lakehouse"

    @property
    def jars(self) -> Path:
        """Jars are shared by every state dir: downloaded once per checkout."""
        return self.root / ".lakehouse" / "jars"

    @property
    def warehouse(self) -> Path:
        return self.state / "warehouse"

    @property
    def metastore(self) -> Path:
        return self.state / "metastore_db"

    @property
    def checkpoints(self) -> Path:
        return self.state / "checkpoints"

    @property
    def landing(self) -> Path:
        return self.root / "landing"

    @property
    def lock_file(self) -> Path:
        return self.state / "engine.lock"


def local_paths(root: Path | None = None) -> LocalPaths:
    """Paths for the project at ``root`` (default: the detected project root)."""
    return LocalPaths(root=(root or find_project_root()).resolve())
