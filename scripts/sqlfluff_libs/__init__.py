"""Stand-ins for dbt's Jinja context, so sqlfluff's ``jinja`` templater renders our models offline.

sqlfluff's ``apply_dbt_builtins`` already emulates ``ref``, ``source``, ``config``, ``var``, ``this`` and
``is_incremental``. This module (``library_path`` in ``.sqlfluff``; a package, so every public name below
becomes a Jinja global) adds the rest of what our SQL touches:

* the ``datavault`` package namespace: ``datavault.hub(...)`` and friends render a small placeholder query
  instead of running the real macros (they dispatch on the adapter, query the warehouse and read the
  graph, none of which exist without a connection). The package's own SQL is tested by its scenario
  suite; sqlfluff checks the SQL our models write around the macro calls.
* ``var`` with dbt's semantics (command-line-free: the ``vars:`` of ``dbt_project.yml``, else the default
  the call gives, else a placeholder); sqlfluff's own builtin ignores the default, so a macro that checks
  a var's value would fail.
* ``config`` that is both callable (``{{ config(...) }}``) and readable (``config.get('meta')``).
* ``target``, ``env_var``, ``fromyaml``/``tojson``, ``adapter``, ``exceptions``, ``log``, ``execute``,
  ``run_query``, ``modules``, ``graph`` and dbt's ``as_bool``/``as_number``/``as_text``/``as_native``
  filters, with the values of the ``local`` target.

A name missing here surfaces as an sqlfluff templating error (TMP), not as a silently skipped file.
"""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path
from typing import Any

import jinja2
import yaml
from sqlfluff.core.templaters.builtins.dbt import VarEmulator

_PROJECT_ROOT = Path(__file__).resolve().parents[2]

# Data Vault macros that produce a whole query (their output is a SELECT statement).
_TABLE_MACROS = frozenset(
    {
        "stage",
        "hub",
        "link",
        "t_link",
        "nh_link",
        "sat",
        "eff_sat",
        "ma_sat",
        "xts",
        "pit",
        "bridge",
        "ref_table",
        "ghost_records",
    }
)


class _Placeholder:
    """Any attribute, call, item or iteration on it gives something renderable."""

    unsafe_callable = False  # tell Jinja's sandbox that calling it is harmless
    alters_data = False

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attribute: str) -> _Placeholder:
        if attribute.startswith("__"):
            raise AttributeError(attribute)
        return _Placeholder(f"{self._name}_{attribute}")

    def __call__(self, *args: Any, **kwargs: Any) -> str:
        return self._name

    def __getitem__(self, key: Any) -> _Placeholder:
        return _Placeholder(f"{self._name}_{key}")

    def __iter__(self) -> Any:
        return iter(())

    def __bool__(self) -> bool:
        return False

    def __str__(self) -> str:
        return self._name


class _Package:
    """A dbt package namespace: table macros render a query, other macros an identifier."""

    unsafe_callable = False
    alters_data = False

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, macro: str) -> Any:
        if macro.startswith("__"):
            raise AttributeError(macro)
        relation = f"{self._name}_{macro}"
        if macro in _TABLE_MACROS:
            return lambda *args, **kwargs: f"select * from {relation}"
        return lambda *args, **kwargs: relation


class _Target:
    """dbt's ``target`` for the default ``local`` profile output."""

    name = "local"
    type = "spark"
    profile_name = "cosnova_lakehouse"
    schema = "default"
    database = None
    catalog = None
    threads = 1

    def __getattr__(self, attribute: str) -> None:
        return None


class _Exceptions:
    """``exceptions.raise_compiler_error`` must fail loudly, as it would in dbt."""

    @staticmethod
    def raise_compiler_error(message: str, *args: Any) -> None:
        # a Jinja error: sqlfluff reports it as a TMP violation on the file instead of crashing
        raise jinja2.TemplateRuntimeError(f"dbt compiler error: {message}")

    @staticmethod
    def warn(message: str, *args: Any) -> str:
        return ""

    def __getattr__(self, attribute: str) -> Any:
        return lambda *args, **kwargs: ""


class _Adapter:
    """``adapter.dispatch(name, package)`` returns a placeholder macro; other methods return nothing."""

    unsafe_callable = False
    alters_data = False

    def dispatch(self, macro_name: str, macro_namespace: str | None = None) -> Any:
        return _Package(macro_namespace or "dbt").__getattr__(macro_name)

    def quote(self, identifier: str) -> str:
        return f"`{identifier}`"

    def __getattr__(self, attribute: str) -> Any:
        if attribute.startswith("__"):
            raise AttributeError(attribute)
        return lambda *args, **kwargs: _Placeholder(attribute)


class _Modules:
    datetime = datetime
    re = re
    json = json


datavault = _Package("datavault")
dbt = _Package("dbt")
target = _Target()
adapter = _Adapter()
exceptions = _Exceptions()
modules = _Modules()
graph: dict[str, dict[str, Any]] = {"nodes": {}, "sources": {}, "macros": {}, "exposures": {}}
execute = False  # parse phase: dbt renders models once with execute=False, sqlfluff does likewise
flags = _Placeholder("flags")
invocation_id = "00000000-0000-0000-0000-000000000000"
run_started_at = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)


def _project_vars() -> dict[str, Any]:
    """The ``vars:`` block of dbt_project.yml (global keys and the ones scoped to any package)."""
    try:
        project = yaml.safe_load((_PROJECT_ROOT / "dbt_project.yml").read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return {}
    found: dict[str, Any] = {}
    for key, value in (project.get("vars") or {}).items():
        if isinstance(value, dict):  # `vars: {package_name: {...}}` scoping
            found.update({k: v for k, v in value.items() if k not in found})
        else:
            found[key] = value
    return found


_VARS = _project_vars()
_NO_DEFAULT = object()


def var(name: str, default: Any = _NO_DEFAULT) -> Any:
    """dbt's ``var``: project value, else the given default, else sqlfluff's string-like placeholder."""
    if name in _VARS:
        return _VARS[name]
    if default is not _NO_DEFAULT:
        return default
    return VarEmulator()


class _Config:
    """dbt's ``config``: ``{{ config(materialized=...) }}`` renders nothing; ``config.get`` reads defaults."""

    unsafe_callable = False
    alters_data = False

    def __call__(self, *args: Any, **kwargs: Any) -> str:
        return ""

    def get(self, name: str, default: Any = None) -> Any:
        return default

    def require(self, name: str) -> str:
        return f"config_{name}"


config = _Config()


def env_var(name: str, default: str | None = None) -> str:
    """dbt's ``env_var``: the default when given, else a placeholder (never the real environment)."""
    return default if default is not None else f"env_{name.lower()}"


def fromyaml(text: str, default: Any = None) -> Any:
    """dbt's ``fromyaml``: AutomateDV-style models keep their metadata as a YAML block."""
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        return default


def fromjson(text: str, default: Any = None) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return default


def tojson(value: Any, sort_keys: bool = False) -> str:
    return json.dumps(value, sort_keys=sort_keys, default=str)


def toyaml(value: Any, sort_keys: bool = False) -> str:
    return yaml.safe_dump(value, sort_keys=sort_keys)


def _as_bool(value: Any) -> bool:
    return str(value).strip().lower() in {"true", "1", "yes"}


def _as_number(value: Any) -> float | int:
    text = str(value)
    return int(text) if text.lstrip("-").isdigit() else float(text)


SQLFLUFF_JINJA_FILTERS = {
    "as_bool": _as_bool,
    "as_number": _as_number,
    "as_text": str,
    "as_native": lambda value: value,
}


def log(message: Any, info: bool = False) -> str:
    return ""


def run_query(sql: str) -> None:
    """Nothing runs offline; with ``execute`` false our macros do not read the result."""
    return None


def statement(*args: Any, **kwargs: Any) -> str:
    return ""


def load_result(name: str) -> None:
    return None
