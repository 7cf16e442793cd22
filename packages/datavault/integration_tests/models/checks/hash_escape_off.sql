{#- The same inputs without escaping: AutomateDV-compatible, and the collisions escaping avoids. -#}
select
    case_id,
    {{ datavault.hash(['p1', 'p2']) }} as h_pair,
    {{ datavault.hash(['p1', 'p2'], is_hashdiff=true) }} as hd_pair
from {{ source('fixtures', 'raw_hash_escape') }}
