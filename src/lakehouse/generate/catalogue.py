"""ERP simulation: the product catalogue (``erp/products``) and per-market shelf prices (``erp/product_prices``).

The catalogue is also the source of truth the shop asks for "which SKUs can be sold today" and "what did
this SKU cost in that market at that second", so order lines always carry the price that was valid.
"""

from __future__ import annotations

import random
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from lakehouse.generate.common import DAY, HOUR, OFFICE_HOURS, Outbox, Record, about, date_of, epoch, iso_ts, money
from lakehouse.generate.reference import (
    BRAND_WEIGHTS,
    BRANDS,
    CATEGORIES,
    CATRICE_PRICE_FACTOR,
    MARKETS,
    PRODUCT_LINES,
    SHADE_NAMES,
    SIZES,
    SKU_PREFIX,
    Category,
)

PRODUCTS = "erp/products"
PRODUCT_PRICES = "erp/product_prices"

# Psychological price endings per currency: (rounding step, amount taken off), e.g. EUR 3.95, PLN 17.99.
_PRICE_ENDINGS: dict[str, tuple[Decimal, Decimal]] = {
    "EUR": (Decimal("0.10"), Decimal("0.05")),
    "CHF": (Decimal("0.50"), Decimal("0.10")),
    "PLN": (Decimal("1"), Decimal("0.01")),
    "GBP": (Decimal("0.50"), Decimal("0.01")),
}


def shelf_price(value: Decimal, currency: str) -> Decimal:
    """Round a raw price to the shelf-price ending customary in ``currency`` (never below one step)."""
    step, offset = _PRICE_ENDINGS[currency]
    steps = max(Decimal(1), (value / step).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return steps * step - offset


@dataclass
class Product:
    """Current ERP state of one SKU plus the moments that decide whether the shop may sell it."""

    sku: str
    name: str
    brand: str
    category: str
    subcategory: str
    list_price: Decimal
    launch_date: date
    status: str
    updated_ts: int
    sellable_from_ts: int | None = None  # set when the product becomes active
    discontinued_ts: int | None = None


class Catalogue:
    """The ERP: products, their lifecycle and price history, exported as daily CDC deltas."""

    def __init__(self, rng: random.Random, outbox: Outbox, start_ts: int, scale: float) -> None:
        self._rng = rng
        self._outbox = outbox
        self._start_ts = start_ts
        self._size = max(40, round(300 * scale))
        self._products: dict[str, Product] = {}
        self._price_ts: dict[tuple[str, str], list[int]] = {}
        self._price_value: dict[tuple[str, str], list[Decimal]] = {}
        self._used_numbers: dict[str, set[int]] = {brand: set() for brand in BRANDS}

    # --- queries used by the other systems ------------------------------------------------------------
    def product(self, sku: str) -> Product:
        """The current state of ``sku``."""
        return self._products[sku]

    def sellable(self, day: int) -> list[str]:
        """SKUs the shop can sell during the whole of ``day``, in catalogue order (deterministic).

        A product activated during a day is sold from the next day on, and one discontinued during a day is
        no longer sold that day, so no order line ever precedes its product's activation or follows its end.
        """
        day_start = self._start_ts + day * DAY
        return [
            p.sku
            for p in self._products.values()
            if p.sellable_from_ts is not None and p.sellable_from_ts < day_start and p.discontinued_ts is None
        ]

    def price_at(self, sku: str, market: str, ts: int) -> Decimal:
        """The shelf price of ``sku`` in ``market`` valid at ``ts`` (the last change at or before it)."""
        key = (sku, market)
        index = bisect_right(self._price_ts[key], ts) - 1
        if index < 0:
            raise LookupError(f"no price for {sku} in {market} at {iso_ts(ts)}")
        return self._price_value[key][index]

    # --- simulation -------------------------------------------------------------------------------------
    def bootstrap(self) -> None:
        """The initial full extract: the whole catalogue and every SKU x market price, history-dated."""
        rng = self._rng
        start_date = date_of(self._start_ts)
        announced = max(1, round(0.03 * self._size))
        for index in range(self._size):
            if index < announced:  # announced, launches during the simulated weeks
                launch = start_date + timedelta(days=rng.randint(1, 20))
                updated = rng.randint(self._start_ts - 20 * DAY, self._start_ts - HOUR)
                product = self._new_product(launch, "planned", updated)
            else:
                launch = start_date - timedelta(days=rng.randint(30, 5 * 365))
                updated = rng.randint(epoch(launch) - 30 * DAY, self._start_ts - HOUR)
                product = self._new_product(launch, "active", updated)
                product.sellable_from_ts = epoch(launch)
            self._emit_product(product)
            self._emit_all_prices(product)

    def simulate_day(self, day: int) -> None:
        """One business day of ERP changes: launches, new products, price changes, discontinuations."""
        if day == 0:
            return  # day 0 is the initial extract; changes start the day after
        rng = self._rng
        day_start = self._start_ts + day * DAY
        today = date_of(day_start)
        touched: set[str] = set()

        for product in list(self._products.values()):
            if product.status == "planned" and product.launch_date <= today:
                product.status = "active"
                product.updated_ts = day_start + rng.randrange(HOUR)
                product.sellable_from_ts = product.updated_ts
                touched.add(product.sku)
                self._emit_product(product)

        for _ in range(about(rng, 0.004 * self._size)):
            launch = today + timedelta(days=rng.randint(3, 21))
            product = self._new_product(launch, "planned", OFFICE_HOURS.sample(rng, day_start))
            touched.add(product.sku)
            self._emit_product(product)
            self._emit_all_prices(product)

        active = [p for p in self._products.values() if p.status == "active" and p.sku not in touched]
        for product in self._pick(active, max(1, round(0.006 * self._size)), touched):
            factor = Decimal(str(round(rng.uniform(0.9, 1.15), 3)))
            new_price = shelf_price(product.list_price * factor, "EUR")
            if new_price == product.list_price:
                new_price += Decimal("0.50")
            product.list_price = new_price
            product.updated_ts = OFFICE_HOURS.sample(rng, day_start)
            self._emit_product(product)
            self._emit_all_prices(product)

        active = [p for p in active if p.sku not in touched]
        for product in self._pick(active, max(1, round(0.01 * self._size)), touched):
            market = rng.choice(MARKETS)
            ts = OFFICE_HOURS.sample(rng, day_start)
            old = self.price_at(product.sku, market.code, ts)
            new = shelf_price(old * Decimal(str(round(rng.uniform(0.85, 1.1), 3))), market.currency)
            if new == old:
                new = shelf_price(old * Decimal("1.1") + Decimal("0.5"), market.currency)
            self._set_price(product.sku, market.code, market.currency, new, ts)

        active = [p for p in active if p.sku not in touched]
        if len(active) > max(10, self._size // 2):
            for product in self._pick(active, about(rng, 0.002 * self._size), touched):
                product.status = "discontinued"
                product.updated_ts = OFFICE_HOURS.sample(rng, day_start)
                product.discontinued_ts = product.updated_ts
                self._emit_product(product)

    # --- helpers ----------------------------------------------------------------------------------------
    def _pick(self, candidates: list[Product], count: int, touched: set[str]) -> list[Product]:
        """Up to ``count`` distinct products, marked as touched so no SKU changes twice in one day."""
        chosen = self._rng.sample(candidates, min(count, len(candidates)))
        touched.update(p.sku for p in chosen)
        return chosen

    def _new_sku(self, brand: str) -> str:
        used = self._used_numbers[brand]
        while True:
            number = self._rng.randrange(100_000)
            if number not in used:
                used.add(number)
                return f"{SKU_PREFIX[brand]}{number:05d}"

    def _new_product(self, launch: date, status: str, updated_ts: int) -> Product:
        rng = self._rng
        brand = rng.choices(BRANDS, BRAND_WEIGHTS)[0]
        category: Category = rng.choices(CATEGORIES, [c.weight for c in CATEGORIES])[0]
        subcategory = rng.choice(category.subcategories)
        line = rng.choice(PRODUCT_LINES[brand])
        shade = f"{rng.randrange(1, 40) * 10:03d} {rng.choice(SHADE_NAMES)}"
        variant = shade if category.shaded else rng.choice(SIZES)
        low, high = category.price_low, category.price_high
        raw = low + (high - low) * Decimal(str(round(rng.random(), 3)))
        if brand == "CATRICE":
            raw *= CATRICE_PRICE_FACTOR
        product = Product(
            sku=self._new_sku(brand),
            name=f"{line} {subcategory.title()} {variant}",
            brand=brand,
            category=category.name,
            subcategory=subcategory,
            list_price=shelf_price(raw, "EUR"),
            launch_date=launch,
            status=status,
            updated_ts=updated_ts,
        )
        self._products[product.sku] = product
        return product

    def _emit_product(self, product: Product) -> None:
        record: Record = {
            "sku": product.sku,
            "product_name": product.name,
            "brand": product.brand,
            "category": product.category,
            "subcategory": product.subcategory,
            "list_price_eur": money(product.list_price),
            "launch_date": product.launch_date.isoformat(),
            "status": product.status,
            "updated_at": iso_ts(product.updated_ts),
        }
        self._outbox.put(PRODUCTS, product.updated_ts, record)

    def _emit_all_prices(self, product: Product) -> None:
        """Re-derive every market's shelf price from the EUR list price (a list-price change reprices all)."""
        for market in MARKETS:
            price = shelf_price(product.list_price * market.price_factor, market.currency)
            self._set_price(product.sku, market.code, market.currency, price, product.updated_ts)

    def _set_price(self, sku: str, market: str, currency: str, price: Decimal, ts: int) -> None:
        key = (sku, market)
        self._price_ts.setdefault(key, []).append(ts)
        self._price_value.setdefault(key, []).append(price)
        record: Record = {
            "sku": sku,
            "market": market,
            "price": money(price),
            "currency": currency,
            "updated_at": iso_ts(ts),
        }
        self._outbox.put(PRODUCT_PRICES, ts, record)
