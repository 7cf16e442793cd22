{{ config(
    materialized='incremental',
    incremental_strategy='merge',
    unique_key='subscription_event_sk',
    on_schema_change='append_new_columns',
    partition_by=gold_fact_partition_by('event_date'),
    liquid_clustered_by=gold_fact_liquid_clustered_by(['event_date', 'plan_sk']),
) }}

{#-
    One row per subscription event (created, renewed, plan_changed, payment_failed, cancelled) from the
    transactional link, with the customer and plan versions valid at the event time. `market` is the
    customer's country at that time.
-#}

with t_lnk_subscription_event as (
    select
        subscription_event_hk,
        subscription_hk,
        customer_hk,
        plan_hk,
        event_id,
        event_type,
        currency,
        amount,
        event_at,
        load_datetime
    from {{ ref('t_lnk_subscription_event') }}
    where subscription_event_hk != {{ datavault.ghost_key() }}
),

hub_subscription as (
    select
        subscription_hk,
        subscription_id
    from {{ ref('hub_subscription') }}
),

hub_plan as (
    select
        plan_hk,
        plan_id
    from {{ ref('hub_plan') }}
),

dim_customer as (
    {{ gold_dimension_versions(ref('dim_customer'), 'customer_sk', 'customer_hk', ['country']) }}
),

dim_plan as (
    {{ gold_dimension_versions(ref('dim_plan'), 'plan_sk', 'plan_hk') }}
),

currency_fx_rates as (
    select
        currency,
        units_per_eur
    from {{ ref('currency_fx_rates') }}
),

events_to_process as (
    select
        t_lnk_subscription_event.subscription_event_hk,
        t_lnk_subscription_event.customer_hk,
        t_lnk_subscription_event.plan_hk,
        t_lnk_subscription_event.event_id,
        hub_subscription.subscription_id,
        hub_plan.plan_id,
        t_lnk_subscription_event.event_type,
        t_lnk_subscription_event.currency,
        t_lnk_subscription_event.amount,
        to_date(t_lnk_subscription_event.event_at) as event_date,
        t_lnk_subscription_event.event_at,
        t_lnk_subscription_event.load_datetime as loaded_at
    from t_lnk_subscription_event
    left join hub_subscription
        on t_lnk_subscription_event.subscription_hk = hub_subscription.subscription_hk
    left join hub_plan
        on t_lnk_subscription_event.plan_hk = hub_plan.plan_hk
    {%- if is_incremental() %}
        where {{ gold_incremental_window(
            'to_date(t_lnk_subscription_event.event_at)',
            't_lnk_subscription_event.load_datetime',
            'event_date',
        ) }}
    {%- endif %}
),

point_in_time as (
    select /*+ broadcast(dim_customer, dim_plan, currency_fx_rates) */
        events_to_process.subscription_event_hk as subscription_event_sk,
        {{ gold_dimension_sk('dim_customer', 'customer_sk') }},
        {{ gold_dimension_sk('dim_plan', 'plan_sk') }},
        {{ gold_date_key('events_to_process.event_date') }} as event_date_key,
        events_to_process.event_id,
        events_to_process.subscription_id,
        events_to_process.plan_id,
        events_to_process.event_type,
        events_to_process.currency,
        dim_customer.country as market,
        events_to_process.amount,
        round(events_to_process.amount / currency_fx_rates.units_per_eur, 2) as amount_eur,
        events_to_process.event_type = 'cancelled' as is_churn_event,
        events_to_process.event_date,
        events_to_process.event_at,
        events_to_process.loaded_at
    from events_to_process
    {{ gold_point_in_time_join('dim_customer', 'events_to_process.customer_hk', 'events_to_process.event_at') }}
    {{ gold_point_in_time_join('dim_plan', 'events_to_process.plan_hk', 'events_to_process.event_at') }}
    left join currency_fx_rates
        on events_to_process.currency = currency_fx_rates.currency
),

final as (
    select
        subscription_event_sk,
        customer_sk,
        plan_sk,
        cast(event_date_key as int) as event_date_key,
        event_id,
        subscription_id,
        plan_id,
        event_type,
        currency,
        market,
        cast(amount as decimal(18, 2)) as amount,
        cast(amount_eur as decimal(18, 2)) as amount_eur,
        coalesce(is_churn_event, false) as is_churn_event,
        event_date,
        event_at,
        loaded_at
    from point_in_time
)

select
    subscription_event_sk,
    customer_sk,
    plan_sk,
    event_date_key,
    event_id,
    subscription_id,
    plan_id,
    event_type,
    currency,
    market,
    amount,
    amount_eur,
    is_churn_event,
    event_date,
    event_at,
    loaded_at
from final
