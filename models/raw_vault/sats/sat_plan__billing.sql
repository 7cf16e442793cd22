{{ datavault.sat(
    src_pk='plan_hk',
    src_hashdiff={'source_column': 'plan_hashdiff', 'alias': 'hashdiff'},
    src_payload=[
        'plan_name',
        'billing_interval',
        'price',
        'currency',
    ],
    src_eff='updated_at',
    src_ldts='load_datetime',
    src_source='record_source',
    source_model='stg_billing__plans',
) }}
