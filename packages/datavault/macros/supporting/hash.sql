{#-
    Hashing, bit-compatible with AutomateDV's default Databricks output (unless escaping is switched on):
      component      nullif(upper(trim(cast(x as string))), '')
      hash key       one column:  HASH(component)                       -> NULL when the value is NULL/blank
                     several:     HASH(nullif(concat_ws('||', coalesce(component, '^^'), ...), '^^||^^...'))
                                  -> NULL only when every component is NULL
      hashdiff       HASH(concat_ws('||', coalesce(component, '^^'), ...)), columns sorted alphabetically
                     (case-insensitive); never NULL
      HASH           upper(md5(s)) | upper(sha2(s, 256))  -- or unhex(...) when datavault_hash_output = binary
-#}

{%- macro hash_algorithm() -%}
    {%- set algorithm = datavault.setting('datavault_hash', 'MD5') | string | upper -%}
    {%- if algorithm in ['SHA', 'SHA256', 'SHA-256', 'SHA2'] -%}
        {{ return('SHA') }}
    {%- elif algorithm == 'MD5' -%}
        {{ return('MD5') }}
    {%- endif -%}
    {%- do exceptions.raise_compiler_error("datavault: var 'datavault_hash' must be MD5 or SHA, got '" ~ algorithm ~ "' (model " ~ this ~ ")") -%}
{%- endmacro -%}


{%- macro hash_output() -%}
    {%- set output = datavault.setting('datavault_hash_output', 'string') | string | lower -%}
    {%- if output not in ['string', 'binary'] -%}
        {%- do exceptions.raise_compiler_error("datavault: var 'datavault_hash_output' must be string or binary, got '" ~ output ~ "' (model " ~ this ~ ")") -%}
    {%- endif -%}
    {{ return(output) }}
{%- endmacro -%}


{%- macro hash_escape_enabled() -%}
    {%- set value = datavault.setting('datavault_hash_escape', false) -%}
    {{ return(value in [true, 'true', 'True', 'TRUE', 1, '1']) }}
{%- endmacro -%}


{%- macro hash_length() -%}
    {{ return(64 if datavault.hash_algorithm() == 'SHA' else 32) }}
{%- endmacro -%}


{%- macro hash_function(expression) -%}
    {%- set hex -%}
        {%- if datavault.hash_algorithm() == 'SHA' -%}sha2({{ expression }}, 256){%- else -%}md5({{ expression }}){%- endif -%}
    {%- endset -%}
    {%- if datavault.hash_output() == 'binary' -%}
        unhex({{ hex }})
    {%- else -%}
        upper({{ hex }})
    {%- endif -%}
{%- endmacro -%}


{%- macro standardise(expression) -%}
    {%- set standard = "nullif(upper(trim(cast(" ~ expression ~ " as string))), '')" -%}
    {%- if datavault.hash_escape_enabled() -%}
        {#- \ first, then the separator and placeholder characters: 'a||b','c' and 'a','b||c' no longer collide -#}
        replace(replace(replace({{ standard }}, '\\', '\\\\'), '|', '\\|'), '^', '\\^')
    {%- else -%}
        {{ standard }}
    {%- endif -%}
{%- endmacro -%}


{%- macro hash_expression(columns, is_hashdiff=false) -%}
    {#- The hash of one column or a list of columns, without alias. -#}
    {%- set cols = datavault.as_list(columns) -%}
    {%- if is_hashdiff -%}
        {%- set cols = cols | sort(case_sensitive=false) -%}
    {%- endif -%}
    {%- if cols | length == 0 -%}
        {%- if execute -%}
            {%- do exceptions.raise_compiler_error("datavault.hash: no columns to hash (model " ~ this ~ ")") -%}
        {%- endif -%}
        {{ return('null') }}
    {%- endif -%}
    {%- if cols | length == 1 and not is_hashdiff -%}
        {{ datavault.hash_function(datavault.standardise(cols[0])) }}
    {%- else -%}
        {%- set parts = [] -%}
        {%- set nulls = [] -%}
        {%- for c in cols -%}
            {%- do parts.append("coalesce(" ~ datavault.standardise(c) ~ ", '^^')") -%}
            {%- do nulls.append('^^') -%}
        {%- endfor -%}
        {%- set joined = "concat_ws('||', " ~ (parts | join(', ')) ~ ")" -%}
        {%- if is_hashdiff -%}
            {{ datavault.hash_function(joined) }}
        {%- else -%}
            {{ datavault.hash_function("nullif(" ~ joined ~ ", '" ~ (nulls | join('||')) ~ "')") }}
        {%- endif -%}
    {%- endif -%}
{%- endmacro -%}


{%- macro hash(columns=none, alias=none, is_hashdiff=false) -%}
    {{ return(adapter.dispatch('hash', 'datavault')(columns=columns, alias=alias, is_hashdiff=is_hashdiff)) }}
{%- endmacro -%}

{%- macro default__hash(columns, alias, is_hashdiff) -%}
    {{ datavault.unsupported_adapter('hash') }}
{%- endmacro -%}

{%- macro spark__hash(columns, alias, is_hashdiff) -%}
    {%- do datavault.check_hash_args('hash', columns, alias) -%}
    {{ datavault.hash_expression(columns, is_hashdiff) }}{% if alias %} as {{ alias }}{% endif %}
{%- endmacro -%}


{%- macro hash_columns(columns=none, columns_in_relation=none) -%}
    {{ return(adapter.dispatch('hash_columns', 'datavault')(columns=columns, columns_in_relation=columns_in_relation)) }}
{%- endmacro -%}

{%- macro default__hash_columns(columns, columns_in_relation) -%}
    {{ datavault.unsupported_adapter('hash_columns') }}
{%- endmacro -%}

{%- macro spark__hash_columns(columns, columns_in_relation) -%}
    {#-
        `hashed_columns` of the stage: {alias: 'col' | ['c1', 'c2'] | {'is_hashdiff': true, 'columns': [...],
        'exclude_columns': false}}. With exclude_columns the listed columns are removed from
        `columns_in_relation` and the rest is hashed.
    -#}
    {%- set out = [] -%}
    {%- for alias, spec in columns.items() -%}
        {%- if spec is mapping -%}
            {%- set is_hashdiff = spec.get('is_hashdiff', false) -%}
            {%- set cols = datavault.as_list(spec.get('columns')) -%}
            {%- if spec.get('exclude_columns', false) -%}
                {%- set excluded = cols | map('lower') | list -%}
                {%- set cols = [] -%}
                {%- for c in (columns_in_relation or []) -%}
                    {%- if c | lower not in excluded -%}{%- do cols.append(c) -%}{%- endif -%}
                {%- endfor -%}
            {%- endif -%}
        {%- else -%}
            {%- set is_hashdiff = false -%}
            {%- set cols = datavault.as_list(spec) -%}
        {%- endif -%}
        {%- do out.append(datavault.hash_expression(cols, is_hashdiff) ~ ' as ' ~ alias) -%}
    {%- endfor -%}
    {{ return(out | join(',\n')) }}
{%- endmacro -%}
