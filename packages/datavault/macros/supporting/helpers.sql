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
    {#- A model name -> ref(); {'source_name': 'table'} -> source(). Anything else (a wrong argument, reported
        by the validation at execution) renders nothing, so that parsing never fails on it. -#}
    {%- if model is mapping and model | length == 1 -%}
        {%- set source_name = (model.keys() | list)[0] -%}
        {{ return(source(source_name, model[source_name])) }}
    {%- elif model is string and model | trim != '' -%}
        {{ return(ref(model)) }}
    {%- endif -%}
    {{ return('') }}
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
    {#- Drop repeats (by target column name, case-insensitive), keeping the first; mappings are kept as is. -#}
    {%- set seen = [] -%}
    {%- set names = [] -%}
    {%- for c in columns -%}
        {%- if c is not none -%}
            {%- set name = datavault.column_name(c) | string | lower -%}
            {%- if name not in names -%}
                {%- do seen.append(c) -%}
                {%- do names.append(name) -%}
            {%- endif -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(seen) }}
{%- endmacro -%}


{%- macro column_names(columns) -%}
    {%- set out = [] -%}
    {%- for c in columns -%}{%- do out.append(datavault.column_name(c)) -%}{%- endfor -%}
    {{ return(out) }}
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
        The marks are looked up when the model runs and written into the SQL as literals (no join): with a
        constant against the stage's load datetime, Spark pushes the filter through the stage view into the
        source scan and Delta skips every file of earlier loads, so a day's load does not read all history.
        A join to max() cannot be pushed down. Targets with more than 100 record sources keep the join.
    -#}
    {%- set lookback = datavault.setting('datavault_lookback_days', 0) | int -%}
    {%- set shift = ' - interval ' ~ lookback ~ ' days' if lookback > 0 else '' -%}
    {%- set marks = datavault.high_water_marks(src_ldts, src_source) -%}
    {%- if marks is not none -%}
        {#- An OR of ANDs rather than the equivalent CASE: Spark pushes this form into the Parquet/Delta
            scan (row groups and files of earlier loads are skipped), a CASE stays a filter after the scan. -#}
        {%- set condition -%}
            {%- if marks | length == 0 -%}
        true
            {%- else -%}
        ({% for source, mark in marks %}
            ({{ alias }}.{{ src_source }} = {{ datavault.string_literal(source) }}
                and {{ alias }}.{{ src_ldts }} > {{ datavault.timestamp_literal(mark) }}{{ shift }})
            or {% endfor -%}
            {{ alias }}.{{ src_source }} is null
            or {{ alias }}.{{ src_source }} not in ({% for source, mark in marks %}{{ datavault.string_literal(source) }}{{ ', ' if not loop.last }}{% endfor %}))
            {%- endif -%}
        {%- endset -%}
        {{ return({'join': '', 'condition': condition}) }}
    {%- endif -%}
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
            or {{ alias }}.{{ src_ldts }} > dv_hwm.dv_hwm_ldts{{ shift }})
    {%- endset -%}
    {{ return({'join': join, 'condition': condition}) }}
{%- endmacro -%}


{%- macro high_water_marks(src_ldts, src_source) -%}
    {#- [(record source, max load datetime as text)] of the target, none when not executing or > 100 sources.
        NULL record sources are left out: their stage rows never matched a mark and are always read. -#}
    {%- if not execute -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set query -%}
        select cast({{ src_source }} as string) as dv_source, cast(max({{ src_ldts }}) as string) as dv_mark
        from {{ this }}
        where {{ src_source }} is not null
        group by {{ src_source }}
        limit 101
    {%- endset -%}
    {%- set rows = run_query(query).rows -%}
    {%- if rows | length > 100 -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set marks = [] -%}
    {%- for row in rows if row[1] is not none -%}
        {%- do marks.append((row[0], row[1])) -%}
    {%- endfor -%}
    {{ return(marks) }}
{%- endmacro -%}


{%- macro string_literal(value) -%}
    {#- A Spark SQL string literal of value: backslashes and single quotes escaped. -#}
    {%- set escaped = value | string | replace('\\', '\\\\') | replace("'", "\\'") -%}
    {{ return("'" ~ escaped ~ "'") }}
{%- endmacro -%}


{%- macro model_list(source_model) -%}
    {#- source_model as a list of models (a string or {source: table} is one model); invalid -> []. -#}
    {%- if source_model is string or source_model is mapping -%}
        {{ return([source_model]) }}
    {%- elif source_model is iterable and source_model is not none -%}
        {{ return(source_model | list) }}
    {%- endif -%}
    {{ return([]) }}
{%- endmacro -%}
