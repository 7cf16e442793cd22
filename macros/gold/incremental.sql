{#-
    Incremental facts: which source rows to (re)process on an incremental run.
    A row is reprocessed when its event date falls inside the look-back window
    (latest event date in the fact minus var fact_lookback_days, default 3) or when one of the vault rows it
    is built from was loaded after the fact's newest `loaded_at` (late records, later order status changes).
    Both conditions are evaluated against the existing fact table ({{ this }}).
-#}

{% macro gold_lookback_days() -%}
    {%- set days = var('fact_lookback_days', 3) | int -%}
    {%- if days < 0 -%}
        {%- do exceptions.raise_compiler_error("var fact_lookback_days must be >= 0, got " ~ days) -%}
    {%- endif -%}
    {{ return(days) }}
{%- endmacro %}


{% macro gold_incremental_window(event_date_column, loaded_at_column, target_date_column=none) -%}
    {%- set target_date_column = target_date_column or event_date_column -%}
    (
        {{ event_date_column }} >= (
            select coalesce(date_sub(max({{ target_date_column }}), {{ gold_lookback_days() }}), to_date('1900-01-01'))
            from {{ this }}
        )
        or {{ loaded_at_column }} > (
            select coalesce(max(loaded_at), cast('1900-01-01 00:00:00' as timestamp))
            from {{ this }}
        )
    )
{%- endmacro %}


{#- Physical layout of a fact: partitioned by event date locally, liquid clustering on Databricks. -#}
{% macro gold_fact_partition_by(event_date_column) -%}
    {{ return(none if target.type == 'databricks' else [event_date_column]) }}
{%- endmacro %}

{% macro gold_fact_liquid_clustered_by(columns) -%}
    {{ return(columns if target.type == 'databricks' else none) }}
{%- endmacro %}
