{{ config(materialized='ephemeral') }}
{{ customer_stage('raw_xts_two_cycle') }}
