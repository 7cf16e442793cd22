"""Integration tests for the expectation tests in ``tests/generic`` (our dbt-expectations look-alikes).

Why it is built this way: a Spark start costs ~15 s and every statement 0.5-3 s on a 2-core box, so the
module runs the small project ``integration_tests/expectations`` once, in-process (``dbtRunner``), on a
throw-away warehouse (``EXPECTATIONS_TEST_STATE_DIR``, a temp dir) with Spark's in-memory catalog (no Derby
metastore: Derby admits one process per metastore, and other commands use the repository's ``.lakehouse``).
That project applies every expectation test to tiny seeds, each instance named ``good__...`` (must pass) or
``bad__...`` (must fail on the defect planted in the fixture, with the number of failing rows given as
``meta.expected_failures`` where it is fixed). ``dbt build`` runs with ANSI mode off (what dbt-spark forces
locally), then ``dbt test`` repeats the tests with ANSI mode on (Databricks' default); both exit non-zero by
design, and each instance is asserted per mode from ``run_results.json``.

The project loads ``tests/generic`` through a symlink in its own ``tests/`` folder, i.e. with the very
parser the root project uses (that parser ignores ``{% macro %}`` blocks in generic-test files, so the
tests must not rely on one).

Run: cd /work/main && PYTHONPATH=src .venv/bin/python -m pytest tests/python/test_expectations.py -q
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
GENERIC_TESTS = ROOT / "tests" / "generic"
PROJECT = ROOT / "integration_tests" / "expectations"
DOCS = GENERIC_TESTS / "_expectations__tests.yml"
JARS = ("delta-spark_4.2_2.13-4.4.0.jar", "delta-storage-4.4.0.jar")
TEST_BLOCK = re.compile(r"{%-?\s*test\s+(\w+)\s*\((.*?)\)\s*-?%}", re.DOTALL)


def generic_tests() -> dict[str, list[str]]:
    """Name -> argument names of every ``{% test %}`` block under tests/generic (one block per file)."""
    found: dict[str, list[str]] = {}
    for path in sorted(GENERIC_TESTS.glob("*.sql")):
        blocks = TEST_BLOCK.findall(path.read_text())
        assert len(blocks) == 1, f"{path.name}: expected exactly one test block, found {len(blocks)}"
        name, signature = blocks[0]
        assert path.stem == name, f"{path.name} defines test {name}; the file must be named after its test"
        found[name] = [argument.split("=")[0].strip() for argument in signature.split(",") if argument.strip()]
    return found


def declared_cases() -> dict[str, int | None]:
    """Name -> ``meta.expected_failures`` (or None) of the data tests in the integration project's YAML."""
    names: dict[str, int | None] = {}

    def collect(tests: list[Any] | None) -> None:
        for entry in tests or []:
            if isinstance(entry, dict):
                for properties in entry.values():
                    if isinstance(properties, dict) and "name" in properties:
                        assert properties["name"] not in names, f"duplicate test name {properties['name']}"
                        meta = (properties.get("config") or {}).get("meta") or {}
                        names[properties["name"]] = meta.get("expected_failures")

    for path in sorted(PROJECT.glob("*/*.yml")):
        document = yaml.safe_load(path.read_text()) or {}
        for kind in ("models", "seeds"):
            for node in document.get(kind) or []:
                collect(node.get("data_tests"))
                for column in node.get("columns") or []:
                    collect(column.get("data_tests"))
    return names


CASES = declared_cases()


@dataclass
class Pass:
    """What one dbt invocation left behind."""

    results: dict[str, dict[str, Any]]  # node name -> run_results.json entry
    exception: str | None
    seconds: float


def _running_spark() -> bool:
    from pyspark import SparkContext

    return SparkContext._active_spark_context is not None


def _invoke(command: str, state_dir: Path) -> Pass:
    from dbt.cli.main import dbtRunner

    started = time.monotonic()
    outcome = dbtRunner().invoke(
        [
            command,
            "--project-dir",
            str(PROJECT),
            "--profiles-dir",
            str(PROJECT),
            "--target-path",
            str(state_dir / "target"),
            "--log-path",
            str(state_dir / "logs"),
        ]
    )
    seconds = time.monotonic() - started
    run_results = state_dir / "target" / "run_results.json"
    results: dict[str, dict[str, Any]] = {}
    if run_results.exists():
        for entry in json.loads(run_results.read_text())["results"]:
            results[entry["unique_id"].split(".")[2]] = entry
        run_results.rename(run_results.with_name(f"run_results.{command}.json"))
    exception = None if outcome.exception is None else f"{type(outcome.exception).__name__}: {outcome.exception}"
    return Pass(results=results, exception=exception, seconds=seconds)


def _force_ansi_mode(patch: pytest.MonkeyPatch) -> None:
    """Make dbt-spark's session cursor run with ANSI mode on, as Databricks does by default.

    dbt-spark forces ``spark.sql.ansi.enabled=false`` into the session parameters and re-applies them to the
    session before every statement, so neither a profile setting nor a ``set`` hook can turn ANSI on.
    """
    from dbt.adapters.spark import session as spark_session

    original_init = spark_session.Cursor.__init__

    def init_with_ansi(self: Any, *, server_side_parameters: dict[str, Any] | None = None) -> None:
        parameters = {**(server_side_parameters or {}), "spark.sql.ansi.enabled": "true"}
        original_init(self, server_side_parameters=parameters)

    patch.setattr(spark_session.Cursor, "__init__", init_with_ansi)


@pytest.fixture(scope="module")
def passes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Pass]]:
    """``dbt build`` of the integration project in a fresh warehouse (ANSI off, like local dbt-spark), then
    ``dbt test`` again with ANSI on (like Databricks). A Spark session started here is stopped afterwards; one
    started by an earlier module is reused and left running, with the settings dbt changed restored."""
    missing = [jar for jar in JARS if not (ROOT / ".lakehouse" / "jars" / jar).exists()]
    if missing:
        pytest.fail(f"Delta jars missing in .lakehouse/jars ({', '.join(missing)}): run `make setup` first")

    state_dir = tmp_path_factory.mktemp("expectations")
    spark_was_running = _running_spark()
    saved_conf: dict[str, str | None] = {}
    if spark_was_running:
        from pyspark.sql import SparkSession

        session = SparkSession.builder.getOrCreate()
        keys = ("spark.sql.ansi.enabled", "spark.sql.shuffle.partitions", "spark.sql.session.timeZone")
        saved_conf = {key: session.conf.get(key, None) for key in keys}

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("EXPECTATIONS_TEST_STATE_DIR", str(state_dir))
        patch.setenv("LAKEHOUSE_HOME", str(ROOT))
        patch.setenv("DBT_PROFILES_DIR", str(PROJECT))
        patch.setenv("DBT_PROJECT_DIR", str(PROJECT))
        patch.setenv("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
        patch.chdir(PROJECT)  # dbt resolves a few paths against the working directory; restored afterwards
        try:
            outcome = {"ansi_off": _invoke("build", state_dir)}
            _force_ansi_mode(patch)
            outcome["ansi_on"] = _invoke("test", state_dir)
            yield outcome
        finally:
            if _running_spark():
                from pyspark.sql import SparkSession

                session = SparkSession.builder.getOrCreate()
                if spark_was_running:
                    for key, value in saved_conf.items():
                        if value is None:
                            session.conf.unset(key)
                        else:
                            session.conf.set(key, value)
                else:
                    session.stop()


@pytest.mark.parametrize("mode", ["ansi_off", "ansi_on"])
@pytest.mark.parametrize("case", CASES)
def test_expectation_case(case: str, mode: str, passes: dict[str, Pass]) -> None:
    """`good__*` instances pass; `bad__*` instances fail (by returning rows, not by erroring)."""
    run = passes[mode]
    assert run.exception is None, f"dbt raised {run.exception}"
    assert case in run.results, f"{case} did not run (see the dbt log in the test's temp dir)"
    result = run.results[case]
    status, message = result["status"], result.get("message")
    if case.startswith("good__"):
        assert status == "pass", f"{case} should pass on good data but is {status}: {message}"
    else:
        assert status == "fail", f"{case} should fail on bad data but is {status}: {message}"
        assert (result.get("failures") or 0) > 0, f"{case} failed without returning rows: {message}"
        expected = CASES[case]
        if expected is not None:
            assert result["failures"] == expected, f"{case} returned {result['failures']} rows, expected {expected}"


def test_fixtures_and_models_build(passes: dict[str, Pass]) -> None:
    """Seeds and views build; a broken fixture would otherwise show up as puzzling test errors."""
    build = passes["ansi_off"]
    assert build.exception is None, f"dbt build raised {build.exception}"
    broken = {
        name: f"{entry['status']}: {entry.get('message')}"
        for name, entry in build.results.items()
        if entry["unique_id"].split(".")[0] in ("seed", "model") and entry["status"] != "success"
    }
    assert not broken, broken
    print(f"\ndbt build: {build.seconds:.0f} s; dbt test with ANSI on: {passes['ansi_on'].seconds:.0f} s")


def case_test(case: str) -> tuple[str, str]:
    """("good" | "bad", generic test name) of a case named <good|bad>__[rc__]<test>[__<variant>]."""
    parts = case.split("__")
    outcome, rest = parts[0], parts[1:]
    if rest and rest[0] == "rc":
        rest = rest[1:]
    return outcome, rest[0] if rest else ""


def test_every_generic_test_has_passing_and_failing_cases() -> None:
    """Each expectation test is proven both ways, and every case is named after an existing test."""
    tests = generic_tests()
    coverage: dict[str, set[str]] = {name: set() for name in tests}
    for case in CASES:
        outcome, test = case_test(case)
        assert outcome in ("good", "bad"), f"{case}: names start with good__ (must pass) or bad__ (must fail)"
        assert test in coverage, f"{case}: no generic test {test!r} in tests/generic"
        coverage[test].add(outcome)
    incomplete = {name: sorted(outcomes) for name, outcomes in coverage.items() if outcomes != {"good", "bad"}}
    assert not incomplete, f"tests without both a good__ and a bad__ case: {incomplete}"


def test_generic_tests_are_documented_with_their_arguments() -> None:
    """_expectations__tests.yml describes every test and exactly the arguments of its signature."""
    documented = {macro["name"]: macro for macro in (yaml.safe_load(DOCS.read_text()) or {}).get("macros", [])}
    for name, arguments in generic_tests().items():
        entry = documented.get(f"test_{name}")
        assert entry, f"{DOCS.name}: no entry for test_{name}"
        assert (entry.get("description") or "").strip(), f"test_{name} has no description"
        listed = [argument["name"] for argument in entry.get("arguments") or []]
        assert listed == arguments, f"test_{name}: documented arguments {listed} != signature {arguments}"
        undescribed = [a["name"] for a in entry["arguments"] if not (a.get("description") or "").strip()]
        assert not undescribed, f"test_{name}: arguments without description: {undescribed}"
    unknown = set(documented) - {f"test_{name}" for name in generic_tests()}
    assert not unknown, f"{DOCS.name} documents tests that do not exist: {sorted(unknown)}"
