{#-
    "Now" for freshness checks: var freshness_reference_time, else the environment variable
    LAKEHOUSE_FRESHNESS_REFERENCE_TIME (what `lakehouse build --load-time` sets for a load on a simulated clock),
    else none (the wall clock). The CLI passes the clock as an environment variable because a changed --vars
    makes dbt re-parse the whole project, while a changed environment variable re-parses only the files using it.
-#}
{% macro freshness_reference_time() -%}
    {{ return(var('freshness_reference_time', none) or env_var('LAKEHOUSE_FRESHNESS_REFERENCE_TIME', '') or none) }}
{%- endmacro %}
