with source as (
    select * from {{ source('erp', 'products') }}
),

cleaned as (
    select
        upper(trim(sku)) as sku,
        trim(product_name) as product_name,
        case lower(trim(brand)) when 'essence' then 'essence' when 'catrice' then 'CATRICE' end as brand,
        lower(trim(category)) as category,
        lower(trim(subcategory)) as subcategory,
        try_cast(trim(list_price_eur) as decimal(12, 2)) as list_price_eur,
        lower(trim(status)) as product_status,
        try_cast(trim(launch_date) as date) as launch_date,
        try_cast(trim(updated_at) as timestamp) as updated_at,
        sku as raw_sku,
        list_price_eur as raw_list_price_eur,
        launch_date as raw_launch_date,
        updated_at as raw_updated_at,
        _rescued_data,
        _source_file,
        _batch_id,
        _ingested_at as load_datetime,
        'erp.products' as record_source
    from source
),

assessed as (
    select
        *,
        {{ dq_reject_reason([
            [is_unparseable(['raw_sku', 'product_name', 'brand', 'category', 'raw_updated_at']), 'unparseable record'],
            [has_invalid_utf8(), 'not valid UTF-8 (original bytes in _rescued_data)'],
            ["nullif(sku, '') is null", 'missing business key sku'],
            [is_uncastable('raw_list_price_eur', 'list_price_eur'), 'invalid list_price_eur'],
            [is_uncastable('raw_launch_date', 'launch_date'), 'invalid launch_date'],
            ['updated_at is null', 'missing or invalid updated_at'],
            [is_future_dated('updated_at'), 'future-dated updated_at (after the load time)'],
        ]) }} as dq_reject_reason
    from cleaned
)

select * from assessed
