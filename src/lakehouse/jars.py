"""Fetch the Delta Lake jars the embedded Spark engine needs, once, into ``.lakehouse/jars``.

Delta's Spark connector is a JVM artifact on Maven Central, not part of the ``delta-spark`` wheel. We pin
exactly the two jars Delta needs on top of PySpark's own jars (letting a resolver pull Delta's transitive
dependencies would bring older Hadoop/Parquet/Jackson jars that shadow Spark's). Three ways to get them,
tried in order (override with ``LAKEHOUSE_JAR_RESOLVERS=maven,ivy`` for instance):

* ``http``  - plain HTTPS download from ``LAKEHOUSE_MAVEN_REPO`` (default Maven Central), checked against
  the repository's SHA-1; honours ``HTTPS_PROXY``.
* ``maven`` - ``mvn dependency:copy``, which honours a corporate ``~/.m2/settings.xml`` (mirrors, proxies).
* ``ivy``   - Spark's own ``spark.jars.packages`` resolver (Ivy), as ``configure_spark_with_delta_pip`` does.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import shutil
import subprocess
import tempfile
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from lakehouse.java_runtime import select_java_home

DELTA_VERSION = "4.4.0"
SPARK_BINARY_VERSION = "4.2"
SCALA_BINARY_VERSION = "2.13"
MIN_JAVA_MAJOR = 17
DEFAULT_MAVEN_REPO = "https://repo1.maven.org/maven2"


@dataclass(frozen=True)
class MavenArtifact:
    group: str
    artifact: str
    version: str

    @property
    def file_name(self) -> str:
        return f"{self.artifact}-{self.version}.jar"

    @property
    def coordinate(self) -> str:
        return f"{self.group}:{self.artifact}:{self.version}"

    def url(self, repo: str) -> str:
        return f"{repo.rstrip('/')}/{self.group.replace('.', '/')}/{self.artifact}/{self.version}/{self.file_name}"


DELTA_JARS: tuple[MavenArtifact, ...] = (
    MavenArtifact("io.delta", f"delta-spark_{SPARK_BINARY_VERSION}_{SCALA_BINARY_VERSION}", DELTA_VERSION),
    MavenArtifact("io.delta", "delta-storage", DELTA_VERSION),
)


class EngineSetupError(RuntimeError):
    """A prerequisite of the embedded engine is missing; the message says what to install or do."""


def java_major_version(java: str = "java") -> int | None:
    """Major version of the ``java`` on PATH (or ``$JAVA_HOME``), ``None`` when there is none."""
    java_home = os.environ.get("JAVA_HOME")
    executable = str(Path(java_home) / "bin" / "java") if java_home else shutil.which(java)
    if not executable or not Path(executable).exists():
        return None
    return _executable_major_version(executable)


# one `java -version` per executable and process: `lakehouse setup` and every engine start (the bench restarts
# its engine) check the same Java
@functools.cache
def _executable_major_version(executable: str) -> int | None:
    try:
        result = subprocess.run([executable, "-version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    match = re.search(r'version "(\d+)(?:\.(\d+))?', result.stderr + result.stdout)
    if not match:
        return None
    major = int(match.group(1))
    return int(match.group(2) or 0) if major == 1 else major


def check_java() -> int:
    """Choose the engine's Java (``lakehouse.java_runtime``), then fail with one clear message unless it is
    Java 17+ (Spark 4 needs it)."""
    select_java_home()
    major = java_major_version()
    if major is None:
        raise EngineSetupError(
            "Java was not found. The embedded Spark engine needs a Java 17+ runtime: install one "
            "(e.g. `apt-get install openjdk-17-jre-headless`, `brew install openjdk@17`) and make sure "
            "`java -version` works or JAVA_HOME points to it."
        )
    if major < MIN_JAVA_MAJOR:
        raise EngineSetupError(
            f"Java {major} found, but Spark 4 needs Java {MIN_JAVA_MAJOR} or newer: install a newer JDK/JRE "
            "and put it first on PATH or set JAVA_HOME."
        )
    return major


def jar_paths(jar_dir: Path) -> list[Path]:
    """The jar files the Spark session loads, in a stable order."""
    return [jar_dir / artifact.file_name for artifact in DELTA_JARS]


def missing_jars(jar_dir: Path) -> list[MavenArtifact]:
    return [a for a in DELTA_JARS if not (jar_dir / a.file_name).is_file()]


def _fetch_http(artifact: MavenArtifact, target: Path) -> None:
    repo = os.environ.get("LAKEHOUSE_MAVEN_REPO", DEFAULT_MAVEN_REPO)
    url = artifact.url(repo)
    with urllib.request.urlopen(url, timeout=120) as response:
        payload = response.read()
    with urllib.request.urlopen(url + ".sha1", timeout=60) as response:
        expected_sha1 = response.read().decode().split()[0].strip().lower()
    actual_sha1 = hashlib.sha1(payload).hexdigest()
    if actual_sha1 != expected_sha1:
        raise OSError(f"checksum mismatch for {url}: expected {expected_sha1}, got {actual_sha1}")
    _atomic_write(target, payload)


def _fetch_maven(artifact: MavenArtifact, target: Path) -> None:
    mvn = shutil.which("mvn")
    if not mvn:
        raise OSError("mvn is not on PATH")
    with tempfile.TemporaryDirectory() as tmp:
        result = subprocess.run(
            [mvn, "-q", "-B", "dependency:copy", f"-Dartifact={artifact.coordinate}", f"-DoutputDirectory={tmp}"],
            capture_output=True,
            text=True,
            timeout=600,
        )
        downloaded = Path(tmp) / artifact.file_name
        if result.returncode != 0 or not downloaded.is_file():
            raise OSError(f"mvn dependency:copy failed: {(result.stdout + result.stderr).strip()[-500:]}")
        _atomic_write(target, downloaded.read_bytes())


def _fetch_ivy(artifact: MavenArtifact, target: Path) -> None:
    """Let Spark's Ivy resolver fetch the artifact (without transitive dependencies) and copy it out."""
    from pyspark.sql import SparkSession  # imported lazily: starting a JVM is the expensive fallback

    with tempfile.TemporaryDirectory() as tmp:
        session = (
            SparkSession.builder.master("local[1]")
            .config("spark.jars.packages", artifact.coordinate)
            .config("spark.jars.ivy", tmp)
            .config("spark.jars.excludes", "*:*")  # the artifact itself only
            .config("spark.ui.enabled", "false")
            .getOrCreate()
        )
        session.stop()
        resolved = next(Path(tmp, "jars").glob(f"*{artifact.file_name}"), None)
        if resolved is None:
            raise OSError(f"Spark's Ivy resolver did not produce {artifact.file_name}")
        _atomic_write(target, resolved.read_bytes())


RESOLVERS: dict[str, Callable[[MavenArtifact, Path], None]] = {
    "http": _fetch_http,
    "maven": _fetch_maven,
    "ivy": _fetch_ivy,
}


def _atomic_write(target: Path, payload: bytes) -> None:
    """Write via a temporary file so an interrupted download never leaves a truncated jar behind."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".part")
    partial.write_bytes(payload)
    partial.replace(target)


def ensure_jars(jar_dir: Path, log: Callable[[str], None] = print) -> list[Path]:
    """Make sure every Delta jar is in ``jar_dir``; download what is missing. Returns the jar paths."""
    check_java()
    todo = missing_jars(jar_dir)
    if not todo:
        return jar_paths(jar_dir)
    order = [name.strip() for name in os.environ.get("LAKEHOUSE_JAR_RESOLVERS", "http,maven,ivy").split(",")]
    unknown = [name for name in order if name not in RESOLVERS]
    if unknown:
        raise EngineSetupError(
            f"LAKEHOUSE_JAR_RESOLVERS names unknown resolver(s) {unknown}; choose from {sorted(RESOLVERS)}"
        )
    for artifact in todo:
        errors: list[str] = []
        for name in order:
            log(f"fetching {artifact.coordinate} via {name} ...")
            try:
                RESOLVERS[name](artifact, jar_dir / artifact.file_name)
                break
            except Exception as error:  # each resolver fails in its own way; we report them all below
                errors.append(f"  {name}: {error}")
        else:
            raise EngineSetupError(
                f"could not download {artifact.coordinate} from Maven Central.\n" + "\n".join(errors) + "\n"
                "Check your network or proxy (HTTPS_PROXY, ~/.m2/settings.xml), or set LAKEHOUSE_MAVEN_REPO "
                f"to a Maven mirror, or place {artifact.file_name} in {jar_dir} by hand, then re-run `make setup`."
            )
    return jar_paths(jar_dir)
