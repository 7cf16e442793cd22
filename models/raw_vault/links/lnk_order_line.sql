{{ datavault.link(
    src_pk='order_line_hk',
    src_fk=['order_hk', 'product_hk'],
    src_ldts='load_datetime',
    src_source='record_source',
    source_model='stg_shop__order_lines',
    src_extra_columns=['line_number'],
) }}
