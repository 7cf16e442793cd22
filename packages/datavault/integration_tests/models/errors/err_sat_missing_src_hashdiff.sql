{#- Deliberately wrong call: compiled by the runner, which asserts the error message. -#}
{{ datavault.sat(src_pk='customer_hk', src_hashdiff=none, src_payload=['name'], src_ldts='load_datetime', src_source='record_source', source_model='stg_sat_new') }}
