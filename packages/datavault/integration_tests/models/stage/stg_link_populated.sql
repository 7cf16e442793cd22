{{ config(materialized='ephemeral') }}
{{ customer_stage('raw_link_populated') }}
