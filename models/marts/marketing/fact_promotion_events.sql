{{ config(
    materialized='incremental',
    incremental_strategy='merge',
    unique_key='promotion_event_sk',
    on_schema_change='append_new_columns',
    partition_by=gold_fact_partition_by('event_date'),
    liquid_clustered_by=gold_fact_liquid_clustered_by(['event_date', 'promotion_sk']),
) }}

{#-
    One row per promotion event:
      purchase           an order line bought with a promo code (amount = net revenue of the line)
      discount           the discount a promo code granted on a line (amount = discount, only when > 0)
      return             a return of a line bought with a promo code (amount = refund)
      campaign_<type>    a campaign event: campaign_sent, campaign_opened, campaign_clicked, campaign_redeemed
    Dimension keys point at the version valid at the event time (event_at); purchase and discount rows take
    them from fact_order_lines (same event time, ordered_at).
-#}

{%- set event_columns = [
    'promotion_event_sk', 'promotion_sk', 'customer_sk', 'product_sk', 'event_type', 'event_id', 'order_id',
    'promo_code', 'currency', 'market', 'quantity', 'amount', 'amount_eur', 'is_cancelled', 'event_date',
    'event_at', 'loaded_at',
] %}

with fact_order_lines as (
    select
        order_line_sk,
        customer_sk,
        product_sk,
        promotion_sk,
        order_id,
        promo_code,
        currency,
        market,
        line_number,
        quantity,
        net_amount,
        discount_amount,
        net_amount_eur,
        discount_amount_eur,
        has_promotion,
        is_cancelled,
        order_date,
        ordered_at,
        loaded_at
    from {{ ref('fact_order_lines') }}
),

t_lnk_return as (
    select
        return_hk,
        order_line_hk,
        order_hk,
        product_hk,
        return_id,
        quantity,
        refund_amount,
        returned_at,
        load_datetime
    from {{ ref('t_lnk_return') }}
    where return_hk != {{ datavault.ghost_key() }}
),

t_lnk_campaign_event as (
    select
        campaign_event_hk,
        customer_hk,
        promotion_hk,
        event_id,
        event_type,
        event_at,
        load_datetime
    from {{ ref('t_lnk_campaign_event') }}
    where campaign_event_hk != {{ datavault.ghost_key() }}
),

lnk_order_customer as (
    select
        order_hk,
        customer_hk,
        load_datetime
    from {{ ref('lnk_order_customer') }}
),

hub_promotion as (
    select
        promotion_hk,
        promo_code
    from {{ ref('hub_promotion') }}
),

dim_customer as (
    {{ gold_dimension_versions(ref('dim_customer'), 'customer_sk', 'customer_hk', ['country']) }}
),

dim_product as (
    {{ gold_dimension_versions(ref('dim_product'), 'product_sk', 'product_hk') }}
),

dim_promotion as (
    {{ gold_dimension_versions(ref('dim_promotion'), 'promotion_sk', 'promotion_hk') }}
),

currency_fx_rates as (
    select
        currency,
        units_per_eur
    from {{ ref('currency_fx_rates') }}
),

promotion_lines as (
    select
        order_line_sk,
        customer_sk,
        product_sk,
        promotion_sk,
        order_id,
        promo_code,
        currency,
        market,
        line_number,
        quantity,
        net_amount,
        discount_amount,
        net_amount_eur,
        discount_amount_eur,
        is_cancelled,
        order_date,
        ordered_at,
        loaded_at
    from fact_order_lines
    where has_promotion
),

purchase_events as (
    select
        md5(concat_ws('|', 'purchase', order_line_sk)) as promotion_event_sk,
        promotion_sk,
        customer_sk,
        product_sk,
        'purchase' as event_type,
        concat(order_id, '-', cast(line_number as string)) as event_id,
        order_id,
        promo_code,
        currency,
        market,
        quantity,
        net_amount as amount,
        net_amount_eur as amount_eur,
        is_cancelled,
        order_date as event_date,
        ordered_at as event_at,
        loaded_at
    from promotion_lines
),

discount_events as (
    select
        md5(concat_ws('|', 'discount', order_line_sk)) as promotion_event_sk,
        promotion_sk,
        customer_sk,
        product_sk,
        'discount' as event_type,
        concat(order_id, '-', cast(line_number as string)) as event_id,
        order_id,
        promo_code,
        currency,
        market,
        quantity,
        discount_amount as amount,
        discount_amount_eur as amount_eur,
        is_cancelled,
        order_date as event_date,
        ordered_at as event_at,
        loaded_at
    from promotion_lines
    where discount_amount > 0
),

order_customers as (
    select
        order_hk,
        customer_hk
    from (
        select
            order_hk,
            customer_hk,
            row_number() over (partition by order_hk order by load_datetime, customer_hk) as link_rank
        from lnk_order_customer
    ) as ranked_links
    where link_rank = 1
),

promotion_returns as (
    select
        t_lnk_return.return_hk,
        t_lnk_return.product_hk,
        order_customers.customer_hk,
        hub_promotion.promotion_hk,
        t_lnk_return.return_id,
        promotion_lines.order_id,
        promotion_lines.promo_code,
        promotion_lines.currency,
        promotion_lines.market,
        t_lnk_return.quantity,
        t_lnk_return.refund_amount,
        promotion_lines.is_cancelled,
        to_date(t_lnk_return.returned_at) as event_date,
        t_lnk_return.returned_at as event_at,
        greatest(t_lnk_return.load_datetime, promotion_lines.loaded_at) as loaded_at
    from t_lnk_return
    inner join promotion_lines
        on t_lnk_return.order_line_hk = promotion_lines.order_line_sk
    left join order_customers
        on t_lnk_return.order_hk = order_customers.order_hk
    left join hub_promotion
        on promotion_lines.promo_code = hub_promotion.promo_code
),

return_events as (
    select /*+ broadcast(dim_customer, dim_product, dim_promotion) */
        md5(concat_ws('|', 'return', promotion_returns.return_hk)) as promotion_event_sk,
        {{ gold_dimension_sk('dim_promotion', 'promotion_sk') }},
        {{ gold_dimension_sk('dim_customer', 'customer_sk') }},
        {{ gold_dimension_sk('dim_product', 'product_sk') }},
        'return' as event_type,
        promotion_returns.return_id as event_id,
        promotion_returns.order_id,
        promotion_returns.promo_code,
        promotion_returns.currency,
        promotion_returns.market,
        promotion_returns.quantity,
        promotion_returns.refund_amount as amount,
        cast(round(promotion_returns.refund_amount / currency_fx_rates.units_per_eur, 2) as decimal(18, 2))
            as amount_eur,
        promotion_returns.is_cancelled,
        promotion_returns.event_date,
        promotion_returns.event_at,
        promotion_returns.loaded_at
    from promotion_returns
    {{ gold_point_in_time_join('dim_customer', 'promotion_returns.customer_hk', 'promotion_returns.event_at') }}
    {{ gold_point_in_time_join('dim_product', 'promotion_returns.product_hk', 'promotion_returns.event_at') }}
    {{ gold_point_in_time_join('dim_promotion', 'promotion_returns.promotion_hk', 'promotion_returns.event_at') }}
    left join currency_fx_rates
        on promotion_returns.currency = currency_fx_rates.currency
),

campaign_events as (
    select /*+ broadcast(dim_customer, dim_promotion) */
        md5(concat_ws('|', 'campaign', t_lnk_campaign_event.campaign_event_hk)) as promotion_event_sk,
        {{ gold_dimension_sk('dim_promotion', 'promotion_sk') }},
        {{ gold_dimension_sk('dim_customer', 'customer_sk') }},
        {{ gold_unknown_sk() }} as product_sk,
        concat('campaign_', t_lnk_campaign_event.event_type) as event_type,
        t_lnk_campaign_event.event_id,
        cast(null as string) as order_id,
        hub_promotion.promo_code,
        cast(null as string) as currency,
        dim_customer.country as market,
        cast(null as int) as quantity,
        cast(0 as decimal(18, 2)) as amount,
        cast(0 as decimal(18, 2)) as amount_eur,
        false as is_cancelled,
        to_date(t_lnk_campaign_event.event_at) as event_date,
        t_lnk_campaign_event.event_at,
        t_lnk_campaign_event.load_datetime as loaded_at
    from t_lnk_campaign_event
    left join hub_promotion
        on t_lnk_campaign_event.promotion_hk = hub_promotion.promotion_hk
    {{ gold_point_in_time_join('dim_customer', 't_lnk_campaign_event.customer_hk', 't_lnk_campaign_event.event_at') }}
    {{ gold_point_in_time_join('dim_promotion', 't_lnk_campaign_event.promotion_hk', 't_lnk_campaign_event.event_at') }}
),

unioned as (
    {%- for event_cte in ['purchase_events', 'discount_events', 'return_events', 'campaign_events'] %}
        select
            {{ event_columns | join(',\n        ') }}
        from {{ event_cte }}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

events_to_process as (
    select
        promotion_event_sk,
        promotion_sk,
        customer_sk,
        product_sk,
        event_type,
        event_id,
        order_id,
        promo_code,
        currency,
        market,
        quantity,
        amount,
        amount_eur,
        is_cancelled,
        event_date,
        event_at,
        loaded_at
    from unioned
    {%- if is_incremental() %}
        where {{ gold_incremental_window('event_date', 'loaded_at') }}
    {%- endif %}
),

final as (
    select
        promotion_event_sk,
        promotion_sk,
        customer_sk,
        product_sk,
        cast({{ gold_date_key('event_date') }} as int) as event_date_key,
        event_type,
        event_id,
        order_id,
        promo_code,
        currency,
        market,
        cast(quantity as int) as quantity,
        cast(amount as decimal(18, 2)) as amount,
        cast(amount_eur as decimal(18, 2)) as amount_eur,
        is_cancelled,
        event_date,
        event_at,
        loaded_at
    from events_to_process
)

select
    promotion_event_sk,
    promotion_sk,
    customer_sk,
    product_sk,
    event_date_key,
    event_type,
    event_id,
    order_id,
    promo_code,
    currency,
    market,
    quantity,
    amount,
    amount_eur,
    is_cancelled,
    event_date,
    event_at,
    loaded_at
from final
