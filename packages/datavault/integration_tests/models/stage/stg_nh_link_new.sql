{{ config(materialized='ephemeral') }}
{{ customer_stage('raw_nh_link_new') }}
