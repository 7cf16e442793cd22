{#- Small helpers shared by every structure: list handling, settings, relations, literals. -#}

{%- macro as_list(value) -%}
    {#- A string (or none) becomes a list so that callers can always iterate. -#}
    {%- if value is none -%}
        {{ return([]) }}
    {%- elif value is string -%}
        {{ return([value]) }}
    {%- elif value is mapping -%}
        {{ return([value]) }}
    {%- else -%}
        {{ return(value | list) }}
    {%- endif -%}
{%- endmacro -%}


{%- macro setting(name, default) -%}
    {#- Model-level override via config(meta={...}) wins over the project var, which wins over the default. -#}
    {%- set meta = config.get('meta') if config is defined else none -%}
    {%- if meta is mapping and name in meta -%}
        {{ return(meta[name]) }}
    {%- endif -%}
    {{ return(var(name, default)) }}
{%- endmacro -%}


{%- macro column_name(column) -%}
    {#- AutomateDV allows {'source_column': x, 'alias': y} for hashdiffs: the target column is the alias. -#}
    {%- if column is mapping -%}
        {{ return(column.get('alias') or column.get('source_column')) }}
    {%- endif -%}
    {{ return(column) }}
{%- endmacro -%}


{%- macro source_column(column) -%}
    {%- if column is mapping -%}
        {{ return(column.get('source_column') or column.get('alias')) }}
    {%- endif -%}
    {{ return(column) }}
{%- endmacro -%}


{%- macro select_alias(column) -%}
    {#- `source as alias` when renamed, else just the column. -#}
    {%- set src = datavault.source_column(column) -%}
    {%- set alias = datavault.column_name(column) -%}
    {%- if src == alias -%}{{ src }}{%- else -%}{{ src }} as {{ alias }}{%- endif -%}
{%- endmacro -%}


{%- macro relation_of(model) -%}
    {#- A model name -> ref(); {'source_name': 'table'} -> source(). -#}
    {%- if model is mapping -%}
        {%- set source_name = (model.keys() | list)[0] -%}
        {{ return(source(source_name, model[source_name])) }}
    {%- endif -%}
    {{ return(ref(model)) }}
{%- endmacro -%}


{%- macro timestamp_literal(value) -%}
    cast('{{ value }}' as timestamp)
{%- endmacro -%}


{%- macro begin_of_time() -%}
    {{ datavault.timestamp_literal(var('datavault_begin_of_time', '1900-01-01 00:00:00')) }}
{%- endmacro -%}


{%- macro end_of_time() -%}
    {{ datavault.timestamp_literal(var('datavault_end_of_time', '9999-12-31 23:59:59.999999')) }}
{%- endmacro -%}


{%- macro prefixed(columns, prefix) -%}
    {#- Render `prefix.col1, prefix.col2` for a list of columns. -#}
    {%- set out = [] -%}
    {%- for c in datavault.as_list(columns) -%}
        {%- do out.append(prefix ~ '.' ~ datavault.column_name(c)) -%}
    {%- endfor -%}
    {{ return(out | join(', ')) }}
{%- endmacro -%}


{%- macro unique_columns(columns) -%}
    {%- set seen = [] -%}
    {%- for c in columns -%}
        {%- if c is not none and c | lower not in (seen | map('lower') | list) -%}
            {%- do seen.append(c) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(seen) }}
{%- endmacro -%}


{%- macro is_incremental_load() -%}
    {#- True when appending into an existing target (dbt's is_incremental(), and not a full refresh). -#}
    {%- if not execute -%}
        {{ return(false) }}
    {%- endif -%}
    {{ return(is_incremental()) }}
{%- endmacro -%}


{%- macro high_water_mark_filter(alias, src_ldts, src_source) -%}
    {#-
        Incremental runs read only stage rows newer than the target's high-water mark for their record
        source, minus `datavault_lookback_days`. Rows of a record source the target has never seen are all
        read. Renders a join clause + condition pair used as:
            from stage as <alias> {{ join }} where {{ condition }}
    -#}
    {%- set lookback = datavault.setting('datavault_lookback_days', 0) | int -%}
    {%- set join -%}
        left join (
            select {{ src_source }} as dv_hwm_source, max({{ src_ldts }}) as dv_hwm_ldts
            from {{ this }}
            group by {{ src_source }}
        ) as dv_hwm
            on {{ alias }}.{{ src_source }} = dv_hwm.dv_hwm_source
    {%- endset -%}
    {%- set condition -%}
        (dv_hwm.dv_hwm_ldts is null
            or {{ alias }}.{{ src_ldts }} > {% if lookback > 0 %}dv_hwm.dv_hwm_ldts - interval {{ lookback }} days{% else %}dv_hwm.dv_hwm_ldts{% endif %})
    {%- endset -%}
    {{ return({'join': join, 'condition': condition}) }}
{%- endmacro -%}
