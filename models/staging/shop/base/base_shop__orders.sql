with source as (
    select * from {{ source('shop', 'orders') }}
),

cleaned as (
    select
        upper(trim(order_id)) as order_id,
        upper(trim(customer_id)) as customer_id,
        lower(trim(channel)) as channel,
        upper(trim(currency)) as currency,
        lower(trim(status)) as order_status,
        upper(trim(shipping_country)) as shipping_country,
        try_cast(trim(order_ts) as timestamp) as ordered_at,
        try_cast(trim(updated_at) as timestamp) as updated_at,
        order_id as raw_order_id,
        order_ts as raw_order_ts,
        updated_at as raw_updated_at,
        _rescued_data,
        _source_file,
        _batch_id,
        _ingested_at as load_datetime,
        'shop.orders' as record_source
    from source
),

assessed as (
    select
        *,
        {{ dq_reject_reason([
            [is_unparseable(['raw_order_id', 'customer_id', 'raw_order_ts', 'channel', 'order_status', 'raw_updated_at']), 'unparseable record'],
            [has_invalid_utf8(), 'not valid UTF-8 (original bytes in _rescued_data)'],
            ["nullif(order_id, '') is null", 'missing business key order_id'],
            ["nullif(customer_id, '') is null", 'missing customer_id'],
            ['ordered_at is null', 'missing or invalid order_ts'],
            ['updated_at is null', 'missing or invalid updated_at'],
            [is_future_dated('ordered_at'), 'future-dated order_ts (after the load time)'],
            [is_future_dated('updated_at'), 'future-dated updated_at (after the load time)'],
        ]) }} as dq_reject_reason
    from cleaned
)

select * from assessed
