-- Subscription retention by sign-up cohort: of the subscriptions created in a month, the share still
-- active N months later. Reads the subscription-events fact (gold); compile with
-- `dbt compile --select churn_by_cohort` and run the SQL from target/compiled in a SQL editor.

with fact_subscription_events as (
    select
        subscription_id,
        event_type,
        event_at
    from {{ ref('fact_subscription_events') }}
),

subscriptions as (
    select
        subscription_id,
        cast(trunc(coalesce(min(case when event_type = 'created' then event_at end), min(event_at)), 'MM') as date)
            as cohort_month,
        min(case when event_type = 'cancelled' then event_at end) as cancelled_at
    from fact_subscription_events
    group by subscription_id
),

observation_end as (
    select cast(trunc(max(event_at), 'MM') as date) as last_month
    from fact_subscription_events
),

cohort_months as (
    select
        subscriptions.subscription_id,
        subscriptions.cohort_month,
        subscriptions.cancelled_at,
        explode(sequence(0, cast(months_between(observation_end.last_month, subscriptions.cohort_month) as int)))
            as months_since_signup
    from subscriptions
    cross join observation_end
),

retention as (
    select
        cohort_month,
        months_since_signup,
        count(*) as cohort_size,
        count(case
            when cancelled_at is null
                or cancelled_at >= cast(add_months(cohort_month, months_since_signup + 1) as timestamp)
                then 1
        end) as still_active
    from cohort_months
    group by
        cohort_month,
        months_since_signup
)

select
    cohort_month,
    months_since_signup,
    cohort_size,
    still_active,
    round(still_active / cohort_size, 3) as retention_rate,
    round(1 - still_active / cohort_size, 3) as cumulative_churn_rate
from retention
order by
    cohort_month,
    months_since_signup
