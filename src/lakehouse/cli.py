"""The ``lakehouse`` command: generate sources, ingest to Bronze, build the dbt project, query locally."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lakehouse.paths import LocalPaths, ProjectNotFoundError, local_paths

LAYER_SCHEMAS = (
    "bronze",
    "staging",
    "raw_vault",
    "business_vault",
    "intermediate",
    "snapshots",
    "marts",
    "audit",
    "reference",
)
REJECTS_VIEW = "audit.dq_rejected_records"


def _log(message: str) -> None:
    print(message, flush=True)


def _positive_int(text: str) -> int:
    return _int_from(text, 1)


def _non_negative_int(text: str) -> int:
    return _int_from(text, 0)


def _int_from(text: str, smallest: int) -> int:
    value = int(text)
    if value < smallest:
        raise argparse.ArgumentTypeError(f"must be >= {smallest}, got {value}")
    return value


def _load_time(text: str) -> dt.datetime:
    """``--load-time``: an ISO-8601 timestamp; without an offset it is taken as UTC."""
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"expected a timestamp like 2026-01-02T06:00:00Z, got {text!r}") from error
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"expected a date like 2026-01-01, got {text!r}") from error


def cmd_setup(args: argparse.Namespace, paths: LocalPaths) -> int:
    from lakehouse.jars import check_java, ensure_jars
    from lakehouse.spark import ensure_profiles

    ensure_profiles(paths.root)
    jars = ensure_jars(paths.jars, log=_log)
    _log(f"Delta jars ready: {', '.join(j.name for j in jars)}")
    java_home = os.environ.get("JAVA_HOME") or "the java on PATH"
    _log(f"engine Java: {check_java()} from {java_home} (set JAVA_HOME to choose another)")
    return 0


def cmd_generate(args: argparse.Namespace, paths: LocalPaths) -> int:
    from lakehouse.generate import generate

    landing = Path(args.landing) if args.landing else paths.landing
    started = time.monotonic()
    summary = generate(
        landing,
        start_date=args.start_date,
        days=args.days,
        scale=args.scale,
        seed=args.seed,
        dirty_rate=args.dirty_rate,
        progress=_log,
    )
    rows = sum(summary.rows_by_entity.values())
    _log(f"generated {summary.files} files, {rows} rows into {landing} in {time.monotonic() - started:.1f}s")
    return 0


def _ingest(spark: Any, landing: Path, paths: LocalPaths, ingested_at: dt.datetime | None = None) -> Any:
    from lakehouse.ingest import ingest

    summary = ingest(spark, landing, paths, progress=_log, ingested_at=ingested_at)
    _log(summary.one_line())
    return summary


def cmd_ingest(args: argparse.Namespace, paths: LocalPaths) -> int:
    from lakehouse.spark import engine_lock, get_spark

    landing = Path(args.landing) if args.landing else paths.landing
    with engine_lock(paths):
        _ingest(get_spark(paths.root, log=_log), landing, paths, args.load_time)
    return 0


def _table_counts(spark: Any, schemas: Sequence[str] = LAYER_SCHEMAS) -> dict[str, int]:
    """Row count of every table in those of ``schemas`` that exist (views excluded), for the load summary: from
    each table's Delta checksum where it has one (``lakehouse.delta_tables``), else ``count(*)``."""
    from lakehouse.delta_tables import row_counts

    counts: dict[str, int] = {}
    existing = {row[0] for row in spark.sql("show schemas").collect()}
    for schema in schemas:
        if schema not in existing or schema == "staging":  # staging holds views only
            continue
        counts |= {f"{schema}.{table}": rows for table, rows in row_counts(spark, schema).items()}
    return counts


FILE_LOG = "bronze._ingest_file_log"


def _rejection_summary(spark: Any, batch_id: int | None) -> list[str]:
    """What this load rejected (per source and reason) and which new files repeat an earlier file's bytes."""
    if batch_id is None:
        return ["rejected: nothing new was ingested, so nothing new was rejected"]
    lines: list[str] = []
    if spark.catalog.tableExists(REJECTS_VIEW):
        rejected = spark.sql(
            f"select record_source, dq_reject_reason, count(*) as records from {REJECTS_VIEW} "
            f"where batch_id = {int(batch_id)} group by record_source, dq_reject_reason "
            "order by record_source, dq_reject_reason"
        ).collect()
        total = sum(row.records for row in rejected)
        lines.append(f"rejected in batch {batch_id}: {total} records (listed in {REJECTS_VIEW})")
        lines += [f"  {row.record_source:<32} {row.dq_reject_reason:<48} {row.records:>6}" for row in rejected]
    else:
        lines.append(f"rejected in batch {batch_id}: unknown ({REJECTS_VIEW} is not built; select the audit models)")
    if spark.catalog.tableExists(FILE_LOG):
        resent = spark.sql(
            f"select new.source_file, min(earlier.source_file) as same_as from {FILE_LOG} as new "
            f"inner join {FILE_LOG} as earlier on new.sha256 = earlier.sha256 "
            "and (earlier.batch_id < new.batch_id "
            "or (earlier.batch_id = new.batch_id and earlier.source_file < new.source_file)) "
            f"where new.batch_id = {int(batch_id)} and new.size_bytes > 0 group by new.source_file order by 1"
        ).collect()
        lines += [
            f"re-sent file (same bytes as {row.same_as}): {row.source_file}; its records load once" for row in resent
        ]
    return lines


def _reject_counts(spark: Any) -> dict[str, int]:
    """Rejected records per Bronze table (``record_source`` erp.products -> bronze.erp__products)."""
    if not spark.catalog.tableExists(REJECTS_VIEW):
        return {}
    rows = spark.sql(f"select record_source, count(*) from {REJECTS_VIEW} group by record_source").collect()
    return {"bronze." + source.replace(".", "__", 1): count for source, count in rows}


def load_summary(
    before: dict[str, int], after: dict[str, int], rejected_before: dict[str, int], rejected_after: dict[str, int]
) -> str:
    """Per table: rows now, rows loaded by this load, records of this load rejected (Bronze tables only)."""
    lines = [f"{'table':<52} {'rows':>10} {'loaded':>8} {'rejected':>9}"]
    for name in sorted(after.keys() | rejected_after.keys()):
        rows = after.get(name, 0)
        rejected = rejected_after.get(name, 0) - rejected_before.get(name, 0) if name in rejected_after else None
        rejected_cell = "" if rejected is None else f"{rejected:>+9}"
        lines.append(f"{name:<52} {rows:>10} {rows - before.get(name, 0):>+8} {rejected_cell:>9}".rstrip())
    lines.append(
        "(loaded: rows this load added; rejected: records of this load that could not be used, listed in "
        f"{REJECTS_VIEW})"
    )
    return "\n".join(lines)


@dataclass(frozen=True)
class TableCounts:
    """What the load summary compares: rows per table, and rejected records per Bronze table."""

    rows: dict[str, int]
    rejected: dict[str, int]


def _counts(spark: Any) -> TableCounts:
    return TableCounts(_table_counts(spark), _reject_counts(spark))


def build(
    paths: LocalPaths,
    landing: Path,
    dbt_args: Sequence[str] = (),
    ingested_at: dt.datetime | None = None,
    counts_before: TableCounts | None = None,
) -> TableCounts:
    """One load: ingest whatever is new, then ``dbt build`` on the local target, then a summary.

    Returns the counts after the load. ``counts_before``: the counts the previous load of this process
    returned, when nothing can have written in between (``lakehouse demo`` holds the engine lock over all its
    days), instead of counting every table again.
    """
    from lakehouse.dbt_runner import DbtFailedError, run_dbt
    from lakehouse.spark import get_spark

    spark = get_spark(paths.root, log=_log)
    before = counts_before if counts_before is not None else _counts(spark)
    ingested = _ingest(spark, landing, paths, ingested_at)
    started = time.monotonic()
    # a simulated clock (ingested_at): freshness is measured against it, not the wall clock
    result = run_dbt(paths.root, ["build", *dbt_args], check=False, reference_time=ingested_at)
    after = _counts(spark)
    _log("\n" + load_summary(before.rows, after.rows, before.rejected, after.rejected))
    statuses: dict[str, int] = {}
    for node in result.nodes():
        statuses[node["status"]] = statuses.get(node["status"], 0) + 1
    _log(f"dbt build: {statuses} in {time.monotonic() - started:.0f}s")
    for line in _rejection_summary(spark, ingested.batch_id):
        _log(line)
    if not result.success:
        raise DbtFailedError("dbt build failed: see the errors above (target/run_results.json has details)")
    return after


def cmd_build(args: argparse.Namespace, paths: LocalPaths) -> int:
    from lakehouse.spark import engine_lock

    landing = Path(args.landing) if args.landing else paths.landing
    target = dbt_target(args.dbt_args)
    if target != "local":
        raise ValueError(
            f"build loads the local warehouse only (target {target!r} selected); on Databricks the bundle's job "
            "runs ingestion and `dbt build --target databricks`"
        )
    with engine_lock(paths):
        build(paths, landing, args.dbt_args, ingested_at=args.load_time)
    return 0


def dbt_target(dbt_args: Sequence[str]) -> str:
    """The dbt target these arguments select: ``--target``/``-t``, else ``DBT_TARGET``, else ``local``."""
    import os

    target = os.environ.get("DBT_TARGET") or "local"
    for position, word in enumerate(dbt_args):
        if word in ("--target", "-t") and position + 1 < len(dbt_args):
            target = dbt_args[position + 1]
        elif word.startswith("--target="):
            target = word.split("=", 1)[1]
    return target


def cmd_dbt(args: argparse.Namespace, paths: LocalPaths) -> int:
    """Run any dbt command on the shared local engine (faster than a bare ``dbt`` for repeated work)."""
    from lakehouse.dbt_runner import run_dbt
    from lakehouse.spark import engine_lock, get_spark

    if dbt_target(args.dbt_args) != "local":  # e.g. parse/compile against databricks: no local engine needed
        return 0 if run_dbt(paths.root, args.dbt_args, check=False).success else 1
    with engine_lock(paths):
        get_spark(paths.root, log=_log)
        return 0 if run_dbt(paths.root, args.dbt_args, check=False).success else 1


def cmd_sql(args: argparse.Namespace, paths: LocalPaths) -> int:
    """Query the LOCAL warehouse; refuses when the environment selects another dbt target."""
    from lakehouse.spark import engine_lock, get_spark
    from lakehouse.sql import run_query

    target = dbt_target(())
    if target != "local":
        print(
            f"lakehouse sql: error: it queries the local embedded warehouse only, but DBT_TARGET={target}. "
            "For Databricks use its SQL editor or `dbt show --target databricks --inline '...'`; "
            "unset DBT_TARGET to query the local warehouse.",
            file=sys.stderr,
        )
        return 2
    print(f"lakehouse sql: local warehouse in {paths.state} (never Databricks)", file=sys.stderr)
    with engine_lock(paths):
        spark = get_spark(paths.root, log=lambda _: None)
        print(run_query(spark, args.query, args.format, args.limit))
    return 0


STATUS_QUERIES = (
    (
        "Freshness (last load per Bronze table vs SLA)",
        "select table_name, sla_hours, round(hours_since_last_load, 1) as hours_since_load, is_within_sla, "
        "last_loaded_at from audit.table_freshness order by table_name",
    ),
    (
        "Load volume (last load per vault table; anomalies flagged)",
        "select table_name, rows_loaded, round(mean_previous_rows, 1) as mean_previous, is_anomaly, load_datetime "
        "from (select *, row_number() over (partition by table_name order by load_datetime desc) as recency "
        "from audit.load_volume) where recency = 1 order by is_anomaly desc, table_name",
    ),
    (
        "Rejected records per source (all loads)",
        "select record_source, sum(delivered_records) as delivered, sum(rejected_records) as rejected, "
        "round(sum(rejected_records) / sum(delivered_records), 4) as reject_rate "
        "from audit.dq_load_quality group by record_source order by record_source",
    ),
    (
        "Last dbt invocation",
        "select status, resource_type, count(*) as nodes, round(sum(execution_time_s), 1) as seconds "
        "from audit.dbt_run_results where invocation_id = (select max_by(invocation_id, completed_at) "
        "from audit.dbt_run_results) group by status, resource_type order by resource_type, status",
    ),
)


def cmd_status(args: argparse.Namespace, paths: LocalPaths) -> int:
    """Print the freshness dashboard: SLA per table, load volumes, rejects, last dbt run."""
    from lakehouse.spark import engine_lock, get_spark
    from lakehouse.sql import run_query

    with engine_lock(paths):
        spark = get_spark(paths.root, log=lambda _: None)
        existing = {row[0] for row in spark.sql("show schemas").collect()}
        if "audit" not in existing:
            print("no loads yet: run `lakehouse build` (or `make demo`) first", file=sys.stderr)
            return 1
        for title, query in STATUS_QUERIES:
            print(f"\n{title}")
            print(run_query(spark, query, args.format, limit=0))
    return 0


def _delivery_days(generated: Path) -> list[str]:
    """The day folders (``<system>/<entity>/<YYYY-MM-DD>``) present in a generated landing tree."""
    return sorted({p.name for p in generated.glob("*/*/*") if p.is_dir()})


def cmd_demo(args: argparse.Namespace, paths: LocalPaths) -> int:
    """Generate a history, deliver it one day at a time into landing/, and run a load after each day."""
    from lakehouse.answers import business_answers
    from lakehouse.generate import generate
    from lakehouse.spark import engine_lock, get_spark

    generated = paths.state / "generated"
    landing = Path(args.landing) if args.landing else paths.landing
    selection = ["--select", *args.select, "--indirect-selection", "cautious"] if args.select else []
    with engine_lock(paths):
        if args.fresh:
            for folder in (paths.warehouse, paths.metastore, paths.checkpoints, landing, generated):
                shutil.rmtree(folder, ignore_errors=True)
        _log(f"generating {args.days} days of source data (scale {args.scale}) into {generated}")
        generate(
            generated,
            start_date=args.start_date,
            days=args.days,
            scale=args.scale,
            seed=args.seed,
            dirty_rate=args.dirty_rate,
        )
        counts: TableCounts | None = None  # each day's counts after its load are the next day's before it
        for number, day in enumerate(_delivery_days(generated), start=1):
            delivered = 0
            for folder in sorted(generated.glob(f"*/*/{day}")):
                target = landing / folder.relative_to(generated)
                if not target.exists():
                    shutil.copytree(folder, target)
                    delivered += 1
            _log(f"\n=== day {number}/{args.days}: {day} ({delivered} new deliveries) ===")
            # day D's delivery (D's events) lands the next morning, 06:00 UTC: load time after business time
            clock = dt.datetime.combine(dt.date.fromisoformat(day) + dt.timedelta(days=1), dt.time(6, 0), tzinfo=dt.UTC)
            untested = args.test_last_day_only and number < args.days
            day_args = [*selection, "--exclude-resource-type", "test", "unit_test"] if untested else selection
            counts = build(paths, landing, dbt_args=day_args, ingested_at=clock, counts_before=counts)
        _log("\n=== business answers from the marts ===")
        business_answers(get_spark(paths.root, log=_log), log=_log)
    _log(
        "\nDone. Look around with e.g.:\n"
        '  .venv/bin/lakehouse sql "show tables in raw_vault"\n'
        "  make docs    # the lineage site"
    )
    return 0


def cmd_bench(args: argparse.Namespace, paths: LocalPaths) -> int:
    """Daily load times as history grows and/or the Data Vault package vs. hand-written SQL; writes a report."""
    from lakehouse.bench import run_bench, run_settings_ab
    from lakehouse.bench.report import day_windows
    from lakehouse.bench.settings_ab import DEFAULT_ORDER, check_order, parse_settings

    output = Path(args.output) if args.output else paths.root / "bench" / "results"
    if not args.ab_setting and (args.ab_order or args.ab_select):
        raise ValueError("--ab-order and --ab-select only go with --ab-setting")
    if args.ab_setting:
        written = run_settings_ab(
            paths.root,
            settings=parse_settings(args.ab_setting),
            order=check_order(args.ab_order or DEFAULT_ORDER),
            warm_ups=args.ab_warm_ups,
            select=args.ab_select.split(),
            threads=args.threads,
            output=output,
            progress=_log,
        )
        _log("report: " + ", ".join(str(path) for path in written.values()))
        return 0
    early, late = day_windows(args.days, args.window)
    if not late and not args.vault_only and not args.rebuild_only:
        raise ValueError(
            f"--days must be at least {early.stop} with --window {args.window}: "
            f"days {early.start}-{early.stop - 1} are compared with a later day"
        )
    if args.compact_at is not None and not early.stop < args.compact_at <= args.days:
        raise ValueError(f"--compact-at must be a day after day {early.stop} and not after --days ({args.days})")
    written = run_bench(
        paths.root,
        scale=args.scale,
        days=args.days,
        seed=args.seed,
        vault_rows=args.vault_rows,
        repetitions=args.repetitions,
        vault_cycles=args.vault_cycles,
        vault_warm_ups=args.vault_warm_ups,
        every_day=args.every_day,
        window=args.window,
        threads=args.threads,
        full_rebuild=not args.no_full_rebuild,
        rebuild_only=args.rebuild_only,
        compact_at=args.compact_at,
        restart_jvm=not args.same_jvm,
        daily=not args.vault_only,
        output=output,
        progress=_log,
    )
    _log("report: " + ", ".join(str(path) for path in written.values()))
    return 0


LOAD_TIME_HELP = (
    "pin the load time (_ingested_at, the vault's load_datetime) instead of now, e.g. 2026-01-02T06:00:00Z: "
    "for replays and reproducible test loads"
)


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="lakehouse", description=__doc__)
    commands = root.add_subparsers(dest="command", required=True)

    commands.add_parser("setup", help="fetch the Delta jars and create profiles.yml (make setup runs this)")

    gen = commands.add_parser("generate", help="write synthetic source-system files into a landing folder")
    gen.add_argument("--start-date", type=_date, default=dt.date(2026, 1, 1))
    gen.add_argument("--days", type=_positive_int, default=7)
    gen.add_argument("--scale", type=float, default=1.0)
    gen.add_argument("--seed", type=int, default=42)
    gen.add_argument("--landing", help="landing folder (default: ./landing)")
    gen.add_argument("--dirty-rate", type=float, default=0.0, help="rate of injected feed faults (0..1)")

    ing = commands.add_parser("ingest", help="land every new landing file in its Bronze Delta table, once")
    ing.add_argument("--landing", help="landing folder (default: ./landing)")
    ing.add_argument("--load-time", type=_load_time, help=LOAD_TIME_HELP)

    bld = commands.add_parser("build", help="one load: ingest new files, then dbt build on the local target")
    bld.add_argument("--landing", help="landing folder (default: ./landing)")
    bld.add_argument("--load-time", type=_load_time, help=LOAD_TIME_HELP)
    bld.add_argument("dbt_args", nargs=argparse.REMAINDER, help="extra dbt build arguments, e.g. -s hub_customer+")

    demo = commands.add_parser("demo", help="generate N days and load them one day at a time")
    demo.add_argument("--days", type=_positive_int, default=7)
    demo.add_argument("--scale", type=float, default=0.1)
    demo.add_argument("--seed", type=int, default=42)
    demo.add_argument("--start-date", type=_date, default=dt.date(2026, 1, 1))
    demo.add_argument("--dirty-rate", type=float, default=0.0)
    demo.add_argument("--landing", help="landing folder the days are delivered into (default: ./landing)")
    demo.add_argument(
        "--select", nargs="+", help="build only these dbt selectors (and tests whose parents are all selected)"
    )
    demo.add_argument("--fresh", action="store_true", help="wipe the local warehouse and landing folder first")
    demo.add_argument(
        "--test-last-day-only",
        action="store_true",
        help="run dbt's tests only after the last day (the vault is insert-only, so its final state holds every "
        "earlier day's rows): the earlier loads skip them, which saves time in make test",
    )

    bench = commands.add_parser("bench", help="benchmark: daily load vs. history, vault macros vs. hand-written SQL")
    bench.add_argument("--scale", type=float, default=0.02)
    bench.add_argument("--days", type=_positive_int, default=8, help="days of history (the last is compared to day 5)")
    bench.add_argument("--seed", type=int, default=42)
    bench.add_argument(
        "--window",
        type=_positive_int,
        default=1,
        help="days timed on their own around day 5 and at the end (the 60-day run in the README uses 3); the days "
        "between are built in one catch-up build each",
    )
    bench.add_argument("--every-day", action="store_true", help="build and time every day (no catch-up builds)")
    bench.add_argument(
        "--threads",
        type=_positive_int,
        default=1,
        help="dbt threads per load (default 1: layer seconds add up)",
    )
    bench.add_argument("--no-full-rebuild", action="store_true", help="skip the final --full-refresh rebuild")
    bench.add_argument(
        "--same-jvm",
        action="store_true",
        help="one JVM for the whole run (default: a fresh one before the last catch-up build, so the late days run "
        "on a JVM as old as the early days', as each day's `lakehouse build` starts its own)",
    )
    bench.add_argument(
        "--rebuild-only",
        action="store_true",
        help="no daily timings: ingest every day, build once, then time the --full-refresh rebuild (large scales)",
    )
    bench.add_argument(
        "--compact-at",
        type=_positive_int,
        help="OPTIMIZE every Delta table before this day's load; the --window days before it are timed too (A/B)",
    )
    bench.add_argument(
        "--vault-rows", type=int, default=0, help="also compare hub/sat/PIT loads of this many stage rows per batch"
    )
    bench.add_argument("--vault-only", action="store_true", help="only the Data Vault comparison")
    bench.add_argument(
        "--vault-cycles", type=_positive_int, default=3, help="batches loaded: a first load, then incremental ones"
    )
    bench.add_argument("--repetitions", type=_positive_int, default=3, help="repetitions of the vault comparison")
    bench.add_argument(
        "--vault-warm-ups",
        type=_positive_int,
        default=1,
        help="untimed rounds of both sides through every cycle before the vault comparison (JIT warm-up)",
    )
    bench.add_argument(
        "--ab-setting",
        action="append",
        metavar="spark.KEY=VALUE",
        help="instead of a run: A/B of this Spark setting (repeatable) in warm builds of the last `make bench`'s "
        "warehouse, switched between builds in one JVM (bench/README.md)",
    )
    bench.add_argument(
        "--ab-order", help="timed builds of the A/B: A as configured, B with the setting (default ABBAABBA)"
    )
    bench.add_argument(
        "--ab-warm-ups", type=_non_negative_int, default=2, help="untimed builds before the A/B's timed ones"
    )
    bench.add_argument("--ab-select", default="", help="dbt node selection of the A/B's builds (default: all)")
    bench.add_argument("--output", help="report folder (default: bench/results)")

    dbt = commands.add_parser("dbt", help="run a dbt command on the local engine, e.g. lakehouse dbt build -s x+")
    dbt.add_argument("dbt_args", nargs=argparse.REMAINDER)

    status = commands.add_parser("status", help="freshness/SLA, load volumes, rejects and the last dbt run")
    status.add_argument("--format", choices=["table", "csv", "json"], default="table")

    sql = commands.add_parser(
        "sql",
        help="run SQL against the LOCAL warehouse only (never Databricks) and print it",
        description="Query the local embedded warehouse (.lakehouse/, or LAKEHOUSE_STATE_DIR). It never connects "
        "to Databricks and refuses to run when DBT_TARGET selects another target: use the Databricks SQL "
        "editor or `dbt show --target databricks` there.",
    )
    sql.add_argument("query")
    sql.add_argument("--format", choices=["table", "csv", "json"], default="table")
    sql.add_argument("--limit", type=int, default=1000, help="maximum rows printed (0 = all)")
    return root


PASSTHROUGH_COMMANDS = ("build", "dbt")


def _passthrough_args(argv: list[str]) -> argparse.Namespace:
    """``build``/``dbt``: our own options (``--landing``, ``--load-time``), every other word goes to dbt verbatim."""
    command, rest = argv[0], argv[1:]
    own: dict[str, str | None] = {"--landing": None, "--load-time": None}
    for option in own if command == "build" else ():
        if option in rest:
            position = rest.index(option)
            if position + 1 >= len(rest):
                parser().error(f"{option} needs a value")
            own[option] = rest[position + 1]
            rest = rest[:position] + rest[position + 2 :]
    if any(word in ("-h", "--help") for word in rest[:1]):
        parser().parse_args([command, "--help"])
    load_time = own["--load-time"]
    try:
        pinned = _load_time(load_time) if load_time else None
    except argparse.ArgumentTypeError as error:
        parser().error(f"--load-time: {error}")
    return argparse.Namespace(
        command=command, landing=own["--landing"], load_time=pinned, dbt_args=[w for w in rest if w != "--"]
    )


COMMANDS = {
    "setup": cmd_setup,
    "generate": cmd_generate,
    "ingest": cmd_ingest,
    "build": cmd_build,
    "demo": cmd_demo,
    "dbt": cmd_dbt,
    "sql": cmd_sql,
    "status": cmd_status,
    "bench": cmd_bench,
}


def main(argv_in: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv_in is None else argv_in)
    passthrough = bool(argv) and argv[0] in PASSTHROUGH_COMMANDS
    args = _passthrough_args(argv) if passthrough else parser().parse_args(argv)
    try:
        paths = local_paths()
        return COMMANDS[args.command](args, paths)
    except (ProjectNotFoundError, ValueError, KeyError, OSError, RuntimeError) as error:
        print(f"lakehouse {args.command}: error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
