{#-
    Building blocks of the SCD2 dimensions (dim_customer, dim_product, dim_promotion, dim_plan): the
    per-version columns every dimension has, and the unknown member that facts fall back to.
-#}

{#-
    Version columns of a snapshot row: the open end as 9999-12-31 (dbt_valid_to_current already says so;
    coalesce guards a snapshot built before that setting) and the version's number within its key.
-#}
{% macro gold_snapshot_versions(key_column) -%}
    dbt_valid_from,
    coalesce(dbt_valid_to, {{ gold_open_end() }}) as dbt_valid_to,
    row_number() over (partition by {{ key_column }} order by dbt_valid_from) as version_number
{%- endmacro %}


{#-
    The standard columns of one dimension version: surrogate key (MD5 of the durable key and the version
    start), version_number, is_current, valid_from, valid_to. The first version of a key also covers the
    time before the key was first seen (valid from 1900-01-01), so an event recorded slightly before its
    key's first record still finds a version.
-#}
{% macro gold_version_columns(sk_column, key_column, version_start, version_end, version_number='version_number') -%}
    md5(concat_ws('|', {{ key_column }}, cast({{ version_start }} as string))) as {{ sk_column }},
    cast({{ version_number }} as int) as version_number,
    {{ version_end }} = {{ gold_open_end() }} as is_current,
    case when {{ version_number }} = 1 then {{ gold_begin_of_time() }} else {{ version_start }} end as valid_from,
    {{ version_end }} as valid_to
{%- endmacro %}


{#-
    The end of a dimension model: its known versions (CTE `known_members`) plus the unknown member, in the
    order of `columns`. `unknown_values` maps a column to its SQL value in the unknown member; the standard
    columns default to: surrogate key -1, version 1, current, valid from 1900-01-01 to 9999-12-31, never
    loaded. Emits the CTEs `unknown_member` and `final` (call it after a comma) and the model's last select.
-#}
{% macro gold_dimension_with_unknown_member(sk_column, columns, unknown_values, known_members='known_members') -%}
    {%- set defaults = {
        sk_column: gold_unknown_sk(),
        'version_number': 'cast(1 as int)',
        'is_current': 'true',
        'valid_from': gold_begin_of_time(),
        'valid_to': gold_open_end(),
        'loaded_at': 'cast(null as timestamp)',
    } -%}
    {%- set missing = [] -%}
    {%- for column in columns if column not in unknown_values and column not in defaults -%}
        {%- do missing.append(column) -%}
    {%- endfor -%}
    {%- if missing -%}
        {%- do exceptions.raise_compiler_error(
            "gold_dimension_with_unknown_member: no unknown-member value for " ~ missing | join(', ')
        ) -%}
    {%- endif -%}
unknown_member as (
    select
        {%- for column in columns %}
        {{ unknown_values.get(column, defaults.get(column)) }} as {{ column }}{{ "," if not loop.last }}
        {%- endfor %}
),

final as (
    select
        {%- for column in columns %}
        {{ column }}{{ "," if not loop.last }}
        {%- endfor %}
    from {{ known_members }}
    union all
    select
        {%- for column in columns %}
        {{ column }}{{ "," if not loop.last }}
        {%- endfor %}
    from unknown_member
)

select
    {%- for column in columns %}
    {{ column }}{{ "," if not loop.last }}
    {%- endfor %}
from final
{%- endmacro %}


{#-
    Point-in-time join of a fact to a dimension: the version of the member whose validity contains the
    event time (valid_from <= event_at < valid_to). `key` is the fact side's durable key expression; the
    dimension side is `<dimension>.<dimension_key>` (default: the key's column name).
-#}
{% macro gold_point_in_time_join(dimension, key, event_at, dimension_key=none) -%}
    left join {{ dimension }}
        on {{ key }} = {{ dimension }}.{{ dimension_key or key.split('.')[-1] }}
        and {{ event_at }} >= {{ dimension }}.valid_from
        and {{ event_at }} < {{ dimension }}.valid_to
{%- endmacro %}


{#- A fact's surrogate key to a dimension: the version found by the point-in-time join, else the unknown member. -#}
{% macro gold_dimension_sk(dimension, sk_column) -%}
    coalesce({{ dimension }}.{{ sk_column }}, {{ gold_unknown_sk() }}) as {{ sk_column }}
{%- endmacro %}


{#- The versions of a dimension that a fact joins to (the unknown member excluded: it has no durable key). -#}
{% macro gold_dimension_versions(dimension_relation, sk_column, key_column, extra_columns=[]) -%}
    select
        {{ sk_column }},
        {{ key_column }},
        {%- for column in extra_columns %}
        {{ column }},
        {%- endfor %}
        valid_from,
        valid_to
    from {{ dimension_relation }}
    where {{ key_column }} is not null
{%- endmacro %}
