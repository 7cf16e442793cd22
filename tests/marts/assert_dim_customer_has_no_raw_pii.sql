{#-
    No raw PII in dim_customer: it has no PII column (email, first_name, last_name, birth_date), no value
    looks like an e-mail address, and no value equals a customer's e-mail address from the vault.
    Returns the offending rows.
-#}

{%- set pii_columns = ['email', 'first_name', 'last_name', 'birth_date'] -%}
{%- set found_pii_columns = [] -%}
{%- if execute -%}
    {%- for column in adapter.get_columns_in_relation(ref('dim_customer')) -%}
        {%- if column.name | lower in pii_columns -%}
            {%- do found_pii_columns.append(column.name | lower) -%}
        {%- endif -%}
    {%- endfor -%}
{%- endif %}

with dim_customer as (
    select
        customer_sk,
        concat_ws(' ', customer_id, email_hash, country, city, loyalty_tier) as string_values
    from {{ ref('dim_customer') }}
),

sat_customer_pii as (
    select distinct lower(trim(email)) as email
    from {{ ref('sat_customer_pii__crm') }}
    where email is not null
),

email_like as (
    select
        customer_sk,
        string_values,
        'a value looks like an e-mail address' as finding
    from dim_customer
    where string_values rlike '[^@ ]+@[^@ ]+[.][a-zA-Z]{2,}'
),

raw_email as (
    select
        dim_customer.customer_sk,
        dim_customer.string_values,
        'a value is a raw e-mail address' as finding
    from dim_customer
    inner join sat_customer_pii
        on array_contains(split(lower(dim_customer.string_values), ' '), sat_customer_pii.email)
),

pii_columns as (
    {%- for column_name in found_pii_columns %}
    select
        cast(null as string) as customer_sk,
        '{{ column_name }}' as string_values,
        'dim_customer has a PII column' as finding
    union all
    {%- endfor %}
    select
        cast(null as string) as customer_sk,
        cast(null as string) as string_values,
        cast(null as string) as finding
    where false
)

select * from email_like
union all
select * from raw_email
union all
select * from pii_columns
