{{ config(meta={'datavault_hash_output': 'binary'}) }}
select
    case_id,
    {{ datavault.hash('c_string') }} as h_string,
    {{ datavault.hash(['c_string', 'c_int']) }} as h_pair,
    {{ datavault.ghost_key() }} as ghost_key
from {{ source('fixtures', 'raw_hash_types') }}
