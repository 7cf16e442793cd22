{{ datavault.sat(
    src_pk='order_line_hk',
    src_hashdiff={'source_column': 'order_line_hashdiff', 'alias': 'hashdiff'},
    src_payload=[
        'quantity',
        'unit_price',
        'discount_amount',
        'promo_code',
    ],
    src_ldts='load_datetime',
    src_source='record_source',
    source_model='stg_shop__order_lines',
) }}
