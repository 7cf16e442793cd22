{{ config(materialized='ephemeral') }}
{{ customer_stage('raw_t_link_two_cycle') }}
