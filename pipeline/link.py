"""Entity ids across a corpus.

Every mention carries an article-local ``entity_key`` (``"ORG:Ủy ban nhân dân
tỉnh Gia Lai"``; a short reference carries the key of the full entity it
names).  The corpus-wide ``entity_id`` is derived from that key alone, so it is
deterministic: the same corpus gives the same ids whatever the order of the
articles, the number of workers or the engine, and an incremental run agrees
with a full one without any shared state.

``UBND tỉnh Gia Lai``, ``Uỷ ban nhân dân tỉnh Gia Lai`` and ``Ủy ban nhân dân
tỉnh Gia Lai`` share a canonical form and so one id; ``Công an tỉnh`` in a Gia
Lai article is canonicalised to ``Công an tỉnh Gia Lai`` upstream and so
differs from ``Công an tỉnh`` in a Lâm Đồng article.
"""

from __future__ import annotations

import hashlib
import unicodedata

_ID_PREFIX = {"PER": "per", "ORG": "org", "LOC": "loc", "DIRECTIVE": "dir", "DATE": "date"}


def entity_key(label: str, canonical: str) -> str:
    """The key of an entity: label and case-folded canonical form."""
    folded = " ".join(unicodedata.normalize("NFC", canonical).casefold().split())
    return f"{label}:{folded}"


def entity_id(key: str) -> str:
    """Deterministic corpus-wide id of an entity key, e.g. ``org-5c1f0e9a2b``.

    The canonical part is case-folded first, so ``ORG:Ủy ban nhân dân tỉnh Gia
    Lai`` and ``ORG:ủy ban nhân dân tỉnh gia lai`` are one entity.

    >>> entity_id("ORG:Ủy ban nhân dân tỉnh Gia Lai") == entity_id("ORG:ủy ban nhân dân tỉnh gia lai")
    True
    """
    label, _, canonical = key.partition(":")
    key = entity_key(label, canonical)
    digest = hashlib.blake2b(key.encode("utf-8"), digest_size=5).hexdigest()
    return f"{_ID_PREFIX.get(label, label.lower())}-{digest}"
