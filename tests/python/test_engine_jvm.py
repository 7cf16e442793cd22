"""The local engine in a JVM of its own: Delta commits without child processes, kept generated classes, a restart.

Each needs a JVM other than the test session's shared one: the commits a JVM started with a ``PATH`` whose
``readlink`` records its calls, the class cache one whose first query saw ``profiles.yml`` (its size is fixed
then), the restart one it may stop. One process serves all three (a JVM start costs 10-20 s, and beside the
other ``make test`` lane over a minute):

* **Delta commits.** Without Hadoop's native library, Hadoop's local file system answers a rename's "is the
  target a link?" by running ``readlink`` in a child process. Delta's default log store and Spark's default
  checkpoint-file writer rename through that API, several ``readlink`` processes per commit;
  ``profiles.yml.example`` configures the ones that rename with a plain file rename (bench/README.md, tuning
  log). The commit protocol must stay safe: a version that exists is never written again.
* **Generated classes.** Spark compiles Java code for each query's operators and keeps the compiled classes in
  a cache of 100 by default; one whole-project build generates ~1,100, so every build compiled them all again.
  ``profiles.yml.example`` keeps 2,000 (bench/README.md, tuning log).
* **restart_spark**: a new JVM, as each ``lakehouse build`` gets, on the same warehouse and metastore.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from process_groups import short_lived_jvm

ROOT = Path(__file__).resolve().parents[2]

INSERTS = 3
# more than the 100 generated classes Spark keeps by default
OTHER_QUERIES = 120

ENGINE = f"""
import json, os
from lakehouse.bench.daily import compiled_classes
from lakehouse.spark import get_spark, restart_spark

spark = get_spark(log=lambda _: None)
spark.sql("create table commits_check (id int) using delta")
for value in range({INSERTS}):
    spark.sql(f"insert into commits_check values ({{value}})")
rows = spark.sql("select count(*) from commits_check").collect()[0][0]

# write the table's version 0 again through the configured log store (Delta's default if none): it must refuse
jvm = spark.sparkContext._jvm
hadoop_conf = spark._jsparkSession.sessionState().newHadoopConf()
store_name = spark.conf.get("spark.delta.logStore.file.impl", "io.delta.storage.HDFSLogStore")
store_class = jvm.py4j.reflection.ReflectionUtil.classForName(store_name)
argument_types = spark.sparkContext._gateway.new_array(jvm.java.lang.Class, 1)
argument_types[0] = hadoop_conf.getClass()
arguments = spark.sparkContext._gateway.new_array(jvm.java.lang.Object, 1)
arguments[0] = hadoop_conf
store = store_class.getConstructor(argument_types).newInstance(arguments)
table = spark.sql("describe detail commits_check").collect()[0]["location"]
version_0 = jvm.org.apache.hadoop.fs.Path(table + "/_delta_log/00000000000000000000.json")
actions = jvm.java.util.ArrayList()
actions.add('{{"commitInfo":{{}}}}')
try:
    store.write(version_0, actions.iterator(), jvm.java.lang.Boolean.FALSE, hadoop_conf)
    refused = None
except Exception as error:  # py4j's Py4JJavaError: the Java exception's class says why
    refused = error.java_exception.getClass().getName()

# generated classes are kept: a query run again after {OTHER_QUERIES} queries of other code compiles nothing anew
first_query = "select id * 7 + 1 as value from range(3)"
spark.sql(first_query).collect()
before_others = compiled_classes(spark)
for factor in range(1000, 1000 + {OTHER_QUERIES}):
    spark.sql(f"select id * {{factor}} + 1 as value from range(3)").collect()  # another literal, another class
before_again = compiled_classes(spark)
spark.sql(first_query).collect()
compiled_again = compiled_classes(spark) - before_again

old_jvm = jvm.java.lang.ProcessHandle.current().pid()
spark = restart_spark(spark, log=lambda _: None)
new_jvm = spark.sparkContext._jvm.java.lang.ProcessHandle.current().pid()
rows_after_restart = spark.sql("select count(*) from commits_check").collect()[0][0]
print(json.dumps({{
    "rows": rows, "refused": refused, "old": old_jvm, "new": new_jvm, "old_alive": os.path.exists(f"/proc/{{old_jvm}}"),
    "rows_after_restart": rows_after_restart,
    "compiled_by_others": before_again - before_others, "compiled_again": compiled_again,
}}))
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], list[str]]:
    """What the script saw, and the arguments of every ``readlink`` its JVMs started."""
    folder = tmp_path_factory.mktemp("engine-jvm")
    shim, calls = folder / "bin", folder / "readlink-calls.txt"
    shim.mkdir()
    real_readlink = shutil.which("readlink")
    assert real_readlink, "readlink is part of coreutils"
    readlink = shim / "readlink"
    readlink.write_text(f'#!/bin/sh\necho "$@" >> "{calls}"\nexec "{real_readlink}" "$@"\n')
    readlink.chmod(0o755)
    environment = {
        **os.environ,
        "LAKEHOUSE_STATE_DIR": str(folder / "state"),
        "LAKEHOUSE_HOME": str(ROOT),
        "PATH": f"{shim}{os.pathsep}{os.environ['PATH']}",
    }
    result = subprocess.run(
        [sys.executable, "-c", ENGINE],
        cwd=ROOT,
        env=short_lived_jvm(environment),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    return seen, calls.read_text().splitlines() if calls.exists() else []


def test_delta_commits_start_no_readlink_process_and_never_overwrite_a_version(
    engine: tuple[dict[str, Any], list[str]],
) -> None:
    seen, recorded = engine
    assert seen["rows"] == INSERTS
    # with Delta's and Spark's defaults these 4 commits started 64 readlink processes
    assert recorded == [], f"{len(recorded)} readlink processes, e.g. {recorded[:2]}"
    assert seen["refused"] == "java.nio.file.FileAlreadyExistsException"


def test_restart_starts_a_new_jvm_that_sees_the_same_tables(engine: tuple[dict[str, Any], list[str]]) -> None:
    seen, _ = engine
    assert seen["new"] != seen["old"]
    assert not seen["old_alive"]  # the old JVM exited and let go of the Derby metastore
    assert seen["rows_after_restart"] == INSERTS


def test_generated_classes_are_reused_after_more_queries_than_sparks_default_cache_holds(
    engine: tuple[dict[str, Any], list[str]],
) -> None:
    seen, _ = engine
    # each of the other queries has code of its own (else the check below proves nothing)
    assert seen["compiled_by_others"] >= OTHER_QUERIES
    # with Spark's default cache (100 classes) the first query's classes are gone by now and compiled again
    assert seen["compiled_again"] == 0
