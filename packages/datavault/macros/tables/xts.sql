{#-
    xts: extended tracking satellite. Records every (key, satellite name, hashdiff) received at each load
    datetime - including versions a satellite collapsed - so that the arrival history of each satellite
    can be audited. Exact duplicates collapse; a re-run inserts nothing.
    src_satellite (AutomateDV format):
        {SAT_KEY: {'sat_name': {'SATELLITE_NAME': 'stage column' or '!literal'},
                   'hashdiff': {'HASHDIFF': 'stage hashdiff column'}}, ...}
    The output column names are the inner keys of the first satellite (e.g. SATELLITE_NAME, HASHDIFF).
-#}

{%- macro xts(src_pk, src_satellite, src_ldts, src_source, source_model, src_extra_columns=none) -%}
    {{ return(adapter.dispatch('xts', 'datavault')(src_pk=src_pk, src_satellite=src_satellite, src_ldts=src_ldts,
        src_source=src_source, source_model=source_model, src_extra_columns=src_extra_columns)) }}
{%- endmacro -%}

{%- macro default__xts(src_pk, src_satellite, src_ldts, src_source, source_model, src_extra_columns) -%}
    {{ datavault.unsupported_adapter('xts') }}
{%- endmacro -%}

{%- macro spark__xts(src_pk, src_satellite, src_ldts, src_source, source_model, src_extra_columns) -%}
    {{- datavault.validate('xts', [
        ('src_pk', src_pk, 'column'),
        ('src_satellite', src_satellite, 'mapping'),
        ('src_ldts', src_ldts, 'column'),
        ('src_source', src_source, 'column'),
        ('source_model', source_model, 'model'),
        ('src_extra_columns', src_extra_columns, 'columns', true)]) -}}
    {%- set satellites = {} -%}
    {%- for key, spec in (src_satellite.items() if src_satellite is mapping else []) -%}
        {%- if spec is not mapping or spec.get('sat_name') is not mapping or spec.get('hashdiff') is not mapping
              or spec['sat_name'] | length != 1 or spec['hashdiff'] | length != 1 -%}
            {%- if execute -%}
                {{ datavault.fail('xts', "argument 'src_satellite' entry '" ~ key ~ "' needs {'sat_name': {NAME_COLUMN: source}, 'hashdiff': {HASHDIFF_COLUMN: source}}") }}
            {%- endif -%}
        {%- else -%}
            {%- do satellites.update({key: spec}) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set extra = datavault.as_list(src_extra_columns) -%}
    {%- set first = (satellites.values() | list)[0] if satellites else {'sat_name': {'satellite_name': 'null'}, 'hashdiff': {'hashdiff': 'null'}} -%}
    {%- set name_column = (first['sat_name'].keys() | list)[0] -%}
    {%- set hashdiff_column = (first['hashdiff'].keys() | list)[0] -%}
    {%- set columns = [src_pk, hashdiff_column, name_column, src_ldts, src_source] + extra -%}
    {%- set incremental = datavault.is_incremental_load() -%}
{#- one look-up of the target's marks for all stage models and satellites (it is a query on the target) -#}
{%- set hwm = datavault.high_water_mark_filter('dv_stage', src_ldts, src_source) if incremental else none %}
with stage_rows as (
    {%- for model in datavault.model_list(source_model) %}
    {%- for key, spec in satellites.items() %}
    {%- set name_source = (spec['sat_name'].values() | list)[0] -%}
    {%- set hashdiff_source = (spec['hashdiff'].values() | list)[0] %}
    select
        dv_stage.{{ src_pk }},
        dv_stage.{{ hashdiff_source }} as {{ hashdiff_column }},
        {% if name_source.startswith('!') %}'{{ name_source[1:] }}'{% else %}dv_stage.{{ name_source }}{% endif %} as {{ name_column }},
        dv_stage.{{ src_ldts }},
        dv_stage.{{ src_source }}{% for c in extra %},
        dv_stage.{{ c }}{% endfor %}
    from {{ datavault.relation_of(model) }} as dv_stage
    {%- if incremental %}
    {{ hwm['join'] }}
    {%- endif %}
    where dv_stage.{{ src_pk }} is not null
        and dv_stage.{{ hashdiff_source }} is not null
    {%- if incremental %}
        and {{ hwm['condition'] }}
    {%- endif %}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

batch as (
    select {{ columns | join(', ') }}
    from (
        select stage_rows.*,
            row_number() over (
                partition by {{ src_pk }}, {{ name_column }}, {{ hashdiff_column }}, {{ src_ldts }}
                order by {{ src_source }}
            ) as dv_row_number
        from stage_rows
    ) as ranked
    where dv_row_number = 1
)

select {{ datavault.prefixed(columns, 'batch') }}
from batch
{%- if incremental %}
left anti join {{ this }} as dv_target
    on batch.{{ src_pk }} = dv_target.{{ src_pk }}
    and batch.{{ name_column }} = dv_target.{{ name_column }}
    and batch.{{ hashdiff_column }} = dv_target.{{ hashdiff_column }}
    and batch.{{ src_ldts }} = dv_target.{{ src_ldts }}
{%- endif %}
{%- endmacro -%}
