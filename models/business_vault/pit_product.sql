{{ datavault.pit(
    source_model='hub_product',
    src_pk='product_hk',
    as_of_dates_table='as_of_date',
    satellites={
        'sat_product__erp': {'pk': {'PK': 'product_hk'}, 'ldts': {'LDTS': 'load_datetime'}},
        'ma_sat_product_price__erp': {'pk': {'PK': 'product_hk'}, 'ldts': {'LDTS': 'load_datetime'}},
    },
    stage_tables_ldts={'stg_erp__products': 'load_datetime', 'stg_erp__product_prices': 'load_datetime'},
    src_ldts='load_datetime',
) }}
