"""Run dbt in-process, on the SparkSession this process already has.

dbt-spark's session method calls ``SparkSession.builder.getOrCreate()``, which returns the session
``lakehouse.spark.get_spark`` built: ingestion and every dbt command of one ``lakehouse`` call share one
JVM instead of paying Spark's start-up for each.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lakehouse.spark import dbt_environment


class DbtFailedError(RuntimeError):
    """A dbt command finished with errors or failing tests."""


@dataclass(frozen=True)
class DbtResult:
    success: bool
    run_results: dict[str, Any]

    def nodes(self) -> list[dict[str, Any]]:
        return list(self.run_results.get("results", []))


def run_dbt(root: Path, args: Sequence[str], *, check: bool = True, target_path: Path | None = None) -> DbtResult:
    """Invoke ``dbt <args>`` for the project at ``root``; raise :class:`DbtFailedError` on failure if asked.

    ``target_path``: where this invocation writes ``run_results.json`` (when ``args`` pass ``--target-path``).
    """
    from dbt.cli.main import dbtRunner

    for key, value in dbt_environment(root).items():
        os.environ[key] = value
    os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
    full_args = [*args]
    if "--project-dir" not in full_args:
        full_args += ["--project-dir", str(root)]
    results_path = (target_path or root / "target") / "run_results.json"
    results_path.unlink(missing_ok=True)  # never read a previous invocation's results
    outcome = dbtRunner().invoke(full_args)
    run_results = json.loads(results_path.read_text()) if results_path.exists() else {}
    result = DbtResult(success=bool(outcome.success), run_results=run_results)
    if check and not result.success:
        failed = [
            f"{node.get('unique_id')}: {node.get('status')}"
            for node in result.nodes()
            if node.get("status") in {"error", "fail", "runtime error"}
        ]
        detail = "\n  ".join(failed) if failed else str(outcome.exception or "see the dbt log above")
        raise DbtFailedError(f"dbt {' '.join(args)} failed:\n  {detail}")
    return result
