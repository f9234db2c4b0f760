"""Plain-text articles (``.txt``): one file, one article.

The whole file is the article; its id is the file name without extension.
Title, source tag and byline are left in the text for the cleaning stage.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pipeline.article import RawRecord

from ._common import Notify, error_record, read_bytes, text_record
from .encoding import DecodeError, decode_bytes

KIND = "txt"


def read(path: Path, source: str, notify: Notify) -> Iterator[RawRecord]:
    data = read_bytes(path, source, KIND)
    if isinstance(data, RawRecord):
        yield data
        return
    if not data:
        yield error_record(path.stem, source, KIND, f"{source}: empty article (empty file)")
        return
    try:
        text, encoding = decode_bytes(data)
    except DecodeError as err:
        yield error_record(path.stem, source, KIND, f"{source}: cannot decode: {err}")
        return
    yield text_record(path.stem, source, KIND, text, source, encoding=encoding)
