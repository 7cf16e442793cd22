{#-
    Fails with one row per group (of `group_by`) whose newest `timestamp_column` value (rows matching
    `row_condition`, future values ignored) is older than `interval` `datepart`s before now. A group without
    any usable timestamp fails too, and so does a model with no qualifying row at all (one row, null group).
-#}
{% test expect_grouped_row_values_to_have_recent_data(model, group_by, timestamp_column, datepart, interval, row_condition=none) %}

{#- "now": the simulated clock of a load (lakehouse demo, make test-dbt) when set, as freshness_reference_time()
    reads it; spelled out here because generic tests are loaded by projects without our macros -#}
{%- set reference_time = var('freshness_reference_time', none) or env_var('LAKEHOUSE_FRESHNESS_REFERENCE_TIME', '') or none -%}
{%- set reference_now = "cast('" ~ reference_time ~ "' as timestamp)" if reference_time else 'current_timestamp()' -%}

{%- set test_label = "expect_grouped_row_values_to_have_recent_data on " ~ model -%}
{%- set group_by = [group_by] if group_by is string else group_by -%}
{%- if group_by is not iterable or group_by is mapping or group_by | length == 0 -%}
    {{ exceptions.raise_compiler_error(test_label ~ ": argument `group_by` must be a non-empty list of columns; got " ~ group_by ~ ".") }}
{%- endif -%}
{%- if timestamp_column is not string or timestamp_column | trim == "" -%}
    {{ exceptions.raise_compiler_error(test_label ~ ": argument `timestamp_column` must name a column; got " ~ timestamp_column ~ ".") }}
{%- endif -%}
{%- set dateparts = ["year", "quarter", "month", "week", "day", "hour", "minute", "second"] -%}
{%- if datepart is not string or datepart | lower not in dateparts -%}
    {{ exceptions.raise_compiler_error(test_label ~ ": argument `datepart` must be one of " ~ dateparts | join(", ") ~ "; got " ~ datepart ~ ".") }}
{%- endif -%}
{%- if interval is not integer or interval is boolean or interval < 0 -%}
    {{ exceptions.raise_compiler_error(test_label ~ ": argument `interval` must be a whole number >= 0; got " ~ interval ~ ".") }}
{%- endif -%}

with newest_per_group as (

    select
        {%- for column in group_by %}
        {{ column }},
        {%- endfor %}
        max(
            case
                when try_cast({{ timestamp_column }} as timestamp) <= {{ reference_now }}
                    then try_cast({{ timestamp_column }} as timestamp)
            end
        ) as newest_at,
        count(*) as group_rows
    from {{ model }}
    {%- if row_condition %}
    {# `true and`: with ANSI off, Spark reads `where (col)` after a table name as an alias `where` with a column list #}
    where true and ({{ row_condition }})
    {%- endif %}
    group by
        {%- for column in group_by %}
        {{ column }}{{ "," if not loop.last }}
        {%- endfor %}

),

threshold as (

    select timestampadd({{ datepart | upper }}, -{{ interval }}, {{ reference_now }}) as expected_newer_than

),

final as (

    -- the left join keeps one all-null row when no group exists, so an empty model fails
    select
        newest_per_group.*,
        threshold.expected_newer_than
    from threshold
    left join newest_per_group on true

)

select *
from final
where newest_at is null or newest_at < expected_newer_than

{% endtest %}
