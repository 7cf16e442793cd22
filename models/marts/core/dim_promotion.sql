with snp_promotion as (
    select
        promotion_hk,
        promo_code,
        promotion_name,
        discount_type,
        channel,
        discount_value,
        start_date,
        end_date,
        loaded_at,
        dbt_valid_from,
        dbt_valid_to
    from {{ ref('snp_promotion') }}
),

versions as (
    select
        promotion_hk,
        promo_code,
        promotion_name,
        discount_type,
        channel,
        discount_value,
        start_date,
        end_date,
        loaded_at,
        dbt_valid_from,
        coalesce(dbt_valid_to, {{ gold_open_end() }}) as dbt_valid_to,
        row_number() over (partition by promotion_hk order by dbt_valid_from) as version_number
    from snp_promotion
),

known_members as (
    select
        md5(concat_ws('|', promotion_hk, cast(dbt_valid_from as string))) as promotion_sk,
        promotion_hk,
        promo_code,
        promotion_name,
        discount_type,
        channel,
        cast(discount_value as decimal(18, 2)) as discount_value,
        cast(version_number as int) as version_number,
        dbt_valid_to = {{ gold_open_end() }} as is_current,
        start_date,
        end_date,
        -- the first version of a key also covers the time before the key was first seen
        case when version_number = 1 then {{ gold_begin_of_time() }} else dbt_valid_from end as valid_from,
        dbt_valid_to as valid_to,
        loaded_at
    from versions
),

unknown_member as (
    select
        {{ gold_unknown_sk() }} as promotion_sk,
        cast(null as string) as promotion_hk,
        'UNKNOWN' as promo_code,
        'UNKNOWN' as promotion_name,
        'UNKNOWN' as discount_type,
        'UNKNOWN' as channel,
        cast(null as decimal(18, 2)) as discount_value,
        cast(1 as int) as version_number,
        true as is_current,
        cast(null as date) as start_date,
        cast(null as date) as end_date,
        {{ gold_begin_of_time() }} as valid_from,
        {{ gold_open_end() }} as valid_to,
        cast(null as timestamp) as loaded_at
),

final as (
    select
        promotion_sk,
        promotion_hk,
        promo_code,
        promotion_name,
        discount_type,
        channel,
        discount_value,
        version_number,
        is_current,
        start_date,
        end_date,
        valid_from,
        valid_to,
        loaded_at
    from known_members
    union all
    select
        promotion_sk,
        promotion_hk,
        promo_code,
        promotion_name,
        discount_type,
        channel,
        discount_value,
        version_number,
        is_current,
        start_date,
        end_date,
        valid_from,
        valid_to,
        loaded_at
    from unknown_member
)

select
    promotion_sk,
    promotion_hk,
    promo_code,
    promotion_name,
    discount_type,
    channel,
    discount_value,
    version_number,
    is_current,
    start_date,
    end_date,
    valid_from,
    valid_to,
    loaded_at
from final
