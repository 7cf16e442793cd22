{{ config(severity='warn') }}
-- Warns when a load rejects more than `dq_max_reject_rate` of a source's records: a sign of a broken
-- feed or schema drift rather than the odd bad record. Rejects are never silent: see dq_rejected_records.
select
    record_source,
    batch_id,
    delivered_records,
    rejected_records,
    reject_rate
from {{ ref('dq_load_quality') }}
where reject_rate > {{ var('dq_max_reject_rate', 0.05) }}
