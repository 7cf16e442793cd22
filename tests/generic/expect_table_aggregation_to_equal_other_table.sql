{#-
    Fails with one row (or one row per group) where the aggregate `expression` over the model (rows matching
    `row_condition`) differs from `compare_expression` over `compare_model` (rows matching
    `compare_row_condition`) by more than `tolerance` (absolute) and, when given, by more than
    `tolerance_percent` (a fraction of the model-side value: 0.01 = 1 %). Numeric expressions only.
    Groups are matched positionally, nulls match nulls; a group on one side only is compared with 0 (and
    fails a `tolerance_percent` check when the model side is 0).
    As in dbt-expectations, omitted compare_* arguments fall back to their model-side counterparts
    (pass `compare_row_condition: "1 = 1"` to aggregate every compared row).
-#}
{% test expect_table_aggregation_to_equal_other_table(model, expression, compare_model=none, compare_expression=none, group_by=none, compare_group_by=none, row_condition=none, compare_row_condition=none, tolerance=0.0, tolerance_percent=none) %}

{%- set test_label = "expect_table_aggregation_to_equal_other_table on " ~ model -%}
{%- if expression is not string or expression | trim == "" -%}
    {{ exceptions.raise_compiler_error(test_label ~ ": argument `expression` must be an aggregate SQL expression such as sum(amount); got " ~ expression ~ ".") }}
{%- endif -%}
{%- if tolerance is not number or tolerance is boolean or tolerance < 0 -%}
    {{ exceptions.raise_compiler_error(test_label ~ ": argument `tolerance` must be a number >= 0; got " ~ tolerance ~ ".") }}
{%- endif -%}
{%- if tolerance_percent is not none and (tolerance_percent is not number or tolerance_percent is boolean or tolerance_percent < 0) -%}
    {{ exceptions.raise_compiler_error(test_label ~ ": argument `tolerance_percent` must be a fraction >= 0 (0.05 = 5 %); got " ~ tolerance_percent ~ ".") }}
{%- endif -%}
{%- set compare_model = compare_model or model -%}
{%- set compare_expression = compare_expression or expression -%}
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

with model_values as (

    select
        {%- for column in group_by %}
        {{ column }} as {{ group_aliases[loop.index0] }},
        {%- endfor %}
        {{ expression }} as expression_value
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

compare_values as (

    select
        {%- for column in compare_group_by %}
        {{ column }} as {{ group_aliases[loop.index0] }},
        {%- endfor %}
        {{ compare_expression }} as expression_value
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
        coalesce(model_values.{{ alias }}, compare_values.{{ alias }}) as {{ alias }},
        {%- endfor %}
        model_values.expression_value,
        compare_values.expression_value as compare_expression_value,
        abs(
            cast(coalesce(model_values.expression_value, 0) as double)
            - cast(coalesce(compare_values.expression_value, 0) as double)
        ) as expression_difference,
        abs(
            cast(coalesce(model_values.expression_value, 0) as double)
            - cast(coalesce(compare_values.expression_value, 0) as double)
        ) / nullif(abs(cast(coalesce(model_values.expression_value, 0) as double)), 0) as expression_difference_percent
    from model_values
    full outer join compare_values
        on
        {%- for alias in group_aliases %}
        model_values.{{ alias }} is not distinct from compare_values.{{ alias }}
        {{- " and" if not loop.last }}
        {%- else %}
        true
        {%- endfor %}

)

select *
from compared
where
    expression_difference > {{ tolerance }}
    {%- if tolerance_percent is not none %}
    and (expression_difference_percent is null or expression_difference_percent > {{ tolerance_percent }})
    {%- endif %}

{% endtest %}
