"""Where the pipeline's data files live.

Lexicons, gazetteers, patterns and trained models are data, kept in the
repository's ``models/`` folder (beside the ``pipeline`` package) so that they
can be read, reviewed and diffed like any other file.  ``PIPELINE_MODELS_DIR``
points elsewhere, e.g. for a deployment that ships the folder separately.
"""

from __future__ import annotations

import functools
import json
import os
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
