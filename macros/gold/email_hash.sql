{#-
    PII masking for gold: the e-mail address becomes a salted SHA-256 hash, so marts can match customers
    across systems without ever holding the address. The salt is a secret: it comes from the environment
    variable LAKEHOUSE_EMAIL_SALT only. On the `local` target (embedded engine, synthetic data) a documented,
    non-secret development default is used when the variable is missing; on every other target a missing or
    blank salt stops compilation (compile, run, build; `dbt parse` still works without secrets), so
    production can never hash with a guessable salt.
    The salt ends up in the compiled SQL (target/) and the query history: keep target/ and logs/ private, and
    materialise models that hash as tables, never views (a view would store the salt in its definition).
-#}

{% macro email_hash(email_column) -%}
    sha2(concat({{ email_hash_salt() }}, lower(trim({{ email_column }}))), 256)
{%- endmacro %}


{% macro email_hash_salt() -%}
    {%- set salt = env_var('LAKEHOUSE_EMAIL_SALT', '') | trim -%}
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
                ~ "target: export LAKEHOUSE_EMAIL_SALT from your secret store before running dbt "
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
