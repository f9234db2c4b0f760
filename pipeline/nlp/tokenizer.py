"""Tokenise clean article text into a spaCy ``Doc`` of Vietnamese syllables.

Tokens are syllables (âm tiết), punctuation marks and *protected* units that
must stay whole: document numbers (``07/2007/CT-UBND``), dates (``02/5/2007``),
abbreviations (``TT&TT``, ``TP.HCM``), numbers (``1.234``), e-mail and web
addresses.  The protected patterns are data (``models/patterns/protected_tokens.tsv``).

Syllable tokens let entity spans end anywhere a name ends, whatever the word
segmenter decided; the word segmentation (tách từ) is kept on the Doc as the
span group ``doc.spans["words"]`` (one span per word, e.g. ``Gia Lai``).
Sentences: a paragraph break always starts a sentence; inside a paragraph a
sentence ends at ``.``, ``!``, ``?`` or ``…`` followed by an upper-case letter,
a digit or an opening quote.

Offsets are those of the input text: ``doc.text == text`` always.
"""

from __future__ import annotations

import re
from typing import Iterator

from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from ..resources import resource_path
from .segmenter import DEFAULT_SEGMENTER, get_segmenter

WORDS_SPAN_KEY = "words"

# A syllable or a hyphen/ampersand-joined code (CT-UBND, Covid-19, TT&TT);
# separators are outside the repeated class, so matching is linear.
_SYLLABLE = r"[^\W_]+(?:[-&'][^\W_]+)*"
_SENTENCE_END = {".", "!", "?", "…"}
_CLOSERS = {'"', "'", ")", "”", "’", "»"}


def load_protected_patterns() -> list[tuple[str, str]]:
    """(name, regex) pairs from ``models/patterns/protected_tokens.tsv``."""
    patterns = []
    with open(resource_path("patterns", "protected_tokens.tsv"), encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            name, regex = line.split("\t", 1)
            re.compile(regex)  # fail early, naming nothing vague
            patterns.append((name, regex))
    return patterns


def build_token_regex(patterns: list[tuple[str, str]]) -> re.Pattern:
    """One scanner: protected units first, then syllables, then any other non-space char.

    A pattern may use ``\\1`` for its own first group (the date separator); it
    is rewritten to a named group so that the alternatives can be joined.
    """
    alternatives = []
    for index, (name, regex) in enumerate(patterns):
        if "\\1" in regex:
            group = f"{name}_{index}"
            regex = re.sub(r"\((?!\?)", f"(?P<{group}>", regex, count=1).replace("\\1", f"(?P={group})")
        alternatives.append(f"(?P<{name}>{regex})")
    alternatives.append(f"(?P<syllable>{_SYLLABLE})")
    alternatives.append(r"(?P<other>[^\s])")
    return re.compile("|".join(alternatives))


class SyllableTokenizer:
    """spaCy tokenizer: syllables and protected units, words and sentences on the Doc.

    >>> import spacy
    >>> nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": "vn_pipeline.syllable_tokenizer"}}})
    >>> doc = nlp("Chỉ thị số 07/2007/CT-UBND ngày 02/5/2007 của UBND tỉnh Gia Lai.")
    >>> [t.text for t in doc][3:6]
    ['07/2007/CT-UBND', 'ngày', '02/5/2007']
    """

    def __init__(self, vocab: Vocab, segmenter: str = DEFAULT_SEGMENTER) -> None:
        self.vocab = vocab
        self.segmenter_name = segmenter
        self._segment = get_segmenter(segmenter)
        self._token_re = build_token_regex(load_protected_patterns())

    def iter_tokens(self, text: str) -> Iterator[tuple[int, int, str]]:
        """(start, end, kind) of every token of ``text``."""
        for match in self._token_re.finditer(text):
            yield match.start(), match.end(), match.lastgroup or "other"

    def __call__(self, text: str) -> Doc:
        words, spaces, paragraph_start = [], [], []
        previous_end = 0
        for start, end, _ in self.iter_tokens(text):
            gap = text[previous_end:start]
            if gap and gap != " " or (gap == " " and not words):
                # Whitespace other than one space becomes its own token (as in
                # spaCy), so that doc.text reproduces the input exactly.
                if words and gap.startswith(" ") and gap != " ":
                    spaces[-1] = True
                    gap = gap[1:]
                words.append(gap)
                spaces.append(False)
                paragraph_start.append(False)
            elif gap == " ":
                spaces[-1] = True
            words.append(text[start:end])
            spaces.append(False)
            paragraph_start.append(not previous_end or "\n" in gap)
            previous_end = end
        if previous_end < len(text):
            tail = text[previous_end:]
            if words and tail == " ":
                spaces[-1] = True
            else:
                if words and tail.startswith(" "):
                    spaces[-1] = True
                    tail = tail[1:]
                words.append(tail)
                spaces.append(False)
                paragraph_start.append(False)
        doc = Doc(self.vocab, words=words, spaces=spaces, sent_starts=self._sentence_starts(words, paragraph_start))
        self._set_words(doc)
        return doc

    @staticmethod
    def _sentence_starts(words: list[str], paragraph_start: list[bool]) -> list[bool]:
        """Sentence starts, decided on the word strings (cheap: no Doc writes)."""
        starts = []
        sentence_may_end = False
        first_content = True
        for word, starts_paragraph in zip(words, paragraph_start):
            if word.isspace():
                starts.append(not starts)
                continue
            if first_content or starts_paragraph:
                starts.append(True)
            elif sentence_may_end and (word[0].isupper() or word[0].isdigit() or word[0] in "\"“'‘("):
                starts.append(True)
            else:
                starts.append(False)
            first_content = False
            if word in _SENTENCE_END or word == "...":
                sentence_may_end = True
            elif not (word in _CLOSERS and sentence_may_end):
                sentence_may_end = False
        return starts

    def _set_words(self, doc: Doc) -> None:
        """Group syllable tokens into words with the segmenter, sentence by sentence."""
        word_spans = []
        for sentence in doc.sents:
            tokens = [token for token in sentence if not token.is_space]
            if not tokens:
                continue
            starts = self._segment([token.text for token in tokens])
            word_start = tokens[0].i
            for token, starts_word in zip(tokens[1:], starts[1:]):
                joinable = token.i == doc[token.i - 1].i + 1 and doc[token.i - 1].whitespace_ == " "
                if starts_word or not joinable or not _is_syllable(token) or not _is_syllable(doc[token.i - 1]):
                    word_spans.append(doc[word_start : token.i])
                    word_start = token.i
            word_spans.append(doc[word_start : tokens[-1].i + 1])
        doc.spans[WORDS_SPAN_KEY] = word_spans

    def to_bytes(self, **kwargs) -> bytes:
        return self.segmenter_name.encode("utf-8")

    def from_bytes(self, data: bytes, **kwargs) -> "SyllableTokenizer":
        return self

    def to_disk(self, path, **kwargs) -> None:
        pass

    def from_disk(self, path, **kwargs) -> "SyllableTokenizer":
        return self


def _is_syllable(token) -> bool:
    return token.text[0].isalpha()


@registry.tokenizers("vn_pipeline.syllable_tokenizer")
def create_syllable_tokenizer(segmenter: str = DEFAULT_SEGMENTER):
    def make_tokenizer(nlp):
        return SyllableTokenizer(nlp.vocab, segmenter=segmenter)

    return make_tokenizer
