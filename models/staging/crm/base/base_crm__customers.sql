with source as (
    select * from {{ source('crm', 'customers') }}
),

cleaned as (
    select
        upper(trim(customer_id)) as customer_id,
        lower(trim(email)) as email,
        trim(first_name) as first_name,
        trim(last_name) as last_name,
        upper(trim(country)) as country,
        trim(city) as city,
        lower(trim(loyalty_tier)) as loyalty_tier,
        try_cast(lower(trim(marketing_opt_in)) as boolean) as marketing_opt_in,
        try_cast(trim(birth_date) as date) as birth_date,
        try_cast(trim(updated_at) as timestamp) as updated_at,
        customer_id as raw_customer_id,
        birth_date as raw_birth_date,
        marketing_opt_in as raw_marketing_opt_in,
        updated_at as raw_updated_at,
        _rescued_data,
        _source_file,
        _batch_id,
        _ingested_at as load_datetime,
        'crm.customers' as record_source
    from source
),

assessed as (
    select
        *,
        {{ dq_reject_reason([
            [is_unparseable(['raw_customer_id', 'email', 'first_name', 'last_name', 'country', 'raw_updated_at']), 'unparseable record'],
            [has_invalid_utf8(), 'not valid UTF-8 (original bytes in _rescued_data)'],
            ["nullif(customer_id, '') is null", 'missing business key customer_id'],
            [is_uncastable('raw_birth_date', 'birth_date'), 'invalid birth_date'],
            [is_uncastable('raw_marketing_opt_in', 'marketing_opt_in'), 'invalid marketing_opt_in'],
            ['updated_at is null', 'missing or invalid updated_at'],
            [is_future_dated('updated_at'), 'future-dated updated_at (after the load time)'],
        ]) }} as dq_reject_reason
    from cleaned
)

select * from assessed
