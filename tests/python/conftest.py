"""Shared fixtures: one embedded SparkSession per test session, on a throw-away warehouse and metastore."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from lakehouse.java_runtime import select_java_home

# every engine the tests start, in this process or in a child process, runs on the Java `lakehouse` chooses
select_java_home()


@pytest.fixture(scope="session")
def spark_state_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Warehouse, Derby metastore and checkpoints of the test session's Spark (never the repo's .lakehouse)."""
    return tmp_path_factory.mktemp("lakehouse-state")


@pytest.fixture(scope="session")
def spark(spark_state_dir: Path) -> Iterator[Any]:
    """The project's SparkSession, built by ``lakehouse.spark.get_spark`` with ``LAKEHOUSE_STATE_DIR`` set.

    The variable must be set before the session starts: Derby admits one process per metastore, and other
    runs (a developer's ``lakehouse build``, another test session) use the repository's ``.lakehouse``.
    Tests share the session, so each uses its own schema(s) instead of resetting tables.
    """
    patch = pytest.MonkeyPatch()
    patch.setenv("LAKEHOUSE_STATE_DIR", str(spark_state_dir))
    from lakehouse.spark import get_spark

    session = get_spark(log=lambda _: None)
    try:
        yield session
    finally:
        session.stop()
        patch.undo()
