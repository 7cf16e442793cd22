{{ datavault.sat(
    src_pk='subscription_hk',
    src_hashdiff={'source_column': 'subscription_hashdiff', 'alias': 'hashdiff'},
    src_payload=[
        'subscription_status',
        'plan_id',
    ],
    src_eff='event_at',
    src_ldts='load_datetime',
    src_source='record_source',
    source_model='stg_billing__subscription_events',
) }}
