"""Marketing simulation: promotions, their eligible products and the campaign funnel per customer.

Produces ``marketing/promotions``, ``marketing/promotion_products`` and ``marketing/campaign_events``.
The shop asks this module which promotions run for a channel on a day; a funnel that reaches "redeemed"
is turned into a real order by the shop, so every redemption has a purchase behind it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from lakehouse.generate.catalogue import Catalogue
from lakehouse.generate.common import (
    DAY,
    HOUR,
    MINUTE,
    MORNING_HOURS,
    OFFICE_HOURS,
    Outbox,
    Record,
    date_of,
    epoch,
    iso_ts,
    money,
)
from lakehouse.generate.customers import CustomerBook
from lakehouse.generate.reference import (
    AMOUNT_VALUES,
    BRANDS,
    CATEGORIES,
    CHANNEL_WEIGHTS,
    CHANNELS,
    PERCENT_VALUES,
    PROMO_THEMES,
)

PROMOTIONS = "marketing/promotions"
PROMOTION_PRODUCTS = "marketing/promotion_products"
CAMPAIGN_EVENTS = "marketing/campaign_events"

_MAX_SCOPE = 80
_MIN_RECIPIENTS = 25  # even a tiny run sees a few funnels reach the end
# (start offset, end offset) in days from the first simulated day: two running, one starting, one upcoming.
_INITIAL_WINDOWS: tuple[tuple[int, int], ...] = ((-7, 7), (-3, 12), (0, 10), (5, 18))


@dataclass
class Promotion:
    """Current state of one promotion; ``products`` maps each eligible SKU to when it became eligible."""

    code: str
    name: str
    discount_type: str
    discount_value: Decimal
    start: date
    end: date
    channel: str
    created_ts: int
    updated_ts: int
    products: dict[str, int] = field(default_factory=dict)

    def eligible(self, ts: int, sellable: set[str]) -> list[str]:
        """SKUs this promotion discounts at ``ts`` among those the shop can sell."""
        return [sku for sku, since in self.products.items() if since <= ts and sku in sellable]


@dataclass(frozen=True)
class Redemption:
    """A customer at the end of a campaign funnel, about to buy with the promo code."""

    ts: int
    promo_code: str
    customer_id: str


class Marketing:
    """The marketing platform: promotion master data and e-mail campaign events."""

    def __init__(self, rng: random.Random, outbox: Outbox, catalogue: Catalogue, start_ts: int, scale: float) -> None:
        self._rng = rng
        self._outbox = outbox
        self._catalogue = catalogue
        self._start_ts = start_ts
        self._scale = scale
        self._promotions: list[Promotion] = []
        self._by_code: dict[str, Promotion] = {}
        self._running: dict[str, list[Promotion]] = {channel: [] for channel in CHANNELS}
        self._redemptions: dict[int, list[Redemption]] = {}
        self._event_seq = 0

    # --- queries ------------------------------------------------------------------------------------
    def promotion(self, code: str) -> Promotion:
        """The current state of promotion ``code``."""
        return self._by_code[code]

    def running(self, channel: str) -> list[Promotion]:
        """Promotions valid for ``channel`` on the current day (start_date <= today <= end_date)."""
        return self._running[channel]

    def take_redemptions(self, day: int) -> list[Redemption]:
        """Funnels that end in a purchase on ``day``, in time order."""
        return sorted(self._redemptions.pop(day, []), key=lambda r: (r.ts, r.customer_id))

    def record_redemption(self, redemption: Redemption) -> None:
        """The shop confirms the purchase: only now is the "redeemed" event written."""
        self._event(redemption.promo_code, redemption.customer_id, "redeemed", redemption.ts)

    # --- simulation -----------------------------------------------------------------------------------
    def bootstrap(self) -> None:
        """Initial extract: promotions that already run, one starting today and one upcoming."""
        start = date_of(self._start_ts)
        sellable = self._catalogue.sellable(0)
        for start_offset, end_offset in _INITIAL_WINDOWS:
            promo_start = start + timedelta(days=start_offset)
            created = epoch(min(promo_start, start)) - self._rng.randint(5, 20) * DAY
            self._create(
                promo_start, start + timedelta(days=end_offset), OFFICE_HOURS.sample(self._rng, created), sellable
            )

    def simulate_day(self, day: int, customers: CustomerBook) -> None:
        """New promotions, end-date extensions, scope additions; then today's campaign sends."""
        rng = self._rng
        day_start = self._start_ts + day * DAY
        today = date_of(day_start)
        if day > 0:
            sellable = self._catalogue.sellable(day)
            if rng.random() < 0.5:
                promo_start = today + timedelta(days=rng.randint(1, 10))
                self._create(
                    promo_start,
                    promo_start + timedelta(days=rng.randint(5, 21)),
                    OFFICE_HOURS.sample(rng, day_start),
                    sellable,
                )
            for promo in self._promotions:
                if promo.start <= today <= promo.end and rng.random() < 0.04:
                    promo.end += timedelta(days=rng.randint(3, 10))
                    promo.updated_ts = OFFICE_HOURS.sample(rng, day_start)
                    self._emit_promotion(promo)
            open_promos = [p for p in self._promotions if p.end >= today]
            if open_promos and rng.random() < 0.15:
                self._widen(rng.choice(open_promos), OFFICE_HOURS.sample(rng, day_start), sellable)
        for channel in CHANNELS:
            self._running[channel] = [p for p in self._promotions if p.channel == channel and p.start <= today <= p.end]
        for promo in self._promotions:
            if promo.start == today:
                self._campaign(promo, day_start, customers)

    # --- helpers --------------------------------------------------------------------------------------
    def _create(self, start: date, end: date, created_ts: int, sellable: list[str]) -> None:
        rng = self._rng
        theme = rng.choice(PROMO_THEMES)
        code = f"{theme}{len(self._promotions) + 1:02d}"
        if rng.random() < 0.7:
            discount_type, value = "percent", Decimal(rng.choice(PERCENT_VALUES))
            label = f"{value}% off"
        else:
            discount_type, value = "amount", rng.choice(AMOUNT_VALUES)
            label = f"EUR {money(value)} off per item"
        brand = rng.choice(BRANDS)
        category = rng.choice(CATEGORIES).name
        mode = rng.random()
        if mode < 0.4:
            scope, wanted = f"{brand} {category}", (brand, category)
        elif mode < 0.7:
            scope, wanted = category, (None, category)
        else:
            scope, wanted = brand, (brand, None)
        candidates = [sku for sku in sellable if self._matches(sku, wanted)] or list(sellable)
        if len(candidates) > _MAX_SCOPE:
            chosen = set(rng.sample(candidates, _MAX_SCOPE))
            candidates = [sku for sku in candidates if sku in chosen]
        promo = Promotion(
            code=code,
            name=f"{theme.title()} Days: {label} {scope}",
            discount_type=discount_type,
            discount_value=value,
            start=start,
            end=end,
            channel=rng.choices(CHANNELS, CHANNEL_WEIGHTS)[0],
            created_ts=created_ts,
            updated_ts=created_ts,
        )
        self._promotions.append(promo)
        self._by_code[code] = promo
        self._emit_promotion(promo)
        for sku in candidates:
            self._add_product(promo, sku, created_ts)

    def _matches(self, sku: str, wanted: tuple[str | None, str | None]) -> bool:
        product = self._catalogue.product(sku)
        brand, category = wanted
        return (brand is None or product.brand == brand) and (category is None or product.category == category)

    def _widen(self, promo: Promotion, ts: int, sellable: list[str]) -> None:
        """Merchandising adds a few more SKUs to a promotion that has not ended yet."""
        extra = [sku for sku in sellable if sku not in promo.products]
        for sku in self._rng.sample(extra, min(len(extra), self._rng.randint(1, 3))):
            self._add_product(promo, sku, ts)

    def _add_product(self, promo: Promotion, sku: str, ts: int) -> None:
        promo.products[sku] = ts
        record: Record = {"promo_code": promo.code, "sku": sku, "updated_at": iso_ts(ts)}
        self._outbox.put(PROMOTION_PRODUCTS, ts, record)

    def _campaign(self, promo: Promotion, day_start: int, customers: CustomerBook) -> None:
        """E-mail the promotion to a sample of opted-in customers; each stage is rarer and later."""
        rng = self._rng
        pool = [c for c in customers.available() if c.marketing_opt_in]
        recipients = rng.sample(pool, min(len(pool), max(_MIN_RECIPIENTS, round(0.08 * len(pool)))))
        last_redeem = epoch(promo.end) + DAY - 1
        for customer in recipients:
            ts = MORNING_HOURS.sample(rng, day_start)
            self._event(promo.code, customer.customer_id, "sent", ts)
            if rng.random() >= 0.45:
                continue
            ts += rng.randint(10 * MINUTE, 48 * HOUR)
            self._event(promo.code, customer.customer_id, "opened", ts)
            if rng.random() >= 0.35:
                continue
            ts += rng.randint(MINUTE, 24 * HOUR)
            self._event(promo.code, customer.customer_id, "clicked", ts)
            if rng.random() >= 0.35:
                continue
            ts += rng.randint(5 * MINUTE, 72 * HOUR)
            if ts <= last_redeem:
                self._redemptions.setdefault(self._outbox.day_index(ts), []).append(
                    Redemption(ts, promo.code, customer.customer_id)
                )

    def _event(self, promo_code: str, customer_id: str, event_type: str, ts: int) -> None:
        self._event_seq += 1
        record: Record = {
            "event_id": f"CEV-{self._event_seq:010d}",
            "promo_code": promo_code,
            "customer_id": customer_id,
            "event_type": event_type,
            "event_ts": iso_ts(ts),
        }
        self._outbox.put(CAMPAIGN_EVENTS, ts, record)

    def _emit_promotion(self, promo: Promotion) -> None:
        record: Record = {
            "promo_code": promo.code,
            "promotion_name": promo.name,
            "discount_type": promo.discount_type,
            "discount_value": money(promo.discount_value),
            "start_date": promo.start.isoformat(),
            "end_date": promo.end.isoformat(),
            "channel": promo.channel,
            "updated_at": iso_ts(promo.updated_ts),
        }
        self._outbox.put(PROMOTIONS, promo.updated_ts, record)
