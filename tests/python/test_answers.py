"""The demo's business answers and the load summary: formatting, skipping and counting, without a Spark session.

The queries themselves run against real marts at the end of every ``make test-dbt`` (a demo run).
"""

from __future__ import annotations

import decimal
import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from lakehouse.answers import ANSWERS, Answer, business_answers, format_value, render_answer
from lakehouse.cli import load_summary
from lakehouse.paths import local_paths

ROOT = Path(__file__).resolve().parents[2]


class FakeFrame:
    def __init__(self, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
        self.columns = columns
        self._rows = rows

    def collect(self) -> list[tuple[Any, ...]]:
        return self._rows


class FakeCatalog:
    def __init__(self, tables: set[str]) -> None:
        self.tables = tables

    def tableExists(self, name: str) -> bool:
        return name in self.tables


class FakeSpark:
    """Answers every query with the canned result of the first answer whose query it is."""

    def __init__(self, tables: set[str], results: dict[str, FakeFrame]) -> None:
        self.catalog = FakeCatalog(tables)
        self.results = results
        self.queries: list[str] = []

    def sql(self, query: str) -> FakeFrame:
        self.queries.append(query)
        return self.results[query]


def test_format_value_rates_money_and_others() -> None:
    assert format_value("churn_rate", 0.0412) == "4.1 %"
    assert format_value("revenue_eur", decimal.Decimal("1234567.5")) == "1,234,567.50"
    assert format_value("net_revenue_eur", 12) == "12.00"
    assert format_value("redemptions", 7) == 7
    assert format_value("return_rate", None) is None


def test_render_answer_aligns_a_table_and_says_when_empty() -> None:
    answer = Answer(title="Revenue", tables=(), query="", empty_message="nothing yet")
    text = render_answer(answer, ["brand", "net_revenue_eur"], [("essence", decimal.Decimal("10.5")), ("CATRICE", 3)])
    lines = text.splitlines()
    assert lines[0] == "Revenue"
    assert lines[1].split("|")[0].strip() == "brand"
    assert re.search(r"essence\s+\| 10\.50", text) and re.search(r"CATRICE\s+\| 3\.00", text)
    assert lines[-1] == "(2 rows)"
    assert render_answer(answer, ["brand"], []) == "Revenue\n  nothing yet"


def test_business_answers_skips_answers_whose_marts_are_missing() -> None:
    revenue, promotions, churn = ANSWERS
    spark = FakeSpark(
        tables={"marts.fact_order_lines", "marts.dim_product", "marts.mart_churn_monthly"},
        results={
            revenue.query: FakeFrame(["brand", "market", "net_revenue_eur"], [("essence", "DE", decimal.Decimal(5))]),
            churn.query: FakeFrame(["month", "churn_rate"], []),
        },
    )
    printed: list[str] = []
    business_answers(spark, log=printed.append)
    text = "\n".join(printed)
    assert spark.queries == [revenue.query, churn.query]  # the promotion mart is absent: never queried
    assert f"{promotions.title}\n  skipped: marts.mart_promotion_performance not built" in text
    assert "essence | DE     | 5.00" in text
    assert churn.empty_message in text


def test_answer_queries_read_only_the_tables_they_declare() -> None:
    for answer in ANSWERS:
        read = set(re.findall(r"\b(?:from|join)\s+(marts\.\w+)", answer.query))
        assert read == set(answer.tables), answer.title


def test_load_summary_shows_rows_loaded_and_rejected_per_table() -> None:
    text = load_summary(
        before={"bronze.crm__customers": 100, "raw_vault.hub_customer": 90},
        after={"bronze.crm__customers": 130, "raw_vault.hub_customer": 115, "marts.dim_customer": 116},
        rejected_before={"bronze.crm__customers": 4},
        rejected_after={"bronze.crm__customers": 6},
    )
    rows = {line.split()[0]: line.split()[1:] for line in text.splitlines()[1:-1]}
    assert rows["bronze.crm__customers"] == ["130", "+30", "+2"]
    assert rows["raw_vault.hub_customer"] == ["115", "+25"]  # no reject column for non-Bronze tables
    assert rows["marts.dim_customer"] == ["116", "+116"]
    assert text.splitlines()[0].split() == ["table", "rows", "loaded", "rejected"]


def test_a_load_given_the_previous_counts_counts_the_tables_only_after_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """``lakehouse demo`` passes each day's counts after its load on as the next day's counts before it."""
    import lakehouse.cli as cli
    import lakehouse.dbt_runner as dbt_runner
    import lakehouse.spark as spark_module

    class FakeResult:
        success = True

        def nodes(self) -> list[dict[str, str]]:
            return [{"status": "success"}]

    counted: list[str] = []
    logged: list[str] = []
    monkeypatch.setattr(spark_module, "get_spark", lambda *args, **kwargs: object())
    monkeypatch.setattr(dbt_runner, "run_dbt", lambda *args, **kwargs: FakeResult())
    monkeypatch.setattr(cli, "_ingest", lambda *args, **kwargs: SimpleNamespace(batch_id=None))
    monkeypatch.setattr(cli, "_table_counts", lambda spark: counted.append("rows") or {"raw_vault.hub_customer": 15})
    monkeypatch.setattr(cli, "_reject_counts", lambda spark: {})
    monkeypatch.setattr(cli, "_log", logged.append)
    previous = cli.TableCounts(rows={"raw_vault.hub_customer": 10}, rejected={})

    after = cli.build(local_paths(ROOT), tmp_path, counts_before=previous)

    assert counted == ["rows"]  # after the load only
    assert after == cli.TableCounts(rows={"raw_vault.hub_customer": 15}, rejected={})
    summary = next(line for line in "\n".join(logged).splitlines() if line.startswith("raw_vault.hub_customer"))
    assert summary.split() == ["raw_vault.hub_customer", "15", "+5"]
    cli.build(local_paths(ROOT), tmp_path)
    assert counted == ["rows", "rows", "rows"]  # without them: before and after
