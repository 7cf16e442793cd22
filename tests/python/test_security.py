"""Security: no credential in the repository or in anything ``lakehouse`` prints or logs; secrets come only
from the environment; ``lakehouse sql`` stays on the local warehouse; the e-mail salt has no production default.

Planted secrets are assembled at run time so that this file holds no credential-shaped literal itself.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from lakehouse import cli

ROOT = Path(__file__).resolve().parents[2]
PLANTED_TOKEN = "dapi" + "5e1f" * 8  # Databricks personal access token format
JOB_SECRET = "cosnova-lakehouse/email-hash-salt"  # the secret's name (scope/key), not its value
PLANTED_AWS_KEY = "AKIA" + "Q3EXAMPLE7" + "ZZ4KEY"
PROFILES = sorted(
    {
        ROOT / "profiles.yml.example",
        ROOT / "resources" / "dbt_profiles" / "profiles.yml",
        *ROOT.glob("integration_tests/*/profiles.yml"),
        *ROOT.glob("packages/*/integration_tests/profiles.yml"),
    }
)
SECRET_KEYS = {"token", "password", "client_secret", "access_token", "refresh_token"}
ENV_ONLY = re.compile(r"^\{\{\s*env_var\('([A-Z][A-Z0-9_]*)'\)\s*\}\}$")  # no default: a missing secret fails


def load_scanner() -> ModuleType:
    spec = importlib.util.spec_from_file_location("secret_scan", ROOT / "scripts" / "secret_scan.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["secret_scan"] = module  # dataclasses resolve the module by name
    spec.loader.exec_module(module)
    return module


scanner = load_scanner()


# --- the secret scan ---------------------------------------------------------------------------------------


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def test_secret_scan_catches_planted_secrets_in_tracked_and_new_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    git(tmp_path, "init", "-q")
    private_key = "-----BEGIN " + "RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\n"
    files = {
        "profiles.yml": "p:\n  outputs:\n    prod:\n      token: " + PLANTED_TOKEN + "\n",
        "deploy/keys.pem": private_key,
        "notes.md": f"the AWS key is {PLANTED_AWS_KEY}\n",
        ".env": "WAREHOUSE_PASSWORD=" + "hunter2hunter2\n",
        "Makefile": "test:\n\tDATABRICKS_TOKEN=dummy dbt parse\n",  # the allow-listed dummy
        "ok.yml": "token: \"{{ env_var('DATABRICKS_TOKEN') }}\"\nGH_TOKEN: ${{ github.token }}\n",
        "ignored/secret.txt": PLANTED_TOKEN,
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    (tmp_path / ".gitignore").write_text("ignored/\n")
    git(tmp_path, "add", "profiles.yml", "notes.md")  # the rest is new: caught before its first commit

    assert scanner.main(["--root", str(tmp_path)]) == 1
    output = capsys.readouterr().out
    found = {line.split(":")[0] + ":" + line.split(": ")[1] for line in output.splitlines()}
    assert found == {
        "profiles.yml:Databricks token",
        "profiles.yml:literal value for token",
        "deploy/keys.pem:private key",
        "notes.md:AWS access key",
        ".env:literal value for WAREHOUSE_PASSWORD",
    }
    assert PLANTED_TOKEN not in output and "hunter2hunter2" not in output  # findings are masked


def test_the_allowlist_is_pinned_to_its_file() -> None:
    assert scanner.scan_text("Makefile", "\tDATABRICKS_TOKEN=dummy dbt parse\n") == []
    (finding,) = scanner.scan_text("scripts/deploy.sh", "DATABRICKS_TOKEN=dummy dbt parse\n")
    assert finding.kind == "literal value for DATABRICKS_TOKEN"


def test_the_repository_holds_no_secret() -> None:
    files = scanner.repository_files(ROOT)
    assert "Makefile" in files and "profiles.yml.example" in files
    assert [str(finding) for finding in scanner.scan(ROOT, files)] == []


# --- secrets only from the environment -----------------------------------------------------------------------


def outputs(path: Path) -> list[tuple[str, dict[str, Any]]]:
    profiles = yaml.safe_load(path.read_text())
    return [(name, output) for profile in profiles.values() for name, output in profile["outputs"].items()]


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_profiles_read_credentials_only_from_environment_variables(path: Path) -> None:
    for name, output in outputs(path):
        for key, value in output.items():
            if key in SECRET_KEYS:
                assert ENV_ONLY.match(str(value)), f"{path.name} {name}.{key} must be {{{{ env_var('X') }}}}"
    assert scanner.scan_text(path.name, path.read_text()) == []


def test_the_databricks_profile_has_a_token_and_the_local_one_none() -> None:
    (databricks,) = [o for n, o in outputs(ROOT / "profiles.yml.example") if n == "databricks"]
    assert ENV_ONLY.match(databricks["token"]).group(1) == "DATABRICKS_TOKEN"
    (local,) = [o for n, o in outputs(ROOT / "profiles.yml.example") if n == "local"]
    assert not SECRET_KEYS & set(local)


# --- lakehouse never prints tokens; the e-mail salt has no production default ---------------------------------


def test_lakehouse_never_prints_or_logs_the_token_and_the_salt_is_required_on_databricks(tmp_path: Path) -> None:
    """``lakehouse dbt compile --target databricks`` of the model that hashes e-mails, without a salt: it must fail
    naming LAKEHOUSE_EMAIL_SALT, and neither its output nor dbt's logs and artefacts may contain the token."""
    environment = {
        **os.environ,
        "LAKEHOUSE_HOME": str(ROOT),
        "DATABRICKS_HOST": "dummy.cloud.databricks.com",
        "DATABRICKS_HTTP_PATH": "/sql/1.0/warehouses/dummy",
        "DATABRICKS_TOKEN": PLANTED_TOKEN,
        "DATABRICKS_CATALOG": "cosnova",
        "DBT_TARGET_PATH": str(tmp_path / "target"),
        "DBT_LOG_PATH": str(tmp_path / "logs"),
    }
    environment.pop("LAKEHOUSE_EMAIL_SALT", None)
    command = ["dbt", "compile", "--target", "databricks", "--debug", "--no-populate-cache"]
    command += ["--select", "int_customer__current_attributes"]
    process = subprocess.run(
        [sys.executable, "-m", "lakehouse.cli", *command],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    output = process.stdout + process.stderr
    assert process.returncode == 1, output[-3000:]
    assert "LAKEHOUSE_EMAIL_SALT is not set" in output and "no default outside the `local` target" in output
    # the scheduled job names a Databricks secret instead: the warehouse reads it with secret(), no value in SQL
    process = subprocess.run(
        [sys.executable, "-m", "lakehouse.cli", *command, "--vars", "{email_salt_secret: " + JOB_SECRET + "}"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    output += process.stdout + process.stderr
    assert process.returncode == 0, output[-3000:]
    (compiled,) = (tmp_path / "target" / "compiled").rglob("int_customer__current_attributes.sql")
    assert "sha2(concat(secret('cosnova-lakehouse', 'email-hash-salt'), lower(trim(" in compiled.read_text()
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert any(p.name == "dbt.log" for p in written)
    assert PLANTED_TOKEN not in output
    assert [p.name for p in written if PLANTED_TOKEN.encode() in p.read_bytes()] == []


def test_the_databricks_job_passes_the_salt_secret_and_no_salt_value() -> None:
    bundle = yaml.safe_load((ROOT / "databricks.yml").read_text())
    assert bundle["variables"]["email_salt_secret"]["default"] == JOB_SECRET
    job = (ROOT / "resources" / "cosnova_dbt.job.yml").read_text()
    assert '"email_salt_secret": "${var.email_salt_secret}"' in " ".join(job.split())
    assert "LAKEHOUSE_EMAIL_SALT" not in job


def test_build_refuses_another_target(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["build", "--target", "databricks"]) == 2
    assert "build loads the local warehouse only (target 'databricks' selected)" in capsys.readouterr().err


# --- lakehouse sql is for the local warehouse only ---------------------------------------------------------


def test_sql_help_says_local_warehouse_only(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["sql", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "local embedded warehouse" in help_text and "never connects to Databricks" in help_text
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    assert "LOCAL warehouse only" in capsys.readouterr().out


def test_sql_refuses_when_another_target_is_selected(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DBT_TARGET", "databricks")
    monkeypatch.setenv("DATABRICKS_TOKEN", PLANTED_TOKEN)
    assert cli.main(["sql", "select 1"]) == 2
    captured = capsys.readouterr()
    assert "local embedded warehouse only, but DBT_TARGET=databricks" in captured.err
    assert PLANTED_TOKEN not in captured.out + captured.err
