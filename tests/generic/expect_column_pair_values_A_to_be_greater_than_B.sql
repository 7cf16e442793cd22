{#-
    Returns every row (of those matching `row_condition`) where `column_A` is not greater than `column_B`
    (not greater than or equal with `or_equal: true`). Rows where either side is null are not checked.
-#}
{% test expect_column_pair_values_A_to_be_greater_than_B(model, column_A, column_B, or_equal=false, row_condition=none) %}

{%- set test_label = "expect_column_pair_values_A_to_be_greater_than_B on " ~ model -%}
{%- for argument_name, argument in [("column_A", column_A), ("column_B", column_B)] -%}
    {%- if argument is not string or argument | trim == "" -%}
        {{ exceptions.raise_compiler_error(test_label ~ ": argument `" ~ argument_name ~ "` must name a column or expression; got " ~ argument ~ ".") }}
    {%- endif -%}
{%- endfor -%}
{%- set operator = ">=" if or_equal else ">" -%}

select *
from {{ model }}
where
    not ({{ column_A }} {{ operator }} {{ column_B }})
    {%- if row_condition %}
    and ({{ row_condition }})
    {%- endif %}

{% endtest %}
