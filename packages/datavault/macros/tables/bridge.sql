{#-
    bridge: for every hub key and as-of date, the paths hub -> link 1 -> link 2 -> ... whose relationships
    are active at that date according to each link's effectivity satellite (the eff_sat row valid at the
    date - LEAD windows per link key - has an end date after the date).
      bridge_walk (AutomateDV format), walked in order; link 1's link_fk1 joins the hub key, link n's
      link_fk1 joins link n-1's link_fk2:
        {WALK: {'bridge_link_pk': out column, 'bridge_end_date': out column, 'bridge_load_date': out column,
                'link_table': model, 'link_pk': col, 'link_fk1': col, 'link_fk2': col,
                'eff_sat_table': model, 'eff_sat_pk': col, 'eff_sat_end_date': col, 'eff_sat_load_date': col}}
    materialized='table' rebuilds; 'incremental' appends rows for as-of dates the bridge does not hold yet.
-#}

{%- macro bridge(src_pk, as_of_dates_table, bridge_walk, src_ldts, source_model, stage_tables_ldts=none,
                 src_extra_columns=none, as_of_date_column='as_of_date') -%}
    {{ return(adapter.dispatch('bridge', 'datavault')(src_pk=src_pk, as_of_dates_table=as_of_dates_table,
        bridge_walk=bridge_walk, stage_tables_ldts=stage_tables_ldts, src_ldts=src_ldts, source_model=source_model,
        src_extra_columns=src_extra_columns, as_of_date_column=as_of_date_column)) }}
{%- endmacro -%}

{%- macro default__bridge(src_pk, as_of_dates_table, bridge_walk, stage_tables_ldts, src_ldts, source_model, src_extra_columns, as_of_date_column) -%}
    {{ datavault.unsupported_adapter('bridge') }}
{%- endmacro -%}

{%- macro spark__bridge(src_pk, as_of_dates_table, bridge_walk, stage_tables_ldts, src_ldts, source_model, src_extra_columns, as_of_date_column) -%}
    {{- datavault.validate('bridge', [
        ('src_pk', src_pk, 'column'),
        ('as_of_dates_table', as_of_dates_table, 'model'),
        ('bridge_walk', bridge_walk, 'mapping'),
        ('src_ldts', src_ldts, 'column'),
        ('source_model', source_model, 'model'),
        ('stage_tables_ldts', stage_tables_ldts, 'mapping', true)]) -}}
    {%- set required = ['bridge_link_pk', 'bridge_end_date', 'bridge_load_date', 'link_table', 'link_pk', 'link_fk1',
                        'link_fk2', 'eff_sat_table', 'eff_sat_pk', 'eff_sat_end_date', 'eff_sat_load_date'] -%}
    {%- set walk = {} -%}
    {%- for name, step in (bridge_walk.items() if bridge_walk is mapping else []) -%}
        {%- set complete = namespace(ok=true) -%}
        {%- for key in required -%}
            {%- if step is not mapping or not step.get(key) -%}
                {%- if execute -%}
                    {{ datavault.fail('bridge', "argument 'bridge_walk' entry '" ~ name ~ "' lacks '" ~ key ~ "'") }}
                {%- endif -%}
                {%- set complete.ok = false -%}
            {%- endif -%}
        {%- endfor -%}
        {%- if complete.ok -%}{%- do walk.update({name: step}) -%}{%- endif -%}
    {%- endfor -%}
    {%- set incremental = datavault.is_incremental_load() -%}
with as_of_dates as (
    select distinct {{ as_of_date_column }} as as_of_date
    from {{ datavault.relation_of(as_of_dates_table) }}
    where {{ as_of_date_column }} is not null
    {%- if incremental %}
        and {{ as_of_date_column }} > (select coalesce(max(as_of_date), {{ datavault.begin_of_time() }}) from {{ this }})
    {%- endif %}
),

spine as (
    select hub.{{ src_pk }}, as_of_dates.as_of_date, cast(as_of_dates.as_of_date as timestamp) as dv_as_of_ts
    from (select distinct {{ src_pk }} from {{ datavault.relation_of(source_model) }} where {{ src_pk }} is not null) as hub
    cross join as_of_dates
)
{%- for name, step in walk.items() %},

{{ name | lower }}__windows as (
    select
        {{ step['eff_sat_pk'] }} as dv_pk,
        {{ step['eff_sat_end_date'] }} as dv_end_date,
        {{ step['eff_sat_load_date'] }} as dv_valid_from,
        lead({{ step['eff_sat_load_date'] }}) over (
            partition by {{ step['eff_sat_pk'] }}
            order by {{ step['eff_sat_load_date'] }}, {{ step['eff_sat_end_date'] }} desc
        ) as dv_valid_to
    from {{ ref(step['eff_sat_table']) }}
    where {{ step['eff_sat_pk'] }} is not null
)
{%- endfor %}

select
    spine.{{ src_pk }},
    spine.as_of_date
    {%- for name, step in walk.items() %}
    {%- set l = name | lower ~ '__link' -%}
    {%- set w = name | lower ~ '__windows' %},
    {{ l }}.{{ step['link_pk'] }} as {{ step['bridge_link_pk'] }},
    {{ w }}.dv_end_date as {{ step['bridge_end_date'] }},
    {{ w }}.dv_valid_from as {{ step['bridge_load_date'] }}
    {%- endfor %}
from spine
{%- set previous = namespace(alias='spine', column=src_pk) -%}
{%- for name, step in walk.items() %}
{%- set l = name | lower ~ '__link' -%}
{%- set w = name | lower ~ '__windows' %}
inner join {{ ref(step['link_table']) }} as {{ l }}
    on {{ l }}.{{ step['link_fk1'] }} = {{ previous.alias }}.{{ previous.column }}
inner join {{ w }}
    on {{ w }}.dv_pk = {{ l }}.{{ step['link_pk'] }}
    and {{ w }}.dv_valid_from <= spine.dv_as_of_ts
    and ({{ w }}.dv_valid_to is null or {{ w }}.dv_valid_to > spine.dv_as_of_ts)
    and {{ w }}.dv_end_date > spine.dv_as_of_ts
{%- set previous.alias = l -%}
{%- set previous.column = step['link_fk2'] -%}
{%- endfor %}
{%- endmacro -%}
