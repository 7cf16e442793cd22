{#- Deliberately wrong call: compiled by the runner, which asserts the error message. -#}
{{ datavault.t_link(src_pk='customer_order_hk', src_fk=none, src_payload=['amount'], src_ldts='load_datetime', src_source='record_source', source_model='stg_t_link_two_cycle') }}
