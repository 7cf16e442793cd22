{#-
    hub: the distinct business keys of an entity, each with the load datetime and record source of its
    first sighting. Insert-only: an incremental run adds keys the hub does not hold yet.
-#}

{%- macro hub(src_pk, src_nk, src_ldts, src_source, source_model, src_extra_columns=none) -%}
    {{ return(adapter.dispatch('hub', 'datavault')(src_pk=src_pk, src_nk=src_nk, src_ldts=src_ldts,
        src_source=src_source, source_model=source_model, src_extra_columns=src_extra_columns)) }}
{%- endmacro -%}

{%- macro default__hub(src_pk, src_nk, src_ldts, src_source, source_model, src_extra_columns) -%}
    {{ datavault.unsupported_adapter('hub') }}
{%- endmacro -%}

{%- macro spark__hub(src_pk, src_nk, src_ldts, src_source, source_model, src_extra_columns) -%}
    {{- datavault.validate('hub', [
        ('src_pk', src_pk, 'column'),
        ('src_nk', src_nk, 'columns'),
        ('src_ldts', src_ldts, 'column'),
        ('src_source', src_source, 'column'),
        ('source_model', source_model, 'model'),
        ('src_extra_columns', src_extra_columns, 'columns', true)]) -}}
    {{- datavault.check_distinct('hub', [('src_pk', src_pk), ('src_nk', src_nk), ('src_ldts', src_ldts), ('src_source', src_source)]) -}}
    {{ datavault.first_seen(src_pk, datavault.as_list(src_nk), datavault.as_list(src_extra_columns),
                            src_ldts, src_source, source_model) }}
{%- endmacro -%}
