{{ datavault.sat(
    src_pk='product_hk',
    src_hashdiff={'source_column': 'product_hashdiff', 'alias': 'hashdiff'},
    src_payload=[
        'product_name',
        'brand',
        'category',
        'subcategory',
        'list_price_eur',
        'product_status',
        'launch_date',
    ],
    src_eff='updated_at',
    src_ldts='load_datetime',
    src_source='record_source',
    source_model='stg_erp__products',
) }}
