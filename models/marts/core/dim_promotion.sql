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
        {{ gold_snapshot_versions('promotion_hk') }}
    from snp_promotion
),

known_members as (
    select
        {{ gold_version_columns('promotion_sk', 'promotion_hk', 'dbt_valid_from', 'dbt_valid_to') }},
        promotion_hk,
        promo_code,
        promotion_name,
        discount_type,
        channel,
        cast(discount_value as decimal(18, 2)) as discount_value,
        start_date,
        end_date,
        loaded_at
    from versions
),

{{ gold_dimension_with_unknown_member(
    'promotion_sk',
    [
        'promotion_sk', 'promotion_hk', 'promo_code', 'promotion_name', 'discount_type', 'channel',
        'discount_value', 'version_number', 'is_current', 'start_date', 'end_date', 'valid_from', 'valid_to',
        'loaded_at',
    ],
    {
        'promotion_hk': 'cast(null as string)',
        'promo_code': "'UNKNOWN'",
        'promotion_name': "'UNKNOWN'",
        'discount_type': "'UNKNOWN'",
        'channel': "'UNKNOWN'",
        'discount_value': 'cast(null as decimal(18, 2))',
        'start_date': 'cast(null as date)',
        'end_date': 'cast(null as date)',
    },
) }}
