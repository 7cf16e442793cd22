{{ config(materialized='ephemeral') }}
{{ customer_stage('raw_ref_table_two_cycle') }}
