{#-
    Layer schemas are used verbatim (bronze, staging, raw_vault, business_vault, marts, ...) so every
    environment has the same, readable names. On Databricks a developer can still isolate their work:
    `--vars '{schema_prefix: jdoe}'` (or DBT_SCHEMA_PREFIX=jdoe) builds into jdoe_staging, jdoe_marts, ...
-#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- set prefix = var('schema_prefix', env_var('DBT_SCHEMA_PREFIX', '')) | trim -%}
    {%- set base = (custom_schema_name or target.schema) | trim -%}
    {%- if prefix and target.name != 'local' -%}
        {{ prefix }}_{{ base }}
    {%- else -%}
        {{ base }}
    {%- endif -%}
{%- endmacro %}
