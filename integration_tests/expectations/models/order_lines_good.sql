with source as (

    select * from {{ ref('raw_order_lines') }}

),

final as (

    select
        order_id,
        line_number,
        sku,
        line_amount
    from source
    where dataset = 'good'

)

select * from final
