{#-
    Reading a model's input columns, also inside a dbt unit test. In a unit test every ref()/source() input
    is a fixture CTE (`__dbt__cte__<name>`, relation type cte) that `adapter.get_columns_in_relation` cannot
    describe: it returns [] (dbt-core issue 10139), so stage would carry no source column. The fixture has
    exactly the columns of the relation it stands for (dbt types it from that relation, which must exist in
    the warehouse, `dbt build --empty` is enough), so the columns are read from that relation instead.
-#}

{%- macro columns_in_relation(relation) -%}
    {#- adapter.get_columns_in_relation(relation); for a unit-test fixture, of the relation it replaces. -#}
    {{ return(adapter.get_columns_in_relation(datavault.unit_test_fixture_target(relation) or relation)) }}
{%- endmacro -%}


{%- macro unit_test_fixture_target(relation) -%}
    {#-
        The warehouse relation a unit-test fixture CTE stands for; none for any other relation.
        `graph` is empty while a unit test compiles (dbt builds a manifest of the test's own nodes), so the
        fixture nodes are read from the manifest of dbt's ref() resolver. Each keeps the database, schema
        and identifier of its original; its CTE is named after the identifier (a ref) or
        `<source>__<table>`, the last part of its unique_id (a source). dbt-core 1.11 internals: should a
        dbt upgrade change them, this fails loudly instead of returning no columns.
    -#}
    {%- if not execute or model.resource_type != 'unit_test' or relation is string or not relation.is_cte -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set resolver_manifest = builtins.ref.manifest if builtins.ref.manifest is defined else none -%}
    {%- for node in (resolver_manifest.nodes.values() if resolver_manifest is not none else []) -%}
        {%- set cte_names = [
            relation.add_ephemeral_prefix(node.alias),
            relation.add_ephemeral_prefix(node.unique_id.split('.')[-1])
        ] -%}
        {%- if node.resource_type == 'model' and relation.identifier in cte_names -%}
            {{ return(api.Relation.create(database=node.database, schema=node.schema, identifier=node.alias)) }}
        {%- endif -%}
    {%- endfor -%}
    {{ datavault.fail('columns_in_relation', "cannot find the relation behind unit-test fixture "
        ~ relation.identifier ~ " (dbt's unit-test internals changed?) in unit test " ~ model.name) }}
{%- endmacro -%}
