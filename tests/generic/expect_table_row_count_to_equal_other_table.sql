{#-
    Fails with one row (or one row per group) where the row count of the model (rows matching
    `row_condition`) differs from `factor` times the row count of `compare_model` (rows matching
    `compare_row_condition`). Groups are matched positionally (`group_by[i]` with `compare_group_by[i]`,
    nulls match nulls); a group present on one side only is compared against 0.
    As in dbt-expectations, `compare_group_by` defaults to `group_by` and `compare_row_condition` to
    `row_condition` (pass `compare_row_condition: "1 = 1"` to count every compared row).
-#}
{% test expect_table_row_count_to_equal_other_table(model, compare_model, group_by=none, compare_group_by=none, factor=1, row_condition=none, compare_row_condition=none) %}

{%- set test_label = "expect_table_row_count_to_equal_other_table on " ~ model -%}
{%- if compare_model is none -%}
    {{ exceptions.raise_compiler_error(test_label ~ ": argument `compare_model` is required, e.g. ref('other_model').") }}
{%- endif -%}
{%- if factor is not number or factor is boolean -%}
    {{ exceptions.raise_compiler_error(test_label ~ ": argument `factor` must be a number; got " ~ factor ~ ".") }}
{%- endif -%}
{%- set group_by = [group_by] if group_by is string else (group_by or []) -%}
{%- set compare_group_by = [compare_group_by] if compare_group_by is string else (compare_group_by or group_by) -%}
{%- if group_by | length != compare_group_by | length -%}
    {{ exceptions.raise_compiler_error(test_label ~ ": `group_by` (" ~ group_by | join(", ") ~ ") and `compare_group_by` (" ~ compare_group_by | join(", ") ~ ") must have the same number of columns.") }}
{%- endif -%}
{%- set compare_row_condition = compare_row_condition or row_condition -%}
{#- output columns are named after `group_by` where it lists plain columns, else group_<n> -#}
{%- set group_aliases = [] -%}
{%- for column in group_by -%}
    {%- do group_aliases.append(column if modules.re.match("^[A-Za-z_][A-Za-z0-9_]*$", column) else "group_" ~ loop.index) -%}
{%- endfor -%}

with model_counts as (

    select
        {%- for column in group_by %}
        {{ column }} as {{ group_aliases[loop.index0] }},
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

compare_counts as (

    select
        {%- for column in compare_group_by %}
        {{ column }} as {{ group_aliases[loop.index0] }},
        {%- endfor %}
        count(*) as row_count
    from {{ compare_model }}
    {%- if compare_row_condition %}
    {# `true and`: with ANSI off, Spark reads `where (col)` after a table name as an alias `where` with a column list #}
    where true and ({{ compare_row_condition }})
    {%- endif %}
    {%- if compare_group_by %}
    group by
        {%- for column in compare_group_by %}
        {{ column }}{{ "," if not loop.last }}
        {%- endfor %}
    {%- endif %}

),

compared as (

    select
        {%- for alias in group_aliases %}
        coalesce(model_counts.{{ alias }}, compare_counts.{{ alias }}) as {{ alias }},
        {%- endfor %}
        coalesce(model_counts.row_count, 0) as row_count,
        coalesce(compare_counts.row_count, 0) as compare_row_count,
        cast({{ factor }} as double) as factor,
        coalesce(compare_counts.row_count, 0) * {{ factor }} as expected_row_count
    from model_counts
    full outer join compare_counts
        on
        {%- for alias in group_aliases %}
        model_counts.{{ alias }} is not distinct from compare_counts.{{ alias }}
        {{- " and" if not loop.last }}
        {%- else %}
        true
        {%- endfor %}

)

select *
from compared
where row_count != expected_row_count

{% endtest %}
