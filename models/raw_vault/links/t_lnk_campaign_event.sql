{{ datavault.t_link(
    src_pk='campaign_event_hk',
    src_fk=['customer_hk', 'promotion_hk'],
    src_payload=['event_id', 'event_type'],
    src_eff='event_at',
    src_ldts='load_datetime',
    src_source='record_source',
    source_model='stg_marketing__campaign_events',
) }}
