{#- Deliberately wrong call: compiled by the runner, which asserts the error message. -#}
{{ datavault.hub(src_pk='customer_hk', src_nk='customer_id', src_ldts='load_datetime', src_source='record_source', source_model=42) }}
