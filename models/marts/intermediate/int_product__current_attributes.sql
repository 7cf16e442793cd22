{#-
    Current ERP attributes per product: the snapshot source of snp_product (one row per product_hk).
    "Current" = the newest satellite row per key by source change time, then load time.
    Products whose current status is 'discontinued' are left out on purpose: the ERP's way of saying a
    product is gone. snp_product (hard_deletes: invalidate) then closes the product's open version, and
    dim_product dates that close at the discontinuation (int_product__discontinued).
    List price only: per-market shelf prices stay in the vault (ma_sat_product_price__erp); facts carry the
    price actually paid.
-#}

with hub_product as (
    select
        product_hk,
        sku
    from {{ ref('hub_product') }}
    where product_hk != {{ datavault.ghost_key() }}
),

sat_product as (
    select
        product_hk,
        product_name,
        brand,
        category,
        subcategory,
        product_status,
        list_price_eur,
        launch_date,
        updated_at,
        load_datetime
    from {{ ref('sat_product__erp') }}
    where product_hk != {{ datavault.ghost_key() }}
),

ranked as (
    select
        product_hk,
        product_name,
        brand,
        category,
        subcategory,
        product_status,
        list_price_eur,
        launch_date,
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
        ranked.product_hk,
        hub_product.sku,
        ranked.product_name,
        ranked.brand,
        ranked.category,
        ranked.subcategory,
        ranked.product_status,
        ranked.list_price_eur,
        ranked.launch_date,
        ranked.effective_at,
        ranked.load_datetime as loaded_at
    from ranked
    inner join hub_product
        on ranked.product_hk = hub_product.product_hk
    where ranked.recency_rank = 1
        and coalesce(ranked.product_status, '') not in (
            {{ "'" ~ var('gold_product_deleted_statuses', ['discontinued', 'delisted']) | join("', '") ~ "'" }}
        )
)

select * from final
