-- Reconciliation: for every source, records delivered to Bronze = records passed to staging + records
-- listed in dq_rejected_records. A record is never lost between Bronze and the vault's input.
-- The entities: macro source_entities.

with
{% for source_entity in source_entities() %}
    {{ source_entity.system }}__{{ source_entity.entity }}_counts as (
        select
            '{{ source_entity.record_source }}' as record_source,
            (select count(*) as bronze_rows from {{ source(source_entity.system, source_entity.entity) }}) as delivered,
            (select count(*) as staged_rows from {{ ref(source_entity.staging_model) }}) as loaded,
            (
                select count(*) as rejected_rows from {{ ref('dq_rejected_records') }}
                where record_source = '{{ source_entity.record_source }}'
            ) as rejected
    ),
{% endfor %}

all_counts as (
    {% for source_entity in source_entities() %}
        select * from {{ source_entity.system }}__{{ source_entity.entity }}_counts
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
)

select *
from all_counts
where delivered != loaded + rejected
