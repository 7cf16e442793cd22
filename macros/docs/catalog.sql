{#-
    dbt-spark builds catalog.json from one `show table extended in <schema> like '*'` per schema and reads
    each table's columns from the `Schema: root` tree in its `information` text. Open-source Delta tables
    keep their schema in the Delta log, not in the metastore, so that tree is empty for them: the docs site
    would show no column and no type for any Delta table (dbt-spark issue 295, still open in 1.10).

    This override of dbt-spark's macro fills the gap for `dbt docs generate` only: for every Delta table
    whose information lists no column, it asks the table itself (`describe`, via
    `adapter.get_columns_in_relation`) and appends the columns in the exact form the adapter parses
    (` |-- name: type (nullable = true)`). Other commands keep dbt-spark's single query per schema, so
    builds pay nothing. Views, and tables of other formats, are passed through untouched. The databricks
    adapter has its own `databricks__list_relations_without_caching` and never calls this macro.
-#}
{% macro spark__list_relations_without_caching(relation) %}
    {% call statement('list_relations_without_caching', fetch_result=True) -%}
        show table extended in {{ relation.schema }} like '*'
    {%- endcall %}
    {% set relations = load_result('list_relations_without_caching').table %}
    {% if flags.WHICH != 'generate' %}
        {{ return(relations) }}
    {% endif %}
    {{ return(delta_catalog_information(relations)) }}
{% endmacro %}


{% macro delta_catalog_information(relations) %}
    {#- rows of `show table extended` (schema, name, is temporary, information), with the columns of Delta
        tables added to `information`; the adapter unpacks each row as a 4-tuple, so plain lists do -#}
    {% set completed = [] %}
    {% for row in relations %}
        {% set schema_name, table_name, is_temporary, information = row[0], row[1], row[2], row[3] %}
        {% if 'Provider: delta' in information and ' |-- ' not in information %}
            {% set table = api.Relation.create(schema=schema_name, identifier=table_name, type='table') %}
            {% set lines = [] %}
            {% for column in adapter.get_columns_in_relation(table) %}
                {#- the adapter's parser requires the nullable flag; the catalog does not use it -#}
                {% do lines.append(' |-- ' ~ column.name ~ ': ' ~ column.dtype ~ ' (nullable = true)') %}
            {% endfor %}
            {% set information = information.rstrip('\n') ~ '\n' ~ (lines | join('\n')) ~ '\n' %}
        {% endif %}
        {% do completed.append([schema_name, table_name, is_temporary, information]) %}
    {% endfor %}
    {{ return(completed) }}
{% endmacro %}
