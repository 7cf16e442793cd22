{#-
    sat: the history of descriptive attributes of a hub or link key. A row is inserted when its hashdiff
    differs from the previous row of the same key, where "previous" is taken over the target's rows and the
    batch together, ordered by load datetime, then src_eff, then hashdiff. So:
      - several changes for one key in one batch are all kept, in order (A -> B -> A keeps three rows);
      - exact duplicates collapse; a re-run adds nothing;
      - rows with the same key and load datetime are ordered by src_eff then hashdiff (deterministic);
      - out-of-order src_eff within one load datetime is put in order before comparing.
    ghost_record=true (or var datavault_ghost_records) adds the all-zero ghost row once.
-#}

{%- macro sat(src_pk, src_hashdiff, src_payload, src_ldts, src_source, source_model, src_eff=none,
              src_extra_columns=none, ghost_record=none) -%}
    {{ return(adapter.dispatch('sat', 'datavault')(src_pk=src_pk, src_hashdiff=src_hashdiff, src_payload=src_payload,
        src_eff=src_eff, src_ldts=src_ldts, src_source=src_source, source_model=source_model,
        src_extra_columns=src_extra_columns, ghost_record=ghost_record)) }}
{%- endmacro -%}

{%- macro default__sat(src_pk, src_hashdiff, src_payload, src_eff, src_ldts, src_source, source_model, src_extra_columns, ghost_record) -%}
    {{ datavault.unsupported_adapter('sat') }}
{%- endmacro -%}

{%- macro spark__sat(src_pk, src_hashdiff, src_payload, src_eff, src_ldts, src_source, source_model, src_extra_columns, ghost_record) -%}
    {{- datavault.validate('sat', [
        ('src_pk', src_pk, 'column'),
        ('src_hashdiff', src_hashdiff, 'hashdiff'),
        ('src_payload', src_payload, 'columns'),
        ('src_eff', src_eff, 'column', true),
        ('src_ldts', src_ldts, 'column'),
        ('src_source', src_source, 'column'),
        ('source_model', source_model, 'model'),
        ('src_extra_columns', src_extra_columns, 'columns', true)]) -}}
    {{- datavault.check_distinct('sat', [('src_pk', src_pk), ('src_hashdiff', src_hashdiff), ('src_payload', src_payload),
        ('src_eff', src_eff), ('src_ldts', src_ldts), ('src_source', src_source)]) -}}
    {%- set hashdiff = datavault.column_name(src_hashdiff) -%}
    {%- set columns = [src_pk, src_hashdiff] + datavault.as_list(src_payload) + datavault.as_list(src_extra_columns)
                      + datavault.as_list(src_eff) + [src_ldts, src_source] -%}
    {%- set order = [src_ldts] + datavault.as_list(src_eff) + [hashdiff] -%}
    {%- set names = [] -%}
    {%- for c in columns -%}{%- do names.append(datavault.column_name(c)) -%}{%- endfor -%}
    {%- set ghost = datavault.ghost_records_enabled(ghost_record) -%}
    {%- if ghost %}
with dv_changes as (
    {{ datavault.change_rows(src_pk, hashdiff, order, columns, src_ldts, src_source, source_model) | indent(4) }}
),

dv_ghosts as (
    {{ datavault.ghost_rows(names, [src_pk, hashdiff], src_pk, src_ldts, src_source, source_model) | indent(4) }}
)

select * from dv_changes
union all
select * from dv_ghosts
    {%- else %}
{{ datavault.change_rows(src_pk, hashdiff, order, columns, src_ldts, src_source, source_model) }}
    {%- endif %}
{%- endmacro -%}


{%- macro ghost_rows(names, key_columns, src_pk, src_ldts, src_source, source_model) -%}
    {#- The unknown ghost row (and the error row when datavault_error_records) unless the target has it. -#}
    {%- set models = datavault.model_list(source_model) -%}
    {%- set types = datavault.column_types(datavault.relation_of(models[0])) if models else {} -%}
    {%- set kinds = ['unknown', 'error'] if datavault.setting('datavault_error_records', false) in [true, 'true'] else ['unknown'] -%}
    select dv_ghost.* from (
    {%- for kind in kinds %}
        {{ datavault.ghost_record(names, key_columns, src_ldts, src_source, types, kind) }}
        {%- if not loop.last %}
        union all
        {%- endif %}
    {%- endfor %}
    ) as dv_ghost
    {%- if datavault.is_incremental_load() %}
    left anti join {{ this }} as dv_target
        on dv_ghost.{{ src_pk }} = dv_target.{{ src_pk }}
    {%- endif %}
{%- endmacro -%}
