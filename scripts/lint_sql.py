#!/usr/bin/env python3
"""Lint (or fix) the project's SQL with sqlfluff, in two passes.

* Queries (models, snapshots, analyses, singular tests) get every rule in ``.sqlfluff``.
* Jinja libraries (``macros/``, ``tests/generic/``) get the same rules except ``layout.indent`` (LT02):
  they are mostly ``{%- ... -%}`` control flow, and sqlfluff cannot place indentation around Jinja's
  whitespace control (upstream issues #5277 and #3988; its maintainers call ``{%-``/``-%}`` unsupported for
  layout). The SQL a macro produces is still linted inside every model that calls it.

Usage: ``scripts/lint_sql.py [--fix] [PATH ...]`` (default: the project's SQL folders). Pre-commit passes
the changed files; ``make lint`` passes nothing. Exit status is non-zero when either pass finds anything.
"""

from __future__ import annotations

import argparse
import configparser
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PATHS = ("models", "snapshots", "analyses", "tests", "macros")
JINJA_LIBRARY_DIRS = ("macros", "tests/generic")
LAYOUT_RULE = "layout.indent"


def excluded_rules(config_file: Path = ROOT / ".sqlfluff") -> list[str]:
    """The ``exclude_rules`` of the project config, so the second pass only adds LT02 to them."""
    parser = configparser.ConfigParser()
    parser.read(config_file, encoding="utf-8")
    raw = parser.get("sqlfluff", "exclude_rules", fallback="")
    return [rule.strip() for rule in raw.split(",") if rule.strip()]


def sql_files(paths: Sequence[str]) -> list[Path]:
    """Every ``.sql`` file under the given paths (files are kept as given), relative to the repo root."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        path = path if path.is_absolute() else (Path.cwd() / path)
        if path.is_dir():
            found.extend(sorted(path.rglob("*.sql")))
        elif path.suffix == ".sql" and path.exists():
            found.append(path)
    return [p.resolve().relative_to(ROOT) for p in found]


def is_jinja_library(path: Path) -> bool:
    text = path.as_posix()
    return any(text == d or text.startswith(f"{d}/") for d in JINJA_LIBRARY_DIRS)


def sqlfluff_executable() -> str:
    """The sqlfluff of the interpreter running this script, else of the project venv, else on PATH."""
    for candidate in (Path(sys.executable).with_name("sqlfluff"), ROOT / ".venv" / "bin" / "sqlfluff"):
        if candidate.is_file():
            return str(candidate)
    found = shutil.which("sqlfluff")
    if not found:
        raise SystemExit("sqlfluff not found: run `make setup` (it installs the pinned sqlfluff into .venv)")
    return found


def run_sqlfluff(command: str, files: Sequence[Path], extra: Sequence[str]) -> int:
    if not files:
        return 0
    args = [sqlfluff_executable(), command, *extra, *(str(f) for f in files)]
    # sqlfluff's worker pool leaves a semaphore for Python's resource tracker to warn about at exit: noise
    env = {**os.environ, "PYTHONWARNINGS": "ignore:resource_tracker:UserWarning"}
    return subprocess.run(args, cwd=ROOT, env=env, check=False).returncode


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fix", action="store_true", help="apply sqlfluff's fixes instead of reporting")
    parser.add_argument("paths", nargs="*", default=list(DEFAULT_PATHS))
    args = parser.parse_args(argv)

    files = sql_files(args.paths)
    queries = [f for f in files if not is_jinja_library(f)]
    libraries = [f for f in files if is_jinja_library(f)]
    command = "fix" if args.fix else "lint"
    status = run_sqlfluff(command, queries, [])
    library_rules = ",".join([*excluded_rules(), LAYOUT_RULE])
    status |= run_sqlfluff(command, libraries, ["--exclude-rules", library_rules])
    return status


if __name__ == "__main__":
    sys.exit(main())
