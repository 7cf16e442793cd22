with source as (
    select * from {{ source('marketing', 'promotion_products') }}
),

cleaned as (
    select
        upper(trim(promo_code)) as promo_code,
        upper(trim(sku)) as sku,
        try_cast(trim(updated_at) as timestamp) as updated_at,
        promo_code as raw_promo_code,
        updated_at as raw_updated_at,
        _rescued_data,
        _source_file,
        _batch_id,
        _ingested_at as load_datetime,
        'marketing.promotion_products' as record_source
    from source
),

assessed as (
    select
        *,
        {{ dq_reject_reason([
            [is_unparseable(['raw_promo_code', 'sku', 'raw_updated_at']), 'unparseable record'],
            [has_invalid_utf8(), 'not valid UTF-8 (original bytes in _rescued_data)'],
            ["nullif(promo_code, '') is null", 'missing business key promo_code'],
            ["nullif(sku, '') is null", 'missing business key sku'],
            [is_future_dated('updated_at'), 'future-dated updated_at (after the load time)'],
        ]) }} as dq_reject_reason
    from cleaned
)

select * from assessed
