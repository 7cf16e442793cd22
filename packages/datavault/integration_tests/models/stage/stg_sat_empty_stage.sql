{{ config(materialized='ephemeral') }}
{{ customer_stage('raw_sat_empty_stage') }}
