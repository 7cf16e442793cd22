{{ config(materialized='ephemeral') }}
{{ customer_stage('raw_hub_multi_b') }}
