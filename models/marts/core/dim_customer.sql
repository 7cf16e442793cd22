with snp_customer as (
    select
        customer_hk,
        customer_id,
        email_hash,
        country,
        city,
        loyalty_tier,
        birth_year,
        marketing_opt_in,
        loaded_at,
        dbt_valid_from,
        dbt_valid_to
    from {{ ref('snp_customer') }}
),

versions as (
    select
        customer_hk,
        customer_id,
        email_hash,
        country,
        city,
        loyalty_tier,
        birth_year,
        marketing_opt_in,
        loaded_at,
        dbt_valid_from,
        coalesce(dbt_valid_to, {{ gold_open_end() }}) as dbt_valid_to,
        row_number() over (partition by customer_hk order by dbt_valid_from) as version_number
    from snp_customer
),

known_members as (
    select
        md5(concat_ws('|', customer_hk, cast(dbt_valid_from as string))) as customer_sk,
        customer_hk,
        customer_id,
        email_hash,
        country,
        city,
        loyalty_tier,
        birth_year,
        cast(version_number as int) as version_number,
        marketing_opt_in,
        dbt_valid_to = {{ gold_open_end() }} as is_current,
        -- the first version of a key also covers the time before the key was first seen
        case when version_number = 1 then {{ gold_begin_of_time() }} else dbt_valid_from end as valid_from,
        dbt_valid_to as valid_to,
        loaded_at
    from versions
),

unknown_member as (
    select
        {{ gold_unknown_sk() }} as customer_sk,
        cast(null as string) as customer_hk,
        'UNKNOWN' as customer_id,
        cast(null as string) as email_hash,
        'UNKNOWN' as country,
        'UNKNOWN' as city,
        'UNKNOWN' as loyalty_tier,
        cast(null as int) as birth_year,
        cast(1 as int) as version_number,
        cast(null as boolean) as marketing_opt_in,
        true as is_current,
        {{ gold_begin_of_time() }} as valid_from,
        {{ gold_open_end() }} as valid_to,
        cast(null as timestamp) as loaded_at
),

final as (
    select
        customer_sk,
        customer_hk,
        customer_id,
        email_hash,
        country,
        city,
        loyalty_tier,
        birth_year,
        version_number,
        marketing_opt_in,
        is_current,
        valid_from,
        valid_to,
        loaded_at
    from known_members
    union all
    select
        customer_sk,
        customer_hk,
        customer_id,
        email_hash,
        country,
        city,
        loyalty_tier,
        birth_year,
        version_number,
        marketing_opt_in,
        is_current,
        valid_from,
        valid_to,
        loaded_at
    from unknown_member
)

select
    customer_sk,
    customer_hk,
    customer_id,
    email_hash,
    country,
    city,
    loyalty_tier,
    birth_year,
    version_number,
    marketing_opt_in,
    is_current,
    valid_from,
    valid_to,
    loaded_at
from final
