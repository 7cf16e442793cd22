{#-
    Fails with one row when the number of distinct values of `column_name` (rows matching
    `row_condition`) differs from the number of distinct values of `compare_column_name` in
    `compare_model` (rows matching `compare_row_condition`). As in dbt-expectations, omitted compare_*
    arguments fall back to their model-side counterparts, so two columns of one model, or one column of
    two models, can be compared; pass `compare_row_condition: "1 = 1"` to compare against every row.
    Works on a column, or on the model with `column_name` given as an argument.
-#}
{% test expect_column_distinct_count_to_equal_other_table(model, column_name=none, compare_model=none, compare_column_name=none, row_condition=none, compare_row_condition=none) %}

{%- set test_label = "expect_column_distinct_count_to_equal_other_table on " ~ model -%}
{%- if column_name is not string or column_name | trim == "" -%}
    {{ exceptions.raise_compiler_error(test_label ~ ": argument `column_name` is required (attach the test to a column, or pass it); got " ~ column_name ~ ".") }}
{%- endif -%}
{%- set compare_model = compare_model or model -%}
{%- set compare_column_name = compare_column_name or column_name -%}
{%- set compare_row_condition = compare_row_condition or row_condition -%}

with model_count as (

    select count(distinct {{ column_name }}) as distinct_count
    from {{ model }}
    {%- if row_condition %}
    {# `true and`: with ANSI off, Spark reads `where (col)` after a table name as an alias `where` with a column list #}
    where true and ({{ row_condition }})
    {%- endif %}

),

compare_count as (

    select count(distinct {{ compare_column_name }}) as compare_distinct_count
    from {{ compare_model }}
    {%- if compare_row_condition %}
    {# `true and`: with ANSI off, Spark reads `where (col)` after a table name as an alias `where` with a column list #}
    where true and ({{ compare_row_condition }})
    {%- endif %}

),

final as (

    select
        '{{ dbt.escape_single_quotes(column_name) }}' as column_name,
        '{{ dbt.escape_single_quotes(compare_column_name) }}' as compare_column_name,
        model_count.distinct_count,
        compare_count.compare_distinct_count
    from model_count
    cross join compare_count

)

select *
from final
where distinct_count != compare_distinct_count

{% endtest %}
