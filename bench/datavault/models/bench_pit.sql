{{ config(materialized='table') }}

{{ datavault.pit(
    src_pk='customer_hk',
    as_of_dates_table={'dv_bench': 'as_of_dates'},
    satellites={'bench_sat': {'pk': {'PK': 'customer_hk'}, 'ldts': {'LDTS': 'load_datetime'}}},
    src_ldts='load_datetime',
    source_model='bench_hub',
) }}
