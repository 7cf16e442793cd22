{#-
    Generic test on a fact's surrogate-key column: the dimension version it references exists and was valid
    at the fact's event time (dim.valid_from <= event_at < dim.valid_to). The unknown member (valid from
    1900-01-01 to 9999-12-31) passes by construction; a NULL surrogate key fails.
-#}
{% test dimension_version_valid_at(model, column_name, to, field, event_at, valid_from_column='valid_from', valid_to_column='valid_to') %}

with fact_rows as (
    select
        {{ column_name }} as dimension_sk,
        {{ event_at }} as event_at
    from {{ model }}
),

dimension_versions as (
    select
        {{ field }} as dimension_sk,
        {{ valid_from_column }} as valid_from,
        {{ valid_to_column }} as valid_to
    from {{ to }}
),

violations as (
    select
        fact_rows.dimension_sk,
        fact_rows.event_at,
        dimension_versions.valid_from,
        dimension_versions.valid_to
    from fact_rows
    left join dimension_versions
        on fact_rows.dimension_sk = dimension_versions.dimension_sk
    where fact_rows.dimension_sk is null
        or dimension_versions.dimension_sk is null
        or coalesce(fact_rows.event_at, cast('1900-01-01 00:00:00' as timestamp)) < dimension_versions.valid_from
        or coalesce(fact_rows.event_at, cast('1900-01-01 00:00:00' as timestamp)) >= dimension_versions.valid_to
)

select * from violations

{% endtest %}
