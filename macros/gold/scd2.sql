{#-
    Shared building blocks of the SCD2 dimensions and the point-in-time joins of the facts.
-#}

{#- Open end of a dimension version (current version). -#}
{% macro gold_open_end() -%}
    cast('9999-12-31 00:00:00' as timestamp)
{%- endmacro %}


{#- Start of the first version of every key, and validity start/end of the unknown member. -#}
{% macro gold_begin_of_time() -%}
    cast('1900-01-01 00:00:00' as timestamp)
{%- endmacro %}


{#- Surrogate key of the "unknown" member of every dimension. -#}
{% macro gold_unknown_sk() -%}
    '-1'
{%- endmacro %}


{#-
    The timestamp from which a satellite row's attributes are valid (the snapshot `updated_at`).
    var gold_scd2_clock:
      'business' (default): the source's own change timestamp (the satellite's src_eff, e.g. updated_at), falling
                 back to load_datetime when the source did not deliver one. Versions then line up with event
                 timestamps of the facts (ordered_at, event_at), which are business time as well.
      'load':    the vault load_datetime (system time: "what the platform knew when").
    Choose once per environment: switching clocks on an existing snapshot mixes two time axes.
-#}
{% macro gold_effective_at(src_eff_column, load_datetime_column='load_datetime') -%}
    {%- set clock = var('gold_scd2_clock', 'business') -%}
    {%- if clock == 'load' -%}
        {{ load_datetime_column }}
    {%- elif clock == 'business' -%}
        coalesce({{ src_eff_column }}, {{ load_datetime_column }})
    {%- else -%}
        {%- do exceptions.raise_compiler_error("var gold_scd2_clock must be 'business' or 'load', got '" ~ clock ~ "'") -%}
    {%- endif -%}
{%- endmacro %}


{#- Integer yyyymmdd key of dim_date for a date expression; -1 (unknown date) outside the calendar or NULL. -#}
{% macro gold_date_key(date_expression) -%}
    case
        when {{ date_expression }} between to_date('{{ var("gold_calendar_start", "2020-01-01") }}') and to_date('{{ var("gold_calendar_end", "2030-12-31") }}')
            then cast(date_format({{ date_expression }}, 'yyyyMMdd') as int)
        else -1
    end
{%- endmacro %}
