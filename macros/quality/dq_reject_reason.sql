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

{#- Ingestion replaced bytes that are not UTF-8 (the landing contract's encoding) and kept the original line,
    base64, in _rescued_data: the decoded text is not what the source meant, so the record is not used. -#}
{% macro has_invalid_utf8() -%}
    (get_json_object(_rescued_data, '$._raw_bytes_base64') is not null)
{%- endmacro %}

{#- A record cannot change or happen after it was delivered: a timestamp later than the load time (plus
    var dq_future_tolerance_hours for source clocks running ahead) is a source clock or data-entry error.
    Compared with load_datetime, not the wall clock, so a re-run decides the same way. -#}
{% macro is_future_dated(timestamp_column) -%}
    ({{ timestamp_column }} > load_datetime + interval {{ var('dq_future_tolerance_hours', 1) | int }} hours)
{%- endmacro %}
