"""Day-by-day load benchmark: how one day's load time changes as history grows.

The ``window`` days around day 5 (window 3: days 4-6; window 1: day 5) and the last ``window`` days are each
delivered, ingested and built on their own and timed (ingestion by the ingest summary, dbt per model from
``run_results.json``). The other days are delivered and ingested one by one, each with its own simulated
ingestion clock, and built by one ``dbt build`` ("catch-up") before the next timed day: the vault ends up with
the same rows and load datetimes as after daily loads (the package's loads are insert-only and
order-independent across batches), at a fraction of the bench time. The first catch-up also absorbs the cold
start (JVM warm-up, every table created). ``every_day=True`` builds and times every day instead.

``compact_at=D`` runs ``OPTIMIZE`` on every Delta table of the warehouse before day D's build and times the
``window`` days before D as well, so one run measures the late loads with and without compaction.
"""

from __future__ import annotations

import datetime as dt
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lakehouse.bench.report import day_windows
from lakehouse.bench.timings import failed_nodes, layer_seconds, node_seconds, statement_seconds
from lakehouse.delta_tables import delta_checksum, row_counts, schema_dir, schema_tables
from lakehouse.paths import LocalPaths

# load time = models and snapshots; data tests are quality checks, not load, and are left out
LOAD_ARGS = ("build", "--exclude-resource-type", "test", "unit_test")


def _delivery_days(generated: Path) -> list[str]:
    return sorted({p.name for p in generated.glob("*/*/*") if p.is_dir()})


def _deliver(generated: Path, landing: Path, day: str) -> None:
    for folder in sorted(generated.glob(f"*/*/{day}")):
        target = landing / folder.relative_to(generated)
        if not target.exists():
            shutil.copytree(folder, target)


def _clock(day: str) -> dt.datetime:
    """Day D's delivery lands the next morning at 06:00 UTC (as ``lakehouse demo`` does)."""
    return dt.datetime.combine(dt.date.fromisoformat(day) + dt.timedelta(days=1), dt.time(6, 0), tzinfo=dt.UTC)


def raw_vault_rows(spark: Any, schema: str = "raw_vault") -> int:
    """Rows in all tables of the raw vault (``lakehouse.delta_tables.row_counts``)."""
    if schema not in {row[0] for row in spark.sql("show schemas").collect()}:
        return 0
    return sum(row_counts(spark, schema).values())


def compiled_classes(spark: Any) -> int:
    """Classes Spark has generated and compiled for queries in this JVM so far (its codegen metrics). A query
    whose code an earlier one generated takes the class from Spark's cache (``spark.sql.codegen.cache.maxEntries``)
    and compiles nothing."""
    metrics = spark.sparkContext._jvm.org.apache.spark.metrics.source.CodegenMetrics
    return int(metrics.METRIC_COMPILATION_TIME().getCount())


def delta_file_counts(spark: Any, schemas: list[str] | None = None) -> dict[str, int]:
    """Data files in the current version of every Delta table of these schemas (default: all), by
    ``schema.table``, from each table's Delta checksum, else ``describe detail``; views, temporary views and
    tables of other formats left out."""
    counts: dict[str, int] = {}
    for schema in schemas or sorted(row[0] for row in spark.sql("show schemas").collect()):
        folder = schema_dir(spark, schema)
        for table in schema_tables(spark, schema):
            checksum = delta_checksum(folder / table) if folder else None
            if checksum is not None and isinstance(checksum.get("numFiles"), int):
                counts[f"{schema}.{table}"] = checksum["numFiles"]
                continue
            detail = spark.sql(f"describe detail {schema}.{table}").collect()[0]
            if detail["format"] == "delta":
                counts[f"{schema}.{table}"] = int(detail["numFiles"] or 0)
    return counts


def table_files(counts: dict[str, int]) -> dict[str, dict[str, Any]]:
    """Per schema: Delta tables, data files in their current versions, and the table with the most files."""
    summary: dict[str, dict[str, Any]] = {}
    for name, files in counts.items():
        schema = summary.setdefault(name.split(".")[0], {"tables": 0, "files": 0, "max_files": 0, "max_table": None})
        schema["tables"] += 1
        schema["files"] += files
        if files > schema["max_files"]:
            schema["max_files"], schema["max_table"] = files, name
    return summary


def compact(spark: Any, schemas: list[str] | None = None) -> dict[str, Any]:
    """``OPTIMIZE`` (bin-packing compaction) of every Delta table; seconds and files before and after."""
    before = delta_file_counts(spark, schemas)
    started = time.perf_counter()
    for name in before:
        spark.sql(f"optimize {name}").collect()
    seconds = time.perf_counter() - started
    after = delta_file_counts(spark, schemas)
    return {"seconds": round(seconds, 2), "files_before": table_files(before), "files_after": table_files(after)}


def measured_days(days: int, window: int, every_day: bool, compact_at: int | None = None) -> set[int]:
    """The day numbers (1-based) that are loaded and timed on their own: ``window`` days centred on day 5,
    the last ``window`` days and, with ``compact_at``, the ``window`` days before it."""
    if every_day:
        return set(range(1, days + 1))
    early, late = day_windows(days, window)
    timed = {day for day in early if day <= days} | set(late)
    if compact_at and window:
        timed |= set(range(max(compact_at - window, 1), days + 1))
    return timed


def catch_up_builds(days: int, timed: set[int]) -> list[tuple[int, int]]:
    """The catch-up builds of a run, as (first day, last day): each run of consecutive untimed days is built
    once, right after its last day is ingested."""
    builds: list[tuple[int, int]] = []
    for day in range(1, days + 1):
        if day in timed:
            continue
        if builds and builds[-1][1] == day - 1:
            builds[-1] = (builds[-1][0], day)
        else:
            builds.append((day, day))
    return builds


def restart_before_day(days: int, timed: set[int]) -> int | None:
    """The last day of the last catch-up, when that catch-up is not the run's first build: the JVM is restarted
    before it, so its first (cold) build is the catch-up and the late days run on a JVM as old as the early days'.
    ``lakehouse build`` starts a fresh JVM every day; one JVM for all days would charge its age to the late days."""
    catch_ups = catch_up_builds(days, timed)
    if not catch_ups:
        return None
    first, last = catch_ups[-1]
    return last if first > 1 else None


def build_plan(days: int, timed: set[int], full_rebuild: bool) -> list[str]:
    """The whole-project builds a run makes, in order: the catch-ups, each timed day on its own, then the full
    rebuild. What a run will cost is mostly their number."""
    by_last_day = {day: f"day {day}" for day in timed if day <= days}
    for first, last in catch_up_builds(days, timed):
        by_last_day[last] = f"days {first}-{last} (catch-up)" if last > first else f"day {last} (catch-up)"
    return [by_last_day[day] for day in sorted(by_last_day)] + (["full rebuild"] if full_rebuild else [])


def run_load(
    paths: LocalPaths, target_path: Path, reference: dt.datetime | None, threads: int, extra: tuple[str, ...] = ()
) -> tuple[float, Any, list[Path]]:
    """One dbt load (``LOAD_ARGS``): its wall seconds, dbt's result and its own debug log's files; raises when a
    node failed."""
    from lakehouse.dbt_runner import DbtFailedError, run_dbt

    log_path = target_path / "logs"  # this build's own debug log: its statements are timed from it
    logs = [log_path / "dbt.log.1", log_path / "dbt.log"]  # dbt rotates at 10 MB
    for log in logs:
        log.unlink(missing_ok=True)
    started = time.perf_counter()
    result = run_dbt(
        paths.root,
        [*LOAD_ARGS, "--threads", str(threads), *extra, "--target-path", str(target_path), "--log-path", str(log_path)],
        check=False,
        target_path=target_path,
        reference_time=reference,
    )
    seconds = time.perf_counter() - started
    if not result.success:
        raise DbtFailedError(f"bench load failed: {failed_nodes(result.run_results) or 'see the dbt log'}")
    return seconds, result, logs


def timed_build(
    paths: LocalPaths, target_path: Path, reference: dt.datetime | None, threads: int, extra: tuple[str, ...] = ()
) -> tuple[float, dict[str, float]]:
    """One dbt load's wall seconds and seconds per node."""
    seconds, result, _ = run_load(paths, target_path, reference, threads, extra)
    return seconds, _node_times(result.run_results)


def _node_times(run_results: dict[str, Any]) -> dict[str, float]:
    return {name: round(value, 2) for name, value in node_seconds(run_results).items()}


def last_delivery_clock(state: Path) -> dt.datetime | None:
    """The ingestion clock of the last day delivered to the landing zone of the bench's state folder (none: None)."""
    days = _delivery_days(state / "landing")
    return _clock(days[-1]) if days else None


def _build(
    spark: Any,
    paths: LocalPaths,
    target_path: Path,
    reference: dt.datetime,
    threads: int,
    vault_rows_before: int,
    extra: tuple[str, ...] = (),
) -> tuple[dict[str, Any], int]:
    """One timed dbt load: (wall seconds, seconds per layer and per kind of SQL statement, rows inserted into the
    raw vault, classes Spark compiled; the raw vault's rows after it). Ingestion never writes the raw vault, so
    one load's rows after are the next one's before."""
    compiled_before = compiled_classes(spark)
    seconds, result, logs = run_load(paths, target_path, reference, threads, extra)
    compiled = compiled_classes(spark) - compiled_before
    vault_rows_after = raw_vault_rows(spark)
    inserted = vault_rows_after - vault_rows_before
    layers = layer_seconds(result.run_results)
    models = _node_times(result.run_results)
    vault_seconds = layers.get("raw_vault", 0.0)
    timing = {
        "dbt_s": round(seconds, 2),
        "layers": layers,
        "models": models,
        "raw_vault_rows_inserted": inserted,
        "raw_vault_rows_per_s": round(inserted / vault_seconds, 1) if vault_seconds > 0 else None,
        "classes_compiled": compiled,
        "statements": statement_seconds("\n".join(log.read_text(errors="replace") for log in logs if log.exists())),
        "run_results": result.run_results,
    }
    return timing, vault_rows_after


def measure_daily(
    spark: Any,
    paths: LocalPaths,
    *,
    scale: float,
    days: int,
    seed: int = 42,
    window: int = 3,
    threads: int = 1,
    every_day: bool = False,
    full_rebuild: bool = True,
    compact_at: int | None = None,
    restart_jvm: bool = True,
    progress: Callable[[str], None] = print,
) -> dict[str, Any]:
    from lakehouse.generate import generate
    from lakehouse.ingest import ingest
    from lakehouse.spark import restart_spark

    generated, landing, target_path = paths.state / "generated", paths.state / "landing", paths.state / "target"
    if compact_at is not None and not 1 < compact_at <= days:
        raise ValueError(f"compact_at must be a day between 2 and {days}, got {compact_at}")
    progress(f"bench: generating {days} days at scale {scale:g}")
    generate(generated, start_date=dt.date(2026, 1, 1), days=days, scale=scale, seed=seed)
    timed = measured_days(days, window, every_day, compact_at)
    restart_day = restart_before_day(days, timed) if restart_jvm else None
    catch_up_ends = {last for _, last in catch_up_builds(days, timed)}
    builds = build_plan(days, timed, full_rebuild)
    progress(f"bench: {len(builds)} whole-project builds ahead: {', '.join(builds)} (each ~1-2.5 min on 2 cores)")
    loads: list[dict[str, Any]] = []
    catch_ups: list[dict[str, Any]] = []
    pending: list[int] = []
    pending_ingest = 0.0
    pending_rows = 0
    compaction: dict[str, Any] | None = None
    vault_rows = raw_vault_rows(spark)
    for number, day in enumerate(_delivery_days(generated), start=1):
        _deliver(generated, landing, day)
        clock = _clock(day)
        summary = ingest(spark, landing, paths, progress=lambda _: None, ingested_at=clock)
        progress(f"bench: day {number}/{days} {day} ingested: {summary.rows} rows in {summary.seconds:.1f}s")
        if number not in timed:
            pending.append(number)
            pending_ingest += summary.seconds
            pending_rows += summary.rows
            if number in catch_up_ends:
                if number == restart_day:
                    progress("bench: restarting the JVM (a fresh one, as each day's `lakehouse build` gets)")
                    spark = restart_spark(spark, paths.root, log=progress)
                progress(f"bench: catch-up build of days {pending[0]}-{pending[-1]}")
                build, vault_rows = _build(spark, paths, target_path, clock, threads, vault_rows)
                build.pop("run_results")
                catch_up = {"days": [pending[0], pending[-1]], "ingest_s": round(pending_ingest, 2)}
                catch_up["fresh_jvm"] = number == restart_day
                catch_ups.append(catch_up | {"ingest_rows": pending_rows, **build})
                progress(f"bench: catch-up of days {pending[0]}-{pending[-1]}: dbt {build['dbt_s']}s")
                pending, pending_ingest, pending_rows = [], 0.0, 0
            continue
        if number == compact_at:
            progress(f"bench: OPTIMIZE of every Delta table before day {number}")
            compaction = {"day": number, **compact(spark)}
            progress(f"bench: compaction took {compaction['seconds']}s")
        build, vault_rows = _build(spark, paths, target_path, clock, threads, vault_rows)
        build.pop("run_results")
        load = {"day": number, "date": day, "ingest_s": round(summary.seconds, 2), "ingest_rows": summary.rows}
        load |= build
        load["total_s"] = round(load["ingest_s"] + load["dbt_s"], 2)
        loads.append(load)
        progress(
            f"bench: day {number}/{days} {day}: ingest {load['ingest_s']}s ({summary.rows} rows), "
            f"dbt {load['dbt_s']}s, raw vault +{load['raw_vault_rows_inserted']} rows"
        )
    result: dict[str, Any] = {"scale": scale, "days": days, "seed": seed, "window": window, "threads": threads}
    result |= {"loads": loads, "catch_ups": catch_ups, "compaction": compaction}
    progress("bench: counting the Delta data files of every table")
    result["table_files"] = table_files(delta_file_counts(spark))
    if full_rebuild:
        progress("bench: full rebuild (--full-refresh) of the whole project")
        last_clock = _clock(_delivery_days(generated)[-1])
        build, _ = _build(spark, paths, target_path, last_clock, threads, vault_rows, ("--full-refresh",))
        build.pop("run_results")
        result["full_rebuild"] = build
        progress(f"bench: full rebuild: dbt {build['dbt_s']}s")
    return result
