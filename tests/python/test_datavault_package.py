"""Scenario suite for the Data Vault macro package (packages/datavault).

Why it is built this way: a fresh JVM + metastore costs 10-20 s and every Delta statement 0.5-3 s on a
2-core box, so the suite cannot afford one dbt run per scenario. Instead

1. one session-scoped fixture starts a SparkSession (state in a temp dir, never the project's .lakehouse),
   creates the "given" stage data of *all* scenarios as views over inline VALUES (one view per scenario
   model; a metastore operation, no data written) and the "existing target" tables,
2. runs dbt in-process (``dbtRunner``) once over all scenario models, replaces the views of the two-cycle
   models with their second batch, runs those models again, snapshots every target after each cycle with
   one query, and compiles the argument-error models once,
3. each test (one per scenario) compares its rows with the expected rows, exactly.

Several scenarios share one model: each scenario's business keys are prefixed with its id ("HN01~c1") and
its record sources are "<id>/<source>", so scenarios cannot see each other; a scenario's rows are the
target rows whose record source starts with "<id>/". Expected hash keys and hashdiffs are computed here
with hashlib, independently of the SQL, from how Spark casts each type to STRING.

Run: cd /work/main && PYTHONPATH=src .venv/bin/python -m pytest tests/python/test_datavault_package.py -q -x
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "packages" / "datavault"
PROJECT = PACKAGE / "integration_tests"
FIXTURES = "dv_it_fixtures"
VAULT = "dv_it_vault"

# --------------------------------------------------------------------------------------------------------
# Independent re-implementation of the hashing rules (the oracle)
# --------------------------------------------------------------------------------------------------------


def spark_string(value: Any) -> str:
    """``CAST(value AS STRING)`` as Spark renders it (session time zone UTC)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        text = value.strftime("%Y-%m-%d %H:%M:%S")
        if value.microsecond:
            text += "." + f"{value.microsecond:06d}".rstrip("0")
        return text
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def standardise(value: Any, escape: bool = False) -> str | None:
    """``NULLIF(UPPER(TRIM(CAST(x AS STRING))), '')``; Spark's TRIM removes spaces only."""
    if value is None:
        return None
    text = spark_string(value).strip(" ").upper()
    if text == "":
        return None
    if escape:
        text = text.replace("\\", "\\\\").replace("|", "\\|").replace("^", "\\^")
    return text


def digest(text: str, algorithm: str = "MD5") -> str:
    function = hashlib.md5 if algorithm == "MD5" else hashlib.sha256
    return function(text.encode("utf-8")).hexdigest().upper()


def hash_key(values: list[Any], algorithm: str = "MD5", escape: bool = False) -> str | None:
    parts = [standardise(v, escape) for v in values]
    if all(p is None for p in parts):
        return None
    if len(parts) == 1:
        return digest(parts[0], algorithm)  # type: ignore[arg-type]
    return digest("||".join("^^" if p is None else p for p in parts), algorithm)


def hash_diff(named: dict[str, Any], algorithm: str = "MD5", escape: bool = False) -> str:
    ordered = sorted(named, key=str.lower)
    parts = [standardise(named[c], escape) for c in ordered]
    return digest("||".join("^^" if p is None else p for p in parts), algorithm)


ZERO_KEY = "0" * 32
ERROR_KEY = "F" * 32
BEGIN = "1900-01-01 00:00:00"
END = "9999-12-31 23:59:59.999999"


def T(day: int, hour: int = 0) -> str:
    return f"2024-01-{day:02d} {hour:02d}:00:00"


# --------------------------------------------------------------------------------------------------------
# Scenario vocabulary: markers resolved per scenario (key prefixing, record sources, hashes)
# --------------------------------------------------------------------------------------------------------


def prefix(sid: str, value: Any) -> Any:
    """Namespace a business key value with the scenario id, keeping NULL/blank and outer spaces intact."""
    if value is None or not isinstance(value, str) or value.strip(" ") == "":
        return value
    lead = len(value) - len(value.lstrip(" "))
    return value[:lead] + sid + "~" + value[lead:]


@dataclass(frozen=True)
class K:
    """A business key value as loaded (prefixed with the scenario id)."""

    value: str | None


@dataclass(frozen=True)
class HK:
    """Hash key of business key values (prefixed), e.g. HK('c1') or HK('c1', 'o1')."""

    values: tuple[Any, ...]
    algorithm: str = "MD5"

    def __init__(self, *values: Any, algorithm: str = "MD5") -> None:
        object.__setattr__(self, "values", values)
        object.__setattr__(self, "algorithm", algorithm)


@dataclass(frozen=True)
class LK:
    """Link hash key: hash of [customer_id, order_id] plus the two foreign hash keys."""

    customer: str | None
    order: str | None


@dataclass(frozen=True)
class HD:
    """Hashdiff of the customer payload (name, tier); payload values are not prefixed."""

    name: Any
    tier: Any


@dataclass(frozen=True)
class SRC:
    """Record source '<scenario id>/<value>'."""

    value: str


def resolve(value: Any, sid: str) -> Any:
    if isinstance(value, K):
        return prefix(sid, value.value)
    if isinstance(value, HK):
        return hash_key([prefix(sid, v) for v in value.values], value.algorithm)
    if isinstance(value, HD):
        return hash_diff({"name": value.name, "tier": value.tier})
    if isinstance(value, SRC):
        return f"{sid}/{value.value}"
    return value


KEY_COLUMNS = ("customer_id", "customer_ref", "order_id", "secondary_id")

# Shape of every raw fixture view ("customer" shape) and the spark types they are cast to.
CUSTOMER_SHAPE = [
    ("customer_id", "string"),
    ("customer_ref", "string"),
    ("order_id", "string"),
    ("name", "string"),
    ("tier", "string"),
    ("amount", "decimal(10,2)"),
    ("eff", "timestamp"),
    ("ldts", "timestamp"),
    ("src", "string"),
    ("end_at", "timestamp"),
]


def r(
    c: str | None = None,
    *,
    ref: str | None = None,
    o: str | None = None,
    name: str | None = None,
    tier: str | None = None,
    amount: str | None = None,
    ldts: str = T(1),
    eff: str | None = None,
    src: str = "A",
    end: str | None = None,
) -> dict[str, Any]:
    """One raw stage row (customer shape); eff defaults to ldts; end (end_at) NULL means open."""
    return {
        "customer_id": c,
        "customer_ref": ref,
        "order_id": o,
        "name": name,
        "tier": tier,
        "amount": amount,
        "eff": eff or ldts,
        "ldts": ldts,
        "src": src,
        "end_at": end,
    }


# Output columns per model kind (tuple order of expected rows).
HUB_COLS = ["customer_hk", "customer_id", "load_datetime", "record_source"]
HUB_COMPOSITE_COLS = ["customer_ref_hk", "customer_id", "customer_ref", "load_datetime", "record_source"]
HUB_EXTRA_COLS = ["customer_hk", "customer_id", "customer_ref", "load_datetime", "record_source"]
LINK_COLS = ["customer_order_hk", "customer_hk", "order_hk", "load_datetime", "record_source"]
SAT_COLS = ["customer_hk", "hashdiff", "name", "tier", "effective_from", "load_datetime", "record_source"]
T_LINK_COLS = [
    "customer_order_hk",
    "customer_hk",
    "order_hk",
    "amount",
    "effective_from",
    "load_datetime",
    "record_source",
]
NH_LINK_COLS = ["customer_order_hk", "customer_hk", "order_hk", "amount", "tier", "load_datetime", "record_source"]
REF_COLS = ["customer_id", "name", "tier", "load_datetime", "record_source"]
EFF_COLS = [
    "customer_order_hk",
    "customer_hk",
    "order_hk",
    "start_date",
    "end_date",
    "effective_from",
    "load_datetime",
    "record_source",
]
MA_COLS = [
    "customer_hk",
    "customer_ref",
    "hashdiff",
    "name",
    "tier",
    "effective_from",
    "load_datetime",
    "record_source",
]
XTS_COLS = ["customer_hk", "hashdiff", "satellite_name", "load_datetime", "record_source"]
PIT2_COLS = [
    "customer_hk",
    "as_of_date",
    "sat_pit_name_PK",
    "sat_pit_name_LDTS",
    "sat_pit_tier_PK",
    "sat_pit_tier_LDTS",
]
PIT1_COLS = ["customer_hk", "as_of_date", "sat_pit_name_PK", "sat_pit_name_LDTS"]
BRIDGE1_COLS = [
    "customer_hk",
    "as_of_date",
    "link_customer_order_hk",
    "eff_customer_order_end_date",
    "eff_customer_order_ldts",
]
BRIDGE2_COLS = [*BRIDGE1_COLS, "link_order_product_hk", "eff_order_product_end_date", "eff_order_product_ldts"]

TYPES = {
    "start_date": "timestamp",
    "end_date": "timestamp",
    "customer_hk": "string",
    "customer_id": "string",
    "customer_ref": "string",
    "customer_ref_hk": "string",
    "customer_order_hk": "string",
    "order_hk": "string",
    "hashdiff": "string",
    "name": "string",
    "tier": "string",
    "amount": "decimal(10,2)",
    "effective_from": "timestamp",
    "load_datetime": "timestamp",
    "record_source": "string",
}


@dataclass
class Model:
    """A scenario model: its raw fixture views, output columns, and whether it runs a second cycle."""

    name: str
    columns: list[str]
    raws: list[str] = field(default_factory=list)
    two_cycle: bool = False
    source_column: str | None = "record_source"
    existing_types: dict[str, str] = field(default_factory=dict)
    hex_columns: tuple[str, ...] = ()


def _models() -> dict[str, Model]:
    models: dict[str, Model] = {}

    def add(name: str, cols: list[str], raws: list[str] | None = None, two: bool = False, **kw: Any) -> None:
        models[name] = Model(name, cols, raws if raws is not None else ["raw_" + name], two, **kw)

    add("hub_new", HUB_COLS)
    add("hub_empty", HUB_COLS)
    add("hub_populated", HUB_COLS)
    add("hub_two_cycle", HUB_COLS, two=True)
    add("hub_lookback", HUB_COLS)
    add("hub_composite", HUB_COMPOSITE_COLS)
    add("hub_extra", HUB_EXTRA_COLS)
    add("hub_sha", HUB_COLS)
    add("hub_multi_source", HUB_COLS, ["raw_hub_multi_a", "raw_hub_multi_b"], two=True)
    add("hub_empty_stage", HUB_COLS, two=True)
    add("link_new", LINK_COLS)
    add("link_populated", LINK_COLS)
    add("link_two_cycle", LINK_COLS, two=True)
    add("link_multi_source", LINK_COLS, ["raw_link_multi_a", "raw_link_multi_b"])
    add("sat_new", SAT_COLS)
    add("sat_populated", SAT_COLS)
    add("sat_two_cycle", SAT_COLS, two=True)
    add("sat_lookback", SAT_COLS, two=True)
    add("sat_ghost", SAT_COLS, two=True)
    add("sat_ghost_error", SAT_COLS)
    add("sat_empty_stage", SAT_COLS, two=True)
    add("t_link_two_cycle", T_LINK_COLS, two=True)
    add("nh_link_new", NH_LINK_COLS)
    add("ref_table_two_cycle", REF_COLS, two=True)
    add("eff_sat_auto", EFF_COLS, two=True)
    add("eff_sat_manual", EFF_COLS, two=True)
    add("ma_sat_two_cycle", MA_COLS, two=True)
    add("xts_two_cycle", XTS_COLS, two=True)
    add("hub_pit", HUB_COLS, ["raw_pit", "raw_pit_tier"], two=True)
    add("sat_pit_name", ["customer_hk", "hashdiff", "name", "load_datetime", "record_source"], [], two=True)
    add("sat_pit_tier", ["customer_hk", "hashdiff", "tier", "load_datetime", "record_source"], [], two=True)
    add("pit_two_sats", PIT2_COLS, [], source_column=None)
    add("pit_one_sat_incremental", PIT1_COLS, [], two=True, source_column=None)
    add("hub_bridge", HUB_COLS, ["raw_bridge"])
    add("bridge_one_link", BRIDGE1_COLS, [], source_column=None)
    add("bridge_two_links", BRIDGE2_COLS, [], source_column=None)
    # checks: plain table models over their own fixtures, no record source
    hash_cols = [
        "case_id",
        "h_string",
        "h_int",
        "h_bigint",
        "h_decimal",
        "h_date",
        "h_ts",
        "h_bool",
        "h_pair",
        "h_all",
        "hd_all",
        "hd_single",
        "hd_case",
    ]
    add("hash_md5", hash_cols, [], source_column=None)
    add("hash_sha", hash_cols, [], source_column=None)
    add(
        "hash_binary",
        ["case_id", "h_string", "h_pair", "ghost_key"],
        [],
        source_column=None,
        hex_columns=("h_string", "h_pair", "ghost_key"),
    )
    add("hash_escape", ["case_id", "h_pair", "hd_pair"], [], source_column=None)
    add("hash_escape_off", ["case_id", "h_pair", "hd_pair"], [], source_column=None)
    add(
        "stage_features",
        [
            "customer_id",
            "customer_id_original",
            "first_name",
            "last_name",
            "ldts",
            "record_source",
            "load_datetime",
            "full_name",
            "tier",
            "customer_hk",
            "hashdiff",
            "dv_rank",
        ],
        [],
        source_column=None,
    )
    add("stage_no_source_columns", ["load_datetime", "customer_hk"], [], source_column=None)
    return models


MODELS = _models()


@dataclass
class Scenario:
    """Given stage rows per cycle (and existing target rows); expected target rows after the last cycle.

    given: {cycle: rows} for a single-raw model, or {cycle: {raw_name: rows}}.
    expected / existing / expected_cycle1: tuples in the model's column order, with markers.
    match: extra record source value that belongs to this scenario (e.g. 'SYSTEM' for ghost rows).
    """

    sid: str
    model: str
    title: str
    given: dict[int, Any] = field(default_factory=dict)
    expected: list[tuple[Any, ...]] = field(default_factory=list)
    existing: list[tuple[Any, ...]] = field(default_factory=list)
    expected_cycle1: list[tuple[Any, ...]] | None = None
    match: str | None = None
    keys: list[Any] | None = None  # for outputs without record source: rows whose first column is one of these

    def raw_rows(self, cycle: int) -> dict[str, list[dict[str, Any]]]:
        batch = self.given.get(cycle, [])
        if isinstance(batch, list) and not batch:
            return {}
        if isinstance(batch, list):
            batch = {MODELS[self.model].raws[0]: batch}
        out: dict[str, list[dict[str, Any]]] = {}
        for raw, rows in batch.items():
            out[raw] = [
                {
                    k: (prefix(self.sid, v) if k in KEY_COLUMNS else f"{self.sid}/{v}" if k == "src" else v)
                    for k, v in row.items()
                }
                for row in rows
            ]
        return out

    def resolved(self, rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
        return [tuple(_flatten(resolve(v, self.sid)) for v in row) for row in rows]


def _flatten(value: Any) -> Any:
    return value


SCENARIOS: list[Scenario] = []


def scenario(*args: Any, **kwargs: Any) -> None:
    SCENARIOS.append(Scenario(*args, **kwargs))


def hub_row(c: str, ldts: str, src: str = "A") -> tuple[Any, ...]:
    return (HK(c), K(c), ldts, SRC(src))


def link_row(c: str, o: str, ldts: str, src: str = "A") -> tuple[Any, ...]:
    return (HK(c, o), HK(c), HK(o), ldts, SRC(src))


def sat_row(c: str, name: Any, tier: Any, ldts: str, eff: str | None = None, src: str = "A") -> tuple[Any, ...]:
    return (HK(c), HD(name, tier), name, tier, eff or ldts, ldts, SRC(src))


# ---------------------------------------------------------------------------------------------- hubs
scenario("HN01", "hub_new", "target missing: a single key is inserted", {1: [r("c1")]}, [hub_row("c1", T(1))])
scenario(
    "HN02",
    "hub_new",
    "several keys in one batch",
    {1: [r("c1"), r("c2", ldts=T(2)), r("c3", ldts=T(3))]},
    [hub_row("c1", T(1)), hub_row("c2", T(2)), hub_row("c3", T(3))],
)
scenario(
    "HN03",
    "hub_new",
    "exact duplicates in the stage collapse to one row",
    {1: [r("c1"), r("c1"), r("c1")]},
    [hub_row("c1", T(1))],
)
scenario(
    "HN04",
    "hub_new",
    "earliest load datetime per key wins",
    {1: [r("c1", ldts=T(3)), r("c1", ldts=T(1), src="B"), r("c1", ldts=T(2))]},
    [hub_row("c1", T(1), "B")],
)
scenario(
    "HN05",
    "hub_new",
    "same load datetime: tie broken by record source",
    {1: [r("c1", src="B"), r("c1", src="A"), r("c1", src="C")]},
    [hub_row("c1", T(1), "A")],
)
scenario(
    "HN06",
    "hub_new",
    "same load datetime and source: tie broken by natural key",
    {1: [r("c1"), r("C1")]},
    [(HK("c1"), K("C1"), T(1), SRC("A"))],
)
scenario("HN07", "hub_new", "NULL business key is dropped", {1: [r(None), r("c1")]}, [hub_row("c1", T(1))])
scenario("HN08", "hub_new", "empty-string business key is dropped", {1: [r(""), r("c1")]}, [hub_row("c1", T(1))])
scenario("HN09", "hub_new", "whitespace-only business key is dropped", {1: [r("   "), r("c1")]}, [hub_row("c1", T(1))])
scenario(
    "HN10",
    "hub_new",
    "keys differing only in case and outer spaces are one key",
    {1: [r(" c1 ", ldts=T(1)), r("C1", ldts=T(2))]},
    [(HK("c1"), K(" c1 "), T(1), SRC("A"))],
)
scenario("HN11", "hub_new", "a stage with only NULL keys loads nothing", {1: [r(None), r(None, src="B")]}, [])

scenario(
    "HE01",
    "hub_empty",
    "target empty: keys are inserted",
    {1: [r("c1"), r("c2")]},
    [hub_row("c1", T(1)), hub_row("c2", T(1))],
)
scenario(
    "HE02", "hub_empty", "target empty: duplicates collapse", {1: [r("c1"), r("c1", ldts=T(2))]}, [hub_row("c1", T(1))]
)
scenario("HE03", "hub_empty", "target empty: NULL key dropped", {1: [r(None), r("c1")]}, [hub_row("c1", T(1))])

scenario(
    "HP01",
    "hub_populated",
    "target populated: existing key is not inserted again",
    {1: [r("c1", ldts=T(2))]},
    [hub_row("c1", T(1))],
    existing=[hub_row("c1", T(1))],
)
scenario(
    "HP02",
    "hub_populated",
    "target populated: new key is inserted",
    {1: [r("c1", ldts=T(2)), r("c2", ldts=T(2))]},
    [hub_row("c1", T(1)), hub_row("c2", T(2))],
    existing=[hub_row("c1", T(1))],
)
scenario(
    "HP03",
    "hub_populated",
    "key already loaded from another record source is not inserted",
    {1: [r("c1", ldts=T(2), src="B")]},
    [hub_row("c1", T(1))],
    existing=[hub_row("c1", T(1))],
)
scenario(
    "HP04",
    "hub_populated",
    "rows at or below the record source's high-water mark are not read (look-back 0)",
    {1: [r("c2", ldts=T(3)), r("c3", ldts=T(5))]},
    [hub_row("c1", T(5))],
    existing=[hub_row("c1", T(5))],
)
scenario(
    "HP05",
    "hub_populated",
    "another record source's high-water mark does not filter",
    {1: [r("c2", ldts=T(3), src="B")]},
    [hub_row("c1", T(5)), hub_row("c2", T(3), "B")],
    existing=[hub_row("c1", T(5))],
)

scenario(
    "HL01",
    "hub_lookback",
    "look-back 2 days: late key inside the window is loaded",
    {1: [r("c2", ldts=T(4))]},
    [hub_row("c1", T(5)), hub_row("c2", T(4))],
    existing=[hub_row("c1", T(5))],
)
scenario(
    "HL02",
    "hub_lookback",
    "look-back 2 days: late key outside the window is not read",
    {1: [r("c2", ldts=T(2))]},
    [hub_row("c1", T(5))],
    existing=[hub_row("c1", T(5))],
)
scenario(
    "HL03",
    "hub_lookback",
    "look-back 2 days: re-read existing key is not duplicated",
    {1: [r("c1", ldts=T(4)), r("c1", ldts=T(5))]},
    [hub_row("c1", T(5))],
    existing=[hub_row("c1", T(5))],
)

scenario(
    "H2C01",
    "hub_two_cycle",
    "second cycle adds new keys",
    {1: [r("c1")], 2: [r("c2", ldts=T(2))]},
    [hub_row("c1", T(1)), hub_row("c2", T(2))],
    expected_cycle1=[hub_row("c1", T(1))],
)
scenario(
    "H2C02",
    "hub_two_cycle",
    "idempotent: the same load twice inserts nothing",
    {1: [r("c1"), r("c2")], 2: [r("c1"), r("c2")]},
    [hub_row("c1", T(1)), hub_row("c2", T(1))],
)
scenario(
    "H2C03",
    "hub_two_cycle",
    "re-sent key with a later load datetime is ignored",
    {1: [r("c1")], 2: [r("c1", ldts=T(3))]},
    [hub_row("c1", T(1))],
)
scenario(
    "H2C04",
    "hub_two_cycle",
    "second cycle re-reads history plus new keys",
    {1: [r("c1")], 2: [r("c1"), r("c2", ldts=T(2))]},
    [hub_row("c1", T(1)), hub_row("c2", T(2))],
)
scenario("H2C05", "hub_two_cycle", "empty second batch changes nothing", {1: [r("c1")], 2: []}, [hub_row("c1", T(1))])

scenario(
    "HC01",
    "hub_composite",
    "composite key: both components hashed with '||'",
    {1: [r("c1", ref="r1")]},
    [(HK("c1", "r1"), K("c1"), K("r1"), T(1), SRC("A"))],
)
scenario(
    "HC02",
    "hub_composite",
    "composite key: one NULL component is kept as '^^'",
    {1: [r("c1", ref=None)]},
    [(HK("c1", None), K("c1"), None, T(1), SRC("A"))],
)
scenario(
    "HC03",
    "hub_composite",
    "composite key: all components NULL is dropped",
    {1: [r(None, ref=None), r("c2", ref="r2")]},
    [(HK("c2", "r2"), K("c2"), K("r2"), T(1), SRC("A"))],
)
scenario(
    "HC04",
    "hub_composite",
    "composite key: empty and blank components count as NULL",
    {1: [r("", ref="  "), r("c3", ref="")]},
    [(HK("c3", None), K("c3"), "", T(1), SRC("A"))],
)
scenario(
    "HC05",
    "hub_composite",
    "composite key: component order matters",
    {1: [r("a", ref="b"), r("b", ref="a")]},
    [(HK("a", "b"), K("a"), K("b"), T(1), SRC("A")), (HK("b", "a"), K("b"), K("a"), T(1), SRC("A"))],
)

scenario(
    "HX01",
    "hub_extra",
    "extra columns come from the winning (earliest) row",
    {1: [r("c1", ref="late", ldts=T(2)), r("c1", ref="first", ldts=T(1))]},
    [(HK("c1"), K("c1"), K("first"), T(1), SRC("A"))],
)

scenario(
    "HS01",
    "hub_sha",
    "SHA-256 variant hashes keys with sha2(..., 256)",
    {1: [r("c1")]},
    [(HK("c1", algorithm="SHA"), K("c1"), T(1), SRC("A"))],
)
scenario(
    "HS02",
    "hub_sha",
    "SHA-256 variant: NULL keys still dropped, duplicates collapse",
    {1: [r(None), r("c2"), r("c2")]},
    [(HK("c2", algorithm="SHA"), K("c2"), T(1), SRC("A"))],
)

scenario(
    "HM01",
    "hub_multi_source",
    "several sources: earliest sighting across sources wins",
    {1: {"raw_hub_multi_a": [r("c1", ldts=T(2), src="A")], "raw_hub_multi_b": [r("c1", ldts=T(1), src="B")]}},
    [hub_row("c1", T(1), "B")],
)
scenario(
    "HM02",
    "hub_multi_source",
    "several sources: tie on load datetime broken by record source",
    {1: {"raw_hub_multi_a": [r("c1", src="B")], "raw_hub_multi_b": [r("c1", src="A")]}},
    [hub_row("c1", T(1), "A")],
)
scenario(
    "HM03",
    "hub_multi_source",
    "several sources: distinct keys from each source",
    {1: {"raw_hub_multi_a": [r("c1")], "raw_hub_multi_b": [r("c2", src="B")]}},
    [hub_row("c1", T(1)), hub_row("c2", T(1), "B")],
)
scenario(
    "HM04",
    "hub_multi_source",
    "several sources, second cycle: only one source delivers",
    {
        1: {"raw_hub_multi_a": [r("c1")], "raw_hub_multi_b": []},
        2: {"raw_hub_multi_a": [], "raw_hub_multi_b": [r("c1", ldts=T(2), src="B"), r("c3", ldts=T(2), src="B")]},
    },
    [hub_row("c1", T(1)), hub_row("c3", T(2), "B")],
)

scenario(
    "HES01",
    "hub_empty_stage",
    "empty stage creates an empty hub; the next batch loads",
    {1: [], 2: [r("c1", ldts=T(2))]},
    [hub_row("c1", T(2))],
    expected_cycle1=[],
)

# ---------------------------------------------------------------------------------------------- links
scenario(
    "LN01",
    "link_new",
    "a new link is inserted with its foreign hash keys",
    {1: [r("c1", o="o1")]},
    [link_row("c1", "o1", T(1))],
)
scenario(
    "LN02", "link_new", "duplicates collapse", {1: [r("c1", o="o1"), r("c1", o="o1")]}, [link_row("c1", "o1", T(1))]
)
scenario(
    "LN03",
    "link_new",
    "a NULL foreign key drops the row",
    {1: [r(None, o="o1"), r("c1", o=None), r("c2", o="o2")]},
    [link_row("c2", "o2", T(1))],
)
scenario("LN04", "link_new", "all keys NULL drops the row", {1: [r(None, o=None)]}, [])
scenario(
    "LN05",
    "link_new",
    "earliest load wins, ties broken by record source",
    {1: [r("c1", o="o1", ldts=T(2)), r("c1", o="o1", src="B"), r("c1", o="o1", src="A", ldts=T(1))]},
    [link_row("c1", "o1", T(1), "A")],
)
scenario(
    "LN06",
    "link_new",
    "one customer, several orders: one link each",
    {1: [r("c1", o="o1"), r("c1", o="o2")]},
    [link_row("c1", "o1", T(1)), link_row("c1", "o2", T(1))],
)
scenario(
    "LP01",
    "link_populated",
    "target populated: existing link not inserted again",
    {1: [r("c1", o="o1", ldts=T(2))]},
    [link_row("c1", "o1", T(1))],
    existing=[link_row("c1", "o1", T(1))],
)
scenario(
    "LP02",
    "link_populated",
    "target populated: new link inserted",
    {1: [r("c1", o="o2", ldts=T(2))]},
    [link_row("c1", "o1", T(1)), link_row("c1", "o2", T(2))],
    existing=[link_row("c1", "o1", T(1))],
)
scenario(
    "L2C01",
    "link_two_cycle",
    "idempotent: the same load twice",
    {1: [r("c1", o="o1")], 2: [r("c1", o="o1")]},
    [link_row("c1", "o1", T(1))],
)
scenario(
    "L2C02",
    "link_two_cycle",
    "second cycle: new relationship for known hub keys",
    {1: [r("c1", o="o1")], 2: [r("c1", o="o2", ldts=T(2))]},
    [link_row("c1", "o1", T(1)), link_row("c1", "o2", T(2))],
    expected_cycle1=[link_row("c1", "o1", T(1))],
)
scenario(
    "LM01",
    "link_multi_source",
    "several sources: earliest sighting wins",
    {1: {"raw_link_multi_a": [r("c1", o="o1", ldts=T(3))], "raw_link_multi_b": [r("c1", o="o1", ldts=T(2), src="B")]}},
    [link_row("c1", "o1", T(2), "B")],
)
scenario(
    "LM02",
    "link_multi_source",
    "several sources: distinct links unioned",
    {1: {"raw_link_multi_a": [r("c1", o="o1")], "raw_link_multi_b": [r("c2", o="o1", src="B")]}},
    [link_row("c1", "o1", T(1)), link_row("c2", "o1", T(1), "B")],
)

# ---------------------------------------------------------------------------------------------- satellites
scenario(
    "SN01",
    "sat_new",
    "first version of a key is inserted",
    {1: [r("c1", name="Ann", tier="gold")]},
    [sat_row("c1", "Ann", "gold", T(1))],
)
scenario(
    "SN02",
    "sat_new",
    "two changes in one batch are both kept",
    {1: [r("c1", name="Ann", tier="gold"), r("c1", name="Ann", tier="silver", ldts=T(2))]},
    [sat_row("c1", "Ann", "gold", T(1)), sat_row("c1", "Ann", "silver", T(2))],
)
scenario(
    "SN03",
    "sat_new",
    "A -> B -> A in one batch keeps three rows",
    {1: [r("c1", name="A", ldts=T(1)), r("c1", name="B", ldts=T(2)), r("c1", name="A", ldts=T(3))]},
    [sat_row("c1", "A", None, T(1)), sat_row("c1", "B", None, T(2)), sat_row("c1", "A", None, T(3))],
)
scenario(
    "SN04",
    "sat_new",
    "exact duplicates collapse",
    {1: [r("c1", name="A"), r("c1", name="A"), r("c1", name="A")]},
    [sat_row("c1", "A", None, T(1))],
)
scenario(
    "SN05",
    "sat_new",
    "unchanged rows at later load datetimes collapse into the first",
    {1: [r("c1", name="A", ldts=T(1)), r("c1", name="A", ldts=T(2)), r("c1", name="A", ldts=T(3))]},
    [sat_row("c1", "A", None, T(1))],
)
scenario(
    "SN06",
    "sat_new",
    "same key and load datetime: rows ordered by src_eff (A, B, A kept)",
    {1: [r("c1", name="A", eff=T(1, 3)), r("c1", name="A", eff=T(1, 1)), r("c1", name="B", eff=T(1, 2))]},
    [
        sat_row("c1", "A", None, T(1), T(1, 1)),
        sat_row("c1", "B", None, T(1), T(1, 2)),
        sat_row("c1", "A", None, T(1), T(1, 3)),
    ],
)
scenario(
    "SN07",
    "sat_new",
    "same key, load datetime and src_eff, different hashdiff: both kept (AutomateDV #233)",
    {1: [r("c1", name="B"), r("c1", name="A")]},
    [sat_row("c1", "A", None, T(1)), sat_row("c1", "B", None, T(1))],
)
scenario(
    "SN08",
    "sat_new",
    "out-of-order src_eff within one batch is put in order first (AutomateDV #253)",
    {1: [r("c1", name="B", eff=T(1, 3)), r("c1", name="A", eff=T(1, 1)), r("c1", name="A", eff=T(1, 2))]},
    [sat_row("c1", "A", None, T(1), T(1, 1)), sat_row("c1", "B", None, T(1), T(1, 3))],
)
scenario(
    "SN09",
    "sat_new",
    "all-NULL payload: hashdiff is the hash of '^^||^^', row kept",
    {1: [r("c1")]},
    [(HK("c1"), digest("^^||^^"), None, None, T(1), T(1), SRC("A"))],
)
scenario(
    "SN10",
    "sat_new",
    "NULL payload repeated collapses; NULL -> value is a change",
    {1: [r("c1", ldts=T(1)), r("c1", ldts=T(2)), r("c1", name="A", ldts=T(3))]},
    [sat_row("c1", None, None, T(1)), sat_row("c1", "A", None, T(3))],
)
scenario(
    "SN11",
    "sat_new",
    "NULL key dropped",
    {1: [r(None, name="A"), r("", name="B"), r("c1", name="C")]},
    [sat_row("c1", "C", None, T(1))],
)
scenario(
    "SN12",
    "sat_new",
    "case/space-only payload difference is not a change (standardised hashdiff)",
    {1: [r("c1", name="ann", ldts=T(1)), r("c1", name=" ANN ", ldts=T(2))]},
    [sat_row("c1", "ann", None, T(1))],
)
scenario(
    "SN13",
    "sat_new",
    "several keys are independent",
    {1: [r("c1", name="A"), r("c2", name="A"), r("c2", name="B", ldts=T(2))]},
    [sat_row("c1", "A", None, T(1)), sat_row("c2", "A", None, T(1)), sat_row("c2", "B", None, T(2))],
)
scenario(
    "SN14",
    "sat_new",
    "NULL in one payload column vs value in the other are different hashdiffs",
    {1: [r("c1", name="X", tier=None, ldts=T(1)), r("c1", name=None, tier="X", ldts=T(2))]},
    [sat_row("c1", "X", None, T(1)), sat_row("c1", None, "X", T(2))],
)

scenario(
    "SP01",
    "sat_populated",
    "unchanged versus the latest target row: nothing inserted",
    {1: [r("c1", name="A", ldts=T(2))]},
    [sat_row("c1", "A", None, T(1))],
    existing=[sat_row("c1", "A", None, T(1))],
)
scenario(
    "SP02",
    "sat_populated",
    "changed versus the latest target row: inserted",
    {1: [r("c1", name="B", ldts=T(2))]},
    [sat_row("c1", "A", None, T(1)), sat_row("c1", "B", None, T(2))],
    existing=[sat_row("c1", "A", None, T(1))],
)
scenario(
    "SP03",
    "sat_populated",
    "change back to an earlier version is a change",
    {1: [r("c1", name="A", ldts=T(3))]},
    [sat_row("c1", "A", None, T(1)), sat_row("c1", "B", None, T(2)), sat_row("c1", "A", None, T(3))],
    existing=[sat_row("c1", "A", None, T(1)), sat_row("c1", "B", None, T(2))],
)
scenario(
    "SP04",
    "sat_populated",
    "compared with the latest target row, not the earliest",
    {1: [r("c1", name="B", ldts=T(3))]},
    [sat_row("c1", "A", None, T(1)), sat_row("c1", "B", None, T(2))],
    existing=[sat_row("c1", "A", None, T(1)), sat_row("c1", "B", None, T(2))],
)
scenario(
    "SP05",
    "sat_populated",
    "rows at or below the high-water mark are not read (look-back 0)",
    {1: [r("c1", name="B", ldts=T(3))]},
    [sat_row("c1", "A", None, T(5))],
    existing=[sat_row("c1", "A", None, T(5))],
)
scenario(
    "SP06",
    "sat_populated",
    "new key inserted next to existing ones",
    {1: [r("c2", name="A", ldts=T(2))]},
    [sat_row("c1", "A", None, T(1)), sat_row("c2", "A", None, T(2))],
    existing=[sat_row("c1", "A", None, T(1))],
)
scenario(
    "SP07",
    "sat_populated",
    "several changes after the target's latest row are all kept in order",
    {1: [r("c1", name="B", ldts=T(2)), r("c1", name="B", ldts=T(3)), r("c1", name="A", ldts=T(4))]},
    [sat_row("c1", "A", None, T(1)), sat_row("c1", "B", None, T(2)), sat_row("c1", "A", None, T(4))],
    existing=[sat_row("c1", "A", None, T(1))],
)

scenario(
    "S2C01",
    "sat_two_cycle",
    "change across cycles inserts the new version",
    {1: [r("c1", name="A")], 2: [r("c1", name="B", ldts=T(2))]},
    [sat_row("c1", "A", None, T(1)), sat_row("c1", "B", None, T(2))],
    expected_cycle1=[sat_row("c1", "A", None, T(1))],
)
scenario(
    "S2C02",
    "sat_two_cycle",
    "no change across cycles inserts nothing",
    {1: [r("c1", name="A")], 2: [r("c1", name="A", ldts=T(2))]},
    [sat_row("c1", "A", None, T(1))],
)
scenario(
    "S2C03",
    "sat_two_cycle",
    "idempotent: the same load twice",
    {1: [r("c1", name="A"), r("c1", name="B", ldts=T(2))], 2: [r("c1", name="A"), r("c1", name="B", ldts=T(2))]},
    [sat_row("c1", "A", None, T(1)), sat_row("c1", "B", None, T(2))],
)
scenario(
    "S2C04",
    "sat_two_cycle",
    "A -> B in cycle 1, back to A in cycle 2",
    {1: [r("c1", name="A"), r("c1", name="B", ldts=T(2))], 2: [r("c1", name="A", ldts=T(3))]},
    [sat_row("c1", "A", None, T(1)), sat_row("c1", "B", None, T(2)), sat_row("c1", "A", None, T(3))],
)
scenario(
    "S2C05",
    "sat_two_cycle",
    "cycle 2 re-reads history plus a new change",
    {1: [r("c1", name="A")], 2: [r("c1", name="A"), r("c1", name="B", ldts=T(2))]},
    [sat_row("c1", "A", None, T(1)), sat_row("c1", "B", None, T(2))],
)

scenario(
    "SL01",
    "sat_lookback",
    "look-back 3 days: re-read rows are not duplicated",
    {
        1: [r("c1", name="A", ldts=T(1)), r("c1", name="B", ldts=T(2))],
        2: [r("c1", name="A", ldts=T(1)), r("c1", name="B", ldts=T(2)), r("c1", name="C", ldts=T(3))],
    },
    [sat_row("c1", "A", None, T(1)), sat_row("c1", "B", None, T(2)), sat_row("c1", "C", None, T(3))],
)
scenario(
    "SL02",
    "sat_lookback",
    "look-back: a row collapsed in cycle 1 stays collapsed when re-read",
    {
        1: [r("c1", name="A", ldts=T(1)), r("c1", name="A", ldts=T(2)), r("c1", name="B", ldts=T(3))],
        2: [r("c1", name="A", ldts=T(1)), r("c1", name="A", ldts=T(2)), r("c1", name="B", ldts=T(3))],
    },
    [sat_row("c1", "A", None, T(1)), sat_row("c1", "B", None, T(3))],
)
scenario(
    "SL03",
    "sat_lookback",
    "look-back: a late row inside the window is inserted",
    {1: [r("c1", name="A", ldts=T(3))], 2: [r("c1", name="B", ldts=T(2))]},
    [sat_row("c1", "A", None, T(3)), sat_row("c1", "B", None, T(2))],
)
scenario(
    "SL04",
    "sat_lookback",
    "look-back: a late row outside the window is not read",
    {1: [r("c1", name="A", ldts=T(5))], 2: [r("c1", name="B", ldts=T(1))]},
    [sat_row("c1", "A", None, T(5))],
)

GHOST_SAT_ROW = (ZERO_KEY, ZERO_KEY, None, None, None, BEGIN, "SYSTEM")
ERROR_SAT_ROW = (ERROR_KEY, ERROR_KEY, None, None, None, BEGIN, "SYSTEM")
scenario(
    "SG01",
    "sat_ghost",
    "ghost record: inserted when the satellite is created",
    {1: [r("c1", name="A")]},
    [sat_row("c1", "A", None, T(1)), GHOST_SAT_ROW],
    match="SYSTEM",
    expected_cycle1=[sat_row("c1", "A", None, T(1)), GHOST_SAT_ROW],
)
scenario(
    "SG02",
    "sat_ghost",
    "ghost record: already present, not inserted again on the next load",
    {1: [r("c2", name="A")], 2: [r("c2", name="B", ldts=T(2))]},
    [sat_row("c2", "A", None, T(1)), sat_row("c2", "B", None, T(2)), GHOST_SAT_ROW],
    match="SYSTEM",
)
scenario(
    "SG03",
    "sat_ghost_error",
    "ghost + error records added to an existing satellite that lacks them",
    {1: [r("c1", name="B", ldts=T(2))]},
    [sat_row("c1", "A", None, T(1)), sat_row("c1", "B", None, T(2)), GHOST_SAT_ROW, ERROR_SAT_ROW],
    existing=[sat_row("c1", "A", None, T(1))],
    match="SYSTEM",
)
scenario(
    "SES01",
    "sat_empty_stage",
    "empty stage creates an empty satellite; the next batch loads",
    {1: [], 2: [r("c1", name="A", ldts=T(2))]},
    [sat_row("c1", "A", None, T(2))],
    expected_cycle1=[],
)


# ---------------------------------------------------------------------------------------------- t_link / nh_link
def t_link_row(c: str, o: str, amount: str, ldts: str, eff: str | None = None, src: str = "A") -> tuple[Any, ...]:
    return (HK(c, o), HK(c), HK(o), amount, eff or ldts, ldts, SRC(src))


scenario(
    "TL01",
    "t_link_two_cycle",
    "each transaction is recorded once (duplicates collapse)",
    {1: [r("c1", o="o1", amount="10.50"), r("c1", o="o1", amount="10.50")]},
    [t_link_row("c1", "o1", "10.50", T(1))],
)
scenario(
    "TL02",
    "t_link_two_cycle",
    "a re-sent transaction in the next cycle is ignored, even with another payload",
    {1: [r("c1", o="o1", amount="10.50")], 2: [r("c1", o="o1", amount="99.00", ldts=T(2))]},
    [t_link_row("c1", "o1", "10.50", T(1))],
)
scenario(
    "TL03",
    "t_link_two_cycle",
    "NULL foreign key dropped",
    {1: [r(None, o="o1", amount="1.00"), r("c1", o=None, amount="1.00")]},
    [],
)
scenario(
    "TL04",
    "t_link_two_cycle",
    "new transaction in the next cycle appended",
    {1: [r("c1", o="o1", amount="1.00")], 2: [r("c1", o="o2", amount="2.00", ldts=T(2))]},
    [t_link_row("c1", "o1", "1.00", T(1)), t_link_row("c1", "o2", "2.00", T(2))],
)
scenario(
    "NH01",
    "nh_link_new",
    "nh_link: payload columns carried, earliest row wins",
    {1: [r("c1", o="o1", amount="5.00", tier="gold", ldts=T(2)), r("c1", o="o1", amount="4.00", tier="x", ldts=T(1))]},
    [(HK("c1", "o1"), HK("c1"), HK("o1"), "4.00", "x", T(1), SRC("A"))],
)

# ---------------------------------------------------------------------------------------------- ref_table
scenario(
    "RT01",
    "ref_table_two_cycle",
    "reference codes loaded once with their attributes",
    {1: [r("de", name="Germany", tier="eu"), r("de", name="Germany", tier="eu")]},
    [(K("de"), "Germany", "eu", T(1), SRC("A"))],
)
scenario(
    "RT02",
    "ref_table_two_cycle",
    "re-sent code in the next cycle is ignored",
    {1: [r("at", name="Austria")], 2: [r("at", name="Österreich", ldts=T(2)), r("ch", name="Switzerland", ldts=T(2))]},
    [(K("at"), "Austria", None, T(1), SRC("A")), (K("ch"), "Switzerland", None, T(2), SRC("A"))],
)
scenario("RT03", "ref_table_two_cycle", "NULL code dropped", {1: [r(None, name="nothing")]}, [])


# ---------------------------------------------------------------------------------------------- eff_sat
def eff_row(c: str, o: str, start: str, end: str, ldts: str, eff: str | None = None, src: str = "A") -> tuple[Any, ...]:
    return (HK(c, o), HK(c), HK(o), start, end, eff or ldts, ldts, SRC(src))


def opened(c: str, o: str, at: str) -> tuple[Any, ...]:
    return eff_row(c, o, at, END, at)


def closed(c: str, o: str, start: str, at: str) -> tuple[Any, ...]:
    return eff_row(c, o, start, at, at)


scenario(
    "EA01",
    "eff_sat_auto",
    "auto end-dating: a new relationship is opened",
    {1: [r("c1", o="o1")]},
    [opened("c1", "o1", T(1))],
)
scenario(
    "EA02",
    "eff_sat_auto",
    "auto end-dating: driving key moves -> old link closed, new link opened",
    {1: [r("c1", o="o1"), r("c1", o="o2", ldts=T(2))]},
    [opened("c1", "o1", T(1)), closed("c1", "o1", T(1), T(2)), opened("c1", "o2", T(2))],
)
scenario(
    "EA03",
    "eff_sat_auto",
    "auto end-dating: change and change back in one batch",
    {1: [r("c1", o="o1"), r("c1", o="o2", ldts=T(2)), r("c1", o="o1", ldts=T(3))]},
    [
        opened("c1", "o1", T(1)),
        closed("c1", "o1", T(1), T(2)),
        opened("c1", "o2", T(2)),
        closed("c1", "o2", T(2), T(3)),
        opened("c1", "o1", T(3)),
    ],
)
scenario(
    "EA04",
    "eff_sat_auto",
    "auto end-dating: repeated sightings of the open link collapse",
    {1: [r("c1", o="o1"), r("c1", o="o1", ldts=T(2))]},
    [opened("c1", "o1", T(1))],
)
scenario(
    "EA05",
    "eff_sat_auto",
    "auto end-dating: re-running the same load inserts nothing (AutomateDV #231)",
    {1: [r("c1", o="o1"), r("c1", o="o2", ldts=T(2))], 2: [r("c1", o="o1"), r("c1", o="o2", ldts=T(2))]},
    [opened("c1", "o1", T(1)), closed("c1", "o1", T(1), T(2)), opened("c1", "o2", T(2))],
)
scenario(
    "EA06",
    "eff_sat_auto",
    "auto end-dating: change in the next cycle closes the target's open link",
    {1: [r("c1", o="o1")], 2: [r("c1", o="o2", ldts=T(3))]},
    [opened("c1", "o1", T(1)), closed("c1", "o1", T(1), T(3)), opened("c1", "o2", T(3))],
    expected_cycle1=[opened("c1", "o1", T(1))],
)
scenario(
    "EA07",
    "eff_sat_auto",
    "auto end-dating: change back in the next cycle",
    {1: [r("c1", o="o1"), r("c1", o="o2", ldts=T(2))], 2: [r("c1", o="o1", ldts=T(3))]},
    [
        opened("c1", "o1", T(1)),
        closed("c1", "o1", T(1), T(2)),
        opened("c1", "o2", T(2)),
        closed("c1", "o2", T(2), T(3)),
        opened("c1", "o1", T(3)),
    ],
)
scenario(
    "EA08",
    "eff_sat_auto",
    "auto end-dating: driving keys are independent",
    {1: [r("c1", o="o1"), r("c2", o="o1")]},
    [opened("c1", "o1", T(1)), opened("c2", "o1", T(1))],
)
scenario(
    "EA09",
    "eff_sat_auto",
    "auto end-dating: sighting the open link again next cycle changes nothing",
    {1: [r("c1", o="o1")], 2: [r("c1", o="o1", ldts=T(2))]},
    [opened("c1", "o1", T(1))],
)

scenario(
    "EM01",
    "eff_sat_manual",
    "no auto end-dating: open relationship inserted with the stage dates",
    {1: [r("c1", o="o1")]},
    [opened("c1", "o1", T(1))],
)
scenario(
    "EM02",
    "eff_sat_manual",
    "no auto end-dating: the source end-dates the relationship",
    {1: [r("c1", o="o1")], 2: [r("c1", o="o1", eff=T(1), end=T(3), ldts=T(3))]},
    [opened("c1", "o1", T(1)), eff_row("c1", "o1", T(1), T(3), T(3), eff=T(1))],
)
scenario(
    "EM03",
    "eff_sat_manual",
    "no auto end-dating: unchanged re-send inserts nothing",
    {1: [r("c1", o="o1")], 2: [r("c1", o="o1", eff=T(1), ldts=T(2))]},
    [opened("c1", "o1", T(1))],
)
scenario(
    "EM04",
    "eff_sat_manual",
    "no auto end-dating: reopened after an end",
    {1: [r("c1", o="o1"), r("c1", o="o1", eff=T(1), end=T(2), ldts=T(2))], 2: [r("c1", o="o1", ldts=T(3))]},
    [opened("c1", "o1", T(1)), eff_row("c1", "o1", T(1), T(2), T(2), eff=T(1)), opened("c1", "o1", T(3))],
)
scenario(
    "EM05",
    "eff_sat_manual",
    "no auto end-dating: other links of the driving key are not closed",
    {1: [r("c1", o="o1"), r("c1", o="o2", ldts=T(2))]},
    [opened("c1", "o1", T(1)), opened("c1", "o2", T(2))],
)


# ---------------------------------------------------------------------------------------------- ma_sat
def ma_row(c: str, cdk: str, name: str, ldts: str) -> tuple[Any, ...]:
    return (HK(c), K(cdk), HD(name, None), name, None, ldts, ldts, SRC("A"))


scenario(
    "MA01",
    "ma_sat_two_cycle",
    "multi-active: the first set is inserted whole",
    {1: [r("c1", ref="r1", name="A"), r("c1", ref="r2", name="B")]},
    [ma_row("c1", "r1", "A", T(1)), ma_row("c1", "r2", "B", T(1))],
)
scenario(
    "MA02",
    "ma_sat_two_cycle",
    "multi-active: the same set again (other order) inserts nothing",
    {
        1: [
            r("c1", ref="r1", name="A"),
            r("c1", ref="r2", name="B"),
            r("c1", ref="r2", name="B", ldts=T(2)),
            r("c1", ref="r1", name="A", ldts=T(2)),
        ]
    },
    [ma_row("c1", "r1", "A", T(1)), ma_row("c1", "r2", "B", T(1))],
)
scenario(
    "MA03",
    "ma_sat_two_cycle",
    "multi-active: set grows -> the new set is inserted",
    {1: [r("c1", ref="r1", name="A"), r("c1", ref="r1", name="A", ldts=T(2)), r("c1", ref="r2", name="B", ldts=T(2))]},
    [ma_row("c1", "r1", "A", T(1)), ma_row("c1", "r1", "A", T(2)), ma_row("c1", "r2", "B", T(2))],
)
scenario(
    "MA04",
    "ma_sat_two_cycle",
    "multi-active: set shrinks -> the new set is inserted",
    {1: [r("c1", ref="r1", name="A"), r("c1", ref="r2", name="B"), r("c1", ref="r1", name="A", ldts=T(2))]},
    [ma_row("c1", "r1", "A", T(1)), ma_row("c1", "r2", "B", T(1)), ma_row("c1", "r1", "A", T(2))],
)
scenario(
    "MA05",
    "ma_sat_two_cycle",
    "multi-active: one member changes -> the whole new set is inserted",
    {
        1: [
            r("c1", ref="r1", name="A"),
            r("c1", ref="r2", name="B"),
            r("c1", ref="r1", name="A", ldts=T(2)),
            r("c1", ref="r2", name="C", ldts=T(2)),
        ]
    },
    [
        ma_row("c1", "r1", "A", T(1)),
        ma_row("c1", "r2", "B", T(1)),
        ma_row("c1", "r1", "A", T(2)),
        ma_row("c1", "r2", "C", T(2)),
    ],
)
scenario(
    "MA06",
    "ma_sat_two_cycle",
    "multi-active: unchanged set in the next cycle inserts nothing",
    {1: [r("c1", ref="r1", name="A")], 2: [r("c1", ref="r1", name="A", ldts=T(2))]},
    [ma_row("c1", "r1", "A", T(1))],
)
scenario(
    "MA07",
    "ma_sat_two_cycle",
    "multi-active: changed set in the next cycle is inserted",
    {1: [r("c1", ref="r1", name="A")], 2: [r("c1", ref="r1", name="B", ldts=T(2))]},
    [ma_row("c1", "r1", "A", T(1)), ma_row("c1", "r1", "B", T(2))],
    expected_cycle1=[ma_row("c1", "r1", "A", T(1))],
)
scenario(
    "MA08",
    "ma_sat_two_cycle",
    "multi-active: duplicate members collapse",
    {1: [r("c1", ref="r1", name="A"), r("c1", ref="r1", name="A")]},
    [ma_row("c1", "r1", "A", T(1))],
)
scenario(
    "MA09",
    "ma_sat_two_cycle",
    "multi-active: several versions in one batch, changing back",
    {1: [r("c1", ref="r1", name="A"), r("c1", ref="r1", name="B", ldts=T(2)), r("c1", ref="r1", name="A", ldts=T(3))]},
    [ma_row("c1", "r1", "A", T(1)), ma_row("c1", "r1", "B", T(2)), ma_row("c1", "r1", "A", T(3))],
)
scenario(
    "MA10",
    "ma_sat_two_cycle",
    "multi-active: idempotent re-run of the same batch",
    {
        1: [r("c1", ref="r1", name="A"), r("c1", ref="r2", name="B")],
        2: [r("c1", ref="r1", name="A"), r("c1", ref="r2", name="B")],
    },
    [ma_row("c1", "r1", "A", T(1)), ma_row("c1", "r2", "B", T(1))],
)


# ---------------------------------------------------------------------------------------------- xts
def xts_rows(c: str, name: str, tier: str, ldts: str) -> list[tuple[Any, ...]]:
    return [
        (HK(c), HD(name, tier), "sat_customer", ldts, SRC("A")),
        (HK(c), hash_diff({"tier": tier}), "sat_customer_tier", ldts, SRC("A")),
    ]


scenario(
    "XT01",
    "xts_two_cycle",
    "xts: each satellite's hashdiff is recorded per load",
    {1: [r("c1", name="A", tier="gold")]},
    xts_rows("c1", "A", "gold", T(1)),
)
scenario(
    "XT02",
    "xts_two_cycle",
    "xts: an unchanged version received again is recorded again",
    {1: [r("c1", name="A", tier="gold"), r("c1", name="A", tier="gold", ldts=T(2))]},
    xts_rows("c1", "A", "gold", T(1)) + xts_rows("c1", "A", "gold", T(2)),
)
scenario(
    "XT03",
    "xts_two_cycle",
    "xts: duplicates collapse and a re-run inserts nothing",
    {1: [r("c1", name="A", tier="gold"), r("c1", name="A", tier="gold")], 2: [r("c1", name="A", tier="gold")]},
    xts_rows("c1", "A", "gold", T(1)),
)


# ---------------------------------------------------------------------------------------------- pit
AS_OF_1 = [T(1), T(2), T(3), T(5), T(7)]
AS_OF_2 = [*AS_OF_1, T(9)]


def pit_rows(
    c: str, name_versions: dict[str, str | None], tier_versions: dict[str, str | None] | None, as_of: list[str]
) -> list[tuple[Any, ...]]:
    """Expected PIT rows: per as-of date the latest version at or before it (ghost when none)."""

    def pointer(versions: dict[str, str | None]) -> tuple[Any, Any]:
        valid = [ldts for ldts in versions if ldts <= day]
        return (HK(c), max(valid)) if valid else (ZERO_KEY, BEGIN)

    rows = []
    for day in as_of:
        row: tuple[Any, ...] = (HK(c), day, *pointer(name_versions))
        if tier_versions is not None:
            row += pointer(tier_versions)
        rows.append(row)
    return rows


def pit_given(c: str, names: dict[str, str], tiers: dict[str, str]) -> dict[str, list[dict[str, Any]]]:
    return {
        "raw_pit": [r(c, name=v, ldts=k) for k, v in names.items()],
        "raw_pit_tier": [r(c, tier=v, ldts=k) for k, v in tiers.items()],
    }


scenario(
    "PT01",
    "pit_two_sats",
    "PIT: as-of before any load -> ghost; at/after a load -> that version",
    {1: pit_given("a", {T(2): "A"}, {T(2): "gold"})},
    pit_rows("a", {T(2): "A"}, {T(2): "gold"}, AS_OF_1),
    keys=[HK("a")],
)
scenario(
    "PT02",
    "pit_two_sats",
    "PIT: as-of between loads -> the earlier version, per satellite",
    {1: pit_given("b", {T(2): "A", T(4): "B"}, {T(2): "gold", T(6): "silver"})},
    pit_rows("b", {T(2): "A", T(4): "B"}, {T(2): "gold", T(6): "silver"}, AS_OF_1),
    keys=[HK("b")],
)
scenario(
    "PT03",
    "pit_two_sats",
    "PIT: key without rows in one satellite points at its ghost record",
    {1: pit_given("c", {T(3): "X"}, {})},
    pit_rows("c", {T(3): "X"}, {}, AS_OF_1),
    keys=[HK("c")],
)
scenario(
    "PT04",
    "pit_two_sats",
    "PIT: unchanged re-sends do not create versions (sat collapses them)",
    {1: pit_given("d", {T(2): "A", T(4): "A"}, {T(2): "gold"})},
    pit_rows("d", {T(2): "A"}, {T(2): "gold"}, AS_OF_1),
    keys=[HK("d")],
)
scenario(
    "PI01",
    "pit_one_sat_incremental",
    "incremental PIT, one satellite: new as-of date appended",
    {1: pit_given("e", {T(2): "A", T(4): "B"}, {}), 2: pit_given("e", {T(8): "C"}, {})},
    pit_rows("e", {T(2): "A", T(4): "B", T(8): "C"}, None, AS_OF_2),
    keys=[HK("e")],
    expected_cycle1=pit_rows("e", {T(2): "A", T(4): "B"}, None, AS_OF_1),
)
scenario(
    "PI02",
    "pit_one_sat_incremental",
    "incremental PIT: a new hub key gets rows for all as-of dates",
    {2: pit_given("f", {T(8): "A"}, {})},
    pit_rows("f", {T(8): "A"}, None, AS_OF_2),
    keys=[HK("f")],
    expected_cycle1=[],
)
scenario(
    "PI03",
    "pit_one_sat_incremental",
    "incremental PIT: existing rows are not rewritten or duplicated",
    {1: pit_given("g", {T(2): "A"}, {})},
    pit_rows("g", {T(2): "A"}, None, AS_OF_2),
    keys=[HK("g")],
)


# ---------------------------------------------------------------------------------------------- bridge
def bridge1(c: str, o: str, day: str, ldts: str) -> tuple[Any, ...]:
    return (HK(c), day, HK(c, o), END, ldts)


def bridge2(c: str, o: str, p: str, day: str, ldts_co: str, ldts_op: str) -> tuple[Any, ...]:
    return (HK(c), day, HK(c, o), END, ldts_co, HK(o, p), END, ldts_op)


scenario(
    "BR01",
    "bridge_one_link",
    "bridge, one link: active from its load onwards, nothing before",
    {1: {"raw_bridge": [r("c", o="o", ref="p", ldts=T(2))]}},
    [bridge1("c", "o", d, T(2)) for d in AS_OF_1[1:]],
    keys=[HK("c")],
)
scenario(
    "BR02",
    "bridge_one_link",
    "bridge, one link: relationship moved -> the new link from then on",
    {1: {"raw_bridge": [r("c", o="o1", ref="p", ldts=T(2)), r("c", o="o2", ref="p", ldts=T(4))]}},
    [
        bridge1("c", "o1", T(2), T(2)),
        bridge1("c", "o1", T(3), T(2)),
        bridge1("c", "o2", T(5), T(4)),
        bridge1("c", "o2", T(7), T(4)),
    ],
    keys=[HK("c")],
)
scenario(
    "BR03",
    "bridge_two_links",
    "bridge, two links: hub -> link -> link path as of each date",
    {1: {"raw_bridge": [r("c", o="o", ref="p", ldts=T(2))]}},
    [bridge2("c", "o", "p", d, T(2), T(2)) for d in AS_OF_1[1:]],
    keys=[HK("c")],
)
scenario(
    "BR04",
    "bridge_two_links",
    "bridge, two links: second relationship moves -> path follows",
    {1: {"raw_bridge": [r("c", o="o", ref="p1", ldts=T(2)), r("c", o="o", ref="p2", ldts=T(6))]}},
    [bridge2("c", "o", "p1", d, T(2), T(2)) for d in (T(2), T(3), T(5))] + [bridge2("c", "o", "p2", T(7), T(2), T(6))],
    keys=[HK("c")],
)
scenario(
    "BR05",
    "bridge_two_links",
    "bridge, two links: no row when the first relationship ended",
    {1: {"raw_bridge": [r("c", o="o1", ref="p", ldts=T(2)), r("c", o="o2", ref=None, ldts=T(4))]}},
    [bridge2("c", "o1", "p", d, T(2), T(2)) for d in (T(2), T(3))],
    keys=[HK("c")],
)

# ---------------------------------------------------------------------------------------------- hashing
HASH_SHAPE = [
    ("case_id", "string"),
    ("c_string", "string"),
    ("c_int", "int"),
    ("c_bigint", "bigint"),
    ("c_decimal", "decimal(12,3)"),
    ("c_date", "date"),
    ("c_ts", "timestamp"),
    ("c_bool", "boolean"),
]
HASH_CASES: list[dict[str, Any]] = [
    {
        "case_id": "basic",
        "c_string": "Ann",
        "c_int": 42,
        "c_bigint": 9007199254740993,
        "c_decimal": Decimal("12.500"),
        "c_date": date(2024, 2, 29),
        "c_ts": datetime(2024, 3, 1, 10, 11, 12),
        "c_bool": True,
    },
    {
        "case_id": "edge",
        "c_string": "  mixed Case  ",
        "c_int": -7,
        "c_bigint": 0,
        "c_decimal": Decimal("-0.125"),
        "c_date": date(1999, 12, 31),
        "c_ts": datetime(2024, 3, 1, 10, 11, 12, 120000),
        "c_bool": False,
    },
    {
        "case_id": "micros",
        "c_string": "Crème brûlée",
        "c_int": 0,
        "c_bigint": -1,
        "c_decimal": Decimal("0.000"),
        "c_date": date(2000, 1, 1),
        "c_ts": datetime(2024, 3, 1, 0, 0, 0, 1),
        "c_bool": True,
    },
    {
        "case_id": "nulls",
        "c_string": None,
        "c_int": None,
        "c_bigint": None,
        "c_decimal": None,
        "c_date": None,
        "c_ts": None,
        "c_bool": None,
    },
    {
        "case_id": "blank",
        "c_string": "",
        "c_int": 7,
        "c_bigint": None,
        "c_decimal": None,
        "c_date": None,
        "c_ts": None,
        "c_bool": None,
    },
    {
        "case_id": "spaces",
        "c_string": "   ",
        "c_int": None,
        "c_bigint": None,
        "c_decimal": None,
        "c_date": None,
        "c_ts": None,
        "c_bool": False,
    },
]
HASH_TYPE_COLUMNS = ["c_string", "c_int", "c_bigint", "c_decimal", "c_date", "c_ts", "c_bool"]


def hash_expectations(algorithm: str) -> dict[str, Any]:
    """Expected value per (check column) for every case, from hashlib."""
    out: dict[str, Any] = {}
    for col in HASH_TYPE_COLUMNS:
        out["h_" + col[2:]] = lambda case, col=col: hash_key([case[col]], algorithm)
    out["h_pair"] = lambda case: hash_key([case["c_string"], case["c_int"]], algorithm)
    out["h_all"] = lambda case: hash_key([case[c] for c in HASH_TYPE_COLUMNS], algorithm)
    out["hd_all"] = lambda case: hash_diff({c: case[c] for c in HASH_TYPE_COLUMNS}, algorithm)
    out["hd_single"] = lambda case: hash_diff({"c_string": case["c_string"]}, algorithm)
    out["hd_case"] = lambda case: digest(
        "||".join(standardise(case[c]) or "^^" for c in ["c_bool", "c_int", "c_string"]), algorithm
    )
    return out


@dataclass
class HashCheck:
    sid: str
    model: str
    column: str
    algorithm: str
    title: str


HASH_CHECKS: list[HashCheck] = []
for _model, _alg in (("hash_md5", "MD5"), ("hash_sha", "SHA")):
    for _column in hash_expectations(_alg):
        HASH_CHECKS.append(
            HashCheck(
                f"{_model.upper()}_{_column}", _model, _column, _alg, f"{_alg} {_column} matches hashlib for every case"
            )
        )

ESCAPE_SHAPE = [("case_id", "string"), ("p1", "string"), ("p2", "string")]
ESCAPE_CASES = [
    {"case_id": "split1", "p1": "a||b", "p2": "c"},
    {"case_id": "split2", "p1": "a", "p2": "b||c"},
    {"case_id": "caret", "p1": "^^", "p2": "x"},
    {"case_id": "null", "p1": None, "p2": "x"},
    {"case_id": "backslash", "p1": "a\\", "p2": "|b"},
    {"case_id": "backslash2", "p1": "a\\|", "p2": "b"},
    {"case_id": "plain", "p1": "plain", "p2": "value"},
]

STAGE_SHAPE = [
    ("customer_id", "string"),
    ("first_name", "string"),
    ("last_name", "string"),
    ("tier", "string"),
    ("ldts", "timestamp"),
]
STAGE_ROWS = [
    {"customer_id": "c1", "first_name": "Ann", "last_name": "Lee", "tier": "gold", "ldts": T(1)},
    {"customer_id": "c1", "first_name": "Ann", "last_name": "Lee", "tier": "silver", "ldts": T(2)},
    {"customer_id": None, "first_name": "Bob", "last_name": None, "tier": None, "ldts": T(1)},
]

# Fixture views that do not have the customer shape: name -> (shape, {cycle: rows}).
OTHER_FIXTURES: dict[str, tuple[list[tuple[str, str]], dict[int, list[dict[str, Any]]]]] = {
    "raw_hash_types": (HASH_SHAPE, {1: HASH_CASES}),
    "raw_hash_escape": (ESCAPE_SHAPE, {1: ESCAPE_CASES}),
    "raw_stage_features": (STAGE_SHAPE, {1: STAGE_ROWS}),
    "raw_as_of_dates": (
        [("as_of_date", "timestamp")],
        {1: [{"as_of_date": d} for d in AS_OF_1], 2: [{"as_of_date": d} for d in AS_OF_2]},
    ),
}

# ---------------------------------------------------------------------------------------------- argument errors
# model file in integration_tests/models/errors -> substrings the compile error must contain (besides the
# model's own name, always checked)
ARGUMENT_ERRORS: dict[str, list[str]] = {
    "err_hub_missing_src_pk": ["datavault.hub", "'src_pk' is required"],
    "err_hub_src_nk_mapping": ["datavault.hub", "'src_nk' must be a column name or a list"],
    "err_hub_source_model_number": ["datavault.hub", "'source_model' must be"],
    "err_link_missing_src_fk": ["datavault.link", "'src_fk' is required"],
    "err_sat_missing_src_hashdiff": ["datavault.sat", "'src_hashdiff' is required"],
    "err_sat_empty_payload": ["datavault.sat", "'src_payload' is required"],
    "err_sat_hashdiff_no_alias": ["datavault.sat", "'src_hashdiff' must be"],
    "err_sat_pk_is_hashdiff": ["datavault.sat", "'src_pk' and 'src_hashdiff' both name column"],
    "err_stage_missing_source_model": ["datavault.stage", "'source_model' is required"],
    "err_stage_hashed_columns_list": ["datavault.stage", "'hashed_columns' must be a mapping"],
    "err_t_link_missing_src_fk": ["datavault.t_link", "'src_fk' is required"],
    "err_ref_table_missing_src_pk": ["datavault.ref_table", "'src_pk' is required"],
    "err_hash_bad_algorithm": ["datavault_hash", "MD5 or SHA"],
    "err_eff_sat_missing_src_dfk": ["datavault.eff_sat", "'src_dfk' is required"],
    "err_ma_sat_missing_src_cdk": ["datavault.ma_sat", "'src_cdk' is required"],
    "err_pit_satellites_list": ["datavault.pit", "'satellites' must be a mapping"],
    "err_pit_satellite_entry": ["datavault.pit", "'satellites' entry 'sat_pit_name'"],
    "err_bridge_missing_bridge_walk": ["datavault.bridge", "'bridge_walk' is required"],
    "err_bridge_walk_incomplete": ["datavault.bridge", "'bridge_walk' entry 'CO' lacks"],
    "err_xts_missing_src_satellite": ["datavault.xts", "'src_satellite' is required"],
}

# --------------------------------------------------------------------------------------------------------
# Fixture: build everything, run dbt in-process, snapshot
# --------------------------------------------------------------------------------------------------------


def sql_literal(value: Any) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "true" if value else "false"
    text = spark_string(value)
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def values_select(shape: list[tuple[str, str]], rows: list[dict[str, Any]]) -> str:
    casts = ", ".join(f"cast({c} as {t}) as {c}" for c, t in shape)
    if not rows:
        return f"select {', '.join(f'cast(null as {t}) as {c}' for c, t in shape)} where 1 = 0"
    values = ", ".join("(" + ", ".join(sql_literal(row.get(c)) for c, _ in shape) + ")" for row in rows)
    return f"select {casts} from values {values} as given({', '.join(c for c, _ in shape)})"


@dataclass
class SuiteResult:
    snapshots: dict[int, dict[str, list[tuple[Any, ...]]]]
    columns: dict[str, list[str]]
    run_errors: dict[int, dict[str, str]]
    compile_errors: dict[str, str]
    seconds: float
    timings: list[tuple[str, float]] = field(default_factory=list)
    unit_tests: dict[str, str] = field(default_factory=dict)


def _spark_conf(environment: dict[str, str]) -> dict[str, str]:
    import jinja2
    import yaml

    profile = yaml.safe_load((PROJECT / "profiles.yml").read_text())
    params = profile["datavault_integration_tests"]["outputs"]["local"]["server_side_parameters"]
    env_var = lambda name, default=None: environment.get(name, default)  # noqa: E731
    jinja = jinja2.Environment(undefined=jinja2.StrictUndefined)
    return {k: jinja.from_string(str(v)).render(env_var=env_var) for k, v in params.items()}


def _invoke(args: list[str]) -> Any:
    from dbt.cli.main import dbtRunner

    return dbtRunner().invoke([*args, "--project-dir", str(PROJECT), "--profiles-dir", str(PROJECT)])


def _node_errors(result: Any) -> dict[str, str]:
    errors: dict[str, str] = {}
    if result.result is None:
        errors["__dbt__"] = str(result.exception)
        return errors
    for node_result in getattr(result.result, "results", []) or []:
        status = str(node_result.status).lower()
        if status in ("error", "runstatus.error", "skipped", "runstatus.skipped"):
            errors[node_result.node.name] = f"{status}: {node_result.message}"
    return errors


def _node_statuses(result: Any) -> dict[str, str]:
    """{node name: status (and message unless it passed)} of a dbt invocation; '__dbt__' when it crashed."""
    if result.result is None:
        return {"__dbt__": str(result.exception)}
    statuses: dict[str, str] = {}
    for node_result in getattr(result.result, "results", []) or []:
        status = str(node_result.status).lower().removeprefix("teststatus.")
        statuses[node_result.node.name] = status if status == "pass" else f"{status}: {node_result.message}"
    return statuses


def _snapshot(spark: Any, names: list[str]) -> tuple[dict[str, list[tuple[Any, ...]]], dict[str, list[str]]]:
    existing = {t.name for t in spark.catalog.listTables(VAULT)}
    parts = []
    columns: dict[str, list[str]] = {}
    for name in names:
        if name not in existing:
            continue
        model = MODELS[name]
        columns[name] = spark.table(f"{VAULT}.{name}").columns
        exprs = ", ".join(
            f"hex({c})" if c in model.hex_columns else f"cast({c} as string)"
            for c in model.columns
            if c in columns[name]
        )
        parts.append(f"select '{name}' as model, to_json(array({exprs})) as row_json from {VAULT}.{name}")
    rows: dict[str, list[tuple[Any, ...]]] = {n: [] for n in names if n in existing}
    if parts:
        for row in spark.sql("\nunion all\n".join(parts)).collect():
            rows[row["model"]].append(tuple(json.loads(row["row_json"])))
    return rows, columns


def run_suite(spark: Any, state: Path) -> SuiteResult:
    """Create all fixtures, run dbt over every scenario model (two cycles where needed), snapshot targets."""
    import time

    started = time.monotonic()
    timings: list[tuple[str, float]] = []

    def mark(step: str) -> None:
        timings.append((step, round(time.monotonic() - started, 1)))

    for schema in (FIXTURES, VAULT, "dv_it_stage", "dv_it_errors"):
        spark.sql(f"drop schema if exists {schema} cascade")
    spark.sql(f"create schema {FIXTURES}")
    spark.sql(f"create schema {VAULT}")

    def create_views(cycle: int, only_two_cycle: bool) -> None:
        per_raw: dict[str, list[dict[str, Any]]] = {}
        for model in MODELS.values():
            if only_two_cycle and not model.two_cycle:
                continue
            for raw in model.raws:
                per_raw[raw] = []
        for sc in SCENARIOS:
            if only_two_cycle and not MODELS[sc.model].two_cycle:
                continue
            for raw, rows in sc.raw_rows(cycle).items():
                per_raw[raw].extend(rows)
        for raw, rows in per_raw.items():
            spark.sql(f"create or replace view {FIXTURES}.{raw} as {values_select(CUSTOMER_SHAPE, rows)}")
        for name, (shape, rows_by_cycle) in OTHER_FIXTURES.items():
            if cycle in rows_by_cycle:
                spark.sql(f"create or replace view {FIXTURES}.{name} as {values_select(shape, rows_by_cycle[cycle])}")

    create_views(1, only_two_cycle=False)
    mark("fixture views")

    # existing targets ("target empty" / "target populated"), one CTAS per model
    existing: dict[str, list[dict[str, Any]]] = {name: [] for name in EMPTY_TARGETS}
    for sc in SCENARIOS:
        if sc.existing:
            model = MODELS[sc.model]
            rows = existing.setdefault(sc.model, [])
            for row in sc.resolved(sc.existing):
                rows.append(dict(zip(model.columns, row, strict=True)))
    for name, rows in existing.items():
        model = MODELS[name]
        shape = [(c, model.existing_types.get(c, TYPES.get(c, "string"))) for c in model.columns]
        spark.sql(f"create table {VAULT}.{name} using delta as {values_select(shape, rows)}")

    mark("existing targets")
    deps = _invoke(["deps"])
    assert deps.success, f"dbt deps failed: {deps.exception}"

    names = list(MODELS)
    snapshots: dict[int, dict[str, list[tuple[Any, ...]]]] = {}
    run_errors: dict[int, dict[str, str]] = {}
    # the argument-error models run too: each fails at compile time, as a node error, before any SQL runs
    first = _invoke(["run"])
    run_errors[1] = _node_errors(first)
    mark("dbt run cycle 1")
    snapshots[1], columns = _snapshot(spark, names)
    mark("snapshot 1")

    # dbt unit tests of stage models (integration_tests/models/checks/_checks__unit_tests.yml): their inputs
    # are fixture CTEs; the relations behind them (cycle 1's fixture views) must exist, so they run here
    unit = _invoke(["test", "--select", "test_type:unit"])
    unit_tests = _node_statuses(unit)
    mark("dbt unit tests")

    create_views(2, only_two_cycle=True)
    second = _invoke(["run", "--select", "tag:two_cycle"])
    run_errors[2] = _node_errors(second)
    mark("dbt run cycle 2")
    snapshots[2], _ = _snapshot(spark, [n for n in names if MODELS[n].two_cycle])
    mark("snapshot 2")

    compile_errors = {name: message for name, message in run_errors[1].items() if name in ARGUMENT_ERRORS}
    for name in ARGUMENT_ERRORS:
        run_errors[1].pop(name, None)
    return SuiteResult(snapshots, columns, run_errors, compile_errors, time.monotonic() - started, timings, unit_tests)


def suite_environment(state: Path) -> dict[str, str]:
    return {
        "DBT_PROFILES_DIR": str(PROJECT),
        "LAKEHOUSE_HOME": str(ROOT),
        "DATAVAULT_TEST_STATE_DIR": str(state),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DBT_TARGET_PATH": str(state / "target"),
        "DBT_LOG_PATH": str(state / "logs"),
    }


def start_spark(environment: dict[str, str]) -> Any:
    """The SparkSession dbt-spark's session method will pick up (same settings as the profile)."""
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.enableHiveSupport()
    for key, value in _spark_conf({**os.environ, **environment}).items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


@pytest.fixture(scope="session")
def suite() -> Iterator[SuiteResult]:
    import time

    started = time.monotonic()
    state = Path(tempfile.mkdtemp(prefix="datavault-it-"))
    environment = suite_environment(state)
    saved = {k: os.environ.get(k) for k in environment}
    os.environ.update(environment)
    spark = start_spark(environment)
    try:
        result = run_suite(spark, state)
        result.seconds = time.monotonic() - started
        yield result
    finally:
        spark.stop()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        shutil.rmtree(state, ignore_errors=True)


EMPTY_TARGETS = ["hub_empty"]


def _sort_key(row: tuple[Any, ...]) -> tuple[str, ...]:
    return tuple("" if v is None else str(v) for v in row)


def _model_rows(suite: SuiteResult, model: str, cycle: int) -> list[tuple[Any, ...]]:
    errors = suite.run_errors.get(1, {}) | (suite.run_errors.get(2, {}) if cycle == 2 else {})
    assert model not in errors, f"dbt failed for {model}: {errors[model]}"
    assert "__dbt__" not in errors, errors["__dbt__"]
    assert model in suite.snapshots[cycle], f"target table {VAULT}.{model} does not exist after cycle {cycle}"
    return suite.snapshots[cycle][model]


def _scenario_rows(sc: Scenario, suite: SuiteResult, cycle: int) -> list[tuple[Any, ...]]:
    model = MODELS[sc.model]
    rows = _model_rows(suite, sc.model, cycle)
    if sc.keys is not None:
        keys = {resolve(k, sc.sid) for k in sc.keys}
        return sorted((row for row in rows if row[0] in keys), key=_sort_key)
    index = model.columns.index(model.source_column)  # type: ignore[arg-type]
    mine = [
        row
        for row in rows
        if row[index] is not None and (row[index].startswith(sc.sid + "/") or row[index] == sc.match)
    ]
    return sorted(mine, key=_sort_key)


def _expected(sc: Scenario, rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    return sorted(sc.resolved(rows), key=_sort_key)


# --------------------------------------------------------------------------------------------------------
# Tests
# --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("sc", SCENARIOS, ids=[f"{s.sid}-{s.model}" for s in SCENARIOS])
def test_scenario(sc: Scenario, suite: SuiteResult) -> None:
    """Target rows of this scenario equal the expected rows exactly (after each checked cycle)."""
    final_cycle = 2 if MODELS[sc.model].two_cycle else 1
    if sc.expected_cycle1 is not None and final_cycle == 2:
        assert _scenario_rows(sc, suite, 1) == _expected(sc, sc.expected_cycle1), f"{sc.title} (after cycle 1)"
    assert _scenario_rows(sc, suite, final_cycle) == _expected(sc, sc.expected), sc.title


@pytest.mark.parametrize("check", HASH_CHECKS, ids=[c.sid for c in HASH_CHECKS])
def test_hash_matches_hashlib(check: HashCheck, suite: SuiteResult) -> None:
    """Each hash expression equals the hashlib value for strings, ints, decimals, dates, timestamps, booleans."""
    model = MODELS[check.model]
    rows = {row[0]: dict(zip(model.columns, row, strict=True)) for row in _model_rows(suite, check.model, 1)}
    expect = hash_expectations(check.algorithm)[check.column]
    for case in HASH_CASES:
        assert rows[case["case_id"]][check.column] == expect(case), f"{check.title}: case {case['case_id']}"


def test_hash_binary_output(suite: SuiteResult) -> None:
    """datavault_hash_output=binary stores the same digest as BINARY (16 bytes for MD5)."""
    rows = {row[0]: row for row in _model_rows(suite, "hash_binary", 1)}
    for case in HASH_CASES:
        assert rows[case["case_id"]][1] == hash_key([case["c_string"]])
        assert rows[case["case_id"]][2] == hash_key([case["c_string"], case["c_int"]])
        assert rows[case["case_id"]][3] == ZERO_KEY


def test_hash_escape_avoids_separator_collisions(suite: SuiteResult) -> None:
    """With datavault_hash_escape, 'a||b','c' and 'a','b||c' (and '^^' vs NULL) hash differently."""
    rows = {row[0]: row for row in _model_rows(suite, "hash_escape", 1)}
    assert rows["split1"][1] != rows["split2"][1]
    assert rows["caret"][1] != rows["null"][1]
    assert rows["split1"][2] != rows["split2"][2]
    assert rows["backslash"][1] != rows["backslash2"][1]
    for case in ESCAPE_CASES:
        assert rows[case["case_id"]][1] == hash_key([case["p1"], case["p2"]], escape=True)
        assert rows[case["case_id"]][2] == hash_diff({"p1": case["p1"], "p2": case["p2"]}, escape=True)


def test_hash_escape_off_is_automatedv_compatible(suite: SuiteResult) -> None:
    """Without escaping the hashes are AutomateDV's — including its collisions, the documented trade-off."""
    rows = {row[0]: row for row in _model_rows(suite, "hash_escape_off", 1)}
    assert rows["split1"][1] == rows["split2"][1]
    assert rows["caret"][1] == rows["null"][1]
    for case in ESCAPE_CASES:
        assert rows[case["case_id"]][1] == hash_key([case["p1"], case["p2"]])


def test_hash_escape_keeps_plain_values_compatible(suite: SuiteResult) -> None:
    """Values without \\ | ^ hash identically with and without escaping."""
    escaped = {row[0]: row for row in _model_rows(suite, "hash_escape", 1)}
    plain = {row[0]: row for row in _model_rows(suite, "hash_escape_off", 1)}
    assert escaped["plain"][1:] == plain["plain"][1:]
    assert escaped["null"][1:] == plain["null"][1:]


def _stage_rows(suite: SuiteResult) -> list[dict[str, Any]]:
    model = MODELS["stage_features"]
    return sorted(
        (dict(zip(model.columns, row, strict=True)) for row in _model_rows(suite, "stage_features", 1)),
        key=lambda d: (d["customer_id"], d["ldts"]),
    )


def test_stage_derived_constant_and_rename(suite: SuiteResult) -> None:
    rows = _stage_rows(suite)
    assert {row["record_source"] for row in rows} == {"CRM"}
    assert [row["load_datetime"] for row in rows] == [row["ldts"] for row in rows]


def test_stage_derived_list_is_concatenated(suite: SuiteResult) -> None:
    rows = _stage_rows(suite)
    assert [row["full_name"] for row in rows] == ["Bob", "Ann||Lee", "Ann||Lee"]


def test_stage_derived_column_replaces_source_column(suite: SuiteResult) -> None:
    rows = _stage_rows(suite)
    assert [row["tier"] for row in rows] == [None, "GOLD", "SILVER"]
    assert suite.columns["stage_features"].count("tier") == 1


def test_stage_null_columns_required(suite: SuiteResult) -> None:
    rows = _stage_rows(suite)
    assert [(row["customer_id"], row["customer_id_original"]) for row in rows] == [
        ("-1", None),
        ("c1", "c1"),
        ("c1", "c1"),
    ]


def test_stage_hashed_columns_use_replaced_values(suite: SuiteResult) -> None:
    rows = _stage_rows(suite)
    assert [row["customer_hk"] for row in rows] == [hash_key(["-1"]), hash_key(["c1"]), hash_key(["c1"])]


def test_stage_hashdiff_exclude_columns(suite: SuiteResult) -> None:
    rows = _stage_rows(suite)
    assert [row["hashdiff"] for row in rows] == [
        hash_diff({"first_name": r_["first_name"], "last_name": r_["last_name"]})
        for r_ in sorted(STAGE_ROWS, key=lambda d: (d["customer_id"] or "-1", d["ldts"]))
    ]


def test_stage_ranked_columns(suite: SuiteResult) -> None:
    rows = _stage_rows(suite)
    assert [row["dv_rank"] for row in rows] == ["1", "1", "2"]


def test_stage_without_source_columns(suite: SuiteResult) -> None:
    assert suite.columns["stage_no_source_columns"] == ["load_datetime", "customer_hk"]
    rows = sorted(_model_rows(suite, "stage_no_source_columns", 1), key=_sort_key)
    assert rows == sorted([(row["ldts"], hash_key([row["customer_id"]])) for row in STAGE_ROWS], key=_sort_key)


def test_stage_in_dbt_unit_tests(suite: SuiteResult) -> None:
    """dbt unit tests of stage models pass: the stage reads the columns of the relation behind a fixture CTE."""
    expected = {
        "stage_features_in_a_unit_test_carries_source_columns",
        "stage_no_source_columns_in_a_unit_test_hashes_source_columns",
    }
    assert suite.unit_tests == dict.fromkeys(expected, "pass"), suite.unit_tests


@pytest.mark.parametrize("model", sorted(ARGUMENT_ERRORS))
def test_argument_error(model: str, suite: SuiteResult) -> None:
    """A wrong macro call fails at compile time with a message naming the macro, the argument and the model."""
    assert model in suite.compile_errors, f"{model} compiled without error"
    assert "Compilation Error" in suite.compile_errors[model], suite.compile_errors[model]
    for fragment in [*ARGUMENT_ERRORS[model], f".{model})"]:
        assert fragment in suite.compile_errors[model], suite.compile_errors[model]


def test_suite_wall_time(suite: SuiteResult) -> None:
    """Report the suite's wall time (target: under 10 minutes on 2 cores).

    A warning, not a failure: the box is shared, and a slow neighbour must not turn the suite red.
    """
    import warnings

    steps = ", ".join(f"{step} at {seconds:.0f} s" for step, seconds in suite.timings)
    print(f"datavault scenario suite: {suite.seconds:.0f} s ({steps})")
    if suite.seconds > 600:
        warnings.warn(f"datavault scenario suite took {suite.seconds:.0f} s (> 600 s target): {steps}", stacklevel=1)
