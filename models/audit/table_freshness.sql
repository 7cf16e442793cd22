{#-
    The freshness/SLA board: last load per Bronze and vault table against its SLA. The reference time is
    now, or var `freshness_reference_time` (the demo sets it to its simulated clock).
-#}
{%- set sources_and_slas = [
    ('erp', 'products', 26), ('erp', 'product_prices', 26), ('crm', 'customers', 26), ('shop', 'orders', 26),
    ('shop', 'order_lines', 26), ('shop', 'returns', 26), ('marketing', 'promotions', 26),
    ('marketing', 'promotion_products', 26), ('marketing', 'campaign_events', 26), ('billing', 'plans', 26),
    ('billing', 'subscription_events', 26),
] -%}
{%- set reference_time = var('freshness_reference_time', none) -%}

with
{% for system, entity, sla_hours in sources_and_slas %}
    {{ system }}__{{ entity }}_last_load as (
        select
            'bronze.{{ system }}__{{ entity }}' as table_name,
            {{ sla_hours }} as sla_hours,
            max(_ingested_at) as last_loaded_at
        from {{ source(system, entity) }}
    ),
{% endfor %}

last_loads as (
    {% for system, entity, _ in sources_and_slas %}
        select * from {{ system }}__{{ entity }}_last_load
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

measured as (
    select
        table_name,
        sla_hours,
        last_loaded_at,
        {% if reference_time %}timestamp '{{ reference_time }}'{% else %}current_timestamp(){% endif %} as measured_at
    from last_loads
),

final as (
    select
        table_name,
        sla_hours,
        (unix_timestamp(measured_at) - unix_timestamp(last_loaded_at)) / 3600.0 as hours_since_last_load,
        coalesce((unix_timestamp(measured_at) - unix_timestamp(last_loaded_at)) / 3600.0 <= sla_hours, false)
            as is_within_sla,
        last_loaded_at,
        measured_at
    from measured
)

select * from final
