{#-
    eff_sat: effectivity of a link (when a relationship starts and ends), keyed by the link hash key, with
    the driving key(s) (src_dfk) and secondary key(s) (src_sfk).

    is_auto_end_dating = false (default): start and end dates come from the stage; a row is inserted when a
    link's (start_date, end_date) differs from its previous row (target + batch, in load order), so
    re-sends add nothing and an end-dated record from the source inserts the closed version.

    is_auto_end_dating = true: the end date is derived. Per driving key, the sequence of secondary keys seen
    (current open link in the target first, then the batch in load order; repeats collapse) is replayed:
    each move to another secondary key inserts a closing row for the previous link (end_date = the new
    start) and an open row (end_date = 9999-12-31 23:59:59.999999) for the new one. Change and change back
    (S1 -> S2 -> S1) produce close/open pairs each time; batch rows not newer than the driving key's
    latest target row are skipped, so a re-run inserts nothing (AutomateDV #231 does not reproduce).
-#}

{%- macro eff_sat(src_pk, src_dfk, src_sfk, src_start_date, src_end_date, src_eff, src_ldts, src_source,
                  source_model, src_extra_columns=none, is_auto_end_dating=none) -%}
    {%- set auto = is_auto_end_dating if is_auto_end_dating is not none else config.get('is_auto_end_dating', false) -%}
    {{ return(adapter.dispatch('eff_sat', 'datavault')(src_pk=src_pk, src_dfk=src_dfk, src_sfk=src_sfk,
        src_start_date=src_start_date, src_end_date=src_end_date, src_eff=src_eff, src_ldts=src_ldts,
        src_source=src_source, source_model=source_model, src_extra_columns=src_extra_columns,
        is_auto_end_dating=auto)) }}
{%- endmacro -%}

{%- macro default__eff_sat(src_pk, src_dfk, src_sfk, src_start_date, src_end_date, src_eff, src_ldts, src_source, source_model, src_extra_columns, is_auto_end_dating) -%}
    {{ datavault.unsupported_adapter('eff_sat') }}
{%- endmacro -%}

{%- macro spark__eff_sat(src_pk, src_dfk, src_sfk, src_start_date, src_end_date, src_eff, src_ldts, src_source, source_model, src_extra_columns, is_auto_end_dating) -%}
    {{- datavault.validate('eff_sat', [
        ('src_pk', src_pk, 'column'),
        ('src_dfk', src_dfk, 'columns'),
        ('src_sfk', src_sfk, 'columns'),
        ('src_start_date', src_start_date, 'column'),
        ('src_end_date', src_end_date, 'column'),
        ('src_eff', src_eff, 'column'),
        ('src_ldts', src_ldts, 'column'),
        ('src_source', src_source, 'column'),
        ('source_model', source_model, 'model'),
        ('src_extra_columns', src_extra_columns, 'columns', true),
        ('is_auto_end_dating', is_auto_end_dating, 'boolean')]) -}}
    {{- datavault.check_distinct('eff_sat', [('src_pk', src_pk), ('src_dfk', src_dfk), ('src_sfk', src_sfk),
        ('src_start_date', src_start_date), ('src_end_date', src_end_date), ('src_ldts', src_ldts), ('src_source', src_source)]) -}}
    {%- set dfk = datavault.as_list(src_dfk) -%}
    {%- set sfk = datavault.as_list(src_sfk) -%}
    {%- set extra = datavault.as_list(src_extra_columns) -%}
    {%- set columns = datavault.unique_columns([src_pk] + dfk + sfk + [src_start_date, src_end_date, src_eff, src_ldts, src_source] + extra) -%}
    {%- if not is_auto_end_dating -%}
        {%- set compare = "concat_ws('|', cast(" ~ src_start_date ~ " as string), cast(" ~ src_end_date ~ " as string))" -%}
{{ datavault.change_rows(src_pk, none, [src_ldts, src_eff], columns, src_ldts, src_source, source_model,
                         not_null=[src_pk] + dfk + sfk, compare_expression=compare) }}
    {%- else -%}
        {%- set incremental = datavault.is_incremental_load() -%}
        {%- set dfk_join = [] -%}
        {%- for k in dfk -%}{%- do dfk_join.append('{a}.' ~ k ~ ' = {b}.' ~ k) -%}{%- endfor -%}
        {%- set carried = datavault.unique_columns(sfk + extra) -%}
with stage_rows as (
    {{ datavault.stage_union(source_model, columns, src_ldts, src_source, not_null=[src_pk] + dfk + sfk) }}
),
{%- if incremental %}

driving_keys as (
    select distinct {{ dfk | join(', ') }} from stage_rows
),

target_latest as (
    select * from (
        select
            dv_target.*,
            row_number() over (
                partition by {{ datavault.prefixed(dfk, 'dv_target') }}
                order by dv_target.{{ src_ldts }} desc, dv_target.{{ src_eff }} desc, dv_target.{{ src_end_date }} desc
            ) as dv_row_number
        from {{ this }} as dv_target
        left semi join driving_keys
            on {{ dfk_join | join(' and ') | replace('{a}', 'dv_target') | replace('{b}', 'driving_keys') }}
    ) as ranked
    where dv_row_number = 1
),
{%- endif %}

batch as (
    select distinct {{ datavault.prefixed(columns, 'stage_rows') }}
    from stage_rows
    {%- if incremental %}
    left join target_latest
        on {{ dfk_join | join(' and ') | replace('{a}', 'stage_rows') | replace('{b}', 'target_latest') }}
    where target_latest.{{ src_ldts }} is null
        or stage_rows.{{ src_ldts }} > target_latest.{{ src_ldts }}
    {%- endif %}
),

events as (
    select {{ columns | join(', ') }}, 1 as dv_is_new from batch
    {%- if incremental %}
    union all
    select {{ columns | join(', ') }}, 0 as dv_is_new
    from target_latest
    where {{ src_end_date }} = {{ datavault.end_of_time() }}
    {%- endif %}
),

sequenced as (
    select
        events.*,
        lag({{ src_pk }}) over (
            partition by {{ dfk | join(', ') }}
            order by {{ src_ldts }}, {{ src_eff }}, dv_is_new, {{ src_pk }}
        ) as dv_previous_pk
    from events
),

changes as (
    select * from sequenced
    where dv_previous_pk is null or dv_previous_pk <> {{ src_pk }}
),

paired as (
    select
        changes.*,
        lag({{ src_pk }}) over (dv_window) as dv_closing_pk,
        lag({{ src_start_date }}) over (dv_window) as dv_closing_start{% for c in carried %},
        lag({{ c }}) over (dv_window) as dv_closing__{{ c }}{% endfor %}
    from changes
    window dv_window as (
        partition by {{ dfk | join(', ') }}
        order by {{ src_ldts }}, {{ src_eff }}, dv_is_new, {{ src_pk }}
    )
)

-- the open row of every new link version
select {{ datavault.prefixed([src_pk] + dfk, 'paired') }}{% for c in sfk %}, paired.{{ c }}{% endfor %},
    paired.{{ src_start_date }},
    {{ datavault.end_of_time() }} as {{ src_end_date }},
    paired.{{ src_eff }}, paired.{{ src_ldts }}, paired.{{ src_source }}{% for c in extra if c not in sfk %}, paired.{{ c }}{% endfor %}
from paired
where dv_is_new = 1

union all

-- the closing row of the link it replaces
select paired.dv_closing_pk as {{ src_pk }}{% for c in dfk %}, paired.{{ c }}{% endfor %}{% for c in sfk %}, paired.dv_closing__{{ c }} as {{ c }}{% endfor %},
    paired.dv_closing_start as {{ src_start_date }},
    paired.{{ src_start_date }} as {{ src_end_date }},
    paired.{{ src_eff }}, paired.{{ src_ldts }}, paired.{{ src_source }}{% for c in extra if c not in sfk %}, paired.dv_closing__{{ c }} as {{ c }}{% endfor %}
from paired
where dv_is_new = 1
    and dv_closing_pk is not null
    {%- endif -%}
{%- endmacro -%}
