{#- Deliberately wrong call: compiled by the runner, which asserts the error message. -#}
{{ datavault.stage(source_model=none, hashed_columns={'customer_hk': 'customer_id'}) }}
