{#-
    Column masks on PII (Unity Catalog, databricks target only; nothing happens on `local`).
    A column opts in with `column_mask: {function: <name>}` in its model YAML (dbt-databricks' own column
    property). The mask functions are ours: on-run-start creates them in every schema that holds a masked
    column, so an unqualified function name resolves exactly as dbt-databricks resolves it (the table's own
    catalog and schema). dbt-databricks only applies `column_mask` in its opt-in "materialization v2", so a
    post-hook applies the masks with ALTER TABLE (idempotent, also right if v2 is switched on later).
    Members of the PII readers group or the pipeline principal's group see clear values: the pipeline must,
    since the marts derive email_hash from the clear e-mail address.
-#}

{% macro pii_mask_functions() -%}
    {#- name -> (SQL type, masked value); the masked value keeps the column's type -#}
    {{ return({
        'mask_pii_string': ('string', "'***'"),
        'mask_pii_date': ('date', "cast(trunc(value, 'YEAR') as date)"),
    }) }}
{%- endmacro %}


{% macro pii_mask_function_sql(catalog, schema, function_name) -%}
    {%- set signature = pii_mask_functions()[function_name] -%}
    create or replace function {{ catalog }}.{{ schema }}.{{ function_name }}(value {{ signature[0] }})
    returns {{ signature[0] }}
    comment 'PII column mask (cosnova lakehouse): clear value for the PII readers and the pipeline only'
    return case
        when is_account_group_member({{ sql_string(governance_principal('governance_pii_readers_group')) }})
            or is_account_group_member({{ sql_string(governance_principal('governance_pipeline_principal')) }})
            then value
        else {{ signature[1] }}
    end
{%- endmacro %}


{% macro masked_columns(node) -%}
    {#- column name -> mask function name, for the columns of `node` that declare a column_mask -#}
    {%- set found = {} -%}
    {%- for column_name, column in node.columns.items() -%}
        {%- set mask = column.get('column_mask') if column is mapping else none -%}
        {%- if mask -%}
            {%- if mask.function not in pii_mask_functions() -%}
                {%- do exceptions.raise_compiler_error(
                    node.name ~ "." ~ column_name ~ ": column_mask.function must be one of "
                    ~ (pii_mask_functions().keys() | list | join(', ')) ~ ", got " ~ mask.function) -%}
            {%- endif -%}
            {%- do found.update({column_name: mask.function}) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(found) }}
{%- endmacro %}


{% macro pii_mask_statements() -%}
    {#- on-run-start SQL: every mask function in every schema with a masked column (databricks only) -#}
    {%- set statements = [] -%}
    {%- if target.type == 'databricks' -%}
        {%- set schemas = [] -%}
        {%- for node in graph.nodes.values() if node.resource_type in ('model', 'snapshot') -%}
            {%- if masked_columns(node) and (node.database, node.schema) not in schemas -%}
                {%- do schemas.append((node.database, node.schema)) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- for catalog, schema in schemas -%}
            {%- do statements.append('create schema if not exists ' ~ catalog ~ '.' ~ schema) -%}
            {%- for function_name in pii_mask_functions() -%}
                {%- do statements.append(pii_mask_function_sql(catalog, schema, function_name) | trim) -%}
            {%- endfor -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(statements) }}
{%- endmacro %}


{% macro create_pii_mask_functions() -%}
    {%- if execute -%}
        {%- for statement in pii_mask_statements() -%}
            {%- do run_query(statement) -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return('') }}
{%- endmacro %}


{% macro column_mask_statements(relation, node) -%}
    {%- set statements = [] -%}
    {%- if target.type == 'databricks' -%}
        {%- for column_name, function_name in masked_columns(node).items() -%}
            {%- do statements.append(
                'alter table ' ~ relation ~ ' alter column `' ~ column_name ~ '` set mask '
                ~ relation.database ~ '.' ~ relation.schema ~ '.' ~ function_name) -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(statements) }}
{%- endmacro %}


{% macro apply_column_masks() -%}
    {#- post-hook of every model; a no-op unless databricks and the model declares a column_mask -#}
    {%- if execute -%}
        {%- for statement in column_mask_statements(this, model) -%}
            {%- do run_query(statement) -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return('') }}
{%- endmacro %}
