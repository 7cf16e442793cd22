{#-
    The daily as-of spine for PIT and bridge tables: one row per calendar day from the first to the last
    load. `as_of_date` is the END of the day, so everything loaded during that day is visible as of it.
-#}
with load_bounds as (
    select
        cast(min(load_datetime) as date) as first_load_date,
        cast(max(load_datetime) as date) as last_load_date
    from {{ ref('hub_customer') }}
    where load_datetime > timestamp '1900-01-02 00:00:00'
),

days as (
    select explode(sequence(first_load_date, last_load_date, interval 1 day)) as calendar_date
    from load_bounds
    where first_load_date is not null
),

final as (
    select
        cast(calendar_date as date) as calendar_date,
        cast(date_add(calendar_date, 1) as timestamp) - interval 1 microsecond as as_of_date
    from days
)

select * from final
