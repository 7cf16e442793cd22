"""Business answers from the gold marts, printed at the end of ``lakehouse demo``.

Three questions the product brief asks of the star schema: net revenue by brand and market (Finance), the
best promotions by revenue (Marketing) and the churn rate of the last complete month (Product). Each answer
names the mart tables it reads; when one of them was not built (e.g. ``demo --select`` left the marts
out) the answer is skipped with a message instead of failing the demo.
"""

from __future__ import annotations

import decimal
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from lakehouse.sql import format_rows


@dataclass(frozen=True)
class Answer:
    title: str
    tables: tuple[str, ...]  # what the query reads; all must exist
    query: str
    empty_message: str  # printed instead of an empty table


ANSWERS = (
    Answer(
        title="Net revenue by brand and market (EUR, cancelled orders excluded)",
        tables=("marts.fact_order_lines", "marts.dim_product"),
        query=(
            "select dim_product.brand, coalesce(fact_order_lines.market, 'UNKNOWN') as market, "
            "count(*) as order_lines, sum(fact_order_lines.quantity) as units, "
            "sum(fact_order_lines.net_amount_eur) as net_revenue_eur "
            "from marts.fact_order_lines "
            "inner join marts.dim_product on fact_order_lines.product_sk = dim_product.product_sk "
            "where not fact_order_lines.is_cancelled "
            "group by dim_product.brand, coalesce(fact_order_lines.market, 'UNKNOWN') "
            "order by net_revenue_eur desc, brand, market"
        ),
        empty_message="no order lines yet",
    ),
    Answer(
        title="Top 5 promotions by revenue (EUR)",
        tables=("marts.mart_promotion_performance",),
        query=(
            "select promo_code, promotion_name, redemptions, revenue_eur, discount_cost_eur, return_rate "
            "from marts.mart_promotion_performance "
            "order by revenue_eur desc, promo_code limit 5"
        ),
        empty_message="no promotions yet",
    ),
    Answer(
        title="Subscription churn in the last complete month (all plans and markets)",
        tables=("marts.mart_churn_monthly",),
        query=(
            "select month_start_date as month, sum(active_customers_at_start) as active_at_start, "
            "sum(churned_customers) as churned, "
            "try_divide(cast(sum(churned_customers) as double), sum(active_customers_at_start)) as churn_rate "
            "from marts.mart_churn_monthly where is_complete_month "
            "group by month_start_date order by month_start_date desc limit 1"
        ),
        empty_message="no complete month yet: the subscription events do not span a whole calendar month",
    ),
)


def format_value(column: str, value: Any) -> Any:
    """Readable cells: rates as percentages, money with thousands separators and two decimals."""
    if value is None:
        return None
    if column.endswith("_rate"):
        return f"{float(value) * 100:.1f} %"
    if column.endswith("_eur"):
        return f"{decimal.Decimal(value):,.2f}"
    return value


def render_answer(answer: Answer, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """The answer's title and its result as an aligned table (or its empty message)."""
    if not rows:
        return f"{answer.title}\n  {answer.empty_message}"
    cells = [tuple(format_value(column, value) for column, value in zip(columns, row, strict=True)) for row in rows]
    return f"{answer.title}\n{format_rows(columns, cells)}"


def business_answers(spark: Any, answers: Sequence[Answer] = ANSWERS, log: Callable[[str], None] = print) -> None:
    """Print every answer whose marts exist; say which were skipped and why."""
    for answer in answers:
        missing = [table for table in answer.tables if not spark.catalog.tableExists(table)]
        log("")
        if missing:
            log(f"{answer.title}\n  skipped: {', '.join(missing)} not built (select the marts to see this)")
            continue
        frame = spark.sql(answer.query)
        log(render_answer(answer, frame.columns, [tuple(row) for row in frame.collect()]))
