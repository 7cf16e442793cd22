"""The simulated clock of a load reaches dbt as an environment variable, so a new clock keeps partial parsing."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

import lakehouse.dbt_runner as dbt_runner

ROOT = Path(__file__).resolve().parents[2]
DBT = ROOT / ".venv" / "bin" / "dbt"
RECENT_DATA_TEST = "expect_row_values_to_have_recent_data"


def parse(target_path: Path, reference_time: str | None) -> tuple[str, dict[str, Any]]:
    """(dbt's output, manifest) of ``dbt parse`` on the local target with the clock set, or unset."""
    env = {**os.environ, "DBT_PROFILES_DIR": str(ROOT), "LAKEHOUSE_HOME": str(ROOT)}
    env |= {"DBT_SEND_ANONYMOUS_USAGE_STATS": "false", "DBT_TARGET": "local"}
    env.pop(dbt_runner.REFERENCE_TIME_ENV, None)
    if reference_time is not None:
        env[dbt_runner.REFERENCE_TIME_ENV] = reference_time
    command = [str(DBT), "parse", "--target-path", str(target_path), "--log-path", str(target_path / "logs")]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, f"dbt parse failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout, json.loads((target_path / "manifest.json").read_text())


def recent_data_severities(manifest: dict[str, Any]) -> set[str]:
    return {
        node["config"]["severity"].lower()
        for node in manifest["nodes"].values()
        if node["resource_type"] == "test" and node.get("test_metadata", {}).get("name") == RECENT_DATA_TEST
    }


def test_a_new_clock_is_partially_parsed_and_makes_freshness_tests_errors(tmp_path: Path) -> None:
    _, wall_clock = parse(tmp_path, None)
    # on the wall clock a local warehouse may be days old: freshness only warns
    assert recent_data_severities(wall_clock) == {"warn"}

    # a load on a simulated clock: the files reading the clock are re-parsed, not the whole project
    output, simulated_clock = parse(tmp_path, "2026-01-02 06:00:00")
    assert "Unable to do partial parsing" not in output
    assert recent_data_severities(simulated_clock) == {"error"}


def test_run_dbt_sets_the_clock_in_utc_for_one_call_and_restores_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dbt.cli.main

    seen: list[str | None] = []

    class RecordingRunner:
        """Stands in for dbtRunner: records the clock each invocation sees."""

        def __init__(self, callbacks: list[Any]) -> None:
            pass

        def invoke(self, args: list[str]) -> Any:
            seen.append(os.environ.get(dbt_runner.REFERENCE_TIME_ENV))
            return type("Outcome", (), {"success": True, "exception": None})()

    for name in ("DBT_PROFILES_DIR", "DBT_PROJECT_DIR", "LAKEHOUSE_HOME"):
        monkeypatch.setenv(name, os.environ.get(name, ""))  # run_dbt sets them; restored after the test
    monkeypatch.delenv(dbt_runner.REFERENCE_TIME_ENV, raising=False)
    monkeypatch.setattr(dbt.cli.main, "dbtRunner", RecordingRunner)
    berlin_morning = dt.datetime(2026, 1, 2, 7, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    dbt_runner.run_dbt(ROOT, ["parse"], target_path=tmp_path, reference_time=berlin_morning)
    dbt_runner.run_dbt(ROOT, ["parse"], target_path=tmp_path)
    monkeypatch.setenv(dbt_runner.REFERENCE_TIME_ENV, "2026-03-01 00:00:00")  # a user's own clock
    dbt_runner.run_dbt(ROOT, ["parse"], target_path=tmp_path, reference_time=berlin_morning)
    dbt_runner.run_dbt(ROOT, ["parse"], target_path=tmp_path)
    assert seen == ["2026-01-02 06:00:00", None, "2026-01-02 06:00:00", "2026-03-01 00:00:00"]
