{{ config(materialized='ephemeral') }}
{{ customer_stage('raw_eff_sat_auto') }}
