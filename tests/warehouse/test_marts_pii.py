"""No raw PII in the marts of a built warehouse: `make test-built`, run by `make test` right after `make test-dbt`.

It reads the warehouse `make test-dbt` built (``LAKEHOUSE_STATE_DIR``, default ``.lakehouse/test``) and scans
every string column of every ``marts`` table against the customers' PII as delivered to Bronze
(``bronze.crm__customers``: e-mail, first and last name):

* no value looks like an e-mail address or contains a customer's e-mail address;
* no value contains a customer's full name ("first last");
* no row holds both a customer's first and last name (in any two columns);
* no column is mostly first names or mostly last names.

Kept out of the default pytest run (``testpaths``): it needs its own Spark on that warehouse's metastore
(``conftest.py``). Skips, saying why, when the warehouse has no marts yet.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
EMAIL_PATTERN = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+[.][A-Za-z]{2,}"
NAME_SHARE_LIMIT = 0.5  # a column whose distinct values are mostly customer names is a name column


@pytest.fixture(scope="module")
def marts(spark: Any) -> dict[str, list[str]]:
    """String columns per marts table (views included: BI reads both)."""
    schemas = {row[0] for row in spark.sql("show schemas").collect()}
    if "marts" not in schemas:
        pytest.skip("the warehouse has no marts schema: make test-dbt does not build the gold layer yet")
    tables = [row.tableName for row in spark.sql("show tables in marts").collect() if not row.isTemporary]
    if not tables:
        pytest.skip("the marts schema is empty: make test-dbt does not build the gold layer yet")
    columns: dict[str, list[str]] = {}
    for table in tables:
        fields = spark.table(f"marts.{table}").schema.fields
        columns[table] = [f.name for f in fields if f.dataType.simpleString() == "string"]
    return columns


@pytest.fixture(scope="module")
def pii(spark: Any) -> int:
    """Temp views of the raw PII from Bronze; returns the number of customers' records."""
    spark.sql(
        "create or replace temporary view pii_people as select distinct lower(trim(email)) as email, "
        "lower(trim(first_name)) as first_name, lower(trim(last_name)) as last_name from bronze.crm__customers "
        "where nullif(trim(email), '') is not null or nullif(trim(last_name), '') is not null"
    )
    spark.sql(
        "create or replace temporary view pii_names as select first_name as name from pii_people "
        "where first_name <> '' union select last_name from pii_people where last_name <> ''"
    )
    for view in ("pii_people", "pii_names"):  # read by every query of both scans (marts, planted): Bronze once
        spark.catalog.cacheTable(view)
    return spark.table("pii_people").count()


def values_view(spark: Any, name: str, relations: dict[str, list[str]]) -> str:
    """A cached temp view (table_name, row_id, column_name, value) of every non-null string value of the
    relations (relation -> its string columns): one view, so each check below is one query for all tables."""
    selects = []
    for relation, columns in sorted(relations.items()):
        if not columns:
            continue
        pairs = ", ".join(f"'{c}', lower(trim(`{c}`))" for c in columns)
        table = relation.split(".")[-1]
        selects.append(
            # a row's identity is its content: stable however often the view is evaluated
            f"select '{table}' as table_name, xxhash64(to_json(struct(*))) as row_id, "
            f"stack({len(columns)}, {pairs}) as (column_name, value) from {relation}"
        )
    spark.sql(
        f"create or replace temporary view {name} as select table_name, row_id, column_name, value from ("
        + " union all ".join(selects)
        + ") where value is not null and value <> ''"
    )
    spark.catalog.cacheTable(name)
    return name


def findings(spark: Any, relations: dict[str, list[str]], name: str = "pii_scan") -> list[str]:
    """What of the customers' PII the relations (tables or views -> their string columns) hold, one line per
    finding, e.g. ``dim_customer.city: a customer's full name``."""
    if not any(relations.values()):
        return []
    values = values_view(spark, name, relations)
    # the substring checks join every value with every customer (no equality to join on): distinct values of
    # a column are enough for them, and far fewer than its rows
    distinct_values = f"{name}_distinct"
    spark.sql(
        f"create or replace temporary view {distinct_values} as "
        f"select distinct table_name, column_name, value from {values}"
    )
    spark.catalog.cacheTable(distinct_values)
    found: list[str] = []
    emails = spark.sql(
        f"select distinct table_name, column_name from {distinct_values} left join pii_people "
        "on instr(value, pii_people.email) > 0 "
        f"where value rlike '{EMAIL_PATTERN}' or pii_people.email is not null"
    ).collect()
    found += [f"{row.table_name}.{row.column_name}: an e-mail address" for row in emails]
    full_names = spark.sql(
        f"select distinct table_name, column_name from {distinct_values} inner join pii_people "
        "on instr(value, concat(pii_people.first_name, ' ', pii_people.last_name)) > 0 "
        "where pii_people.first_name <> '' and pii_people.last_name <> ''"
    ).collect()
    found += [f"{row.table_name}.{row.column_name}: a customer's full name" for row in full_names]
    pairs = spark.sql(
        "select distinct first.table_name, first.column_name as first_column, last.column_name as last_column "
        f"from {values} as first inner join {values} as last "
        "on first.table_name = last.table_name and first.row_id = last.row_id "
        "inner join pii_people on first.value = pii_people.first_name and last.value = pii_people.last_name"
    ).collect()
    found += [
        f"{row.table_name}.{row.first_column}+{row.last_column}: a customer's first and last name" for row in pairs
    ]
    name_columns = spark.sql(
        "select table_name, column_name, count(distinct value) as distinct_values, "
        "count(distinct case when pii_names.name is not null then value end) as names "
        f"from {distinct_values} left join pii_names on value = pii_names.name group by table_name, column_name"
    ).collect()
    found += [
        f"{row.table_name}.{row.column_name}: {row.names} of {row.distinct_values} distinct values are customer names"
        for row in name_columns
        if row.names > NAME_SHARE_LIMIT * row.distinct_values
    ]
    for view in (values, distinct_values):
        spark.catalog.uncacheTable(view)
    return sorted(found)


def test_bronze_holds_the_pii_the_scan_looks_for(pii: int) -> None:
    assert pii > 0, "bronze.crm__customers has no customer with an e-mail or name: the scan would prove nothing"


def test_no_mart_column_holds_raw_emails_or_names(spark: Any, marts: dict[str, list[str]], pii: int) -> None:
    assert sum(len(columns) for columns in marts.values()) > 0
    assert findings(spark, {f"marts.{table}": columns for table, columns in marts.items()}) == []


def test_the_scan_finds_planted_pii(spark: Any, pii: int) -> None:
    """The same checks on a planted table with a leaked e-mail, full name and name columns must fire."""
    person = spark.sql("select email, first_name, last_name from pii_people where email <> '' limit 1").collect()[0]
    planted = [
        (person.email, person.first_name, "y", "note"),
        ("z", person.first_name, person.last_name, f"dear {person.first_name} {person.last_name}"),
    ]
    schema = "contact string, given string, family string, note string"
    spark.createDataFrame(planted, schema).createOrReplaceTempView("pii_planted")
    problems = findings(spark, {"pii_planted": ["contact", "given", "family", "note"]}, name="pii_scan_planted")
    assert any("contact: an e-mail address" in p for p in problems)
    assert any("note: a customer's full name" in p for p in problems)
    assert any("given+family: a customer's first and last name" in p for p in problems)
    assert any("given: 1 of 1 distinct values are customer names" in p for p in problems)
