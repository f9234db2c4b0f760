"""Vietnamese word segmentation (tách từ) over syllable tokens.

Vietnamese writes one syllable (âm tiết) per space-separated unit; a word
(từ) is one or more syllables (`Gia Lai`, `Ủy ban`, `an ninh`).  The pipeline
tokenises into syllables first (see :mod:`pipeline.nlp.tokenizer`) and then
asks a segmenter which syllables start a word.  A segmenter maps a list of
syllable strings to a list of booleans (``True`` = this syllable begins a new
word), so it can never move token boundaries: document numbers, dates and
abbreviations that the tokenizer kept whole stay whole.

Segmenters are registered by name in :data:`SEGMENTERS`, so the spaCy config
chooses one (``[nlp.tokenizer] segmenter = "underthesea"``):

``vtb_crf``
    our CRF (python-crfsuite) trained on the UD Vietnamese VTB treebank
    (train + dev), with dictionary features; model and lexicon in
    ``models/segmenter/`` (see its README.md and train.py).
``underthesea``
    underthesea's bundled CRF (VLSP 2013), fed our syllables.
``syllables``
    every syllable is a word (a baseline, and cheap for tests).
"""

from __future__ import annotations

import functools
import re
import threading
import unicodedata
from pathlib import Path
from typing import Callable, Iterable, Mapping, Protocol, Sequence


class Segmenter(Protocol):
    def __call__(self, syllables: Sequence[str]) -> list[bool]:
        """For each syllable, whether it starts a word."""


SEGMENTERS: dict[str, Callable[[], Segmenter]] = {}

#: The segmenter the pipeline uses unless configured otherwise: our CRF
#: trained on the UD Vietnamese VTB treebank (models/segmenter/README.md).
DEFAULT_SEGMENTER = "vtb_crf"


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


# --------------------------------------------------------------------------
# vtb_crf: our CRF trained on UD Vietnamese VTB (models/segmenter/)
# --------------------------------------------------------------------------
#
# The feature function below is shared by the trainer
# (models/segmenter/train.py) and the segmenter, so that training and
# inference see the same features; changing it means retraining the model
# (FEATURES_VERSION is stored beside the model and checked at load time).

FEATURES_VERSION = "vtb-crf-1"

#: Lexicon sources, one bit each: a syllable n-gram listed by that source.
LEXICON_SOURCES: dict[str, int] = {"U": 1, "P": 2}  # U: underthesea dictionaries, P: pyvi's word list
#: Longest n-gram looked up in the lexicon (maximum matching and n-gram features).
MAX_NGRAM = 5
#: Dictionary features: (a, b) = the syllables i+a .. i+b form a known word.
_DICT_WINDOWS: tuple[tuple[int, int], ...] = (
    (-1, 0), (-2, 0), (-3, 0),   # a word ending here that includes the previous syllable
    (-1, 1), (-2, 1), (-1, 2),   # a word across this boundary
    (0, 1), (0, 2), (0, 3),      # a word starting here
    (-2, -1), (-3, -1), (1, 2),  # words ending just before / starting just after
    (0, 0),                      # the syllable alone
)
_TONE_MARKS = {"\u0300": "2", "\u0301": "1", "\u0309": "3", "\u0303": "4", "\u0323": "5"}
# Word-internal characters of a syllable or a hyphenated code (Covid-19, Tr'hy);
# a token with anything else inside (TP.HCM, TT&TT, e-mails) is a unit of its own.
_PLAIN_TOKEN = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


#: tokens remembered by the pure per-token functions below: frequent tokens
#: stay, and memory stays flat on long runs (a few MB)
TOKEN_CACHE_SIZE = 20_000


@functools.lru_cache(maxsize=TOKEN_CACHE_SIZE)
def syllable_key(syllable: str) -> str:
    """Lower-case spelling with the tone mark moved to the end: one key per syllable.

    Vietnamese has two conventions for where the tone mark sits (``hoà`` /
    ``hòa``, ``thuỷ`` / ``thủy``, ``khoẻ`` / ``khỏe``), and the Icelandic
    ``Ð`` (U+00D0) is sometimes typed for ``Đ``; both variants get the same
    key (``hoa2``, ``thuy3``, ``khoe3``), for lexicon look-ups and features.
    """
    lowered = syllable.lower().replace("\u00f0", "đ")
    base = []
    tone = ""
    for char in unicodedata.normalize("NFD", lowered):
        if char in _TONE_MARKS:
            tone = _TONE_MARKS[char]
        else:
            base.append(char)
    return unicodedata.normalize("NFC", "".join(base)) + tone


def word_key(word: str) -> str:
    """:func:`syllable_key` of every syllable of a space-separated word."""
    return " ".join(syllable_key(syllable) for syllable in word.split())


#: every value of :func:`syllable_shape`
_SHAPES = "lTUmdanp"


@functools.lru_cache(maxsize=TOKEN_CACHE_SIZE)
def syllable_shape(token: str) -> str:
    """l lower, T title (or one capital), U upper, m mixed case, d digits, a letters+digits/codes, n number-like, p punctuation."""
    if token.isalpha():
        if token.islower():
            return "l"
        if token.isupper():
            return "U" if len(token) > 1 else "T"
        return "T" if token[0].isupper() else "m"
    if token.isdigit():
        return "d"
    if any(char.isalpha() for char in token):
        return "a"
    if any(char.isdigit() for char in token):
        return "n"
    return "p"


#: Value stored in a lexicon for a key that is only the beginning of longer
#: words (``Ủy`` of ``Ủy ban``): n-gram look-ups go on past it, but it is
#: not a word, so it gives no feature.
PREFIX_ONLY = 0


def read_lexicon(path: str | Path) -> dict[str, int]:
    """``word<TAB>sources`` lines (sources: letters of :data:`LEXICON_SOURCES`) -> {word key: source bits}.

    Every proper syllable prefix of a listed word is also a key, with
    :data:`PREFIX_ONLY` unless it is a word itself, so that n-gram look-ups
    stop as soon as no listed word can start with the syllables seen.
    """
    lexicon: dict[str, int] = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if not line.strip() or line.startswith("#"):
                continue
            word, sources = line.rstrip("\n").split("\t")
            bits = 0
            for source in sources:
                bits |= LEXICON_SOURCES[source]
            key = word_key(word)
            lexicon[key] = lexicon.get(key, PREFIX_ONLY) | bits
            position = key.rfind(" ")
            while position > 0:
                lexicon.setdefault(key[:position], PREFIX_ONLY)
                position = key.rfind(" ", 0, position)
    return lexicon


def _maximum_matching(longest: list[int], backward: bool) -> list[str]:
    """Greedy longest-match segmentation with one lexicon source: "1" where a word starts.

    ``longest[i]`` is the length of the longest known word starting at
    syllable ``i`` (forward) or ending at syllable ``i`` (backward), 1 when none.
    """
    n = len(longest)
    starts = ["1"] * n
    if not backward:
        i = 0
        while i < n:
            length = longest[i]
            for j in range(i + 1, i + length):
                starts[j] = "0"
            i += length
    else:
        end = n - 1
        while end >= 0:
            length = longest[end]
            for j in range(end - length + 2, end + 1):
                starts[j] = "0"
            end -= length
    return starts


# Feature strings that depend on nothing but a small set of values are
# built once: the dictionary-window attributes per (n-gram length, source
# bits), the maximum-matching attributes per (source, forward, backward).
_WINDOWS_BY_LENGTH: dict[int, list[tuple[int, int]]] = {}
for _a, _b in _DICT_WINDOWS:
    _WINDOWS_BY_LENGTH.setdefault(_b - _a + 1, []).append((_a, _b))
_WINDOW_ATTRIBUTES: dict[tuple[int, int], list[tuple[int, list[str]]]] = {
    (length, bits): [
        (a, [f"{name}[{a},{b}]" for name, bit in LEXICON_SOURCES.items() if bits & bit])
        for a, b in windows
    ]
    for length, windows in _WINDOWS_BY_LENGTH.items()
    for bits in range(1, 1 << len(LEXICON_SOURCES))
}
_MATCHING_ATTRIBUTES = {
    name: {(f, b): f"{name}mm={f}{b}" for f in "01" for b in "01"} for name in LEXICON_SOURCES
}


def segmentation_features(syllables: Sequence[str], lexicon: Mapping[str, int]) -> list[list[str]]:
    """CRF attributes of every syllable (python-crfsuite items).

    Window of two syllables each side: the token itself, its key
    (:func:`syllable_key`), keys of neighbours, key bigrams, shapes (case,
    digits, punctuation) and shape bigrams/trigram; per lexicon source,
    whether the n-grams of :data:`_DICT_WINDOWS` are known words, and the
    forward/backward maximum-matching decisions at this syllable.

    This runs on every sentence the pipeline reads, so it builds each
    string once: n-gram look-ups stop at the first key that no lexicon
    word starts with, and dictionary attributes are placed from the few
    known n-grams rather than tested window by window.
    """
    n = len(syllables)
    keys = [syllable_key(syllable) for syllable in syllables]
    shapes = [syllable_shape(syllable) for syllable in syllables]
    padded = ["<s>", "<s>", *keys, "</s>", "</s>"]
    padded_shapes = ["^", *shapes, "$"]
    # bigram_of[j]: keys j-2 and j-1 of the sentence joined (padded index j).
    bigrams = [padded[j] + " " + padded[j + 1] for j in range(n + 3)]
    features = []
    for i in range(n):
        s_1, s0, s1 = padded_shapes[i : i + 3]
        s0_1 = s_1 + s0
        features.append([
            "b",
            "w=" + syllables[i],
            "k-2=" + padded[i],
            "k-1=" + padded[i + 1],
            "k0=" + padded[i + 2],
            "k1=" + padded[i + 3],
            "k2=" + padded[i + 4],
            "k-2,-1=" + bigrams[i],
            "k-1,0=" + bigrams[i + 1],
            "k0,1=" + bigrams[i + 2],
            "k1,2=" + bigrams[i + 3],
            "s0=" + s0,
            "s-1,0=" + s0_1,
            "s0,1=" + s0 + s1,
            "s-1..1=" + s0_1 + s1,
        ])
    _add_lexicon_features(features, keys, lexicon, _WINDOW_ATTRIBUTES, _MATCHING_ATTRIBUTES)
    return features


def _add_lexicon_features(
    features: list[list[str]],
    keys: list[str],
    lexicon: Mapping[str, int],
    window_attributes: Mapping[tuple[int, int], list[tuple[int, list[str]]]],
    matching_attributes: Mapping[str, Mapping[tuple[str, str], str | None]],
) -> None:
    """Append the dictionary-window and maximum-matching attributes to ``features``.

    ``window_attributes`` and ``matching_attributes`` are :data:`_WINDOW_ATTRIBUTES`
    and :data:`_MATCHING_ATTRIBUTES`, or their restriction to a model's
    attributes (:class:`ModelFeatures`; ``None`` = not weighted).
    """
    n = len(keys)
    get = lexicon.get
    known = []  # (start, length, source bits) of every n-gram that is a listed word
    for a, key in enumerate(keys):
        bits = get(key)
        if bits is None:
            continue  # no listed word starts with this syllable
        if bits:
            known.append((a, 1, bits))
        end = min(a + MAX_NGRAM, n)
        b = a + 1
        while b < end:
            key = key + " " + keys[b]
            b += 1
            bits = get(key)
            if bits is None:
                break
            if bits:
                known.append((a, b - a, bits))
    for start, length, bits in known:
        for a, attributes in window_attributes[(length, bits)]:
            i = start - a
            if 0 <= i < n:
                features[i].extend(attributes)
    # Longest word of each source starting / ending at each syllable (one
    # syllable when none is longer).
    longest = [(bit, [1] * n, [1] * n) for bit in LEXICON_SOURCES.values()]
    for start, length, bits in known:
        if length > 1:
            end = start + length - 1
            for bit, longest_from, longest_to in longest:
                if bits & bit:
                    if length > longest_from[start]:
                        longest_from[start] = length
                    if length > longest_to[end]:
                        longest_to[end] = length
    columns = []
    for name, (_, longest_from, longest_to) in zip(LEXICON_SOURCES, longest):
        table = matching_attributes[name]
        forward = _maximum_matching(longest_from, False)
        backward = _maximum_matching(longest_to, True)
        columns.append([table[decisions] for decisions in zip(forward, backward)])
    for i, row in enumerate(features):
        for column in columns:
            attribute = column[i]
            if attribute is not None:
                row.append(attribute)


#: the key unigram and bigram templates of :func:`segmentation_features`, in order
_UNIGRAM_TEMPLATES = ("k-2", "k-1", "k0", "k1", "k2")
_BIGRAM_TEMPLATES = ("k-2,-1", "k-1,0", "k0,1", "k1,2")


class ModelFeatures:
    """:func:`segmentation_features` restricted to the attributes a trained model weighs.

    An L1-regularised CRF keeps weights for few of the attributes it saw in
    training (6,754 for the shipped model: ``k0=<a rare syllable>`` has
    none), and crfsuite ignores an attribute it has no weight for.  Emitting only the
    weighted ones gives the same tags, and both sides get cheaper: the
    attribute strings are built once here, from the model, and looked up per
    syllable instead of concatenated, and the tagger reads about two thirds
    as many attributes.  ``ModelFeatures(attributes, lexicon)(syllables)``
    equals ``segmentation_features(syllables, lexicon)`` with every attribute
    outside ``attributes`` removed (tests/test_segmenter.py checks it).

    >>> features = ModelFeatures({"b", "k0=an", "k-1,0=an ninh"}, {})
    >>> features(["an", "ninh"])
    [['b', 'k0=an'], ['b', 'k-1,0=an ninh']]
    """

    def __init__(self, attributes: Iterable[str], lexicon: Mapping[str, int]) -> None:
        self.lexicon = lexicon
        attributes = set(attributes)
        self._bias = ["b"] if "b" in attributes else []
        self._words: dict[str, str] = {}
        # key -> its weighted (offset, attribute) pairs: ``k-2=key`` is offset 0
        # (the key sits two syllables before the one it describes) ... ``k2=key`` offset 4
        unigrams: dict[str, list[tuple[int, str]]] = {}
        # first key -> second key -> weighted (offset, attribute) pairs, ``k-2,-1`` offset 0
        bigrams: dict[str, dict[str, list[tuple[int, str]]]] = {}
        for attribute in sorted(attributes):
            template, equals, value = attribute.partition("=")
            if not equals:
                continue
            if template == "w":
                self._words[value] = attribute
            elif template in _UNIGRAM_TEMPLATES:
                unigrams.setdefault(value, []).append((_UNIGRAM_TEMPLATES.index(template), attribute))
            elif template in _BIGRAM_TEMPLATES:
                first, _, second = value.partition(" ")
                pairs = bigrams.setdefault(first, {}).setdefault(second, [])
                pairs.append((_BIGRAM_TEMPLATES.index(template), attribute))
        # in template order, as segmentation_features lists them
        self._unigrams = {key: sorted(pairs) for key, pairs in unigrams.items()}
        self._bigrams = {
            first: {second: sorted(pairs) for second, pairs in by_second.items()} for first, by_second in bigrams.items()
        }
        # (previous, this, next) shapes as a 3-character string -> weighted shape attributes
        letters = "^$" + _SHAPES
        self._shapes: dict[str, list[str]] = {}
        for s_1 in letters:
            for s0 in _SHAPES:
                for s1 in letters:
                    candidates = ("s0=" + s0, "s-1,0=" + s_1 + s0, "s0,1=" + s0 + s1, "s-1..1=" + s_1 + s0 + s1)
                    self._shapes[s_1 + s0 + s1] = [name for name in candidates if name in attributes]
        self._window_attributes = {
            shape: [(a, [name for name in names if name in attributes]) for a, names in windows]
            for shape, windows in _WINDOW_ATTRIBUTES.items()
        }
        self._matching_attributes = {
            source: {decisions: name if name in attributes else None for decisions, name in table.items()}
            for source, table in _MATCHING_ATTRIBUTES.items()
        }

    def __call__(self, syllables: Sequence[str]) -> list[list[str]]:
        n = len(syllables)
        keys = [syllable_key(syllable) for syllable in syllables]
        padded = ["<s>", "<s>", *keys, "</s>", "</s>"]
        bias = self._bias
        words = self._words
        features = []
        for syllable in syllables:
            word = words.get(syllable)
            features.append([*bias] if word is None else [*bias, word])
        # Each known key or key pair hands its attributes to the syllables it
        # describes; for one syllable they arrive in template order.
        unigrams = self._unigrams
        for j, key in enumerate(padded):
            pairs = unigrams.get(key)
            if pairs is not None:
                for offset, attribute in pairs:
                    i = j - offset
                    if 0 <= i < n:
                        features[i].append(attribute)
        bigrams = self._bigrams
        for j in range(n + 3):
            by_second = bigrams.get(padded[j])
            if by_second is not None:
                pairs = by_second.get(padded[j + 1])
                if pairs is not None:
                    for offset, attribute in pairs:
                        i = j - offset
                        if 0 <= i < n:
                            features[i].append(attribute)
        shape_string = "^" + "".join([syllable_shape(syllable) for syllable in syllables]) + "$"
        shapes = self._shapes
        for i in range(n):
            features[i].extend(shapes[shape_string[i : i + 3]])
        _add_lexicon_features(features, keys, self.lexicon, self._window_attributes, self._matching_attributes)
        return features


@functools.lru_cache(maxsize=TOKEN_CACHE_SIZE)
def is_standalone_unit(token: str) -> bool:
    """A protected unit with inner punctuation (TP.HCM, TT&TT, an e-mail): never joined to a neighbour."""
    return not _PLAIN_TOKEN.fullmatch(token) and any(char.isalnum() for char in token)


class VtbCRFSegmenter:
    """Our CRF word segmenter, trained on UD Vietnamese VTB (train + dev).

    Tags are S (one-syllable word), B, I, E (begin, inside, end of a longer
    word); a syllable starts a word when tagged S or B.  The model
    (``vtb_crf.crfsuite``) and its lexicon (``lexicon.tsv``) live in
    ``models/segmenter/``; ``models/segmenter/train.py`` rebuilds both.
    Loaded once per process (see :func:`get_segmenter`); each thread gets
    its own crfsuite tagger, which is not thread-safe.
    """

    MODEL_FILE = "vtb_crf.crfsuite"
    LEXICON_FILE = "lexicon.tsv"
    META_FILE = "meta.json"

    def __init__(self, model_dir: str | Path | None = None) -> None:
        import json

        from ..resources import cached, resource_path

        self.model_dir = Path(model_dir) if model_dir is not None else resource_path("segmenter")
        meta = json.loads((self.model_dir / self.META_FILE).read_text(encoding="utf-8"))
        if meta.get("features_version") != FEATURES_VERSION:
            raise ValueError(
                f"{self.model_dir / self.MODEL_FILE} was trained with features {meta.get('features_version')!r}, "
                f"this code computes {FEATURES_VERSION!r}: retrain with models/segmenter/train.py"
            )
        self.meta = meta
        lexicon_path = self.model_dir / self.LEXICON_FILE
        self._model_path = str(self.model_dir / self.MODEL_FILE)
        self._local = threading.local()
        tagger = self._tagger()  # fails now, not at the first sentence, when the model is missing

        def build() -> tuple[dict[str, int], ModelFeatures]:
            lexicon = read_lexicon(lexicon_path)
            weighted = {attribute for attribute, _label in tagger.info().state_features}
            return lexicon, ModelFeatures(weighted, lexicon)

        self.lexicon, self.features = cached("segmenter", build, sources=[lexicon_path, self._model_path])

    def _tagger(self):
        tagger = getattr(self._local, "tagger", None)
        if tagger is None:
            import pycrfsuite

            tagger = pycrfsuite.Tagger()
            tagger.open(self._model_path)
            self._local.tagger = tagger
        return tagger

    def tags(self, syllables: Sequence[str]) -> list[str]:
        """The raw S/B/I/E tags of a syllable sequence."""
        if not syllables:
            return []
        return self._tagger().tag(self.features(syllables))

    def __call__(self, syllables: Sequence[str]) -> list[bool]:
        if not syllables:
            return []
        starts = [tag in ("S", "B") for tag in self.tags(syllables)]
        starts[0] = True
        for i, syllable in enumerate(syllables):
            if is_standalone_unit(syllable):
                starts[i] = True
                if i + 1 < len(starts):
                    starts[i + 1] = True
        return starts


@register_segmenter("vtb_crf")
def _build_vtb_crf_segmenter() -> Segmenter:
    return VtbCRFSegmenter()

