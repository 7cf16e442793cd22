"""The one place that builds the embedded SparkSession.

The Spark settings live in the dbt profile (``profiles.yml``, target ``local``), so a plain ``dbt build``
and the ``lakehouse`` commands run on an identically configured engine. When ``lakehouse`` runs dbt
in-process, dbt-spark's ``getOrCreate()`` picks up the session built here: one JVM start per command.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import jinja2
import yaml

from lakehouse.jars import ensure_jars
from lakehouse.paths import LocalPaths, local_paths

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

PROFILE_NAME = "cosnova_lakehouse"
DERBY_WAIT_SECONDS = 60.0  # how long a new run waits for a killed run's JVM to let go of the metastore


class EngineBusyError(RuntimeError):
    """Another process holds the local engine (the embedded Derby metastore allows only one)."""


def ensure_profiles(root: Path) -> Path:
    """Create ``profiles.yml`` from the committed example when missing; returns the profiles dir."""
    profile = root / "profiles.yml"
    if not profile.exists():
        shutil.copyfile(root / "profiles.yml.example", profile)
    return root


def dbt_environment(root: Path) -> dict[str, str]:
    """Environment variables every dbt call on this project needs."""
    return {
        "DBT_PROFILES_DIR": str(ensure_profiles(root)),
        "DBT_PROJECT_DIR": str(root),
        "LAKEHOUSE_HOME": str(root),
    }


def _render_env_var(environment: dict[str, str]) -> Any:
    def env_var(name: str, default: str | None = None) -> str:
        if name in environment:
            return environment[name]
        if default is None:
            raise KeyError(f"environment variable {name} is required by profiles.yml")
        return default

    return env_var


def local_spark_conf(root: Path) -> dict[str, str]:
    """The ``server_side_parameters`` of the ``local`` target, rendered like dbt renders them."""
    profiles = yaml.safe_load((ensure_profiles(root) / "profiles.yml").read_text())
    output = profiles[PROFILE_NAME]["outputs"]["local"]
    environment = {**os.environ, "LAKEHOUSE_HOME": str(root)}
    jinja = jinja2.Environment(undefined=jinja2.StrictUndefined)
    env_var = _render_env_var(environment)
    return {
        str(key): jinja.from_string(str(value)).render(env_var=env_var)
        for key, value in output.get("server_side_parameters", {}).items()
    }


def metastore_in_use(metastore: Path) -> bool:
    """True while a JVM has the Derby metastore open: Derby holds a POSIX lock on ``dbex.lck`` while booted."""
    try:
        descriptor = os.open(metastore / "dbex.lck", os.O_RDWR)
    except OSError:
        return False  # no metastore yet, or never booted
    try:
        fcntl.lockf(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    else:
        fcntl.lockf(descriptor, fcntl.LOCK_UN)
        return False
    finally:
        os.close(descriptor)


def _wait_for_metastore(paths: LocalPaths, timeout: float) -> None:
    """Wait for another JVM to release the metastore; fail like a busy lock if it does not in time.

    Our lock dies with the Python process, but a SIGKILLed run's JVM shuts down a moment later, and a plain
    ``dbt``/``pyspark`` process never takes our lock at all: Derby's own lock tells both apart from a free one.
    """
    deadline = time.monotonic() + timeout
    while metastore_in_use(paths.metastore):
        if time.monotonic() >= deadline:
            raise EngineBusyError(
                f"another process is already running on this local warehouse: the metastore {paths.metastore} is "
                "open in another JVM (a dbt or Spark process started outside lakehouse, or a killed run still "
                "shutting down); nothing was changed: stop it or wait, then try again"
            )
        time.sleep(0.5)


@contextmanager
def engine_lock(paths: LocalPaths, metastore_timeout: float = DERBY_WAIT_SECONDS) -> Iterator[IO[str]]:
    """Hold an exclusive lock on the local engine for the duration of a command.

    Derby (Spark's embedded metastore) lets one process in at a time; a second one would fail deep inside
    Hive with a cryptic error, or worse, after ingestion had started. We fail first, clearly.
    """
    paths.state.mkdir(parents=True, exist_ok=True)
    handle = paths.lock_file.open("a+")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError as error:
        handle.seek(0)
        holder = handle.read().strip() or "another process"
        handle.close()
        raise EngineBusyError(
            f"another lakehouse run is already running on this local warehouse ({holder}, lock "
            f"{paths.lock_file}); nothing was changed: wait for that run to finish, then try again"
        ) from error
    handle.seek(0)
    handle.truncate()
    handle.write(f"pid {os.getpid()}")
    handle.flush()
    try:
        _wait_for_metastore(paths, metastore_timeout)
        yield handle
    finally:
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()


def get_spark(root: Path | None = None, log: Any = print) -> SparkSession:
    """Build (or return the running) SparkSession of the ``local`` target, fetching jars when needed."""
    paths = local_paths(root)
    ensure_jars(paths.jars, log=log)
    for key, value in dbt_environment(paths.root).items():
        os.environ.setdefault(key, value)
    # the engine is local-only: bind to loopback instead of whatever the hostname resolves to
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.enableHiveSupport()
    for key, value in local_spark_conf(paths.root).items():
        builder = builder.config(key, value)
    # dbt-spark forces ANSI off for its sessions; we do the same so Python and dbt agree (models use
    # try_cast and never depend on either behaviour).
    builder = builder.config("spark.sql.ansi.enabled", "false")
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


def restart_spark(spark: SparkSession, root: Path | None = None, log: Any = print) -> SparkSession:
    """Stop the session and its JVM, then start a new one: a fresh JVM, as each ``lakehouse build`` gets.

    ``SparkSession.stop()`` alone keeps the JVM (and its JIT state, caches and code cache) for the next session.
    """
    from pyspark import SparkContext

    spark.stop()
    gateway = SparkContext._gateway
    if gateway is not None:
        process = getattr(gateway, "proc", None)
        gateway.shutdown()
        if process is not None:
            if process.stdin is not None:
                process.stdin.close()  # the JVM exits when its stdin closes (pyspark's launcher contract)
            process.wait(timeout=DERBY_WAIT_SECONDS)
        SparkContext._gateway = None
        SparkContext._jvm = None
    _wait_for_metastore(local_paths(root), DERBY_WAIT_SECONDS)
    return get_spark(root, log=log)
