{#-
    Argument checks. Every public macro calls `validate` before rendering SQL, so a wrong call fails at
    compile time with a message naming the macro, the argument and the model, e.g.
        datavault.hub: argument 'src_pk' is required (model `analytics`.`hub_customer`)
    Checks run only when dbt executes (not while parsing), so one broken model never blocks the parse.
-#}

{%- macro fail(macro_name, message) -%}
    {%- do exceptions.raise_compiler_error("datavault." ~ macro_name ~ ": " ~ message ~ " (model " ~ this ~ ")") -%}
{%- endmacro -%}


{%- macro unsupported_adapter(macro_name) -%}
    {%- do exceptions.raise_compiler_error("datavault." ~ macro_name ~ " is not supported on adapter '" ~ adapter.type() ~ "' (only spark and databricks; model " ~ this ~ ")") -%}
{%- endmacro -%}


{%- macro _is_column_name(value) -%}
    {{ return(value is string and (value | trim) != '') }}
{%- endmacro -%}


{%- macro _is_column_list(value) -%}
    {%- if datavault._is_column_name(value) -%}{{ return(true) }}{%- endif -%}
    {%- if value is string or value is mapping or value is none or value is number -%}{{ return(false) }}{%- endif -%}
    {%- if value | length == 0 -%}{{ return(false) }}{%- endif -%}
    {%- for v in value -%}
        {%- if not datavault._is_column_name(v) -%}{{ return(false) }}{%- endif -%}
    {%- endfor -%}
    {{ return(true) }}
{%- endmacro -%}


{%- macro validate(macro_name, checks) -%}
    {#-
        checks: list of (argument name, value, kind[, optional]) where kind is
          column        a non-empty string
          columns       a string or a non-empty list of strings
          hashdiff      a string or {'source_column': .., 'alias': ..}
          model         a model name, {'source': 'table'}, or a non-empty list of model names
          mapping       a non-empty dict
          boolean       true/false
    -#}
    {%- if not execute -%}{{ return(none) }}{%- endif -%}
    {%- for check in checks -%}
        {%- set name = check[0] -%}
        {%- set value = check[1] -%}
        {%- set kind = check[2] -%}
        {%- set optional = check[3] if check | length > 3 else false -%}
        {%- if value is none or (value is string and value | trim == '') or ((value is mapping or (value is iterable and value is not string)) and value | length == 0) -%}
            {%- if not optional -%}
                {{ datavault.fail(macro_name, "argument '" ~ name ~ "' is required") }}
            {%- endif -%}
        {%- elif kind == 'column' and not datavault._is_column_name(value) -%}
            {{ datavault.fail(macro_name, "argument '" ~ name ~ "' must be a column name (string), got " ~ (value | string)) }}
        {%- elif kind == 'columns' and not datavault._is_column_list(value) -%}
            {{ datavault.fail(macro_name, "argument '" ~ name ~ "' must be a column name or a list of column names, got " ~ (value | string)) }}
        {%- elif kind == 'hashdiff' and not (datavault._is_column_name(value) or (value is mapping and datavault._is_column_name(value.get('source_column')) and datavault._is_column_name(value.get('alias')))) -%}
            {{ datavault.fail(macro_name, "argument '" ~ name ~ "' must be a column name or {'source_column': ..., 'alias': ...}, got " ~ (value | string)) }}
        {%- elif kind == 'model' and not (datavault._is_column_name(value) or (value is mapping and value | length == 1) or datavault._is_column_list(value)) -%}
            {{ datavault.fail(macro_name, "argument '" ~ name ~ "' must be a model name, a list of model names or {source_name: table_name}, got " ~ (value | string)) }}
        {%- elif kind == 'mapping' and value is not mapping -%}
            {{ datavault.fail(macro_name, "argument '" ~ name ~ "' must be a mapping (dict), got " ~ (value | string)) }}
        {%- elif kind == 'boolean' and value not in [true, false] -%}
            {{ datavault.fail(macro_name, "argument '" ~ name ~ "' must be true or false, got " ~ (value | string)) }}
        {%- endif -%}
    {%- endfor -%}
{%- endmacro -%}


{%- macro check_hash_args(macro_name, columns, alias) -%}
    {{ datavault.validate(macro_name, [('columns', columns, 'columns')]) }}
{%- endmacro -%}


{%- macro check_distinct(macro_name, named_columns) -%}
    {#- Two arguments that name the same column (e.g. src_pk == src_hashdiff) are a mistake. -#}
    {%- if not execute -%}{{ return(none) }}{%- endif -%}
    {%- set seen = {} -%}
    {%- for name, value in named_columns -%}
        {%- for c in datavault.as_list(value) -%}
            {%- set key = datavault.column_name(c) | lower -%}
            {%- if key in seen -%}
                {{ datavault.fail(macro_name, "arguments '" ~ seen[key] ~ "' and '" ~ name ~ "' both name column '" ~ key ~ "'") }}
            {%- endif -%}
            {%- do seen.update({key: name}) -%}
        {%- endfor -%}
    {%- endfor -%}
{%- endmacro -%}
