{#-
    The freshness/SLA board: last load per Bronze and vault table against its SLA. The reference time is
    now, or `freshness_reference_time()` (the simulated clock of the demo and of `lakehouse build --load-time`).
-#}
{%- set reference_time = freshness_reference_time() -%}

with
{% for source_entity in source_entities() %}
    {{ source_entity.system }}__{{ source_entity.entity }}_last_load as (
        select
            'bronze.{{ source_entity.system }}__{{ source_entity.entity }}' as table_name,
            {{ source_entity.sla_hours }} as sla_hours,
            max(_ingested_at) as last_loaded_at
        from {{ source(source_entity.system, source_entity.entity) }}
    ),
{% endfor %}

last_loads as (
    {% for source_entity in source_entities() %}
        select * from {{ source_entity.system }}__{{ source_entity.entity }}_last_load
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
