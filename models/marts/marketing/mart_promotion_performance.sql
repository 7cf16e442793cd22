{#-
    One row per promotion (its current definition) with its results so far. Money in EUR; cancelled orders
    excluded from purchases, discounts and returns.
      redemptions         distinct orders that used the promo code
      revenue_eur         net revenue of the lines bought with the code
      discount_cost_eur   discount granted through the code
      return_rate         units returned / units bought with the code
      uplift              baseline = average daily net revenue (all orders, with or without a code) of the
                          promotion's eligible products (lnk_promotion_product) over the
                          var promo_baseline_days (default 28) days before start_date; promotion period =
                          the same measure from start_date to end_date. Only days covered by order data
                          count in either average; uplift_pct = promotion / baseline - 1 (NULL without a
                          baseline).
-#}

with dim_promotion as (
    select
        promotion_sk,
        promotion_hk,
        promo_code,
        promotion_name,
        discount_type,
        channel,
        discount_value,
        start_date,
        end_date
    from {{ ref('dim_promotion') }}
    where is_current
        and promotion_hk is not null
),

fact_promotion_events as (
    select
        promo_code,
        event_type,
        order_id,
        quantity,
        amount_eur,
        is_cancelled
    from {{ ref('fact_promotion_events') }}
),

fact_order_lines as (
    select
        product_sk,
        net_amount_eur,
        is_cancelled,
        order_date
    from {{ ref('fact_order_lines') }}
),

dim_product as (
    select
        product_sk,
        product_hk
    from {{ ref('dim_product') }}
    where product_hk is not null
),

lnk_promotion_product as (
    select
        promotion_hk,
        product_hk
    from {{ ref('lnk_promotion_product') }}
),

event_results as (
    select
        promo_code,
        count(distinct case when event_type = 'purchase' and not is_cancelled then order_id end) as redemptions,
        sum(case when event_type = 'purchase' and not is_cancelled then quantity else 0 end) as units_sold,
        sum(case when event_type = 'purchase' and not is_cancelled then amount_eur else 0 end) as revenue_eur,
        sum(case when event_type = 'discount' and not is_cancelled then amount_eur else 0 end) as discount_cost_eur,
        sum(case when event_type = 'return' then quantity else 0 end) as returned_units,
        sum(case when event_type = 'return' then amount_eur else 0 end) as refund_eur,
        count(case when event_type = 'campaign_sent' then 1 end) as campaign_sent,
        count(case when event_type = 'campaign_opened' then 1 end) as campaign_opened,
        count(case when event_type = 'campaign_clicked' then 1 end) as campaign_clicked,
        count(case when event_type = 'campaign_redeemed' then 1 end) as campaign_redeemed
    from fact_promotion_events
    group by promo_code
),

eligible_products as (
    select distinct
        promotion_hk,
        product_hk
    from lnk_promotion_product
),

order_coverage as (
    select
        min(order_date) as first_order_date,
        max(order_date) as last_order_date
    from fact_order_lines
),

daily_product_revenue as (
    select
        dim_product.product_hk,
        fact_order_lines.order_date,
        sum(fact_order_lines.net_amount_eur) as net_amount_eur
    from fact_order_lines
    inner join dim_product
        on fact_order_lines.product_sk = dim_product.product_sk
    where not fact_order_lines.is_cancelled
    group by
        dim_product.product_hk,
        fact_order_lines.order_date
),

promotion_windows as (
    -- baseline and promotion periods, both cut to the days the order data covers
    select
        dim_promotion.promotion_hk,
        greatest(
            date_sub(dim_promotion.start_date, {{ var('promo_baseline_days', 28) }}), order_coverage.first_order_date
        )
            as baseline_from,
        least(date_sub(dim_promotion.start_date, 1), order_coverage.last_order_date) as baseline_to,
        greatest(dim_promotion.start_date, order_coverage.first_order_date) as promotion_from,
        least(dim_promotion.end_date, order_coverage.last_order_date) as promotion_to
    from dim_promotion
    cross join order_coverage
),

window_revenue as (
    select
        promotion_windows.promotion_hk,
        sum(case
            when daily_product_revenue.order_date
                between promotion_windows.baseline_from and promotion_windows.baseline_to
                then daily_product_revenue.net_amount_eur
        end) as baseline_revenue_eur,
        sum(case
            when daily_product_revenue.order_date
                between promotion_windows.promotion_from and promotion_windows.promotion_to
                then daily_product_revenue.net_amount_eur
        end) as promotion_revenue_eur
    from promotion_windows
    inner join eligible_products
        on promotion_windows.promotion_hk = eligible_products.promotion_hk
    inner join daily_product_revenue
        on eligible_products.product_hk = daily_product_revenue.product_hk
    group by promotion_windows.promotion_hk
),

uplift as (
    select
        promotion_windows.promotion_hk,
        greatest(datediff(promotion_windows.baseline_to, promotion_windows.baseline_from) + 1, 0) as baseline_days,
        greatest(datediff(promotion_windows.promotion_to, promotion_windows.promotion_from) + 1, 0) as promotion_days,
        coalesce(window_revenue.baseline_revenue_eur, 0) as baseline_revenue_eur,
        coalesce(window_revenue.promotion_revenue_eur, 0) as promotion_revenue_eur
    from promotion_windows
    left join window_revenue
        on promotion_windows.promotion_hk = window_revenue.promotion_hk
),

eligible_counts as (
    select
        promotion_hk,
        count(*) as eligible_products
    from eligible_products
    group by promotion_hk
),

final as (
    select
        dim_promotion.promo_code,
        dim_promotion.promotion_sk,
        dim_promotion.promotion_name,
        dim_promotion.discount_type,
        dim_promotion.channel,
        cast(dim_promotion.discount_value as decimal(18, 2)) as discount_value,
        cast(coalesce(eligible_counts.eligible_products, 0) as bigint) as eligible_products,
        cast(coalesce(event_results.redemptions, 0) as bigint) as redemptions,
        cast(coalesce(event_results.units_sold, 0) as bigint) as units_sold,
        cast(coalesce(event_results.revenue_eur, 0) as decimal(18, 2)) as revenue_eur,
        cast(coalesce(event_results.discount_cost_eur, 0) as decimal(18, 2)) as discount_cost_eur,
        cast(coalesce(event_results.returned_units, 0) as bigint) as returned_units,
        cast(coalesce(event_results.refund_eur, 0) as decimal(18, 2)) as refund_eur,
        cast(event_results.returned_units as double) / nullif(event_results.units_sold, 0) as return_rate,
        cast(coalesce(event_results.campaign_sent, 0) as bigint) as campaign_sent,
        cast(coalesce(event_results.campaign_opened, 0) as bigint) as campaign_opened,
        cast(coalesce(event_results.campaign_clicked, 0) as bigint) as campaign_clicked,
        cast(coalesce(event_results.campaign_redeemed, 0) as bigint) as campaign_redeemed,
        cast(uplift.baseline_days as int) as baseline_days,
        cast(uplift.promotion_days as int) as promotion_days,
        cast(round(uplift.baseline_revenue_eur / nullif(uplift.baseline_days, 0), 2) as decimal(18, 2))
            as baseline_daily_revenue_eur,
        cast(round(uplift.promotion_revenue_eur / nullif(uplift.promotion_days, 0), 2) as decimal(18, 2))
            as promotion_daily_revenue_eur,
        cast(
            (uplift.promotion_revenue_eur / nullif(uplift.promotion_days, 0))
            / nullif(uplift.baseline_revenue_eur / nullif(uplift.baseline_days, 0), 0) - 1
            as double
        ) as uplift_pct,
        dim_promotion.start_date,
        dim_promotion.end_date
    from dim_promotion
    left join event_results
        on dim_promotion.promo_code = event_results.promo_code
    left join eligible_counts
        on dim_promotion.promotion_hk = eligible_counts.promotion_hk
    left join uplift
        on dim_promotion.promotion_hk = uplift.promotion_hk
)

select
    promo_code,
    promotion_sk,
    promotion_name,
    discount_type,
    channel,
    discount_value,
    eligible_products,
    redemptions,
    units_sold,
    revenue_eur,
    discount_cost_eur,
    returned_units,
    refund_eur,
    return_rate,
    campaign_sent,
    campaign_opened,
    campaign_clicked,
    campaign_redeemed,
    baseline_days,
    promotion_days,
    baseline_daily_revenue_eur,
    promotion_daily_revenue_eur,
    uplift_pct,
    start_date,
    end_date
from final
