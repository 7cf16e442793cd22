"""CRM simulation (``crm/customers``): sign-ups and profile changes (e-mail, city, loyalty tier, opt-in).

Customers keep their country (= market) for life, so every order, price and currency that hangs off a
customer stays coherent; what changes is what changes in real CRMs and feeds the SCD2 dimension.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from lakehouse.generate.common import DAY, HOUR, ONLINE_HOURS, Outbox, Record, about, date_of, iso_ts
from lakehouse.generate.reference import LOYALTY_TIERS, LOYALTY_WEIGHTS, MARKETS, PEOPLE

CUSTOMERS = "crm/customers"

_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ł": "l", "ø": "o", "æ": "ae"})
_NOT_EMAIL_SAFE = re.compile(r"[^a-z0-9]")
_AGE_BANDS: tuple[tuple[int, int, float], ...] = (
    (16, 24, 0.25),
    (25, 34, 0.30),
    (35, 44, 0.20),
    (45, 54, 0.15),
    (55, 70, 0.10),
)
_CHANGE_KINDS: tuple[str, ...] = ("email", "city", "tier", "opt_in")
_CHANGE_WEIGHTS: tuple[float, ...] = (0.2, 0.2, 0.4, 0.2)


def email_local_part(text: str) -> str:
    """ASCII e-mail fragment of a name the way people type it: ``Müller`` -> ``mueller``, ``O'Brien`` -> ``obrien``."""
    folded = text.lower().translate(_TRANSLITERATION)
    ascii_text = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode("ascii")
    return _NOT_EMAIL_SAFE.sub("", ascii_text)


@dataclass
class Customer:
    """Current CRM state of one customer."""

    customer_id: str
    email: str
    first_name: str
    last_name: str
    birth_date: date
    country: str
    city: str
    loyalty_tier: str
    marketing_opt_in: bool
    created_ts: int
    updated_ts: int


class CustomerBook:
    """The CRM: all customers in sign-up order, exported as daily deltas."""

    def __init__(self, rng: random.Random, outbox: Outbox, start_ts: int, scale: float) -> None:
        self._rng = rng
        self._outbox = outbox
        self._start_ts = start_ts
        self._scale = scale
        self._customers: list[Customer] = []
        self._by_id: dict[str, Customer] = {}
        self._emails: set[str] = set()
        self._available = 0  # customers signed up before the current day

    # --- queries ------------------------------------------------------------------------------------
    def get(self, customer_id: str) -> Customer:
        """The current state of ``customer_id``."""
        return self._by_id[customer_id]

    def available(self) -> list[Customer]:
        """Customers who signed up before the current day: only they order, subscribe or get campaigns."""
        return self._customers[: self._available]

    def pick(self, rng: random.Random) -> Customer:
        """A customer for an order; loyal (silver/gold) customers are somewhat more likely to buy."""
        customer = self._customers[rng.randrange(self._available)]
        if customer.loyalty_tier == "none" and rng.random() < 0.3:
            customer = self._customers[rng.randrange(self._available)]
        return customer

    # --- simulation -----------------------------------------------------------------------------------
    def bootstrap(self) -> None:
        """The initial extract: the customer base, each stamped with its (past) sign-up time."""
        count = max(20, round(4000 * self._scale))
        stamps = sorted(self._rng.randint(self._start_ts - 3 * 365 * DAY, self._start_ts - HOUR) for _ in range(count))
        for ts in stamps:
            self._sign_up(ts)
        self._available = len(self._customers)

    def simulate_day(self, day: int) -> None:
        """One day of sign-ups and (from day 1 on) profile changes of existing customers."""
        rng = self._rng
        day_start = self._start_ts + day * DAY
        self._available = len(self._customers)
        if day > 0:
            count = max(1, round(0.008 * self._available))
            for customer in rng.sample(self.available(), min(count, self._available)):
                self._change(customer, ONLINE_HOURS.sample(rng, day_start))
        for ts in sorted(ONLINE_HOURS.sample(rng, day_start) for _ in range(max(1, about(rng, 60 * self._scale)))):
            self._sign_up(ts)

    # --- helpers --------------------------------------------------------------------------------------
    def _sign_up(self, ts: int) -> None:
        rng = self._rng
        market = rng.choices(MARKETS, [m.customer_weight for m in MARKETS])[0]
        people = PEOPLE[market.code]
        first, last = rng.choice(people.first_names), rng.choice(people.last_names)
        low, high, _ = rng.choices(_AGE_BANDS, [band[2] for band in _AGE_BANDS])[0]
        birth = date_of(ts) - timedelta(days=rng.randint(low * 365 + 1, high * 365 + 364))
        customer = Customer(
            customer_id=f"C{10_000_001 + len(self._customers)}",
            email=self._new_email(first, last, market.code),
            first_name=first,
            last_name=last,
            birth_date=birth,
            country=market.code,
            city=rng.choice(people.cities),
            loyalty_tier=rng.choices(LOYALTY_TIERS, LOYALTY_WEIGHTS)[0],
            marketing_opt_in=rng.random() < 0.6,
            created_ts=ts,
            updated_ts=ts,
        )
        self._customers.append(customer)
        self._by_id[customer.customer_id] = customer
        self._emit(customer)

    def _new_email(self, first: str, last: str, country: str) -> str:
        """A unique address derived from the name, on a provider popular in the country."""
        rng = self._rng
        f, last_part = email_local_part(first), email_local_part(last)
        domain = rng.choice(PEOPLE[country].email_domains)
        local = rng.choice(
            (f"{f}.{last_part}", f"{f}{last_part}", f"{f[0]}.{last_part}", f"{f}_{last_part}", f"{last_part}.{f}")
        )
        email = f"{local}@{domain}"
        while email in self._emails:
            email = f"{local}{rng.randint(1, 999)}@{domain}"
        self._emails.add(email)
        return email

    def _change(self, customer: Customer, ts: int) -> None:
        rng = self._rng
        kind = rng.choices(_CHANGE_KINDS, _CHANGE_WEIGHTS)[0]
        if kind == "email":
            customer.email = self._new_email(customer.first_name, customer.last_name, customer.country)
        elif kind == "city":
            cities = [c for c in PEOPLE[customer.country].cities if c != customer.city]
            customer.city = rng.choice(cities)
        elif kind == "tier":
            if customer.loyalty_tier == "none":
                customer.loyalty_tier = "silver"
            elif customer.loyalty_tier == "silver":
                customer.loyalty_tier = "gold" if rng.random() < 0.7 else "none"
            else:
                customer.loyalty_tier = "silver"
        else:
            customer.marketing_opt_in = not customer.marketing_opt_in
        customer.updated_ts = ts
        self._emit(customer)

    def _emit(self, customer: Customer) -> None:
        record: Record = {
            "customer_id": customer.customer_id,
            "email": customer.email,
            "first_name": customer.first_name,
            "last_name": customer.last_name,
            "birth_date": customer.birth_date.isoformat(),
            "country": customer.country,
            "city": customer.city,
            "loyalty_tier": customer.loyalty_tier,
            "marketing_opt_in": customer.marketing_opt_in,
            "updated_at": iso_ts(customer.updated_ts),
        }
        self._outbox.put(CUSTOMERS, customer.updated_ts, record)
