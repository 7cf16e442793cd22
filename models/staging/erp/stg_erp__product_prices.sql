{%- set hashed_columns = {
    'product_hk': 'sku',
    'product_price_hashdiff': {'is_hashdiff': true, 'columns': ['currency', 'market', 'price']},
} -%}

with staged as (
    {{ datavault.stage(
        include_source_columns=true,
        source_model='base_erp__product_prices',
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
        product_hk,
        product_price_hashdiff,
        sku,
        market,
        currency,
        price,
        updated_at,
        _source_file,
        _batch_id,
        load_datetime,
        record_source
    from usable_records
)

select * from final
