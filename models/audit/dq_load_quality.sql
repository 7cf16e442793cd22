{#-
    Delivered vs rejected records per source and ingestion batch: the reject-rate monitor.
    The entities: macro source_entities.
-#}

with
{% for source_entity in source_entities() %}
    {{ source_entity.base_model }}_counts as (
        select
            record_source,
            _batch_id as batch_id,
            min(load_datetime) as load_datetime,
            count(*) as delivered_records,
            count(dq_reject_reason) as rejected_records
        from {{ ref(source_entity.base_model) }}
        group by record_source, _batch_id
    ),
{% endfor %}

unioned as (
    {% for source_entity in source_entities() %}
        select * from {{ source_entity.base_model }}_counts
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
