{#- Deliberately wrong call: the runner asserts the compile error message. -#}
{{ datavault.pit(src_pk='customer_hk', as_of_dates_table='as_of_dates', satellites={'sat_pit_name': {'pk': 'customer_hk'}}, src_ldts='load_datetime', source_model='hub_pit') }}
