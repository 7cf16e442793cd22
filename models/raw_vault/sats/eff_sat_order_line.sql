{{ datavault.eff_sat(
    src_pk='order_line_hk',
    src_dfk=['order_hk'],
    src_sfk=['product_hk'],
    src_start_date='start_date',
    src_end_date='end_date',
    src_eff='load_datetime',
    src_ldts='load_datetime',
    src_source='record_source',
    source_model='stg_shop__order_lines',
) }}
