{{ datavault.stage(
    source_model={'fixtures': 'raw_stage_features'},
    include_source_columns=true,
    derived_columns={
        'record_source': '!CRM',
        'load_datetime': 'ldts',
        'full_name': ['first_name', 'last_name'],
        'tier': 'upper(tier)',
    },
    null_columns={'required': ['customer_id']},
    hashed_columns={
        'customer_hk': 'customer_id',
        'hashdiff': {
            'is_hashdiff': true,
            'exclude_columns': true,
            'columns': ['customer_id', 'customer_id_original', 'ldts', 'record_source', 'load_datetime', 'full_name', 'tier'],
        },
    },
    ranked_columns={'dv_rank': {'partition_by': 'customer_id', 'order_by': 'load_datetime'}},
) }}
