{#-
    Returns every row (of those matching `row_condition`) whose `column_name` is below `min_value` or above
    `max_value`; the bounds are inclusive unless `strictly`. Nulls are not checked (pair with not_null).
    Bounds are SQL: numbers as they are, dates/timestamps as quoted literals ("'2024-01-01'").
-#}
{% test expect_column_values_to_be_between(model, column_name, min_value=none, max_value=none, row_condition=none, strictly=false) %}

{%- set test_label = "expect_column_values_to_be_between on " ~ model ~ "." ~ column_name -%}
{%- if min_value is none and max_value is none -%}
    {{ exceptions.raise_compiler_error(test_label ~ ": give `min_value`, `max_value` or both.") }}
{%- endif -%}
{%- set too_low = "<=" if strictly else "<" -%}
{%- set too_high = ">=" if strictly else ">" -%}

select *
from {{ model }}
where
    {# `true and`: with ANSI off, Spark reads `where (col)` after a table name as an alias `where` with a column list #}
    true
    and (
        {%- if min_value is not none %}
        {{ column_name }} {{ too_low }} {{ min_value }}
        {%- endif %}
        {%- if min_value is not none and max_value is not none %}
        or
        {%- endif %}
        {%- if max_value is not none %}
        {{ column_name }} {{ too_high }} {{ max_value }}
        {%- endif %}
    )
    {%- if row_condition %}
    and ({{ row_condition }})
    {%- endif %}

{% endtest %}
