{#-
    Monthly subscription churn by plan and market.
      active_customers_at_start  customers holding a subscription that had started before the month began and
                                 was not cancelled before it began
      churned_customers          of those, the customers whose subscription was cancelled during the month
      churn_rate                 churned_customers / active_customers_at_start
    A subscription counts in the plan it was on at the start of the month (its latest event before then) and
    in the market of its customer at that moment (dim_customer version valid then; UNKNOWN if none).
    Only `cancelled` ends a subscription: a failed payment is retried and ends in `cancelled` if it fails
    again. Months run from the first subscription's start to the month of the latest event; the latest month
    is flagged is_complete_month = false while it is still running.
-#}

with fact_subscription_events as (
    select
        customer_sk,
        subscription_id,
        plan_id,
        event_type,
        event_at
    from {{ ref('fact_subscription_events') }}
),

dim_customer as (
    select
        customer_sk,
        customer_hk,
        country,
        valid_from,
        valid_to
    from {{ ref('dim_customer') }}
),

dim_plan as (
    select
        plan_id,
        plan_name,
        billing_interval
    from {{ ref('dim_plan') }}
    where is_current
        and plan_hk is not null
),

subscription_events as (
    select
        fact_subscription_events.subscription_id,
        coalesce(dim_customer.customer_hk, fact_subscription_events.subscription_id) as customer_key,
        fact_subscription_events.plan_id,
        fact_subscription_events.event_type,
        fact_subscription_events.event_at
    from fact_subscription_events
    left join dim_customer
        on fact_subscription_events.customer_sk = dim_customer.customer_sk
    where fact_subscription_events.subscription_id is not null
        and fact_subscription_events.event_at is not null
),

subscriptions as (
    select
        subscription_id,
        max_by(customer_key, event_at) as customer_key,
        coalesce(min(case when event_type = 'created' then event_at end), min(event_at)) as started_at,
        min(case when event_type = 'cancelled' then event_at end) as ended_at
    from subscription_events
    group by subscription_id
),

event_range as (
    select
        min(event_at) as first_event_at,
        max(event_at) as last_event_at
    from subscription_events
),

months as (
    select
        explode(
            sequence(
                cast(trunc(first_event_at, 'MM') as date),
                cast(trunc(last_event_at, 'MM') as date),
                interval 1 month
            )
        ) as month_start_date
    from event_range
),

active_at_month_start as (
    select
        months.month_start_date,
        subscriptions.subscription_id,
        subscriptions.customer_key,
        subscriptions.ended_at is not null
        and subscriptions.ended_at < cast(add_months(months.month_start_date, 1) as timestamp) as is_churned
    from months
    inner join subscriptions
        on subscriptions.started_at < cast(months.month_start_date as timestamp)
        and (subscriptions.ended_at is null or subscriptions.ended_at >= cast(months.month_start_date as timestamp))
),

plan_at_month_start as (
    select
        active_at_month_start.month_start_date,
        active_at_month_start.subscription_id,
        max_by(subscription_events.plan_id, subscription_events.event_at) as plan_id
    from active_at_month_start
    inner join subscription_events
        on active_at_month_start.subscription_id = subscription_events.subscription_id
        and subscription_events.event_at < cast(active_at_month_start.month_start_date as timestamp)
    group by
        active_at_month_start.month_start_date,
        active_at_month_start.subscription_id
),

classified as (
    select
        active_at_month_start.month_start_date,
        coalesce(plan_at_month_start.plan_id, 'UNKNOWN') as plan_id,
        coalesce(dim_customer.country, 'UNKNOWN') as market,
        active_at_month_start.customer_key,
        active_at_month_start.is_churned
    from active_at_month_start
    left join plan_at_month_start
        on active_at_month_start.month_start_date = plan_at_month_start.month_start_date
        and active_at_month_start.subscription_id = plan_at_month_start.subscription_id
    {{ gold_point_in_time_join(
        'dim_customer',
        'active_at_month_start.customer_key',
        'cast(active_at_month_start.month_start_date as timestamp)',
        dimension_key='customer_hk',
    ) }}
),

aggregated as (
    select
        month_start_date,
        plan_id,
        market,
        count(distinct customer_key) as active_customers_at_start,
        count(distinct case when is_churned then customer_key end) as churned_customers
    from classified
    group by
        month_start_date,
        plan_id,
        market
),

final as (
    select
        md5(concat_ws('|', cast(aggregated.month_start_date as string), aggregated.plan_id, aggregated.market))
            as churn_monthly_sk,
        aggregated.plan_id,
        coalesce(dim_plan.plan_name, 'UNKNOWN') as plan_name,
        coalesce(dim_plan.billing_interval, 'UNKNOWN') as billing_interval,
        aggregated.market,
        cast(aggregated.active_customers_at_start as bigint) as active_customers_at_start,
        cast(aggregated.churned_customers as bigint) as churned_customers,
        cast(aggregated.churned_customers as double) / nullif(aggregated.active_customers_at_start, 0) as churn_rate,
        cast(add_months(aggregated.month_start_date, 1) as timestamp) <= event_range.last_event_at as is_complete_month,
        aggregated.month_start_date
    from aggregated
    cross join event_range
    left join dim_plan
        on aggregated.plan_id = dim_plan.plan_id
)

select
    churn_monthly_sk,
    plan_id,
    plan_name,
    billing_interval,
    market,
    active_customers_at_start,
    churned_customers,
    churn_rate,
    is_complete_month,
    month_start_date
from final
