"""Vietnamese word segmentation (tách từ) over syllable tokens.

Vietnamese writes one syllable (âm tiết) per space-separated unit; a word
(từ) is one or more syllables (`Gia Lai`, `Ủy ban`, `an ninh`).  The pipeline
tokenises into syllables first (see :mod:`pipeline.nlp.tokenizer`) and then
asks a segmenter which syllables start a word.  A segmenter maps a list of
syllable strings to a list of booleans (``True`` = this syllable begins a new
word), so it can never move token boundaries: document numbers, dates and
abbreviations that the tokenizer kept whole stay whole.

Segmenters are registered by name in :data:`SEGMENTERS`, so the spaCy config
chooses one (``[nlp.tokenizer] segmenter = "underthesea"``).
"""

from __future__ import annotations

import functools
from typing import Callable, Protocol, Sequence


class Segmenter(Protocol):
    def __call__(self, syllables: Sequence[str]) -> list[bool]:
        """For each syllable, whether it starts a word."""


SEGMENTERS: dict[str, Callable[[], Segmenter]] = {}


def register_segmenter(name: str):
    """Register a zero-argument factory that builds a segmenter."""

    def decorator(factory):
        SEGMENTERS[name] = factory
        return factory

    return decorator


@functools.lru_cache(maxsize=None)
def get_segmenter(name: str) -> Segmenter:
    """The segmenter registered under ``name``, built once per process."""
    try:
        factory = SEGMENTERS[name]
    except KeyError:
        known = ", ".join(sorted(SEGMENTERS))
        raise ValueError(f"unknown word segmenter {name!r}; known: {known}") from None
    return factory()


class UndertheseaCRFSegmenter:
    """underthesea's bundled CRF word segmenter (VLSP 2013), fed our syllables.

    underthesea's ``word_tokenize`` re-tokenises the raw string and splits
    ``07/2007/CT-UBND`` into three pieces; calling its CRF tagger on our own
    syllables keeps the tokenizer's decisions and costs one tagging pass.
    """

    def __init__(self) -> None:
        from os.path import dirname, join

        import underthesea.pipeline.word_tokenize as word_tokenize_module
        from underthesea.models.fast_crf_sequence_tagger import FastCRFSequenceTagger

        self._tagger = FastCRFSequenceTagger()
        self._tagger.load(join(dirname(word_tokenize_module.__file__), "models", "ws_crf_vlsp2013_20230727"))

    def __call__(self, syllables: Sequence[str]) -> list[bool]:
        if not syllables:
            return []
        tags = self._tagger.predict([[syllable] for syllable in syllables])
        starts = [tag != "I-W" for tag in tags]
        starts[0] = True
        return starts


@register_segmenter("underthesea")
def _build_underthesea_segmenter() -> Segmenter:
    return UndertheseaCRFSegmenter()


@register_segmenter("syllables")
def _build_syllable_segmenter() -> Segmenter:
    """Every syllable is a word: a baseline, and cheap for tests."""
    return lambda syllables: [True] * len(syllables)
