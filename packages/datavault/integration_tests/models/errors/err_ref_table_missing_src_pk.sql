{#- Deliberately wrong call: compiled by the runner, which asserts the error message. -#}
{{ datavault.ref_table(src_pk=none, src_ldts='load_datetime', src_source='record_source', source_model='stg_ref_table_two_cycle') }}
