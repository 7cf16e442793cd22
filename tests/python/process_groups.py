"""Helpers shared by the tests that run (and SIGKILL) ``lakehouse`` and the engine in child processes."""

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


def short_lived_jvm(environment: dict[str, str]) -> dict[str, str]:
    """``environment`` with C1-only JIT (``-XX:TieredStopAtLevel=1``) for a child whose JVM runs one small
    build and exits. C2 compiles hot code for a long run; a JVM that exits minutes later never pays most of
    that back, and in ``make test`` the compiling takes CPU from the other lane. Measured on the crash chain
    (three such children, alone, alternating, 2026-12-02): 351 and 295 CPU seconds with the default, 242 and
    258 with C1 only, the same wall time alone. The test session's own JVM keeps the default: it runs for the
    whole session, and C1-only made the Data Vault suite slower (README, Testing)."""
    options = " ".join(filter(None, [environment.get("JAVA_TOOL_OPTIONS"), "-XX:TieredStopAtLevel=1"]))
    return {**environment, "JAVA_TOOL_OPTIONS": options}
