with source as (

    select * from {{ ref('raw_dimension_versions') }}

),

final as (

    select
        -- dbt-spark's session seeds load an empty CSV cell as the string 'None'
        nullif(member_key, 'None') as member_key,
        member_sk,
        cast(valid_from as timestamp) as valid_from,
        cast(valid_to as timestamp) as valid_to
    from source
    where dataset = 'good'

)

select * from final
