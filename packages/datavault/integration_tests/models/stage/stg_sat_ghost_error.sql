{{ config(materialized='ephemeral', meta={'datavault_error_records': True}) }}
{{ customer_stage('raw_sat_ghost_error') }}
