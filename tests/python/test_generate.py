"""Tests of the synthetic source-system generator (``lakehouse.generate``).

The landing contract and value domains are written out here again, independently of the generator's code,
so a drift on either side fails a test. Generated data sets are built once per module in temp folders
(tiny scales) and only read by the tests.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from itertools import pairwise
from pathlib import Path

import pytest

from lakehouse.generate import GenerationSummary, generate

START = date(2026, 1, 1)
BOM = b"\xef\xbb\xbf"

# design.md section 3: entity -> (format, business key, fields in order)
CONTRACT: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "erp/products": (
        "csv",
        ("sku",),
        (
            "sku",
            "product_name",
            "brand",
            "category",
            "subcategory",
            "list_price_eur",
            "launch_date",
            "status",
            "updated_at",
        ),
    ),
    "erp/product_prices": ("csv", ("sku", "market"), ("sku", "market", "price", "currency", "updated_at")),
    "crm/customers": (
        "json",
        ("customer_id",),
        (
            "customer_id",
            "email",
            "first_name",
            "last_name",
            "birth_date",
            "country",
            "city",
            "loyalty_tier",
            "marketing_opt_in",
            "updated_at",
        ),
    ),
    "shop/orders": (
        "json",
        ("order_id",),
        ("order_id", "customer_id", "order_ts", "channel", "currency", "status", "shipping_country", "updated_at"),
    ),
    "shop/order_lines": (
        "json",
        ("order_id", "line_number"),
        ("order_id", "line_number", "sku", "quantity", "unit_price", "discount_amount", "promo_code"),
    ),
    "shop/returns": (
        "json",
        ("return_id",),
        ("return_id", "order_id", "line_number", "sku", "quantity", "refund_amount", "reason", "returned_at"),
    ),
    "marketing/promotions": (
        "json",
        ("promo_code",),
        (
            "promo_code",
            "promotion_name",
            "discount_type",
            "discount_value",
            "start_date",
            "end_date",
            "channel",
            "updated_at",
        ),
    ),
    "marketing/promotion_products": ("json", ("promo_code", "sku"), ("promo_code", "sku", "updated_at")),
    "marketing/campaign_events": (
        "json",
        ("event_id",),
        ("event_id", "promo_code", "customer_id", "event_type", "event_ts"),
    ),
    "billing/plans": (
        "json",
        ("plan_id",),
        ("plan_id", "plan_name", "billing_interval", "price", "currency", "updated_at"),
    ),
    "billing/subscription_events": (
        "json",
        ("event_id",),
        ("event_id", "subscription_id", "customer_id", "plan_id", "event_type", "amount", "currency", "event_ts"),
    ),
}
# Typed fields per entity (everything else is text); JSON money is a decimal string, ints/bools are native.
TYPES: dict[str, dict[str, str]] = {
    "erp/products": {"list_price_eur": "money", "launch_date": "date", "updated_at": "ts"},
    "erp/product_prices": {"price": "money", "updated_at": "ts"},
    "crm/customers": {"birth_date": "date", "marketing_opt_in": "bool", "updated_at": "ts"},
    "shop/orders": {"order_ts": "ts", "updated_at": "ts"},
    "shop/order_lines": {"line_number": "int", "quantity": "int", "unit_price": "money", "discount_amount": "money"},
    "shop/returns": {"line_number": "int", "quantity": "int", "refund_amount": "money", "returned_at": "ts"},
    "marketing/promotions": {"discount_value": "money", "start_date": "date", "end_date": "date", "updated_at": "ts"},
    "marketing/promotion_products": {"updated_at": "ts"},
    "marketing/campaign_events": {"event_ts": "ts"},
    "billing/plans": {"price": "money", "updated_at": "ts"},
    "billing/subscription_events": {"amount": "money", "event_ts": "ts"},
}
# The field that dates a record, i.e. decides its delivery day (order lines travel with their order).
EVENT_TIME = {
    "erp/products": "updated_at",
    "erp/product_prices": "updated_at",
    "crm/customers": "updated_at",
    "shop/orders": "updated_at",
    "shop/returns": "returned_at",
    "marketing/promotions": "updated_at",
    "marketing/promotion_products": "updated_at",
    "marketing/campaign_events": "event_ts",
    "billing/plans": "updated_at",
    "billing/subscription_events": "event_ts",
}
MARKET_CURRENCY = {
    "DE": "EUR",
    "AT": "EUR",
    "FR": "EUR",
    "IT": "EUR",
    "ES": "EUR",
    "NL": "EUR",
    "CH": "CHF",
    "PL": "PLN",
    "UK": "GBP",
}
FAULT_KINDS = (
    "duplicate_record",
    "late_record",
    "null_key",
    "blank_key",
    "padded_key",
    "case_variant_key",
    "extra_field",
    "unparseable_line",
    "wrong_type",
    "csv_bom_crlf",
    "empty_file",
)
ALLOWED_STATUS_STEPS = {("placed", "paid"), ("placed", "cancelled"), ("paid", "shipped"), ("paid", "cancelled")}
FUNNEL = ("sent", "opened", "clicked", "redeemed")

TS_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MONEY_RE = re.compile(r"^\d+\.\d{2}$")
SKU_RE = re.compile(r"^(ESS-1|CAT-2)\d{5}$")
CUSTOMER_RE = re.compile(r"^C\d{8}$")
ORDER_RE = re.compile(r"^ORD-\d{8}-\d{6}$")


# --- helpers ------------------------------------------------------------------------------------------------
def file_path(landing: Path, entity: str, day: date, suffix: str = "") -> Path:
    system, name = entity.split("/")
    extension = "csv" if CONTRACT[entity][0] == "csv" else "jsonl"
    return landing / system / name / day.isoformat() / f"{name}_{day:%Y%m%d}{suffix}.{extension}"


def lines_of(text: str) -> list[str]:
    assert text == "" or text.endswith("\n"), "a non-empty file ends with a line end"
    return text.split("\n")[:-1] if text else []


def read_clean_file(path: Path, entity: str) -> list[dict]:
    """Parse one file of a clean run, asserting the exact contract layout on the way."""
    fmt, _, fields = CONTRACT[entity]
    data = path.read_bytes()
    assert not data.startswith(BOM) and b"\r" not in data, path
    text = data.decode("utf-8")
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
        assert rows and tuple(rows[0]) == fields, path
        assert all(len(row) == len(fields) for row in rows[1:]), path
        assert len(rows) - 1 == len(lines_of(text)) - 1, "no value spans lines"
        return [dict(zip(fields, row, strict=True)) for row in rows[1:]]
    records = [json.loads(line) for line in lines_of(text)]
    for record in records:
        assert tuple(record) == fields, (path, record)
    return records


def snapshot(landing: Path) -> dict[str, bytes]:
    return {str(p.relative_to(landing)): p.read_bytes() for p in sorted(landing.rglob("*")) if p.is_file()}


def value_ok(value: object, kind: str) -> bool:
    """Whether a field value has the type the contract promises (the generator's JSON/CSV conventions)."""
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "bool":
        return isinstance(value, bool)
    if not isinstance(value, str):
        return False
    if kind == "money":
        return bool(MONEY_RE.match(value))
    if kind == "date":
        try:
            return bool(DATE_RE.match(value)) and date.fromisoformat(value) is not None
        except ValueError:
            return False
    try:
        return bool(TS_RE.match(value)) and datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ") is not None
    except ValueError:
        return False


class Run:
    """One generated landing folder, parsed: records per entity with their delivery day index."""

    def __init__(self, landing: Path, summary: GenerationSummary, days: int, progress: list[str]) -> None:
        self.landing, self.summary, self.days, self.progress = landing, summary, days, progress
        self.records: dict[str, list[tuple[int, dict]]] = {entity: [] for entity in CONTRACT}
        for entity in CONTRACT:
            for day in range(days):
                for record in read_clean_file(file_path(landing, entity, START + timedelta(days=day)), entity):
                    self.records[entity].append((day, record))

    def all(self, entity: str) -> list[dict]:
        return [record for _, record in self.records[entity]]

    def on(self, entity: str, day: int) -> list[dict]:
        return [record for d, record in self.records[entity] if d == day]


def run_generator(landing: Path, days: int, **kwargs: object) -> Run:
    progress: list[str] = []
    summary = generate(landing, START, days, progress=progress.append, **kwargs)
    return Run(landing, summary, days, progress)


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """Ten clean days at a tiny scale: long enough for shipments, returns, renewals and campaign funnels."""
    return run_generator(tmp_path_factory.mktemp("clean"), 10, scale=0.03, seed=7)


@pytest.fixture(scope="module")
def dirty(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, GenerationSummary, Path]:
    """The brief's dirty scenario (3 days, scale 0.05, R=0.05) and the clean run of the same seed."""
    dirty_landing = tmp_path_factory.mktemp("dirty")
    summary = generate(dirty_landing, START, 3, scale=0.05, seed=11, dirty_rate=0.05)
    twin = tmp_path_factory.mktemp("twin")
    generate(twin, START, 3, scale=0.05, seed=11, dirty_rate=0.0)
    return dirty_landing, summary, twin


# --- determinism, layout, parsing -----------------------------------------------------------------------------
def test_same_arguments_give_identical_bytes_and_another_seed_differs(tmp_path: Path) -> None:
    for name, seed in (("a", 3), ("b", 3), ("c", 4)):
        generate(tmp_path / name, START, 3, scale=0.02, seed=seed, dirty_rate=0.1)
    first, second, other = (snapshot(tmp_path / name) for name in "abc")
    assert first == second
    assert len(first) >= 33
    changed = [name for name in first if other.get(name) != first[name]]
    assert "shop/orders/2026-01-01/orders_20260101.jsonl" in changed
    assert "erp/products/2026-01-01/products_20260101.csv" in changed


def test_output_does_not_depend_on_the_process_hash_seed(tmp_path: Path) -> None:
    """Set iteration order and ``hash()`` change with PYTHONHASHSEED; the files must not."""
    script = (
        "import sys, datetime, pathlib; from lakehouse.generate import generate; "
        "generate(pathlib.Path(sys.argv[1]), datetime.date(2026, 1, 1), 2, scale=0.02, seed=8, dirty_rate=0.1)"
    )
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed, "PYTHONPATH": os.pathsep.join(sys.path)}
        subprocess.run([sys.executable, "-c", script, str(tmp_path / hash_seed)], check=True, env=env)
    assert snapshot(tmp_path / "1") == snapshot(tmp_path / "2") != {}


def test_rerun_into_same_folder_overwrites_instead_of_appending(tmp_path: Path) -> None:
    generate(tmp_path, START, 2, scale=0.02, seed=5, dirty_rate=0.2)
    before = snapshot(tmp_path)
    summary = generate(tmp_path, START, 2, scale=0.02, seed=5, dirty_rate=0.2)
    assert snapshot(tmp_path) == before
    assert summary.files == len(before)
    assert not [p for p in tmp_path.rglob(".*")], "no temporary files are left behind"


def test_exactly_one_file_per_entity_and_day(clean: Run) -> None:
    expected = {
        file_path(clean.landing, entity, START + timedelta(days=d)) for entity in CONTRACT for d in range(clean.days)
    }
    assert {p for p in clean.landing.rglob("*") if p.is_file()} == expected
    assert clean.summary.files == len(expected) == 110


def test_summary_counts_match_files_and_progress_reports_each_day(clean: Run) -> None:
    assert clean.summary.rows_by_entity == {entity: len(clean.records[entity]) for entity in CONTRACT}
    assert clean.summary.days == 10
    assert (clean.summary.first_day, clean.summary.last_day) == (START, date(2026, 1, 10))
    assert len(clean.progress) == 10
    assert [line[:10] for line in clean.progress] == [(START + timedelta(days=d)).isoformat() for d in range(10)]


def test_zero_dirty_rate_produces_no_faults(clean: Run) -> None:
    assert clean.summary.faults_by_kind == dict.fromkeys(FAULT_KINDS, 0)
    # Run.__init__ parsed every file strictly (no BOM, no CR, contract header/keys, valid JSON); re-check keys.
    for entity, (_, keys, _) in CONTRACT.items():
        for record in clean.all(entity):
            for key in keys:
                value = record[key]
                assert value is not None and str(value) == str(value).strip() != "", (entity, record)
                assert str(value) == str(value).upper(), (entity, record)


# --- value domains ------------------------------------------------------------------------------------------
def test_every_typed_field_has_its_type(clean: Run) -> None:
    for entity, types in TYPES.items():
        assert clean.records[entity], f"{entity} is empty"
        for record in clean.all(entity):
            for name, kind in types.items():
                assert value_ok(record[name], kind), (entity, name, record[name])


def test_value_domains(clean: Run) -> None:
    for p in clean.all("erp/products"):
        assert SKU_RE.match(p["sku"]) and p["brand"] in {"essence", "CATRICE"}
        assert p["sku"].startswith("ESS-" if p["brand"] == "essence" else "CAT-")
        assert p["category"] in {"face", "eyes", "lips", "nails", "skincare", "accessories"} and p["subcategory"]
        assert p["status"] in {"planned", "active", "discontinued"} and Decimal(p["list_price_eur"]) > 0
    for price in clean.all("erp/product_prices"):
        assert MARKET_CURRENCY[price["market"]] == price["currency"] and Decimal(price["price"]) > 0
    for c in clean.all("crm/customers"):
        assert CUSTOMER_RE.match(c["customer_id"]) and c["country"] in MARKET_CURRENCY
        assert re.match(r"^[a-z0-9._]+@[a-z0-9.-]+\.[a-z]{2,}$", c["email"]), c["email"]
        assert c["loyalty_tier"] in {"none", "silver", "gold"} and c["first_name"] and c["last_name"] and c["city"]
        assert 16 <= (START - date.fromisoformat(c["birth_date"])).days // 365 <= 72
    for o in clean.all("shop/orders"):
        assert ORDER_RE.match(o["order_id"]) and o["channel"] in {"web", "app", "retail"}
        assert o["status"] in {"placed", "paid", "shipped", "cancelled"}
        assert o["currency"] == MARKET_CURRENCY[o["shipping_country"]]
    for line in clean.all("shop/order_lines"):
        assert 1 <= line["line_number"] <= 6 and line["quantity"] >= 1 and Decimal(line["unit_price"]) > 0
        assert line["promo_code"] is None or re.match(r"^[A-Z]{4,8}\d{2,}$", line["promo_code"])
    for r in clean.all("shop/returns"):
        assert re.match(r"^RET-\d{8}$", r["return_id"]) and r["quantity"] >= 1 and r["reason"]
    for promo in clean.all("marketing/promotions"):
        assert promo["discount_type"] in {"percent", "amount"} and promo["channel"] in {"web", "app", "retail"}
        assert Decimal("0") < Decimal(promo["discount_value"]) <= (100 if promo["discount_type"] == "percent" else 50)
        assert promo["start_date"] <= promo["end_date"]
    for event in clean.all("marketing/campaign_events"):
        assert event["event_type"] in set(FUNNEL) and re.match(r"^CEV-\d{10}$", event["event_id"])
    for plan in clean.all("billing/plans"):
        assert plan["billing_interval"] in {"monthly", "yearly"} and re.match(
            r"^[A-Z]+-(MONTHLY|YEARLY)$", plan["plan_id"]
        )
        assert plan["currency"] == "EUR" and Decimal(plan["price"]) > 0
    for event in clean.all("billing/subscription_events"):
        assert event["event_type"] in {"created", "renewed", "plan_changed", "cancelled", "payment_failed"}
        assert re.match(r"^SUB-\d{8}$", event["subscription_id"]) and event["currency"] == "EUR"


def test_records_are_delivered_on_the_day_they_happen(clean: Run) -> None:
    for entity, field in EVENT_TIME.items():
        for day, record in clean.records[entity]:
            happened = date.fromisoformat(record[field][:10])
            if day == 0:
                assert happened <= START, (entity, record)
            else:
                assert happened == START + timedelta(days=day), (entity, record)


# --- initial load and deltas ----------------------------------------------------------------------------------
def test_day_one_carries_the_master_data(clean: Run) -> None:
    skus = {p["sku"] for p in clean.on("erp/products", 0)}
    assert len(skus) >= 40
    prices = {(p["sku"], p["market"]) for p in clean.on("erp/product_prices", 0)}
    assert prices == {(sku, market) for sku in skus for market in MARKET_CURRENCY}
    assert len(clean.on("billing/plans", 0)) >= 3
    assert len(clean.on("marketing/promotions", 0)) >= 1 and clean.on("marketing/promotion_products", 0)
    assert len(clean.on("crm/customers", 0)) >= 100


def test_later_days_deliver_only_changes(clean: Run) -> None:
    for entity, volatile in (
        ("crm/customers", "updated_at"),
        ("erp/products", "updated_at"),
        ("marketing/promotions", "updated_at"),
        ("billing/plans", "updated_at"),
    ):
        key = CONTRACT[entity][1][0]
        latest: dict[str, dict] = {}
        for day, record in clean.records[entity]:
            before = latest.get(record[key])
            if day > 0 and before is not None:
                assert {k: v for k, v in before.items() if k != volatile} != {
                    k: v for k, v in record.items() if k != volatile
                }, (entity, record)
                assert record[volatile] > before[volatile]
            latest[record[key]] = record
        assert len(clean.on(entity, 1)) < len(clean.on(entity, 0))
    changed = [
        c
        for c in clean.all("crm/customers")[len(clean.on("crm/customers", 0)) :]
        if c["customer_id"] in {x["customer_id"] for x in clean.on("crm/customers", 0)}
    ]
    assert changed, "existing customers change over time"


def test_tiny_scale_still_fills_the_daily_entities(tmp_path: Path) -> None:
    run = run_generator(tmp_path, 3, scale=0.01, seed=1)
    for day in range(3):
        for entity in (
            "erp/products",
            "erp/product_prices",
            "crm/customers",
            "shop/orders",
            "shop/order_lines",
            "billing/subscription_events",
        ):
            assert run.on(entity, day), (entity, day)
    for entity in CONTRACT:
        if entity != "shop/returns":  # nothing can be returned before something was shipped
            assert run.on(entity, 0), entity


def test_rows_grow_roughly_linearly_with_scale(tmp_path: Path) -> None:
    small = generate(tmp_path / "small", START, 2, scale=0.02, seed=2).rows_by_entity
    large = generate(tmp_path / "large", START, 2, scale=0.08, seed=2).rows_by_entity
    for entity in ("shop/orders", "shop/order_lines", "crm/customers", "billing/subscription_events"):
        assert 3.0 <= large[entity] / small[entity] <= 5.0, (entity, small[entity], large[entity])


# --- coherence ------------------------------------------------------------------------------------------------
def orders_by_id(run: Run) -> dict[str, list[dict]]:
    orders: dict[str, list[dict]] = defaultdict(list)
    for order in run.all("shop/orders"):
        orders[order["order_id"]].append(order)
    for versions in orders.values():
        versions.sort(key=lambda o: o["updated_at"])
    return orders


def lines_by_order(run: Run) -> dict[str, list[dict]]:
    lines: dict[str, list[dict]] = defaultdict(list)
    for line in run.all("shop/order_lines"):
        lines[line["order_id"]].append(line)
    return lines


def signed_up(run: Run) -> dict[str, str]:
    """When each customer first appears in the CRM (their first record's updated_at)."""
    first: dict[str, str] = {}
    for customer in run.all("crm/customers"):
        first[customer["customer_id"]] = min(customer["updated_at"], first.get(customer["customer_id"], "9"))
    return first


def test_customers_act_only_after_signing_up(clean: Run) -> None:
    joined = signed_up(clean)
    for entity, field in (
        ("shop/orders", "order_ts"),
        ("marketing/campaign_events", "event_ts"),
        ("billing/subscription_events", "event_ts"),
    ):
        for record in clean.all(entity):
            assert joined[record["customer_id"]] < record[field], (entity, record)


def test_orders_move_through_valid_statuses_and_reference_customers(clean: Run) -> None:
    customers = {c["customer_id"]: c for c in clean.all("crm/customers")}
    orders = orders_by_id(clean)
    assert len(orders) > 100
    statuses = Counter()
    for order_id, versions in orders.items():
        assert versions[0]["status"] == "placed" and versions[0]["updated_at"] == versions[0]["order_ts"]
        for previous, current in pairwise(versions):
            assert (previous["status"], current["status"]) in ALLOWED_STATUS_STEPS, order_id
            assert previous["updated_at"] < current["updated_at"]
        for field in ("customer_id", "order_ts", "channel", "currency", "shipping_country"):
            assert len({v[field] for v in versions}) == 1, (order_id, field)
        assert order_id[4:12] == versions[0]["order_ts"][:10].replace("-", "")
        customer = customers[versions[0]["customer_id"]]
        assert customer["country"] == versions[0]["shipping_country"]
        statuses.update(v["status"] for v in versions)
    assert statuses["shipped"] and statuses["cancelled"] and statuses["paid"]


def test_order_lines_are_numbered_priced_and_sellable(clean: Run) -> None:
    orders = orders_by_id(clean)
    products = {p["sku"]: p for p in clean.all("erp/products")}
    history: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for price in clean.all("erp/product_prices"):
        history[price["sku"], price["market"]].append((price["updated_at"], price["price"]))
    for order_id, lines in lines_by_order(clean).items():
        assert order_id in orders, "every line belongs to a delivered order"
        assert sorted(line["line_number"] for line in lines) == list(range(1, len(lines) + 1)) and len(lines) <= 6
        assert len({line["sku"] for line in lines}) == len(lines)
        order = orders[order_id][0]
        for line in lines:
            product = products[line["sku"]]
            assert product["launch_date"] <= order["order_ts"][:10]
            valid = [
                price
                for ts, price in sorted(history[line["sku"], order["shipping_country"]])
                if ts <= order["order_ts"]
            ]
            assert valid and line["unit_price"] == valid[-1], (order_id, line)
    announced = [p for p in clean.on("erp/products", 0) if p["status"] == "planned"]
    assert announced and all(p["launch_date"] > START.isoformat() for p in announced), "pre-launch SKUs exist"
    counts = Counter(len(lines) for lines in lines_by_order(clean).values())
    assert counts[1] and max(counts) >= 4


def test_promo_codes_only_inside_window_on_eligible_skus_with_consistent_discount(clean: Run) -> None:
    orders = orders_by_id(clean)
    versions: dict[str, list[dict]] = defaultdict(list)
    for promo in clean.all("marketing/promotions"):
        versions[promo["promo_code"]].append(promo)
    eligible_since: dict[tuple[str, str], str] = {}
    for link in clean.all("marketing/promotion_products"):
        eligible_since.setdefault((link["promo_code"], link["sku"]), link["updated_at"])
    fx = {"EUR": Decimal(1)}
    used = 0
    for line in clean.all("shop/order_lines"):
        order = orders[line["order_id"]][0]
        gross = Decimal(line["unit_price"]) * line["quantity"]
        if line["promo_code"] is None:
            assert line["discount_amount"] == "0.00"
            continue
        used += 1
        valid = [v for v in versions[line["promo_code"]] if v["updated_at"] <= order["order_ts"]]
        assert valid, "the promotion was announced before the order"
        promo = valid[-1]
        assert promo["start_date"] <= order["order_ts"][:10] <= promo["end_date"], (line, promo)
        assert promo["channel"] == order["channel"]
        assert eligible_since[line["promo_code"], line["sku"]] <= order["order_ts"], line
        discount, value = Decimal(line["discount_amount"]), Decimal(promo["discount_value"])
        if promo["discount_type"] == "percent":
            assert discount == (gross * value / 100).quantize(Decimal("0.01"), ROUND_HALF_UP), (line, promo)
        elif order["currency"] in fx:
            assert discount == min(gross, value * line["quantity"]), (line, promo)
        else:
            assert Decimal(0) < discount <= gross
    assert used >= 5, "promotions are actually used"


def test_promotions_only_get_longer(clean: Run) -> None:
    seen: dict[str, dict] = {}
    for promo in clean.all("marketing/promotions"):
        before = seen.get(promo["promo_code"])
        if before is not None:
            assert promo["start_date"] == before["start_date"] and promo["end_date"] > before["end_date"]
        seen[promo["promo_code"]] = promo


def test_returns_reference_shipped_order_lines(clean: Run) -> None:
    orders = orders_by_id(clean)
    lines = {(line["order_id"], line["line_number"]): line for line in clean.all("shop/order_lines")}
    returns = clean.all("shop/returns")
    assert returns, "ten days are enough for returns"
    assert len({r["return_id"] for r in returns}) == len(returns)
    for r in returns:
        line = lines[r["order_id"], r["line_number"]]
        shipped = [o["updated_at"] for o in orders[r["order_id"]] if o["status"] == "shipped"]
        assert shipped and shipped[0] < r["returned_at"], r
        assert r["sku"] == line["sku"] and 1 <= r["quantity"] <= line["quantity"]
        paid = Decimal(line["unit_price"]) * line["quantity"] - Decimal(line["discount_amount"])
        assert Decimal(0) <= Decimal(r["refund_amount"]) <= paid


def test_campaign_funnels_narrow_and_redemptions_are_purchases(clean: Run) -> None:
    customers = {c["customer_id"] for c in clean.all("crm/customers")}
    promos = {p["promo_code"] for p in clean.all("marketing/promotions")}
    funnels: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for event in clean.all("marketing/campaign_events"):
        assert event["customer_id"] in customers and event["promo_code"] in promos
        funnels[event["promo_code"], event["customer_id"]].append(event)
    stages = Counter()
    for events in funnels.values():
        events.sort(key=lambda e: e["event_ts"])
        assert tuple(e["event_type"] for e in events) == FUNNEL[: len(events)], events
        assert all(a["event_ts"] < b["event_ts"] for a, b in pairwise(events))
        stages.update(e["event_type"] for e in events)
    assert stages["sent"] > stages["opened"] > stages["clicked"] >= stages["redeemed"] >= 1
    purchases = {(o["customer_id"], o["order_ts"]): o["order_id"] for o in clean.all("shop/orders")}
    codes = defaultdict(set)
    for line in clean.all("shop/order_lines"):
        codes[line["order_id"]].add(line["promo_code"])
    for (code, customer), events in funnels.items():
        if events[-1]["event_type"] == "redeemed":
            order_id = purchases[customer, events[-1]["event_ts"]]
            assert code in codes[order_id]


def test_subscription_histories_start_with_created_and_end_at_cancel(clean: Run) -> None:
    plans = {p["plan_id"] for p in clean.all("billing/plans")}
    histories: dict[str, list[dict]] = defaultdict(list)
    for event in clean.all("billing/subscription_events"):
        histories[event["subscription_id"]].append(event)
    kinds = Counter()
    for subscription_id, events in histories.items():
        assert events == sorted(events, key=lambda e: e["event_ts"]), subscription_id
        assert events[0]["event_type"] == "created", subscription_id
        assert [e["event_type"] for e in events].count("created") == 1
        assert "cancelled" not in [e["event_type"] for e in events[:-1]], subscription_id
        assert len({e["customer_id"] for e in events}) == 1
        for event in events:
            assert event["plan_id"] in plans
            assert (event["amount"] == "0.00") == (event["event_type"] == "cancelled"), event
        kinds.update(e["event_type"] for e in events)
    assert all(kinds[k] for k in ("created", "renewed", "cancelled", "payment_failed", "plan_changed")), kinds


# --- dirty data ---------------------------------------------------------------------------------------------
def classify(entity: str, record: dict, extra: set[str]) -> list[str]:
    """The in-record faults visible in one parsed record (a clean record has none)."""
    fmt, keys, _ = CONTRACT[entity]
    found = []
    if extra:
        found.append("extra_field")
    for key in keys:
        if key == "line_number":
            continue
        value = record.get(key)
        if value is None or (fmt == "csv" and value == ""):
            found.append("null_key")
        elif value.strip() == "":
            found.append("blank_key")
        elif value != value.strip():
            found.append("padded_key")
        elif value != value.upper():
            found.append("case_variant_key")
    for name, kind in TYPES[entity].items():
        if name in record and record[name] is not None and not value_ok(record[name], kind):
            found.append("wrong_type")
    return found


def test_every_fault_kind_is_injected_and_counted_exactly(dirty: tuple[Path, GenerationSummary, Path]) -> None:
    landing, summary, twin = dirty
    assert all(summary.faults_by_kind[kind] >= 1 for kind in FAULT_KINDS), summary.faults_by_kind
    assert set(summary.faults_by_kind) == set(FAULT_KINDS)
    clean_day: dict[tuple[str, tuple], int] = {}
    for entity in CONTRACT:
        for day in range(3):
            for record in read_clean_file(file_path(twin, entity, START + timedelta(days=day)), entity):
                clean_day[entity, tuple(record.values())] = day
    found: Counter[str] = Counter()
    seen: set[tuple[str, tuple]] = set()
    rows = Counter()
    for entity, (fmt, _, fields) in CONTRACT.items():
        for day in range(3):
            current = START + timedelta(days=day)
            companion = file_path(landing, entity, current, "_empty")
            if companion.exists():
                assert companion.stat().st_size == 0
                found["empty_file"] += 1
            data = file_path(landing, entity, current).read_bytes()
            if data.startswith(BOM):
                assert fmt == "csv" and data.endswith(b"\r\n") and data.count(b"\n") == data.count(b"\r\n")
                found["csv_bom_crlf"] += 1
                data = data[len(BOM) :].replace(b"\r\n", b"\n")
            assert b"\r" not in data
            text_lines = lines_of(data.decode("utf-8"))
            header = next(csv.reader([text_lines.pop(0)])) if fmt == "csv" else None
            if header is not None:
                assert tuple(header[: len(fields)]) == fields
            for line in text_lines:
                rows[entity] += 1
                try:
                    if header is not None:
                        cells = next(csv.reader([line], strict=True))
                        if len(cells) != len(header):
                            raise ValueError("wrong number of cells")
                        record = dict(zip(header, cells, strict=True))
                        extra = {k for k in header[len(fields) :] if record.pop(k)}
                    else:
                        record = json.loads(line)
                        extra = set(record) - set(fields)
                except (ValueError, csv.Error):
                    found["unparseable_line"] += 1
                    continue
                faults = classify(entity, record, extra)
                assert len(faults) <= 1, (entity, line, faults)
                if faults:
                    found[faults[0]] += 1
                    continue
                identity = (entity, tuple(record.values()))
                assert identity in clean_day, f"a faultless line is a clean record: {entity} {line}"
                if identity in seen:
                    found["duplicate_record"] += 1
                elif day - clean_day[identity] >= 2:
                    found["late_record"] += 1
                else:
                    assert day == clean_day[identity], "only duplicates and late records move days"
                seen.add(identity)
    assert dict(found) == {kind: count for kind, count in summary.faults_by_kind.items() if count}
    assert dict(rows) == summary.rows_by_entity
    replaced = sum(summary.faults_by_kind[k] for k in FAULT_KINDS[2:9])
    assert len(clean_day) - len(seen) == replaced, "every clean record arrives unless a fault replaced it"


def test_a_single_day_with_faults_cannot_be_late_but_has_the_rest(tmp_path: Path) -> None:
    summary = generate(tmp_path, START, 1, scale=0.01, seed=9, dirty_rate=0.01)
    assert summary.faults_by_kind["late_record"] == 0
    assert all(summary.faults_by_kind[kind] >= 1 for kind in FAULT_KINDS if kind != "late_record")


def test_full_dirty_rate_is_accepted(tmp_path: Path) -> None:
    summary = generate(tmp_path, START, 2, scale=0.01, seed=9, dirty_rate=1.0)
    record_faults = sum(summary.faults_by_kind[k] for k in FAULT_KINDS[:9])
    assert record_faults >= sum(summary.rows_by_entity.values()) // 2


# --- arguments ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"days": 0}, "days must be an integer >= 1"),
        ({"days": -3}, "days must be an integer >= 1"),
        ({"scale": 0}, "scale must be a number > 0"),
        ({"scale": -0.5}, "scale must be a number > 0"),
        ({"scale": float("nan")}, "scale must be a number > 0"),
        ({"dirty_rate": -0.01}, "dirty_rate must be between 0 and 1"),
        ({"dirty_rate": 1.5}, "dirty_rate must be between 0 and 1"),
        ({"dirty_rate": float("nan")}, "dirty_rate must be between 0 and 1"),
        ({"start_date": "2026-01-01"}, "start_date must be a date"),
    ],
)
def test_invalid_arguments_are_rejected_before_writing(tmp_path: Path, overrides: dict, message: str) -> None:
    arguments = {"start_date": START, "days": 2, "scale": 0.01, "dirty_rate": 0.0} | overrides
    with pytest.raises(ValueError, match=re.escape(message)):
        generate(tmp_path / "landing", **arguments)
    assert not (tmp_path / "landing").exists()
