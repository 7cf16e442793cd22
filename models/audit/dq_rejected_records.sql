{#-
    Every delivered record that cannot enter the vault, with the reason: nothing is dropped silently.
    The entities: macro source_entities.
-#}

with
{% for source_entity in source_entities() %}
    {{ source_entity.base_model }}_rejects as (
        select
            record_source,
            _source_file as source_file,
            cast({{ source_entity.business_key }} as string) as business_key,
            dq_reject_reason,
            _rescued_data as rescued_data,
            _batch_id as batch_id,
            load_datetime
        from {{ ref(source_entity.base_model) }}
        where dq_reject_reason is not null
    ),
{% endfor %}

unioned as (
    {% for source_entity in source_entities() %}
        select * from {{ source_entity.base_model }}_rejects
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
)

select * from unioned
