{#-
    Current attributes per customer: the snapshot source of snp_customer (one row per customer_hk).
    "Current" = the newest satellite row per key by source change time, then load time (so a late
    re-delivery of an older record never overrides a newer one). PII is masked here, before anything reaches
    the snapshot or the marts: the e-mail becomes a salted hash, names are dropped, the birth date is reduced
    to the birth year. Materialised as a table (not a view) so the salt never sits in a stored view text.
-#}

with hub_customer as (
    select
        customer_hk,
        customer_id
    from {{ ref('hub_customer') }}
    where customer_hk != {{ datavault.ghost_key() }}
),

sat_customer as (
    select
        customer_hk,
        country,
        city,
        loyalty_tier,
        marketing_opt_in,
        updated_at,
        load_datetime
    from {{ ref('sat_customer__crm') }}
    where customer_hk != {{ datavault.ghost_key() }}
),

sat_customer_pii as (
    select
        customer_hk,
        email,
        birth_date,
        updated_at,
        load_datetime
    from {{ ref('sat_customer_pii__crm') }}
    where customer_hk != {{ datavault.ghost_key() }}
),

ranked_details as (
    select
        customer_hk,
        country,
        city,
        loyalty_tier,
        marketing_opt_in,
        {{ gold_effective_at('updated_at') }} as effective_at,
        load_datetime,
        row_number() over (
            partition by customer_hk
            order by {{ gold_effective_at('updated_at') }} desc, load_datetime desc
        ) as recency_rank
    from sat_customer
),

ranked_pii as (
    select
        customer_hk,
        {{ email_hash('email') }} as email_hash,
        year(birth_date) as birth_year,
        {{ gold_effective_at('updated_at') }} as effective_at,
        load_datetime,
        row_number() over (
            partition by customer_hk
            order by {{ gold_effective_at('updated_at') }} desc, load_datetime desc
        ) as recency_rank
    from sat_customer_pii
),

final as (
    select
        hub_customer.customer_hk,
        hub_customer.customer_id,
        ranked_pii.email_hash,
        ranked_details.country,
        ranked_details.city,
        ranked_details.loyalty_tier,
        cast(ranked_pii.birth_year as int) as birth_year,
        ranked_details.marketing_opt_in,
        greatest(ranked_details.effective_at, ranked_pii.effective_at) as effective_at,
        greatest(ranked_details.load_datetime, ranked_pii.load_datetime) as loaded_at
    from ranked_details
    inner join hub_customer
        on ranked_details.customer_hk = hub_customer.customer_hk
    left join ranked_pii
        on ranked_details.customer_hk = ranked_pii.customer_hk
        and ranked_pii.recency_rank = 1
    where ranked_details.recency_rank = 1
)

select * from final
