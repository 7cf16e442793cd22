"""dbt-score rule filters for this project (loaded through ``rule_namespaces`` in pyproject.toml)."""
