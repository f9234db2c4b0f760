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

from spacy.tokens import Doc, Span
from spacy.util import registry
from spacy.vocab import Vocab

from ..resources import resource_path
from .segmenter import DEFAULT_SEGMENTER, get_segmenter
from .doc_tokens import DocTokens, record_doc_tokens
from .spans import remember_text

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
        sentence_starts = self._sentence_starts(words, paragraph_start)
        doc = Doc(self.vocab, words=words, spaces=spaces, sent_starts=sentence_starts)
        remember_text(doc, text)
        word_bounds = self._word_bounds(words, spaces, sentence_starts)
        record_doc_tokens(doc, DocTokens(words, spaces, sentence_starts, word_bounds))
        doc.spans[WORDS_SPAN_KEY] = [Span(doc, start, end) for start, end in word_bounds]
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

    def _word_bounds(self, words: list[str], spaces: list[bool], sentence_starts: list[bool]) -> list[tuple[int, int]]:
        """(start, end) token indices of every word: the segmenter groups syllables, sentence by sentence.

        Works on the token strings rather than the Doc, because creating a
        spaCy Token object per look-up costs more than the segmenter itself.
        Two syllables join only when one plain space separates them: a
        newline, a space token or punctuation always ends a word.
        """
        bounds: list[tuple[int, int]] = []
        sentence: list[int] = []  # indices of the non-space tokens of the current sentence
        for i in range(len(words) + 1):
            if i == len(words) or (sentence_starts[i] and sentence):
                if sentence:
                    starts = self._segment([words[j] for j in sentence])
                    word_start = sentence[0]
                    for position in range(1, len(sentence)):
                        j = sentence[position]
                        joinable = (
                            sentence[position - 1] == j - 1
                            and spaces[j - 1]
                            and words[j][0].isalpha()
                            and words[j - 1][0].isalpha()
                        )
                        if starts[position] or not joinable:
                            bounds.append((word_start, j))
                            word_start = j
                    bounds.append((word_start, sentence[-1] + 1))
                sentence = []
            if i < len(words) and not words[i].isspace():
                sentence.append(i)
        return bounds

    def to_bytes(self, **kwargs) -> bytes:
        return self.segmenter_name.encode("utf-8")

    def from_bytes(self, data: bytes, **kwargs) -> "SyllableTokenizer":
        return self

    def to_disk(self, path, **kwargs) -> None:
        pass

    def from_disk(self, path, **kwargs) -> "SyllableTokenizer":
        return self


@registry.tokenizers("vn_pipeline.syllable_tokenizer")
def create_syllable_tokenizer(segmenter: str = DEFAULT_SEGMENTER):
    def make_tokenizer(nlp):
        return SyllableTokenizer(nlp.vocab, segmenter=segmenter)

    return make_tokenizer
