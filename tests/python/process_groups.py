"""Process-group helpers shared by the tests that run (and SIGKILL) ``lakehouse`` in child processes."""

from __future__ import annotations

import os
import signal
import time


def wait_for_process_group(group: int, timeout: float = 60.0) -> None:
    """Wait until every process of ``group`` is gone (a killed run's JVM holds the Derby metastore until it
    exits); SIGKILL what is left after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return
        time.sleep(0.2)
    os.killpg(group, signal.SIGKILL)  # our own process group, left over after the timeout
