"""Shop simulation: orders with their status history, order lines and returns.

Produces ``shop/orders`` (one record per status change), ``shop/order_lines`` (written once, with the
order) and ``shop/returns``. The whole life of an order is decided when it is placed, because nothing that
happens later in the simulation changes it; the outbox then delivers each record on the day it happens.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from itertools import accumulate

from lakehouse.generate.catalogue import Catalogue
from lakehouse.generate.common import (
    CENT,
    DAY,
    HOUR,
    MINUTE,
    ONLINE_HOURS,
    RETAIL_HOURS,
    Outbox,
    Record,
    about,
    iso_ts,
    money,
    round_cent,
)
from lakehouse.generate.customers import Customer, CustomerBook
from lakehouse.generate.marketing import Marketing, Promotion
from lakehouse.generate.reference import (
    CHANNEL_WEIGHTS,
    CHANNELS,
    MARKET_BY_CODE,
    RETURN_REASON_WEIGHTS,
    RETURN_REASONS,
)

ORDERS = "shop/orders"
ORDER_LINES = "shop/order_lines"
RETURNS = "shop/returns"

MAX_LINES = 6
_LINE_COUNTS: tuple[int, ...] = tuple(range(1, MAX_LINES + 1))
# Cumulative weights (``random.choices(cum_weights=...)``): the hot loop then skips re-accumulating them.
_LINE_COUNT_CUM: tuple[float, ...] = tuple(accumulate((0.30, 0.25, 0.18, 0.12, 0.09, 0.06)))
_QUANTITIES: tuple[int, ...] = (1, 2, 3)
_QUANTITY_CUM: tuple[float, ...] = tuple(accumulate((0.75, 0.18, 0.07)))
_CHANNEL_CUM: tuple[float, ...] = tuple(accumulate(CHANNEL_WEIGHTS))
_RETURN_DELAY_DAYS: tuple[int, ...] = tuple(range(1, 11))
_RETURN_DELAY_WEIGHTS: tuple[float, ...] = (0.05, 0.12, 0.16, 0.16, 0.14, 0.11, 0.09, 0.07, 0.05, 0.05)
_PROMO_USE_RATE = 0.12
_NO_DISCOUNT = Decimal("0.00")


def line_discount(promo: Promotion, unit_price: Decimal, quantity: int, currency: str) -> Decimal:
    """The discount a promotion gives on one order line, in the order's currency.

    ``percent``: ``discount_value`` percent of the line's gross value, rounded half up to the cent.
    ``amount``: ``discount_value`` EUR off per unit, converted at the market's reference rate and rounded
    to the cent, capped at the line's gross value (an item never costs less than nothing).
    """
    gross = unit_price * quantity
    if promo.discount_type == "percent":
        return round_cent(gross * promo.discount_value / 100)
    per_unit = round_cent(promo.discount_value * _fx_from_eur(currency))
    return min(gross, per_unit * quantity)


def _fx_from_eur(currency: str) -> Decimal:
    for market in MARKET_BY_CODE.values():
        if market.currency == currency:
            return market.fx_from_eur
    raise KeyError(currency)


@dataclass(frozen=True)
class _Line:
    number: int
    sku: str
    quantity: int
    unit_price: Decimal
    discount: Decimal
    promo_code: str | None


class OrderDesk:
    """The web shop, app and store tills of all markets."""

    def __init__(
        self,
        rng: random.Random,
        outbox: Outbox,
        catalogue: Catalogue,
        marketing: Marketing,
        start_ts: int,
        scale: float,
    ) -> None:
        self._rng = rng
        self._outbox = outbox
        self._catalogue = catalogue
        self._marketing = marketing
        self._start_ts = start_ts
        self._scale = scale
        self._orders_per_day: dict[str, int] = {}
        self._return_seq = 0
        self._sellable: list[str] = []
        self._sellable_set: set[str] = set()

    def simulate_day(self, day: int, customers: CustomerBook) -> None:
        """Campaign redemptions first (they were decided earlier), then the day's organic orders."""
        rng = self._rng
        day_start = self._start_ts + day * DAY
        self._sellable = self._catalogue.sellable(day)
        self._sellable_set = set(self._sellable)
        for redemption in self._marketing.take_redemptions(day):
            promo = self._marketing.promotion(redemption.promo_code)
            customer = customers.get(redemption.customer_id)
            if self._place(customer, redemption.ts, promo.channel, promo, required=True):
                self._marketing.record_redemption(redemption)
        for _ in range(max(3, about(rng, 2000 * self._scale))):
            channel = rng.choices(CHANNELS, cum_weights=_CHANNEL_CUM)[0]
            profile = RETAIL_HOURS if channel == "retail" else ONLINE_HOURS
            ts = profile.sample(rng, day_start)
            running = self._marketing.running(channel)
            promo = rng.choice(running) if running and rng.random() < _PROMO_USE_RATE else None
            self._place(customers.pick(rng), ts, channel, promo, required=False)

    def _place(self, customer: Customer, ts: int, channel: str, promo: Promotion | None, *, required: bool) -> bool:
        """Place one order and schedule its whole life; False if a required promotion cannot apply."""
        rng = self._rng
        eligible = promo.eligible(ts, self._sellable_set) if promo is not None else []
        if promo is not None and not eligible:
            if required:
                return False
            promo = None
        line_count = rng.choices(_LINE_COUNTS, cum_weights=_LINE_COUNT_CUM)[0]
        skus = rng.sample(self._sellable, min(len(self._sellable), line_count))
        if promo is not None and not any(sku in promo.products and promo.products[sku] <= ts for sku in skus):
            skus[0] = rng.choice(eligible)  # the customer came for the promotion: one eligible item at least
        eligible_set = set(eligible)
        market = MARKET_BY_CODE[customer.country]
        lines: list[_Line] = []
        for number, sku in enumerate(skus, start=1):
            quantity = rng.choices(_QUANTITIES, cum_weights=_QUANTITY_CUM)[0]
            unit_price = self._catalogue.price_at(sku, market.code, ts)
            if promo is not None and sku in eligible_set:
                discount, code = line_discount(promo, unit_price, quantity, market.currency), promo.code
            else:
                discount, code = _NO_DISCOUNT, None
            lines.append(_Line(number, sku, quantity, unit_price, discount, code))

        order_ts = iso_ts(ts)
        order_date = order_ts[:10].replace("-", "")
        self._orders_per_day[order_date] = self._orders_per_day.get(order_date, 0) + 1
        order_id = f"ORD-{order_date}-{self._orders_per_day[order_date]:06d}"
        for line in lines:
            record: Record = {
                "order_id": order_id,
                "line_number": line.number,
                "sku": line.sku,
                "quantity": line.quantity,
                "unit_price": money(line.unit_price),
                "discount_amount": money(line.discount),
                "promo_code": line.promo_code,
            }
            self._outbox.put(ORDER_LINES, ts, record)

        shipped_ts = None
        for status, status_ts in self._lifecycle(ts, channel):
            record = {
                "order_id": order_id,
                "customer_id": customer.customer_id,
                "order_ts": order_ts,
                "channel": channel,
                "currency": market.currency,
                "status": status,
                "shipping_country": customer.country,
                "updated_at": iso_ts(status_ts),
            }
            self._outbox.put(ORDERS, status_ts, record)
            if status == "shipped":
                shipped_ts = status_ts
        if shipped_ts is not None:
            self._maybe_return(order_id, lines, channel, shipped_ts)
        return True

    def _lifecycle(self, ts: int, channel: str) -> list[tuple[str, int]]:
        """Status changes of one order: placed -> paid -> shipped, or cancelled before shipping."""
        rng = self._rng
        if channel == "retail":  # paid at the till, handed over at once
            paid = ts + rng.randint(5, 180)
            return [("placed", ts), ("paid", paid), ("shipped", paid + rng.randint(5, 10 * MINUTE))]
        if rng.random() < 0.04:  # never paid, cancelled by the payment timeout
            return [("placed", ts), ("cancelled", ts + rng.randint(2 * HOUR, 36 * HOUR))]
        paid = ts + rng.randint(MINUTE, 90 * MINUTE)
        if rng.random() < 0.03:  # customer cancels before the parcel leaves
            return [("placed", ts), ("paid", paid), ("cancelled", paid + rng.randint(HOUR, 20 * HOUR))]
        return [("placed", ts), ("paid", paid), ("shipped", paid + rng.randint(12 * HOUR, 60 * HOUR))]

    def _maybe_return(self, order_id: str, lines: list[_Line], channel: str, shipped_ts: int) -> None:
        """Some shipped lines come back a few days later: part or all of the quantity, refund pro rata."""
        rng = self._rng
        rate = 0.03 if channel == "retail" else 0.06
        for line in lines:
            if rng.random() >= rate:
                continue
            quantity = rng.randint(1, line.quantity)
            paid = line.unit_price * line.quantity - line.discount
            refund = (paid * quantity / line.quantity).quantize(CENT, rounding=ROUND_DOWN)
            returned_ts = shipped_ts + rng.choices(_RETURN_DELAY_DAYS, _RETURN_DELAY_WEIGHTS)[0] * DAY
            returned_ts += rng.randint(-6 * HOUR, 6 * HOUR)
            self._return_seq += 1
            record: Record = {
                "return_id": f"RET-{self._return_seq:08d}",
                "order_id": order_id,
                "line_number": line.number,
                "sku": line.sku,
                "quantity": quantity,
                "refund_amount": money(refund),
                "reason": rng.choices(RETURN_REASONS, RETURN_REASON_WEIGHTS)[0],
                "returned_at": iso_ts(returned_ts),
            }
            self._outbox.put(RETURNS, returned_ts, record)
