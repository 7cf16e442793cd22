with source as (
    select * from {{ source('erp', 'product_prices') }}
),

cleaned as (
    select
        upper(trim(sku)) as sku,
        upper(trim(market)) as market,
        upper(trim(currency)) as currency,
        try_cast(trim(price) as decimal(12, 2)) as price,
        try_cast(trim(updated_at) as timestamp) as updated_at,
        sku as raw_sku,
        price as raw_price,
        updated_at as raw_updated_at,
        _rescued_data,
        _source_file,
        _batch_id,
        _ingested_at as load_datetime,
        'erp.product_prices' as record_source
    from source
),

assessed as (
    select
        *,
        {{ dq_reject_reason([
            [is_unparseable(['raw_sku', 'market', 'raw_price', 'currency', 'raw_updated_at']), 'unparseable record'],
            [has_invalid_utf8(), 'not valid UTF-8 (original bytes in _rescued_data)'],
            ["nullif(sku, '') is null", 'missing business key sku'],
            ["nullif(market, '') is null", 'missing business key market'],
            [is_uncastable('raw_price', 'price'), 'invalid price'],
            ['updated_at is null', 'missing or invalid updated_at'],
            [is_future_dated('updated_at'), 'future-dated updated_at (after the load time)'],
        ]) }} as dq_reject_reason
    from cleaned
)

select * from assessed
