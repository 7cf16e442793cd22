"""Shared helpers of the simulation: UTC time on epoch seconds, money, day profiles and the outbox.

Time is kept as integer epoch seconds (UTC) because the simulation does a lot of "two hours later"
arithmetic: plain ints are fast, exact, sortable and can never pick up a local timezone or the wall clock.
"""

from __future__ import annotations

import calendar
import random
import time
from bisect import bisect_right
from collections.abc import Sequence
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from itertools import accumulate

Record = dict[str, object]
"""One source record, keys in contract order; values are str, int, bool or None (JSON-ready)."""

MINUTE = 60
HOUR = 3_600
DAY = 86_400
CENT = Decimal("0.01")
_EPOCH_DATE = date(1970, 1, 1)


def epoch(day: date) -> int:
    """Seconds since the epoch of midnight UTC at the start of ``day``."""
    return calendar.timegm(day.timetuple())


def date_of(ts: int) -> date:
    """The UTC calendar date of an epoch second."""
    return _EPOCH_DATE + timedelta(days=ts // DAY)


def iso_ts(ts: int) -> str:
    """ISO-8601 UTC with a ``Z`` suffix, second precision, as the landing contract asks."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ts))


def money(value: Decimal) -> str:
    """A money amount as a plain decimal string with exactly two decimals (``"12.95"``)."""
    return str(value.quantize(CENT, rounding=ROUND_HALF_UP))


def round_cent(value: Decimal) -> Decimal:
    """Commercial rounding to the cent (half up), the rule every amount in the sources follows."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def add_months(ts: int, months: int) -> int:
    """Same day-of-month and time ``months`` later, clamped to the month's last day (Jan 31 + 1 = Feb 28)."""
    t = time.gmtime(ts)
    years, month0 = divmod(t.tm_mon - 1 + months, 12)
    year, month = t.tm_year + years, month0 + 1
    mday = min(t.tm_mday, calendar.monthrange(year, month)[1])
    return calendar.timegm((year, month, mday, t.tm_hour, t.tm_min, t.tm_sec, 0, 0, 0))


def about(rng: random.Random, mean: float) -> int:
    """A count near ``mean`` (+-10 %), with the fraction resolved randomly so small means still happen."""
    value = mean * rng.uniform(0.9, 1.1)
    whole = int(value)
    return whole + (1 if rng.random() < value - whole else 0)


class DayProfile:
    """When in a UTC day something happens, as weights per hour; sampling is O(log 24).

    Orders peak in the evening, shop counters only open in daytime, master data changes in office hours:
    the profiles make timestamps look like a business rather than uniform noise.
    """

    def __init__(self, hour_weights: Sequence[float]) -> None:
        if len(hour_weights) != 24:
            raise ValueError("a day profile needs 24 hourly weights")
        self._cumulative = list(accumulate(hour_weights))

    def sample(self, rng: random.Random, day_start: int) -> int:
        """A timestamp in the UTC day starting at ``day_start``, following the profile."""
        hour = bisect_right(self._cumulative, rng.random() * self._cumulative[-1])
        return day_start + min(hour, 23) * HOUR + rng.randrange(HOUR)


ONLINE_HOURS = DayProfile(
    (1, 0.6, 0.4, 0.3, 0.4, 0.8, 1.5, 2.5, 3, 3.2, 3.4, 3.6, 3.8, 3.6, 3.4, 3.5, 3.8, 4.2, 5, 5.6, 5.8, 5, 3.5, 2)
)
RETAIL_HOURS = DayProfile((0, 0, 0, 0, 0, 0, 0, 2, 3, 4, 5, 5.5, 5, 5, 5.5, 6, 6, 5, 3, 0, 0, 0, 0, 0))
OFFICE_HOURS = DayProfile((0, 0, 0, 0, 0, 1, 2, 4, 5, 5, 5, 4, 3, 4, 5, 5, 4, 2, 1, 0, 0, 0, 0, 0))
MORNING_HOURS = DayProfile((0, 0, 0, 0, 0, 0, 1, 3, 3, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))


class Outbox:
    """Records waiting for the daily delivery in which their source system exports them.

    The simulation often knows the future at once (an order placed today will be paid in an hour and
    shipped in two days), so it files those records under their future delivery day here. Records dated
    before the first day (history in the initial load) go to day 0; records beyond the horizon are
    dropped, as the simulated systems never reach that day.
    """

    def __init__(self, start_ts: int, days: int) -> None:
        self._start_ts = start_ts
        self._days = days
        self._seq = 0
        self._by_day: dict[int, dict[str, list[tuple[int, int, Record]]]] = {}

    def day_index(self, ts: int) -> int:
        """The delivery day of a record stamped ``ts`` (0 for anything before the first day)."""
        return max(0, (ts - self._start_ts) // DAY)

    def put(self, entity: str, ts: int, record: Record) -> None:
        """File ``record`` of ``entity`` (``system/entity``) under the day of ``ts``; ``ts`` also sorts it."""
        day = self.day_index(ts)
        if day >= self._days:
            return
        self._seq += 1
        self._by_day.setdefault(day, {}).setdefault(entity, []).append((ts, self._seq, record))

    def take(self, day: int) -> dict[str, list[Record]]:
        """Remove and return the records of ``day`` per entity, in time order (ties: filing order)."""
        batches = self._by_day.pop(day, {})
        return {
            entity: [item[2] for item in sorted(items, key=lambda i: (i[0], i[1]))] for entity, items in batches.items()
        }
