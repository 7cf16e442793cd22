{{ config(meta={'datavault_error_records': true}) }}
{{ datavault.sat(src_pk='customer_hk', src_hashdiff='hashdiff', src_payload=['name', 'tier'], src_eff='effective_from', src_ldts='load_datetime', src_source='record_source', source_model='stg_sat_ghost_error', ghost_record=true) }}
