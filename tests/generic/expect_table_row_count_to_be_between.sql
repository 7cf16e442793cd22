{#-
    Fails with one row (or one row per `group_by` group) whose row count, over the rows matching
    `row_condition`, is below `min_value` or above `max_value` (both inclusive unless `strictly`).
    Without `group_by` an empty model counts as 0 rows; with `group_by` an empty model has no groups.
-#}
{% test expect_table_row_count_to_be_between(model, min_value=none, max_value=none, group_by=none, row_condition=none, strictly=false) %}

{%- set test_label = "expect_table_row_count_to_be_between on " ~ model -%}
{%- if min_value is none and max_value is none -%}
    {{ exceptions.raise_compiler_error(test_label ~ ": give `min_value`, `max_value` or both.") }}
{%- endif -%}
{%- for bound_name, bound in [("min_value", min_value), ("max_value", max_value)] -%}
    {%- if bound is not none and (bound is not number or bound is boolean) -%}
        {{ exceptions.raise_compiler_error(test_label ~ ": argument `" ~ bound_name ~ "` must be a number; got " ~ bound ~ ".") }}
    {%- endif -%}
{%- endfor -%}
{%- if min_value is not none and max_value is not none and min_value > max_value -%}
    {{ exceptions.raise_compiler_error(test_label ~ ": `min_value` (" ~ min_value ~ ") is greater than `max_value` (" ~ max_value ~ ").") }}
{%- endif -%}
{%- set group_by = [group_by] if group_by is string else (group_by or []) -%}
{%- set too_low = "<=" if strictly else "<" -%}
{%- set too_high = ">=" if strictly else ">" -%}

with row_counts as (

    select
        {%- for column in group_by %}
        {{ column }},
        {%- endfor %}
        count(*) as row_count
    from {{ model }}
    {%- if row_condition %}
    {# `true and`: with ANSI off, Spark reads `where (col)` after a table name as an alias `where` with a column list #}
    where true and ({{ row_condition }})
    {%- endif %}
    {%- if group_by %}
    group by
        {%- for column in group_by %}
        {{ column }}{{ "," if not loop.last }}
        {%- endfor %}
    {%- endif %}

),

final as (

    select
        *,
        cast({{ min_value if min_value is not none else "null" }} as double) as min_value,
        cast({{ max_value if max_value is not none else "null" }} as double) as max_value,
        {{ "true" if strictly else "false" }} as is_strict
    from row_counts

)

select *
from final
where
    {%- if min_value is not none %}
    row_count {{ too_low }} {{ min_value }}
    {%- endif %}
    {%- if min_value is not none and max_value is not none %}
    or
    {%- endif %}
    {%- if max_value is not none %}
    row_count {{ too_high }} {{ max_value }}
    {%- endif %}

{% endtest %}
