{{ config(materialized='ephemeral') }}
select as_of_date from {{ source('fixtures', 'raw_as_of_dates') }}
