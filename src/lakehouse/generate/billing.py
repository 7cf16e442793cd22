"""Billing simulation: plans (``billing/plans``) and subscription lifecycles (``billing/subscription_events``).

Every subscription's story starts with ``created``; then, once per billing interval, ``renewed`` (or
``payment_failed`` followed by a retry that renews or ends in ``cancelled``), sometimes ``plan_changed``,
and for the churners a voluntary ``cancelled``. The initial load carries the history of subscriptions
started in the year before the first day, so renewals and churn are visible from the start.
Amounts: the charge in the plan currency for created / renewed / plan_changed (the new plan's price), the
attempted charge for payment_failed, and 0.00 for cancelled.
"""

from __future__ import annotations

import heapq
import random
from bisect import bisect_right
from dataclasses import dataclass, field
from decimal import Decimal

from lakehouse.generate.common import (
    DAY,
    HOUR,
    OFFICE_HOURS,
    ONLINE_HOURS,
    Outbox,
    Record,
    about,
    add_months,
    iso_ts,
    money,
)
from lakehouse.generate.customers import Customer, CustomerBook
from lakehouse.generate.reference import PLAN_CURRENCY, PLANS

PLANS_ENTITY = "billing/plans"
SUBSCRIPTION_EVENTS = "billing/subscription_events"

# Per billing period: probability of a voluntary cancel, of a plan change, of a failed payment.
_PERIOD_RATES: dict[str, tuple[float, float, float]] = {"monthly": (0.05, 0.03, 0.04), "yearly": (0.15, 0.05, 0.04)}
_RETRY_DELAY = 3 * DAY
_RECOVERY_RATE = 0.7


@dataclass
class Plan:
    """A billing plan with its price history (a price change is a new plan record)."""

    plan_id: str
    plan_name: str
    billing_interval: str
    currency: str
    updated_ts: int
    price_ts: list[int] = field(default_factory=list)
    prices: list[Decimal] = field(default_factory=list)

    def price_at(self, ts: int) -> Decimal:
        """The plan price valid at ``ts``."""
        return self.prices[max(0, bisect_right(self.price_ts, ts) - 1)]

    def next_period(self, ts: int) -> int:
        """When a period starting at ``ts`` ends (calendar months, so Jan 31 renews on Feb 28)."""
        return add_months(ts, 1 if self.billing_interval == "monthly" else 12)


@dataclass
class Subscription:
    """A subscription's state and the single next event scheduled for it."""

    subscription_id: str
    customer_id: str
    plan_id: str
    period_start: int
    due: int = 0
    next_ts: int = 0
    next_kind: str = ""


class Billing:
    """The subscription billing system."""

    def __init__(self, rng: random.Random, outbox: Outbox, start_ts: int, scale: float) -> None:
        self._rng = rng
        self._outbox = outbox
        self._start_ts = start_ts
        self._scale = scale
        self._plans: dict[str, Plan] = {}
        self._subscriptions: list[Subscription] = []
        self._queue: list[tuple[int, int]] = []  # (next event ts, index into _subscriptions)
        self._subscribed: set[str] = set()
        self._event_seq = 0

    def bootstrap(self, customers: CustomerBook) -> None:
        """Plans as they stand, then a year of subscription history up to the first day."""
        rng = self._rng
        for template in PLANS:
            plan = Plan(
                template.plan_id,
                template.plan_name,
                template.billing_interval,
                PLAN_CURRENCY,
                OFFICE_HOURS.sample(rng, self._start_ts - 400 * DAY),
            )
            plan.price_ts.append(plan.updated_ts)
            plan.prices.append(template.price)
            self._plans[plan.plan_id] = plan
            self._emit_plan(plan)
        starts: list[tuple[int, Customer]] = []
        for _ in range(max(3, round(600 * self._scale))):
            customer = self._unsubscribed(customers)
            if customer is None:
                break
            low = max(customer.created_ts + HOUR, self._start_ts - 365 * DAY)
            if low < self._start_ts - HOUR:
                self._subscribed.add(customer.customer_id)
                starts.append((rng.randint(low, self._start_ts - HOUR), customer))
        for ts, customer in sorted(starts, key=lambda item: (item[0], item[1].customer_id)):
            self._subscribe(customer, ts)
        self._advance(self._start_ts)

    def simulate_day(self, day: int, customers: CustomerBook) -> None:
        """Plan price changes (from day 1), new subscriptions, then every event due today."""
        rng = self._rng
        day_start = self._start_ts + day * DAY
        if day > 0:
            for plan in self._plans.values():
                if rng.random() < 0.02:
                    old = plan.prices[-1]
                    new = (old * Decimal(str(round(rng.uniform(1.05, 1.12), 3)))).quantize(Decimal("0.1"))
                    plan.updated_ts = OFFICE_HOURS.sample(rng, day_start)
                    plan.price_ts.append(plan.updated_ts)
                    plan.prices.append(new - Decimal("0.01"))
                    self._emit_plan(plan)
        stamps = sorted(ONLINE_HOURS.sample(rng, day_start) for _ in range(max(1, about(rng, 15 * self._scale))))
        for ts in stamps:
            customer = self._unsubscribed(customers)
            if customer is not None:
                self._subscribed.add(customer.customer_id)
                self._subscribe(customer, ts)
        self._advance(day_start + DAY)

    # --- helpers --------------------------------------------------------------------------------------
    def _unsubscribed(self, customers: CustomerBook) -> Customer | None:
        """A customer without a subscription (anyone who ever subscribed is not asked again)."""
        pool = customers.available()
        for _ in range(20):
            customer = pool[self._rng.randrange(len(pool))]
            if customer.customer_id not in self._subscribed:
                return customer
        return None

    def _subscribe(self, customer: Customer, ts: int) -> None:
        rng = self._rng
        plan_ids = list(self._plans)
        plan_id = rng.choices(plan_ids, [template.weight for template in PLANS])[0]
        subscription = Subscription(f"SUB-{len(self._subscriptions) + 1:08d}", customer.customer_id, plan_id, ts)
        self._subscriptions.append(subscription)
        self._emit(subscription, "created", ts, self._plans[plan_id].price_at(ts))
        self._schedule(len(self._subscriptions) - 1, ts)

    def _schedule(self, index: int, after: int) -> None:
        """Decide what happens to a subscription by the end of its current period."""
        rng = self._rng
        subscription = self._subscriptions[index]
        plan = self._plans[subscription.plan_id]
        due = plan.next_period(subscription.period_start)
        cancel, change, fail = _PERIOD_RATES[plan.billing_interval]
        draw = rng.random()
        if draw < cancel:
            kind, ts = "cancelled", due - rng.randint(DAY, 10 * DAY)
        elif draw < cancel + change:
            kind, ts = "plan_changed", due - rng.randint(DAY, 10 * DAY)
        elif draw < cancel + change + fail:
            kind, ts = "payment_failed", due
        else:
            kind, ts = "renewed", due
        subscription.due, subscription.next_kind, subscription.next_ts = due, kind, max(ts, after + HOUR)
        heapq.heappush(self._queue, (subscription.next_ts, index))

    def _advance(self, until: int) -> None:
        """Fire every scheduled event before ``until``, in time order."""
        rng = self._rng
        while self._queue and self._queue[0][0] < until:
            ts, index = heapq.heappop(self._queue)
            subscription = self._subscriptions[index]
            plan = self._plans[subscription.plan_id]
            kind = subscription.next_kind
            if kind == "renewed" or (kind == "retry" and rng.random() < _RECOVERY_RATE):
                self._emit(subscription, "renewed", ts, plan.price_at(ts))
                subscription.period_start = subscription.due
                self._schedule(index, ts)
            elif kind == "payment_failed":
                self._emit(subscription, "payment_failed", ts, plan.price_at(ts))
                subscription.next_kind, subscription.next_ts = "retry", ts + _RETRY_DELAY
                heapq.heappush(self._queue, (subscription.next_ts, index))
            elif kind == "plan_changed":
                others = [plan_id for plan_id in self._plans if plan_id != subscription.plan_id]
                subscription.plan_id = rng.choice(others)
                self._emit(subscription, "plan_changed", ts, self._plans[subscription.plan_id].price_at(ts))
                subscription.period_start = ts
                self._schedule(index, ts)
            else:  # a voluntary cancel, or a retry that failed again
                self._emit(subscription, "cancelled", ts, Decimal("0.00"))

    def _emit(self, subscription: Subscription, event_type: str, ts: int, amount: Decimal) -> None:
        self._event_seq += 1
        record: Record = {
            "event_id": f"SEV-{self._event_seq:010d}",
            "subscription_id": subscription.subscription_id,
            "customer_id": subscription.customer_id,
            "plan_id": subscription.plan_id,
            "event_type": event_type,
            "amount": money(amount),
            "currency": self._plans[subscription.plan_id].currency,
            "event_ts": iso_ts(ts),
        }
        self._outbox.put(SUBSCRIPTION_EVENTS, ts, record)

    def _emit_plan(self, plan: Plan) -> None:
        record: Record = {
            "plan_id": plan.plan_id,
            "plan_name": plan.plan_name,
            "billing_interval": plan.billing_interval,
            "price": money(plan.prices[-1]),
            "currency": plan.currency,
            "updated_at": iso_ts(plan.updated_ts),
        }
        self._outbox.put(PLANS_ENTITY, plan.updated_ts, record)
