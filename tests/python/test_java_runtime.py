"""The engine's Java: JAVA_HOME when set, else the newest installed JDK of a version Spark supports."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from lakehouse.java_runtime import SPARK_JAVA_MAJORS, newest_supported_java_home, release_major, select_java_home

FULL_MODULES = "java.base java.sql jdk.incubator.vector jdk.unsupported"


def _jdk(folder: Path, name: str, version: str, modules: str | None = FULL_MODULES, mac: bool = False) -> Path:
    home = folder / name / "Contents" / "Home" if mac else folder / name
    (home / "bin").mkdir(parents=True)
    (home / "bin" / "java").write_text("#!/bin/sh\n")
    release = f'IMPLEMENTOR="Test"\nJAVA_VERSION="{version}"\n'
    if modules is not None:
        release += f'MODULES="{modules}"\n'
    (home / "release").write_text(release)
    return home


def test_the_newest_supported_jdk_is_chosen_and_others_are_passed_over(tmp_path: Path) -> None:
    debian, mac = tmp_path / "jvm", tmp_path / "JavaVirtualMachines"
    _jdk(debian, "java-17-openjdk-amd64", "17.0.15")
    chosen = _jdk(mac, "temurin-21.jdk", "21.0.8", mac=True)
    _jdk(debian, "java-8-openjdk-amd64", "1.8.0_452")
    _jdk(debian, "jdk-26", "26")  # newer than Spark supports
    _jdk(debian, "slim-25", "25.0.2", modules="java.base java.sql")  # jlink'ed without jdk.incubator.vector
    (debian / "broken").mkdir()  # no bin/java
    assert newest_supported_java_home([debian, mac, tmp_path / "absent"]) == chosen
    assert release_major(debian / "java-8-openjdk-amd64") == 8
    assert release_major(debian / "slim-25") is None and release_major(debian / "broken") is None

    _jdk(debian, "temurin-25-jdk-amd64", "25.0.3", modules=None)  # a release file without MODULES still counts
    environment: dict[str, str] = {"PATH": "/usr/bin"}
    assert select_java_home(environment, [debian, mac]) == str(debian / "temurin-25-jdk-amd64")
    assert environment["JAVA_HOME"] == str(debian / "temurin-25-jdk-amd64")


def test_java_home_set_by_the_user_is_kept_and_nothing_found_changes_nothing(tmp_path: Path) -> None:
    _jdk(tmp_path, "temurin-25", "25.0.3")
    pinned = {"JAVA_HOME": "/opt/my-jdk-17"}
    assert select_java_home(pinned, [tmp_path]) == "/opt/my-jdk-17" and pinned == {"JAVA_HOME": "/opt/my-jdk-17"}
    empty: dict[str, str] = {}
    assert select_java_home(empty, [tmp_path / "nothing-here"]) is None and empty == {}


def test_the_engine_runs_on_the_chosen_java(spark: Any) -> None:
    """PySpark starts its JVM from $JAVA_HOME: the session's Java is the one `lakehouse` chose (or was given)."""
    java_home = os.environ.get("JAVA_HOME")
    system = spark.sparkContext._jvm.java.lang.System
    major = int(system.getProperty("java.specification.version"))
    assert major in SPARK_JAVA_MAJORS
    if java_home:
        assert Path(system.getProperty("java.home")).resolve() == Path(java_home).resolve()
    installed = newest_supported_java_home()
    if installed is not None and java_home == str(installed):
        assert major == release_major(installed)


def test_each_java_executable_is_asked_for_its_version_once(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """`lakehouse setup` and every engine start check Java: one `java -version` per executable and process."""
    from lakehouse.jars import java_major_version

    calls = tmp_path / "calls"
    java = tmp_path / "jdk" / "bin" / "java"
    java.parent.mkdir(parents=True)
    java.write_text(f"#!/bin/sh\necho x >> {calls}\necho 'openjdk version \"21.0.2\" 2024-01-16' >&2\n")
    java.chmod(0o755)
    monkeypatch.setenv("JAVA_HOME", str(tmp_path / "jdk"))
    assert java_major_version() == 21
    assert java_major_version() == 21
    assert calls.read_text().count("x") == 1
