{%- set hashed_columns = {
    'campaign_event_hk': 'event_id',
    'customer_hk': 'customer_id',
    'promotion_hk': 'promo_code',
} -%}

with staged as (
    {{ datavault.stage(
        include_source_columns=true,
        source_model='base_marketing__campaign_events',
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
        campaign_event_hk,
        customer_hk,
        promotion_hk,
        event_id,
        promo_code,
        customer_id,
        event_type,
        event_at,
        _source_file,
        _batch_id,
        load_datetime,
        record_source
    from usable_records
)

select * from final
