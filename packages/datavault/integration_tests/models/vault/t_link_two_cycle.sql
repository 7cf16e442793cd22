{{ config(tags=['two_cycle']) }}
{{ datavault.t_link(src_pk='customer_order_hk', src_fk=['customer_hk', 'order_hk'], src_payload=['amount'], src_eff='effective_from', src_ldts='load_datetime', src_source='record_source', source_model='stg_t_link_two_cycle') }}
