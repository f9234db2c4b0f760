"""Helpers shared by the ingest readers (private to ``pipeline.ingest``).

A reader is a function ``read(path, source, notify) -> Iterator[RawRecord]``:
``path`` is the file to read, ``source`` the path string to record and quote in
messages, ``notify`` a ``callable(str)`` for remarks that are not errors.  A
reader never raises for bad input: a file or row it cannot read becomes a
RawRecord with ``text=None`` and an ``error`` saying what and where.  Article
ids are the ones the input asks for; ``read_records`` makes them unique.
"""

from __future__ import annotations

import datetime as _dt
import json
import math
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from pipeline.article import RawRecord

Notify = Callable[[str], None]
Reader = Callable[[Path, str, Notify], Iterator[RawRecord]]

#: metadata fields a container may carry besides ``id`` and ``text``
METADATA_FIELDS = ("url", "title", "published", "author")

# something other than whitespace or invisible format characters (ZWSP, ZWJ,
# BOM, soft hyphen, word joiner)
_CONTENT_RE = re.compile(r"[^\s\u00ad\u200b-\u200f\u2060\ufeff]")


def finish_text(text: str) -> str:
    """Decoded text as the later stages expect it: no BOM, ``\\n`` newlines."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def is_blank(text: str) -> bool:
    """Nothing but whitespace and invisible format characters."""
    return _CONTENT_RE.search(text) is None


def error_record(article_id: str, source: str, kind: str, error: str, **metadata) -> RawRecord:
    """The error row for something that could not be read."""
    return RawRecord(article_id=article_id, source_path=source, text=None, kind=kind, error=error, **metadata)


def text_record(
    article_id: str, source: str, kind: str, text: str, where: str, **metadata
) -> RawRecord:
    """A record for decoded ``text``, or an "empty article" error row.
    ``where`` prefixes the error message (``"<file>"`` or ``"<file>: line 3"``)."""
    text = finish_text(text)
    if is_blank(text):
        what = "no text at all" if not text else "only whitespace"
        return error_record(article_id, source, kind, f"{where}: empty article ({what})", **metadata)
    return RawRecord(article_id=article_id, source_path=source, text=text, kind=kind, **metadata)


def read_bytes(path: Path, source: str, kind: str) -> bytes | RawRecord:
    """The file's bytes, or an error record saying why they could not be read."""
    try:
        return path.read_bytes()
    except OSError as err:
        return error_record(path.stem, source, kind, f"{source}: cannot read file: {err.strerror or err}")


def metadata_value(value) -> str | None:
    """A container's metadata cell as text (``None`` when absent or blank)."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, (_dt.datetime, _dt.date, _dt.time)):
        return value.isoformat()
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        joined = ", ".join(v.strip() for v in value if v.strip())
        return joined or None
    if isinstance(value, (bool, int, float)):
        return str(value)
    return json.dumps(value, ensure_ascii=False, default=str, sort_keys=True)
