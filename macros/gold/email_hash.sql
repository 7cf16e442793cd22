{#-
    PII masking for gold: the e-mail address becomes a salted SHA-256 hash, so marts can match customers
    across systems without ever holding the address. The salt is a secret: it comes from the environment
    variable LAKEHOUSE_EMAIL_SALT, or - for the scheduled Databricks job, which cannot be handed environment
    variables on serverless compute - from a Databricks secret named by var('email_salt_secret') ("scope/key",
    read in SQL with secret(), so the value never appears in the compiled SQL or the job definition).
    On the `local` target (embedded engine, synthetic data) a documented, non-secret development default is
    used when neither is given; on every other target a missing or blank salt stops compilation (compile,
    run, build; `dbt parse` still works without secrets), so production can never hash with a guessable salt.
    The salt ends up in the compiled SQL (target/) and the query history: keep target/ and logs/ private, and
    materialise models that hash as tables, never views (a view would store the salt in its definition).
-#}

{% macro email_hash(email_column) -%}
    sha2(concat({{ email_hash_salt() }}, lower(trim({{ email_column }}))), 256)
{%- endmacro %}


{% macro email_hash_salt() -%}
    {%- set salt = env_var('LAKEHOUSE_EMAIL_SALT', '') | trim -%}
    {%- set secret_name = var('email_salt_secret', '') | trim -%}
    {%- if salt == '' and secret_name != '' and target.type == 'databricks' -%}
        {%- set scope_and_key = secret_name.split('/') -%}
        {%- if scope_and_key | length != 2 or "'" in secret_name or '' in scope_and_key -%}
            {%- do exceptions.raise_compiler_error(
                "email_hash: var email_salt_secret must be '<secret scope>/<key>', got '" ~ secret_name ~ "'."
            ) -%}
        {%- endif -%}
        {{- return("secret('" ~ scope_and_key[0] ~ "', '" ~ scope_and_key[1] ~ "')") -}}
    {%- endif -%}
    {%- if salt == '' -%}
        {%- if target.name == 'local' -%}
            {%- set salt = 'cosnova-local-development-salt-not-a-secret' -%}
        {%- elif not execute -%}
            {#- parsing only (e.g. `dbt parse` in CI without secrets): nothing is hashed yet -#}
            {%- set salt = 'salt-resolved-at-compile-time' -%}
        {%- else -%}
            {%- do exceptions.raise_compiler_error(
                "email_hash: the environment variable LAKEHOUSE_EMAIL_SALT is not set (or blank) for target '"
                ~ target.name ~ "'. The e-mail hash salt is a secret and has no default outside the `local` "
                ~ "target: export LAKEHOUSE_EMAIL_SALT from your secret store before running dbt (or, on "
                ~ "Databricks, pass --vars '{email_salt_secret: <scope>/<key>}') "
                ~ "(model: " ~ (model.name if model is defined and model else 'unknown') ~ ")."
            ) -%}
        {%- endif -%}
    {%- endif -%}
    {%- if "'" in salt or "\\" in salt -%}
        {%- do exceptions.raise_compiler_error(
            "email_hash: LAKEHOUSE_EMAIL_SALT must not contain quotes or backslashes; use e.g. a hex or base64 string."
        ) -%}
    {%- endif -%}
    '{{ salt }}'
{%- endmacro %}
