"""Dirty-data injection: turns the clean daily exports into what real source systems deliver.

With rate R, each record independently becomes faulty with probability R (one fault kind, drawn
uniformly among the kinds that are possible that day), and each file gets each file-level fault with
probability R. Whenever R > 0, day 0 additionally carries one fault of every kind, so even a tiny run
exercises every cleansing path downstream. R = 0 draws no random numbers here and changes nothing.

Kinds (the keys of ``GenerationSummary.faults_by_kind``), counted where they show up in a file:

- ``duplicate_record``: the same record sent again, byte-identical, later in the same file or in the
  next day's file.
- ``late_record``: a record held back and delivered 2-10 days later with its original timestamps (only
  while the run still has such a day, so nothing is lost off the end of the run).
- ``null_key`` / ``blank_key`` / ``padded_key`` / ``case_variant_key``: one text component of the
  business key is null (JSON: null or missing; CSV: empty cell), blank (JSON ``""`` or spaces; CSV spaces
  only, so it differs from null), wrapped in spaces, or in other letter case (``ess-100234``).
- ``extra_field``: an unknown field (JSON key, or a CSV column appended to that file's header).
- ``unparseable_line``: a JSON line cut short or missing a quote; a CSV line cut short inside an opened,
  never-closed quote. Broken CSV lines go to the end of their file so that a reader that lets a quote span
  lines cannot swallow good records after them.
- ``wrong_type``: a typed field holding text that does not cast (``"abc"`` price, ``"not-a-date"``).
- ``csv_bom_crlf``: a whole CSV file written with a UTF-8 byte-order mark and CRLF line ends.
- ``empty_file``: an additional zero-byte file ``<entity>_<YYYYMMDD>_empty.<ext>``.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from types import MappingProxyType

from lakehouse.contract import ENTITIES, Entity
from lakehouse.generate.codec import Delivery, RawLine, Row, csv_cell, csv_line, json_line
from lakehouse.generate.common import Record

FAULT_KINDS: tuple[str, ...] = (
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
RECORD_FAULTS: tuple[str, ...] = FAULT_KINDS[:9]

# The typed (non-text) fields per entity: what a wrong_type fault can hit.
FIELD_TYPES: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        "erp/products": {"list_price_eur": "money", "launch_date": "date", "updated_at": "timestamp"},
        "erp/product_prices": {"price": "money", "updated_at": "timestamp"},
        "crm/customers": {"birth_date": "date", "marketing_opt_in": "bool", "updated_at": "timestamp"},
        "shop/orders": {"order_ts": "timestamp", "updated_at": "timestamp"},
        "shop/order_lines": {
            "line_number": "int",
            "quantity": "int",
            "unit_price": "money",
            "discount_amount": "money",
        },
        "shop/returns": {"line_number": "int", "quantity": "int", "refund_amount": "money", "returned_at": "timestamp"},
        "marketing/promotions": {
            "discount_value": "money",
            "start_date": "date",
            "end_date": "date",
            "updated_at": "timestamp",
        },
        "marketing/promotion_products": {"updated_at": "timestamp"},
        "marketing/campaign_events": {"event_ts": "timestamp"},
        "billing/plans": {"price": "money", "updated_at": "timestamp"},
        "billing/subscription_events": {"amount": "money", "event_ts": "timestamp"},
    }
)
_WRONG_VALUES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "money": ("abc", "12,95 EUR", "n/a"),
        "int": ("abc", "two", "-"),
        "date": ("not-a-date", "31.02.2026", "2026-02-30"),
        "timestamp": ("not-a-timestamp", "yesterday", "2026-13-45T25:61:00Z"),
        "bool": ("maybe", "yes please"),
    }
)
_EXTRA_FIELDS: tuple[tuple[str, str], ...] = (
    ("_promo_banner", "Free shipping from 19.95!"),
    ("_legacy_id", "LEG-004711"),
    ("_export_note", "nightly export v2"),
)
_MAX_LATE_DAYS = 10


def text_key_fields(entity: Entity) -> tuple[str, ...]:
    """Business-key components that are text (``line_number`` is an integer and stays out of key faults)."""
    return tuple(name for name in entity.business_key if name != "line_number")


class FaultInjector:
    """Applies faults to each day's clean records; remembers held-back and re-sent records across days."""

    def __init__(self, rate: float, rng: random.Random, days: int) -> None:
        self._rate = rate
        self._rng = rng
        self._days = days
        self._pending: dict[int, dict[str, list[tuple[str, Record]]]] = {}
        self.counts: dict[str, int] = dict.fromkeys(FAULT_KINDS, 0)

    def deliver(self, day: int, batches: Mapping[str, list[Record]]) -> list[Delivery]:
        """The deliveries of ``day`` (one per contract entity, contract order) with faults applied."""
        forced_rows: dict[str, dict[int, str]] = {entity.key: {} for entity in ENTITIES}
        forced_files: dict[str, set[str]] = {entity.key: set() for entity in ENTITIES}
        if day == 0 and self._rate > 0:
            self._plan_forced(batches, forced_rows, forced_files)
        return [
            self._deliver_entity(day, entity, batches[entity.key], forced_rows[entity.key], forced_files[entity.key])
            for entity in ENTITIES
        ]

    # --- planning ---------------------------------------------------------------------------------------
    def _record_kinds(self, day: int) -> tuple[str, ...]:
        if day + 2 <= self._days - 1:
            return RECORD_FAULTS
        return tuple(kind for kind in RECORD_FAULTS if kind != "late_record")

    def _plan_forced(
        self,
        batches: Mapping[str, list[Record]],
        forced_rows: dict[str, dict[int, str]],
        forced_files: dict[str, set[str]],
    ) -> None:
        """One fault of every kind on day 0, at random records and files, so every kind occurs."""
        rng = self._rng
        filled = [entity.key for entity in ENTITIES if batches[entity.key]]
        for kind in self._record_kinds(0):
            for _ in range(100):
                key = rng.choice(filled)
                index = rng.randrange(len(batches[key]))
                if index not in forced_rows[key]:
                    forced_rows[key][index] = kind
                    break
        csv_keys = [entity.key for entity in ENTITIES if entity.file_format == "csv"]
        forced_files[rng.choice(csv_keys)].add("csv_bom_crlf")
        forced_files[rng.choice([entity.key for entity in ENTITIES])].add("empty_file")

    # --- applying -----------------------------------------------------------------------------------------
    def _deliver_entity(
        self, day: int, entity: Entity, records: list[Record], forced_rows: dict[int, str], forced_files: set[str]
    ) -> Delivery:
        rng, rate = self._rng, self._rate
        delivery = Delivery(entity, day, [])
        resent: list[Row] = []
        broken_csv: list[Row] = []
        kinds = self._record_kinds(day)
        for index, record in enumerate(records):
            kind = forced_rows.get(index)
            if kind is None and rate > 0 and rng.random() < rate:
                kind = rng.choice(kinds)
            if kind is None:
                delivery.rows.append(record)
            elif kind == "duplicate_record":
                delivery.rows.append(record)
                if day + 1 < self._days and rng.random() < 0.5:
                    self._hold(day + 1, entity, kind, record)
                else:
                    resent.append(record)
                    self.counts[kind] += 1
            elif kind == "late_record":
                self._hold(day + rng.randint(2, min(_MAX_LATE_DAYS, self._days - 1 - day)), entity, kind, record)
            elif kind == "unparseable_line":
                line = self._garble(delivery, record)
                (broken_csv if entity.file_format == "csv" else delivery.rows).append(line)
                self.counts[kind] += 1
            else:
                delivery.rows.append(self._mutate(kind, delivery, record))
                self.counts[kind] += 1
        for kind, record in self._pending.get(day, {}).pop(entity.key, []):
            delivery.rows.append(record)
            self.counts[kind] += 1
        delivery.rows.extend(resent)
        delivery.rows.extend(broken_csv)
        if entity.file_format == "csv" and ("csv_bom_crlf" in forced_files or (rate > 0 and rng.random() < rate)):
            delivery.bom_crlf = True
            self.counts["csv_bom_crlf"] += 1
        if "empty_file" in forced_files or (rate > 0 and rng.random() < rate):
            delivery.empty_companion = True
            self.counts["empty_file"] += 1
        return delivery

    def _hold(self, day: int, entity: Entity, kind: str, record: Record) -> None:
        self._pending.setdefault(day, {}).setdefault(entity.key, []).append((kind, record))

    def _mutate(self, kind: str, delivery: Delivery, record: Record) -> Record:
        """A copy of ``record`` with one in-record fault (key, extra field or wrong type)."""
        rng = self._rng
        entity = delivery.entity
        is_csv = entity.file_format == "csv"
        faulty = dict(record)
        if kind == "extra_field":
            if is_csv and delivery.extra_columns:
                name = delivery.extra_columns[0]
                value = dict(_EXTRA_FIELDS)[name]
            else:
                name, value = rng.choice(_EXTRA_FIELDS)
                if is_csv:
                    delivery.extra_columns.append(name)
            faulty[name] = value
            return faulty
        if kind == "wrong_type":
            types = FIELD_TYPES[entity.key]
            name = rng.choice(sorted(types))
            faulty[name] = rng.choice(_WRONG_VALUES[types[name]])
            return faulty
        name = rng.choice(text_key_fields(entity))
        key = str(record[name])
        if kind == "null_key":
            if not is_csv and rng.random() < 0.5:
                del faulty[name]
            else:
                faulty[name] = None
        elif kind == "blank_key":
            faulty[name] = rng.choice((" ", "   ") if is_csv else ("", "   "))
        elif kind == "padded_key":
            left = rng.randint(0, 2)
            faulty[name] = " " * left + key + " " * (rng.randint(1, 2) if left == 0 else rng.randint(0, 2))
        elif kind == "case_variant_key":
            variants = [v for v in (key.lower(), key[:1] + key[1:].lower(), key.swapcase()) if v != key]
            faulty[name] = rng.choice(variants)
        else:
            raise ValueError(f"unknown fault kind {kind!r}")
        return faulty

    def _garble(self, delivery: Delivery, record: Record) -> RawLine:
        """The line a broken export writes instead of ``record``; never valid JSON / well-formed CSV."""
        rng = self._rng
        if delivery.entity.file_format == "csv":
            cells = [csv_cell(record.get(name)) for name in delivery.header]
            cut = rng.randint(1, len(cells) - 1)
            fragment = cells[cut][: len(cells[cut]) // 2].replace('"', "")
            return RawLine(f'{csv_line(cells[:cut])},"{fragment}')
        line = json_line(record)
        if rng.random() < 0.5:
            return RawLine(line[: rng.randint(1, len(line) - 2)])
        return RawLine("{" + line[2:])  # the opening quote of the first key is lost
