{#-
    Fails with one row per combination of `column_list` values that occurs more than once among the rows
    matching `row_condition`. `ignore_row_if` skips rows whose key is entirely null
    (`all_values_are_missing`, the default) or partly null (`any_value_is_missing`); otherwise null is a
    value like any other. `quote_columns` quotes the names for the adapter (case or special characters).
-#}
{% test expect_compound_columns_to_be_unique(model, column_list, ignore_row_if="all_values_are_missing", quote_columns=false, row_condition=none) %}

{%- set test_label = "expect_compound_columns_to_be_unique on " ~ model -%}
{%- if column_list is string or column_list is not iterable or column_list is mapping or column_list | length == 0 -%}
    {{ exceptions.raise_compiler_error(test_label ~ ": argument `column_list` must be a non-empty list of columns; got " ~ column_list ~ ".") }}
{%- endif -%}
{%- set ignore_options = ["all_values_are_missing", "any_value_is_missing"] -%}
{%- if ignore_row_if not in ignore_options -%}
    {{ exceptions.raise_compiler_error(test_label ~ ": argument `ignore_row_if` must be one of " ~ ignore_options | join(", ") ~ "; got " ~ ignore_row_if ~ ".") }}
{%- endif -%}
{%- set columns = [] -%}
{%- for column in column_list -%}
    {%- do columns.append(adapter.quote(column) if quote_columns else column) -%}
{%- endfor -%}
{%- set joiner = " and " if ignore_row_if == "all_values_are_missing" else " or " -%}

with considered_rows as (

    select
        {%- for column in columns %}
        {{ column }}{{ "," if not loop.last }}
        {%- endfor %}
    from {{ model }}
    where
        not (
            {%- for column in columns %}
            {{ column }} is null{{ joiner if not loop.last }}
            {%- endfor %}
        )
        {%- if row_condition %}
        and ({{ row_condition }})
        {%- endif %}

),

duplicates as (

    select
        {%- for column in columns %}
        {{ column }},
        {%- endfor %}
        count(*) as n_records
    from considered_rows
    group by
        {%- for column in columns %}
        {{ column }}{{ "," if not loop.last }}
        {%- endfor %}
    having count(*) > 1

)

select *
from duplicates

{% endtest %}
