{#- Deliberately wrong call: the runner asserts the compile error message. -#}
{{ datavault.ma_sat(src_pk='customer_hk', src_cdk=none, src_hashdiff='hashdiff', src_payload=['name'], src_ldts='load_datetime', src_source='record_source', source_model='stg_ma_sat_two_cycle') }}
