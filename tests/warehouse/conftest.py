"""Tests of the warehouse `make test-dbt` built (``LAKEHOUSE_STATE_DIR``, default ``.lakehouse/test``):
`make test-built` runs them, in one Spark session on that warehouse's metastore."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    state = Path(os.environ.get("LAKEHOUSE_STATE_DIR", ROOT / ".lakehouse" / "test"))
    if not (state / "metastore_db").is_dir():
        pytest.skip(f"no warehouse in {state}: run `make test-dbt` first")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LAKEHOUSE_STATE_DIR", str(state))
        from lakehouse.spark import get_spark

        session = get_spark(ROOT, log=lambda _: None)
        try:
            yield session
        finally:
            session.stop()
