{%- set hashed_columns = {
    'promotion_hk': 'promo_code',
    'product_hk': 'sku',
    'promotion_product_hk': ['promo_code', 'sku'],
} -%}

with staged as (
    {{ datavault.stage(
        include_source_columns=true,
        source_model='base_marketing__promotion_products',
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
        promotion_product_hk,
        promotion_hk,
        product_hk,
        promo_code,
        sku,
        updated_at,
        _source_file,
        _batch_id,
        load_datetime,
        record_source
    from usable_records
)

select * from final
