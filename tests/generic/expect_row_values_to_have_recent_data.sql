{#-
    Fails with one row when the newest value of `column_name` (rows matching `row_condition`, future values
    ignored so a mis-dated row cannot hide a stale table) is older than `interval` `datepart`s before now,
    or when no row qualifies at all.
-#}
{% test expect_row_values_to_have_recent_data(model, column_name, datepart, interval, row_condition=none) %}

{#- "now": the simulated clock of a load (lakehouse demo, make test-dbt) when set, as freshness_reference_time()
    reads it; spelled out here because generic tests are loaded by projects without our macros -#}
{%- set reference_time = var('freshness_reference_time', none) or env_var('LAKEHOUSE_FRESHNESS_REFERENCE_TIME', '') or none -%}
{%- set reference_now = "cast('" ~ reference_time ~ "' as timestamp)" if reference_time else 'current_timestamp()' -%}

{%- set test_label = "expect_row_values_to_have_recent_data on " ~ model ~ "." ~ column_name -%}
{%- set dateparts = ["year", "quarter", "month", "week", "day", "hour", "minute", "second"] -%}
{%- if datepart is not string or datepart | lower not in dateparts -%}
    {{ exceptions.raise_compiler_error(test_label ~ ": argument `datepart` must be one of " ~ dateparts | join(", ") ~ "; got " ~ datepart ~ ".") }}
{%- endif -%}
{%- if interval is not integer or interval is boolean or interval < 0 -%}
    {{ exceptions.raise_compiler_error(test_label ~ ": argument `interval` must be a whole number >= 0; got " ~ interval ~ ".") }}
{%- endif -%}

with newest_value as (

    select
        max(try_cast({{ column_name }} as timestamp)) as newest_at,
        count(*) as considered_rows
    from {{ model }}
    where
        try_cast({{ column_name }} as timestamp) <= {{ reference_now }}
        {%- if row_condition %}
        and ({{ row_condition }})
        {%- endif %}

),

final as (

    select
        '{{ dbt.escape_single_quotes(column_name) }}' as column_name,
        newest_at,
        timestampadd({{ datepart | upper }}, -{{ interval }}, {{ reference_now }}) as expected_newer_than,
        considered_rows
    from newest_value

)

select *
from final
where newest_at is null or newest_at < expected_newer_than

{% endtest %}
