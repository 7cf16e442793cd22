{{ config(materialized='incremental', incremental_strategy='append') }}

{{ datavault.hub(
    src_pk='customer_hk',
    src_nk='customer_id',
    src_ldts='load_datetime',
    src_source='record_source',
    source_model={'dv_bench': 'stage'},
) }}
