{{ datavault.hub(
    src_pk='promotion_hk',
    src_nk='promo_code',
    src_ldts='load_datetime',
    src_source='record_source',
    source_model=[
        'stg_marketing__promotions',
        'stg_marketing__promotion_products',
        'stg_marketing__campaign_events',
        'stg_shop__order_lines',
    ],
) }}
