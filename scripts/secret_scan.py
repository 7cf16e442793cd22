#!/usr/bin/env python3
"""Scan the repository's files for credentials: no token, key or password may be committed.

Scans every file git tracks plus new files not ignored (so a secret is caught before its first commit),
looking for

* well-known token formats: Databricks personal access tokens, AWS access keys and secret keys, GitHub and
  Slack tokens, Azure storage account keys, private key blocks;
* a literal value assigned to a credential-named setting (``token``, ``password``, ``*_SECRET``, ...) in
  YAML, shell, Makefile or ``.env`` style: a value is fine only when it is taken from the environment or a
  secret store (``{{ env_var('X') }}``, ``${{ secrets.X }}``, ``${VAR}``, ``$VAR``) or is an obvious placeholder.

``ALLOWLIST`` holds the few literal dummies the project needs on purpose (``make test-databricks-compile``
parses the databricks target with a dummy token), each pinned to its file. Usage:
``scripts/secret_scan.py [--root DIR]``; exit status 1 when anything is found (each finding on one line,
with the matched text masked).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

TOKEN_PATTERNS: dict[str, re.Pattern[str]] = {
    "Databricks token": re.compile(r"\bdapi[0-9a-f]{32}(-\d+)?\b"),
    "AWS access key": re.compile(r"\b(AKIA|ASIA)[0-9A-Z]{16}\b"),
    "AWS secret key": re.compile(r"(?i)aws_secret_access_key\s*[=:]\s*[\"']?[A-Za-z0-9/+]{40}\b"),
    "GitHub token": re.compile(r"\b(gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{40,})"),
    "Slack token": re.compile(r"\bxox[abposr]-[A-Za-z0-9-]{10,}"),
    "Azure storage key": re.compile(r"AccountKey=[A-Za-z0-9+/=]{40,}"),
    "private key": re.compile(r"-----BEGIN ([A-Z]+ )*PRIVATE KEY( BLOCK)?-----"),
}
# a credential-named key or variable, then = or :, then the value (up to the end of the line)
ASSIGNMENT = re.compile(
    r"""(?ix)
    (?:^|[\s"'{,(])
    (?P<name>[a-z0-9_.-]*(?:password|passwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|client[_-]?secret))
    ["']?\s*(?::|=|:=)\s*
    (?P<value>"[^"]*"|'[^']*'|[^\s#,)}]+)
    """
)
ASSIGNMENT_FILES = re.compile(r"(\.ya?ml|\.env(\..*)?|\.sh|\.cfg|\.ini|\.toml|Makefile|\.properties)$")
# values that are not credentials: references to the environment or a secret store, and placeholders
NOT_A_SECRET = re.compile(
    r"""(?x)^["']?(
        \{\{.*                        # dbt / Jinja: {{ env_var('X') }}
      | \$\{\{.*                      # GitHub Actions: ${{ secrets.X }}
      | \$\{[^}]+\}                     # shell / bundle: ${VAR}, ${var.x}
      | \$[A-Za-z_][A-Za-z0-9_]*        # $VAR
      | \.\.\.|<[^>]*>|\*+|x+|changeme  # documentation placeholders
      | true|false|null|none|write|read|required|optional  # YAML settings such as `id-token: write`
    )["']?$""",
    re.IGNORECASE,
)
ALLOWLIST: frozenset[tuple[str, str]] = frozenset(
    {
        # make test-databricks-compile: `dbt parse --target databricks` needs some value, never a real one
        ("Makefile", "DATABRICKS_TOKEN=dummy"),
    }
)
SKIP_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".ico", ".jar", ".gz", ".zip", ".parquet", ".msgpack")


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    kind: str
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.kind}: {mask(self.text)}"


def mask(text: str) -> str:
    """Show where a finding is without printing the credential again (logs are not a safe place)."""
    text = text.strip()
    return text if len(text) <= 8 else f"{text[:6]}...{text[-2:]} ({len(text)} chars)"


def repository_files(root: Path) -> list[str]:
    """Tracked files plus untracked files that are not ignored, relative to ``root``."""
    listing = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=root,
        capture_output=True,
        check=True,
    ).stdout.decode()
    return sorted({name for name in listing.split("\0") if name})


def scan_text(path: str, text: str) -> list[Finding]:
    findings: list[Finding] = []
    check_assignments = bool(ASSIGNMENT_FILES.search(path))
    for number, line in enumerate(text.splitlines(), start=1):
        for kind, pattern in TOKEN_PATTERNS.items():
            for match in pattern.finditer(line):
                findings.append(Finding(path, number, kind, match.group(0)))
        if not check_assignments:
            continue
        for match in ASSIGNMENT.finditer(line):
            name, value = match.group("name"), match.group("value").strip()
            if NOT_A_SECRET.match(value) or (Path(path).name, f"{name}={value}") in ALLOWLIST:
                continue
            findings.append(Finding(path, number, f"literal value for {name}", value))
    return findings


def scan(root: Path, files: Iterable[str]) -> list[Finding]:
    findings: list[Finding] = []
    for name in files:
        path = root / name
        if name.endswith(SKIP_SUFFIXES) or not path.is_file():
            continue
        data = path.read_bytes()
        if b"\0" in data[:8192]:
            continue  # binary
        findings += scan_text(name, data.decode("utf-8", errors="replace"))
    return findings


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[1])
    args = parser.parse_args(argv)
    files = repository_files(args.root)
    findings = scan(args.root, files)
    for finding in findings:
        print(finding)
    if findings:
        print(f"secret scan: {len(findings)} finding(s) in {len(files)} files", file=sys.stderr)
        return 1
    print(f"secret scan: {len(files)} files, nothing found")
    return 0


if __name__ == "__main__":
    sys.exit(main())
