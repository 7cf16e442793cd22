{{ config(tags=['two_cycle']) }}
{{ datavault.ref_table(src_pk='customer_id', src_extra_columns=['name', 'tier'], src_ldts='load_datetime', src_source='record_source', source_model='stg_ref_table_two_cycle') }}
