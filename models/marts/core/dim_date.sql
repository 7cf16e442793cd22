{#-
    Calendar spine from var gold_calendar_start to gold_calendar_end (default 2020-01-01 .. 2030-12-31),
    plus the unknown date (-1) that facts use for a missing or out-of-range event date.
-#}

with spine as (
    select
        explode(
            sequence(
                to_date('{{ var("gold_calendar_start", "2020-01-01") }}'),
                to_date('{{ var("gold_calendar_end", "2030-12-31") }}'),
                interval 1 day
            )
        ) as date_day
),

calendar as (
    select
        cast(date_format(date_day, 'yyyyMMdd') as int) as date_key,
        date_format(date_day, 'MMMM') as month_name,
        date_format(date_day, 'EEEE') as weekday_name,
        concat(cast(year(date_day) as string), '-Q', cast(quarter(date_day) as string)) as year_quarter,
        cast(year(date_day) as int) as year_number,
        cast(quarter(date_day) as int) as quarter_number,
        cast(month(date_day) as int) as month_number,
        cast(day(date_day) as int) as day_of_month,
        cast(extract(yearofweek from date_day) as int) as iso_year_number,
        cast(weekofyear(date_day) as int) as iso_week_number,
        -- ISO weekday: Monday = 1 .. Sunday = 7
        cast(((dayofweek(date_day) + 5) % 7) + 1 as int) as iso_weekday_number,
        dayofweek(date_day) in (1, 7) as is_weekend,
        date_day,
        cast(trunc(date_day, 'MM') as date) as month_start_date,
        cast(date_trunc('week', date_day) as date) as week_start_date
    from spine
),

{{ gold_dimension_with_unknown_member(
    'date_key',
    [
        'date_key', 'month_name', 'weekday_name', 'year_quarter', 'year_number', 'quarter_number', 'month_number',
        'day_of_month', 'iso_year_number', 'iso_week_number', 'iso_weekday_number', 'is_weekend', 'date_day',
        'month_start_date', 'week_start_date',
    ],
    {
        'date_key': '-1',
        'month_name': "'UNKNOWN'",
        'weekday_name': "'UNKNOWN'",
        'year_quarter': "'UNKNOWN'",
        'year_number': 'cast(null as int)',
        'quarter_number': 'cast(null as int)',
        'month_number': 'cast(null as int)',
        'day_of_month': 'cast(null as int)',
        'iso_year_number': 'cast(null as int)',
        'iso_week_number': 'cast(null as int)',
        'iso_weekday_number': 'cast(null as int)',
        'is_weekend': 'cast(null as boolean)',
        'date_day': 'cast(null as date)',
        'month_start_date': 'cast(null as date)',
        'week_start_date': 'cast(null as date)',
    },
    known_members='calendar',
) }}
