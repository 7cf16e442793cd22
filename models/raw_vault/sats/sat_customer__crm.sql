{{ datavault.sat(
    src_pk='customer_hk',
    src_hashdiff={'source_column': 'customer_hashdiff', 'alias': 'hashdiff'},
    src_payload=[
        'country',
        'city',
        'loyalty_tier',
        'marketing_opt_in',
    ],
    src_eff='updated_at',
    src_ldts='load_datetime',
    src_source='record_source',
    source_model='stg_crm__customers',
) }}
