{#- Deliberately wrong call: the runner asserts the compile error message. -#}
{{ datavault.bridge(src_pk='customer_hk', as_of_dates_table='as_of_dates', bridge_walk={'CO': {'link_table': 'link_bridge_co'}}, src_ldts='load_datetime', source_model='hub_bridge') }}
