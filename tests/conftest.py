"""Shared fixtures: paths to the bundled corpus and the shared benchmark data."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def sample_text() -> str:
    """The real scraped article (bundled in corpus/dev as well as in ../shared)."""
    return (REPO / "corpus" / "dev" / "mic-gov-vn-000.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def nlp():
    from pipeline.nlp.language import get_nlp

    return get_nlp()
