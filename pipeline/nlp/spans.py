"""Helpers shared by the entity components: the Doc's text, adding spans to ``doc.ents``."""

from __future__ import annotations

from typing import Iterable

from spacy.tokens import Doc, Span
from spacy.util import filter_spans


_TEXT_KEY = ("vn_pipeline", "text")


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc.

    spaCy rebuilds ``Doc.text`` from every token on each access; the
    components read it many times per article and never change the
    tokens, so the first result is kept in ``doc.user_data`` (the
    syllable tokenizer stores the input there directly).
    """
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def remember_text(doc: Doc, text: str) -> None:
    """Record ``text`` as the text of ``doc`` (for a tokenizer whose tokens reproduce it exactly)."""
    doc.user_data[_TEXT_KEY] = text


def char_span(doc: Doc, start: int, end: int, label: str) -> Span | None:
    """The span of ``doc`` covering characters ``start:end`` exactly, or ``None``.

    Tokens are syllables and protected units, so an entity found by a
    character pattern normally aligns; when it does not (the match cuts a
    token), the match is dropped rather than widened to text it did not match.
    """
    return doc.char_span(start, end, label=label, alignment_mode="strict")


def add_entities(doc: Doc, spans: Iterable[Span], *, override: bool = False) -> list[Span]:
    """Add ``spans`` to ``doc.ents`` and return those that were added.

    Entities already on the Doc win over the new ones unless ``override``;
    among the new spans the longest wins (spaCy's ``filter_spans``).
    """
    existing = list(doc.ents)
    taken = set()
    if not override:
        for ent in existing:
            taken.update(range(ent.start, ent.end))
    candidates = [span for span in filter_spans(list(spans)) if override or not taken.intersection(range(span.start, span.end))]
    if override:
        kept_new = filter_spans(candidates)
        new_tokens = {i for span in kept_new for i in range(span.start, span.end)}
        existing = [ent for ent in existing if not new_tokens.intersection(range(ent.start, ent.end))]
        doc.ents = sorted(existing + kept_new, key=lambda span: span.start)
        return kept_new
    doc.ents = sorted(existing + candidates, key=lambda span: span.start)
    return candidates
