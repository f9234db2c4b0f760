"""INGEST: files and folders in, :class:`~pipeline.article.RawRecord` out.

``read_records(paths)`` reads every article under the given paths, one reader
module per input kind:

=====================  =========================  ======================
extension              reader                     records
=====================  =========================  ======================
``.txt``               :mod:`.text_files`         one per file
``.html``, ``.htm``    :mod:`.html_files`         one per file
``.jsonl``             :mod:`.tables`             one per non-blank line
``.csv``               :mod:`.tables`             one per row
``.parquet``           :mod:`.tables`             one per row
=====================  =========================  ======================

Rules, in short:

* Paths are read in the order given; a folder is read recursively, its files
  in sorted order of their path inside the folder (compared component-wise),
  so a run is deterministic.  Hidden entries (names starting with ``.``) and
  files of other types inside a folder are skipped with a message; symbolic
  links to folders are not followed; a file reached twice is read once.
* A named path that does not exist becomes an error record of kind
  ``"missing"``; a named file of an unsupported type one of kind
  ``"unsupported"``.  Undecodable, empty or malformed input becomes an error
  record too (``text=None``, ``error`` says what and where), so every article
  the input holds -- readable or not -- appears once in the output.
* Article ids are the record's ``id`` or the file name without extension
  (``<file stem>-<n>`` for rows of a dump without ids), made unique within the
  run: the second ``x`` becomes ``x-2``, the third ``x-3`` (skipping ids already
  taken); ``requested_id`` keeps the asked id and each rename is reported.
  Ids are data, never used as paths here.

Messages (skips, renames) go to ``on_message``, a ``callable(str)``; by default
they are logged as warnings on the ``pipeline.ingest`` logger.
"""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from pipeline.article import RawRecord

from . import html_files, tables, text_files
from ._common import METADATA_FIELDS, Reader, error_record, text_record
from .encoding import DecodeError, decode_bytes

__all__ = [
    "READERS",
    "SUPPORTED_EXTENSIONS",
    "DecodeError",
    "decode_bytes",
    "read_records",
    "record_from_text",
]

logger = logging.getLogger(__name__)

#: file extension (lowercase, with the dot) -> (reader, record kind)
READERS: dict[str, tuple[Reader, str]] = {
    ".txt": (text_files.read, text_files.KIND),
    ".html": (html_files.read, html_files.KIND),
    ".htm": (html_files.read, html_files.KIND),
    ".jsonl": (tables.read_jsonl, "jsonl"),
    ".csv": (tables.read_csv, "csv"),
    ".parquet": (tables.read_parquet, "parquet"),
}
SUPPORTED_EXTENSIONS = tuple(sorted(READERS))


def _default_message(message: str) -> None:
    logger.warning("%s", message)


def _supported_list() -> str:
    return ", ".join(SUPPORTED_EXTENSIONS)


class _UniqueIds:
    """Makes article ids unique within a run, deterministically."""

    def __init__(self, notify: Callable[[str], None]):
        self._notify = notify
        self._first_source: dict[str, str] = {}
        self._next_suffix: dict[str, int] = {}

    def assign(self, record: RawRecord) -> RawRecord:
        asked = record.article_id
        if asked not in self._first_source:
            self._first_source[asked] = record.source_path
            return record
        suffix = self._next_suffix.get(asked, 2)
        while f"{asked}-{suffix}" in self._first_source:
            suffix += 1
        self._next_suffix[asked] = suffix + 1
        new_id = f"{asked}-{suffix}"
        self._first_source[new_id] = record.source_path
        record.requested_id = asked
        record.article_id = new_id
        self._notify(
            f"duplicate article id {asked!r} in {record.source_path} "
            f"(first used by {self._first_source[asked]}); renamed to {new_id!r}"
        )
        return record


def _folder_files(folder: Path, notify: Callable[[str], None]) -> list[Path]:
    """Regular files under ``folder``, sorted by their path inside it."""
    found: list[tuple[tuple[str, ...], Path]] = []
    for dirpath, dirnames, filenames in os.walk(folder, onerror=lambda err: notify(
        f"skipping {err.filename}: cannot list folder: {err.strerror or err}"
    )):
        here = Path(dirpath)
        kept = []
        for name in sorted(dirnames):
            sub = here / name
            if name.startswith("."):
                notify(f"skipping hidden folder {sub}")
            elif sub.is_symlink():
                notify(f"skipping {sub}: symbolic link to a folder (not followed)")
            else:
                kept.append(name)
        dirnames[:] = kept
        for name in filenames:
            path = here / name
            found.append((path.relative_to(folder).parts, path))
    found.sort(key=lambda item: item[0])
    return [path for _, path in found]


def _is_regular_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


def _as_path_list(paths) -> list[Path]:
    if isinstance(paths, (str, os.PathLike)):
        return [Path(paths)]
    return [Path(p) for p in paths]


def read_records(
    paths: str | os.PathLike | Iterable[str | os.PathLike],
    *,
    on_message: Callable[[str], None] | None = None,
) -> Iterator[RawRecord]:
    """Every article under ``paths`` (files and folders) as a RawRecord.

    Lazy: files are read as the iterator advances.  Errors are records, not
    exceptions; remarks (skipped files, renamed ids) go to ``on_message``.
    """
    notify = on_message or _default_message
    ids = _UniqueIds(notify)
    seen: set[str] = set()

    def read_file(path: Path, source: str) -> Iterator[RawRecord]:
        key = os.path.realpath(path)
        if key in seen:
            notify(f"skipping {source}: already read")
            return
        seen.add(key)
        reader, kind = READERS[path.suffix.lower()]
        count = 0
        try:
            for record in reader(path, source, notify):
                count += 1
                yield ids.assign(record)
        except Exception as err:  # a reader bug must not end the run
            yield ids.assign(error_record(
                path.stem, source, kind,
                f"{source}: unexpected error after {count} record(s): {type(err).__name__}: {err}",
            ))

    for path in _as_path_list(paths):
        source = str(path)
        if path.is_dir():
            files = _folder_files(path, notify)
            supported = 0
            for file in files:
                file_source = str(file)
                if file.name.startswith("."):
                    notify(f"skipping hidden file {file_source}")
                elif file.suffix.lower() not in READERS:
                    what = f"'{file.suffix}'" if file.suffix else "no extension"
                    notify(
                        f"skipping {file_source}: unsupported file type "
                        f"({what}; supported: {_supported_list()})"
                    )
                elif not _is_regular_file(file):
                    notify(f"skipping {file_source}: not a regular file")
                else:
                    supported += 1
                    yield from read_file(file, file_source)
            if supported == 0:
                notify(f"no supported files in folder {source}")
        elif not os.path.lexists(path) or not path.exists():
            problem = "broken symbolic link" if os.path.lexists(path) else "no such file or folder"
            yield ids.assign(error_record(path.stem or source, source, "missing", f"{source}: {problem}"))
        elif path.suffix.lower() not in READERS:
            what = f"'{path.suffix}'" if path.suffix else "no extension"
            yield ids.assign(error_record(
                path.stem or source, source, "unsupported",
                f"{source}: unsupported file type ({what}; supported: {_supported_list()})",
            ))
        elif not _is_regular_file(path):
            yield ids.assign(error_record(
                path.stem, source, "unsupported", f"{source}: not a regular file",
            ))
        else:
            yield from read_file(path, source)


def record_from_text(text: str | bytes, article_id: str = "text", **metadata) -> RawRecord:
    """A RawRecord for an article held in memory (``kind="text"``).

    ``metadata`` may give ``url``, ``title``, ``published``, ``author`` and
    ``source_path`` (default ``"<text>"``).  Bytes are decoded like a file.
    Blank or undecodable text gives an error record, as for a file.
    """
    allowed = {*METADATA_FIELDS, "source_path"}
    unknown = sorted(set(metadata) - allowed)
    if unknown:
        raise TypeError(f"record_from_text() got unknown metadata {unknown}; allowed: {sorted(allowed)}")
    source = metadata.pop("source_path", None) or "<text>"
    kind = "text"
    encoding = None
    if isinstance(text, (bytes, bytearray)):
        try:
            text, encoding = decode_bytes(bytes(text))
        except DecodeError as err:
            return error_record(article_id, source, kind, f"{source}: cannot decode: {err}", **metadata)
    elif not isinstance(text, str):
        raise TypeError(f"record_from_text() needs str or bytes, not {type(text).__name__}")
    return text_record(article_id, source, kind, text, source, encoding=encoding, **metadata)
