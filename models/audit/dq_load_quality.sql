{#- Delivered vs rejected records per source and ingestion batch: the reject-rate monitor. -#}
{%- set base_models = [
    'base_erp__products', 'base_erp__product_prices', 'base_crm__customers', 'base_shop__orders',
    'base_shop__order_lines', 'base_shop__returns', 'base_marketing__promotions',
    'base_marketing__promotion_products', 'base_marketing__campaign_events', 'base_billing__plans',
    'base_billing__subscription_events',
] -%}

with
{% for model_name in base_models %}
    {{ model_name }}_counts as (
        select
            record_source,
            _batch_id as batch_id,
            min(load_datetime) as load_datetime,
            count(*) as delivered_records,
            count(dq_reject_reason) as rejected_records
        from {{ ref(model_name) }}
        group by record_source, _batch_id
    ),
{% endfor %}

unioned as (
    {% for model_name in base_models %}
        select * from {{ model_name }}_counts
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

final as (
    select
        record_source,
        batch_id,
        delivered_records,
        rejected_records,
        delivered_records - rejected_records as accepted_records,
        cast(rejected_records as double) / delivered_records as reject_rate,
        load_datetime
    from unioned
)

select * from final
