{#- Deliberately wrong call: the runner asserts the compile error message. -#}
{{ datavault.eff_sat(src_pk='customer_order_hk', src_dfk=none, src_sfk='order_hk', src_start_date='start_date', src_end_date='end_date', src_eff='effective_from', src_ldts='load_datetime', src_source='record_source', source_model='stg_eff_sat_auto') }}
