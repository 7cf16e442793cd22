{#-
    Fails with one row per `date_part` period (or per bucket of `interval` periods) that has no row
    (among the rows matching `row_condition`) between the start and the end of the test:
    `test_start_date` (default: the first period in the data) and `test_end_date` (exclusive; default:
    the last period in the data, inclusive). Buckets of `interval` periods start at the start date.
    Failing rows hold `date_<date_part>` (the period or bucket start; a date for day and coarser, a
    timestamp for hour and minute) and `row_cnt` (0); `exclusion_condition` is evaluated on them, e.g.
    "date_day != '2024-12-25'" accepts a gap on Christmas Day.
    The spine is generated in SQL (Spark `sequence`), so no query runs at compile time and the dates may
    also be rendered by Jinja (modules.datetime.date.today() and the like).
-#}
{% test expect_row_values_to_have_data_for_every_n_datepart(model, date_col, date_part="day", interval=none, row_condition=none, exclusion_condition=none, test_start_date=none, test_end_date=none) %}

{%- set test_label = "expect_row_values_to_have_data_for_every_n_datepart on " ~ model -%}
{%- if date_col is not string or date_col | trim == "" -%}
    {{ exceptions.raise_compiler_error(test_label ~ ": argument `date_col` must name a date or timestamp column; got " ~ date_col ~ ".") }}
{%- endif -%}
{%- set date_parts = ["year", "quarter", "month", "week", "day", "hour", "minute"] -%}
{%- set date_part = date_part | lower if date_part is string else date_part -%}
{%- if date_part not in date_parts -%}
    {{ exceptions.raise_compiler_error(test_label ~ ": argument `date_part` must be one of " ~ date_parts | join(", ") ~ "; got " ~ date_part ~ ".") }}
{%- endif -%}
{%- if interval is not none and (interval is not integer or interval is boolean or interval < 1) -%}
    {{ exceptions.raise_compiler_error(test_label ~ ": argument `interval` must be a whole number >= 1; got " ~ interval ~ ".") }}
{%- endif -%}
{%- set step = interval or 1 -%}
{%- set date_pattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?)?$" -%}
{%- for argument_name, argument in [("test_start_date", test_start_date), ("test_end_date", test_end_date)] -%}
    {%- if argument is not none and not modules.re.match(date_pattern, argument | string) -%}
        {{ exceptions.raise_compiler_error(test_label ~ ": argument `" ~ argument_name ~ "` must be a date literal like 2024-01-31 (or a timestamp); got " ~ argument ~ ".") }}
    {%- endif -%}
{%- endfor -%}
{%- set unit = date_part | upper -%}
{%- set output_type = "timestamp" if date_part in ["hour", "minute"] else "date" -%}

with observed_periods as (

    select date_trunc('{{ unit }}', try_cast({{ date_col }} as timestamp)) as period_start
    from {{ model }}
    where
        try_cast({{ date_col }} as timestamp) is not null
        {%- if row_condition %}
        and ({{ row_condition }})
        {%- endif %}

),

bounds as (

    select
        {%- if test_start_date is not none %}
        date_trunc('{{ unit }}', cast('{{ test_start_date }}' as timestamp)) as spine_start,
        {%- else %}
        min(period_start) as spine_start,
        {%- endif %}
        {%- if test_end_date is not none %}
        cast('{{ test_end_date }}' as timestamp) as spine_end
        {%- else %}
        max(period_start) as spine_end
        {%- endif %}
    from observed_periods

),

bucket_indexes as (

    select
        spine_start,
        spine_end,
        explode(
            sequence(0, cast(floor(timestampdiff({{ unit }}, spine_start, spine_end) / {{ step }}) as int))
        ) as bucket_index
    from bounds
    where spine_start <= spine_end

),

spine as (

    select timestampadd({{ unit }}, bucket_index * {{ step }}, spine_start) as bucket_start
    from bucket_indexes
    {%- if test_end_date is not none %}
    -- test_end_date is exclusive
    where timestampadd({{ unit }}, bucket_index * {{ step }}, spine_start) < spine_end
    {%- endif %}

),

observed_buckets as (

    select
        timestampadd(
            {{ unit }},
            cast(floor(timestampdiff({{ unit }}, bounds.spine_start, observed_periods.period_start) / {{ step }}) as int) * {{ step }},
            bounds.spine_start
        ) as bucket_start
    from observed_periods
    cross join bounds

),

bucket_counts as (

    select
        bucket_start,
        count(*) as row_cnt
    from observed_buckets
    group by bucket_start

),

final as (

    select
        cast(spine.bucket_start as {{ output_type }}) as date_{{ date_part }},
        coalesce(bucket_counts.row_cnt, 0) as row_cnt
    from spine
    left join bucket_counts
        on spine.bucket_start = bucket_counts.bucket_start

)

select *
from final
where
    row_cnt = 0
    {%- if exclusion_condition %}
    and ({{ exclusion_condition }})
    {%- endif %}

{% endtest %}
