-- Issue #5: "a customer whose tier changed twice has three satellite rows, with the right load dates".
-- Generalised to every customer and any number of changes: the loyalty-tier history read from
-- sat_customer__crm (rows where the tier differs from the key's previous row) must be exactly the tier
-- history of the usable CRM deliveries (each delivery whose tier differs from the one delivered before it,
-- in load order), row for row: same tier, same load_datetime (the load that brought the delivery).
-- So a customer delivered with tiers none -> silver -> gold over three loads has three tier rows in the
-- satellite, loaded on those three loads. Returns a row per tier change found on one side only.

with stg_crm__customers as (
    select
        customer_hk,
        customer_hashdiff,
        loyalty_tier,
        updated_at,
        load_datetime
    from {{ ref('stg_crm__customers') }}
    where customer_hk is not null
),

sat_customer__crm as (
    select
        customer_hk,
        hashdiff as customer_hashdiff,
        loyalty_tier,
        updated_at,
        load_datetime
    from {{ ref('sat_customer__crm') }}
    where customer_hk != {{ datavault.ghost_key() }}
),

delivered_tiers as (
    select
        customer_hk,
        loyalty_tier,
        load_datetime,
        lag(loyalty_tier) over (
            partition by customer_hk
            order by load_datetime, updated_at, customer_hashdiff
        ) as previous_tier,
        row_number() over (
            partition by customer_hk
            order by load_datetime, updated_at, customer_hashdiff
        ) as delivery_number
    from stg_crm__customers
),

expected_tier_changes as (
    select
        customer_hk,
        loyalty_tier,
        load_datetime
    from delivered_tiers
    where delivery_number = 1
        or not (loyalty_tier <=> previous_tier)
),

satellite_tiers as (
    select
        customer_hk,
        loyalty_tier,
        load_datetime,
        lag(loyalty_tier) over (
            partition by customer_hk
            order by load_datetime, updated_at, customer_hashdiff
        ) as previous_tier,
        row_number() over (
            partition by customer_hk
            order by load_datetime, updated_at, customer_hashdiff
        ) as row_number_in_key
    from sat_customer__crm
),

actual_tier_changes as (
    select
        customer_hk,
        loyalty_tier,
        load_datetime
    from satellite_tiers
    where row_number_in_key = 1
        or not (loyalty_tier <=> previous_tier)
),

differences as (
    select
        coalesce(expected_tier_changes.customer_hk, actual_tier_changes.customer_hk) as customer_hk,
        expected_tier_changes.loyalty_tier as delivered_tier,
        expected_tier_changes.load_datetime as delivered_load_datetime,
        actual_tier_changes.loyalty_tier as satellite_tier,
        actual_tier_changes.load_datetime as satellite_load_datetime
    from expected_tier_changes
    full outer join actual_tier_changes
        on expected_tier_changes.customer_hk = actual_tier_changes.customer_hk
        and expected_tier_changes.load_datetime = actual_tier_changes.load_datetime
        and expected_tier_changes.loyalty_tier <=> actual_tier_changes.loyalty_tier
    where expected_tier_changes.customer_hk is null
        or actual_tier_changes.customer_hk is null
)

select * from differences
