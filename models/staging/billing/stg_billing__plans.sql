{%- set hashed_columns = {
    'plan_hk': 'plan_id',
    'plan_hashdiff': {'is_hashdiff': true, 'columns': ['billing_interval', 'currency', 'plan_name', 'price']},
} -%}

with staged as (
    {{ datavault.stage(
        include_source_columns=true,
        source_model='base_billing__plans',
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
        plan_hk,
        plan_hashdiff,
        plan_id,
        plan_name,
        billing_interval,
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
