{#-
    Current definition per promotion: the snapshot source of snp_promotion (one row per promotion_hk).
    "Current" = the newest satellite row per key by source change time, then load time. Promotions are
    never deleted by the source (an ended promotion keeps its row; end_date says when it ended).
-#}

with hub_promotion as (
    select
        promotion_hk,
        promo_code
    from {{ ref('hub_promotion') }}
    where promotion_hk != {{ datavault.ghost_key() }}
),

sat_promotion as (
    select
        promotion_hk,
        promotion_name,
        discount_type,
        channel,
        discount_value,
        start_date,
        end_date,
        updated_at,
        load_datetime
    from {{ ref('sat_promotion__marketing') }}
    where promotion_hk != {{ datavault.ghost_key() }}
),

ranked as (
    select
        promotion_hk,
        promotion_name,
        discount_type,
        channel,
        discount_value,
        start_date,
        end_date,
        {{ gold_effective_at('updated_at') }} as effective_at,
        load_datetime,
        row_number() over (
            partition by promotion_hk
            order by {{ gold_effective_at('updated_at') }} desc, load_datetime desc
        ) as recency_rank
    from sat_promotion
),

final as (
    select
        ranked.promotion_hk,
        hub_promotion.promo_code,
        ranked.promotion_name,
        ranked.discount_type,
        ranked.channel,
        ranked.discount_value,
        ranked.start_date,
        ranked.end_date,
        ranked.effective_at,
        ranked.load_datetime as loaded_at
    from ranked
    inner join hub_promotion
        on ranked.promotion_hk = hub_promotion.promotion_hk
    where ranked.recency_rank = 1
)

select * from final
