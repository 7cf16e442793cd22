{#-
    Returns every row (of those matching `row_condition`) whose `column_name` is not exactly `value`
    characters long. Nulls are not checked.
-#}
{% test expect_column_value_lengths_to_equal(model, column_name, value, row_condition=none) %}

{%- set test_label = "expect_column_value_lengths_to_equal on " ~ model ~ "." ~ column_name -%}
{%- if value is not integer or value is boolean or value < 0 -%}
    {{ exceptions.raise_compiler_error(test_label ~ ": argument `value` must be a whole number >= 0; got " ~ value ~ ".") }}
{%- endif -%}

select *
from {{ model }}
where
    {{ dbt.length(column_name) }} != {{ value }}
    {%- if row_condition %}
    and ({{ row_condition }})
    {%- endif %}

{% endtest %}
