{{ datavault.link(
    src_pk='promotion_product_hk',
    src_fk=['promotion_hk', 'product_hk'],
    src_ldts='load_datetime',
    src_source='record_source',
    source_model='stg_marketing__promotion_products',
) }}
