"""A memory-compact near-duplicate index for long runs: the answers of
:class:`pipeline.clean.dedup.NearDuplicateIndex`, in a fraction of its memory.

The collector checks every article against all earlier ones, so the index
grows with the run.  ``NearDuplicateIndex`` keeps datasketch's ``MinHashLSH``:
Python dictionaries of band keys, about 8.5 KB per article (170 MB for 20,000
articles).  This index keeps the same MinHash signatures
(:meth:`NearDuplicateIndex.signature`: same shingles, permutations and seed)
in one ``uint32`` matrix (MinHash values are below 2**32) and, per article,
one 64-bit key per LSH band in a second matrix: 712 bytes per article with the
default 128 permutations (14 MB for 20,000 articles; the matrices grow by a
quarter when full).

A query compares the new article's band keys with every stored row (NumPy,
about 0.3 ms per 20,000 stored articles), takes the rows that share a band
(datasketch's candidates), in insertion order, and returns the first whose
estimated Jaccard similarity reaches the threshold, exactly as
``NearDuplicateIndex.check_and_add`` does.  The banding (``b`` bands of ``r``
rows) is datasketch's own for the same LSH threshold.  The scan is linear in
the stored articles, which stays small next to the NLP up to a few hundred
thousand articles.
"""

from __future__ import annotations

import functools

import numpy as np

from .clean.dedup import MINHASH_SEED, NearDuplicateIndex

_MIX = np.uint64(0x9E3779B97F4A7C15)
_MAX_MINHASH = (1 << 32) - 1


@functools.lru_cache(maxsize=8)
def _signer(threshold: float, num_perm: int, shingle_size: int, seed: int) -> NearDuplicateIndex:
    """An empty NearDuplicateIndex, used only for its (stateless) ``signature``;
    built once per parameters, as building one costs datasketch's LSH tuning."""
    return NearDuplicateIndex(threshold, num_perm=num_perm, shingle_size=shingle_size, seed=seed)


@functools.lru_cache(maxsize=8)
def _banding(threshold: float, num_perm: int) -> tuple[int, int]:
    """datasketch's (bands, rows per band) for NearDuplicateIndex's LSH threshold."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=max(0.1, threshold - 0.3), num_perm=num_perm)
    return lsh.b, lsh.r


class CompactNearDuplicateIndex:
    """Drop-in for :class:`NearDuplicateIndex` (``check_and_add``, ``check``, ``len``)."""

    def __init__(self, threshold: float = 0.8, *, num_perm: int = 128, shingle_size: int = 3,
                 seed: int = MINHASH_SEED, capacity: int = 1024):
        # The signature and the LSH threshold are NearDuplicateIndex's.
        self._reference = _signer(threshold, num_perm, shingle_size, seed)
        self.threshold = threshold
        self.num_perm = num_perm
        self.bands, self.rows_per_band = _banding(threshold, num_perm)
        self._ids: list[str] = []
        self._signatures = np.empty((capacity, num_perm), dtype=np.uint32)
        self._band_keys = np.empty((capacity, self.bands), dtype=np.uint64)

    def __len__(self) -> int:
        return len(self._ids)

    @property
    def nbytes(self) -> int:
        """Bytes held by the two matrices (allocated capacity)."""
        return self._signatures.nbytes + self._band_keys.nbytes

    def signature(self, text: str):
        return self._reference.signature(text)

    def _keys(self, values: np.ndarray) -> np.ndarray:
        bands = values[: self.bands * self.rows_per_band].astype(np.uint64).reshape(self.bands, self.rows_per_band)
        keys = np.zeros(self.bands, dtype=np.uint64)
        with np.errstate(over="ignore"):
            for column in range(self.rows_per_band):
                keys = (keys ^ bands[:, column]) * _MIX
        return keys

    def _match(self, values: np.ndarray, keys: np.ndarray) -> str | None:
        n = len(self._ids)
        if not n:
            return None
        candidates = np.flatnonzero((self._band_keys[:n] == keys).any(axis=1))  # ascending: insertion order
        if not len(candidates):
            return None
        similar = (self._signatures[candidates] == values).mean(axis=1) >= self.threshold
        hits = np.flatnonzero(similar)
        return self._ids[candidates[hits[0]]] if len(hits) else None

    def _prepare(self, text: str):
        minhash = self.signature(text)
        if minhash is None:
            return None, None
        hashvalues = minhash.hashvalues
        if int(hashvalues.max()) > _MAX_MINHASH:  # pragma: no cover - datasketch keeps them below 2**32
            raise ValueError("MinHash values above 2**32: CompactNearDuplicateIndex cannot store them")
        values = hashvalues.astype(np.uint32)
        return values, self._keys(values)

    def check(self, text: str) -> str | None:
        """The id of the first indexed article ``text`` nearly duplicates."""
        values, keys = self._prepare(text)
        return None if values is None else self._match(values, keys)

    def check_and_add(self, article_id: str, text: str) -> str | None:
        """The id of the earliest indexed near duplicate of ``text`` (or ``None``);
        then ``text`` is indexed under ``article_id``.  Texts without a word are
        neither matched nor indexed."""
        values, keys = self._prepare(text)
        if values is None:
            return None
        duplicate_of = self._match(values, keys)
        n = len(self._ids)
        if n == len(self._signatures):  # grow by a quarter: little slack, amortised copies
            extra = max(1024, n // 4)
            self._signatures = np.concatenate([self._signatures, np.empty((extra, self.num_perm), dtype=np.uint32)])
            self._band_keys = np.concatenate([self._band_keys, np.empty((extra, self.bands), dtype=np.uint64)])
        self._signatures[n] = values
        self._band_keys[n] = keys
        self._ids.append(article_id)
        return duplicate_of
