{#-
    Anomaly check on a time series. `column_name` is summed per `period` of `date_column_name` (and per
    `group_by` group); with `take_logs` the natural log is taken (0 and negative sums count as 0), with
    `take_diffs` the change against `lookback_periods` periods earlier is used. Each value is scored
    against the mean and sample standard deviation of the `trend_periods` values before it (rows, not
    calendar periods). Fails with one row per period of the last `test_periods` complete periods (the
    current, unfinished period is skipped) whose score is below `sigma_threshold_lower` (a negative
    number; default -sigma_threshold) or above `sigma_threshold_upper` (default sigma_threshold).
    Periods without enough history (or with a flat history, stddev 0) are not scored.
-#}
{% test expect_column_values_to_be_within_n_moving_stdevs(model, column_name, date_column_name, group_by=none, period="day", lookback_periods=1, trend_periods=7, test_periods=14, sigma_threshold=3, sigma_threshold_upper=none, sigma_threshold_lower=none, take_diffs=true, take_logs=true) %}

{%- set test_label = "expect_column_values_to_be_within_n_moving_stdevs on " ~ model ~ "." ~ column_name -%}
{%- if date_column_name is not string or date_column_name | trim == "" -%}
    {{ exceptions.raise_compiler_error(test_label ~ ": argument `date_column_name` must name a date or timestamp column; got " ~ date_column_name ~ ".") }}
{%- endif -%}
{%- set periods = ["year", "quarter", "month", "week", "day", "hour"] -%}
{%- set period = period | lower if period is string else period -%}
{%- if period not in periods -%}
    {{ exceptions.raise_compiler_error(test_label ~ ": argument `period` must be one of " ~ periods | join(", ") ~ "; got " ~ period ~ ".") }}
{%- endif -%}
{%- for argument_name, argument in [("lookback_periods", lookback_periods), ("trend_periods", trend_periods), ("test_periods", test_periods)] -%}
    {%- if argument is not integer or argument is boolean or argument < 1 -%}
        {{ exceptions.raise_compiler_error(test_label ~ ": argument `" ~ argument_name ~ "` must be a whole number >= 1; got " ~ argument ~ ".") }}
    {%- endif -%}
{%- endfor -%}
{%- if trend_periods < 2 -%}
    {{ exceptions.raise_compiler_error(test_label ~ ": argument `trend_periods` must be at least 2 (a standard deviation needs two values); got " ~ trend_periods ~ ".") }}
{%- endif -%}
{%- for argument_name, argument in [("sigma_threshold", sigma_threshold), ("sigma_threshold_upper", sigma_threshold_upper), ("sigma_threshold_lower", sigma_threshold_lower)] -%}
    {%- if argument is not none and (argument is not number or argument is boolean) -%}
        {{ exceptions.raise_compiler_error(test_label ~ ": argument `" ~ argument_name ~ "` must be a number; got " ~ argument ~ ".") }}
    {%- endif -%}
{%- endfor -%}
{%- set upper_bound = sigma_threshold_upper if sigma_threshold_upper is not none else sigma_threshold -%}
{%- set lower_bound = sigma_threshold_lower if sigma_threshold_lower is not none else -1 * sigma_threshold -%}
{%- if lower_bound >= upper_bound -%}
    {{ exceptions.raise_compiler_error(test_label ~ ": the lower sigma bound (" ~ lower_bound ~ ") must be below the upper one (" ~ upper_bound ~ "); `sigma_threshold_lower` is signed, e.g. -2.") }}
{%- endif -%}
{%- set group_by = [group_by] if group_by is string else (group_by or []) -%}
{%- set unit = period | upper -%}
{%- set partition_clause -%}
    {%- if group_by %}partition by {{ group_by | join(", ") }} {% endif -%}
{%- endset -%}

with period_values as (

    select
        {%- for column in group_by %}
        {{ column }},
        {%- endfor %}
        date_trunc('{{ unit }}', try_cast({{ date_column_name }} as timestamp)) as metric_period,
        sum({{ column_name }}) as metric_value
    from {{ model }}
    where try_cast({{ date_column_name }} as timestamp) is not null
    group by
        {%- for column in group_by %}
        {{ column }},
        {%- endfor %}
        date_trunc('{{ unit }}', try_cast({{ date_column_name }} as timestamp))

),

levels as (

    select
        *,
        {%- if take_logs %}
        coalesce(ln(nullif(cast(metric_value as double), 0)), 0) as metric_level
        {%- else %}
        coalesce(cast(metric_value as double), 0) as metric_level
        {%- endif %}
    from period_values

),

test_values as (

    select
        *,
        {%- if take_diffs %}
        metric_level - lag(metric_level, {{ lookback_periods }}) over (
            {{ partition_clause }}order by metric_period
        ) as metric_test_value
        {%- else %}
        metric_level as metric_test_value
        {%- endif %}
    from levels

),

trends as (

    select
        *,
        avg(metric_test_value) over (
            {{ partition_clause }}order by metric_period
            rows between {{ trend_periods }} preceding and 1 preceding
        ) as trend_average,
        stddev_samp(metric_test_value) over (
            {{ partition_clause }}order by metric_period
            rows between {{ trend_periods }} preceding and 1 preceding
        ) as trend_stddev
    from test_values

),

scored as (

    select
        *,
        (metric_test_value - trend_average) / nullif(trend_stddev, 0) as metric_test_sigma,
        cast({{ lower_bound }} as double) as sigma_lower_bound,
        cast({{ upper_bound }} as double) as sigma_upper_bound
    from trends

)

select *
from scored
where
    metric_period >= timestampadd({{ unit }}, -{{ test_periods }}, date_trunc('{{ unit }}', current_timestamp()))
    and metric_period < date_trunc('{{ unit }}', current_timestamp())
    and (metric_test_sigma < sigma_lower_bound or metric_test_sigma > sigma_upper_bound)

{% endtest %}
