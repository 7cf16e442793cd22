{#- Every delivered record that cannot enter the vault, with the reason: nothing is dropped silently. -#}
{%- set base_models = [
    ('base_erp__products', "sku"),
    ('base_erp__product_prices', "concat_ws('|', sku, market)"),
    ('base_crm__customers', "customer_id"),
    ('base_shop__orders', "order_id"),
    ('base_shop__order_lines', "concat_ws('|', order_id, raw_line_number)"),
    ('base_shop__returns', "return_id"),
    ('base_marketing__promotions', "promo_code"),
    ('base_marketing__promotion_products', "concat_ws('|', promo_code, sku)"),
    ('base_marketing__campaign_events', "event_id"),
    ('base_billing__plans', "plan_id"),
    ('base_billing__subscription_events', "event_id"),
] -%}

with
{% for model_name, business_key in base_models %}
    {{ model_name }}_rejects as (
        select
            record_source,
            _source_file as source_file,
            cast({{ business_key }} as string) as business_key,
            dq_reject_reason,
            _rescued_data as rescued_data,
            _batch_id as batch_id,
            load_datetime
        from {{ ref(model_name) }}
        where dq_reject_reason is not null
    ),
{% endfor %}

unioned as (
    {% for model_name, _ in base_models %}
        select * from {{ model_name }}_rejects
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
)

select * from unioned
