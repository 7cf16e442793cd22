{#- Stage definitions shared by the scenario models (the raw fixture views all have the "customer" shape). -#}

{%- macro customer_stage(raw) -%}
{{ datavault.stage(
    source_model={'fixtures': raw},
    derived_columns={
        'record_source': 'src',
        'load_datetime': 'ldts',
        'effective_from': 'eff',
        'start_date': 'eff',
        'end_date': "coalesce(end_at, cast('9999-12-31 23:59:59.999999' as timestamp))",
    },
    hashed_columns={
        'customer_hk': 'customer_id',
        'order_hk': 'order_id',
        'customer_ref_hk': ['customer_id', 'customer_ref'],
        'customer_order_hk': ['customer_id', 'order_id'],
        'product_hk': 'customer_ref',
        'order_product_hk': ['order_id', 'customer_ref'],
        'hashdiff': {'is_hashdiff': true, 'columns': ['tier', 'name']},
        'hashdiff_name': {'is_hashdiff': true, 'columns': ['name']},
        'hashdiff_tier': {'is_hashdiff': true, 'columns': ['tier']},
    },
) }}
{%- endmacro -%}
