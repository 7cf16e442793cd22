"""``lakehouse sql``: look at any table of the LOCAL warehouse without writing Python.

It only ever talks to the embedded engine (the ``local`` target); for Databricks use the SQL editor or
``dbt show --target databricks``.
"""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import io
import json
from collections.abc import Sequence
from typing import Any

FORMATS = ("table", "csv", "json")


def _plain(value: Any) -> Any:
    """JSON-friendly value: decimals and timestamps as strings so nothing loses precision."""
    if isinstance(value, decimal.Decimal | dt.date | dt.datetime):
        return str(value)
    if isinstance(value, bytes | bytearray):
        return value.hex()
    return value


def _cell(value: Any) -> str:
    return "NULL" if value is None else str(_plain(value))


def format_rows(columns: Sequence[str], rows: Sequence[Sequence[Any]], output: str = "table") -> str:
    """Render a result set as an aligned text table, CSV or JSON (a list of objects)."""
    if output not in FORMATS:
        raise ValueError(f"unknown format {output!r}; choose one of {', '.join(FORMATS)}")
    if output == "json":
        return json.dumps([{c: _plain(v) for c, v in zip(columns, row, strict=True)} for row in rows], indent=2)
    if output == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([["" if v is None else _plain(v) for v in row] for row in rows])
        return buffer.getvalue().rstrip("\n")
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    line = "+".join("-" * (w + 2) for w in widths)
    render = [
        " | ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)),
        line,
        *(" | ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)) for row in cells),
        f"({len(rows)} row{'s' if len(rows) != 1 else ''})",
    ]
    return "\n".join(render)


def run_query(spark: Any, query: str, output: str = "table", limit: int | None = 1000) -> str:
    """Run ``query`` on the local SparkSession and render at most ``limit`` rows."""
    frame = spark.sql(query)
    rows = frame.limit(limit).collect() if limit else frame.collect()
    return format_rows(frame.columns, [tuple(row) for row in rows], output)
