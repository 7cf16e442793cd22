{{ config(tags=['two_cycle']) }}
{{ datavault.pit(src_pk='customer_hk', as_of_dates_table='as_of_dates', satellites={
    'sat_pit_name': {'pk': {'PK': 'customer_hk'}, 'ldts': {'LDTS': 'load_datetime'}},
}, stage_tables_ldts={'stg_pit': 'load_datetime'}, src_ldts='load_datetime', source_model='hub_pit') }}
