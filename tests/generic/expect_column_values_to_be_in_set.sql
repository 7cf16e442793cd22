{#-
    Fails with one row per value of `column_name` (rows matching `row_condition`) that is not in
    `value_set`, with the number of rows holding it. Nulls are not checked. `quote_values: false` puts the
    values into the SQL as they are (numbers, booleans).
-#}
{% test expect_column_values_to_be_in_set(model, column_name, value_set, quote_values=true, row_condition=none) %}

{%- set test_label = "expect_column_values_to_be_in_set on " ~ model ~ "." ~ column_name -%}
{%- if value_set is string or value_set is not iterable or value_set is mapping or value_set | length == 0 -%}
    {{ exceptions.raise_compiler_error(test_label ~ ": argument `value_set` must be a non-empty list; got " ~ value_set ~ ".") }}
{%- endif -%}

with unexpected_values as (

    select
        {{ column_name }} as value_field,
        count(*) as n_records
    from {{ model }}
    where
        {{ column_name }} not in (
            {%- for value in value_set %}
            {% if quote_values -%}
            '{{ dbt.escape_single_quotes(value | string) }}'
            {%- else -%}
            {{ value }}
            {%- endif -%}
            {{ "," if not loop.last }}
            {%- endfor %}
        )
        {%- if row_condition %}
        and ({{ row_condition }})
        {%- endif %}
    group by {{ column_name }}

)

select *
from unexpected_values

{% endtest %}
