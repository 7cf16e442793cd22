{#-
    Fails with one row per column that is in the model but not in `column_list` (`relation_column` set)
    or in `column_list` but not in the model (`list_column` set). Names are compared after `transform`
    (`upper`, the default, or `lower`) so case does not matter; order does not matter either.
-#}
{% test expect_table_columns_to_match_set(model, column_list, transform="upper") %}

{%- set test_label = "expect_table_columns_to_match_set on " ~ model -%}
{%- if column_list is string or column_list is not iterable or column_list is mapping or column_list | length == 0 -%}
    {{ exceptions.raise_compiler_error(test_label ~ ": argument `column_list` must be a non-empty list of column names; got " ~ column_list ~ ".") }}
{%- endif -%}
{%- if transform not in ["upper", "lower"] -%}
    {{ exceptions.raise_compiler_error(test_label ~ ": argument `transform` must be upper or lower; got " ~ transform ~ ".") }}
{%- endif -%}
{%- set relation_columns = [] -%}
{%- if execute -%}
    {%- for column in adapter.get_columns_in_relation(model) -%}
        {%- do relation_columns.append(column.name | upper if transform == "upper" else column.name | lower) -%}
    {%- endfor -%}
{%- endif -%}
{%- set expected_columns = [] -%}
{%- for column in column_list -%}
    {%- do expected_columns.append(column | upper if transform == "upper" else column | lower) -%}
{%- endfor -%}

with relation_columns as (

    {% for column in relation_columns -%}
    select cast('{{ dbt.escape_single_quotes(column) }}' as {{ dbt.type_string() }}) as relation_column
    {%- if not loop.last %}
    union all
    {% endif -%}
    {%- else -%}
    select cast(null as {{ dbt.type_string() }}) as relation_column
    {%- endfor %}

),

listed_columns as (

    {% for column in expected_columns -%}
    select cast('{{ dbt.escape_single_quotes(column) }}' as {{ dbt.type_string() }}) as list_column
    {%- if not loop.last %}
    union all
    {% endif -%}
    {%- endfor %}

),

mismatches as (

    select
        relation_columns.relation_column,
        listed_columns.list_column
    from relation_columns
    full outer join listed_columns
        on relation_columns.relation_column = listed_columns.list_column
    where
        (relation_columns.relation_column is null or listed_columns.list_column is null)
        and coalesce(relation_columns.relation_column, listed_columns.list_column) is not null

)

select *
from mismatches

{% endtest %}
