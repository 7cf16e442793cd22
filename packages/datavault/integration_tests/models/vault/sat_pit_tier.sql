{{ config(tags=['two_cycle']) }}
{{ datavault.sat(src_pk='customer_hk', src_hashdiff={'source_column': 'hashdiff_tier', 'alias': 'hashdiff'}, src_payload=['tier'], src_ldts='load_datetime', src_source='record_source', source_model='stg_pit_tier') }}
