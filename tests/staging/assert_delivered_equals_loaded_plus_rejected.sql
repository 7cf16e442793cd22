-- Reconciliation: for every source, records delivered to Bronze = records passed to staging + records
-- listed in dq_rejected_records. A record is never lost between Bronze and the vault's input.
-- The entities: macro source_entities. dq_rejected_records (a union over every source) is read once.

with
rejected_counts as (
    select
        record_source,
        count(*) as rejected
    from {{ ref('dq_rejected_records') }}
    group by record_source
),

{% for source_entity in source_entities() %}
    {{ source_entity.system }}__{{ source_entity.entity }}_counts as (
        select
            '{{ source_entity.record_source }}' as record_source,
            (select count(*) as bronze_rows from {{ source(source_entity.system, source_entity.entity) }}) as delivered,
            (select count(*) as staged_rows from {{ ref(source_entity.staging_model) }}) as loaded
    ),
{% endfor %}

all_counts as (
    {% for source_entity in source_entities() %}
        select * from {{ source_entity.system }}__{{ source_entity.entity }}_counts
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

reconciled as (
    select
        all_counts.record_source,
        all_counts.delivered,
        all_counts.loaded,
        coalesce(rejected_counts.rejected, 0) as rejected
    from all_counts
    left join rejected_counts
        on all_counts.record_source = rejected_counts.record_source
)

select *
from reconciled
where delivered != loaded + rejected
