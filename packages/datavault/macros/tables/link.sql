{#-
    link: the distinct relationships between hubs (one row per link hash key, with the foreign hash keys),
    first sighting wins. Insert-only.
-#}

{%- macro link(src_pk, src_fk, src_ldts, src_source, source_model, src_extra_columns=none) -%}
    {{ return(adapter.dispatch('link', 'datavault')(src_pk=src_pk, src_fk=src_fk, src_ldts=src_ldts,
        src_source=src_source, source_model=source_model, src_extra_columns=src_extra_columns)) }}
{%- endmacro -%}

{%- macro default__link(src_pk, src_fk, src_ldts, src_source, source_model, src_extra_columns) -%}
    {{ datavault.unsupported_adapter('link') }}
{%- endmacro -%}

{%- macro spark__link(src_pk, src_fk, src_ldts, src_source, source_model, src_extra_columns) -%}
    {{- datavault.validate('link', [
        ('src_pk', src_pk, 'column'),
        ('src_fk', src_fk, 'columns'),
        ('src_ldts', src_ldts, 'column'),
        ('src_source', src_source, 'column'),
        ('source_model', source_model, 'model'),
        ('src_extra_columns', src_extra_columns, 'columns', true)]) -}}
    {{- datavault.check_distinct('link', [('src_pk', src_pk), ('src_fk', src_fk), ('src_ldts', src_ldts), ('src_source', src_source)]) -}}
    {{ datavault.first_seen(src_pk, datavault.as_list(src_fk), datavault.as_list(src_extra_columns),
                            src_ldts, src_source, source_model, not_null=[src_pk] + datavault.as_list(src_fk)) }}
{%- endmacro -%}
