{{ datavault.eff_sat(
    src_pk='subscription_customer_plan_hk',
    src_dfk=['subscription_hk'],
    src_sfk=['customer_hk', 'plan_hk'],
    src_start_date='start_date',
    src_end_date='end_date',
    src_eff='event_at',
    src_ldts='load_datetime',
    src_source='record_source',
    source_model='stg_billing__subscription_events',
    is_auto_end_dating=true,
) }}
