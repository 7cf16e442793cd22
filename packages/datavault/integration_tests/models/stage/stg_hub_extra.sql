{{ config(materialized='ephemeral') }}
{{ customer_stage('raw_hub_extra') }}
