{{ config(materialized='ephemeral', meta={'datavault_lookback_days': 3}) }}
{{ customer_stage('raw_sat_lookback') }}
