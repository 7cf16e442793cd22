"""Which Java runs the embedded engine: ``JAVA_HOME`` when it is set, else the newest Java Spark supports.

Spark 4.2 runs on Java 17, 21 and 25. The ``make bench`` default ran ~7 % faster on Java 25 than on Java 17,
alternating on one machine (bench/README.md, tuning log), and machines often keep several JDKs side by side
(Debian in ``/usr/lib/jvm``, macOS in ``/Library/Java/JavaVirtualMachines``), the newest not always first on PATH.
So unless ``JAVA_HOME`` pins one, the engine starts on the newest installed JDK of a supported major version,
and on the ``java`` on PATH when none is found there. The choice reads each JDK's ``release`` file; no JVM is
started to make it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, MutableMapping
from pathlib import Path

SPARK_JAVA_MAJORS = (17, 21, 25)
JVM_FOLDERS = (Path("/usr/lib/jvm"), Path("/Library/Java/JavaVirtualMachines"))
# Spark's launcher starts the JVM with --add-modules=jdk.incubator.vector: a runtime without it cannot start
REQUIRED_MODULE = "jdk.incubator.vector"


def release_major(home: Path) -> int | None:
    """Major version of the JDK in ``home`` from its ``release`` file; ``None`` if it cannot run Spark."""
    try:
        release = (home / "release").read_text()
    except OSError:
        return None
    version = re.search(r'^JAVA_VERSION="(\d+)(?:\.(\d+))?', release, re.MULTILINE)
    modules = re.search(r'^MODULES="([^"]*)"', release, re.MULTILINE)
    if version is None or (modules is not None and REQUIRED_MODULE not in modules.group(1).split()):
        return None
    major = int(version.group(1))
    return int(version.group(2) or 0) if major == 1 else major


def installed_java_homes(folders: Iterable[Path] = JVM_FOLDERS) -> list[Path]:
    """JDK and JRE folders (with ``bin/java``) in the usual install locations, in name order."""
    homes = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for entry in sorted(folder.iterdir()):
            home = entry / "Contents" / "Home" if (entry / "Contents" / "Home").is_dir() else entry
            if (home / "bin" / "java").is_file():
                homes.append(home)
    return homes


def newest_supported_java_home(folders: Iterable[Path] = JVM_FOLDERS) -> Path | None:
    """The installed JDK of the highest major version in ``SPARK_JAVA_MAJORS``, ``None`` if there is none."""
    best: tuple[int, Path] | None = None
    for home in installed_java_homes(folders):
        major = release_major(home)
        if major in SPARK_JAVA_MAJORS and (best is None or major > best[0]):
            best = (major, home)
    return best[1] if best else None


def select_java_home(
    environment: MutableMapping[str, str] = os.environ, folders: Iterable[Path] = JVM_FOLDERS
) -> str | None:
    """Set ``JAVA_HOME`` in ``environment`` to the newest supported JDK unless it is set; return its value.

    PySpark starts the JVM from ``$JAVA_HOME/bin/java`` when the variable is set, so every engine this process
    or its children start runs on the chosen Java.
    """
    if not environment.get("JAVA_HOME"):
        home = newest_supported_java_home(folders)
        if home is not None:
            environment["JAVA_HOME"] = str(home)
    return environment.get("JAVA_HOME")
