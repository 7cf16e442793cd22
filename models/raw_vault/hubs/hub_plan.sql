{{ datavault.hub(
    src_pk='plan_hk',
    src_nk='plan_id',
    src_ldts='load_datetime',
    src_source='record_source',
    source_model=[
        'stg_billing__plans',
        'stg_billing__subscription_events',
    ],
) }}
