"""Run dbt in-process, on the SparkSession this process already has.

dbt-spark's session method calls ``SparkSession.builder.getOrCreate()``, which returns the session
``lakehouse.spark.get_spark`` built: ingestion and every dbt command of one ``lakehouse`` call share one
JVM instead of paying Spark's start-up for each.

Crash point for tests: ``LAKEHOUSE_DBT_CRASH_AFTER=<n>`` SIGKILLs the process as soon as ``n`` models of the
invocation have finished (a deterministic point inside ``dbt build``); unset in normal use.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lakehouse.spark import dbt_environment

CRASH_ENV = "LAKEHOUSE_DBT_CRASH_AFTER"
# read by the macro freshness_reference_time(): an environment variable, not --vars, because dbt re-parses the
# whole project when --vars change and only the files that read an environment variable when it changes
REFERENCE_TIME_ENV = "LAKEHOUSE_FRESHNESS_REFERENCE_TIME"


class DbtFailedError(RuntimeError):
    """A dbt command finished with errors or failing tests."""


@dataclass(frozen=True)
class DbtResult:
    success: bool
    run_results: dict[str, Any]

    def nodes(self) -> list[dict[str, Any]]:
        return list(self.run_results.get("results", []))


def default_target_path(root: Path) -> Path:
    """dbt's target folder: ``DBT_TARGET_PATH`` when set (relative to the project), else ``<root>/target``."""
    configured = os.environ.get("DBT_TARGET_PATH")
    return root / configured if configured else root / "target"


def _crash_callback(after_models: int) -> Any:
    """A dbt event callback that SIGKILLs this process once ``after_models`` models have finished."""
    finished = 0

    def on_event(event: Any) -> None:
        nonlocal finished
        if event.info.name != "NodeFinished" or event.data.node_info.resource_type != "model":
            return
        finished += 1
        if finished >= after_models:
            os.kill(os.getpid(), signal.SIGKILL)

    return on_event


@contextmanager
def _clock(reference_time: dt.datetime | None) -> Iterator[None]:
    """Set the freshness clock for one invocation, then restore what the environment had (a user's own value)."""
    if reference_time is None:
        yield
        return
    previous = os.environ.get(REFERENCE_TIME_ENV)
    utc = reference_time.astimezone(dt.UTC) if reference_time.tzinfo else reference_time  # the session's zone
    os.environ[REFERENCE_TIME_ENV] = utc.strftime("%Y-%m-%d %H:%M:%S")
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(REFERENCE_TIME_ENV, None)
        else:
            os.environ[REFERENCE_TIME_ENV] = previous


def run_dbt(
    root: Path,
    args: Sequence[str],
    *,
    check: bool = True,
    target_path: Path | None = None,
    reference_time: dt.datetime | None = None,
) -> DbtResult:
    """Invoke ``dbt <args>`` for the project at ``root``; raise :class:`DbtFailedError` on failure if asked.

    ``target_path``: where this invocation writes ``run_results.json`` (when ``args`` pass ``--target-path``).
    ``reference_time``: the simulated clock freshness checks measure against (else the wall clock).
    """
    from dbt.cli.main import dbtRunner

    for key, value in dbt_environment(root).items():
        os.environ[key] = value
    os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
    full_args = [*args]
    if "--project-dir" not in full_args:
        full_args += ["--project-dir", str(root)]
    results_path = (target_path or default_target_path(root)) / "run_results.json"
    results_path.unlink(missing_ok=True)  # never read a previous invocation's results
    crash_after = os.environ.get(CRASH_ENV)
    callbacks = [_crash_callback(int(crash_after))] if crash_after else []
    with _clock(reference_time):
        outcome = dbtRunner(callbacks=callbacks).invoke(full_args)
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
