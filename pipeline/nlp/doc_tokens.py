"""Plain-Python views of a Doc's tokens, built once and shared by the components.

Every entity and relation component reads the same facts about the tokens:
their strings, which are whitespace, where sentences and segmenter words
begin and end.  Asking spaCy for them token by token creates a ``Token``
object per look-up, which costs more than the rule matching itself; so the
syllable tokenizer, which knows all of it while building the Doc, records it
once (:func:`record_doc_tokens`), and a component asks :func:`doc_tokens`.
A Doc made some other way (``Doc(vocab, words=...)`` in a test) gets the
view computed from its tokens on first use.

>>> from pipeline.nlp.language import get_nlp
>>> view = doc_tokens(get_nlp()("Ông Nguyễn Văn An phát biểu. Hội nghị bế mạc."))
>>> view.texts[:4], view.sentence_bounds
(['Ông', 'Nguyễn', 'Văn', 'An'], [(0, 7), (7, 11)])
"""

from __future__ import annotations

from bisect import bisect_right
from functools import cached_property

from spacy.tokens import Doc

_KEY = ("vn_pipeline", "doc_tokens")


class DocTokens:
    """Token strings, trailing spaces, sentence starts and word bounds of one Doc.

    ``texts[i]``, ``spaces[i]`` (token ``i`` is followed by one space) and
    ``sentence_starts[i]`` index the Doc's tokens; ``word_bounds`` are the
    ``(start, end)`` token ranges of the segmenter's words.
    """

    __slots__ = ("texts", "spaces", "sentence_starts", "word_bounds", "__dict__")

    def __init__(self, texts: list[str], spaces: list[bool], sentence_starts: list[bool],
                 word_bounds: list[tuple[int, int]]) -> None:
        self.texts = texts
        self.spaces = spaces
        self.sentence_starts = sentence_starts
        self.word_bounds = word_bounds

    def __len__(self) -> int:
        return len(self.texts)

    @cached_property
    def is_space(self) -> list[bool]:
        return [text.isspace() for text in self.texts]

    @cached_property
    def sentence_bounds(self) -> list[tuple[int, int]]:
        """``(start, end)`` of every sentence, as ``doc.sents`` gives them."""
        starts = [i for i, start in enumerate(self.sentence_starts) if start or i == 0]
        return [(start, end) for start, end in zip(starts, [*starts[1:], len(self.texts)])] if self.texts else []

    @cached_property
    def _sentence_start_list(self) -> list[int]:
        return [start for start, _ in self.sentence_bounds]

    def sentence_index(self, i: int) -> int:
        """Index (in :attr:`sentence_bounds`) of the sentence holding token ``i``."""
        return bisect_right(self._sentence_start_list, i) - 1

    @cached_property
    def sentence_of_token(self) -> list[tuple[int, int]]:
        """For each token, the bounds of its sentence."""
        out: list[tuple[int, int]] = []
        for bounds in self.sentence_bounds:
            out.extend([bounds] * (bounds[1] - bounds[0]))
        return out

    @cached_property
    def word_end(self) -> list[int]:
        """For each token, the end of the segmenter's word holding it (``i + 1`` outside words)."""
        ends = list(range(1, len(self.texts) + 1))
        for start, end in self.word_bounds:
            for i in range(start, end):
                ends[i] = end
        return ends

    @cached_property
    def word_start(self) -> list[int]:
        """For each token, the start of the segmenter's word holding it (``i`` outside words)."""
        starts = list(range(len(self.texts)))
        for start, end in self.word_bounds:
            for i in range(start, end):
                starts[i] = start
        return starts


def record_doc_tokens(doc: Doc, view: DocTokens) -> None:
    """Store ``view`` as the token view of ``doc`` (for the tokenizer that built it)."""
    doc.user_data[_KEY] = view


def doc_tokens(doc: Doc) -> DocTokens:
    """The token view of ``doc``: recorded by the tokenizer, or computed once from the Doc."""
    view = doc.user_data.get(_KEY)
    if view is None:
        from .tokenizer import WORDS_SPAN_KEY

        texts = [token.text for token in doc]
        spaces = [token.whitespace_ == " " for token in doc]
        sentence_starts = [False] * len(texts)
        if doc.has_annotation("SENT_START"):
            for sent in doc.sents:
                sentence_starts[sent.start] = True
        elif texts:
            sentence_starts[0] = True
        words = doc.spans[WORDS_SPAN_KEY] if WORDS_SPAN_KEY in doc.spans else []
        view = DocTokens(texts, spaces, sentence_starts, [(word.start, word.end) for word in words])
        record_doc_tokens(doc, view)
    return view
