{#-
    Rows loaded per vault table per load, with an anomaly flag when a load is far outside the table's
    usual volume (more than 3 standard deviations from the mean of its previous loads, once there are 3).
    A partial delivery or a broken feed shows up here before anyone opens a dashboard.
-#}
{%- set vault_tables = [
    'hub_customer', 'hub_product', 'hub_promotion', 'hub_order', 'hub_subscription', 'hub_plan',
    'lnk_order_customer', 'lnk_order_line', 'lnk_promotion_product', 'lnk_subscription_customer_plan',
    't_lnk_campaign_event', 't_lnk_return', 't_lnk_subscription_event',
    'sat_customer__crm', 'sat_customer_pii__crm', 'sat_product__erp', 'ma_sat_product_price__erp',
    'sat_promotion__marketing', 'sat_order__shop', 'sat_order_line__shop', 'sat_plan__billing',
    'sat_subscription__billing', 'eff_sat_subscription_customer_plan', 'eff_sat_order_line',
] -%}

with
{% for table_name in vault_tables %}
    {{ table_name }}_loads as (
        select
            '{{ table_name }}' as table_name,
            load_datetime,
            count(*) as rows_loaded
        from {{ ref(table_name) }}
        where load_datetime > timestamp '1900-01-02 00:00:00'
        group by load_datetime
    ),
{% endfor %}

loads as (
    {% for table_name in vault_tables %}
        select * from {{ table_name }}_loads
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

with_history as (
    select
        table_name,
        rows_loaded,
        load_datetime,
        avg(rows_loaded) over previous_loads as mean_previous_rows,
        stddev_samp(rows_loaded) over previous_loads as stddev_previous_rows,
        count(*) over previous_loads as previous_loads
    from loads
    window previous_loads as (
        partition by table_name order by load_datetime rows between unbounded preceding and 1 preceding
    )
),

final as (
    select
        table_name,
        rows_loaded,
        mean_previous_rows,
        stddev_previous_rows,
        coalesce(
            previous_loads >= 3
            and abs(rows_loaded - mean_previous_rows) > 3 * greatest(stddev_previous_rows, 1),
            false
        ) as is_anomaly,
        load_datetime
    from with_history
)

select * from final
