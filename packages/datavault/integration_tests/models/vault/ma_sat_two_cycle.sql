{{ config(tags=['two_cycle']) }}
{{ datavault.ma_sat(src_pk='customer_hk', src_cdk=['customer_ref'], src_hashdiff='hashdiff', src_payload=['name', 'tier'], src_eff='effective_from', src_ldts='load_datetime', src_source='record_source', source_model='stg_ma_sat_two_cycle') }}
