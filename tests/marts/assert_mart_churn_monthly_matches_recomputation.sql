{#-
    mart_churn_monthly agrees with an independent recomputation straight from the vault's subscription
    events (t_lnk_subscription_event), written differently from the mart: the state of each subscription at
    a month start is the type of its last event before that instant (active unless it is `cancelled`),
    found with max_by over the events instead of start/end intervals, and the plan is the plan of that same
    last event. Compared per month and plan (summed over markets, since a customer lives in one market at a
    time). Returns a row per disagreement.
-#}

with t_lnk_subscription_event as (
    select
        subscription_hk,
        customer_hk,
        plan_hk,
        event_type,
        event_at
    from {{ ref('t_lnk_subscription_event') }}
    where subscription_event_hk != {{ datavault.ghost_key() }}
        and event_at is not null
),

hub_plan as (
    select
        plan_hk,
        plan_id
    from {{ ref('hub_plan') }}
),

mart_churn_monthly as (
    select
        month_start_date,
        plan_id,
        active_customers_at_start,
        churned_customers
    from {{ ref('mart_churn_monthly') }}
),

month_starts as (
    select distinct cast(trunc(event_at, 'MM') as date) as month_start_date
    from t_lnk_subscription_event
),

state_at_month_start as (
    select
        month_starts.month_start_date,
        events.subscription_hk,
        max_by(events.customer_hk, events.event_at) as customer_hk,
        max_by(events.plan_hk, events.event_at) as plan_hk,
        max_by(events.event_type, events.event_at) as last_event_type
    from month_starts
    inner join t_lnk_subscription_event as events
        on events.event_at < cast(month_starts.month_start_date as timestamp)
    group by
        month_starts.month_start_date,
        events.subscription_hk
),

cancelled_in_month as (
    select distinct
        subscription_hk,
        cast(trunc(event_at, 'MM') as date) as month_start_date
    from t_lnk_subscription_event
    where event_type = 'cancelled'
),

recomputed as (
    select
        state_at_month_start.month_start_date,
        coalesce(hub_plan.plan_id, 'UNKNOWN') as plan_id,
        count(distinct state_at_month_start.customer_hk) as active_customers_at_start,
        count(
            distinct case when cancelled_in_month.subscription_hk is not null then state_at_month_start.customer_hk end
        ) as churned_customers
    from state_at_month_start
    left join hub_plan
        on state_at_month_start.plan_hk = hub_plan.plan_hk
    left join cancelled_in_month
        on state_at_month_start.subscription_hk = cancelled_in_month.subscription_hk
        and state_at_month_start.month_start_date = cancelled_in_month.month_start_date
    where state_at_month_start.last_event_type != 'cancelled'
    group by
        state_at_month_start.month_start_date,
        coalesce(hub_plan.plan_id, 'UNKNOWN')
),

mart_totals as (
    select
        month_start_date,
        plan_id,
        sum(active_customers_at_start) as active_customers_at_start,
        sum(churned_customers) as churned_customers
    from mart_churn_monthly
    group by
        month_start_date,
        plan_id
),

compared as (
    select
        coalesce(recomputed.month_start_date, mart_totals.month_start_date) as month_start_date,
        coalesce(recomputed.plan_id, mart_totals.plan_id) as plan_id,
        coalesce(recomputed.active_customers_at_start, 0) as expected_active,
        coalesce(mart_totals.active_customers_at_start, 0) as mart_active,
        coalesce(recomputed.churned_customers, 0) as expected_churned,
        coalesce(mart_totals.churned_customers, 0) as mart_churned
    from recomputed
    full outer join mart_totals
        on recomputed.month_start_date = mart_totals.month_start_date
        and recomputed.plan_id = mart_totals.plan_id
)

select *
from compared
where expected_active != mart_active
    or expected_churned != mart_churned
