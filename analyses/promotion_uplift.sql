-- Promotion uplift, day by day: net revenue (EUR) of each promotion's eligible products per day, split into
-- the baseline window before the promotion and the promotion window, next to the mart's summary numbers.
-- Use it to eyeball whether the uplift in mart_promotion_performance comes from a few outlier days.
-- Compile with `dbt compile --select promotion_uplift`.

{%- set baseline_days = var('promo_baseline_days', 28) %}

with mart_promotion_performance as (
    select
        promo_code,
        promotion_name,
        start_date,
        end_date,
        baseline_daily_revenue_eur,
        promotion_daily_revenue_eur,
        uplift_pct
    from {{ ref('mart_promotion_performance') }}
),

dim_promotion as (
    select
        promotion_hk,
        promo_code
    from {{ ref('dim_promotion') }}
    where is_current
        and promotion_hk is not null
),

lnk_promotion_product as (
    select
        promotion_hk,
        product_hk
    from {{ ref('lnk_promotion_product') }}
),

dim_product as (
    select
        product_sk,
        product_hk
    from {{ ref('dim_product') }}
),

fact_order_lines as (
    select
        product_sk,
        order_date,
        net_amount_eur,
        is_cancelled,
        promo_code
    from {{ ref('fact_order_lines') }}
),

eligible_daily_revenue as (
    select
        dim_promotion.promo_code,
        fact_order_lines.order_date,
        sum(fact_order_lines.net_amount_eur) as net_revenue_eur,
        sum(
            case
                when fact_order_lines.promo_code = dim_promotion.promo_code then fact_order_lines.net_amount_eur else 0
            end
        ) as net_revenue_with_code_eur
    from dim_promotion
    inner join (
        select distinct
            promotion_hk,
            product_hk
        from lnk_promotion_product
    ) as eligible
        on dim_promotion.promotion_hk = eligible.promotion_hk
    inner join dim_product
        on eligible.product_hk = dim_product.product_hk
    inner join fact_order_lines
        on dim_product.product_sk = fact_order_lines.product_sk
    where not fact_order_lines.is_cancelled
    group by
        dim_promotion.promo_code,
        fact_order_lines.order_date
)

select
    mart_promotion_performance.promo_code,
    mart_promotion_performance.promotion_name,
    eligible_daily_revenue.order_date,
    case
        when eligible_daily_revenue.order_date < mart_promotion_performance.start_date then 'baseline'
        when eligible_daily_revenue.order_date <= mart_promotion_performance.end_date then 'promotion'
        else 'after'
    end as period,
    eligible_daily_revenue.net_revenue_eur,
    eligible_daily_revenue.net_revenue_with_code_eur,
    mart_promotion_performance.baseline_daily_revenue_eur,
    mart_promotion_performance.promotion_daily_revenue_eur,
    mart_promotion_performance.uplift_pct
from mart_promotion_performance
inner join eligible_daily_revenue
    on mart_promotion_performance.promo_code = eligible_daily_revenue.promo_code
    and eligible_daily_revenue.order_date >= date_sub(mart_promotion_performance.start_date, {{ baseline_days }})
order by
    mart_promotion_performance.promo_code,
    eligible_daily_revenue.order_date
