"""Duplicates: repeated paragraphs inside an article, near-duplicate articles
across a corpus.

* :func:`remove_duplicate_paragraphs` drops a paragraph that repeats an
  earlier one exactly (case- and space-insensitive) or nearly (same words up
  to punctuation, or token-level similarity >= 0.9 for paragraphs of at least
  10 words); the first occurrence is kept, order preserved.
* :class:`NearDuplicateIndex` finds an article that republishes an earlier one
  with a few edits: MinHash signatures of word 3-shingles in an LSH index
  (datasketch, fixed seed: deterministic), candidates confirmed by their
  estimated Jaccard similarity (>= 0.8 by default).
"""

from __future__ import annotations

import math
import re
import unicodedata
import zlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import numpy as np
from rapidfuzz.distance import Levenshtein

if TYPE_CHECKING:  # datasketch imports SciPy (a third of a second): loaded when first needed
    from datasketch import MinHash

from pipeline.article import Article

__all__ = [
    "remove_duplicate_paragraphs",
    "NearDuplicateIndex",
    "flag_near_duplicate_articles",
    "NEAR_DUPLICATE_SIMILARITY",
    "MIN_NEAR_TOKENS",
]

#: token-level similarity from which two paragraphs are near duplicates
NEAR_DUPLICATE_SIMILARITY = 0.9
#: paragraphs with fewer words are only compared exactly
MIN_NEAR_TOKENS = 10
#: above this many long paragraphs, candidates come from MinHash LSH instead
#: of comparing every pair of similar length
PAIRWISE_LIMIT = 200
#: fixed MinHash seed: same input, same result
MINHASH_SEED = 1

_TOKEN_RE = re.compile(r"\w+")


def _exact_key(paragraph: str) -> str:
    return " ".join(unicodedata.normalize("NFC", paragraph).casefold().split())


def _tokens(text: str) -> list[str]:
    return _TOKEN_RE.findall(unicodedata.normalize("NFC", text).casefold())


#: multipliers of the shingle hash (odd 64-bit constants: the golden ratio's
#: and a SplitMix64 one)
_SHINGLE_STEP = np.uint64(0x9E3779B97F4A7C15)
_SHINGLE_MIX = np.uint64(0xBF58476D1CE4E5B9)


def shingle_hashes(tokens: Sequence[str], size: int) -> np.ndarray:
    """32-bit hashes of the word ``size``-grams (shingles) of ``tokens``, as ``uint64``.

    Each token is hashed once (CRC-32, in C); a shingle's hash combines its
    tokens' in NumPy (multiply-add over the window, then a multiplicative
    mix keeping the top 32 bits).  Joining and hashing every shingle's
    string instead cost about 1 ms per article; MinHash only needs a
    deterministic, well-spread 32-bit value, which its permutations then mix.
    Fewer tokens than ``size`` make one shingle; no token, none.

    >>> shingle_hashes(["ban", "hành", "kế", "hoạch"], 3).shape
    (2,)
    >>> bool((shingle_hashes(["a", "b", "c"], 3) == shingle_hashes(["a", "b", "c", "a", "b", "c"], 3)[0]).all())
    True
    """
    if not tokens:
        return np.empty(0, dtype=np.uint64)
    hashes = np.fromiter((zlib.crc32(token.encode("utf-8")) for token in tokens), dtype=np.uint64, count=len(tokens))
    width = min(size, len(hashes))
    count = len(hashes) - width + 1
    combined = hashes[:count].copy()
    with np.errstate(over="ignore"):
        for offset in range(1, width):
            combined = combined * _SHINGLE_STEP + hashes[offset : offset + count]
        return (combined * _SHINGLE_MIX) >> np.uint64(32)


class _MinHasher:
    """datasketch MinHash signatures of shingle hashes, with shared permutations (built once)."""

    def __init__(self, num_perm: int, seed: int = MINHASH_SEED):
        from datasketch import MinHash

        self._minhash = MinHash
        template = MinHash(num_perm=num_perm, seed=seed)
        self.num_perm = num_perm
        self.seed = seed
        self._permutations = template.permutations
        self._scheme = template.scheme

    def __call__(self, hashes: np.ndarray) -> MinHash:
        """The signature of the set of :func:`shingle_hashes` ``hashes``."""
        minhash = self._minhash(
            num_perm=self.num_perm,
            seed=self.seed,
            permutations=self._permutations,
            scheme=self._scheme,
            hashfunc=int,  # the values are hashes already
        )
        minhash.update_batch(hashes.tolist())
        return minhash


# --------------------------------------------------------------------------
# Paragraphs within an article
# --------------------------------------------------------------------------


class _PairwiseCandidates:
    """Kept long paragraphs bucketed by token count; a query only meets those
    whose length allows the similarity threshold."""

    def __init__(self, similarity: float):
        self.similarity = similarity
        self.by_length: dict[int, list[list[str]]] = defaultdict(list)

    def candidates(self, tokens: list[str]) -> Iterable[list[str]]:
        n = len(tokens)
        low = max(1, math.ceil(n * self.similarity - 1e-9))
        high = math.floor(n / self.similarity + 1e-9) if self.similarity > 0 else 10 * n
        for length in range(low, high + 1):
            yield from self.by_length.get(length, ())

    def add(self, tokens: list[str]) -> None:
        self.by_length[len(tokens)].append(tokens)


class _LshCandidates:
    """Kept long paragraphs in a MinHash LSH over word bigrams."""

    def __init__(self):
        self.hasher = _MinHasher(num_perm=128)
        from datasketch import MinHashLSH

        self.lsh = MinHashLSH(threshold=0.4, num_perm=128)
        self.stored: list[list[str]] = []
        self._last: tuple[list[str], MinHash] | None = None

    def _signature(self, tokens: list[str]) -> MinHash:
        if self._last is None or self._last[0] is not tokens:
            self._last = (tokens, self.hasher(shingle_hashes(tokens, 2)))
        return self._last[1]

    def candidates(self, tokens: list[str]) -> Iterable[list[str]]:
        for key in sorted(self.lsh.query(self._signature(tokens))):
            yield self.stored[key]

    def add(self, tokens: list[str]) -> None:
        self.lsh.insert(len(self.stored), self._signature(tokens), check_duplication=False)
        self.stored.append(tokens)


def remove_duplicate_paragraphs(
    paragraphs: Iterable[str],
    *,
    similarity: float = NEAR_DUPLICATE_SIMILARITY,
    min_tokens: int = MIN_NEAR_TOKENS,
) -> tuple[list[str], int]:
    """``(kept paragraphs, number removed)``.

    A paragraph is removed when an earlier kept one is

    * the same text up to case and spacing (any length), or, for paragraphs
      of at least ``min_tokens`` words,
    * the same words up to punctuation, or
    * at least ``similarity`` similar word by word (normalised Levenshtein
      distance over the word sequences: a few words edited).

    Empty paragraphs are dropped without being counted.  Exact and
    same-words checks are hash look-ups; the similarity check compares only
    paragraphs of compatible length, or LSH candidates when an article has
    more than :data:`PAIRWISE_LIMIT` long paragraphs.
    """
    paragraphs = list(paragraphs)
    seen_exact: set[str] = set()
    seen_words: set[str] = set()
    tokenised = [None] * len(paragraphs)
    n_long = 0
    for i, paragraph in enumerate(paragraphs):
        tokens = _tokens(paragraph)
        tokenised[i] = tokens
        n_long += len(tokens) >= min_tokens
    index = _LshCandidates() if n_long > PAIRWISE_LIMIT else _PairwiseCandidates(similarity)

    kept: list[str] = []
    removed = 0
    for paragraph, tokens in zip(paragraphs, tokenised):
        key = _exact_key(paragraph)
        if not key:
            continue
        if key in seen_exact:
            removed += 1
            continue
        is_long = len(tokens) >= min_tokens
        if is_long:
            words = " ".join(tokens)
            if words in seen_words or any(
                Levenshtein.normalized_similarity(tokens, other, score_cutoff=similarity) >= similarity
                for other in index.candidates(tokens)
            ):
                removed += 1
                continue
            seen_words.add(words)
            index.add(tokens)
        seen_exact.add(key)
        kept.append(paragraph)
    return kept, removed


# --------------------------------------------------------------------------
# Near-duplicate articles across a corpus
# --------------------------------------------------------------------------


class NearDuplicateIndex:
    """Finds articles that republish an earlier one with small edits.

    Each text becomes the set of its word ``shingle_size``-grams (lower-cased,
    punctuation ignored), summarised by a MinHash signature with a fixed seed.
    An LSH index with a lower candidate threshold proposes earlier articles;
    one is a near duplicate when the signatures' estimated Jaccard similarity
    is at least ``threshold``.  Cost per article: one signature plus its
    candidates, so linear in the corpus for ordinary news.
    """

    def __init__(
        self,
        threshold: float = 0.8,
        *,
        num_perm: int = 128,
        shingle_size: int = 3,
        seed: int = MINHASH_SEED,
    ):
        if not 0.0 < threshold <= 1.0:
            raise ValueError("threshold must be in (0, 1]")
        self.threshold = threshold
        self.shingle_size = shingle_size
        self._hasher = _MinHasher(num_perm=num_perm, seed=seed)
        from datasketch import MinHashLSH

        self._lsh = MinHashLSH(threshold=max(0.1, threshold - 0.3), num_perm=num_perm)
        self._ids: list[str] = []
        self._signatures: list[np.ndarray] = []

    def __len__(self) -> int:
        return len(self._ids)

    def signature(self, text: str) -> MinHash | None:
        hashes = shingle_hashes(_tokens(text or ""), self.shingle_size)
        return self._hasher(hashes) if len(hashes) else None

    def check(self, text: str) -> str | None:
        """The id of the first indexed article ``text`` nearly duplicates."""
        minhash = self.signature(text)
        return None if minhash is None else self._match(minhash)

    def _match(self, minhash: MinHash) -> str | None:
        values = minhash.hashvalues
        for key in sorted(self._lsh.query(minhash)):  # insertion order: the first seen wins
            if float(np.mean(self._signatures[key] == values)) >= self.threshold:
                return self._ids[key]
        return None

    def check_and_add(self, article_id: str, text: str) -> str | None:
        """The id of the earliest indexed near duplicate of ``text`` (or
        ``None``); then ``text`` is indexed under ``article_id``.  Texts
        without a word are neither matched nor indexed."""
        minhash = self.signature(text)
        if minhash is None:
            return None
        duplicate_of = self._match(minhash)
        key = len(self._ids)
        self._lsh.insert(key, minhash, check_duplication=False)
        self._ids.append(article_id)
        self._signatures.append(minhash.hashvalues.copy())
        return duplicate_of


def flag_near_duplicate_articles(articles: Sequence[Article], *, threshold: float = 0.8) -> int:
    """Set ``duplicate_of`` on every ok article that nearly duplicates an
    earlier one (in list order) and return how many were flagged.  Error
    articles are skipped and left unchanged."""
    index = NearDuplicateIndex(threshold)
    flagged = 0
    for article in articles:
        if not article.ok:
            continue
        duplicate_of = index.check_and_add(article.article_id, article.text)
        article.duplicate_of = duplicate_of
        flagged += duplicate_of is not None
    return flagged
