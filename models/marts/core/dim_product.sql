with snp_product as (
    select
        product_hk,
        sku,
        product_name,
        brand,
        category,
        subcategory,
        product_status,
        list_price_eur,
        launch_date,
        loaded_at,
        dbt_valid_from,
        dbt_valid_to
    from {{ ref('snp_product') }}
),

int_product__discontinued as (
    select
        product_hk,
        discontinued_at
    from {{ ref('int_product__discontinued') }}
),

versions as (
    select
        product_hk,
        sku,
        product_name,
        brand,
        category,
        subcategory,
        product_status,
        list_price_eur,
        launch_date,
        loaded_at,
        dbt_valid_from,
        coalesce(dbt_valid_to, {{ gold_open_end() }}) as dbt_valid_to,
        row_number() over (partition by product_hk order by dbt_valid_from) as version_number,
        row_number() over (partition by product_hk order by dbt_valid_from desc) as reverse_version_number
    from snp_product
),

closed_at_discontinuation as (
    -- a discontinued product's last version ends when the discontinuation took effect, not when the
    -- snapshot noticed it (the snapshot stamps invalidations with its run time)
    select
        versions.product_hk,
        versions.sku,
        versions.product_name,
        versions.brand,
        versions.category,
        versions.subcategory,
        versions.product_status,
        versions.list_price_eur,
        versions.launch_date,
        versions.loaded_at,
        versions.dbt_valid_from,
        versions.version_number,
        int_product__discontinued.discontinued_at is not null
        and versions.reverse_version_number = 1 as is_discontinued,
        case
            when versions.reverse_version_number = 1
                and int_product__discontinued.discontinued_at > versions.dbt_valid_from
                then int_product__discontinued.discontinued_at
            else versions.dbt_valid_to
        end as dbt_valid_to
    from versions
    left join int_product__discontinued
        on versions.product_hk = int_product__discontinued.product_hk
),

known_members as (
    select
        md5(concat_ws('|', product_hk, cast(dbt_valid_from as string))) as product_sk,
        product_hk,
        sku,
        product_name,
        brand,
        category,
        subcategory,
        product_status,
        cast(list_price_eur as decimal(18, 2)) as list_price_eur,
        cast(version_number as int) as version_number,
        is_discontinued,
        dbt_valid_to = {{ gold_open_end() }} as is_current,
        launch_date,
        -- the first version of a key also covers the time before the key was first seen
        case when version_number = 1 then {{ gold_begin_of_time() }} else dbt_valid_from end as valid_from,
        dbt_valid_to as valid_to,
        loaded_at
    from closed_at_discontinuation
),

unknown_member as (
    select
        {{ gold_unknown_sk() }} as product_sk,
        cast(null as string) as product_hk,
        'UNKNOWN' as sku,
        'UNKNOWN' as product_name,
        'UNKNOWN' as brand,
        'UNKNOWN' as category,
        'UNKNOWN' as subcategory,
        'UNKNOWN' as product_status,
        cast(null as decimal(18, 2)) as list_price_eur,
        cast(1 as int) as version_number,
        false as is_discontinued,
        true as is_current,
        cast(null as date) as launch_date,
        {{ gold_begin_of_time() }} as valid_from,
        {{ gold_open_end() }} as valid_to,
        cast(null as timestamp) as loaded_at
),

final as (
    select
        product_sk,
        product_hk,
        sku,
        product_name,
        brand,
        category,
        subcategory,
        product_status,
        list_price_eur,
        version_number,
        is_discontinued,
        is_current,
        launch_date,
        valid_from,
        valid_to,
        loaded_at
    from known_members
    union all
    select
        product_sk,
        product_hk,
        sku,
        product_name,
        brand,
        category,
        subcategory,
        product_status,
        list_price_eur,
        version_number,
        is_discontinued,
        is_current,
        launch_date,
        valid_from,
        valid_to,
        loaded_at
    from unknown_member
)

select
    product_sk,
    product_hk,
    sku,
    product_name,
    brand,
    category,
    subcategory,
    product_status,
    list_price_eur,
    version_number,
    is_discontinued,
    is_current,
    launch_date,
    valid_from,
    valid_to,
    loaded_at
from final
