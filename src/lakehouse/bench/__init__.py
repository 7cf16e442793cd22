"""``lakehouse bench``: daily load times as history grows, and the Data Vault package vs. hand-written SQL.

Runs on its own warehouse (``.lakehouse/bench``, wiped first) so the developer's warehouse is untouched,
and writes ``bench/results/<date>-<scale>.{json,md,png}``. ``--ab-setting`` builds that warehouse again instead,
with Spark settings switched between builds (``lakehouse.bench.settings_ab``). See README "Performance"
(targets vs. measured) and ``bench/README.md`` (method, tuning log, runs).
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lakehouse.bench import machine
from lakehouse.bench.report import machine_note, write_report
from lakehouse.paths import LocalPaths, local_paths

# the session settings a tuning A/B changes (in profiles.yml); each report records the values it ran with
TUNING_CONFS = (
    "spark.sql.shuffle.partitions",
    "spark.sql.adaptive.enabled",
    "spark.sql.adaptive.coalescePartitions.enabled",
    "spark.sql.autoBroadcastJoinThreshold",
    "spark.delta.logStore.file.impl",
    "spark.sql.codegen.cache.maxEntries",
)


def _with_elapsed(progress: Callable[[str], None]) -> Callable[[str], None]:
    """Prefix each progress line with the minutes and seconds since the bench started: where a run's time goes."""
    started = time.monotonic()

    def timed(message: str) -> None:
        minutes, seconds = divmod(int(time.monotonic() - started), 60)
        progress(f"[{minutes:2d}:{seconds:02d}] {message}")

    return timed


def close_environment(
    environment: dict[str, Any],
    cpu_at_start: machine.CpuSample | None,
    cpu_at_end: machine.CpuSample | None,
    seconds: float,
    progress: Callable[[str], None],
) -> None:
    """Record the run's length, the load and the other processes' CPU time; say at once whether they mattered."""
    environment["load_average_end"] = round(os.getloadavg()[0], 1)
    environment["seconds"] = round(seconds, 1)
    cpu = machine.other_work(cpu_at_start, cpu_at_end, seconds, environment["cpus"] or 1)
    if cpu is not None:
        environment.update(cpu)
        progress(f"bench: {machine_note(environment)}")


def run_bench(
    root: Path,
    *,
    scale: float,
    days: int,
    seed: int,
    vault_rows: int,
    repetitions: int,
    vault_cycles: int,
    vault_warm_ups: int,
    every_day: bool,
    window: int,
    threads: int,
    full_rebuild: bool,
    daily: bool,
    rebuild_only: bool = False,
    compact_at: int | None = None,
    restart_jvm: bool = True,
    output: Path,
    progress: Callable[[str], None] = print,
) -> dict[str, Path]:
    """Run the selected measurements in one Spark session and write the report files."""
    state = root / ".lakehouse" / "bench"
    shutil.rmtree(state, ignore_errors=True)
    from lakehouse.spark import engine_lock

    run = _begin(root, state, progress)
    paths, result, progress = run.paths, run.result, run.progress
    with engine_lock(paths):
        spark = _start_session(root, result, progress)
        if vault_rows:
            from lakehouse.bench.vault import measure_vault

            result["vault"] = measure_vault(
                spark,
                root,
                rows=vault_rows,
                repetitions=repetitions,
                cycles=vault_cycles,
                warm_ups=vault_warm_ups,
                target_path=state / "target-vault",
                progress=progress,
            )
        if daily:
            from lakehouse.bench.daily import measure_daily

            result["daily"] = measure_daily(
                spark,
                paths,
                scale=scale,
                days=days,
                seed=seed,
                every_day=every_day,
                # --rebuild-only: no timed days, every day goes into the one catch-up build
                window=0 if rebuild_only else window,
                threads=threads,
                full_rebuild=full_rebuild or rebuild_only,
                compact_at=compact_at,
                restart_jvm=restart_jvm,
                progress=progress,
            )
    stem = run.started.strftime("%Y-%m-%d")
    stem += f"-{scale:g}" if daily else ""
    stem += "-rebuild" if daily and rebuild_only else ""
    stem += f"-vault{vault_rows}" if vault_rows else ""
    return _finish(run, output, stem)


def run_settings_ab(
    root: Path,
    *,
    settings: dict[str, str],
    order: str,
    warm_ups: int,
    select: list[str],
    threads: int,
    output: Path,
    progress: Callable[[str], None] = print,
) -> dict[str, Path]:
    """A/B of Spark settings on the warehouse the last ``make bench`` left (``lakehouse.bench.settings_ab``);
    writes ``bench/results/<date>-ab.{json,md}``."""
    from lakehouse.bench.daily import last_delivery_clock, timed_build
    from lakehouse.bench.settings_ab import measure_settings_ab
    from lakehouse.spark import engine_lock

    state = root / ".lakehouse" / "bench"
    # the clock of the bench's last day: models that read it see the same days as that day's build did
    clock = last_delivery_clock(state)
    if clock is None or not (state / "warehouse").is_dir():
        raise ValueError(
            f"no warehouse of daily loads in {state}: run `make bench` (not --vault-only) first, the A/B builds it"
        )
    run = _begin(root, state, progress)
    paths, result = run.paths, run.result
    extra = ("--select", *select) if select else ()
    with engine_lock(paths):
        spark = _start_session(root, result, run.progress)
        ab = measure_settings_ab(
            spark,
            lambda: timed_build(paths, state / "target-ab", clock, threads, extra),
            settings=settings,
            order=order,
            warm_ups=warm_ups,
            progress=run.progress,
        )
    result["settings_ab"] = {**ab, "select": select, "threads": threads}
    return _finish(run, output, run.started.strftime("%Y-%m-%d") + "-ab")


@dataclass
class _Run:
    """What a bench run carries from its start to its report."""

    paths: LocalPaths
    started: dt.datetime
    cpu_at_start: machine.CpuSample | None
    progress: Callable[[str], None]
    result: dict[str, Any]


def _begin(root: Path, state: Path, progress: Callable[[str], None]) -> _Run:
    # must be set before the session starts: warehouse and metastore of the bench, not the developer's
    os.environ["LAKEHOUSE_STATE_DIR"] = str(state)
    started = dt.datetime.now(dt.UTC)
    result: dict[str, Any] = {
        "started_at": started.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "environment": {
            "cpus": os.cpu_count(),
            "load_average_start": round(os.getloadavg()[0], 1),
            "python": platform.python_version(),
        },
    }
    return _Run(local_paths(root), started, machine.sample(), _with_elapsed(progress), result)


def _start_session(root: Path, result: dict[str, Any], progress: Callable[[str], None]) -> Any:
    """The bench's Spark session; the report records its Java and tuning settings."""
    from lakehouse.spark import get_spark

    progress("bench: starting the Spark session")
    spark = get_spark(root, log=progress)
    result["environment"]["spark_conf"] = {key: spark.conf.get(key, None) for key in TUNING_CONFS}
    result["environment"]["java"] = spark.sparkContext._jvm.java.lang.System.getProperty("java.version")
    return spark


def _finish(run: _Run, output: Path, stem: str) -> dict[str, Path]:
    seconds = (dt.datetime.now(dt.UTC) - run.started).total_seconds()
    close_environment(run.result["environment"], run.cpu_at_start, machine.sample(), seconds, run.progress)
    run.progress("bench: writing the report")
    return write_report(run.result, output, stem)
