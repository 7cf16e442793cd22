{#-
    Schema-level Unity Catalog privileges (databricks target only; nothing happens on `local`).
    dbt's `grants` config (dbt_project.yml, per layer) grants SELECT on each table and view and revokes any
    other table grant; a reader also needs USE SCHEMA on the schema, which dbt does not manage. This
    on-run-end hook grants it per layer and revokes it from the reader groups on the layers only the
    pipeline may read, Bronze included (Bronze is written by the ingestion job, not by dbt).
    Catalog-level USE CATALOG stays with the workspace admins.
-#}

{% macro schema_access() -%}
    {#- layer schema -> principals that may use it; everything else is revoked from the reader groups -#}
    {%- set pipeline = governance_principal('governance_pipeline_principal') -%}
    {%- set analysts = governance_principal('governance_analysts_group') -%}
    {%- set data_scientists = governance_principal('governance_data_scientists_group') -%}
    {{ return({
        'bronze': [pipeline],
        'staging': [pipeline],
        'raw_vault': [pipeline],
        'business_vault': [pipeline, data_scientists],
        'snapshots': [pipeline],
        'marts': [pipeline, analysts, data_scientists],
        'audit': [pipeline],
        'reference': [pipeline, analysts, data_scientists],
    }) }}
{%- endmacro %}


{% macro layer_schema(layer) -%}
    {#- Bronze is the ingestion job's schema, named in the sources without a developer prefix -#}
    {{ return(layer if layer == 'bronze' else generate_schema_name(layer, none)) }}
{%- endmacro %}


{% macro schema_grant_statements(existing_schemas=none) -%}
    {#- existing_schemas: names to limit the statements to (none: all layers, for offline inspection) -#}
    {%- set statements = [] -%}
    {%- if target.type == 'databricks' -%}
        {%- set readers = [governance_principal('governance_analysts_group'), governance_principal('governance_data_scientists_group')] -%}
        {%- for layer, principals in schema_access().items()
            if existing_schemas is none or layer_schema(layer) | lower in existing_schemas -%}
            {%- set schema = target.database ~ '.' ~ layer_schema(layer) -%}
            {%- for principal in principals -%}
                {%- do statements.append('grant use schema on schema ' ~ schema ~ ' to `' ~ principal ~ '`') -%}
            {%- endfor -%}
            {%- for principal in readers if principal not in principals -%}
                {%- do statements.append('revoke all privileges on schema ' ~ schema ~ ' from `' ~ principal ~ '`') -%}
            {%- endfor -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(statements) }}
{%- endmacro %}


{% macro apply_schema_grants() -%}
    {#- on-run-end hook; a layer schema not created yet (e.g. no snapshot built so far) is left out -#}
    {%- if execute and target.type == 'databricks' -%}
        {%- set existing = [] -%}
        {%- for layer in schema_access() -%}
            {%- set schema = layer_schema(layer) | lower -%}
            {%- do existing.append(schema) if adapter.check_schema_exists(target.database, schema) else none -%}
        {%- endfor -%}
        {%- for statement in schema_grant_statements(existing) -%}
            {%- do run_query(statement) -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return('') }}
{%- endmacro %}


{% macro governance_principal(name) -%}
    {#- the Unity Catalog principal behind a governance var; defaults match the inline ones in dbt_project.yml -#}
    {%- set defaults = {
        'governance_pipeline_principal': 'cosnova-lakehouse-pipeline',
        'governance_analysts_group': 'cosnova-analysts',
        'governance_data_scientists_group': 'cosnova-data-scientists',
        'governance_pii_readers_group': 'cosnova-pii-readers',
    } -%}
    {{ return(var(name, defaults[name])) }}
{%- endmacro %}
