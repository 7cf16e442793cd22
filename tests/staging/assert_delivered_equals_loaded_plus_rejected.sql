-- Reconciliation: for every source, records delivered to Bronze = records passed to staging + records
-- listed in dq_rejected_records. A record is never lost between Bronze and the vault's input.
{%- set entities = [
    ('erp', 'products'), ('erp', 'product_prices'), ('crm', 'customers'), ('shop', 'orders'),
    ('shop', 'order_lines'), ('shop', 'returns'), ('marketing', 'promotions'),
    ('marketing', 'promotion_products'), ('marketing', 'campaign_events'), ('billing', 'plans'),
    ('billing', 'subscription_events'),
] %}

with
{% for system, entity in entities %}
    {{ system }}__{{ entity }}_counts as (
        select
            '{{ system }}.{{ entity }}' as record_source,
            (select count(*) as bronze_rows from {{ source(system, entity) }}) as delivered,
            (select count(*) as staged_rows from {{ ref('stg_' ~ system ~ '__' ~ entity) }}) as loaded,
            (
                select count(*) as rejected_rows from {{ ref('dq_rejected_records') }}
                where record_source = '{{ system }}.{{ entity }}'
            ) as rejected
    ),
{% endfor %}

all_counts as (
    {% for system, entity in entities %}
        select * from {{ system }}__{{ entity }}_counts
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
)

select *
from all_counts
where delivered != loaded + rejected
