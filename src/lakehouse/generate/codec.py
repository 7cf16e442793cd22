"""How records become bytes: one delivery (file) per entity and day, as JSON Lines or CSV.

Kept separate from the file system (``writer``) because fault injection needs the same encoders to
produce realistic broken lines, and tests can render a delivery without touching disk.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field

from lakehouse.contract import Entity
from lakehouse.generate.common import Record

UTF8_BOM = b"\xef\xbb\xbf"
# One reusable encoder: json.dumps builds a new one on every call when given any non-default option.
_JSON_ENCODER = json.JSONEncoder(ensure_ascii=False)


@dataclass(frozen=True)
class RawLine:
    """A line written exactly as given: what a source system sends when a record gets mangled."""

    text: str


Row = Record | RawLine


@dataclass
class Delivery:
    """What one source system delivers for one entity on one day, faults included.

    ``extra_columns`` are unknown CSV columns appended to the header; ``bom_crlf`` writes the CSV with a
    UTF-8 byte-order mark and CRLF line ends; ``empty_companion`` delivers an extra zero-byte file.
    """

    entity: Entity
    day: int
    rows: list[Row]
    extra_columns: list[str] = field(default_factory=list)
    bom_crlf: bool = False
    empty_companion: bool = False

    @property
    def header(self) -> list[str]:
        """CSV header: the contract's fields in contract order, then any unknown extra columns."""
        return [*self.entity.fields, *self.extra_columns]


def csv_cell(value: object) -> str:
    """A record value as CSV text: null is an empty cell, booleans are lower-case like in JSON."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def csv_line(cells: list[str]) -> str:
    """One CSV line (comma, minimal double-quote quoting), without the line end."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow(cells)
    return buffer.getvalue()


def json_line(record: Record) -> str:
    """One JSON Lines record: UTF-8 text (no ``\\u`` escapes for umlauts), keys in record order."""
    return _JSON_ENCODER.encode(record)


def render(delivery: Delivery) -> bytes:
    """The exact bytes of a delivery's file."""
    if delivery.entity.file_format == "csv":
        return _render_csv(delivery)
    lines = [row.text if isinstance(row, RawLine) else json_line(row) for row in delivery.rows]
    return "".join(f"{line}\n" for line in lines).encode("utf-8")


def _render_csv(delivery: Delivery) -> bytes:
    line_end = "\r\n" if delivery.bom_crlf else "\n"
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=line_end)
    header = delivery.header
    writer.writerow(header)
    for row in delivery.rows:
        if isinstance(row, RawLine):
            buffer.write(row.text + line_end)
        else:
            writer.writerow([csv_cell(row.get(name)) for name in header])
    data = buffer.getvalue().encode("utf-8")
    return UTF8_BOM + data if delivery.bom_crlf else data
