{#-
    The one list of source entities (design §3) that the audit models and reconciliation tests loop over:
    Bronze table `bronze.<system>__<entity>`, base model `base_<system>__<entity>`, staging model
    `stg_<system>__<entity>`, record_source `<system>.<entity>`. A new source entity is added here once.
-#}
{% macro source_entities() -%}
    {{ return([
        {'system': 'erp', 'entity': 'products', 'business_key': "sku", 'sla_hours': 26},
        {'system': 'erp', 'entity': 'product_prices', 'business_key': "concat_ws('|', sku, market)", 'sla_hours': 26},
        {'system': 'crm', 'entity': 'customers', 'business_key': "customer_id", 'sla_hours': 26},
        {'system': 'shop', 'entity': 'orders', 'business_key': "order_id", 'sla_hours': 26},
        {'system': 'shop', 'entity': 'order_lines', 'business_key': "concat_ws('|', order_id, raw_line_number)", 'sla_hours': 26},
        {'system': 'shop', 'entity': 'returns', 'business_key': "return_id", 'sla_hours': 26},
        {'system': 'marketing', 'entity': 'promotions', 'business_key': "promo_code", 'sla_hours': 26},
        {'system': 'marketing', 'entity': 'promotion_products', 'business_key': "concat_ws('|', promo_code, sku)", 'sla_hours': 26},
        {'system': 'marketing', 'entity': 'campaign_events', 'business_key': "event_id", 'sla_hours': 26},
        {'system': 'billing', 'entity': 'plans', 'business_key': "plan_id", 'sla_hours': 26},
        {'system': 'billing', 'entity': 'subscription_events', 'business_key': "event_id", 'sla_hours': 26},
    ]) }}
{%- endmacro %}
