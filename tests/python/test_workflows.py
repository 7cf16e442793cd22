"""Offline checks of the delivery tooling: GitHub workflows, pre-commit hooks, the Databricks bundle, sqlfluff.

Everything here runs without network: check-jsonschema validates against the GitHub-workflow schema vendored
in its wheel, zizmor runs with ``--offline``, the bundle is checked structurally (the Databricks CLI is not
installed locally), and sqlfluff lints with the jinja templater. Every check has a companion test that feeds
it something broken and expects it to fail, so a check that silently stopped checking would be noticed.
"""

from __future__ import annotations

import configparser
import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
BIN = Path(sys.executable).parent
PINNED_USES = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
VERSION_COMMENT = re.compile(r"#\s*v\d+(\.\d+){0,2}\b")
SECRET_PATTERNS = {
    "Databricks token": re.compile(r"dapi[0-9a-f]{32}"),
    "GitHub token": re.compile(r"\b(gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{40,})"),
    "AWS access key": re.compile(r"\bAKIA[0-9A-Z]{16}\b"),
    "Azure storage key": re.compile(r"AccountKey=[A-Za-z0-9+/=]{40,}"),
    "private key": re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
    "Slack token": re.compile(r"\bxox[abposr]-[A-Za-z0-9-]{10,}"),
}
# files that configure delivery: none of them may carry a credential
DELIVERY_FILES = [
    *WORKFLOWS,
    ROOT / "databricks.yml",
    *sorted((ROOT / "resources").rglob("*.yml")),
    ROOT / ".pre-commit-config.yaml",
    *sorted((ROOT / "scripts").glob("*.sh")),
]


def run(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, check=False)


def load_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def workflow(name: str) -> dict[str, Any]:
    data = load_yaml(ROOT / ".github" / "workflows" / name)
    # PyYAML reads the bare key `on` as the boolean True (YAML 1.1)
    data["on"] = data.pop(True, data.get("on"))
    return data


def steps(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in data["jobs"].values() for step in job.get("steps", [])]


def run_scripts(data: dict[str, Any]) -> str:
    return "\n".join(step["run"] for step in steps(data) if "run" in step)


def load_script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name.removesuffix(".py"), ROOT / "scripts" / name)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


BROKEN_WORKFLOW = """\
name: broken
on: [push]
jobs:
  build:
    runs-on: ubuntu-latest
    step:
      - run: echo "the key is `steps`, not `step`"
"""

INSECURE_WORKFLOW = """\
name: insecure
on:
  pull_request_target:
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          ref: ${{ github.event.pull_request.head.sha }}
      - run: echo "${{ github.event.pull_request.title }}"
"""


# ---- GitHub workflows: schema -----------------------------------------------------------------------


def test_there_are_workflows() -> None:
    assert {p.name for p in WORKFLOWS} >= {"ci.yml", "deploy.yml"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_matches_the_github_workflow_schema(path: Path) -> None:
    result = run(BIN / "check-jsonschema", "--builtin-schema", "vendor.github-workflows", path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_schema_check_rejects_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(BROKEN_WORKFLOW, encoding="utf-8")
    result = run(BIN / "check-jsonschema", "--builtin-schema", "vendor.github-workflows", broken)
    assert result.returncode != 0
    assert "'step' was unexpected" in result.stdout


# ---- GitHub workflows: security (zizmor) --------------------------------------------------------------


def zizmor_high(target: Path) -> tuple[int, list[dict[str, Any]]]:
    result = run(BIN / "zizmor", "--offline", "--min-severity", "high", "--format", "json", target)
    assert result.stdout.strip(), f"zizmor printed nothing: {result.stderr}"
    return result.returncode, json.loads(result.stdout)


def test_zizmor_finds_nothing_high_in_our_workflows() -> None:
    code, findings = zizmor_high(ROOT / ".github" / "workflows")
    assert findings == [], [(f["ident"], f["desc"]) for f in findings]
    assert code == 0


def test_zizmor_flags_an_insecure_workflow(tmp_path: Path) -> None:
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    (folder / "insecure.yml").write_text(INSECURE_WORKFLOW, encoding="utf-8")
    code, findings = zizmor_high(folder)
    assert code != 0
    assert {"template-injection", "dangerous-triggers"} <= {f["ident"] for f in findings}


# ---- GitHub workflows: our own rules ----------------------------------------------------------------


def unpinned_uses(text: str) -> list[str]:
    """``uses:`` lines that are not ``owner/repo@<40-hex> # vX.Y.Z`` (local ``./`` actions are exempt)."""
    problems = []
    for line in text.splitlines():
        found = re.match(r"^\s*(?:-\s*)?uses:\s*(\S+)(.*)$", line)
        if not found or found.group(1).startswith("./"):
            continue
        if not PINNED_USES.match(found.group(1)) or not VERSION_COMMENT.search(found.group(2)):
            problems.append(line.strip())
    return problems


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_by_commit_sha_with_their_version(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert "uses:" in text
    assert unpinned_uses(text) == []


def test_pin_check_catches_tags_branches_and_missing_versions() -> None:
    sha = "0123456789abcdef0123456789abcdef01234567"
    text = f"""
      - uses: actions/checkout@v5
      - uses: actions/cache@main
      - uses: actions/setup-python@{sha}
      - uses: actions/setup-java@{sha} # v5.0.0
      - uses: ./.github/actions/local
    """
    assert unpinned_uses(text) == [
        "- uses: actions/checkout@v5",
        "- uses: actions/cache@main",
        f"- uses: actions/setup-python@{sha}",
    ]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_expression_is_expanded_inside_a_shell_script(path: Path) -> None:
    """``${{ }}`` in ``run:`` is pasted into the script before it runs (template injection): use env."""
    data = workflow(path.name)
    assert run_scripts(data)
    assert "${{" not in run_scripts(data)


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_checkout_never_keeps_the_token_on_disk(path: Path) -> None:
    checkouts = [s for s in steps(workflow(path.name)) if s.get("uses", "").startswith("actions/checkout@")]
    assert checkouts
    for step in checkouts:
        assert step.get("with", {}).get("persist-credentials") is False, step


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_permissions_are_empty_by_default_and_minimal_per_job(path: Path) -> None:
    data = workflow(path.name)
    assert data["permissions"] == {}
    allowed_writes = {"id-token", "pages"}
    for name, job in data["jobs"].items():
        permissions = job.get("permissions")
        assert isinstance(permissions, dict), f"job {name} must declare its permissions"
        writes = {scope for scope, level in permissions.items() if level == "write"}
        assert writes <= allowed_writes, f"job {name} writes {writes - allowed_writes}"
        assert job.get("timeout-minutes"), f"job {name} needs a timeout"


def secrets_in(text: str) -> list[str]:
    return [label for label, pattern in SECRET_PATTERNS.items() if pattern.search(text)]


@pytest.mark.parametrize("path", DELIVERY_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_secret_looking_literal_in_delivery_files(path: Path) -> None:
    assert secrets_in(path.read_text(encoding="utf-8")) == []


def test_secret_scan_recognises_tokens() -> None:
    # assembled at run time, so that this file holds no token-shaped literal itself
    databricks = "dapi" + "0123456789abcdef" * 2
    github = "ghp" + "_" + "A1" * 18
    text = f"env:\n  DATABRICKS_TOKEN: {databricks}\n  GH: {github}\n"
    assert secrets_in(text) == ["Databricks token", "GitHub token"]
    assert secrets_in("DATABRICKS_TOKEN: ${{ secrets.DATABRICKS_TOKEN }}") == []


def test_ci_runs_setup_hooks_tests_and_slim_ci() -> None:
    data = workflow("ci.yml")
    assert "pull_request" in data["on"]
    assert data["on"]["push"]["branches"] == ["main"]
    test_job = data["jobs"]["test"]
    scripts = [s.get("run", "") for s in test_job["steps"]]
    assert "make setup" in scripts
    assert "make test" in scripts
    # the hooks run inside `make test` (make lint), once: not again as a workflow step
    assert not any("pre-commit run" in s for s in scripts)
    uses = {s["uses"].split("@")[0]: s.get("with", {}) for s in test_job["steps"] if "uses" in s}
    assert uses["actions/setup-python"]["python-version"] == "3.11"
    assert uses["actions/setup-java"] == {"distribution": "temurin", "java-version": "25"}
    cache_keys = [s["with"]["key"] for s in test_job["steps"] if s.get("uses", "").startswith("actions/cache@")]
    assert any("requirements.txt" in k and "constraints.txt" in k for k in cache_keys)
    assert any("src/lakehouse/jars.py" in k for k in cache_keys)
    uploads = [s["with"] for s in test_job["steps"] if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert {u["name"] for u in uploads} == {"dbt-docs-site", "dbt-manifest"}

    slim = data["jobs"]["slim-ci"]
    assert slim["if"] == "github.event_name == 'pull_request'"
    slim_runs = "\n".join(s.get("run", "") for s in slim["steps"])
    assert "scripts/fetch_main_manifest.sh" in slim_runs
    assert "scripts/slim_ci.sh" in slim_runs
    assert "--select state:modified+ --defer --state" in (ROOT / "scripts" / "slim_ci.sh").read_text()


def test_deploy_is_gated_by_tests_and_a_protected_environment() -> None:
    data = workflow("deploy.yml")
    assert data["on"]["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in data["on"]
    jobs = data["jobs"]
    assert "make test" in [s.get("run") for s in jobs["test"]["steps"]]
    databricks = jobs["databricks"]
    assert databricks["needs"] == "test"
    assert databricks["environment"] == "production"
    assert databricks["permissions"]["id-token"] == "write"
    env = databricks["env"]
    assert env["DATABRICKS_TOKEN"] == "${{ secrets.DATABRICKS_TOKEN }}"
    assert "github-oidc" in env["DATABRICKS_AUTH_TYPE"]
    runs = [s.get("run", "") for s in databricks["steps"]]
    assert "databricks bundle deploy --target prod" in runs
    assert "databricks bundle run --target prod cosnova_dbt" in runs
    assert set(jobs["pages"]["needs"]) == {"test", "databricks"}


def test_every_script_a_workflow_or_hook_calls_exists_and_is_executable() -> None:
    texts = [p.read_text(encoding="utf-8") for p in [*WORKFLOWS, ROOT / ".pre-commit-config.yaml"]]
    called = {m for text in texts for m in re.findall(r"scripts/[\w.-]+\.(?:sh|py)", text)}
    assert called
    for script in sorted(called):
        path = ROOT / script
        assert path.is_file(), script
        assert os.access(path, os.X_OK), f"{script} is not executable"


# ---- pre-commit -------------------------------------------------------------------------------------


def non_local_hooks(config: dict[str, Any]) -> list[str]:
    """Everything in a pre-commit config that would need GitHub (or an unpinned download) to run."""
    problems = []
    for repo in config.get("repos", []):
        if repo.get("repo") != "local":
            problems.append(f"repo {repo.get('repo')} is not local")
            continue
        for hook in repo.get("hooks", []):
            language = hook.get("language")
            if language not in {"system", "python"}:
                problems.append(f"{hook['id']}: language {language}")
            for dependency in hook.get("additional_dependencies", []):
                if "==" not in dependency:
                    problems.append(f"{hook['id']}: {dependency} is not pinned")
            if language == "system":
                executable = hook["entry"].split()[0]
                if not executable.startswith((".venv/bin/", "scripts/")):
                    problems.append(f"{hook['id']}: {executable} is not from the venv or scripts/")
    return problems


def test_every_pre_commit_hook_is_local() -> None:
    config = load_yaml(ROOT / ".pre-commit-config.yaml")
    ids = {hook["id"] for repo in config["repos"] for hook in repo["hooks"]}
    assert ids >= {
        "sqlfluff-lint",
        "ruff-check",
        "ruff-format",
        "check-yaml",
        "check-json",
        "end-of-file-fixer",
        "trailing-whitespace",
        "github-workflows-schema",
        "dbt-manifest",
    }
    assert non_local_hooks(config) == []


def test_hook_check_rejects_remote_and_unpinned_hooks() -> None:
    config = {
        "repos": [
            {"repo": "https://github.com/pre-commit/pre-commit-hooks", "rev": "v6.0.0", "hooks": [{"id": "x"}]},
            {
                "repo": "local",
                "hooks": [
                    {"id": "a", "entry": "a", "language": "node"},
                    {"id": "b", "entry": "b", "language": "python", "additional_dependencies": ["pre-commit-hooks"]},
                    {"id": "c", "entry": "sqlfluff lint", "language": "system"},
                ],
            },
        ]
    }
    assert len(non_local_hooks(config)) == 4


def test_pre_commit_accepts_the_config() -> None:
    result = run(BIN / "pre-commit", "validate-config", ".pre-commit-config.yaml")
    assert result.returncode == 0, result.stdout + result.stderr


# the Makefile's setup stamps, taken as up to date so that `make` only shows or runs the target's own recipe
SETUP_STAMPS = (".venv/bin/.installed", "profiles.yml", ".lakehouse/jars/.ready", "dbt_packages/.ready")
ENV_FILES = [f"--old-file={stamp}" for stamp in SETUP_STAMPS]


def make_dry_run(target: str) -> str:
    """The commands ``make <target>`` would run."""
    result = run("make", "--dry-run", "--always-make", *ENV_FILES, target)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_make_lint_runs_every_hook_once() -> None:
    """`make lint` (part of `make test`) runs ruff and sqlfluff itself and every other hook through pre-commit."""
    commands = make_dry_run("lint")
    assert "scripts/lint_sql.py" in commands
    assert "ruff check" in commands
    assert "ruff format --check" in commands
    skipped = re.search(r"SKIP=([\w,-]+) \S*pre-commit run --all-files", commands)
    assert skipped, commands
    config = load_yaml(ROOT / ".pre-commit-config.yaml")
    ids = {hook["id"] for repo in config["repos"] for hook in repo["hooks"]}
    # a renamed hook must not be skipped by a stale name, nor skipped without running elsewhere
    assert set(skipped.group(1).split(",")) == {"sqlfluff-lint", "ruff-check", "ruff-format"} <= ids
    assert "scripts/check_manifest.sh" in commands, "outside git the manifest check must still run"


def test_make_test_skips_only_the_manifest_hook_that_its_quality_step_repeats() -> None:
    """In ``make test`` lint leaves ``dbt parse`` + dbt-score to test-quality (stricter thresholds), nothing else."""
    commands = make_dry_run("test-lane-warehouse")
    skipped = re.search(r"SKIP=([\w,-]+) \S*pre-commit run --all-files", commands)
    assert skipped, commands
    assert set(skipped.group(1).split(",")) == {"sqlfluff-lint", "ruff-check", "ruff-format", "dbt-manifest"}
    assert "dbt parse --target databricks" in commands
    assert "dbt-score lint --manifest target/databricks/manifest.json" in commands


def run_hooks_target(folder: Path) -> subprocess.CompletedProcess[str]:
    # BIN points at this venv and its stamp is taken as up to date, so only the `hooks` recipe runs in `folder`
    env = {**os.environ, "NO_COLOR": "1", "GIT_CEILING_DIRECTORIES": str(folder.parent)}
    args = ["make", "-f", str(ROOT / "Makefile"), f"BIN={BIN}", f"--old-file={BIN}/.installed", "hooks"]
    return subprocess.run(args, cwd=folder, env=env, capture_output=True, text=True, check=False)


def test_make_hooks_installs_the_git_hook_in_a_work_tree(tmp_path: Path) -> None:
    assert run("git", "init", "--quiet", tmp_path).returncode == 0
    result = run_hooks_target(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    hook = tmp_path / ".git" / "hooks" / "pre-commit"
    assert hook.is_file()
    assert "pre-commit" in hook.read_text(encoding="utf-8")


def test_make_hooks_skips_quietly_outside_git(tmp_path: Path) -> None:
    result = run_hooks_target(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "not inside a git work tree" in result.stdout
    assert not (tmp_path / ".git").exists()


# ---- Databricks Asset Bundle ------------------------------------------------------------------------


def bundle() -> dict[str, Any]:
    """databricks.yml with its ``include:`` files merged in, as the CLI reads it."""
    config = load_yaml(ROOT / "databricks.yml")
    for pattern in config.get("include", []):
        for path in sorted(ROOT.glob(pattern)):
            for section, content in load_yaml(path).items():
                for kind, items in content.items():
                    config.setdefault(section, {}).setdefault(kind, {}).update(items)
    return config


def dbt_tasks(config: dict[str, Any]) -> list[dict[str, Any]]:
    jobs = config.get("resources", {}).get("jobs", {})
    return [task["dbt_task"] for job in jobs.values() for task in job.get("tasks", []) if "dbt_task" in task]


def requirement_pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        found = re.match(r"^([A-Za-z0-9_.-]+)(?:\[[^\]]*\])?==([^\s#]+)", line)
        if found:
            pins[found.group(1).lower()] = found.group(2)
    return pins


def test_bundle_has_dev_and_prod_targets() -> None:
    config = bundle()
    assert config["bundle"]["name"] == "cosnova_lakehouse"
    targets = config["targets"]
    assert targets["dev"]["mode"] == "development"
    assert targets["dev"]["default"] is True
    assert targets["prod"]["mode"] == "production"
    assert "warehouse_id" in config["variables"]
    assert "default" not in config["variables"]["warehouse_id"], "the warehouse comes from the environment"
    assert "host" not in targets["prod"].get("workspace", {}), "the host comes from DATABRICKS_HOST"


def test_bundle_job_runs_dbt_deps_and_dbt_build_on_databricks() -> None:
    tasks = dbt_tasks(bundle())
    assert len(tasks) == 1
    task = tasks[0]
    commands = [" ".join(c.split()) for c in task["commands"]]
    assert commands[0] == "dbt deps --target databricks"
    assert commands[1].startswith("dbt build --target databricks --vars")
    assert "${var.warehouse_id}" in commands[1]
    assert all(c.startswith("dbt ") for c in commands)

    project = (ROOT / "resources" / task["project_directory"]).resolve()
    assert project == ROOT
    profiles = load_yaml(project / task["profiles_directory"] / "profiles.yml")
    profile_name = load_yaml(ROOT / "dbt_project.yml")["profile"]
    output = profiles[profile_name]["outputs"]["databricks"]
    assert output["type"] == "databricks"
    assert output["host"] == "{{ env_var('DBT_HOST') }}"
    assert output["token"] == "{{ env_var('DBT_ACCESS_TOKEN') }}"


def test_bundle_job_environment_uses_the_pinned_dbt_versions() -> None:
    config = bundle()
    pins = requirement_pins()
    assert config["variables"]["dbt_core_version"]["default"] == pins["dbt-core"]
    assert config["variables"]["dbt_databricks_version"]["default"] == pins["dbt-databricks"]
    (job,) = config["resources"]["jobs"].values()
    dependencies = job["environments"][0]["spec"]["dependencies"]
    assert dependencies == ["dbt-core==${var.dbt_core_version}", "dbt-databricks==${var.dbt_databricks_version}"]


def test_bundle_check_notices_a_job_without_dbt_build() -> None:
    config = bundle()
    (job,) = config["resources"]["jobs"].values()
    job["tasks"] = [{"task_key": "x", "notebook_task": {"notebook_path": "n"}}]
    assert dbt_tasks(config) == []


# ---- sqlfluff configuration ---------------------------------------------------------------------------


def test_jinja_library_pass_excludes_every_project_rule_plus_layout() -> None:
    lint_sql = load_script("lint_sql.py")
    parser = configparser.ConfigParser()
    parser.read(ROOT / ".sqlfluff")
    assert parser.get("sqlfluff", "dialect") == "databricks"
    assert parser.get("sqlfluff", "templater") == "jinja"
    project_rules = [r.strip() for r in parser.get("sqlfluff", "exclude_rules").split(",")]
    assert lint_sql.excluded_rules() == project_rules
    assert lint_sql.is_jinja_library(Path("macros/gold/scd2.sql"))
    assert lint_sql.is_jinja_library(Path("tests/generic/expect_x.sql"))
    assert not lint_sql.is_jinja_library(Path("tests/marts/assert_x.sql"))
    assert not lint_sql.is_jinja_library(Path("models/marts/macros_like_name.sql"))


GOOD_MODEL = """\
{%- set hashed_columns = {'customer_hk': 'customer_id'} -%}

with staged as (
    {{ datavault.stage(source_model='base_crm__customers', hashed_columns=hashed_columns) | indent(4) }}
),

final as (
    select
        staged.customer_hk,
        staged.customer_id,
        count(*) as row_count
    from staged
    where staged.customer_id != ''
    group by staged.customer_hk, staged.customer_id
)

select * from final
"""

BAD_MODEL = """\
WITH Staged AS (SELECT customer_id c, count(*) FROM {{ ref('stg_crm__customers') }} GROUP BY 1)
select * from Staged
"""


def sqlfluff_lint(folder: Path, sql: str) -> subprocess.CompletedProcess[str]:
    model = folder / "models" / "example_model.sql"
    model.parent.mkdir(parents=True)
    model.write_text(sql, encoding="utf-8")
    config = ROOT / ".sqlfluff"  # the file sits outside the repository, so name the project config
    return run(BIN / "sqlfluff", "lint", "--config", config, "--processes", "1", "--format", "json", model)


def test_sqlfluff_accepts_a_dbt_style_model_calling_the_datavault_package(tmp_path: Path) -> None:
    folder = tmp_path / "good"
    result = sqlfluff_lint(folder, GOOD_MODEL)
    violations = [(v["code"], v["description"]) for f in json.loads(result.stdout) for v in f["violations"]]
    assert violations == []
    assert result.returncode == 0


def test_sqlfluff_rejects_upper_case_implicit_aliases_and_unnamed_expressions(tmp_path: Path) -> None:
    result = sqlfluff_lint(tmp_path / "bad", BAD_MODEL)
    assert result.returncode != 0
    codes = {v["code"] for f in json.loads(result.stdout) for v in f["violations"]}
    # CP01 keywords lower case, CP02 identifiers lower case, AL02 explicit `as`, AL03 name the expression
    assert {"CP01", "CP02", "AL02", "AL03"} <= codes
