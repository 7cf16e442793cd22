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
        {{ gold_version_columns(
            'plan_sk', 'versions.plan_hk', 'versions.effective_at', 'versions.next_effective_at',
            'versions.version_number',
        ) }},
        versions.plan_hk,
        hub_plan.plan_id,
        versions.plan_name,
        versions.billing_interval,
        versions.currency,
        cast(versions.price as decimal(18, 2)) as price,
        versions.load_datetime as loaded_at
    from versions
    inner join hub_plan
        on versions.plan_hk = hub_plan.plan_hk
),

{{ gold_dimension_with_unknown_member(
    'plan_sk',
    [
        'plan_sk', 'plan_hk', 'plan_id', 'plan_name', 'billing_interval', 'currency', 'price', 'version_number',
        'is_current', 'valid_from', 'valid_to', 'loaded_at',
    ],
    {
        'plan_hk': 'cast(null as string)',
        'plan_id': "'UNKNOWN'",
        'plan_name': "'UNKNOWN'",
        'billing_interval': "'UNKNOWN'",
        'currency': 'cast(null as string)',
        'price': 'cast(null as decimal(18, 2))',
    },
) }}
