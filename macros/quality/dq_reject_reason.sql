{#-
    First failing check wins: `checks` is a list of [condition, reason] pairs, evaluated in order.
    Yields NULL for a usable record.
-#}
{% macro dq_reject_reason(checks) -%}
    case
        {%- for check in checks %}
        when {{ check[0] }} then '{{ check[1] }}'
        {%- endfor %}
    end
{%- endmacro %}

{#- A raw value was delivered (non-blank) but cannot be cast: a wrong type, not a missing value. -#}
{% macro is_uncastable(raw_column, cast_expression) -%}
    (nullif(trim({{ raw_column }}), '') is not null and {{ cast_expression }} is null)
{%- endmacro %}

{#- Ingestion keeps a line it could not parse as raw text in _rescued_data with every field NULL. -#}
{% macro is_unparseable(fields) -%}
    (_rescued_data is not null and coalesce({{ fields | join(', ') }}) is null)
{%- endmacro %}
