"""cosnova lakehouse: synthetic source systems, Bronze ingestion and tooling around the dbt project."""

__version__ = "0.1.0"
