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
        {{ gold_snapshot_versions('product_hk') }},
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
        {{ gold_version_columns('product_sk', 'product_hk', 'dbt_valid_from', 'dbt_valid_to') }},
        product_hk,
        sku,
        product_name,
        brand,
        category,
        subcategory,
        product_status,
        cast(list_price_eur as decimal(18, 2)) as list_price_eur,
        is_discontinued,
        launch_date,
        loaded_at
    from closed_at_discontinuation
),

{{ gold_dimension_with_unknown_member(
    'product_sk',
    [
        'product_sk', 'product_hk', 'sku', 'product_name', 'brand', 'category', 'subcategory', 'product_status',
        'list_price_eur', 'version_number', 'is_discontinued', 'is_current', 'launch_date', 'valid_from',
        'valid_to', 'loaded_at',
    ],
    {
        'product_hk': 'cast(null as string)',
        'sku': "'UNKNOWN'",
        'product_name': "'UNKNOWN'",
        'brand': "'UNKNOWN'",
        'category': "'UNKNOWN'",
        'subcategory': "'UNKNOWN'",
        'product_status': "'UNKNOWN'",
        'list_price_eur': 'cast(null as decimal(18, 2))',
        'is_discontinued': 'false',
        'launch_date': 'cast(null as date)',
    },
) }}
