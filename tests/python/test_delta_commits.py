"""Delta commits on the local engine: no ``readlink`` child process per commit, and no commit ever overwritten.

Without Hadoop's native library, Hadoop's local file system answers a rename's "is the target a link?" by
running ``readlink`` in a child process. Delta's default log store and Spark's default checkpoint-file writer
rename through that API, several ``readlink`` processes per commit; ``profiles.yml.example``
configures the ones that rename with a plain file rename (bench/README.md, tuning log). The commit protocol
must stay safe: a version that exists is never written again.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from own_jvm import run_in_own_jvm

INSERTS = 3

# its own JVM: the PATH below (a readlink that records its calls) must be the one the JVM starts with
COMMITS = f"""
import json
from lakehouse.spark import get_spark

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
print(json.dumps({{"rows": rows, "refused": refused}}))
"""


def test_delta_commits_start_no_readlink_process_and_never_overwrite_a_version(tmp_path: Path) -> None:
    shim, calls = tmp_path / "bin", tmp_path / "readlink-calls.txt"
    shim.mkdir()
    real_readlink = shutil.which("readlink")
    assert real_readlink, "readlink is part of coreutils"
    readlink = shim / "readlink"
    readlink.write_text(f'#!/bin/sh\necho "$@" >> "{calls}"\nexec "{real_readlink}" "$@"\n')
    readlink.chmod(0o755)
    seen = run_in_own_jvm(COMMITS, tmp_path / "state", {"PATH": f"{shim}{os.pathsep}{os.environ['PATH']}"})
    assert seen["rows"] == INSERTS
    # with Delta's and Spark's defaults these 4 commits started 64 readlink processes
    recorded = calls.read_text().splitlines() if calls.exists() else []
    assert recorded == [], f"{len(recorded)} readlink processes, e.g. {recorded[:2]}"
    assert seen["refused"] == "java.nio.file.FileAlreadyExistsException"
