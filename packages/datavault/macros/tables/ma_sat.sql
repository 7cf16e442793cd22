{#-
    ma_sat: multi-active satellite. For one key and load datetime, the set of rows (one per child dependent
    key, src_cdk) is one version. A set is inserted (all its rows) when it differs from the key's previous
    set - target and batch together, in load order: a member added, removed or changed, or the set
    changing back. Member order and exact duplicates do not matter; several versions of one key in one
    batch are all compared in order; a re-run inserts nothing.
-#}

{%- macro ma_sat(src_pk, src_cdk, src_hashdiff, src_payload, src_ldts, src_source, source_model, src_eff=none,
                 src_extra_columns=none) -%}
    {{ return(adapter.dispatch('ma_sat', 'datavault')(src_pk=src_pk, src_cdk=src_cdk, src_hashdiff=src_hashdiff,
        src_payload=src_payload, src_eff=src_eff, src_ldts=src_ldts, src_source=src_source,
        source_model=source_model, src_extra_columns=src_extra_columns)) }}
{%- endmacro -%}

{%- macro default__ma_sat(src_pk, src_cdk, src_hashdiff, src_payload, src_eff, src_ldts, src_source, source_model, src_extra_columns) -%}
    {{ datavault.unsupported_adapter('ma_sat') }}
{%- endmacro -%}

{%- macro spark__ma_sat(src_pk, src_cdk, src_hashdiff, src_payload, src_eff, src_ldts, src_source, source_model, src_extra_columns) -%}
    {{- datavault.validate('ma_sat', [
        ('src_pk', src_pk, 'column'),
        ('src_cdk', src_cdk, 'columns'),
        ('src_hashdiff', src_hashdiff, 'hashdiff'),
        ('src_payload', src_payload, 'columns'),
        ('src_eff', src_eff, 'column', true),
        ('src_ldts', src_ldts, 'column'),
        ('src_source', src_source, 'column'),
        ('source_model', source_model, 'model'),
        ('src_extra_columns', src_extra_columns, 'columns', true)]) -}}
    {{- datavault.check_distinct('ma_sat', [('src_pk', src_pk), ('src_cdk', src_cdk), ('src_hashdiff', src_hashdiff),
        ('src_ldts', src_ldts), ('src_source', src_source)]) -}}
    {%- set hashdiff = datavault.column_name(src_hashdiff) -%}
    {%- set cdk = datavault.as_list(src_cdk) -%}
    {%- set columns = [src_pk] + cdk + [src_hashdiff] + datavault.as_list(src_payload) + datavault.as_list(src_extra_columns)
                      + datavault.as_list(src_eff) + [src_ldts, src_source] -%}
    {%- set names = [] -%}
    {%- for c in columns -%}{%- do names.append(datavault.column_name(c)) -%}{%- endfor -%}
    {%- set names = datavault.unique_columns(names) -%}
    {%- set member -%}
        concat_ws('||', {% for c in cdk %}coalesce(cast({{ c }} as string), '^^'), {% endfor %}cast({{ hashdiff }} as string))
    {%- endset -%}
    {%- set incremental = datavault.is_incremental_load() -%}
with stage_rows as (
    {{ datavault.stage_union(source_model, datavault.unique_columns(columns), src_ldts, src_source, not_null=[src_pk]) }}
),

batch as (
    select distinct {{ names | join(', ') }} from stage_rows
),

batch_sets as (
    select {{ src_pk }}, {{ src_ldts }}, 1 as dv_is_new,
        sha2(concat_ws('##', sort_array(collect_set({{ member }}))), 256) as dv_set
    from batch
    group by {{ src_pk }}, {{ src_ldts }}
),
{%- if incremental %}

existing_sets as (
    select dv_target.{{ src_pk }}, dv_target.{{ src_ldts }}, 0 as dv_is_new,
        sha2(concat_ws('##', sort_array(collect_set({{ member | replace('coalesce(cast(', 'coalesce(cast(dv_target.') | replace("cast(" ~ hashdiff ~ " as", "cast(dv_target." ~ hashdiff ~ " as") }}))), 256) as dv_set
    from {{ this }} as dv_target
    left semi join (select distinct {{ src_pk }} from batch) as batch_keys
        on dv_target.{{ src_pk }} = batch_keys.{{ src_pk }}
    group by dv_target.{{ src_pk }}, dv_target.{{ src_ldts }}
),
{%- endif %}

timeline as (
    select * from batch_sets
    {%- if incremental %}
    union all
    select * from existing_sets
    {%- endif %}
),

changed_sets as (
    select {{ src_pk }}, {{ src_ldts }}
    from (
        select timeline.*,
            lag(dv_set) over (partition by {{ src_pk }} order by {{ src_ldts }}, dv_is_new) as dv_previous
        from timeline
    ) as compared
    where dv_is_new = 1
        and (dv_previous is null or dv_previous <> dv_set)
)

select {{ datavault.prefixed(names, 'batch') }}
from batch
inner join changed_sets
    on batch.{{ src_pk }} = changed_sets.{{ src_pk }}
    and batch.{{ src_ldts }} = changed_sets.{{ src_ldts }}
{%- endmacro -%}
