{{ config(
    materialized='incremental',
    incremental_strategy='merge',
    unique_key='order_line_sk',
    on_schema_change='append_new_columns',
    partition_by=gold_fact_partition_by('order_date'),
    liquid_clustered_by=gold_fact_liquid_clustered_by(['order_date', 'product_sk']),
) }}

{#-
    One row per order line. Money in the order currency and in EUR (planning rates, seed currency_fx_rates).
    Dimension keys point at the version valid when the order was placed (point-in-time join on ordered_at),
    the unknown member ('-1') when there is none. Incremental (merge on order_line_sk): see macro
    gold_incremental_window for what an incremental run reprocesses.
-#}

with lnk_order_line as (
    select
        order_line_hk,
        order_hk,
        product_hk,
        line_number,
        load_datetime
    from {{ ref('lnk_order_line') }}
    where order_line_hk != {{ datavault.ghost_key() }}
),

sat_order_line as (
    select
        order_line_hk,
        promo_code,
        quantity,
        unit_price,
        discount_amount,
        load_datetime
    from {{ ref('sat_order_line__shop') }}
    where order_line_hk != {{ datavault.ghost_key() }}
),

hub_order as (
    select
        order_hk,
        order_id
    from {{ ref('hub_order') }}
),

hub_product as (
    select
        product_hk,
        sku
    from {{ ref('hub_product') }}
),

hub_promotion as (
    select
        promotion_hk,
        promo_code
    from {{ ref('hub_promotion') }}
),

sat_order as (
    select
        order_hk,
        order_status,
        channel,
        currency,
        shipping_country,
        ordered_at,
        updated_at,
        load_datetime
    from {{ ref('sat_order__shop') }}
    where order_hk != {{ datavault.ghost_key() }}
),

lnk_order_customer as (
    select
        order_hk,
        customer_hk,
        load_datetime
    from {{ ref('lnk_order_customer') }}
),

dim_customer as (
    {{ gold_dimension_versions(ref('dim_customer'), 'customer_sk', 'customer_hk') }}
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

latest_line_details as (
    -- order lines are written once; a re-delivery with other values wins by load time
    select
        order_line_hk,
        promo_code,
        quantity,
        unit_price,
        discount_amount,
        load_datetime
    from (
        select
            order_line_hk,
            promo_code,
            quantity,
            unit_price,
            discount_amount,
            load_datetime,
            row_number() over (partition by order_line_hk order by load_datetime desc) as recency_rank
        from sat_order_line
    ) as ranked_line_details
    where recency_rank = 1
),

order_headers as (
    -- the latest status of each order (by source change time, then load time) and its header attributes
    select
        order_hk,
        order_status,
        channel,
        currency,
        shipping_country,
        ordered_at,
        header_loaded_at
    from (
        select
            order_hk,
            order_status,
            channel,
            currency,
            shipping_country,
            ordered_at,
            max(load_datetime) over (partition by order_hk) as header_loaded_at,
            row_number() over (
                partition by order_hk
                order by coalesce(updated_at, load_datetime) desc, load_datetime desc
            ) as recency_rank
        from sat_order
    ) as ranked_headers
    where recency_rank = 1
),

order_customers as (
    -- an order belongs to one customer; should a source ever re-assign it, the first link wins
    select
        order_hk,
        customer_hk,
        load_datetime
    from (
        select
            order_hk,
            customer_hk,
            load_datetime,
            row_number() over (partition by order_hk order by load_datetime, customer_hk) as link_rank
        from lnk_order_customer
    ) as ranked_links
    where link_rank = 1
),

order_lines as (
    select
        lnk_order_line.order_line_hk,
        lnk_order_line.order_hk,
        lnk_order_line.product_hk,
        order_customers.customer_hk,
        hub_promotion.promotion_hk,
        hub_order.order_id,
        hub_product.sku,
        latest_line_details.promo_code,
        order_headers.order_status,
        order_headers.channel,
        order_headers.currency,
        order_headers.shipping_country as market,
        lnk_order_line.line_number,
        latest_line_details.quantity,
        latest_line_details.unit_price,
        latest_line_details.discount_amount,
        order_headers.order_hk is not null as has_order_header,
        to_date(order_headers.ordered_at) as order_date,
        order_headers.ordered_at,
        greatest(
            lnk_order_line.load_datetime,
            latest_line_details.load_datetime,
            order_headers.header_loaded_at,
            order_customers.load_datetime
        ) as loaded_at
    from lnk_order_line
    inner join latest_line_details
        on lnk_order_line.order_line_hk = latest_line_details.order_line_hk
    inner join hub_order
        on lnk_order_line.order_hk = hub_order.order_hk
    inner join hub_product
        on lnk_order_line.product_hk = hub_product.product_hk
    left join order_headers
        on lnk_order_line.order_hk = order_headers.order_hk
    left join order_customers
        on lnk_order_line.order_hk = order_customers.order_hk
    left join hub_promotion
        on latest_line_details.promo_code = hub_promotion.promo_code
),

lines_to_process as (
    select
        order_line_hk,
        order_hk,
        product_hk,
        customer_hk,
        promotion_hk,
        order_id,
        sku,
        promo_code,
        order_status,
        channel,
        currency,
        market,
        line_number,
        quantity,
        unit_price,
        discount_amount,
        has_order_header,
        order_date,
        ordered_at,
        loaded_at
    from order_lines
    {%- if is_incremental() %}
        where {{ gold_incremental_window('order_date', 'loaded_at') }}
    {%- endif %}
),

point_in_time as (
    select /*+ broadcast(dim_customer, dim_product, dim_promotion, currency_fx_rates) */
        lines_to_process.order_line_hk as order_line_sk,
        {{ gold_dimension_sk('dim_customer', 'customer_sk') }},
        {{ gold_dimension_sk('dim_product', 'product_sk') }},
        {{ gold_dimension_sk('dim_promotion', 'promotion_sk') }},
        {{ gold_date_key('lines_to_process.order_date') }} as order_date_key,
        lines_to_process.order_id,
        lines_to_process.sku,
        lines_to_process.promo_code,
        lines_to_process.order_status,
        lines_to_process.channel,
        lines_to_process.currency,
        lines_to_process.market,
        lines_to_process.line_number,
        lines_to_process.quantity,
        lines_to_process.unit_price,
        lines_to_process.quantity * lines_to_process.unit_price as gross_amount,
        lines_to_process.discount_amount,
        currency_fx_rates.units_per_eur,
        lines_to_process.promo_code is not null as has_promotion,
        coalesce(lines_to_process.order_status = 'cancelled', false) as is_cancelled,
        lines_to_process.has_order_header,
        lines_to_process.order_date,
        lines_to_process.ordered_at,
        lines_to_process.loaded_at
    from lines_to_process
    {{ gold_point_in_time_join('dim_customer', 'lines_to_process.customer_hk', 'lines_to_process.ordered_at') }}
    {{ gold_point_in_time_join('dim_product', 'lines_to_process.product_hk', 'lines_to_process.ordered_at') }}
    {{ gold_point_in_time_join('dim_promotion', 'lines_to_process.promotion_hk', 'lines_to_process.ordered_at') }}
    left join currency_fx_rates
        on lines_to_process.currency = currency_fx_rates.currency
),

final as (
    select
        order_line_sk,
        customer_sk,
        product_sk,
        promotion_sk,
        cast(order_date_key as int) as order_date_key,
        order_id,
        sku,
        promo_code,
        order_status,
        channel,
        currency,
        market,
        cast(line_number as int) as line_number,
        cast(quantity as int) as quantity,
        cast(unit_price as decimal(18, 2)) as unit_price,
        cast(gross_amount as decimal(18, 2)) as gross_amount,
        cast(discount_amount as decimal(18, 2)) as discount_amount,
        cast(gross_amount - discount_amount as decimal(18, 2)) as net_amount,
        cast(round(gross_amount / units_per_eur, 2) as decimal(18, 2)) as gross_amount_eur,
        cast(round(discount_amount / units_per_eur, 2) as decimal(18, 2)) as discount_amount_eur,
        cast(round((gross_amount - discount_amount) / units_per_eur, 2) as decimal(18, 2)) as net_amount_eur,
        has_promotion,
        is_cancelled,
        has_order_header,
        order_date,
        ordered_at,
        loaded_at
    from point_in_time
)

select
    order_line_sk,
    customer_sk,
    product_sk,
    promotion_sk,
    order_date_key,
    order_id,
    sku,
    promo_code,
    order_status,
    channel,
    currency,
    market,
    line_number,
    quantity,
    unit_price,
    gross_amount,
    discount_amount,
    net_amount,
    gross_amount_eur,
    discount_amount_eur,
    net_amount_eur,
    has_promotion,
    is_cancelled,
    has_order_header,
    order_date,
    ordered_at,
    loaded_at
from final
