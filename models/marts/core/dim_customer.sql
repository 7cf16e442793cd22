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
        {{ gold_snapshot_versions('customer_hk') }}
    from snp_customer
),

known_members as (
    select
        {{ gold_version_columns('customer_sk', 'customer_hk', 'dbt_valid_from', 'dbt_valid_to') }},
        customer_hk,
        customer_id,
        email_hash,
        country,
        city,
        loyalty_tier,
        birth_year,
        marketing_opt_in,
        loaded_at
    from versions
),

{{ gold_dimension_with_unknown_member(
    'customer_sk',
    [
        'customer_sk', 'customer_hk', 'customer_id', 'email_hash', 'country', 'city', 'loyalty_tier',
        'birth_year', 'version_number', 'marketing_opt_in', 'is_current', 'valid_from', 'valid_to', 'loaded_at',
    ],
    {
        'customer_hk': 'cast(null as string)',
        'customer_id': "'UNKNOWN'",
        'email_hash': 'cast(null as string)',
        'country': "'UNKNOWN'",
        'city': "'UNKNOWN'",
        'loyalty_tier': "'UNKNOWN'",
        'birth_year': 'cast(null as int)',
        'marketing_opt_in': 'cast(null as boolean)',
    },
) }}
