{{ datavault.sat(
    src_pk='customer_hk',
    src_hashdiff={'source_column': 'customer_pii_hashdiff', 'alias': 'hashdiff'},
    src_payload=[
        'email',
        'first_name',
        'last_name',
        'birth_date',
    ],
    src_eff='updated_at',
    src_ldts='load_datetime',
    src_source='record_source',
    source_model='stg_crm__customers',
) }}
