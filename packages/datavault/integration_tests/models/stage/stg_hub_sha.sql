{{ config(materialized='ephemeral', meta={'datavault_hash': 'SHA'}) }}
{{ customer_stage('raw_hub_sha') }}
