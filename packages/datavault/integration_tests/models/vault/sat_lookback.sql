{{ config(tags=['two_cycle'], meta={'datavault_lookback_days': 3}) }}
{{ datavault.sat(src_pk='customer_hk', src_hashdiff='hashdiff', src_payload=['name', 'tier'], src_eff='effective_from', src_ldts='load_datetime', src_source='record_source', source_model='stg_sat_lookback') }}
