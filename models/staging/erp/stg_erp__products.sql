{%- set hashed_columns = {
    'product_hk': 'sku',
    'product_hashdiff': {'is_hashdiff': true, 'columns': ['brand', 'category', 'launch_date', 'list_price_eur', 'product_name', 'product_status', 'subcategory']},
} -%}

with staged as (
    {{ datavault.stage(
        include_source_columns=true,
        source_model='base_erp__products',
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
        product_hashdiff,
        sku,
        product_name,
        brand,
        category,
        subcategory,
        list_price_eur,
        product_status,
        launch_date,
        updated_at,
        _source_file,
        _batch_id,
        load_datetime,
        record_source
    from usable_records
)

select * from final
