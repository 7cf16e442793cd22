with source as (

    select * from {{ ref('raw_products') }}

),

final as (

    select
        sku,
        -- dbt-spark's session seeds load an empty CSV cell as the string 'None'
        nullif(market, 'None') as market,
        category,
        ean,
        nullif(contact_email, 'None') as contact_email,
        price,
        list_price,
        is_active
    from source
    where dataset = 'good'

)

select * from final
