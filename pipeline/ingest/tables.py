"""Article dumps: JSON Lines (``.jsonl``), CSV (``.csv``) and Parquet (``.parquet``).

Every record (JSON object, CSV row, Parquet row) is one article with a ``text``
field and optionally ``id``, ``url``, ``title``, ``published`` and ``author``;
other fields are ignored.  Column names are matched exactly.

* The article id is the ``id`` field (a string or an integer) or, when it is
  missing or blank, ``<file stem>-<n>``: ``n`` is the line number in a JSONL
  file and the 1-based row number (header excluded) in CSV and Parquet.
* A record that cannot be read -- a malformed JSON line, a line that is not a
  JSON object, a CSV row with more fields than the header, a missing, null or
  non-string ``text``, a blank text -- becomes an error record naming the file
  and the line or row.  The other records of the file are read as usual.
* A file with no records at all, without a ``text`` column (CSV, Parquet), or
  that cannot be opened or decoded, becomes one error record named after the
  file.

Metadata cells are turned into text (dates and timestamps as ISO 8601).
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Iterator, Mapping
from pathlib import Path

from pipeline.article import RawRecord

from ._common import METADATA_FIELDS, Notify, error_record, metadata_value, read_bytes, text_record
from .encoding import DecodeError, decode_bytes

FIELDS = ("id", "text", *METADATA_FIELDS)


def _row_id(value, fallback: str) -> str | None:
    """The record's id as text; ``fallback`` when missing or blank; ``None``
    when the id is of a type that cannot be an id (list, object ...)."""
    if value is None or isinstance(value, bool):
        return fallback if value is None else None
    if isinstance(value, str):
        return value.strip() or fallback
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value:  # NaN: a missing cell
            return fallback
        return str(int(value)) if value.is_integer() else None
    return None


def _record(
    row: Mapping, *, source: str, kind: str, fallback_id: str, where: str, encoding: str | None,
    notify: Notify,
) -> RawRecord:
    """The RawRecord for one container row."""
    article_id = _row_id(row.get("id"), fallback_id)
    if article_id is None:
        notify(
            f"{where}: id {row.get('id')!r} is not a string or an integer; "
            f"using {fallback_id!r} instead"
        )
        article_id = fallback_id
    metadata = {name: metadata_value(row.get(name)) for name in METADATA_FIELDS}
    text = row.get("text")
    if text is None or (isinstance(text, float) and text != text):
        problem = "record without text" if "text" not in row else "record without text (text is null)"
        return error_record(article_id, source, kind, f"{where}: {problem}", encoding=encoding, **metadata)
    if not isinstance(text, str):
        return error_record(
            article_id, source, kind,
            f"{where}: text is not a string (got {type(text).__name__})",
            encoding=encoding, **metadata,
        )
    return text_record(article_id, source, kind, text, where, encoding=encoding, **metadata)


def _no_records(path: Path, source: str, kind: str, detail: str, encoding: str | None = None) -> RawRecord:
    return error_record(path.stem, source, kind, f"{source}: no records ({detail})", encoding=encoding)


# --------------------------------------------------------------------------
# JSON Lines


def _jsonl_lines(data: bytes) -> Iterator[tuple[int, str | None, str | None, str]]:
    """``(line number, line text, problem, encoding)`` for every line.

    The file is decoded as a whole when possible (BOM, UTF-16, legacy
    encodings); when that fails it is read line by line as UTF-8, so a
    damaged line costs only that line."""
    try:
        text, encoding = decode_bytes(data)
    except DecodeError as err:
        if err.reason == "binary" or data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            raise
        for number, raw in enumerate(data.split(b"\n"), start=1):
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as line_err:
                problem = (
                    f"invalid UTF-8: byte 0x{raw[line_err.start]:02x} at offset {line_err.start} "
                    f"of the line ({line_err.reason})"
                )
                yield number, None, problem, "utf-8"
            else:
                yield number, line, None, "utf-8"
        return
    if text.startswith("\ufeff"):
        text = text[1:]
    # split on "\n" only: JSON strings may hold U+2028 and other line breaks
    for number, line in enumerate(text.split("\n"), start=1):
        yield number, line, None, encoding


def read_jsonl(path: Path, source: str, notify: Notify) -> Iterator[RawRecord]:
    kind = "jsonl"
    data = read_bytes(path, source, kind)
    if isinstance(data, RawRecord):
        yield data
        return
    records = 0
    try:
        for number, line, problem, encoding in _jsonl_lines(data):
            where = f"{source}: line {number}"
            fallback_id = f"{path.stem}-{number}"
            if problem is not None:
                records += 1
                yield error_record(fallback_id, source, kind, f"{where}: {problem}", encoding=encoding)
                continue
            if not line.strip():
                continue  # blank lines separate nothing and are not records
            records += 1
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as err:
                yield error_record(
                    fallback_id, source, kind,
                    f"{where}: malformed JSON ({err.msg} at column {err.colno})", encoding=encoding,
                )
                continue
            if not isinstance(obj, dict):
                yield error_record(
                    fallback_id, source, kind,
                    f"{where}: expected a JSON object, got {type(obj).__name__}", encoding=encoding,
                )
                continue
            yield _record(
                obj, source=source, kind=kind, fallback_id=fallback_id, where=where,
                encoding=encoding, notify=notify,
            )
    except DecodeError as err:
        yield error_record(path.stem, source, kind, f"{source}: cannot decode: {err}")
        return
    if records == 0:
        yield _no_records(path, source, kind, "empty file" if not data else "only blank lines")


# --------------------------------------------------------------------------
# CSV


def read_csv(path: Path, source: str, notify: Notify) -> Iterator[RawRecord]:
    kind = "csv"
    data = read_bytes(path, source, kind)
    if isinstance(data, RawRecord):
        yield data
        return
    if not data.strip():
        yield _no_records(path, source, kind, "empty file")
        return
    try:
        text, encoding = decode_bytes(data)
    except DecodeError as err:
        yield error_record(path.stem, source, kind, f"{source}: cannot decode: {err}")
        return
    if text.startswith("\ufeff"):
        text = text[1:]
    # an article is one cell: lift the csv module's 128 KiB field limit
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        while header == []:
            header = next(reader, None)  # blank lines before the header
    except csv.Error as err:
        yield error_record(path.stem, source, kind, f"{source}: CSV syntax error in the header: {err}")
        return
    if header is None:
        yield _no_records(path, source, kind, "only blank lines", encoding)
        return
    names = [name.strip() for name in header]
    duplicated = sorted({n for n in names if n in FIELDS and names.count(n) > 1})
    if duplicated:
        yield error_record(
            path.stem, source, kind,
            f"{source}: the header names column(s) {', '.join(duplicated)} more than once",
            encoding=encoding,
        )
        return
    if "text" not in names:
        yield error_record(
            path.stem, source, kind,
            f"{source}: no 'text' column (header: {', '.join(names) or 'empty'})", encoding=encoding,
        )
        return

    row_number = 0
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader, None)
        except csv.Error as err:
            yield error_record(
                f"{path.stem}-{row_number + 1}", source, kind,
                f"{source}: row {row_number + 1} (line {line}): CSV syntax error ({err}); "
                "the rest of the file was not read",
                encoding=encoding,
            )
            return
        if cells is None:
            break
        if not cells:
            continue  # a blank line (a row of empty cells is a record)
        row_number += 1
        where = f"{source}: row {row_number} (line {line})"
        fallback_id = f"{path.stem}-{row_number}"
        if len(cells) > len(names):
            row = dict(zip(names, cells))
            yield error_record(
                _row_id(row.get("id"), fallback_id) or fallback_id, source, kind,
                f"{where}: {len(cells)} fields but the header has {len(names)}",
                encoding=encoding,
            )
            continue
        row = dict(zip(names, cells))  # short rows: the missing cells are absent
        yield _record(
            row, source=source, kind=kind, fallback_id=fallback_id, where=where,
            encoding=encoding, notify=notify,
        )
    if row_number == 0:
        yield _no_records(path, source, kind, "a header but no rows", encoding)


# --------------------------------------------------------------------------
# Parquet


def read_parquet(path: Path, source: str, notify: Notify) -> Iterator[RawRecord]:
    import pyarrow.parquet as pq

    kind = "parquet"
    try:
        parquet = pq.ParquetFile(path)
    except OSError as err:
        yield error_record(path.stem, source, kind, f"{source}: cannot read file: {err.strerror or err}")
        return
    except Exception as err:  # pyarrow raises ArrowInvalid for non-Parquet data
        yield error_record(path.stem, source, kind, f"{source}: not a readable Parquet file: {err}")
        return
    names = parquet.schema_arrow.names
    if "text" not in names:
        yield error_record(
            path.stem, source, kind,
            f"{source}: no 'text' column (columns: {', '.join(names) or 'none'})",
        )
        return
    columns = [name for name in FIELDS if name in names]
    row_number = 0
    try:
        for batch in parquet.iter_batches(batch_size=256, columns=columns):
            for row in batch.to_pylist():
                row_number += 1
                yield _record(
                    row, source=source, kind=kind, fallback_id=f"{path.stem}-{row_number}",
                    where=f"{source}: row {row_number}", encoding="utf-8", notify=notify,
                )
    except Exception as err:  # a corrupt row group
        yield error_record(
            f"{path.stem}-{row_number + 1}", source, kind,
            f"{source}: row {row_number + 1}: cannot read Parquet data ({err}); "
            "the rest of the file was not read",
        )
        return
    if row_number == 0:
        yield _no_records(path, source, kind, "the table has no rows")
