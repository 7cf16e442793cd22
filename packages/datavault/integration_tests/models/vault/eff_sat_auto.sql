{{ config(tags=['two_cycle']) }}
{{ datavault.eff_sat(src_pk='customer_order_hk', src_dfk='customer_hk', src_sfk='order_hk', src_start_date='start_date', src_end_date='end_date', src_eff='effective_from', src_ldts='load_datetime', src_source='record_source', source_model='stg_eff_sat_auto', is_auto_end_dating=true) }}
