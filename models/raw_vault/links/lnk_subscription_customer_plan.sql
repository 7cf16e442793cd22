{{ datavault.link(
    src_pk='subscription_customer_plan_hk',
    src_fk=['subscription_hk', 'customer_hk', 'plan_hk'],
    src_ldts='load_datetime',
    src_source='record_source',
    source_model='stg_billing__subscription_events',
) }}
