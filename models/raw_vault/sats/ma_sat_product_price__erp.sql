{{ datavault.ma_sat(
    src_pk='product_hk',
    src_cdk=['market'],
    src_hashdiff={'source_column': 'product_price_hashdiff', 'alias': 'hashdiff'},
    src_payload=['currency', 'price'],
    src_eff='updated_at',
    src_ldts='load_datetime',
    src_source='record_source',
    source_model='stg_erp__product_prices',
) }}
