with source as (
    select * from {{ source('marketing', 'campaign_events') }}
),

cleaned as (
    select
        upper(trim(event_id)) as event_id,
        upper(trim(promo_code)) as promo_code,
        upper(trim(customer_id)) as customer_id,
        lower(trim(event_type)) as event_type,
        try_cast(trim(event_ts) as timestamp) as event_at,
        event_id as raw_event_id,
        event_ts as raw_event_ts,
        _rescued_data,
        _source_file,
        _batch_id,
        _ingested_at as load_datetime,
        'marketing.campaign_events' as record_source
    from source
),

assessed as (
    select
        *,
        {{ dq_reject_reason([
            [is_unparseable(['raw_event_id', 'promo_code', 'customer_id', 'event_type', 'raw_event_ts']), 'unparseable record'],
            [has_invalid_utf8(), 'not valid UTF-8 (original bytes in _rescued_data)'],
            ["nullif(event_id, '') is null", 'missing business key event_id'],
            ["nullif(promo_code, '') is null", 'missing promo_code'],
            ["nullif(customer_id, '') is null", 'missing customer_id'],
            ['event_at is null', 'missing or invalid event_ts'],
            [is_future_dated('event_at'), 'future-dated event_ts (after the load time)'],
        ]) }} as dq_reject_reason
    from cleaned
)

select * from assessed
