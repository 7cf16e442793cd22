"""``lakehouse bench --ab-setting``: Spark settings switched between warm builds in one JVM."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from lakehouse.bench import run_settings_ab
from lakehouse.bench.daily import last_delivery_clock
from lakehouse.bench.report import write_report
from lakehouse.bench.settings_ab import ab_summary, check_order, measure_settings_ab, parse_settings

SET_KEY = "spark.sql.shuffle.partitions"  # set by profiles.yml (4)
UNSET_KEY = "spark.databricks.delta.merge.materializeSource"  # Delta's default, not set by the profile


def test_settings_are_spark_key_value_pairs() -> None:
    assert parse_settings(["spark.a=1", " spark.b = x=y "]) == {"spark.a": "1", "spark.b": "x=y"}
    for bad in ("spark.a", "shuffle=4", "spark.a="):
        with pytest.raises(ValueError, match=r"--ab-setting takes spark\.KEY=VALUE"):
            parse_settings([bad])


def test_the_order_has_both_sides_and_nothing_else() -> None:
    assert check_order("ABBA") == "ABBA"
    for bad in ("AAAA", "ABC", "", "abba"):
        with pytest.raises(ValueError, match="--ab-order"):
            check_order(bad)


def test_b_builds_run_with_the_settings_and_a_builds_and_warm_ups_without(spark: Any) -> None:
    own = spark.conf.get(SET_KEY)
    seen: list[tuple[str, str | None]] = []
    times = iter([9.0, 10.0, 8.0, 8.5, 10.5])

    def build() -> tuple[float, dict[str, float]]:
        seen.append((spark.conf.get(SET_KEY), spark.conf.get(UNSET_KEY, None)))
        return next(times), {"fact_a": 1.0}

    ab = measure_settings_ab(
        spark, build, settings={SET_KEY: "7", UNSET_KEY: "none"}, order="ABBA", warm_ups=1, progress=lambda _: None
    )
    configured = (own, None)
    assert seen == [configured, configured, ("7", "none"), ("7", "none"), configured]
    assert [(b["side"], b["seconds"]) for b in ab["builds"]] == [("A", 10.0), ("B", 8.0), ("B", 8.5), ("A", 10.5)]
    assert (spark.conf.get(SET_KEY), spark.conf.get(UNSET_KEY, None)) == configured  # restored
    assert ab["own_values"] == {SET_KEY: own, UNSET_KEY: None}


def test_a_failed_build_leaves_the_session_as_configured(spark: Any) -> None:
    own = spark.conf.get(SET_KEY)

    def failing() -> tuple[float, dict[str, float]]:
        raise RuntimeError("bench load failed")

    with pytest.raises(RuntimeError):
        measure_settings_ab(spark, failing, settings={SET_KEY: "9"}, order="BA", warm_ups=0, progress=lambda _: None)
    assert spark.conf.get(SET_KEY) == own


def test_static_and_unknown_settings_are_refused_before_any_build(spark: Any) -> None:
    def build() -> tuple[float, dict[str, float]]:
        raise AssertionError("no build may run")

    with pytest.raises(ValueError, match=r"spark\.sql\.warehouse\.dir, spark\.no\.such\.setting"):
        measure_settings_ab(
            spark,
            build,
            settings={"spark.sql.warehouse.dir": "/tmp/x", "spark.no.such.setting": "1"},
            order="AB",
            warm_ups=0,
            progress=lambda _: None,
        )


def test_summary_and_report_compare_the_medians_of_both_sides(tmp_path: Path) -> None:
    builds = [
        {"side": "A", "seconds": 10.0, "nodes": {"fact_a": 3.0, "hub_b": 1.0, "hook": 0.1}},
        {"side": "B", "seconds": 16.0, "nodes": {"fact_a": 5.0, "hub_b": 1.3, "hook": 0.1}},
        {"side": "B", "seconds": 15.0, "nodes": {"fact_a": 4.6, "hub_b": 0.9, "hook": 0.1}},
        {"side": "A", "seconds": 11.0, "nodes": {"fact_a": 2.8, "hub_b": 1.0, "hook": 0.1}},
    ]
    ab = {
        "settings": {UNSET_KEY: "none"},
        "own_values": {UNSET_KEY: None},
        "order": "ABBA",
        "warm_ups": 2,
        "select": ["fact_a", "hub_b"],
        "threads": 2,
    }
    summary = ab_summary({**ab, "builds": builds})
    assert (summary["a_median_s"], summary["b_median_s"], summary["ratio"]) == (10.5, 15.5, 1.476)
    # largest move first; a node that did not move is left out
    assert summary["moved"] == [{"node": "fact_a", "a_s": 2.9, "b_s": 4.8}, {"node": "hub_b", "a_s": 1.0, "b_s": 1.1}]

    environment = {"cpus": 2, "load_average_start": 1.0, "load_average_end": 1.0}
    result = {"started_at": "2026-01-01T00:00:00Z", "environment": environment}
    written = write_report({**result, "settings_ab": {**ab, "builds": builds}}, tmp_path, "ab")
    assert set(written) == {"json", "md"}
    text = written["md"].read_text()
    assert "Builds of `fact_a`, `hub_b` (models, seeds and snapshots, no tests)" in text
    assert "2 dbt thread(s): 2 untimed warm-up build(s), then in the order ABBA" in text
    assert f"A as configured (`{UNSET_KEY}` (unset)), B with `{UNSET_KEY}` none" in text
    assert "| 2 | B | 16.0 |" in text
    assert "Median A 10.5 s, B 15.5 s: **B / A 1.476x**" in text
    assert "| fact_a | 2.9 | 4.8 |" in text


def test_the_ab_needs_the_warehouse_of_a_bench_run_with_daily_loads(tmp_path: Path) -> None:
    state = tmp_path / ".lakehouse" / "bench"
    for made in (None, state / "warehouse"):  # nothing; a warehouse without landed days (a --vault-only run)
        if made:
            made.mkdir(parents=True)
        with pytest.raises(ValueError, match=r"run `make bench` \(not --vault-only\) first"):
            run_settings_ab(
                tmp_path, settings={SET_KEY: "7"}, order="AB", warm_ups=0, select=[], threads=1, output=tmp_path
            )


def test_the_ab_builds_with_the_clock_of_the_last_landed_day(tmp_path: Path) -> None:
    for day in ("2026-01-05", "2026-01-06"):
        (tmp_path / "landing" / "shop" / "orders" / day).mkdir(parents=True)
    assert last_delivery_clock(tmp_path) == dt.datetime(2026, 1, 7, 6, 0, tzinfo=dt.UTC)
    assert last_delivery_clock(tmp_path / "elsewhere") is None


def test_cli_rejects_a_setting_without_a_value(capsys: pytest.CaptureFixture[str]) -> None:
    from lakehouse import cli

    assert cli.main(["bench", "--ab-setting", "spark.sql.shuffle.partitions"]) == 2
    assert "--ab-setting takes spark.KEY=VALUE" in capsys.readouterr().err
    assert cli.main(["bench", "--ab-select", "fact_order_lines"]) == 2
    assert "--ab-order and --ab-select only go with --ab-setting" in capsys.readouterr().err
