with source as (
    select * from {{ source('shop', 'order_lines') }}
),

cleaned as (
    select
        upper(trim(order_id)) as order_id,
        try_cast(trim(line_number) as int) as line_number,
        upper(trim(sku)) as sku,
        nullif(upper(trim(promo_code)), '') as promo_code,
        try_cast(trim(quantity) as int) as quantity,
        try_cast(trim(unit_price) as decimal(12, 2)) as unit_price,
        coalesce(try_cast(trim(discount_amount) as decimal(12, 2)), 0) as discount_amount,
        order_id as raw_order_id,
        line_number as raw_line_number,
        quantity as raw_quantity,
        unit_price as raw_unit_price,
        discount_amount as raw_discount_amount,
        _rescued_data,
        _source_file,
        _batch_id,
        _ingested_at as load_datetime,
        'shop.order_lines' as record_source
    from source
),

assessed as (
    select
        *,
        {{ dq_reject_reason([
            [is_unparseable(['raw_order_id', 'raw_line_number', 'sku', 'raw_quantity', 'raw_unit_price']), 'unparseable record'],
            [has_invalid_utf8(), 'not valid UTF-8 (original bytes in _rescued_data)'],
            ["nullif(order_id, '') is null", 'missing business key order_id'],
            ['line_number is null', 'missing or invalid line_number'],
            ["nullif(sku, '') is null", 'missing sku'],
            ['quantity is null', 'missing or invalid quantity'],
            ['unit_price is null', 'missing or invalid unit_price'],
            [is_uncastable('raw_discount_amount', "try_cast(trim(raw_discount_amount) as decimal(12, 2))"), 'invalid discount_amount'],
        ]) }} as dq_reject_reason
    from cleaned
)

select * from assessed
