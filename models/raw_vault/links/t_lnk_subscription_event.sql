{{ datavault.t_link(
    src_pk='subscription_event_hk',
    src_fk=['subscription_hk', 'customer_hk', 'plan_hk'],
    src_payload=['event_id', 'event_type', 'amount', 'currency'],
    src_eff='event_at',
    src_ldts='load_datetime',
    src_source='record_source',
    source_model='stg_billing__subscription_events',
) }}
