{{ config(materialized='incremental', incremental_strategy='append') }}

{{ datavault.sat(
    src_pk='customer_hk',
    src_hashdiff='hashdiff',
    src_payload=['city', 'loyalty_tier'],
    src_ldts='load_datetime',
    src_source='record_source',
    source_model={'dv_bench': 'stage'},
) }}
