{#-
    on-run-start / on-run-end hooks: keep every dbt invocation's node results in audit.dbt_run_results,
    the raw material of the freshness/SLA and load-volume monitors and of `lakehouse status`.
-#}
{% macro run_results_relation() -%}
    {{ return(api.Relation.create(database=target.database if target.type == 'databricks' else none,
                                  schema=generate_schema_name('audit', none), identifier='dbt_run_results')) }}
{%- endmacro %}

{% macro create_run_results_table() -%}
    {%- if execute -%}
        {%- set relation = run_results_relation() -%}
        {%- if target.type != 'databricks' -%}
            {%- set schema_name = adapter.quote_as_configured(relation.schema, 'schema') -%}
            {%- do run_query('create schema if not exists ' ~ schema_name) -%}
        {%- endif -%}
        {%- do run_query(
            'create table if not exists ' ~ relation ~ ' ('
            ~ 'invocation_id string, node_id string, resource_type string, status string, rows_affected bigint, '
            ~ 'failures bigint, execution_time_s double, message string, target_name string, completed_at timestamp'
            ~ ') using delta'
        ) -%}
    {%- endif -%}
    {{ return('') }}
{%- endmacro %}

{% macro sql_string(value) -%}
    {%- if value is none -%}null{%- else -%}
        '{{ value | string | replace("\\", "\\\\") | replace("'", "\\'") | truncate(1000, true, '') }}'
    {%- endif -%}
{%- endmacro %}

{% macro record_run_results(results) -%}
    {%- if execute and results | length > 0 -%}
        {%- do create_run_results_table() -%}
        {%- set rows = [] -%}
        {%- for result in results -%}
            {%- set response = result.adapter_response or {} -%}
            {%- do rows.append('(' ~ [
                sql_string(invocation_id),
                sql_string(result.node.unique_id),
                sql_string(result.node.resource_type),
                sql_string(result.status),
                (response.get('rows_affected') if response.get('rows_affected') is not none else 'null'),
                (result.failures if result.failures is not none else 'null'),
                (result.execution_time | round(3)),
                sql_string(result.message),
                sql_string(target.name),
                'current_timestamp()',
            ] | join(', ') ~ ')') -%}
        {%- endfor -%}
        {%- do run_query('insert into ' ~ run_results_relation() ~ ' values ' ~ rows | join(', ')) -%}
    {%- endif -%}
    {{ return('') }}
{%- endmacro %}
