-- Reconciliation: every distinct valid business key that reached staging is in its hub (hubs are
-- unique by their own tests, so "exactly once" follows).
{%- set checks = [
    ('hub_customer', 'customer_hk', ['stg_crm__customers', 'stg_shop__orders', 'stg_marketing__campaign_events', 'stg_billing__subscription_events']),
    ('hub_product', 'product_hk', ['stg_erp__products', 'stg_erp__product_prices', 'stg_shop__order_lines', 'stg_marketing__promotion_products']),
    ('hub_promotion', 'promotion_hk', ['stg_marketing__promotions', 'stg_marketing__promotion_products', 'stg_marketing__campaign_events', 'stg_shop__order_lines']),
    ('hub_order', 'order_hk', ['stg_shop__orders', 'stg_shop__order_lines']),
    ('hub_subscription', 'subscription_hk', ['stg_billing__subscription_events']),
    ('hub_plan', 'plan_hk', ['stg_billing__plans', 'stg_billing__subscription_events']),
] %}

{% for hub, key, stages in checks %}
    {% for stage in stages %}
        select
            '{{ hub }}' as hub_name,
            '{{ stage }}' as stage_name,
            staged.{{ key }} as missing_key
        from {{ ref(stage) }} as staged
        left anti join {{ ref(hub) }} as hub
            on staged.{{ key }} = hub.{{ key }}
        where staged.{{ key }} is not null
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
    {% if not loop.last %}union all{% endif %}
{% endfor %}
