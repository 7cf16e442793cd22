{#- Deliberately wrong call: compiled by the runner, which asserts the error message. -#}
{{ datavault.stage(source_model={'fixtures': 'raw_hub_new'}, hashed_columns=['customer_id']) }}
