-- Reconciliation: each change of a tracked attribute creates exactly one satellite row. Recomputed here
-- independently of the package: per key, order staged rows by load time then effective time, count the
-- rows whose hashdiff differs from the previous row's (the first row of a key always counts), and compare
-- with the satellite's rows per key (ghost record excluded).
{%- set satellites = [
    ('sat_customer__crm', 'stg_crm__customers', 'customer_hk', 'customer_hashdiff', 'updated_at'),
    ('sat_customer_pii__crm', 'stg_crm__customers', 'customer_hk', 'customer_pii_hashdiff', 'updated_at'),
    ('sat_product__erp', 'stg_erp__products', 'product_hk', 'product_hashdiff', 'updated_at'),
    ('sat_promotion__marketing', 'stg_marketing__promotions', 'promotion_hk', 'promotion_hashdiff', 'updated_at'),
    ('sat_order__shop', 'stg_shop__orders', 'order_hk', 'order_hashdiff', 'updated_at'),
    ('sat_plan__billing', 'stg_billing__plans', 'plan_hk', 'plan_hashdiff', 'updated_at'),
    ('sat_subscription__billing', 'stg_billing__subscription_events', 'subscription_hk', 'subscription_hashdiff', 'event_at'),
] %}

with
{% for sat, stage, key, hashdiff, effective in satellites %}
    {{ sat }}_staged as (
        select
            {{ key }} as hash_key,
            {{ hashdiff }} as hashdiff,
            lag({{ hashdiff }}) over (
                partition by {{ key }} order by load_datetime, {{ effective }}, {{ hashdiff }}
            ) as previous_hashdiff
        from {{ ref(stage) }}
        where {{ key }} is not null
    ),

    {{ sat }}_expected as (
        select
            hash_key,
            count(*) as expected_rows
        from {{ sat }}_staged
        where previous_hashdiff is null or previous_hashdiff != hashdiff
        group by hash_key
    ),

    {{ sat }}_actual as (
        select
            {{ key }} as hash_key,
            count(*) as actual_rows
        from {{ ref(sat) }}
        where load_datetime > timestamp '1900-01-02 00:00:00'
        group by {{ key }}
    ),

    {{ sat }}_mismatches as (
        select
            '{{ sat }}' as satellite,
            coalesce(expected.hash_key, actual.hash_key) as hash_key,
            expected.expected_rows,
            actual.actual_rows
        from {{ sat }}_expected as expected
        full outer join {{ sat }}_actual as actual
            on expected.hash_key = actual.hash_key
        where coalesce(expected.expected_rows, -1) != coalesce(actual.actual_rows, -1)
    ),

{% endfor %}
mismatches as (
    {% for sat, _, _, _, _ in satellites %}
        select * from {{ sat }}_mismatches
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
)

select * from mismatches
