{%- set hashed_columns = {
    'order_hk': 'order_id',
    'product_hk': 'sku',
    'promotion_hk': 'promo_code',
    'order_line_hk': ['order_id', 'line_number', 'sku'],
    'order_line_hashdiff': {'is_hashdiff': true, 'columns': ['discount_amount', 'promo_code', 'quantity', 'unit_price']},
} -%}
{%- set derived_columns = {
    'start_date': 'load_datetime',
    'end_date': "cast('9999-12-31 23:59:59.999999' as timestamp)",
} -%}

with staged as (
    {{ datavault.stage(
        include_source_columns=true,
        source_model='base_shop__order_lines',
        derived_columns=derived_columns,
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
        order_line_hk,
        order_hk,
        product_hk,
        promotion_hk,
        order_line_hashdiff,
        order_id,
        line_number,
        sku,
        promo_code,
        quantity,
        unit_price,
        discount_amount,
        start_date,
        end_date,
        _source_file,
        _batch_id,
        load_datetime,
        record_source
    from usable_records
)

select * from final
