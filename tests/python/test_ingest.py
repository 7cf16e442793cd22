"""Tests of ``lakehouse.ingest``: parsing faults, exactly-once landing, crash recovery, clear errors.

Parsing and layout checks are plain Python (fast). The Spark tests share one session (``conftest.spark``)
and each uses its own Bronze schema; Spark work is batched: a module fixture lands a "fault zoo" once and
several tests assert on it. A real SIGKILL of ingestion in its own process is in ``test_reliability.py``.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import lakehouse.ingest as ingest_module
from lakehouse.contract import ENTITIES, ENTITIES_BY_KEY
from lakehouse.ingest import RAW_BYTES_KEY, IngestError, IngestSummary, autoloader_stream, ingest
from lakehouse.ingest.bronze import existing_tables
from lakehouse.ingest.discover import discover
from lakehouse.ingest.readers import read_csv, read_json_lines
from lakehouse.paths import local_paths

ROOT = Path(__file__).resolve().parents[2]
CUSTOMERS = ENTITIES_BY_KEY["crm/customers"]
PRODUCTS = ENTITIES_BY_KEY["erp/products"]
ORDER_LINES = ENTITIES_BY_KEY["shop/order_lines"]
BIG = "x" * (1024 * 1024)  # a 1 MB field
METADATA = ("_ingested_at", "_batch_id")


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def jsonl(*records: dict[str, Any]) -> str:
    return "".join(json.dumps(record) + "\n" for record in records)


def field(row: tuple[str | None, ...], fields: tuple[str, ...], name: str) -> str | None:
    return row[fields.index(name)]


def rescued(row: tuple[str | None, ...]) -> str | None:
    return row[-1]


def quiet(_: str) -> None:
    return None


def bronze_rows(spark: Any, table: str) -> list[dict[str, Any]]:
    return [row.asDict() for row in spark.table(table).collect()]


def content(rows: list[dict[str, Any]]) -> Counter[tuple[Any, ...]]:
    """Row multiset without the per-run metadata: what must be identical after a crash and a re-run."""
    return Counter(tuple(sorted((k, v) for k, v in row.items() if k not in METADATA)) for row in rows)


# --- parsing (plain Python) -------------------------------------------------------------------------------


def test_json_values_are_kept_as_delivered_text(tmp_path: Path) -> None:
    path = write(
        tmp_path / "l.jsonl",
        '{"order_id":"O1","line_number":1,"quantity":2,"unit_price":12.50,'
        '"discount_amount":1e2,"promo_code":null,"sku":{"a":[1,2.0,true]}}\n',
    )
    (row,) = read_json_lines(path, ORDER_LINES.fields)
    values = dict(zip(ORDER_LINES.fields, row, strict=False))
    assert values == {
        "order_id": "O1",
        "line_number": "1",
        "sku": '{"a":[1,2.0,true]}',
        "quantity": "2",
        "unit_price": "12.50",
        "discount_amount": "1e2",
        "promo_code": None,
    }
    assert rescued(row) is None


def test_json_unknown_field_broken_line_and_blank_lines(tmp_path: Path) -> None:
    path = write(
        tmp_path / "c.jsonl",
        '{"customer_id":" C1 ","_promo_banner":"x","Email":"a@b"}\n\n   \n'
        '{"customer_id": "C2", "email\n[1,2]\n"text"\n',
    )
    rows = list(read_json_lines(path, CUSTOMERS.fields))
    assert len(rows) == 4  # blank lines are not records; every other line is one
    assert field(rows[0], CUSTOMERS.fields, "customer_id") == " C1 "  # never trimmed
    assert json.loads(rescued(rows[0])) == {"_promo_banner": "x", "Email": "a@b"}  # case-sensitive names
    assert [rescued(r) for r in rows[1:]] == ['{"customer_id": "C2", "email', "[1,2]", '"text"']
    assert all(value is None for r in rows[1:] for value in r[:-1])


def test_json_bom_crlf_and_huge_field(tmp_path: Path) -> None:
    path = write(
        tmp_path / "c.jsonl",
        b"\xef\xbb\xbf"
        + json.dumps({"customer_id": "C1", "city": BIG}).encode()
        + b"\r\n"
        + b'{"customer_id":"C2"}\r\n',
    )
    rows = list(read_json_lines(path, CUSTOMERS.fields))
    assert [field(r, CUSTOMERS.fields, "customer_id") for r in rows] == ["C1", "C2"]
    assert field(rows[0], CUSTOMERS.fields, "city") == BIG


def test_non_utf8_bytes_are_replaced_and_kept_exactly_in_rescued_data(tmp_path: Path) -> None:
    good_line = b'{"customer_id":"C1","city":"M\xfcnchen"}'
    broken_line = b'{"customer_id":"C2","city":"\xff'
    path = write(tmp_path / "c.jsonl", good_line + b"\n" + broken_line + b"\n")
    first, second = read_json_lines(path, CUSTOMERS.fields)
    assert field(first, CUSTOMERS.fields, "city") == "M\ufffdnchen"
    assert base64.b64decode(json.loads(rescued(first))[RAW_BYTES_KEY]) == good_line
    assert field(second, CUSTOMERS.fields, "customer_id") is None
    assert base64.b64decode(json.loads(rescued(second))[RAW_BYTES_KEY]) == broken_line


CSV_FAULTS = (
    b"\xef\xbb\xbfsku, product_name ,brand,shelf_life\r\n"  # BOM, CRLF, padded header, unknown column
    b'S1,"Lip gloss, pink",essence,12m\r\n'  # quoted comma
    b'S2,"two\r\nlines",CATRICE,\r\n'  # embedded CRLF; empty cell of the unknown column
    b"\r\n"  # blank line
    b"S3,too,many,fields,here\r\n"  # wrong number of fields
    b'S4,"closed"garbage,essence,1\r\n'  # text after a closing quote
    b'S5,"",,\r\n'  # empty cells are NULL
    b"S6,Cr\xe8me,essence,x\r\n"  # latin-1 byte
    b'S7,"never closed,essence,1\r\n'  # quote left open: costs this line only
    b"S8,last,CATRICE,2\r\n"
)


def test_csv_quoting_line_ends_and_broken_rows(tmp_path: Path) -> None:
    rows = list(read_csv(write(tmp_path / "p.csv", CSV_FAULTS), PRODUCTS.fields))
    sku = [field(r, PRODUCTS.fields, "sku") for r in rows]
    assert sku == ["S1", "S2", None, None, "S5", "S6", None, "S8"]
    by_sku = {s: r for s, r in zip(sku, rows, strict=True) if s}
    assert field(by_sku["S1"], PRODUCTS.fields, "product_name") == "Lip gloss, pink"
    assert field(by_sku["S1"], PRODUCTS.fields, "status") is None  # missing column -> NULL
    assert json.loads(rescued(by_sku["S1"])) == {"shelf_life": "12m"}
    assert field(by_sku["S2"], PRODUCTS.fields, "product_name") == "two\r\nlines"
    assert rescued(by_sku["S2"]) is None
    assert field(by_sku["S5"], PRODUCTS.fields, "product_name") is None
    assert field(by_sku["S6"], PRODUCTS.fields, "product_name") == "Cr\ufffdme"
    assert base64.b64decode(json.loads(rescued(by_sku["S6"]))[RAW_BYTES_KEY]) == b"S6,Cr\xe8me,essence,x"
    broken = [rescued(r) for r in rows if field(r, PRODUCTS.fields, "sku") is None]
    assert broken == ["S3,too,many,fields,here", 'S4,"closed"garbage,essence,1', 'S7,"never closed,essence,1']


def test_csv_huge_field_and_header_only_file(tmp_path: Path) -> None:
    rows = list(read_csv(write(tmp_path / "p.csv", f'sku,product_name\nS1,"{BIG}"\n'), PRODUCTS.fields))
    assert field(rows[0], PRODUCTS.fields, "product_name") == BIG
    assert list(read_csv(write(tmp_path / "h.csv", "sku,product_name\r\n"), PRODUCTS.fields)) == []
    assert list(read_csv(write(tmp_path / "e.csv", b""), PRODUCTS.fields)) == []


# --- layout errors (raised before Spark is touched: these calls pass no session) ---------------------------


def test_missing_landing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match=r"does not exist.*lakehouse generate"):
        ingest(None, tmp_path / "nowhere", local_paths(ROOT), progress=quiet)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("relative", "message"),
    [
        ("erp/foo/x.csv", r"'erp/foo' is not an entity of the landing contract .*products"),
        ("sap/products/x.csv", r"'sap' is not a source system"),
        ("erp/products.csv", r"stray file directly under the system folder"),
        ("notes.txt", r"stray file in the landing root"),
    ],
)
def test_folders_outside_the_contract_are_clear_errors(tmp_path: Path, relative: str, message: str) -> None:
    landing = tmp_path / "landing"
    write(landing / "crm/customers/ok.jsonl", "{}\n")
    write(landing / relative, "x\n")
    with pytest.raises(IngestError, match=message) as error:
        ingest(None, landing, local_paths(ROOT), progress=quiet)  # type: ignore[arg-type]
    assert str(landing / relative.split("/")[0]) in str(error.value)


def test_hidden_files_are_ignored_and_files_found_at_any_depth(tmp_path: Path) -> None:
    write(tmp_path / "crm/customers/2026/01/01/c.jsonl", "{}\n")
    write(tmp_path / "crm/customers/.c.jsonl.tmp", "{}\n")  # still being written
    write(tmp_path / "crm/_SUCCESS", "")
    write(tmp_path / ".DS_Store", "")
    assert [f.relative for f in discover(tmp_path)] == ["crm/customers/2026/01/01/c.jsonl"]


def test_dangling_link_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "crm/customers").mkdir(parents=True)
    (tmp_path / "crm/customers/c.jsonl").symlink_to(tmp_path / "gone.jsonl")
    with pytest.raises(IngestError, match=r"cannot read .*c\.jsonl"):
        discover(tmp_path)


# --- Databricks mode (the cloudFiles source only exists there: check the stream we build) ----------------


class Recorder:
    """Stands in for a SparkSession / reader / DataFrame / writer and records every call."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []

    def __getattr__(self, name: str) -> Any:
        if name in ("readStream", "writeStream", "catalog"):
            self.calls.append((name, (), {}))
            return self
        if name == "recentProgress":
            return [{"numInputRows": 5}]

        def method(*args: Any, **kwargs: Any) -> Any:
            self.calls.append((name, args, kwargs))
            return [] if name == "collect" else self

        return method

    def called(self, name: str) -> list[tuple[tuple[Any, ...], dict[str, Any]]]:
        return [(args, kwargs) for called, args, kwargs in self.calls if called == name]


def test_autoloader_stream_sets_the_auto_loader_options() -> None:
    fake = Recorder()
    autoloader_stream(
        fake,
        PRODUCTS,
        "abfss://landing@acct.dfs.core.windows.net/",
        "/chk/erp__products",
        "bronze.erp__products",
        batch_id=7,
    )
    options = fake.called("options")[0][1]
    assert fake.called("format")[0][0] == ("cloudFiles",)
    assert options["cloudFiles.format"] == "csv"
    assert options["cloudFiles.schemaEvolutionMode"] == "rescue"
    assert options["cloudFiles.inferColumnTypes"] == "false"
    assert options["rescuedDataColumn"] == "_rescued_data"
    assert (options["header"], options["multiLine"], options["escape"]) == ("true", "true", '"')
    schema = fake.called("schema")[0][0][0]
    assert all(f"`{name}` STRING" in schema for name in PRODUCTS.fields)
    assert fake.called("load")[0][0] == ("abfss://landing@acct.dfs.core.windows.net/erp/products",)
    expressions = " ".join(fake.called("selectExpr")[0][0])
    assert "coalesce(`_rescued_data`, `_corrupt_record`) AS `_rescued_data`" in expressions
    assert "'/(erp/products/.*)$'" in expressions and "CAST(7 AS BIGINT) AS `_batch_id`" in expressions
    assert fake.called("format")[1][0] == ("delta",)
    assert ("checkpointLocation", "/chk/erp__products") in [args for args, _ in fake.called("option")]
    assert fake.called("trigger")[0][1] == {"availableNow": True}
    assert fake.called("toTable")[0][0] == ("bronze.erp__products",)
    json_options = Recorder()
    autoloader_stream(json_options, CUSTOMERS, "/Volumes/main/raw/landing", "/chk", "bronze.crm__customers")
    assert json_options.called("options")[0][1]["cloudFiles.format"] == "json"
    assert "header" not in json_options.called("options")[0][1]


def test_autoloader_mode_is_selected_by_configuration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = Recorder()
    monkeypatch.setenv("LAKEHOUSE_INGEST_MODE", "autoloader")
    summary = ingest(fake, tmp_path, local_paths(ROOT), progress=quiet, schema="main.bronze")
    assert summary.mode == "autoloader"
    assert len(fake.called("toTable")) == len(ENTITIES)
    assert sum(summary.rows_by_table.values()) == 5 * len(ENTITIES)
    ddl = [args[0] for args, _ in fake.called("sql") if args[0].startswith("CREATE TABLE")]
    assert len(ddl) == len(ENTITIES) and all("USING DELTA" in statement for statement in ddl)
    monkeypatch.setenv("LAKEHOUSE_INGEST_MODE", "cloud")
    with pytest.raises(IngestError, match="not a mode"):
        ingest(fake, tmp_path, local_paths(ROOT), progress=quiet)


def test_one_line_summary() -> None:
    summary = IngestSummary(
        3, 11, {"bronze.a": 20000, "bronze.b": 0}, {"bronze.a": 12, "bronze.b": 0}, ("x/y/e.csv",), 22, (2,), 4.0
    )
    line = summary.one_line()
    assert line.startswith("ingest batch 3: 11 new files, 20,000 rows into 1 Bronze tables")
    assert "12 with _rescued_data" in line and "1 empty files" in line and "22 files already ingested" in line
    assert "rolled back crashed batch(es) 2" in line and "5,000 rows/s" in line
    nothing = IngestSummary(None, 0, {}, {}, (), 33, (), 1.0).one_line()
    assert nothing.startswith("ingest: nothing new (33 files already in Bronze)")


# --- landing in Bronze (Spark) ----------------------------------------------------------------------------


@dataclass
class Zoo:
    landing: Path
    first: IngestSummary
    second: IngestSummary
    tables: set[str]
    columns: list[tuple[str, str]]
    rows: dict[str, list[dict[str, Any]]]
    file_log: list[dict[str, Any]]


ZOO_CUSTOMERS = (
    json.dumps({"customer_id": "C1", "email": "a@x.de", "marketing_opt_in": True, "city": "  Köln "}).encode()
    + b"\n"
    + json.dumps({"customer_id": "C2", "_promo_banner": "x"}).encode()
    + b'\n{"customer_id": "C3", "email\n'
    + b'{"customer_id":"C4","city":"M\xfcnchen"}\n\n'
    + json.dumps({"customer_id": "C5", "first_name": BIG}).encode()
    + b"\n"
)
ZOO_ORDER_LINES = '{"order_id":"O1","line_number":1,"quantity":2,"unit_price":12.50,"promo_code":null}\n'


@pytest.fixture(scope="module")
def zoo(spark: Any, tmp_path_factory: pytest.TempPathFactory) -> Zoo:
    """One landing with every fault kind, ingested twice into schema ``zoo``."""
    landing = tmp_path_factory.mktemp("zoo") / "landing"
    write(landing / "crm/customers/2026-01-01/customers_20260101.jsonl", ZOO_CUSTOMERS)
    write(landing / "shop/order_lines/2026-01-01/order_lines_20260101.jsonl", ZOO_ORDER_LINES)
    write(landing / "erp/products/2026-01-01/products_20260101.csv", CSV_FAULTS)
    write(landing / "erp/product_prices/2026-01-01/product_prices_20260101_empty.csv", b"")
    write(landing / "marketing/promotions/.promotions_20260101.jsonl.tmp", "{}\n")
    first = ingest(spark, landing, local_paths(ROOT), progress=quiet, schema="zoo")
    second = ingest(spark, landing, local_paths(ROOT), progress=quiet, schema="zoo")
    tables = existing_tables(spark, "zoo")  # temp views of other suites in this JVM are not tables
    columns = [(c.name, c.dataType.simpleString()) for c in spark.table("zoo.crm__customers").schema]
    rows = {
        e.bronze_table: bronze_rows(spark, f"zoo.{e.bronze_table}")
        for e in ENTITIES
        if e.key in ("crm/customers", "shop/order_lines", "erp/products", "erp/product_prices")
    }
    return Zoo(landing, first, second, tables, columns, rows, bronze_rows(spark, "zoo._ingest_file_log"))


def test_bronze_row_count_equals_lines_delivered(zoo: Zoo) -> None:
    delivered = {"crm__customers": 5, "shop__order_lines": 1, "erp__products": 8, "erp__product_prices": 0}
    assert {table: len(rows) for table, rows in zoo.rows.items()} == delivered
    assert {t.split(".")[1]: n for t, n in zoo.first.rows_by_table.items() if n} == {
        t: n for t, n in delivered.items() if n
    }
    assert zoo.first.files_ingested == 4  # the hidden .tmp file is not a delivery


def test_every_contract_table_exists_with_the_bronze_columns(zoo: Zoo) -> None:
    assert {e.bronze_table for e in ENTITIES} | {"_ingest_file_log", "_ingest_batches"} == zoo.tables
    assert zoo.columns == [
        *((name, "string") for name in CUSTOMERS.fields),
        ("_rescued_data", "string"),
        ("_source_file", "string"),
        ("_ingested_at", "timestamp"),
        ("_batch_id", "bigint"),
    ]


def test_records_land_exactly_as_delivered(zoo: Zoo) -> None:
    customers = {row["customer_id"]: row for row in zoo.rows["crm__customers"]}
    assert customers["C1"]["city"] == "  Köln " and customers["C1"]["marketing_opt_in"] == "true"
    assert customers["C1"]["_rescued_data"] is None and customers["C1"]["birth_date"] is None  # missing -> NULL
    assert json.loads(customers["C2"]["_rescued_data"]) == {"_promo_banner": "x"}
    assert customers[None]["_rescued_data"] == '{"customer_id": "C3", "email'  # the broken line, kept
    assert customers["C4"]["city"] == "M\ufffdnchen" and RAW_BYTES_KEY in customers["C4"]["_rescued_data"]
    assert customers["C5"]["first_name"] == BIG
    (line,) = zoo.rows["shop__order_lines"]
    assert (line["line_number"], line["unit_price"], line["promo_code"]) == ("1", "12.50", None)
    products = {row["sku"]: row for row in zoo.rows["erp__products"]}
    assert products["S2"]["product_name"] == "two\r\nlines"
    assert json.loads(products["S1"]["_rescued_data"]) == {"shelf_life": "12m"}
    assert sum(1 for row in zoo.rows["erp__products"] if row["sku"] is None) == 3
    assert zoo.first.rescued_rows_by_table["zoo.erp__products"] == 6  # S1 and S8 extra cells, 4 raw rows


def test_metadata_columns(zoo: Zoo) -> None:
    rows = [row for table in zoo.rows.values() for row in table]
    assert {row["_batch_id"] for row in rows} == {zoo.first.batch_id} == {1}
    assert len({row["_ingested_at"] for row in rows}) == 1
    assert {row["_source_file"] for row in zoo.rows["crm__customers"]} == {
        "crm/customers/2026-01-01/customers_20260101.jsonl"
    }


def test_file_log_records_every_file_including_empty_ones(zoo: Zoo) -> None:
    log = {row["source_file"]: row for row in zoo.file_log}
    assert len(log) == 4
    empty = log["erp/product_prices/2026-01-01/product_prices_20260101_empty.csv"]
    assert (empty["row_count"], empty["size_bytes"], empty["batch_id"]) == (0, 0, 1)
    assert zoo.first.empty_files == ("erp/product_prices/2026-01-01/product_prices_20260101_empty.csv",)
    customers = log["crm/customers/2026-01-01/customers_20260101.jsonl"]
    assert customers["sha256"] == hashlib.sha256(ZOO_CUSTOMERS).hexdigest()
    assert (customers["row_count"], customers["rescued_count"]) == (5, 3)


def test_rerun_lands_nothing_new(zoo: Zoo) -> None:
    assert zoo.second.batch_id is None
    assert zoo.second.files_ingested == 0 and zoo.second.skipped_files == 4
    assert sum(zoo.second.rows_by_table.values()) == 0
    assert zoo.second.one_line().startswith("ingest: nothing new (4 files already in Bronze)")


def test_later_deliveries_resends_new_columns_and_unreadable_files(
    spark: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    landing = tmp_path / "landing"
    day1 = jsonl({"customer_id": "C1", "email": "a@x.de"}, {"customer_id": "C2", "email": "b@x.de"})
    write(landing / "crm/customers/2026-01-01/customers_20260101.jsonl", day1)
    first = ingest(spark, landing, local_paths(ROOT), progress=quiet, schema="later")
    tables = existing_tables(spark, "later")
    assert {e.bronze_table for e in ENTITIES} <= tables  # all of them, though one file arrived
    assert first.batch_id == 1 and sum(first.rows_by_table.values()) == 2

    write(landing / "crm/customers/resend/customers_20260101_copy.jsonl", day1)  # same bytes, new name
    write(
        landing / "crm/customers/2026-01-02/customers_20260102.jsonl",
        jsonl({"customer_id": "C3", "email": "c@x.de", "segment": "vip"}),
    )  # a column the contract lacks
    read_rows = ingest_module.read_rows

    def unreadable(path: Path, entity: Any) -> Any:
        if path.name == "customers_20260102.jsonl":
            raise PermissionError(13, "Permission denied", str(path))
        return read_rows(path, entity)

    monkeypatch.setattr(ingest_module, "read_rows", unreadable)
    with pytest.raises(IngestError, match=r"cannot read .*customers_20260102\.jsonl: Permission denied.*re-run"):
        ingest(spark, landing, local_paths(ROOT), progress=quiet, schema="later")
    assert spark.table("later.crm__customers").count() == 2  # nothing changed
    assert spark.table("later._ingest_file_log").count() == 1

    monkeypatch.setattr(ingest_module, "read_rows", read_rows)
    with (landing / "crm/customers/2026-01-01/customers_20260101.jsonl").open("a") as changed:
        changed.write(jsonl({"customer_id": "C9"}))  # landing files are immutable: this is not re-read
    lines: list[str] = []
    second = ingest(spark, landing, local_paths(ROOT), progress=lines.append, schema="later")
    assert (second.batch_id, second.files_ingested, second.skipped_files) == (2, 2, 1)
    assert any("customers_20260101.jsonl changed size after it was ingested" in line for line in lines)
    assert sum("-> later." in line for line in lines) == len(ENTITIES)  # one progress line per entity
    rows = bronze_rows(spark, "later.crm__customers")
    assert Counter(row["customer_id"] for row in rows) == {"C1": 2, "C2": 2, "C3": 1}  # the re-send landed
    earlier = [row for row in rows if row["_batch_id"] == 1]
    assert len(earlier) == 2 and all(row["_rescued_data"] is None for row in earlier)
    (c3,) = [row for row in rows if row["customer_id"] == "C3"]
    assert json.loads(c3["_rescued_data"]) == {"segment": "vip"}


def test_table_folder_with_data_but_no_metastore_entry_is_left_alone(spark: Any, tmp_path: Path) -> None:
    spark.sql("CREATE SCHEMA IF NOT EXISTS lost")
    location = spark.sql("DESCRIBE SCHEMA EXTENDED lost").where("info_name = 'Location'").collect()[0][1]
    folder = location.removeprefix("file:") + "/_ingest_file_log"  # the first table ingest creates
    spark.createDataFrame([("x",)], "source_file STRING").write.format("delta").save(folder)
    write(tmp_path / "landing/crm/customers/c.jsonl", "{}\n")
    with pytest.raises(IngestError, match=r"holds Delta data but lost\._ingest_file_log is not in the metastore"):
        ingest(spark, tmp_path / "landing", local_paths(ROOT), progress=quiet, schema="lost")
    assert Path(folder, "_delta_log").is_dir()


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_file_without_read_permission_is_a_clear_error(spark: Any, tmp_path: Path) -> None:
    path = write(tmp_path / "landing/crm/customers/c.jsonl", "{}\n")
    path.chmod(0)
    with pytest.raises(IngestError, match=r"cannot read .*c\.jsonl"):
        ingest(spark, tmp_path / "landing", local_paths(ROOT), progress=quiet, schema="unreadable")


# --- crashes ----------------------------------------------------------------------------------------------


def crash_landing(root: Path) -> Path:
    """A small delivery over several tables (so a crash can fall between two table appends)."""
    landing = root / "landing"
    write(
        landing / "crm/customers/customers_20260101.jsonl",
        jsonl(*({"customer_id": f"C{i}", "city": "Essen"} for i in range(5))) + "{broken\n",
    )
    write(landing / "shop/orders/orders_20260101.jsonl", jsonl({"order_id": "O1", "customer_id": "C1"}))
    write(landing / "erp/products/products_20260101.csv", "sku,brand\nS1,essence\nS2,CATRICE\n")
    write(landing / "billing/plans/plans_20260101.jsonl", "")
    return landing


BRONZE_TABLES = ("crm__customers", "shop__orders", "erp__products")


@pytest.fixture(scope="module")
def crash_reference(spark: Any, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Counter]]:
    """The landing of the crash tests and the Bronze content of an uninterrupted run over it."""
    landing = crash_landing(tmp_path_factory.mktemp("crash"))
    ingest(spark, landing, local_paths(ROOT), progress=quiet, schema="crash_ref")
    return landing, {table: content(bronze_rows(spark, f"crash_ref.{table}")) for table in BRONZE_TABLES}


class Crash(Exception):
    """Stands in for SIGKILL in-process: nothing after the crash point runs."""


def test_crash_at_every_point_then_rerun_gives_the_uninterrupted_content(
    spark: Any, crash_reference: tuple[Path, dict[str, Counter]], monkeypatch: pytest.MonkeyPatch
) -> None:
    landing, expected = crash_reference
    # a process killed inside CREATE TABLE leaves the table's folder without a metastore entry
    spark.sql("CREATE SCHEMA IF NOT EXISTS chain")
    location = spark.sql("DESCRIBE SCHEMA EXTENDED chain").where("info_name = 'Location'").collect()[0][1]
    orphan = location.removeprefix("file:") + "/crm__customers"
    spark.sql(f"CREATE TABLE delta.`{orphan}` (customer_id STRING) USING DELTA")

    for point in ("after_intent", "after_rollback", "after_first_append", "before_log_commit", "after_log_commit"):

        def crash_point(name: str, point: str = point) -> None:
            if name == point:
                raise Crash(point)

        monkeypatch.setattr(ingest_module, "_crash_point", crash_point)
        with pytest.raises(Crash):
            ingest(spark, landing, local_paths(ROOT), progress=quiet, schema="chain")
    monkeypatch.undo()
    final = ingest(spark, landing, local_paths(ROOT), progress=quiet, schema="chain")

    assert final.batch_id is None  # the after_log_commit crash came after the commit
    assert {table: content(bronze_rows(spark, f"chain.{table}")) for table in BRONZE_TABLES} == expected
    markers = Counter((row.batch_id, row.status) for row in spark.table("chain._ingest_batches").collect())
    assert markers == {
        (1, "started"): 1,
        (1, "aborted"): 1,
        (2, "started"): 1,
        (2, "aborted"): 1,
        (3, "started"): 1,
        (3, "aborted"): 1,
        (4, "started"): 1,
    }
    assert {row.batch_id for row in spark.table("chain._ingest_file_log").collect()} == {4}


# --- generated deliveries ---------------------------------------------------------------------------------


def test_generated_dirty_deliveries_land_completely(spark: Any, tmp_path: Path) -> None:
    generate = pytest.importorskip("lakehouse.generate").generate
    landing = tmp_path / "landing"
    generated = generate(landing, dt.date(2026, 1, 1), 2, scale=0.02, seed=7, dirty_rate=0.05)
    summary = ingest(spark, landing, local_paths(ROOT), progress=quiet, schema="generated")
    counts = {
        row.table_name: row.n
        for row in spark.sql(
            " UNION ALL ".join(
                f"SELECT '{e.key}' AS table_name, count(*) AS n FROM generated.{e.bronze_table}" for e in ENTITIES
            )
        ).collect()
    }
    assert counts == generated.rows_by_entity
    assert summary.files_ingested == generated.files
    assert summary.rescued_rows >= generated.faults_by_kind["unparseable_line"] > 0
    assert len(summary.empty_files) >= generated.faults_by_kind["empty_file"] > 0


def test_staging_leaves_no_scratch_files(zoo: Zoo, spark_state_dir: Path) -> None:
    staging = spark_state_dir / "checkpoints" / "ingest-staging" / "zoo"
    assert not staging.exists()
