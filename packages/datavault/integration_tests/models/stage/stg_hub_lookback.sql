{{ config(materialized='ephemeral', meta={'datavault_lookback_days': 2}) }}
{{ customer_stage('raw_hub_lookback') }}
