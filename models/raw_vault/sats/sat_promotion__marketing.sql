{{ datavault.sat(
    src_pk='promotion_hk',
    src_hashdiff={'source_column': 'promotion_hashdiff', 'alias': 'hashdiff'},
    src_payload=[
        'promotion_name',
        'discount_type',
        'discount_value',
        'start_date',
        'end_date',
        'channel',
    ],
    src_eff='updated_at',
    src_ldts='load_datetime',
    src_source='record_source',
    source_model='stg_marketing__promotions',
) }}
