with source as (
    select * from {{ source('billing', 'subscription_events') }}
),

cleaned as (
    select
        upper(trim(event_id)) as event_id,
        upper(trim(subscription_id)) as subscription_id,
        upper(trim(customer_id)) as customer_id,
        upper(trim(plan_id)) as plan_id,
        lower(trim(event_type)) as event_type,
        upper(trim(currency)) as currency,
        try_cast(trim(amount) as decimal(12, 2)) as amount,
        try_cast(trim(event_ts) as timestamp) as event_at,
        event_id as raw_event_id,
        amount as raw_amount,
        event_ts as raw_event_ts,
        _rescued_data,
        _source_file,
        _batch_id,
        _ingested_at as load_datetime,
        'billing.subscription_events' as record_source
    from source
),

assessed as (
    select
        *,
        {{ dq_reject_reason([
            [is_unparseable(['raw_event_id', 'subscription_id', 'customer_id', 'plan_id', 'event_type', 'raw_event_ts']), 'unparseable record'],
            [has_invalid_utf8(), 'not valid UTF-8 (original bytes in _rescued_data)'],
            ["nullif(event_id, '') is null", 'missing business key event_id'],
            ["nullif(subscription_id, '') is null", 'missing subscription_id'],
            ["nullif(customer_id, '') is null", 'missing customer_id'],
            ["nullif(plan_id, '') is null", 'missing plan_id'],
            [is_uncastable('raw_amount', 'amount'), 'invalid amount'],
            ['event_at is null', 'missing or invalid event_ts'],
            [is_future_dated('event_at'), 'future-dated event_ts (after the load time)'],
        ]) }} as dq_reject_reason
    from cleaned
)

select * from assessed
