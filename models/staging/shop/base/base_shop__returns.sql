with source as (
    select * from {{ source('shop', 'returns') }}
),

cleaned as (
    select
        upper(trim(return_id)) as return_id,
        upper(trim(order_id)) as order_id,
        try_cast(trim(line_number) as int) as line_number,
        upper(trim(sku)) as sku,
        lower(trim(reason)) as return_reason,
        try_cast(trim(quantity) as int) as quantity,
        try_cast(trim(refund_amount) as decimal(12, 2)) as refund_amount,
        try_cast(trim(returned_at) as timestamp) as returned_at,
        return_id as raw_return_id,
        line_number as raw_line_number,
        quantity as raw_quantity,
        refund_amount as raw_refund_amount,
        returned_at as raw_returned_at,
        _rescued_data,
        _source_file,
        _batch_id,
        _ingested_at as load_datetime,
        'shop.returns' as record_source
    from source
),

assessed as (
    select
        *,
        {{ dq_reject_reason([
            [is_unparseable(['raw_return_id', 'order_id', 'raw_line_number', 'sku', 'raw_quantity', 'raw_returned_at']), 'unparseable record'],
            [has_invalid_utf8(), 'not valid UTF-8 (original bytes in _rescued_data)'],
            ["nullif(return_id, '') is null", 'missing business key return_id'],
            ["nullif(order_id, '') is null", 'missing order_id'],
            ['line_number is null', 'missing or invalid line_number'],
            ["nullif(sku, '') is null", 'missing sku'],
            ['quantity is null', 'missing or invalid quantity'],
            ['refund_amount is null', 'missing or invalid refund_amount'],
            ['returned_at is null', 'missing or invalid returned_at'],
            [is_future_dated('returned_at'), 'future-dated returned_at (after the load time)'],
        ]) }} as dq_reject_reason
    from cleaned
)

select * from assessed
