"""The documentation-coverage check (lakehouse.docs_coverage) on tiny hand-made dbt artefacts."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from lakehouse.docs_coverage import main, undocumented

PROJECT = "shop_project"
HASH_KEY = "Data Vault hash key: MD5 of the business key."


def documented_manifest() -> dict[str, Any]:
    return {
        "metadata": {"project_name": PROJECT},
        "docs": {
            f"doc.{PROJECT}.col_hash_key": {
                "package_name": PROJECT,
                "name": "col_hash_key",
                "block_contents": HASH_KEY,
            },
        },
        "nodes": {
            f"model.{PROJECT}.hub_order": {
                "resource_type": "model",
                "package_name": PROJECT,
                "description": "One row per order.",
                "columns": {
                    "order_hk": {"description": f"{HASH_KEY} Business key: `order_id`."},
                    "order_id": {"description": "Business key."},
                },
            },
            f"test.{PROJECT}.not_null_hub_order_order_hk": {
                "resource_type": "test",
                "package_name": PROJECT,
                "description": "",
                "columns": {},
            },
            "model.datavault.some_package_model": {
                "resource_type": "model",
                "package_name": "datavault",
                "description": "",
                "columns": {},
            },
        },
        "sources": {
            f"source.{PROJECT}.shop.orders": {
                "package_name": PROJECT,
                "source_name": "shop",
                "source_description": "The web shop.",
                "description": "Order headers.",
                "columns": {"order_id": {"description": "Business key."}},
            }
        },
        "exposures": {
            f"exposure.{PROJECT}.revenue": {"package_name": PROJECT, "description": "Revenue dashboard."},
        },
    }


def catalog_of(manifest: dict[str, Any]) -> dict[str, Any]:
    def entry(columns: dict[str, Any]) -> dict[str, Any]:
        return {"columns": {name.upper(): {"type": "string"} for name in columns}}

    return {
        "nodes": {uid: entry(n["columns"]) for uid, n in manifest["nodes"].items() if n["resource_type"] == "model"},
        "sources": {uid: entry(s["columns"]) for uid, s in manifest["sources"].items()},
    }


def test_fully_documented_project_has_no_gap() -> None:
    manifest = documented_manifest()
    assert undocumented(manifest) == []
    # the catalog spells columns as the warehouse does (here upper case): still documented
    assert undocumented(manifest, catalog_of(manifest)) == []


@pytest.mark.parametrize(
    ("break_it", "expected"),
    [
        (
            lambda m: m["nodes"][f"model.{PROJECT}.hub_order"].update(description="  "),
            f"model.{PROJECT}.hub_order: no description",
        ),
        (
            lambda m: m["nodes"][f"model.{PROJECT}.hub_order"]["columns"]["order_hk"].update(description=""),
            f"model.{PROJECT}.hub_order: column `order_hk` has no description",
        ),
        (
            lambda m: m["nodes"][f"model.{PROJECT}.hub_order"]["columns"]["order_hk"].update(description="MD5 of it."),
            f"model.{PROJECT}.hub_order: column `order_hk` does not use the shared "
            "doc('col_hash_key') or doc('col_durable_hk')",
        ),
        (
            lambda m: m["nodes"][f"model.{PROJECT}.hub_order"].update(columns={}),
            f"model.{PROJECT}.hub_order: no column documented",
        ),
        (
            lambda m: m["sources"][f"source.{PROJECT}.shop.orders"].update(source_description=""),
            f"source.{PROJECT}.shop.orders: source `shop` has no description",
        ),
        (
            lambda m: m["sources"][f"source.{PROJECT}.shop.orders"]["columns"]["order_id"].pop("description"),
            f"source.{PROJECT}.shop.orders: column `order_id` has no description",
        ),
        (
            lambda m: m["exposures"][f"exposure.{PROJECT}.revenue"].update(description=None),
            f"exposure.{PROJECT}.revenue: no description",
        ),
    ],
)
def test_each_kind_of_gap_is_reported(break_it: Any, expected: str) -> None:
    manifest = documented_manifest()
    break_it(manifest)
    assert undocumented(manifest) == [expected]


def test_column_only_in_the_warehouse_is_reported() -> None:
    manifest = documented_manifest()
    catalog = catalog_of(manifest)
    catalog["nodes"][f"model.{PROJECT}.hub_order"]["columns"]["LOADED_BY"] = {"type": "string"}
    catalog["sources"][f"source.{PROJECT}.shop.orders"]["columns"]["_rescued_data"] = {"type": "string"}
    assert undocumented(manifest, catalog) == [
        f"model.{PROJECT}.hub_order: column `LOADED_BY` exists in the warehouse but is not documented",
        f"source.{PROJECT}.shop.orders: column `_rescued_data` exists in the warehouse but is not documented",
    ]


def test_cli_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    manifest = documented_manifest()
    good = tmp_path / "manifest.json"
    good.write_text(json.dumps(manifest))
    catalog = tmp_path / "catalog.json"
    catalog.write_text(json.dumps(catalog_of(manifest)))
    assert main([str(good), "--catalog", str(catalog)]) == 0
    assert "manifest and catalog" in capsys.readouterr().out

    broken = copy.deepcopy(manifest)
    broken["nodes"][f"model.{PROJECT}.hub_order"]["description"] = ""
    bad = tmp_path / "broken.json"
    bad.write_text(json.dumps(broken))
    assert main([str(bad)]) == 1
    assert "1 gap(s)" in capsys.readouterr().err

    # an empty catalog means nothing was built: that is not "fully documented"
    empty = tmp_path / "empty_catalog.json"
    empty.write_text(json.dumps({"nodes": {}, "sources": {}}))
    assert main([str(good), "--catalog", str(empty)]) == 1
