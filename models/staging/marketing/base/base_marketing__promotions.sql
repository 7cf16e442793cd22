with source as (
    select * from {{ source('marketing', 'promotions') }}
),

cleaned as (
    select
        upper(trim(promo_code)) as promo_code,
        trim(promotion_name) as promotion_name,
        lower(trim(discount_type)) as discount_type,
        lower(trim(channel)) as channel,
        try_cast(trim(discount_value) as decimal(12, 2)) as discount_value,
        try_cast(trim(start_date) as date) as start_date,
        try_cast(trim(end_date) as date) as end_date,
        try_cast(trim(updated_at) as timestamp) as updated_at,
        promo_code as raw_promo_code,
        discount_value as raw_discount_value,
        start_date as raw_start_date,
        end_date as raw_end_date,
        updated_at as raw_updated_at,
        _rescued_data,
        _source_file,
        _batch_id,
        _ingested_at as load_datetime,
        'marketing.promotions' as record_source
    from source
),

assessed as (
    select
        *,
        {{ dq_reject_reason([
            [is_unparseable(['raw_promo_code', 'promotion_name', 'discount_type', 'raw_start_date', 'raw_updated_at']), 'unparseable record'],
            [has_invalid_utf8(), 'not valid UTF-8 (original bytes in _rescued_data)'],
            ["nullif(promo_code, '') is null", 'missing business key promo_code'],
            [is_uncastable('raw_discount_value', 'discount_value'), 'invalid discount_value'],
            ['start_date is null', 'missing or invalid start_date'],
            ['end_date is null', 'missing or invalid end_date'],
            ['updated_at is null', 'missing or invalid updated_at'],
            [is_future_dated('updated_at'), 'future-dated updated_at (after the load time)'],
        ]) }} as dq_reject_reason
    from cleaned
)

select * from assessed
