"""The simulated company: wires the source systems together and runs them one day at a time.

Each system draws from its own random stream (derived from the seed and the system's name), so the clean
data never depends on anything else, e.g. on whether dirty-data injection is on: a dirty run is the
clean run plus faults. Streams are seeded with strings, which ``random`` hashes with SHA-512, so no
``PYTHONHASHSEED`` or process state leaks in.
"""

from __future__ import annotations

import random
from datetime import date

from lakehouse.contract import ENTITIES
from lakehouse.generate.billing import Billing
from lakehouse.generate.catalogue import Catalogue
from lakehouse.generate.common import Outbox, Record, epoch
from lakehouse.generate.customers import CustomerBook
from lakehouse.generate.marketing import Marketing
from lakehouse.generate.orders import OrderDesk


def stream(seed: int, name: str) -> random.Random:
    """An independent, reproducible random stream for one part of the generator."""
    return random.Random(f"lakehouse.generate/{seed}/{name}")


class Simulation:
    """All source systems of one run; ``run_day`` must be called for day 0, 1, 2, ... in order."""

    def __init__(self, start_date: date, days: int, scale: float, seed: int) -> None:
        start_ts = epoch(start_date)
        self._outbox = Outbox(start_ts, days)
        self._catalogue = Catalogue(stream(seed, "erp"), self._outbox, start_ts, scale)
        self._customers = CustomerBook(stream(seed, "crm"), self._outbox, start_ts, scale)
        self._marketing = Marketing(stream(seed, "marketing"), self._outbox, self._catalogue, start_ts, scale)
        self._orders = OrderDesk(stream(seed, "shop"), self._outbox, self._catalogue, self._marketing, start_ts, scale)
        self._billing = Billing(stream(seed, "billing"), self._outbox, start_ts, scale)
        self._next_day = 0

    def run_day(self, day: int) -> dict[str, list[Record]]:
        """Simulate ``day`` and return what each entity's source system exports for it (contract order)."""
        if day != self._next_day:
            raise RuntimeError(f"days must be simulated in order: expected day {self._next_day}, got {day}")
        self._next_day += 1
        if day == 0:
            self._catalogue.bootstrap()
            self._customers.bootstrap()
            self._billing.bootstrap(self._customers)
            self._marketing.bootstrap()
        self._catalogue.simulate_day(day)
        self._customers.simulate_day(day)
        self._marketing.simulate_day(day, self._customers)
        self._orders.simulate_day(day, self._customers)
        self._billing.simulate_day(day, self._customers)
        batches = self._outbox.take(day)
        return {entity.key: batches.get(entity.key, []) for entity in ENTITIES}
