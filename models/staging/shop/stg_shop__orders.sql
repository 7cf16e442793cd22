{%- set hashed_columns = {
    'order_hk': 'order_id',
    'customer_hk': 'customer_id',
    'order_customer_hk': ['order_id', 'customer_id'],
    'order_hashdiff': {'is_hashdiff': true, 'columns': ['channel', 'currency', 'order_status', 'ordered_at', 'shipping_country']},
} -%}

with staged as (
    {{ datavault.stage(
        include_source_columns=true,
        source_model='base_shop__orders',
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
        order_hk,
        customer_hk,
        order_customer_hk,
        order_hashdiff,
        order_id,
        customer_id,
        channel,
        currency,
        order_status,
        shipping_country,
        ordered_at,
        updated_at,
        _source_file,
        _batch_id,
        load_datetime,
        record_source
    from usable_records
)

select * from final
