{#-
    t_link / nh_link: a transactional (non-historised) link. Each transaction (src_pk) is recorded once with
    its foreign keys and payload, as first loaded; later re-sends are ignored. `nh_link` is the same macro
    under AutomateDV's newer name.
-#}

{%- macro t_link(src_pk, src_fk, src_ldts, src_source, source_model, src_payload=none, src_eff=none, src_extra_columns=none) -%}
    {{ return(adapter.dispatch('t_link', 'datavault')(src_pk=src_pk, src_fk=src_fk, src_payload=src_payload,
        src_eff=src_eff, src_ldts=src_ldts, src_source=src_source, source_model=source_model,
        src_extra_columns=src_extra_columns, macro_name='t_link')) }}
{%- endmacro -%}

{%- macro nh_link(src_pk, src_fk, src_ldts, src_source, source_model, src_payload=none, src_eff=none, src_extra_columns=none) -%}
    {{ return(adapter.dispatch('t_link', 'datavault')(src_pk=src_pk, src_fk=src_fk, src_payload=src_payload,
        src_eff=src_eff, src_ldts=src_ldts, src_source=src_source, source_model=source_model,
        src_extra_columns=src_extra_columns, macro_name='nh_link')) }}
{%- endmacro -%}

{%- macro default__t_link(src_pk, src_fk, src_payload, src_eff, src_ldts, src_source, source_model, src_extra_columns, macro_name) -%}
    {{ datavault.unsupported_adapter(macro_name) }}
{%- endmacro -%}

{%- macro spark__t_link(src_pk, src_fk, src_payload, src_eff, src_ldts, src_source, source_model, src_extra_columns, macro_name) -%}
    {{- datavault.validate(macro_name, [
        ('src_pk', src_pk, 'column'),
        ('src_fk', src_fk, 'columns'),
        ('src_payload', src_payload, 'columns', true),
        ('src_eff', src_eff, 'column', true),
        ('src_ldts', src_ldts, 'column'),
        ('src_source', src_source, 'column'),
        ('source_model', source_model, 'model'),
        ('src_extra_columns', src_extra_columns, 'columns', true)]) -}}
    {{- datavault.check_distinct(macro_name, [('src_pk', src_pk), ('src_fk', src_fk), ('src_ldts', src_ldts), ('src_source', src_source)]) -}}
    {{ datavault.first_seen(src_pk, datavault.as_list(src_fk),
                            datavault.as_list(src_payload) + datavault.as_list(src_eff) + datavault.as_list(src_extra_columns),
                            src_ldts, src_source, source_model, not_null=[src_pk] + datavault.as_list(src_fk)) }}
{%- endmacro -%}
