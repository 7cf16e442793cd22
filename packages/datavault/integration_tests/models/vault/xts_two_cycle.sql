{{ config(tags=['two_cycle']) }}
{{ datavault.xts(src_pk='customer_hk', src_satellite={
    'SAT_CUSTOMER': {'sat_name': {'satellite_name': '!sat_customer'}, 'hashdiff': {'hashdiff': 'hashdiff'}},
    'SAT_CUSTOMER_TIER': {'sat_name': {'satellite_name': '!sat_customer_tier'}, 'hashdiff': {'hashdiff': 'hashdiff_tier'}},
}, src_ldts='load_datetime', src_source='record_source', source_model='stg_xts_two_cycle') }}
