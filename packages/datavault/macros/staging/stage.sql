{#-
    stage: one view per source table that adds everything the vault loads need.
    Steps (each a CTE, each able to use the columns of the previous ones):
      source_data   the source model's columns (when include_source_columns)
      derived       derived_columns: {name: 'column' | 'sql expression' | '!constant' | ['a', 'b'] (joined with '||')}
      nulls         null_columns: {'required': [...], 'optional': [...]}; NULL -> '-1' / '-2', original kept as <col>_original
      hashed        hashed_columns: {name: 'col' | ['c1', 'c2'] | {'is_hashdiff': true, 'columns': [...], 'exclude_columns': bool}}
      ranked        ranked_columns: {name: {'partition_by': .., 'order_by': .., 'dense_rank': bool}}
-#}

{%- macro stage(include_source_columns=true, source_model=none, hashed_columns=none, derived_columns=none,
                null_columns=none, ranked_columns=none) -%}
    {{ return(adapter.dispatch('stage', 'datavault')(include_source_columns=include_source_columns,
        source_model=source_model, hashed_columns=hashed_columns, derived_columns=derived_columns,
        null_columns=null_columns, ranked_columns=ranked_columns)) }}
{%- endmacro -%}

{%- macro default__stage(include_source_columns, source_model, hashed_columns, derived_columns, null_columns, ranked_columns) -%}
    {{ datavault.unsupported_adapter('stage') }}
{%- endmacro -%}


{%- macro derived_expression(value) -%}
    {%- if value is string and value.startswith('!') -%}
        '{{ value[1:] | replace("'", "\\'") }}'
    {%- elif value is string -%}
        {{ value }}
    {%- elif value is mapping -%}
        {{ datavault.derived_expression(value.get('source_column')) }}
    {%- else -%}
        {%- set parts = [] -%}
        {%- for v in value -%}{%- do parts.append(datavault.derived_expression(v)) -%}{%- endfor -%}
        concat_ws('||', {{ parts | join(', ') }})
    {%- endif -%}
{%- endmacro -%}


{%- macro spark__stage(include_source_columns, source_model, hashed_columns, derived_columns, null_columns, ranked_columns) -%}
    {{- datavault.validate('stage', [
        ('source_model', source_model, 'model'),
        ('include_source_columns', include_source_columns, 'boolean'),
        ('hashed_columns', hashed_columns, 'mapping', true),
        ('derived_columns', derived_columns, 'mapping', true),
        ('null_columns', null_columns, 'mapping', true),
        ('ranked_columns', ranked_columns, 'mapping', true)]) -}}
    {%- if execute and source_model is not string and source_model is not mapping -%}
        {{ datavault.fail('stage', "argument 'source_model' must be a single model name or {source_name: table_name}") }}
    {%- endif -%}
    {%- set relation = datavault.relation_of(source_model) -%}
    {#- (wrong types were reported above when executing; while parsing, fall back to empty) -#}
    {%- set derived_columns = derived_columns if derived_columns is mapping else {} -%}
    {%- set hashed_columns = hashed_columns if hashed_columns is mapping else {} -%}
    {%- set ranked_columns = ranked_columns if ranked_columns is mapping else {} -%}
    {%- set null_columns = null_columns if null_columns is mapping else {} -%}

    {#- Source columns (known only when executing). -#}
    {%- set source_cols = [] -%}
    {%- if execute -%}
        {%- for col in datavault.columns_in_relation(relation) -%}
            {%- do source_cols.append(col.name) -%}
        {%- endfor -%}
    {%- endif -%}

    {%- set derived_names = derived_columns.keys() | map('lower') | list -%}
    {#- Columns carried from the source: all (minus those a derived column replaces), or none. -#}
    {%- set carried = [] -%}
    {%- if include_source_columns -%}
        {%- for c in source_cols -%}
            {%- if c | lower not in derived_names -%}{%- do carried.append(c) -%}{%- endif -%}
        {%- endfor -%}
    {%- endif -%}

    {%- set null_required = datavault.as_list(null_columns.get('required')) -%}
    {%- set null_optional = datavault.as_list(null_columns.get('optional')) -%}
    {%- set null_names = (null_required + null_optional) | map('lower') | list -%}

    {#- Columns available after the derived step: carried + derived (+ the source columns a hash may need). -#}
    {%- set after_derived = carried + (derived_columns.keys() | list) -%}
    {%- set after_nulls = [] -%}
    {%- for c in after_derived -%}
        {%- do after_nulls.append(c) -%}
        {%- if c | lower in null_names -%}{%- do after_nulls.append(c ~ '_original') -%}{%- endif -%}
    {%- endfor -%}

with source_data as (
    select * from {{ relation }}
),

derived as (
    select
        *{% for name, value in derived_columns.items() %},
        {{ datavault.derived_expression(value) }} as dv_derived__{{ name }}{% endfor %}
    from source_data
),

nulls as (
    select
        {%- set cols = [] -%}
        {%- for c in carried -%}{%- do cols.append(c) -%}{%- endfor -%}
        {%- for name in derived_columns.keys() -%}{%- do cols.append('dv_derived__' ~ name ~ ' as ' ~ name) -%}{%- endfor -%}
        {#- source columns hashed but not carried (include_source_columns=false) stay reachable -#}
        {%- for c in source_cols -%}
            {%- if c not in carried and c | lower not in derived_names -%}{%- do cols.append(c ~ ' as dv_source__' ~ c) -%}{%- endif -%}
        {%- endfor %}
        {{ cols | join(',\n        ') if cols else 'null as dv_no_columns' }}
    from derived
),

null_replaced as (
    select
        {%- set cols = [] -%}
        {%- for c in after_derived -%}
            {%- if c | lower in (null_required | map('lower') | list) -%}
                {%- do cols.append("coalesce(cast(" ~ c ~ " as string), '-1') as " ~ c) -%}
                {%- do cols.append(c ~ ' as ' ~ c ~ '_original') -%}
            {%- elif c | lower in (null_optional | map('lower') | list) -%}
                {%- do cols.append("coalesce(cast(" ~ c ~ " as string), '-2') as " ~ c) -%}
                {%- do cols.append(c ~ ' as ' ~ c ~ '_original') -%}
            {%- else -%}
                {%- do cols.append(c) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- for c in source_cols -%}
            {%- if c not in carried and c | lower not in derived_names -%}{%- do cols.append('dv_source__' ~ c) -%}{%- endif -%}
        {%- endfor %}
        {{ cols | join(',\n        ') if cols else 'null as dv_no_columns' }}
    from nulls
),

hashed as (
    select
        {%- set visible = after_nulls -%}
        {%- set lookup = [] -%}
        {#- hashes may use source columns that are not carried: expose them under their own names -#}
        {%- for c in source_cols -%}
            {%- if c not in carried and c | lower not in derived_names -%}{%- do lookup.append('dv_source__' ~ c ~ ' as ' ~ c) -%}{%- endif -%}
        {%- endfor %}
        *{% if hashed_columns %},
        {{ datavault.hash_columns(hashed_columns, columns_in_relation=after_nulls) | indent(8) }}{% endif %}
    from (select {{ (after_nulls + lookup) | join(', ') if (after_nulls + lookup) else 'null as dv_no_columns' }} from null_replaced) as exposed
),

ranked as (
    select
        *{% for name, spec in ranked_columns.items() %},
        {% if spec.get('dense_rank', false) %}dense_rank(){% else %}rank(){% endif %} over (
            partition by {{ datavault.as_list(spec.get('partition_by')) | join(', ') }}
            order by {% for o in datavault.as_list(spec.get('order_by')) -%}
                {%- if o is mapping %}{{ (o.keys() | list)[0] }} {{ o[(o.keys() | list)[0]] }}{% else %}{{ o }}{% endif %}{% if not loop.last %}, {% endif %}
            {%- endfor %}
        ) as {{ name }}{% endfor %}
    from hashed
)

select
    {%- set final_cols = after_nulls + (hashed_columns.keys() | list) + (ranked_columns.keys() | list) %}
    {{ final_cols | join(',\n    ') if final_cols else '*' }}
from ranked
{%- endmacro -%}
