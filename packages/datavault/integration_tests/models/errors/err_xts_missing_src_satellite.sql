{#- Deliberately wrong call: the runner asserts the compile error message. -#}
{{ datavault.xts(src_pk='customer_hk', src_satellite=none, src_ldts='load_datetime', src_source='record_source', source_model='stg_xts_two_cycle') }}
