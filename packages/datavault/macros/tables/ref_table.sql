{#-
    ref_table: reference data keyed by its natural code (no hash key), e.g. markets or currencies. One row
    per code, first load wins, insert-only; the descriptive columns are src_extra_columns (all other stage
    columns when omitted).
-#}

{%- macro ref_table(src_pk, src_ldts, src_source, source_model, src_extra_columns=none) -%}
    {{ return(adapter.dispatch('ref_table', 'datavault')(src_pk=src_pk, src_ldts=src_ldts, src_source=src_source,
        source_model=source_model, src_extra_columns=src_extra_columns)) }}
{%- endmacro -%}

{%- macro default__ref_table(src_pk, src_ldts, src_source, source_model, src_extra_columns) -%}
    {{ datavault.unsupported_adapter('ref_table') }}
{%- endmacro -%}

{%- macro spark__ref_table(src_pk, src_ldts, src_source, source_model, src_extra_columns) -%}
    {{- datavault.validate('ref_table', [
        ('src_pk', src_pk, 'column'),
        ('src_ldts', src_ldts, 'column'),
        ('src_source', src_source, 'column'),
        ('source_model', source_model, 'model'),
        ('src_extra_columns', src_extra_columns, 'columns', true)]) -}}
    {%- set extra = datavault.as_list(src_extra_columns) -%}
    {%- if not extra and execute -%}
        {%- set first_model = datavault.model_list(source_model)[0] -%}
        {%- for col in datavault.columns_in_relation(datavault.relation_of(first_model)) -%}
            {%- if col.name | lower not in [src_pk | lower, src_ldts | lower, src_source | lower] -%}
                {%- do extra.append(col.name) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {{ datavault.first_seen(src_pk, [src_pk], extra, src_ldts, src_source, source_model) }}
{%- endmacro -%}
