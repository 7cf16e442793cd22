{{ config(materialized='ephemeral') }}
{{ customer_stage('raw_hub_two_cycle') }}
