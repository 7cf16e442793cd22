{{ datavault.stage(
    source_model={'fixtures': 'raw_smoke'},
    derived_columns={'record_source': 'src', 'load_datetime': 'ldts', 'channel': '!WEB'},
    hashed_columns={
        'customer_hk': 'customer_id',
        'hashdiff': {'is_hashdiff': true, 'columns': ['name', 'tier']},
    },
) }}
