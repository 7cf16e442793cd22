{#-
    Subscription plans as SCD2, built straight from the plan satellite's history (the satellite already holds
    every change with its source timestamp, and plans are a handful of rows, so no snapshot is needed).
-#}

with hub_plan as (
    select
        plan_hk,
        plan_id
    from {{ ref('hub_plan') }}
    where plan_hk != {{ datavault.ghost_key() }}
),

sat_plan as (
    select
        plan_hk,
        plan_name,
        billing_interval,
        currency,
        price,
        updated_at,
        load_datetime
    from {{ ref('sat_plan__billing') }}
    where plan_hk != {{ datavault.ghost_key() }}
),

changes as (
    -- one row per key and effective time: the latest load wins when a change was delivered twice
    select
        plan_hk,
        plan_name,
        billing_interval,
        currency,
        price,
        effective_at,
        load_datetime
    from (
        select
            plan_hk,
            plan_name,
            billing_interval,
            currency,
            price,
            {{ gold_effective_at('updated_at') }} as effective_at,
            load_datetime,
            row_number() over (
                partition by plan_hk, {{ gold_effective_at('updated_at') }}
                order by load_datetime desc
            ) as duplicate_rank
        from sat_plan
    ) as ranked_changes
    where duplicate_rank = 1
),

versions as (
    select
        plan_hk,
        plan_name,
        billing_interval,
        currency,
        price,
        load_datetime,
        effective_at,
        coalesce(
            lead(effective_at) over (partition by plan_hk order by effective_at),
            {{ gold_open_end() }}
        ) as next_effective_at,
        row_number() over (partition by plan_hk order by effective_at) as version_number
    from changes
),

known_members as (
    select
        md5(concat_ws('|', versions.plan_hk, cast(versions.effective_at as string))) as plan_sk,
        versions.plan_hk,
        hub_plan.plan_id,
        versions.plan_name,
        versions.billing_interval,
        versions.currency,
        cast(versions.price as decimal(18, 2)) as price,
        cast(versions.version_number as int) as version_number,
        versions.next_effective_at = {{ gold_open_end() }} as is_current,
        -- the first version of a key also covers the time before the key was first seen
        case
            when versions.version_number = 1 then {{ gold_begin_of_time() }} else versions.effective_at
        end as valid_from,
        versions.next_effective_at as valid_to,
        versions.load_datetime as loaded_at
    from versions
    inner join hub_plan
        on versions.plan_hk = hub_plan.plan_hk
),

unknown_member as (
    select
        {{ gold_unknown_sk() }} as plan_sk,
        cast(null as string) as plan_hk,
        'UNKNOWN' as plan_id,
        'UNKNOWN' as plan_name,
        'UNKNOWN' as billing_interval,
        cast(null as string) as currency,
        cast(null as decimal(18, 2)) as price,
        cast(1 as int) as version_number,
        true as is_current,
        {{ gold_begin_of_time() }} as valid_from,
        {{ gold_open_end() }} as valid_to,
        cast(null as timestamp) as loaded_at
),

final as (
    select
        plan_sk,
        plan_hk,
        plan_id,
        plan_name,
        billing_interval,
        currency,
        price,
        version_number,
        is_current,
        valid_from,
        valid_to,
        loaded_at
    from known_members
    union all
    select
        plan_sk,
        plan_hk,
        plan_id,
        plan_name,
        billing_interval,
        currency,
        price,
        version_number,
        is_current,
        valid_from,
        valid_to,
        loaded_at
    from unknown_member
)

select
    plan_sk,
    plan_hk,
    plan_id,
    plan_name,
    billing_interval,
    currency,
    price,
    version_number,
    is_current,
    valid_from,
    valid_to,
    loaded_at
from final
