{#-
    Ghost records: rows with a fixed, recognisable hash key that PIT tables and marts point to when a
    satellite has no row for a key as of a date, so that joins stay inner joins.
      unknown (ghost) key  all zeros           '0000…' (32 hex chars for MD5, 64 for SHA; or unhex of it)
      error key            all 'F's            'FFFF…' (opt-in with var datavault_error_records)
    Ghost rows carry load datetime 1900-01-01 00:00:00 and record source var datavault_ghost_source.
-#}

{%- macro ghost_key(kind='unknown') -%}
    {%- set char = 'F' if kind == 'error' else '0' -%}
    {%- set hex = "'" ~ (char * datavault.hash_length()) ~ "'" -%}
    {%- if datavault.hash_output() == 'binary' -%}
        unhex({{ hex }})
    {%- else -%}
        {{ hex }}
    {%- endif -%}
{%- endmacro -%}


{%- macro ghost_source() -%}
    '{{ datavault.setting('datavault_ghost_source', 'SYSTEM') }}'
{%- endmacro -%}


{%- macro ghost_records_enabled(explicit=none) -%}
    {%- if explicit is not none -%}
        {{ return(explicit in [true, 'true', 'True', 1]) }}
    {%- endif -%}
    {%- set value = datavault.setting('datavault_ghost_records', false) -%}
    {{ return(value in [true, 'true', 'True', 1]) }}
{%- endmacro -%}


{%- macro ghost_record(columns, key_columns, ldts_column, source_column, column_types={}, kind='unknown') -%}
    {{ return(adapter.dispatch('ghost_record', 'datavault')(columns=columns, key_columns=key_columns,
        ldts_column=ldts_column, source_column=source_column, column_types=column_types, kind=kind)) }}
{%- endmacro -%}

{%- macro default__ghost_record(columns, key_columns, ldts_column, source_column, column_types, kind) -%}
    {{ datavault.unsupported_adapter('ghost_record') }}
{%- endmacro -%}

{%- macro spark__ghost_record(columns, key_columns, ldts_column, source_column, column_types, kind) -%}
    {#-
        One `select` producing a ghost row with the given column order: hash keys/hashdiffs (key_columns)
        get the ghost key, the load datetime 1900-01-01, the record source the ghost source, every other
        column a typed NULL (column_types: {column: spark type}, default string).
    -#}
    {%- set keys = key_columns | map('lower') | list -%}
    {%- set exprs = [] -%}
    {%- for c in columns -%}
        {%- if c | lower in keys -%}
            {%- do exprs.append(datavault.ghost_key(kind) ~ ' as ' ~ c) -%}
        {%- elif c | lower == ldts_column | lower -%}
            {%- do exprs.append(datavault.begin_of_time() ~ ' as ' ~ c) -%}
        {%- elif c | lower == source_column | lower -%}
            {%- do exprs.append(datavault.ghost_source() ~ ' as ' ~ c) -%}
        {%- else -%}
            {%- set ctype = column_types.get(c | lower, 'string') -%}
            {%- do exprs.append('cast(null as ' ~ ctype ~ ') as ' ~ c) -%}
        {%- endif -%}
    {%- endfor -%}
    select {{ exprs | join(', ') }}
{%- endmacro -%}


{%- macro column_types(relation) -%}
    {#- {lower(column): data_type} of a relation; empty while parsing. -#}
    {%- set types = {} -%}
    {%- if execute -%}
        {%- for col in datavault.columns_in_relation(relation) -%}
            {%- do types.update({col.name | lower: col.data_type}) -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(types) }}
{%- endmacro -%}
