{{ config(materialized='ephemeral') }}
{{ customer_stage('raw_pit_tier') }}
