{#-
    Products whose current ERP status says they are gone (discontinued), with the time the status took
    effect: dim_product closes the product's last version at `discontinued_at` (business time) rather than
    at the time the snapshot noticed the disappearance.
-#}

with sat_product as (
    select
        product_hk,
        product_status,
        updated_at,
        load_datetime
    from {{ ref('sat_product__erp') }}
    where product_hk != {{ datavault.ghost_key() }}
),

ranked as (
    select
        product_hk,
        product_status,
        {{ gold_effective_at('updated_at') }} as effective_at,
        load_datetime,
        row_number() over (
            partition by product_hk
            order by {{ gold_effective_at('updated_at') }} desc, load_datetime desc
        ) as recency_rank
    from sat_product
),

final as (
    select
        product_hk,
        product_status,
        effective_at as discontinued_at,
        load_datetime as loaded_at
    from ranked
    where recency_rank = 1
        and product_status in (
            {{ "'" ~ var('gold_product_deleted_statuses', ['discontinued', 'delisted']) | join("', '") ~ "'" }}
        )
)

select * from final
