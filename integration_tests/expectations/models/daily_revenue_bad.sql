with source as (

    select * from {{ ref('raw_daily_revenue') }}

),

final as (

    select
        store_id,
        revenue,
        date_sub(current_date(), days_ago) as revenue_date
    from source
    where dataset = 'bad'

)

select * from final
