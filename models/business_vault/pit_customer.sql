{{ datavault.pit(
    source_model='hub_customer',
    src_pk='customer_hk',
    as_of_dates_table='as_of_date',
    satellites={
        'sat_customer__crm': {'pk': {'PK': 'customer_hk'}, 'ldts': {'LDTS': 'load_datetime'}},
        'sat_customer_pii__crm': {'pk': {'PK': 'customer_hk'}, 'ldts': {'LDTS': 'load_datetime'}},
    },
    stage_tables_ldts={'stg_crm__customers': 'load_datetime'},
    src_ldts='load_datetime',
) }}
