with source as (
    select * from {{ source('billing', 'plans') }}
),

cleaned as (
    select
        upper(trim(plan_id)) as plan_id,
        trim(plan_name) as plan_name,
        lower(trim(billing_interval)) as billing_interval,
        upper(trim(currency)) as currency,
        try_cast(trim(price) as decimal(12, 2)) as price,
        try_cast(trim(updated_at) as timestamp) as updated_at,
        plan_id as raw_plan_id,
        price as raw_price,
        updated_at as raw_updated_at,
        _rescued_data,
        _source_file,
        _batch_id,
        _ingested_at as load_datetime,
        'billing.plans' as record_source
    from source
),

assessed as (
    select
        *,
        {{ dq_reject_reason([
            [is_unparseable(['raw_plan_id', 'plan_name', 'billing_interval', 'raw_price', 'raw_updated_at']), 'unparseable record'],
            [has_invalid_utf8(), 'not valid UTF-8 (original bytes in _rescued_data)'],
            ["nullif(plan_id, '') is null", 'missing business key plan_id'],
            ['price is null', 'missing or invalid price'],
            ['updated_at is null', 'missing or invalid updated_at'],
            [is_future_dated('updated_at'), 'future-dated updated_at (after the load time)'],
        ]) }} as dq_reject_reason
    from cleaned
)

select * from assessed
