{{ datavault.bridge(
    source_model='hub_order',
    src_pk='order_hk',
    src_ldts='load_datetime',
    as_of_dates_table='as_of_date',
    bridge_walk={
        'order_line': {
            'bridge_link_pk': 'order_line_hk',
            'bridge_end_date': 'order_line_end_date',
            'bridge_load_date': 'order_line_load_datetime',
            'link_table': 'lnk_order_line',
            'link_pk': 'order_line_hk',
            'link_fk1': 'order_hk',
            'link_fk2': 'product_hk',
            'eff_sat_table': 'eff_sat_order_line',
            'eff_sat_pk': 'order_line_hk',
            'eff_sat_end_date': 'end_date',
            'eff_sat_load_date': 'load_datetime',
        },
    },
    stage_tables_ldts={'stg_shop__order_lines': 'load_datetime'},
) }}
