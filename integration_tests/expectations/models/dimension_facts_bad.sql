with source as (

    select * from {{ ref('raw_dimension_facts') }}

),

final as (

    select
        event_id,
        nullif(member_sk, 'None') as member_sk,
        cast(nullif(event_at, 'None') as timestamp) as event_at
    from source
    where dataset = 'bad'

)

select * from final
