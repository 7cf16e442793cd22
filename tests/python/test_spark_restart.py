"""restart_spark: a new JVM, as each ``lakehouse build`` gets, on the same warehouse and metastore."""

from __future__ import annotations

from pathlib import Path

from own_jvm import run_in_own_jvm

# its own process: the test session's shared SparkSession must outlive this test
RESTART = """
import json, os
from lakehouse.spark import get_spark, restart_spark

spark = get_spark(log=lambda _: None)
old_jvm = spark.sparkContext._jvm.java.lang.ProcessHandle.current().pid()
spark.sql("create table restart_check using delta as select 1 as id")
spark = restart_spark(spark, log=lambda _: None)
new_jvm = spark.sparkContext._jvm.java.lang.ProcessHandle.current().pid()
rows = spark.sql("select count(*) from restart_check").collect()[0][0]
print(json.dumps({"old": old_jvm, "new": new_jvm, "old_alive": os.path.exists(f"/proc/{old_jvm}"), "rows": rows}))
"""


def test_restart_starts_a_new_jvm_that_sees_the_same_tables(tmp_path: Path) -> None:
    seen = run_in_own_jvm(RESTART, tmp_path)
    assert seen["new"] != seen["old"]
    assert not seen["old_alive"]  # the old JVM exited and let go of the Derby metastore
    assert seen["rows"] == 1
