{{ datavault.hub(
    src_pk='order_hk',
    src_nk='order_id',
    src_ldts='load_datetime',
    src_source='record_source',
    source_model=[
        'stg_shop__orders',
        'stg_shop__order_lines',
    ],
) }}
