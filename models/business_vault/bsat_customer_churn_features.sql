{#-
    Computed satellite for churn models: per customer and as-of day, features computed only from what had
    happened AND had been loaded by then (event time <= as-of and load time <= as-of), so a model trained
    on history never sees data that arrived later.
-#}
with as_of_dates as (
    select
        calendar_date,
        as_of_date
    from {{ ref('as_of_date') }}
),

customers as (
    select
        customer_hk,
        load_datetime as first_loaded_at
    from {{ ref('hub_customer') }}
),

order_customers as (
    select
        order_hk,
        customer_hk
    from {{ ref('lnk_order_customer') }}
),

orders as (
    select
        order_hk,
        min(ordered_at) as ordered_at,
        min(load_datetime) as first_loaded_at
    from {{ ref('sat_order__shop') }}
    group by order_hk
),

customer_orders as (
    select
        order_customers.customer_hk,
        orders.ordered_at,
        orders.first_loaded_at
    from orders
    inner join order_customers
        on orders.order_hk = order_customers.order_hk
),

subscription_events as (
    select
        customer_hk,
        subscription_hk,
        event_type,
        event_at,
        load_datetime
    from {{ ref('t_lnk_subscription_event') }}
),

customer_days as (
    select
        customers.customer_hk,
        as_of_dates.calendar_date,
        as_of_dates.as_of_date,
        customers.first_loaded_at
    from customers
    inner join as_of_dates
        on customers.first_loaded_at <= as_of_dates.as_of_date
),

order_features as (
    select
        customer_days.customer_hk,
        customer_days.as_of_date,
        count(
            case when customer_orders.ordered_at > customer_days.as_of_date - interval 90 days then 1 end
        ) as orders_last_90_days,
        max(customer_orders.ordered_at) as last_ordered_at
    from customer_days
    inner join customer_orders
        on customer_days.customer_hk = customer_orders.customer_hk
        and customer_orders.ordered_at <= customer_days.as_of_date
        and customer_orders.first_loaded_at <= customer_days.as_of_date
    group by customer_days.customer_hk, customer_days.as_of_date
),

latest_subscription_event as (
    select
        customer_days.customer_hk,
        customer_days.as_of_date,
        subscription_events.subscription_hk,
        subscription_events.event_type,
        row_number() over (
            partition by customer_days.customer_hk, customer_days.as_of_date, subscription_events.subscription_hk
            order by subscription_events.event_at desc, subscription_events.load_datetime desc
        ) as recency
    from customer_days
    inner join subscription_events
        on customer_days.customer_hk = subscription_events.customer_hk
        and subscription_events.event_at <= customer_days.as_of_date
        and subscription_events.load_datetime <= customer_days.as_of_date
),

subscription_features as (
    select
        customer_hk,
        as_of_date,
        max(case when recency = 1 and event_type != 'cancelled' then 1 else 0 end) = 1 as has_active_subscription
    from latest_subscription_event
    group by customer_hk, as_of_date
),

payment_features as (
    select
        customer_days.customer_hk,
        customer_days.as_of_date,
        count(*) as failed_payments_last_90_days
    from customer_days
    inner join subscription_events
        on customer_days.customer_hk = subscription_events.customer_hk
        and subscription_events.event_type = 'payment_failed'
        and subscription_events.event_at <= customer_days.as_of_date
        and subscription_events.event_at > customer_days.as_of_date - interval 90 days
        and subscription_events.load_datetime <= customer_days.as_of_date
    group by customer_days.customer_hk, customer_days.as_of_date
),

final as (
    select
        customer_days.customer_hk,
        customer_days.calendar_date,
        datediff(customer_days.calendar_date, cast(customer_days.first_loaded_at as date)) as tenure_days,
        coalesce(order_features.orders_last_90_days, 0) as orders_last_90_days,
        datediff(customer_days.calendar_date, cast(order_features.last_ordered_at as date)) as days_since_last_order,
        coalesce(payment_features.failed_payments_last_90_days, 0) as failed_payments_last_90_days,
        coalesce(subscription_features.has_active_subscription, false) as has_active_subscription,
        customer_days.as_of_date
    from customer_days
    left join order_features
        on customer_days.customer_hk = order_features.customer_hk
        and customer_days.as_of_date = order_features.as_of_date
    left join subscription_features
        on customer_days.customer_hk = subscription_features.customer_hk
        and customer_days.as_of_date = subscription_features.as_of_date
    left join payment_features
        on customer_days.customer_hk = payment_features.customer_hk
        and customer_days.as_of_date = payment_features.as_of_date
)

select * from final
