{%- set hashed_columns = {
    'customer_hk': 'customer_id',
    'customer_hashdiff': {'is_hashdiff': true, 'columns': ['city', 'country', 'loyalty_tier', 'marketing_opt_in']},
    'customer_pii_hashdiff': {'is_hashdiff': true, 'columns': ['birth_date', 'email', 'first_name', 'last_name']},
} -%}

with staged as (
    {{ datavault.stage(
        include_source_columns=true,
        source_model='base_crm__customers',
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
        customer_hk,
        customer_hashdiff,
        customer_pii_hashdiff,
        customer_id,
        email,
        first_name,
        last_name,
        country,
        city,
        loyalty_tier,
        marketing_opt_in,
        birth_date,
        updated_at,
        _source_file,
        _batch_id,
        load_datetime,
        record_source
    from usable_records
)

select * from final
