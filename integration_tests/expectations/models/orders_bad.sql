with source as (

    select * from {{ ref('raw_orders') }}

),

final as (

    select
        order_id,
        store_id,
        customer_id,
        amount,
        date_sub(current_date(), order_days_ago) as order_date,
        timestampadd(HOUR, -loaded_hours_ago, current_timestamp()) as loaded_at
    from source
    where
        dataset = 'bad'
        -- the defect under test: a staging filter silently drops the zero-amount order
        and amount > 0

)

select * from final
