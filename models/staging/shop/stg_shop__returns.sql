{%- set hashed_columns = {
    'return_hk': 'return_id',
    'order_hk': 'order_id',
    'product_hk': 'sku',
    'order_line_hk': ['order_id', 'line_number', 'sku'],
} -%}

with staged as (
    {{ datavault.stage(
        include_source_columns=true,
        source_model='base_shop__returns',
        derived_columns=none,
        hashed_columns=hashed_columns,
    ) | indent(4) }}
),

usable_records as (
    -- rejected records are reported in audit.dq_rejected_records, not passed on to the vault
    select * from staged
    where dq_reject_reason is null
),

final as (
    select
        return_hk,
        order_line_hk,
        order_hk,
        product_hk,
        return_id,
        order_id,
        line_number,
        sku,
        return_reason,
        quantity,
        refund_amount,
        returned_at,
        _source_file,
        _batch_id,
        load_datetime,
        record_source
    from usable_records
)

select * from final
