"""restart_spark: a new JVM, as each ``lakehouse build`` gets, on the same warehouse and metastore."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

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
    env = {**os.environ, "LAKEHOUSE_STATE_DIR": str(tmp_path), "LAKEHOUSE_HOME": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", RESTART], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    assert result.returncode == 0, result.stderr[-3000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["new"] != seen["old"]
    assert not seen["old_alive"]  # the old JVM exited and let go of the Derby metastore
    assert seen["rows"] == 1
