"""Ingestion throughput, re-runnable by anyone: ``python -m lakehouse.ingest.bench --scale 1 --days 1``.

Generates ``days`` deliveries at ``scale`` into a temporary folder and lands them in a throw-away warehouse
(``LAKEHOUSE_STATE_DIR`` in the same temporary folder, so the project's ``.lakehouse`` is never touched and
no other running engine is disturbed). Table creation and the JVM's first Delta commits are timed
separately: a warm-up ingest of a tiny delivery into another schema (``warmup_seconds``, JVM start and
first Delta commits) and an ingest of an empty landing that creates the tables (``setup_seconds``) come
first, so ``rows_per_second`` measures a steady-state batch, which is what a daily load costs. A second ingest of the
same landing measures the "nothing new" check.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import tempfile
import time
from pathlib import Path
from typing import Any

from lakehouse.ingest import ingest
from lakehouse.paths import local_paths


def measure_ingest(
    scale: float = 1.0, days: int = 1, *, seed: int = 42, dirty_rate: float = 0.0, spark: Any = None
) -> dict[str, Any]:
    """Generate, ingest and time one batch; returns the measurements as a JSON-ready dict.

    Pass ``spark`` to reuse a running session (its warehouse is then the one it was started with); without
    it a session is started on a temporary warehouse (only possible when none runs in this process yet) and
    stopped again before that warehouse is deleted.
    """
    from lakehouse.generate import generate

    with tempfile.TemporaryDirectory(prefix="lakehouse-bench-") as tmp:
        root = Path(tmp)
        landing, empty, tiny = root / "landing", root / "empty", root / "tiny"
        empty.mkdir()
        started = time.monotonic()
        generated = generate(landing, dt.date(2026, 1, 1), days, scale=scale, seed=seed, dirty_rate=dirty_rate)
        generate_seconds = time.monotonic() - started
        generate(tiny, dt.date(2026, 1, 1), 1, scale=0.01, seed=seed)
        saved = os.environ.get("LAKEHOUSE_STATE_DIR")
        own_session = spark is None
        if own_session:
            os.environ["LAKEHOUSE_STATE_DIR"] = str(root / "state")
        try:
            started = time.monotonic()
            if spark is None:
                from lakehouse.spark import get_spark

                spark = get_spark(log=lambda _: None)
            schema = f"bench_{int(time.time())}"
            ingest(spark, tiny, local_paths(), progress=lambda _: None, schema=f"{schema}_warmup")
            warmup_seconds = time.monotonic() - started
            started = time.monotonic()
            ingest(spark, empty, local_paths(), progress=lambda _: None, schema=schema)
            setup_seconds = time.monotonic() - started
            summary = ingest(spark, landing, local_paths(), progress=lambda _: None, schema=schema)
            rerun = ingest(spark, landing, local_paths(), progress=lambda _: None, schema=schema)
        finally:
            if own_session and spark is not None:
                spark.stop()
            if saved is None:
                os.environ.pop("LAKEHOUSE_STATE_DIR", None)
            else:
                os.environ["LAKEHOUSE_STATE_DIR"] = saved
    return {
        "scale": scale,
        "days": days,
        "dirty_rate": dirty_rate,
        "files": summary.files_ingested,
        "rows": summary.rows,
        "rows_generated": sum(generated.rows_by_entity.values()),
        "generate_seconds": round(generate_seconds, 2),
        "warmup_seconds": round(warmup_seconds, 2),
        "setup_seconds": round(setup_seconds, 2),
        "ingest_seconds": round(summary.seconds, 2),
        "phase_seconds": {phase: round(seconds, 2) for phase, seconds in summary.timings.items()},
        "rows_per_second": round(summary.rows / summary.seconds),
        "parse_rows_per_second": round(summary.rows / max(summary.timings.get("parse", 0.0), 1e-9)),
        "rerun_seconds": round(rerun.seconds, 2),
        "cpus": os.cpu_count(),
        "load_average_1m": round(os.getloadavg()[0], 1),
        "python": platform.python_version(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--days", type=int, default=1)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--dirty-rate", type=float, default=0.0)
    args = parser.parse_args(argv)
    result = measure_ingest(args.scale, args.days, seed=args.seed, dirty_rate=args.dirty_rate)
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
