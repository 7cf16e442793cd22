{#-
    The one list of source entities (design §3) that the audit models and reconciliation tests loop over.
    Per entity: `system`, `entity`, `business_key` (SQL naming a record in dq_rejected_records), `sla_hours`
    (freshness SLA) and the derived names `base_model` (base_<system>__<entity>), `staging_model`
    (stg_<system>__<entity>) and `record_source` (<system>.<entity>). A new source entity is added here once.
-#}
{% macro source_entities() -%}
    {%- set entities = [
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
    ] -%}
    {%- for source_entity in entities -%}
        {%- do source_entity.update({
            'base_model': 'base_' ~ source_entity.system ~ '__' ~ source_entity.entity,
            'staging_model': 'stg_' ~ source_entity.system ~ '__' ~ source_entity.entity,
            'record_source': source_entity.system ~ '.' ~ source_entity.entity,
        }) -%}
    {%- endfor -%}
    {{ return(entities) }}
{%- endmacro %}
