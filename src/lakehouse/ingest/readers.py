"""Parse landing files into Bronze rows: every contract field as a string, exactly as delivered.

We parse in Python rather than with Spark's CSV/JSON readers because Bronze must be exact and must account
for every record, and Python gives us full control over the fault cases:

* a JSON number keeps its text (``12.50`` stays ``"12.50"``, not ``"12.5"``), like Spark's JSON reader
  does for a STRING column; ``true``/``false`` become ``"true"``/``"false"``; ``null`` becomes NULL; a nested
  object or array becomes its compact JSON text;
* fields outside the contract go to ``_rescued_data`` as a JSON object (``{"_promo_banner":"x"}``); names
  match case-sensitively, as Auto Loader does by default (``Customer_ID`` is rescued, not mapped);
* a record that cannot be parsed (a JSON line that is not an object, a CSV row with the wrong number of
  fields or broken quoting) is still a Bronze row: all fields NULL and ``_rescued_data`` = the raw text;
* text is never trimmed or otherwise edited; staging does the cleaning.

Bytes that are not valid UTF-8 (our choice, since Bronze columns are UTF-8 strings): the record is decoded
with U+FFFD replacement characters and parsed as usual, so its readable fields still arrive, and
``_rescued_data`` gets the key ``_raw_bytes_base64`` holding the record's exact bytes, base64 encoded. So
nothing is lost silently and staging can flag such rows by that key. A record that is both unparseable and
not UTF-8 gets only that key (its raw text cannot be stored exactly). The same marker is used for the (rare)
JSON escape of a lone UTF-16 surrogate (``"\\ud800"``), which no UTF-8 string can hold either.

Other choices, all matching Spark's readers: an empty CSV field (quoted or not) is NULL, blank lines are
skipped (they are not records), a UTF-8 byte-order mark at the start of a file is dropped, CRLF and LF line
ends are both accepted.
"""

from __future__ import annotations

import base64
import csv
import json
import re
from collections import deque
from collections.abc import Iterator
from pathlib import Path

from lakehouse.contract import Entity

RAW_BYTES_KEY = "_raw_bytes_base64"
"""Key in ``_rescued_data`` holding the exact bytes of a record that was not valid UTF-8."""

Row = tuple[str | None, ...]
"""The contract fields in contract order, then ``_rescued_data``."""

_BOM = b"\xef\xbb\xbf"
_SURROGATE = re.compile("[\ud800-\udfff]")
_CSV_FIELD_LIMIT = 2**31 - 1


def read_rows(path: Path, entity: Entity) -> Iterator[Row]:
    """Stream the Bronze rows of one landing file (format from the contract, not from the file name)."""
    if entity.file_format == "csv":
        return read_csv(path, entity.fields)
    return read_json_lines(path, entity.fields)


# --- JSON Lines -------------------------------------------------------------------------------------------


class _Number:
    """A JSON number (or NaN/Infinity) kept as the text it was delivered as."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


_DECODER = json.JSONDecoder(parse_float=_Number, parse_int=_Number, parse_constant=_Number)


def read_json_lines(path: Path, fields: tuple[str, ...]) -> Iterator[Row]:
    """One row per non-blank line; streamed, so a file never has to fit in memory."""
    index = {name: position for position, name in enumerate(fields)}
    with path.open("rb") as handle:
        for number, raw in enumerate(handle):
            line = raw[len(_BOM) :] if number == 0 and raw.startswith(_BOM) else raw
            line = _strip_line_end(line)
            if not line.strip():
                continue
            yield _json_row(line, index, len(fields))


def _strip_line_end(line: bytes) -> bytes:
    if line.endswith(b"\r\n"):
        return line[:-2]
    if line.endswith(b"\n"):
        return line[:-1]
    return line


def _json_row(line: bytes, index: dict[str, int], width: int) -> Row:
    try:
        text = line.decode("utf-8")
        raw_bytes = None
    except UnicodeDecodeError:
        text = line.decode("utf-8", errors="replace")
        raw_bytes = line
    try:
        record = _DECODER.decode(text)
    except (ValueError, RecursionError):
        record = None
    if not isinstance(record, dict):
        if raw_bytes is not None:
            return (*([None] * width), _dump({RAW_BYTES_KEY: _b64(raw_bytes)}))
        return (*([None] * width), text)
    values: list[str | None] = [None] * width
    extra: dict[str, object] = {}
    for key, value in record.items():
        position = index.get(key)
        if position is None:
            extra[key] = value
        else:
            values[position] = _as_text(value)
    # only a \uXXXX escape can smuggle a lone surrogate into a decoded str
    if (
        raw_bytes is None
        and "\\u" in text
        and (_SURROGATE.search("".join(v for v in values if v)) or _SURROGATE.search(_dump(extra)))
    ):
        values = [None if v is None else _replace_surrogates(v) for v in values]
        extra = {_replace_surrogates(k): v for k, v in extra.items()}
        raw_bytes = line
    if raw_bytes is not None:
        extra[RAW_BYTES_KEY] = _b64(raw_bytes)
    rescued = _dump(extra) if extra else None
    if rescued is not None and _SURROGATE.search(rescued):
        rescued = _replace_surrogates(rescued)
    return (*values, rescued)


def _as_text(value: object) -> str | None:
    """A top-level JSON value as Bronze text: strings as they are, everything else as its JSON text."""
    if isinstance(value, str):
        return value
    if value is None:
        return None
    return _dump(value)


def _dump(value: object) -> str:
    """Compact JSON that keeps numbers exactly as delivered (``json.dumps`` cannot emit raw number text)."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, _Number):
        return value.text
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    if isinstance(value, dict):
        return "{" + ",".join(f"{json.dumps(k, ensure_ascii=False)}:{_dump(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ",".join(_dump(v) for v in value) + "]"
    raise TypeError(f"unexpected JSON value {value!r}")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _replace_surrogates(text: str) -> str:
    return _SURROGATE.sub("\ufffd", text)


# --- CSV --------------------------------------------------------------------------------------------------


class _Lines:
    """The physical lines fed to ``csv.reader``, remembering those of the current record.

    ``csv`` does not tell us a record's raw text, which we need for a broken row; tracking the lines the
    reader pulled gives it exactly. ``push_back`` lets us re-read lines after an unterminated quote.
    """

    def __init__(self, source: Iterator[str]) -> None:
        self._source = source
        self._pending: deque[str] = deque()
        self.taken: list[str] = []

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = self._pending.popleft() if self._pending else next(self._source)
        self.taken.append(line)
        return line

    def take(self) -> str:
        """The raw text of the record just read (without its final line end), and start a new record."""
        text = "".join(self.taken)
        self.taken = []
        return _strip_text_line_end(text)

    def push_back(self, lines: list[str]) -> None:
        self._pending.extendleft(reversed(lines))


def _strip_text_line_end(text: str) -> str:
    if text.endswith("\r\n"):
        return text[:-2]
    if text.endswith(("\n", "\r")):
        return text[:-1]
    return text


class _CsvRecords:
    """CSV records with their raw text; a malformed record costs one physical line, not more.

    ``strict=True`` makes ``csv`` reject text after a closing quote (``"a"b``) and a quote still open at the
    end of the file. When a record spanning several lines turns out malformed (that error, or a wrong
    number of fields), the likeliest cause is a quote opened on its first line and never closed, which made
    the following lines look like part of it. So only that first line is reported as broken and the lines
    after it are read again: one cut-off line does not swallow the good records after it.
    """

    def __init__(self, handle: Iterator[str]) -> None:
        csv.field_size_limit(max(csv.field_size_limit(), _CSV_FIELD_LIMIT))  # 1 MB fields are legitimate
        self._lines = _Lines(handle)
        self._reader = csv.reader(self._lines, strict=True)

    def next(self, width: int | None) -> tuple[str, list[str] | None] | None:
        """The next non-blank record as ``(raw text, fields)``, fields None when malformed; None at the end.

        ``width`` is the expected number of fields (None for the header, which may have any).
        """
        while True:
            try:
                fields: list[str] | None = next(self._reader)
            except StopIteration:
                return None
            except csv.Error:
                fields = None
            if fields is not None and not "".join(self._lines.taken).strip():
                self._lines.take()
                continue  # a blank line is not a record
            if fields is not None and width is not None and len(fields) != width:
                fields = None
            if fields is None and len(self._lines.taken) > 1:
                rest = self._lines.taken[1:]
                self._lines.taken = self._lines.taken[:1]
                self._lines.push_back(rest)
                self._reader = csv.reader(self._lines, strict=True)
            return self._lines.take(), fields


def read_csv(path: Path, fields: tuple[str, ...]) -> Iterator[Row]:
    """One row per CSV record after the header; columns matched to the contract by (trimmed) header name."""
    width = len(fields)
    with path.open("r", encoding="utf-8-sig", errors="surrogateescape", newline="") as handle:
        records = _CsvRecords(handle)
        first = records.next(None)
        if first is None:
            return
        header = _header_plan(first[1], fields) if first[1] is not None else None
        if header is None:  # the header itself is broken: keep it, and every row, as raw text
            yield _broken_csv_row(first[0], width)
        while (record := records.next(len(header) if header is not None else None)) is not None:
            raw, values = record
            if header is None or values is None:
                yield _broken_csv_row(raw, width)
            else:
                yield _csv_row(raw, values, header, width)


def _header_plan(names: list[str], fields: tuple[str, ...]) -> list[int | str]:
    """Per column: the contract position it fills, or the ``_rescued_data`` key it goes to."""
    plan: list[int | str] = []
    used: set[int | str] = set()
    for column, raw_name in enumerate(names):
        name = _replace_surrogates(_fix_bytes(raw_name.strip()))
        target: int | str = fields.index(name) if name in fields else (name or f"_c{column}")
        if target in used:  # a repeated column never overwrites the first one
            target = f"_c{column}"
        used.add(target)
        plan.append(target)
    return plan


def _csv_row(raw: str, values: list[str], header: list[int | str], width: int) -> Row:
    row: list[str | None] = [None] * width
    extra: dict[str, object] = {}
    bad_bytes = _SURROGATE.search(raw) is not None
    for target, value in zip(header, values, strict=True):
        text: str | None = (_fix_bytes(value) if bad_bytes else value) or None
        if isinstance(target, int):
            row[target] = text
        elif text is not None:  # an empty cell of an extra column carries nothing worth rescuing
            extra[target] = text
    if bad_bytes:
        extra[RAW_BYTES_KEY] = _b64(raw.encode("utf-8", errors="surrogateescape"))
    return (*row, _dump(extra) if extra else None)


def _broken_csv_row(raw: str, width: int) -> Row:
    if _SURROGATE.search(raw):
        rescued = _dump({RAW_BYTES_KEY: _b64(raw.encode("utf-8", errors="surrogateescape"))})
    else:
        rescued = raw
    return (*([None] * width), rescued)


def _fix_bytes(text: str) -> str:
    """Undo ``surrogateescape``: invalid bytes become U+FFFD (their exact bytes go to ``_rescued_data``)."""
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-8", errors="surrogateescape").decode("utf-8", errors="replace")
