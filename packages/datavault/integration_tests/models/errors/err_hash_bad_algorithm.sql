{{ config(meta={'datavault_hash': 'CRC32'}) }}
select {{ datavault.hash('customer_id', 'customer_hk') }} from {{ source('fixtures', 'raw_hub_new') }}
