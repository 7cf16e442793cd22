{%- set hashed_columns = {
    'promotion_hk': 'promo_code',
    'promotion_hashdiff': {'is_hashdiff': true, 'columns': ['channel', 'discount_type', 'discount_value', 'end_date', 'promotion_name', 'start_date']},
} -%}

with staged as (
    {{ datavault.stage(
        include_source_columns=true,
        source_model='base_marketing__promotions',
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
        promotion_hk,
        promotion_hashdiff,
        promo_code,
        promotion_name,
        discount_type,
        channel,
        discount_value,
        start_date,
        end_date,
        updated_at,
        _source_file,
        _batch_id,
        load_datetime,
        record_source
    from usable_records
)

select * from final
