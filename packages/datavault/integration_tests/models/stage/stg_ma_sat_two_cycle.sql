{{ config(materialized='ephemeral') }}
{{ customer_stage('raw_ma_sat_two_cycle') }}
