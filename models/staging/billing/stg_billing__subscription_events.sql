{%- set hashed_columns = {
    'subscription_event_hk': 'event_id',
    'subscription_hk': 'subscription_id',
    'customer_hk': 'customer_id',
    'plan_hk': 'plan_id',
    'subscription_customer_plan_hk': ['subscription_id', 'customer_id', 'plan_id'],
    'subscription_hashdiff': {'is_hashdiff': true, 'columns': ['plan_id', 'subscription_status']},
} -%}
{%- set derived_columns = {
    'subscription_status': "case event_type when 'cancelled' then 'cancelled' when 'payment_failed' then 'payment_failed' else 'active' end",
    'start_date': 'event_at',
    'end_date': "case when event_type = 'cancelled' then event_at else cast('9999-12-31 23:59:59.999999' as timestamp) end",
} -%}

with staged as (
    {{ datavault.stage(
        include_source_columns=true,
        source_model='base_billing__subscription_events',
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
        subscription_event_hk,
        subscription_hk,
        customer_hk,
        plan_hk,
        subscription_customer_plan_hk,
        subscription_hashdiff,
        event_id,
        subscription_id,
        customer_id,
        plan_id,
        event_type,
        subscription_status,
        currency,
        amount,
        event_at,
        start_date,
        end_date,
        _source_file,
        _batch_id,
        load_datetime,
        record_source
    from usable_records
)

select * from final
