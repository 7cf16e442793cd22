{{ datavault.hub(
    src_pk='product_hk',
    src_nk='sku',
    src_ldts='load_datetime',
    src_source='record_source',
    source_model=[
        'stg_erp__products',
        'stg_erp__product_prices',
        'stg_shop__order_lines',
        'stg_marketing__promotion_products',
    ],
) }}
