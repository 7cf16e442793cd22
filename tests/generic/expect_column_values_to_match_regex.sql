{#-
    Returns every row (of those matching `row_condition`) whose `column_name` does not match `regex`
    anywhere in the value (anchor with ^...$ for a full match). Spark/Databricks `rlike`, i.e. Java regex.
    Nulls are not checked.
    `regex` goes into a SQL string literal as written, so backslashes must be doubled for the SQL parser
    ('\\d'); with `is_raw: true` the pattern is taken literally and escaped here ("\d" works).
    `flags` are Java inline flags: i (case-insensitive), m, s, x, u, d, U, e.g. `flags: i`.
-#}
{% test expect_column_values_to_match_regex(model, column_name, regex, row_condition=none, is_raw=false, flags="") %}

{%- set test_label = "expect_column_values_to_match_regex on " ~ model ~ "." ~ column_name -%}
{%- if regex is not string or regex == "" -%}
    {{ exceptions.raise_compiler_error(test_label ~ ": argument `regex` must be a non-empty string; got " ~ regex ~ ".") }}
{%- endif -%}
{%- set flags = flags or "" -%}
{%- if not modules.re.match("^[imsxudU]*$", flags) -%}
    {{ exceptions.raise_compiler_error(test_label ~ ": argument `flags` may only hold Java inline regex flags (i, m, s, x, u, d, U); got " ~ flags ~ ".") }}
{%- endif -%}
{%- set pattern = ("(?" ~ flags ~ ")" if flags else "") ~ regex -%}
{%- if is_raw -%}
    {%- set pattern_literal = pattern | replace("\\", "\\\\") | replace("'", "\\'") -%}
{%- else -%}
    {%- set pattern_literal = pattern -%}
{%- endif -%}

select *
from {{ model }}
where
    not ({{ column_name }} rlike '{{ pattern_literal }}')
    {%- if row_condition %}
    and ({{ row_condition }})
    {%- endif %}

{% endtest %}
