{{ datavault.t_link(
    src_pk='return_hk',
    src_fk=['order_line_hk', 'order_hk', 'product_hk'],
    src_payload=['return_id', 'line_number', 'quantity', 'refund_amount', 'return_reason'],
    src_eff='returned_at',
    src_ldts='load_datetime',
    src_source='record_source',
    source_model='stg_shop__returns',
) }}
