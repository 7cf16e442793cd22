{{ datavault.hub(
    src_pk='subscription_hk',
    src_nk='subscription_id',
    src_ldts='load_datetime',
    src_source='record_source',
    source_model=[
        'stg_billing__subscription_events',
    ],
) }}
