{#-
    Generic test: the SCD2 versions of each key neither overlap nor leave gaps. Ordered by valid_from, every
    version must be non-empty (valid_from < valid_to) and end exactly where the next one starts. Fails with
    one row per offending version.
-#}
{% test scd2_versions_are_contiguous(model, key_column, valid_from_column='valid_from', valid_to_column='valid_to') %}

with versions as (
    select
        {{ key_column }} as version_key,
        {{ valid_from_column }} as valid_from,
        {{ valid_to_column }} as valid_to,
        lead({{ valid_from_column }}) over (
            partition by {{ key_column }}
            order by {{ valid_from_column }}
        ) as next_valid_from
    from {{ model }}
    where {{ key_column }} is not null
),

violations as (
    select
        version_key,
        valid_from,
        valid_to,
        next_valid_from,
        case
            when valid_from is null or valid_to is null then 'missing validity bound'
            when valid_from >= valid_to then 'empty or inverted version'
            when next_valid_from < valid_to then 'overlaps the next version'
            else 'gap before the next version'
        end as violation
    from versions
    where valid_from is null
        or valid_to is null
        or valid_from >= valid_to
        or (next_valid_from is not null and next_valid_from <> valid_to)
)

select * from violations

{% endtest %}
