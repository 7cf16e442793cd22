"""Data Vault benchmark: our package's hub, sat and PIT loads vs. hand-written Spark SQL doing the same work.

Both sides read the same synthetic stage batches (pre-hashed, like our ``stg_`` views deliver them) and
write Delta tables in the same session, step by step back to back (our hub, then the hand-written hub, ...),
so machine load hits both alike:

1. cycle 1 loads batch 1 into empty targets (ours: dbt's first run, ``create table as``; hand-written:
   ``create table as``), cycles 2 and 3 load batches 2 and 3 incrementally (ours: dbt's append
   materialization; hand-written: ``insert into``), each followed by a PIT rebuild over the whole
   satellite, so the PIT is timed at three satellite sizes. Like our staging views, which show all of
   Bronze, the stage in cycle c shows batches 1..c: an incremental load must skip the loaded ones;
2. the whole sequence is repeated; per step and side the median is reported, the order of the two sides
   alternates between repetitions, and the ratio is the median of the per-repetition ratios (each of a
   pair of runs made back to back).

Ours is timed as dbt reports it in ``run_results.json`` (``execution_time``), which includes the
materialization's extra statements (describe, temp view, insert), i.e. what a user of the package pays.

Batch c has ``rows`` rows over ``rows / 4`` customers, half of them already seen in batch c-1, each with
four versions one hour apart whose attributes change every second version; ~1% of rows have a NULL key.
The hand-written SQL uses the same rules as the package: NULL keys dropped, earliest load wins (ties by
record source, then key), a satellite row only when its hashdiff differs from the key's previous one, only
stage rows newer than the target's high-water mark read, anti-joins with ``not exists``.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from lakehouse.bench.timings import node_seconds

BENCH_PROJECT = Path(__file__).resolve().parents[3] / "bench" / "datavault"
CYCLES = 3
AS_OF_DAYS = 10
GHOST_KEY = "0" * 32
SIDES = ("ours", "hand_written")


def stage_batch_sql(schema: str, table: str, rows: int, cycle: int) -> str:
    """A ``create table`` for stage batch ``cycle`` (0-based) with ``rows`` rows; deterministic."""
    keys = max(rows // 4, 1)
    offset = cycle * keys // 2
    return f"""
create or replace table {schema}.{table} using delta as
with numbered as (
    select id, {offset} + id % {keys} as customer_number, cast(id div {keys} as int) as version
    from range({rows})
),

described as (
    select
        case when id % 101 = 100 then null else concat('C', lpad(cast(customer_number as string), 9, '0')) end
            as customer_id,
        concat('city', cast(customer_number % 97 as string)) as city,
        concat('tier', cast((customer_number + version div 2 + {cycle}) % 3 as string)) as loyalty_tier,
        timestamp'2026-01-01 06:00:00' + make_interval(0, 0, 0, {cycle}, version, 0, 0) as load_datetime
    from numbered
)

select
    upper(md5(upper(trim(customer_id)))) as customer_hk,
    upper(md5(concat(city, '||', loyalty_tier))) as hashdiff,
    customer_id,
    city,
    loyalty_tier,
    load_datetime,
    'bench.customers' as record_source
from described
"""


def as_of_dates_sql(schema: str) -> str:
    """One as-of date per day from before the first load to after the last one."""
    return f"""
create or replace table {schema}.as_of_dates using delta as
select date_add(date'2025-12-31', cast(id as int)) as as_of_date from range({AS_OF_DAYS})
"""


# --- the hand-written baseline ---------------------------------------------------------------------------


def hub_sql(schema: str, incremental: bool) -> str:
    source = f"{schema}.stage"
    target = f"{schema}.hw_hub"
    newer = (
        f"and load_datetime > (select coalesce(max(load_datetime), timestamp'1900-01-01') from {target})"
        if incremental
        else ""
    )
    select = f"""
with ranked as (
    select
        customer_hk, customer_id, load_datetime, record_source,
        row_number() over (partition by customer_hk order by load_datetime, record_source, customer_id) as rn
    from {source}
    where customer_hk is not null {newer}
)

select customer_hk, customer_id, load_datetime, record_source
from ranked
where rn = 1"""
    if not incremental:
        return f"create or replace table {target} using delta as {select}"
    return f"""insert into {target} {select}
    and not exists (select 1 from {target} as existing where existing.customer_hk = ranked.customer_hk)"""


def sat_sql(schema: str, incremental: bool) -> str:
    source = f"{schema}.stage"
    target = f"{schema}.hw_sat"
    columns = "customer_hk, hashdiff, city, loyalty_tier, load_datetime, record_source"
    newer = (
        f"and load_datetime > (select coalesce(max(load_datetime), timestamp'1900-01-01') from {target})"
        if incremental
        else ""
    )
    latest = (
        f""",

latest as (
    select customer_hk, max_by(hashdiff, load_datetime) as hashdiff
    from {target}
    where exists (select 1 from batch where batch.customer_hk = {target}.customer_hk)
    group by customer_hk
)"""
        if incremental
        else ""
    )
    previous = "coalesce(ordered.previous_hashdiff, latest.hashdiff)" if incremental else "ordered.previous_hashdiff"
    join = "left join latest on ordered.customer_hk = latest.customer_hk" if incremental else ""
    select = f"""
with batch as (
    select distinct {columns}
    from {source}
    where customer_hk is not null {newer}
){latest},

ordered as (
    select
        batch.*,
        lag(hashdiff) over (partition by customer_hk order by load_datetime, hashdiff) as previous_hashdiff
    from batch
)

select {", ".join(f"ordered.{c.strip()}" for c in columns.split(","))}
from ordered
{join}
where {previous} is null or {previous} <> ordered.hashdiff"""
    if not incremental:
        return f"create or replace table {target} using delta as {select}"
    return f"insert into {target} {select}"


def pit_sql(schema: str) -> str:
    """The classic hand-written PIT: join every satellite row up to the as-of date, keep the latest."""
    return f"""
create or replace table {schema}.hw_pit using delta as
with spine as (
    select hub.customer_hk, dates.as_of_date
    from {schema}.hw_hub as hub
    cross join (select distinct as_of_date from {schema}.as_of_dates where as_of_date is not null) as dates
),

latest as (
    select spine.customer_hk, spine.as_of_date, max(sat.load_datetime) as sat_ldts
    from spine
    left join {schema}.hw_sat as sat
        on sat.customer_hk = spine.customer_hk
        and sat.load_datetime <= cast(spine.as_of_date as timestamp)
    group by spine.customer_hk, spine.as_of_date
)

select
    customer_hk,
    as_of_date,
    case when sat_ldts is null then '{GHOST_KEY}' else customer_hk end as bench_sat_PK,
    coalesce(sat_ldts, timestamp'1900-01-01 00:00:00') as bench_sat_LDTS
from latest
"""


# --- running both sides ----------------------------------------------------------------------------------


@contextmanager
def _default_schema(schema: str) -> Iterator[None]:
    """dbt's target schema (and our source's schema) for the bench project is taken from this variable."""
    saved = os.environ.get("LAKEHOUSE_DEFAULT_SCHEMA")
    os.environ["LAKEHOUSE_DEFAULT_SCHEMA"] = schema
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("LAKEHOUSE_DEFAULT_SCHEMA", None)
        else:
            os.environ["LAKEHOUSE_DEFAULT_SCHEMA"] = saved


class BenchProject:
    """Runs the bench dbt project in-process (on the session's SparkSession) in one schema."""

    def __init__(self, root: Path, schema: str, target_path: Path) -> None:
        self.root = root
        self.schema = schema
        self.target_path = target_path
        self._deps_done = False

    def invoke(self, args: list[str]) -> dict[str, Any]:
        from lakehouse.dbt_runner import run_dbt

        common = ["--project-dir", str(BENCH_PROJECT), "--profiles-dir", str(self.root), "--target", "local"]
        with _default_schema(self.schema):
            if not self._deps_done:
                run_dbt(self.root, ["deps", "--quiet", *common[:4]], target_path=self.target_path)
                self._deps_done = True
            result = run_dbt(
                self.root, [*args, *common, "--target-path", str(self.target_path)], target_path=self.target_path
            )
        return result.run_results

    def run(self, models: list[str], full_refresh: bool = False) -> dict[str, float]:
        """``dbt run`` of ``models``; returns seconds per model name."""
        # One thread: the models run one after another, like the hand-written statements; with two, the hub
        # and the sat would share the two cores and each would be timed slower than it is alone.
        args = ["run", "--quiet", "--threads", "1", "--select", *models]
        if full_refresh:
            args.append("--full-refresh")
        return node_seconds(self.invoke(args))


def _timed(spark: Any, statement: str) -> float:
    started = time.perf_counter()
    spark.sql(statement)
    return time.perf_counter() - started


def prepare(spark: Any, schema: str, rows: int, cycles: int = CYCLES) -> None:
    """Stage batches and as-of dates (written once, read by every repetition)."""
    spark.sql(f"create schema if not exists {schema}")
    for cycle in range(cycles):
        spark.sql(stage_batch_sql(schema, f"stage_batch_{cycle + 1}", rows, cycle))
    spark.sql(as_of_dates_sql(schema))


def point_stage_at(spark: Any, schema: str, cycle: int) -> None:
    """The stage holds batches 1..cycle, as our staging views hold all of Bronze: loads must skip the old ones."""
    batches = " union all ".join(f"select * from {schema}.stage_batch_{c}" for c in range(1, cycle + 1))
    spark.sql(f"create or replace view {schema}.stage as {batches}")


def drop_targets(spark: Any, schema: str) -> None:
    for table in ("bench_hub", "bench_sat", "bench_pit", "hw_hub", "hw_sat", "hw_pit"):
        spark.sql(f"drop table if exists {schema}.{table}")


STEPS = ("hub", "sat", "pit")


def run_ours_step(project: BenchProject, step: str, cycle: int) -> float:
    """One model of our package (a first load on cycle 1, else incremental; the PIT is rebuilt every time)."""
    model = f"bench_{step}"
    return project.run([model], full_refresh=cycle == 1)[model]


def run_hand_written_step(spark: Any, schema: str, step: str, cycle: int) -> float:
    if step == "pit":
        return _timed(spark, pit_sql(schema))
    load_sql = hub_sql if step == "hub" else sat_sql
    return _timed(spark, load_sql(schema, incremental=cycle > 1))


def run_ours(project: BenchProject, cycle: int) -> dict[str, float]:
    """All three models in one dbt invocation (for the row-equality test: one project parse, not three)."""
    seconds = project.run([f"bench_{step}" for step in STEPS], full_refresh=cycle == 1)
    return {step: seconds[f"bench_{step}"] for step in STEPS}


def run_hand_written(spark: Any, schema: str, cycle: int) -> dict[str, float]:
    return {step: run_hand_written_step(spark, schema, step, cycle) for step in STEPS}


def table_rows(spark: Any, schema: str, table: str) -> int:
    return int(spark.sql(f"select count(*) from {schema}.{table}").collect()[0][0])


def warm_up(spark: Any, project: BenchProject, schema: str, cycles: int) -> None:
    """Both sides through every cycle once, untimed. A JVM's first run of a code path pays its class loading
    and JIT compilation; the first load and the incremental loads run different statements (create table vs.
    anti-join and insert), so warming the first load only charged that cost to whichever side ran the first
    timed incremental load (ours, in repetition 1: 7.1 s instead of ~3.3 s for one hub insert)."""
    drop_targets(spark, schema)
    for cycle in range(1, cycles + 1):
        point_stage_at(spark, schema, cycle)
        run_ours(project, cycle)
        run_hand_written(spark, schema, cycle)


def measure_vault(
    spark: Any,
    root: Path,
    *,
    rows: int,
    repetitions: int = 3,
    cycles: int = CYCLES,
    warm_ups: int = 1,
    schema: str = "dv_bench",
    target_path: Path,
    progress: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Run the comparison; returns per step (hub/sat/pit x cycle) the medians of both sides and the ratio."""
    project = BenchProject(root, schema, target_path)
    progress(f"vault bench: preparing {cycles} stage batches of {rows:,} rows")
    prepare(spark, schema, rows, cycles)
    for round_number in range(1, warm_ups + 1):
        progress(f"vault bench: warm-up {round_number}/{warm_ups} of both sides, all {cycles} cycles (not timed)")
        warm_up(spark, project, schema, cycles)
    samples: dict[str, dict[str, list[float]]] = {}
    sizes: dict[str, dict[str, int]] = {}
    for repetition in range(repetitions):
        drop_targets(spark, schema)
        order = SIDES if repetition % 2 == 0 else tuple(reversed(SIDES))
        for cycle in range(1, cycles + 1):
            point_stage_at(spark, schema, cycle)
            # step by step, both sides back to back: a pair is a few seconds apart, so the machine's load
            # (other work on a shared machine) is about the same for both of its runs
            for step in STEPS:
                for side in order:
                    if side == "ours":
                        value = run_ours_step(project, step, cycle)
                    else:
                        value = run_hand_written_step(spark, schema, step, cycle)
                    samples.setdefault(f"{step}_cycle{cycle}", {}).setdefault(side, []).append(value)
            progress(
                f"vault bench rep {repetition + 1}/{repetitions} cycle {cycle}: "
                + ", ".join(
                    f"{step} {samples[f'{step}_cycle{cycle}']['ours'][-1]:.1f}s"
                    f"/{samples[f'{step}_cycle{cycle}']['hand_written'][-1]:.1f}s"
                    for step in STEPS
                )
                + " (ours/hand-written)"
            )
            if repetition == 0:
                sizes[f"cycle{cycle}"] = {
                    "stage_rows": rows,
                    "hub_rows": table_rows(spark, schema, "bench_hub"),
                    "sat_rows": table_rows(spark, schema, "bench_sat"),
                    "pit_rows": table_rows(spark, schema, "bench_pit"),
                }
    steps = {}
    for step, by_side in samples.items():
        ours = statistics.median(by_side["ours"])
        hand = statistics.median(by_side["hand_written"])
        # the ratio of each repetition's back-to-back pair, then their median: load that drifts between
        # repetitions cancels out within a pair
        pairs = [o / h for o, h in zip(by_side["ours"], by_side["hand_written"], strict=True) if h > 0]
        steps[step] = {
            "ours_median_s": round(ours, 2),
            "hand_written_median_s": round(hand, 2),
            "ratio": round(statistics.median(pairs), 3) if pairs else None,
            "ratios": [round(pair, 2) for pair in pairs],
            "ours_samples_s": [round(v, 2) for v in by_side["ours"]],
            "hand_written_samples_s": [round(v, 2) for v in by_side["hand_written"]],
        }
    return {
        "stage_rows_per_batch": rows,
        "repetitions": repetitions,
        "warm_ups": warm_ups,
        "sizes": sizes,
        "steps": steps,
    }
