{#-
    pit: point-in-time table. For every hub key and every as-of date, the key and load datetime of the
    satellite row valid at that date, per satellite; the ghost key and 1900-01-01 when the satellite has
    no row yet. Validity windows are built once per satellite row with LEAD (valid from its load datetime
    until the next row's), then range-joined to the spine - not join-everything-then-MAX.
      satellites (AutomateDV format): {SAT_NAME: {'pk': {'PK': 'customer_hk'}, 'ldts': {'LDTS': 'load_datetime'}}}
        -> output columns SAT_NAME_PK and SAT_NAME_LDTS
      as_of_dates_table: a model with column `as_of_date` (or as_of_date_column)
      stage_tables_ldts: accepted for AutomateDV compatibility; not needed by this implementation.
    materialized='table' rebuilds; 'incremental' appends the (key, as-of date) pairs the PIT lacks (new
    as-of dates, new hub keys) - existing rows are never rewritten.
-#}

{%- macro pit(src_pk, as_of_dates_table, satellites, src_ldts, source_model, stage_tables_ldts=none,
              src_extra_columns=none, as_of_date_column='as_of_date') -%}
    {{ return(adapter.dispatch('pit', 'datavault')(src_pk=src_pk, as_of_dates_table=as_of_dates_table,
        satellites=satellites, stage_tables_ldts=stage_tables_ldts, src_ldts=src_ldts, source_model=source_model,
        src_extra_columns=src_extra_columns, as_of_date_column=as_of_date_column)) }}
{%- endmacro -%}

{%- macro default__pit(src_pk, as_of_dates_table, satellites, stage_tables_ldts, src_ldts, source_model, src_extra_columns, as_of_date_column) -%}
    {{ datavault.unsupported_adapter('pit') }}
{%- endmacro -%}

{%- macro check_satellites(macro_name, satellites) -%}
    {%- if execute and satellites is mapping -%}
        {%- for name, spec in satellites.items() -%}
            {%- if spec is not mapping or spec.get('pk') is not mapping or spec.get('ldts') is not mapping
                  or spec['pk'] | length != 1 or spec['ldts'] | length != 1 -%}
                {{ datavault.fail(macro_name, "argument 'satellites' entry '" ~ name ~ "' needs {'pk': {'PK': column}, 'ldts': {'LDTS': column}}") }}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
{%- endmacro -%}

{%- macro spark__pit(src_pk, as_of_dates_table, satellites, stage_tables_ldts, src_ldts, source_model, src_extra_columns, as_of_date_column) -%}
    {{- datavault.validate('pit', [
        ('src_pk', src_pk, 'column'),
        ('as_of_dates_table', as_of_dates_table, 'model'),
        ('satellites', satellites, 'mapping'),
        ('src_ldts', src_ldts, 'column'),
        ('source_model', source_model, 'model'),
        ('stage_tables_ldts', stage_tables_ldts, 'mapping', true)]) -}}
    {{- datavault.check_satellites('pit', satellites) -}}
    {#- while parsing, malformed entries (reported when executing) are skipped -#}
    {%- set valid = {} -%}
    {%- for name, spec in (satellites.items() if satellites is mapping else []) -%}
        {%- if spec is mapping and spec.get('pk') is mapping and spec.get('ldts') is mapping and spec['pk'] | length == 1 and spec['ldts'] | length == 1 -%}
            {%- do valid.update({name: spec}) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set satellites = valid -%}
    {%- set incremental = datavault.is_incremental_load() -%}
with as_of_dates as (
    select distinct {{ as_of_date_column }} as as_of_date
    from {{ datavault.relation_of(as_of_dates_table) }}
    where {{ as_of_date_column }} is not null
),

hub_keys as (
    select distinct {{ src_pk }}
    from {{ datavault.relation_of(source_model) }}
    where {{ src_pk }} is not null
),

spine as (
    select hub_keys.{{ src_pk }}, as_of_dates.as_of_date
    from hub_keys
    cross join as_of_dates
    {%- if incremental %}
    left anti join {{ this }} as dv_target
        on hub_keys.{{ src_pk }} = dv_target.{{ src_pk }}
        and as_of_dates.as_of_date = dv_target.as_of_date
    {%- endif %}
)
{%- for sat_name, spec in satellites.items() %}
{%- set sat_pk = (spec['pk'].values() | list)[0] -%}
{%- set sat_ldts = (spec['ldts'].values() | list)[0] %},

{{ sat_name | lower }}__windows as (
    select
        {{ sat_pk }} as dv_pk,
        {{ sat_ldts }} as dv_valid_from,
        lead({{ sat_ldts }}) over (partition by {{ sat_pk }} order by {{ sat_ldts }}) as dv_valid_to
    from (
        select distinct {{ sat_pk }}, {{ sat_ldts }}
        from {{ ref(sat_name) }}
        where {{ sat_pk }} is not null
    ) as versions
)
{%- endfor %}

select
    spine.{{ src_pk }},
    spine.as_of_date
    {%- for sat_name, spec in satellites.items() %}
    {%- set pk_alias = sat_name ~ '_' ~ (spec['pk'].keys() | list)[0] -%}
    {%- set ldts_alias = sat_name ~ '_' ~ (spec['ldts'].keys() | list)[0] -%}
    {%- set w = sat_name | lower ~ '__windows' %},
    coalesce({{ w }}.dv_pk, {{ datavault.ghost_key() }}) as {{ pk_alias }},
    coalesce({{ w }}.dv_valid_from, {{ datavault.begin_of_time() }}) as {{ ldts_alias }}
    {%- endfor %}
from spine
{%- for sat_name, spec in satellites.items() %}
{%- set w = sat_name | lower ~ '__windows' %}
left join {{ w }}
    on {{ w }}.dv_pk = spine.{{ src_pk }}
    and {{ w }}.dv_valid_from <= cast(spine.as_of_date as timestamp)
    and ({{ w }}.dv_valid_to is null or {{ w }}.dv_valid_to > cast(spine.as_of_date as timestamp))
{%- endfor %}
{%- endmacro -%}
