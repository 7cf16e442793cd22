"""`dbt run --empty` keeps working on a model whose macros read upstream columns (``datavault.stage``).

Under ``--empty`` dbt renders every ``ref()`` as a subquery; our macros must still find the upstream columns
(docs/contributing.md, "Schema-only check"). Run in the Spark session of the warehouse `make test-dbt` built
(the model's upstream relations exist there). Its file name sorts after the PII scan's on purpose:
``--empty`` replaces the view with an empty one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def test_empty_run_builds_the_staging_model_of_customers(spark: Any, tmp_path: Path) -> None:
    from lakehouse.bench.timings import failed_nodes
    from lakehouse.dbt_runner import run_dbt

    target = tmp_path / "target"
    args = ["run", "--empty", "--select", "stg_crm__customers", "--target-path", str(target)]
    result = run_dbt(ROOT, args, check=False, target_path=target)
    assert result.success, f"dbt run --empty failed: {failed_nodes(result.run_results) or 'see logs/dbt.log'}"
    models = [node for node in result.nodes() if node["unique_id"].startswith("model.")]  # not the run hooks
    assert [(node["unique_id"].rsplit(".", 1)[-1], node["status"]) for node in models] == [
        ("stg_crm__customers", "success")
    ]
    assert spark.table("staging.stg_crm__customers").count() == 0  # the empty build replaced the view
