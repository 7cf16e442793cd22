"""Run a script that starts the project's Spark in a JVM of its own, and read the JSON line it prints last.

For tests whose JVM cannot be the test session's shared one: one that is stopped and restarted, or one that
must start with a different environment.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def run_in_own_jvm(script: str, state_dir: Path, environment: Mapping[str, str] | None = None) -> Any:
    """Run ``script`` with ``LAKEHOUSE_STATE_DIR=state_dir`` (plus ``environment``); fail the test if it fails."""
    env = {**os.environ, "LAKEHOUSE_STATE_DIR": str(state_dir), "LAKEHOUSE_HOME": str(ROOT), **(environment or {})}
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])
