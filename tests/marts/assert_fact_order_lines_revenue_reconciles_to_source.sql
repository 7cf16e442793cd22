{#-
    Revenue in fact_order_lines reconciles to what the shop delivered: every usable order line (staging,
    i.e. delivered minus rejects listed in audit.dq_rejected_records), deduplicated per order line (the
    latest delivery wins), is in the fact once, with the same quantity and net amount. Compared per order
    line and in total; returns a row per difference.
-#}

with stg_shop__order_lines as (
    select
        order_line_hk,
        quantity,
        unit_price,
        discount_amount,
        load_datetime
    from {{ ref('stg_shop__order_lines') }}
),

fact_order_lines as (
    select
        order_line_sk,
        quantity,
        net_amount
    from {{ ref('fact_order_lines') }}
),

source_lines as (
    select
        order_line_hk,
        quantity,
        cast(quantity * unit_price - discount_amount as decimal(18, 2)) as net_amount
    from (
        select
            order_line_hk,
            quantity,
            unit_price,
            discount_amount,
            row_number() over (partition by order_line_hk order by load_datetime desc) as delivery_rank
        from stg_shop__order_lines
    ) as ranked
    where delivery_rank = 1
),

per_line as (
    select
        coalesce(source_lines.order_line_hk, fact_order_lines.order_line_sk) as order_line_key,
        source_lines.quantity as source_quantity,
        fact_order_lines.quantity as fact_quantity,
        source_lines.net_amount as source_net_amount,
        fact_order_lines.net_amount as fact_net_amount
    from source_lines
    full outer join fact_order_lines
        on source_lines.order_line_hk = fact_order_lines.order_line_sk
),

line_differences as (
    select
        order_line_key,
        source_quantity,
        fact_quantity,
        source_net_amount,
        fact_net_amount,
        'order line differs or is missing on one side' as difference
    from per_line
    where source_quantity is null
        or fact_quantity is null
        or source_quantity != fact_quantity
        or source_net_amount != fact_net_amount
),

totals as (
    select
        'TOTAL' as order_line_key,
        sum(source_quantity) as source_quantity,
        sum(fact_quantity) as fact_quantity,
        sum(source_net_amount) as source_net_amount,
        sum(fact_net_amount) as fact_net_amount,
        'total revenue differs' as difference
    from per_line
),

total_differences as (
    select
        order_line_key,
        source_quantity,
        fact_quantity,
        source_net_amount,
        fact_net_amount,
        difference
    from totals
    where coalesce(source_net_amount, 0) != coalesce(fact_net_amount, 0)
        or coalesce(source_quantity, 0) != coalesce(fact_quantity, 0)
)

select * from line_differences
union all
select * from total_differences
