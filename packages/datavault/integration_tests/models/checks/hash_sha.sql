{{ config(meta={'datavault_hash': 'SHA'}) }}
select
    case_id,
    {{ datavault.hash('c_string') }} as h_string,
    {{ datavault.hash('c_int') }} as h_int,
    {{ datavault.hash('c_bigint') }} as h_bigint,
    {{ datavault.hash('c_decimal') }} as h_decimal,
    {{ datavault.hash('c_date') }} as h_date,
    {{ datavault.hash('c_ts') }} as h_ts,
    {{ datavault.hash('c_bool') }} as h_bool,
    {{ datavault.hash(['c_string', 'c_int']) }} as h_pair,
    {{ datavault.hash(['c_string', 'c_int', 'c_bigint', 'c_decimal', 'c_date', 'c_ts', 'c_bool']) }} as h_all,
    {{ datavault.hash(['c_ts', 'c_bool', 'c_string', 'c_int', 'c_decimal', 'c_date', 'c_bigint'], is_hashdiff=true) }} as hd_all,
    {{ datavault.hash('c_string', is_hashdiff=true) }} as hd_single,
    {{ datavault.hash(['c_string', 'C_INT', 'c_bool'], is_hashdiff=true) }} as hd_case
from {{ source('fixtures', 'raw_hash_types') }}
