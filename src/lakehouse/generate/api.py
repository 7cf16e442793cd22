"""The generator's entry point: simulate the source systems day by day and land their files."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from lakehouse.contract import ENTITIES
from lakehouse.generate.codec import RawLine
from lakehouse.generate.faults import FAULT_KINDS, FaultInjector
from lakehouse.generate.model import Simulation, stream
from lakehouse.generate.writer import write_delivery


@dataclass(frozen=True)
class GenerationSummary:
    """What a run wrote, for the CLI's report and for tests.

    ``rows_by_entity`` counts data lines per ``system/entity`` (CSV headers excluded; duplicates, late
    and broken lines included); ``faults_by_kind`` has every fault kind as a key, 0 when none occurred.
    """

    files: int
    rows_by_entity: dict[str, int]
    faults_by_kind: dict[str, int]
    days: int
    first_day: date
    last_day: date


def _validate(start_date: date, days: int, scale: float, seed: int, dirty_rate: float) -> None:
    """Fail fast with messages a CLI user can act on, before anything is written."""
    if not isinstance(start_date, date) or isinstance(start_date, datetime):
        raise ValueError(f"start_date must be a date (YYYY-MM-DD), got {start_date!r}")
    if isinstance(days, bool) or not isinstance(days, int) or days < 1:
        raise ValueError(f"days must be an integer >= 1, got {days!r}")
    if isinstance(scale, bool) or not isinstance(scale, int | float) or not math.isfinite(scale) or scale <= 0:
        raise ValueError(f"scale must be a number > 0, got {scale!r}")
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise ValueError(f"seed must be an integer, got {seed!r}")
    if (
        isinstance(dirty_rate, bool) or not isinstance(dirty_rate, int | float) or not 0 <= dirty_rate <= 1
    ):  # also rejects NaN
        raise ValueError(f"dirty_rate must be between 0 and 1, got {dirty_rate!r}")


def generate(
    landing: Path,
    start_date: date,
    days: int,
    scale: float = 1.0,
    seed: int = 42,
    dirty_rate: float = 0.0,
    progress: Callable[[str], None] | None = None,
) -> GenerationSummary:
    """Write ``days`` daily deliveries of all source systems, starting at ``start_date``, into ``landing``.

    ``scale`` 1 means a few thousand customers and about 2000 orders a day; row counts grow roughly
    linearly with it, with small floors so tiny scales still fill every entity. Same arguments, same
    bytes: all randomness comes from ``seed``. ``dirty_rate`` is the share of faulty records (see
    ``lakehouse.generate.faults``); 0 gives clean data. ``progress`` receives one line per day written.
    """
    _validate(start_date, days, scale, seed, dirty_rate)
    landing = Path(landing)
    simulation = Simulation(start_date, days, float(scale), seed)
    injector = FaultInjector(float(dirty_rate), stream(seed, "faults"), days)
    files = 0
    rows_by_entity = {entity.key: 0 for entity in ENTITIES}
    for day in range(days):
        current = start_date + timedelta(days=day)
        day_files = day_rows = broken = 0
        for delivery in injector.deliver(day, simulation.run_day(day)):
            day_files += write_delivery(landing, delivery, current)
            rows_by_entity[delivery.entity.key] += len(delivery.rows)
            day_rows += len(delivery.rows)
            broken += sum(isinstance(row, RawLine) for row in delivery.rows)
        files += day_files
        if progress is not None:
            faults = f", {broken} unparseable lines" if broken else ""
            progress(f"{current.isoformat()}: {day_files} files, {day_rows} rows{faults}")
    return GenerationSummary(
        files=files,
        rows_by_entity=rows_by_entity,
        faults_by_kind={kind: injector.counts[kind] for kind in FAULT_KINDS},
        days=days,
        first_day=start_date,
        last_day=start_date + timedelta(days=days - 1),
    )
