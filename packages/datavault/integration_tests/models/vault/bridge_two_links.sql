{{ config(materialized='table') }}
{{ datavault.bridge(src_pk='customer_hk', as_of_dates_table='as_of_dates', bridge_walk={
    'CUSTOMER_ORDER': {'bridge_link_pk': 'link_customer_order_hk', 'bridge_end_date': 'eff_customer_order_end_date', 'bridge_load_date': 'eff_customer_order_ldts',
                       'link_table': 'link_bridge_co', 'link_pk': 'customer_order_hk', 'link_fk1': 'customer_hk', 'link_fk2': 'order_hk',
                       'eff_sat_table': 'eff_sat_bridge_co', 'eff_sat_pk': 'customer_order_hk', 'eff_sat_end_date': 'end_date', 'eff_sat_load_date': 'load_datetime'},
    'ORDER_PRODUCT': {'bridge_link_pk': 'link_order_product_hk', 'bridge_end_date': 'eff_order_product_end_date', 'bridge_load_date': 'eff_order_product_ldts',
                      'link_table': 'link_bridge_op', 'link_pk': 'order_product_hk', 'link_fk1': 'order_hk', 'link_fk2': 'product_hk',
                      'eff_sat_table': 'eff_sat_bridge_op', 'eff_sat_pk': 'order_product_hk', 'eff_sat_end_date': 'end_date', 'eff_sat_load_date': 'load_datetime'},
}, stage_tables_ldts={'stg_bridge': 'load_datetime'}, src_ldts='load_datetime', source_model='hub_bridge') }}
