{{ datavault.sat(
    src_pk='order_hk',
    src_hashdiff={'source_column': 'order_hashdiff', 'alias': 'hashdiff'},
    src_payload=[
        'order_status',
        'channel',
        'currency',
        'shipping_country',
        'ordered_at',
    ],
    src_eff='updated_at',
    src_ldts='load_datetime',
    src_source='record_source',
    source_model='stg_shop__orders',
) }}
