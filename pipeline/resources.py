"""Where the pipeline's data files live.

Lexicons, gazetteers, patterns and trained models are data, kept in the
repository's ``models/`` folder (beside the ``pipeline`` package) so that they
can be read, reviewed and diffed like any other file.  ``PIPELINE_MODELS_DIR``
points elsewhere, e.g. for a deployment that ships the folder separately.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import json
import os
import pickle
import sys
import tempfile
from pathlib import Path

_DEFAULT_MODELS_DIR = Path(__file__).resolve().parent.parent / "models"


def models_dir() -> Path:
    """The folder holding lexicons, gazetteers and trained models."""
    path = Path(os.environ.get("PIPELINE_MODELS_DIR", _DEFAULT_MODELS_DIR))
    if not path.is_dir():
        raise FileNotFoundError(
            f"models folder not found at {path}; install the pipeline from its "
            "repository (pip install -e .) or set PIPELINE_MODELS_DIR"
        )
    return path


def resource_path(*parts: str) -> Path:
    """Path of a file under ``models/``, e.g. ``resource_path("lexicons", "surnames.txt")``."""
    path = models_dir().joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"missing pipeline resource: {path}")
    return path


@functools.lru_cache(maxsize=None)
def read_lines(*parts: str) -> tuple[str, ...]:
    """Non-empty, stripped lines of a text resource in file order; lines that
    start with ``#`` are comments."""
    lines = []
    with open(resource_path(*parts), encoding="utf-8") as handle:
        for line in handle:
            line = line.strip()
            if line and not line.startswith("#"):
                lines.append(line)
    return tuple(lines)


@functools.lru_cache(maxsize=None)
def read_json(*parts: str):
    """A JSON resource, parsed once per process."""
    with open(resource_path(*parts), encoding="utf-8") as handle:
        return json.load(handle)


# --------------------------------------------------------------------------
# Built resources, cached between processes
# --------------------------------------------------------------------------
#
# Some resources take a few hundred milliseconds to build from their text
# files (the segmenter's 72,000-word lexicon with every prefix, the
# organisation lexicon, the gazetteer) and a tenth of that to unpickle.
# Every process that loads the pipeline (each worker, each CLI run) pays the
# build, so the built objects are pickled into a cache folder, under a
# fingerprint of everything they are built from: the pipeline's own code,
# the files under ``models/``, the extra files named by the caller, and the
# Python version.  Any change to one of them means a new fingerprint, so a
# stale object is never read back.  The cache is a convenience: when the
# folder cannot be written, or a cached file cannot be read, the resource is
# built as if there were no cache.

#: set to a folder to keep the cache there, or to ``off`` to build every time
CACHE_ENV = "PIPELINE_CACHE_DIR"


def cache_dir() -> Path | None:
    """The cache folder (``$PIPELINE_CACHE_DIR``, else ``~/.cache/vn-pipeline``), ``None`` when off."""
    value = os.environ.get(CACHE_ENV)
    if value is not None:
        return None if value.strip().lower() in ("", "0", "off", "no", "false") else Path(value)
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = Path.home() / ".cache"
        except (KeyError, RuntimeError):  # no home directory (a bare container user): no cache
            return None
    return Path(base) / "vn-pipeline"


def _file_stamp(path: Path) -> str:
    stat = path.stat()
    return f"{path}:{stat.st_size}:{stat.st_mtime_ns}"


@functools.lru_cache(maxsize=1)
def _base_fingerprint() -> str:
    """Size and modification time of every file of the package and of ``models/``."""
    package = Path(__file__).resolve().parent
    stamps = [f"python {sys.version_info[:3]}"]
    for folder, pattern in ((package, "*.py"), (models_dir(), "*")):
        stamps.extend(_file_stamp(path) for path in sorted(folder.rglob(pattern)) if path.is_file())
    return hashlib.sha256("\n".join(stamps).encode("utf-8")).hexdigest()


def cached(name: str, build, *, sources=()):
    """``build()``, or its pickled result from an earlier process with the same inputs.

    ``name`` names the resource (one file per name is kept); ``sources`` are
    files outside the package and ``models/`` that ``build`` reads, e.g.
    ``cached("gazetteer", Gazetteer)`` or
    ``cached("organisations", OrgLexicon.load, sources=[word_list])``.
    """
    folder = cache_dir()
    if folder is None:
        return build()
    stamps = [_base_fingerprint(), *(_file_stamp(Path(source).resolve()) for source in sources)]
    fingerprint = hashlib.sha256("\n".join(stamps).encode("utf-8")).hexdigest()[:20]
    path = folder / f"{name}-{fingerprint}.pickle"
    if path.is_file():
        gc_was_enabled = gc.isenabled()
        gc.disable()  # unpickling makes many objects and no garbage
        try:
            with open(path, "rb") as handle:
                return pickle.load(handle)
        except Exception:  # noqa: BLE001 - a damaged cache file is rebuilt below
            pass
        finally:
            if gc_was_enabled:
                gc.enable()
    value = build()
    temporary = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # written under a temporary name and renamed: a process starting at
        # the same time reads a whole file or none
        with tempfile.NamedTemporaryFile("wb", dir=folder, prefix=f".{name}-", delete=False) as handle:
            temporary = handle.name
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
        temporary = None
        for old in folder.glob(f"{name}-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError):
        pass  # a read-only home: no cache, same result
    finally:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
    return value
