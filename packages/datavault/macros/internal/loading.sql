{#- Building blocks shared by the table macros (not part of the public interface). -#}

{%- macro stage_union(source_model, columns, src_ldts, src_source, not_null=[], apply_hwm=true) -%}
    {#-
        Rows of one or several stage models (unioned by column name), with
          - rows whose key columns (not_null) are NULL dropped,
          - on incremental runs, only rows newer than the target's per-record-source high-water mark.
    -#}
    {%- set models = datavault.model_list(source_model) -%}
    {%- set incremental = datavault.is_incremental_load() and apply_hwm -%}
    {#- one look-up of the target's marks for all stage models (it is a query on the target) -#}
    {%- set hwm = datavault.high_water_mark_filter('dv_stage', src_ldts, src_source) if incremental else none -%}
    {%- for model in models %}
    select {% for c in columns %}dv_stage.{{ datavault.select_alias(c) }}{% if not loop.last %}, {% endif %}{% endfor %}
    from {{ datavault.relation_of(model) }} as dv_stage
    {%- if incremental %}
    {{ hwm['join'] }}
    {%- endif %}
    where 1 = 1
    {%- for k in not_null %}
        and dv_stage.{{ datavault.source_column(k) }} is not null
    {%- endfor %}
    {%- if incremental %}
        and {{ hwm['condition'] }}
    {%- endif %}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor -%}
{%- endmacro -%}


{%- macro first_seen(src_pk, key_columns, other_columns, src_ldts, src_source, source_model, not_null=none) -%}
    {#-
        hub / link / t_link / ref_table: one row per key, the earliest load wins; ties on the load datetime
        are broken by record source, then by the key columns, so the result never depends on the stage's
        physical order. Keys already in the target are skipped with a left anti join.
    -#}
    {%- set stage_columns = datavault.unique_columns([src_pk] + key_columns + other_columns + [src_ldts, src_source]) -%}
    {%- set all_columns = datavault.column_names(stage_columns) -%}
{%- set rows = 'unseen_rows' if datavault.is_incremental_load() else 'stage_rows' %}
with stage_rows as (
    {{ datavault.stage_union(source_model, stage_columns, src_ldts, src_source, not_null=(not_null or [src_pk])) }}
),
{%- if datavault.is_incremental_load() %}

{#- Before the ranking, not after it: the rows of keys the target holds never reach the shuffle and sort
    of the window (Spark does not push a join through a window). #}
unseen_rows as (
    select stage_rows.*
    from stage_rows
    left anti join {{ this }} as dv_target
        on stage_rows.{{ src_pk }} = dv_target.{{ src_pk }}
),
{%- endif %}

ranked as (
    select
        {{ rows }}.*,
        row_number() over (
            partition by {{ src_pk }}
            order by {{ src_ldts }}, {{ src_source }}{% for k in key_columns if k | lower != src_pk | lower %}, {{ k }}{% endfor %}
        ) as dv_row_number
    from {{ rows }}
),

first_rows as (
    select {{ all_columns | join(', ') }}
    from ranked
    where dv_row_number = 1
)

select {{ datavault.prefixed(all_columns, 'first_rows') }}
from first_rows
{%- endmacro -%}


{%- macro change_rows(src_pk, compare_column, order_columns, all_columns, src_ldts, src_source, source_model, not_null=none, compare_expression=none) -%}
    {#-
        Satellite-style change detection (sat, eff_sat without auto end-dating).
        Timeline per key = the target's rows for the keys in this batch + the batch's rows, ordered by
        (order_columns, existing-before-new). A batch row is kept when its compare_column differs from the
        row before it: exact duplicates collapse, A->B->A keeps three versions, a re-run (or a look-back
        that re-reads loaded rows) finds its twin in the target and adds nothing.
    -#}
    {%- set incremental = datavault.is_incremental_load() -%}
    {%- set stage_columns = datavault.unique_columns(all_columns) -%}
    {%- set cols = datavault.column_names(stage_columns) -%}
with stage_rows as (
    {{ datavault.stage_union(source_model, stage_columns, src_ldts, src_source, not_null=(not_null if not_null is not none else [src_pk])) }}
),

batch as (
    select distinct {{ cols | join(', ') }}, 1 as dv_is_new
    from stage_rows
),
{%- if incremental %}

batch_keys as (
    select distinct {{ src_pk }} from batch
),

existing as (
    select {% for c in cols %}dv_target.{{ c }}, {% endfor %}0 as dv_is_new
    from {{ this }} as dv_target
    left semi join batch_keys
        on dv_target.{{ src_pk }} = batch_keys.{{ src_pk }}
),
{%- endif %}

timeline as (
    select * from batch
    {%- if incremental %}
    union all
    select * from existing
    {%- endif %}
),

compared as (
    select
        timeline.*,
        lag({{ compare_expression or compare_column }}) over (
            partition by {{ src_pk }}
            order by {% for o in order_columns %}{{ o }}, {% endfor %}dv_is_new, {{ src_source }}
        ) as dv_previous
    from timeline
)

select {{ cols | join(', ') }}
from compared
where dv_is_new = 1
    and (dv_previous is null or dv_previous <> {{ compare_expression or compare_column }})
{%- endmacro -%}
