"""The benchmark's own code: run_results parsing, targets, report and plot, and the fairness of the Data Vault
comparison (the hand-written baseline must produce exactly the rows our macros produce, or the ratio is
meaningless). No timing is asserted anywhere."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from lakehouse.bench import _with_elapsed, close_environment, machine, vault
from lakehouse.bench.daily import (
    build_plan,
    compact,
    compiled_classes,
    delta_file_counts,
    measured_days,
    raw_vault_rows,
    restart_before_day,
)
from lakehouse.bench.report import (
    day_targets,
    day_windows,
    machine_note,
    model_growth,
    vault_targets,
    write_report,
)
from lakehouse.bench.timings import layer_seconds, node_layer, node_seconds, statement_seconds
from lakehouse.delta_tables import checksum_rows, delta_checksum

ROOT = Path(__file__).resolve().parents[2]
ENVIRONMENT = {"cpus": 2, "load_average_start": 1.0, "load_average_end": 1.0}


def _result(unique_id: str, relation: str | None, seconds: float) -> dict[str, Any]:
    return {"unique_id": unique_id, "relation_name": relation, "execution_time": seconds, "status": "success"}


RUN_RESULTS = {
    "results": [
        _result("model.cosnova_lakehouse.stg_crm__customers", "`staging`.`stg_crm__customers`", 0.5),
        _result("model.cosnova_lakehouse.hub_customer", "`raw_vault`.`hub_customer`", 2.0),
        _result("model.cosnova_lakehouse.sat_customer__crm", "`raw_vault`.`sat_customer__crm`", 3.0),
        _result("model.cosnova_lakehouse.pit_customer", "cat.jdoe_business_vault.pit_customer", 4.0),
        _result("snapshot.cosnova_lakehouse.snp_customer", "`snapshots`.`snp_customer`", 1.5),
        _result("test.cosnova_lakehouse.not_null_hub_customer_customer_hk.abc", None, 0.25),
        _result("seed.cosnova_lakehouse.country", "`reference`.`country`", 0.1),
    ]
}


def test_run_results_are_grouped_by_layer() -> None:
    assert layer_seconds(RUN_RESULTS) == {
        "staging": 0.5,
        "raw_vault": 5.0,
        "business_vault": 4.0,
        "snapshots": 1.5,
        "reference": 0.1,
        "tests": 0.25,
    }
    assert node_layer(_result("model.x.y", "`somewhere`.`y`", 1.0)) == "other"
    assert node_seconds(RUN_RESULTS)["hub_customer"] == 2.0


def _log_line(thread: str, message: str, clock: str = "13:46:34.114200") -> str:
    return f"\x1b[0m{clock} [debug] [{thread:<10}]: {message}"


HEADER = '/* {"app": "dbt", "node_id": "model.cosnova_lakehouse.hub_customer"} */'
# two threads interleaved, as dbt writes them: a statement's text runs over several lines, its time is the next
# "SQL status" of its own thread; the adapter's ROLLBACK / Close are not statements
DBT_LOG = "\n".join(
    [
        _log_line("MainThread", "Running with dbt=1.11.16"),
        _log_line("Thread-1", f"On model.cosnova_lakehouse.hub_customer: {HEADER}", "13:46:33.500000"),
        "    select record_source, max(load_datetime) from raw_vault.hub_customer group by record_source",
        _log_line("Thread-2", "Began compiling node model.cosnova_lakehouse.stg_shop__orders", "13:46:33.520000"),
        _log_line("Thread-1", "SQL status: OK in 0.042 seconds", "13:46:33.542000"),
        # dbt fetches the rows of the high-water-mark look-up until its thread's next line: 0.572 s more
        _log_line("Thread-1", "Writing injected SQL for node", "13:46:34.114000"),
        _log_line("Thread-1", f"On model.cosnova_lakehouse.hub_customer: {HEADER}"),
        "",
        "    create or replace temporary view hub_customer__dbt_tmp as",
        "    select customer_hk from staging.stg_crm__customers",
        _log_line("Thread-2", f"On model.cosnova_lakehouse.stg_shop__orders: {HEADER}"),
        "create or replace view staging.stg_shop__orders as select 1 as one",
        _log_line("Thread-1", "SQL status: OK in 0.455 seconds"),
        _log_line("Thread-1", f"On model.cosnova_lakehouse.hub_customer: {HEADER}"),
        "describe extended raw_vault.hub_customer",
        _log_line("Thread-2", "SQL status: OK in 0.300 seconds"),
        _log_line("Thread-1", "SQL status: OK in 0.030 seconds"),
        _log_line("Thread-1", f"On model.cosnova_lakehouse.hub_customer: {HEADER}"),
        "    insert into table raw_vault.hub_customer",
        "    select `customer_hk` from hub_customer__dbt_tmp",
        _log_line("Thread-1", "SQL status: OK in 3.941 seconds"),
        _log_line("Thread-1", "On model.cosnova_lakehouse.hub_customer: ROLLBACK"),
        _log_line("Thread-1", "Spark adapter: NotImplemented: rollback"),
        _log_line("Thread-1", "On model.cosnova_lakehouse.hub_customer: Close"),
        _log_line("Thread-2", f"On model.cosnova_lakehouse.fact_order_lines: {HEADER}"),
        "-- back compat for old kwarg name",
        "merge into marts.fact_order_lines as DBT_INTERNAL_DEST using fact_order_lines__dbt_tmp",
        _log_line("Thread-2", "SQL status: OK in 5.000 seconds"),
        _log_line("Thread-1", f"On operation.cosnova_lakehouse.cosnova_lakehouse-on-run-end-0: {HEADER}"),
        "insert into audit.dbt_run_results values ('a')",
        _log_line("Thread-1", "SQL status: OK in 0.250 seconds"),
        _log_line("Thread-2", f"On model.cosnova_lakehouse.dim_date: {HEADER}"),
        "create or replace table marts.dim_date using delta as select 1",
        _log_line("Thread-2", "Unhandled error while executing"),  # failed: no "SQL status", so not counted
    ]
)


def test_statements_are_timed_by_kind_from_the_dbt_debug_log() -> None:
    assert statement_seconds(DBT_LOG) == {
        "merge (incremental facts, snapshots)": {"statements": 1, "seconds": 5.0},
        "insert (incremental loads, seeds)": {"statements": 2, "seconds": 4.19},
        "temporary view (incremental batches)": {"statements": 1, "seconds": 0.46},
        "view": {"statements": 1, "seconds": 0.3},
        "query (high-water marks, snapshot checks)": {"statements": 1, "seconds": 0.61},
        "metadata (describe, show, create schema)": {"statements": 1, "seconds": 0.03},
    }
    assert statement_seconds("") == {}


def _load(day: int, total: float, rows: int = 100) -> dict[str, Any]:
    return {
        "day": day,
        "date": f"2026-01-{day:02d}",
        "ingest_s": 1.0,
        "dbt_s": total - 1.0,
        "total_s": total,
        "layers": layer_seconds(RUN_RESULTS),
        "raw_vault_rows_inserted": rows,
        "raw_vault_rows_per_s": rows / 5.0,
    }


def test_day_targets_compare_medians_around_day_5_with_the_last_days() -> None:
    daily = {
        "loads": [
            _load(d, t) for d, t in [(1, 50), (2, 10), (3, 10), (4, 9), (5, 10), (6, 30), (8, 12), (9, 13), (10, 99)]
        ]
    }
    targets = day_targets(daily)
    assert targets["early_days"] == [4, 5, 6] and targets["late_days"] == [8, 9, 10]
    assert (targets["early_median_s"], targets["late_median_s"], targets["ratio"]) == (10, 13, 1.3)
    assert targets["met"] is True
    daily["loads"][-2]["total_s"] = 14  # late median 14 -> 1.4x, a miss
    assert day_targets(daily)["met"] is False


def test_day_windows_keep_the_late_days_after_the_early_ones() -> None:
    assert day_windows(60, 3) == (range(4, 7), range(58, 61))
    assert day_windows(6, 1) == (range(5, 6), range(6, 7))
    assert day_windows(7, 3) == (range(4, 7), range(7, 8))  # day 7 only: days 5 and 6 are early days
    assert not day_windows(6, 3)[1] and not day_windows(5, 1)[1]  # no later day to compare with


def test_one_day_windows_compare_day_5_with_the_next_day() -> None:
    daily = {"window": 1, "loads": [_load(5, 20), _load(6, 22)]}
    targets = day_targets(daily)
    assert (targets["early_days"], targets["late_days"], targets["ratio"]) == ([5], [6], 1.1)


def test_jit_note_says_whether_the_early_median_absorbs_the_second_build(tmp_path: Path) -> None:
    loads = [_load(d, t) for d, t in [(4, 30), (5, 10), (6, 11), (58, 12), (59, 13), (60, 12)]]
    daily = {"scale": 0.1, "days": 60, "seed": 42, "window": 3, "threads": 1, "loads": loads}
    daily["catch_ups"] = [{"days": [1, 3], "dbt_s": 120.0, "raw_vault_rows_inserted": 900}]
    result = {"started_at": "x", "environment": ENVIRONMENT}
    text = write_report({**result, "daily": daily}, tmp_path, "x")["md"].read_text()
    assert "Day 4 was the second build of this JVM" in text
    assert "the median of the early days keeps it from deciding the ratio" in text and "--window 3" not in text


def test_the_jvm_is_restarted_before_the_last_catch_up_unless_it_is_the_first_build() -> None:
    assert restart_before_day(60, measured_days(60, 3, every_day=False)) == 57  # catch-up 7-57, then 58-60
    assert restart_before_day(60, measured_days(60, 3, every_day=False, compact_at=58)) == 54
    assert restart_before_day(6, measured_days(6, 1, every_day=False)) is None  # days 1-4 are the first build
    assert restart_before_day(8, measured_days(8, 1, every_day=False)) == 7  # catch-up 6-7, then day 8
    assert restart_before_day(10, measured_days(10, 1, every_day=True)) is None  # no catch-up at all


def test_the_run_announces_its_whole_project_builds() -> None:
    assert build_plan(6, measured_days(6, 1, every_day=False), full_rebuild=False) == [
        "days 1-4 (catch-up)",
        "day 5",
        "day 6",
    ]  # make bench's default
    assert build_plan(60, measured_days(60, 3, every_day=False), full_rebuild=True) == [
        "days 1-3 (catch-up)",
        "day 4",
        "day 5",
        "day 6",
        "days 7-57 (catch-up)",
        "day 58",
        "day 59",
        "day 60",
        "full rebuild",
    ]
    assert build_plan(8, {1, 5, 8}, full_rebuild=False) == [
        "day 1",
        "days 2-4 (catch-up)",
        "day 5",
        "days 6-7 (catch-up)",
        "day 8",
    ]
    assert build_plan(3, {1, 3}, full_rebuild=False) == ["day 1", "day 2 (catch-up)", "day 3"]


def test_report_says_when_the_late_days_ran_on_a_fresh_jvm(tmp_path: Path) -> None:
    loads = [_load(d, t) for d, t in [(4, 30), (5, 10), (6, 11), (58, 12), (59, 13), (60, 12)]]
    daily = {"scale": 0.1, "days": 60, "seed": 42, "window": 3, "threads": 1, "loads": loads}
    daily["catch_ups"] = [
        {"days": [1, 3], "dbt_s": 120.0, "raw_vault_rows_inserted": 900, "fresh_jvm": False},
        {"days": [7, 57], "dbt_s": 180.0, "raw_vault_rows_inserted": 9000, "fresh_jvm": True},
    ]
    result = {"started_at": "x", "environment": ENVIRONMENT}
    text = write_report({**result, "daily": daily}, tmp_path, "x")["md"].read_text()
    assert text.count("The JVM was restarted before it") == 1
    assert "9000 raw vault rows). The JVM was restarted before it" in text


def test_report_tells_where_each_timed_build_went_by_statement_kind(tmp_path: Path) -> None:
    loads = [_load(5, 20), _load(6, 22), _load(7, 21)]
    loads[0]["statements"] = {
        "insert (x)": {"statements": 24, "seconds": 30.0},
        "view": {"statements": 29, "seconds": 9.5},
    }
    loads[1]["statements"] = statement_seconds(DBT_LOG)
    daily = {"scale": 0.02, "days": 7, "seed": 42, "window": 1, "threads": 2, "loads": loads, "catch_ups": []}
    result = {"started_at": "x", "environment": ENVIRONMENT}
    text = write_report({**result, "daily": daily}, tmp_path, "x")["md"].read_text()
    assert "(thread seconds: with more than one thread statements overlap). Statements: the count in day 6's" in text
    assert "| statement | statements | day 5 s | day 6 s |\n|---|---:|---:|---:|\n" in text  # day 7 had no log
    assert "| merge (incremental facts, snapshots) | 1 | n/a | 5.0 |\n| insert (incremental loads, seeds) | 2 |" in text
    assert "| view | 1 | 9.5 | 0.3 |" in text and "| insert (x) | 0 | 30.0 | n/a |" in text
    assert "| all statements | 7 | 39.5 | 10.59 |" in text
    daily["threads"] = 1
    text = write_report({**result, "daily": daily}, tmp_path, "x")["md"].read_text()
    assert "(one thread: the rest of dbt s is dbt's own work between statements)" in text


def test_report_counts_the_classes_each_build_compiled_in_build_order(tmp_path: Path) -> None:
    loads = [_load(5, 20), _load(6, 22)]
    loads[0]["classes_compiled"], loads[1]["classes_compiled"] = 1350, 47
    daily = {"scale": 0.02, "days": 6, "seed": 42, "window": 1, "threads": 2, "loads": loads}
    daily["catch_ups"] = [{"days": [1, 4], "dbt_s": 95.0, "raw_vault_rows_inserted": 3107, "classes_compiled": 1056}]
    daily["full_rebuild"] = {"dbt_s": 90.0, "layers": {}, "classes_compiled": 12}
    result = {"started_at": "x", "environment": ENVIRONMENT}
    text = write_report({**result, "daily": daily}, tmp_path, "x")["md"].read_text()
    assert "each build: days 1-4 1,056, day 5 1,350, day 6 47, full rebuild 12. A build finds" in text
    for build in [*loads, daily["catch_ups"][0], daily["full_rebuild"]]:
        del build["classes_compiled"]  # a report of a run from before the count was recorded
    text = write_report({**result, "daily": daily}, tmp_path, "y")["md"].read_text()
    assert "Classes Spark generated" not in text


def test_compiled_classes_counts_a_query_with_new_code_and_not_its_repeat(spark: Any) -> None:
    query = "select id * 424242 + 7 as value from range(3)"  # a literal no other query of the session has
    before = compiled_classes(spark)
    spark.sql(query).collect()
    after_first = compiled_classes(spark)
    spark.sql(query).collect()
    assert after_first > before
    assert compiled_classes(spark) == after_first


def test_progress_lines_say_how_long_the_bench_has_run(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = iter([100.0, 100.4, 225.9])
    monkeypatch.setattr("lakehouse.bench.time.monotonic", lambda: next(clock))
    lines: list[str] = []
    progress = _with_elapsed(lines.append)
    progress("bench: generating")
    progress("bench: catch-up build")
    assert lines == ["[ 0:00] bench: generating", "[ 2:05] bench: catch-up build"]


def test_machine_busy_time_counts_every_cpu_state_but_idle_and_io_wait() -> None:
    # user nice system idle iowait irq softirq steal guest guest_nice (guest is inside user already)
    proc_stat = "cpu  300 20 100 800 50 10 10 60 40 0\ncpu0 150 10 50 400 25 5 5 30 20 0\n"
    assert machine.machine_busy_seconds(proc_stat, 100) == 5.0  # (300+20+100+10+10+60) / 100


def test_process_tree_time_sums_the_descendants_of_the_root_only(tmp_path: Path) -> None:
    def process(pid: int, parent: int, name: str, utime: int, stime: int, cutime: int, cstime: int) -> None:
        (tmp_path / str(pid)).mkdir()
        # /proc/<pid>/stat: pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt
        # utime stime cutime cstime ...
        fields = f"S {parent} 1 1 0 -1 0 0 0 0 0 {utime} {stime} {cutime} {cstime} 20 0 1 0"
        (tmp_path / str(pid) / "stat").write_text(f"{pid} ({name}) {fields}\n")

    process(10, 1, "python", 100, 20, 30, 0)  # the root; 30 ticks of children it has waited for
    process(11, 10, "java x) y", 400, 50, 5, 5)  # a command name with a space and a parenthesis
    process(12, 11, "chmod", 1, 1, 0, 0)  # a grandchild
    process(13, 1, "other", 9000, 0, 0, 0)  # not in the tree
    (tmp_path / "self").mkdir()  # not a process folder
    assert machine.process_tree_seconds(10, 100, proc=tmp_path) == 6.12
    assert machine.process_tree_seconds(11, 100, proc=tmp_path) == 4.62


def test_the_runs_own_cpu_time_includes_running_and_finished_children() -> None:
    burn = (
        "import sys, time\nwhile time.process_time() < 0.3:\n    pass\nprint('burnt', flush=True)\nsys.stdin.read()\n"
    )
    before = machine.sample()
    assert before is not None, "Linux has /proc"
    child = subprocess.Popen([sys.executable, "-c", burn], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None and child.stdin is not None
    assert child.stdout.readline().strip() == "burnt"
    while_running = machine.sample()
    child.stdin.close()
    child.wait(timeout=30)
    after_exit = machine.sample()
    assert while_running is not None and after_exit is not None
    # the child burnt 0.3 s; the kernel accounts in clock ticks, so allow a few
    assert while_running.own - before.own >= 0.25  # the live child, found through its parent pid
    assert after_exit.own - before.own >= 0.25  # the reaped child, in this process's children's time
    work = machine.other_work(before, after_exit, seconds=1.0, cpus=2)
    assert work is not None and work["cpu_seconds_own"] >= 0.25 and work["cpu_seconds_other"] >= 0


def test_report_says_whether_other_work_inflated_the_times() -> None:
    quiet = {"cpu_seconds_own": 800.0, "cpu_seconds_other": 12.0, "other_share": 0.014}
    busy = {"cpu_seconds_own": 800.0, "cpu_seconds_other": 300.0, "other_share": 0.35}
    assert machine_note(quiet) == (
        "Other processes used 12 CPU seconds during the run, 1% of the machine (the benchmark itself 800): "
        "a quiet machine (the host's own speed still varies from run to run: compare runs made back to back)."
    )
    assert "35% of the machine" in machine_note(busy) and "inflated by that work" in machine_note(busy)
    assert "inflated by any other work" in machine_note(ENVIRONMENT)  # not measured (no /proc)


def test_the_run_ends_saying_whether_the_machine_was_quiet() -> None:
    environment: dict[str, Any] = {"cpus": 2}
    lines: list[str] = []
    start, end = machine.CpuSample(machine_busy=1000.0, own=5.0), machine.CpuSample(machine_busy=1190.0, own=165.0)
    close_environment(environment, start, end, 100.0, lines.append)
    assert environment["cpu_seconds_own"] == 160.0 and environment["cpu_seconds_other"] == 30.0
    assert environment["other_share"] == 0.15 and environment["seconds"] == 100.0
    assert lines == [f"bench: {machine_note(environment)}"] and "15% of the machine" in lines[0]
    unmeasured: dict[str, Any] = {"cpus": 2}
    close_environment(unmeasured, None, None, 100.0, lines.append)  # no /proc: nothing claimed
    assert "other_share" not in unmeasured and len(lines) == 1


def test_bench_rejects_too_few_days_for_the_window(capsys: pytest.CaptureFixture[str]) -> None:
    from lakehouse import cli

    assert cli.main(["bench", "--days", "6", "--window", "3"]) == 2
    assert "--days must be at least 7 with --window 3: days 4-6" in capsys.readouterr().err
    assert cli.main(["bench", "--days", "5", "--window", "1"]) == 2
    assert "--days must be at least 6 with --window 1" in capsys.readouterr().err


def test_vault_targets_take_the_worst_load_ratio_and_check_pit_growth() -> None:
    steps = {
        f"{kind}_cycle{c}": {"ours_median_s": s, "hand_written_median_s": 10.0, "ratio": s / 10.0}
        for kind, c, s in [("hub", 1, 11.0), ("sat", 1, 13.0), ("hub", 2, 9.0), ("pit", 1, 4.0), ("pit", 2, 9.0)]
    }
    sizes = {"cycle1": {"sat_rows": 1000}, "cycle2": {"sat_rows": 2000}}
    targets = vault_targets({"steps": steps, "sizes": sizes})
    assert targets["worst_load_ratio"] == 1.3 and targets["load_met"] is False
    assert targets["pit_linearity"] == {"rows_growth": 2.0, "time_growth": 2.25, "met": True}
    steps["pit_cycle2"]["ours_median_s"] = 12.0  # 3x the time for 2x the rows
    assert vault_targets({"steps": steps, "sizes": sizes})["pit_linearity"]["met"] is False


def test_report_writes_json_markdown_and_png(tmp_path: Path) -> None:
    result = {
        "started_at": "2026-01-01T00:00:00Z",
        "environment": {
            "cpus": 2,
            "load_average_start": 1.0,
            "load_average_end": 2.0,
            "java": "25.0.3",
            "spark_conf": {"spark.sql.shuffle.partitions": "4", "spark.sql.adaptive.enabled": "true"},
        },
        "daily": {
            "scale": 0.02,
            "days": 8,
            "seed": 42,
            "threads": 2,
            "loads": [_load(d, 10 + d) for d in (5, 8)],
            "catch_ups": [{"days": [1, 4], "dbt_s": 120.0, "raw_vault_rows_inserted": 900}],
        },
    }
    written = write_report(result, tmp_path, "2026-01-01-0.02")
    assert written["png"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    text = written["md"].read_text()
    assert "![load time per day vs. days of history](2026-01-01-0.02.png)" in text
    assert "| 8 | 7 | 1.0 | 17.0 |" in text and "| 4 | 3 |" not in text
    assert "Days 1-4 were ingested day by day and built in one catch-up build (120.0 s, 900 raw vault rows)." in text
    assert "with 2 dbt thread(s)" in text
    assert "Java 25.0.3 (`lakehouse.java_runtime`" in text
    assert "Spark settings (profiles.yml): `spark.sql.shuffle.partitions` 4, `spark.sql.adaptive.enabled` true." in text
    assert "Day 5 was the second build of this JVM" in text  # right after the cold catch-up of days 1-4
    assert "A fair ratio needs more days and `--window 3`" in text  # one early day: nothing absorbs it
    assert '"ratio": 1.2' in written["json"].read_text()  # day 8 (18 s) vs. day 5 (15 s)
    assert text.endswith("\n") and not text.endswith("\n\n")  # the repo's end-of-file hook accepts it
    # a second run the same day writes next to the first, its plot named in its own Markdown
    first = {kind: path.read_bytes() for kind, path in written.items()}
    again = write_report(result, tmp_path, "2026-01-01-0.02")
    assert {path.name for path in again.values()} == {f"2026-01-01-0.02-2.{kind}" for kind in ("json", "md", "png")}
    assert "![load time per day vs. days of history](2026-01-01-0.02-2.png)" in again["md"].read_text()
    assert {kind: path.read_bytes() for kind, path in written.items()} == first
    assert write_report(result, tmp_path, "2026-01-01-0.02")["md"].name == "2026-01-01-0.02-3.md"


def test_compaction_run_compares_the_days_before_it_and_names_the_models_that_grew(tmp_path: Path) -> None:
    assert measured_days(60, 3, every_day=False, compact_at=58) == {4, 5, 6, 55, 56, 57, 58, 59, 60}
    loads = [_load(d, t) for d, t in [(4, 10), (5, 10), (6, 10), (8, 16), (9, 14), (10, 15), (11, 11), (12, 12)]]
    for load in loads:
        load["models"] = {"hub_customer": 1.0, "pit_customer": 2.0 if load["day"] < 8 else 2.0 + load["day"] / 4}
    loads[-1]["models"].pop("hub_customer")  # a model missing on one day is judged on the days it ran
    files = {"raw_vault": {"tables": 2, "files": 40, "max_files": 30, "max_table": "raw_vault.hub_customer"}}
    daily = {
        "scale": 0.02,
        "days": 12,
        "seed": 42,
        "threads": 1,
        "loads": loads,
        "catch_ups": [],
        "compaction": {
            "day": 11,
            "seconds": 3.5,
            "files_before": files,
            "files_after": {"raw_vault": files["raw_vault"] | {"files": 2}},
        },
        "table_files": files,
    }
    targets = day_targets(daily)
    assert targets["late_days"] == [10, 11, 12] and targets["ratio"] == 1.2
    assert targets["uncompacted_days"] == [8, 9, 10] and targets["uncompacted_ratio"] == 1.5
    growth = model_growth(daily, targets)
    assert growth[0] == {"model": "pit_customer", "early_s": 2.0, "late_s": 4.75, "growth_s": 2.75}
    assert growth[1]["model"] == "hub_customer" and growth[1]["growth_s"] == 0.0
    result = {
        "started_at": "2026-01-01T00:00:00Z",
        "environment": {"cpus": 2, "load_average_start": 1.0, "load_average_end": 2.0},
    }
    text = write_report({**result, "daily": daily}, tmp_path, "x")["md"].read_text()
    assert "before day 11: 3.5 s, 40 data files -> 2. Days 8/9/10 before it: median 15 s, **1.5x** of day 5." in text
    assert "| pit_customer | 2.0 | 4.75 | 2.75 |" in text
    assert "second build of this JVM" not in text  # day 4 was timed first, no catch-up before it
    assert "| raw_vault | 2 | 40 | raw_vault.hub_customer (30) |" in text


def test_rebuild_only_report_has_the_rebuild_and_no_day_comparison(tmp_path: Path) -> None:
    assert measured_days(60, 3, every_day=False) == {4, 5, 6, 58, 59, 60}
    assert measured_days(6, 1, every_day=False) == {5, 6}  # make bench's default: a catch-up of days 1-4 first
    assert measured_days(8, 1, every_day=False) == {5, 8}
    assert measured_days(8, 1, every_day=True) == set(range(1, 9))
    assert measured_days(7, 0, every_day=False) == set()  # --rebuild-only: every day in the catch-up build
    full = {"dbt_s": 321.0, "layers": {"staging": 20.0, "raw_vault": 200.0}, "raw_vault_rows_inserted": 9}
    result = {
        "started_at": "2026-01-01T00:00:00Z",
        "environment": {"cpus": 2, "load_average_start": 1.0, "load_average_end": 2.0},
        "daily": {"scale": 1.0, "days": 7, "seed": 42, "threads": 2, "loads": [], "full_rebuild": full},
    }
    written = write_report(result, tmp_path, "2026-01-01-1-rebuild")
    assert "png" not in written
    text = written["md"].read_text()
    assert "Full rebuild (`dbt build --full-refresh`, no tests) of all 7 days: 321.0 s" in text
    assert "| day |" not in text and "Day-" not in text


def test_compaction_leaves_one_file_per_table_and_skips_views(spark: Any) -> None:
    schema = "dv_bench_compaction"
    spark.sql(f"drop schema if exists {schema} cascade")
    spark.sql(f"create schema {schema}")
    spark.sql(f"create table {schema}.appended (id int) using delta")
    for batch in range(3):
        spark.sql(f"insert into {schema}.appended values ({batch})")
    spark.sql(f"create view {schema}.appended_view as select id from {schema}.appended")
    result = compact(spark, [schema])
    assert result["files_before"][schema] == {
        "tables": 1,
        "files": 3,
        "max_files": 3,
        "max_table": f"{schema}.appended",
    }
    assert result["files_after"][schema]["files"] == 1
    assert sorted(row.id for row in spark.table(f"{schema}.appended").collect()) == [0, 1, 2]


def test_files_and_rows_come_from_delta_checksums_and_match_spark_without_them(spark: Any) -> None:
    schema = "dv_bench_checksums"
    spark.sql(f"drop schema if exists {schema} cascade")
    spark.sql(f"create schema {schema}")
    spark.sql(f"create table {schema}.loads (id int) using delta")
    spark.sql(f"insert into {schema}.loads values (1), (2), (3)")
    spark.sql(f"insert into {schema}.loads values (4)")
    spark.sql(f"create table {schema}.empty (id int) using delta")
    spark.sql(f"create view {schema}.loads_view as select id from {schema}.loads")
    detail = spark.sql(f"describe detail {schema}.loads").collect()[0]
    log = Path(detail["location"].removeprefix("file:")) / "_delta_log"
    checksum = delta_checksum(log.parent)
    assert checksum is not None and checksum["numFiles"] == detail["numFiles"] >= 2
    assert checksum_rows(checksum) == 4  # the fast path is taken: Delta lists the files with their row counts
    expected_files = {f"{schema}.loads": detail["numFiles"], f"{schema}.empty": 0}
    assert delta_file_counts(spark, [schema]) == expected_files
    assert raw_vault_rows(spark, schema) == 4
    for crc in log.glob("*.crc"):  # without checksums: the same answers from Spark
        crc.unlink()
    assert delta_checksum(log.parent) is None
    assert delta_file_counts(spark, [schema]) == expected_files
    assert raw_vault_rows(spark, schema) == 4


def test_checksum_rows_only_when_every_file_has_a_row_count() -> None:
    def added(stats: str | None, **extra: Any) -> dict[str, Any]:
        return {"path": "part-0.parquet", "stats": stats, **extra}

    assert checksum_rows({"numFiles": 2, "allFiles": [added('{"numRecords": 3}'), added('{"numRecords": 4}')]}) == 7
    assert checksum_rows({"numFiles": 3, "allFiles": [added('{"numRecords": 3}')]}) is None  # list incomplete
    assert checksum_rows({"numFiles": 1}) is None  # table too large for Delta to list its files
    assert checksum_rows({"numFiles": 1, "allFiles": [added(None)]}) is None  # written without statistics
    deleted = added('{"numRecords": 3}', deletionVector={"cardinality": 1})
    assert checksum_rows({"numFiles": 1, "allFiles": [deleted]}) is None


def test_vault_warm_up_runs_every_cycle_of_both_sides(monkeypatch: pytest.MonkeyPatch) -> None:
    """The incremental loads run other statements than the first load: a warm-up of cycle 1 only left their
    JIT compilation to whichever side ran the first timed incremental load."""
    calls: list[tuple[str, int]] = []
    monkeypatch.setattr(vault, "drop_targets", lambda spark, schema: calls.append(("drop", 0)))
    monkeypatch.setattr(vault, "point_stage_at", lambda spark, schema, cycle: calls.append(("stage", cycle)))
    monkeypatch.setattr(vault, "run_ours", lambda project, cycle: calls.append(("ours", cycle)))
    monkeypatch.setattr(vault, "run_hand_written", lambda spark, schema, cycle: calls.append(("hand", cycle)))
    vault.warm_up(None, None, "dv", cycles=3)  # type: ignore[arg-type]
    assert calls == [("drop", 0)] + [(side, c) for c in (1, 2, 3) for side in ("stage", "ours", "hand")]


def test_vault_comparison_warms_up_first_and_pairs_each_repetition(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The warm-up rounds come before any timed run; each repetition's ratio compares its own pair."""
    events: list[str] = []
    seconds = {"ours": iter([12.0, 11.0, 10.0]), "hand_written": iter([10.0, 10.0, 10.0])}
    monkeypatch.setattr(vault, "STEPS", ("hub",))
    monkeypatch.setattr(vault, "BenchProject", lambda root, schema, target_path: None)
    monkeypatch.setattr(vault, "prepare", lambda spark, schema, rows, cycles: None)
    monkeypatch.setattr(vault, "warm_up", lambda spark, project, schema, cycles: events.append("warm-up"))
    monkeypatch.setattr(vault, "drop_targets", lambda spark, schema: None)
    monkeypatch.setattr(vault, "point_stage_at", lambda spark, schema, cycle: None)
    monkeypatch.setattr(vault, "table_rows", lambda spark, schema, table: 0)

    def timed(side: str) -> Any:
        def run_step(*_: Any) -> float:
            events.append(side)
            return next(seconds[side])

        return run_step

    monkeypatch.setattr(vault, "run_ours_step", timed("ours"))
    monkeypatch.setattr(vault, "run_hand_written_step", timed("hand_written"))
    result = vault.measure_vault(
        None, ROOT, rows=10, repetitions=3, cycles=1, warm_ups=2, target_path=tmp_path, progress=lambda _: None
    )
    assert events[:3] == ["warm-up", "warm-up", "ours"]
    assert events[3:] == ["hand_written", "hand_written", "ours", "ours", "hand_written"]  # order alternates
    hub = result["steps"]["hub_cycle1"]
    assert hub["ratios"] == [1.2, 1.1, 1.0] and hub["ratio"] == 1.1
    assert result["warm_ups"] == 2

    report = write_report(
        {"started_at": "2026-01-01T00:00:00Z", "environment": ENVIRONMENT, "vault": result}, tmp_path, "vault"
    )
    text = report["md"].read_text()
    assert "Before the timed repetitions, 2 untimed round(s) of both sides through every cycle" in text
    assert "| hub cycle 1 (first load) | 11.0 | 10.0 | 1.1 | 1.2, 1.1, 1.0 | 0 |" in text


@pytest.mark.usefixtures("spark")
def test_hand_written_baseline_loads_the_same_rows_as_our_macros(spark: Any, tmp_path: Path) -> None:
    """A first load and an incremental one of 400 stage rows each: hub, sat and PIT must be equal."""
    schema = "dv_bench_check"
    project = vault.BenchProject(ROOT, schema, tmp_path / "target")
    vault.prepare(spark, schema, 400, cycles=2)
    vault.drop_targets(spark, schema)
    for cycle in (1, 2):
        vault.point_stage_at(spark, schema, cycle)
        vault.run_ours(project, cycle)
        vault.run_hand_written(spark, schema, cycle)
        for ours, hand in [("bench_hub", "hw_hub"), ("bench_sat", "hw_sat"), ("bench_pit", "hw_pit")]:
            rows = vault.table_rows(spark, schema, ours)
            assert rows > 0
            difference = spark.sql(
                f"(select * from {schema}.{ours} except all select * from {schema}.{hand}) union all "
                f"(select * from {schema}.{hand} except all select * from {schema}.{ours})"
            ).count()
            assert difference == 0, f"cycle {cycle}: {ours} and {hand} differ in {difference} rows"
    # the data exercises what the comparison claims: NULL keys dropped, changes kept, unchanged versions not
    assert vault.table_rows(spark, schema, "bench_hub") == 150
    sat_rows = vault.table_rows(spark, schema, "bench_sat")
    assert 150 < sat_rows < 2 * 400
