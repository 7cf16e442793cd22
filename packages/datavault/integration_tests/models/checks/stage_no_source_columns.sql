{{ datavault.stage(
    source_model={'fixtures': 'raw_stage_features'},
    include_source_columns=false,
    derived_columns={'load_datetime': 'ldts'},
    hashed_columns={'customer_hk': 'customer_id'},
) }}
