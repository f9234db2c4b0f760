"""An off-the-shelf baseline for the schema evaluation: underthesea's NER.

Each article is cleaned like the pipeline's input (:func:`pipeline.clean.clean_text`),
split into paragraphs and sentences (``underthesea.sent_tokenize``) and tagged
with ``underthesea.ner``; BIO tags are grouped into spans.  ``PER``, ``ORG``
and ``LOC`` map to the schema's labels directly; underthesea has no
``DIRECTIVE`` and its ``MISC`` is not a schema label, so neither is predicted.
Entities only: the baseline gives no relations.
"""

from __future__ import annotations

from typing import Iterable

from pipeline.article import PARAGRAPH_SEPARATOR
from pipeline.clean import clean_text, normalize_text

__all__ = ["underthesea_predictions", "underthesea_entities", "LABEL_MAP"]

#: underthesea NER label -> schema label (others, i.e. MISC, are dropped)
LABEL_MAP = {"PER": "PER", "ORG": "ORG", "LOC": "LOC"}


def _spans(sentence: str, tagged: list) -> list[tuple[str, str]]:
    """``(label, text)`` of the BIO spans of one tagged sentence.

    The text of a span is cut from the sentence (from the first token's start
    to the last token's end) when the tokens can be found in order; otherwise
    the tokens are joined with spaces.
    """
    spans: list[tuple[str, str]] = []
    current: list | None = None  # [label, start, end, tokens]
    cursor = 0

    def close():
        nonlocal current
        if current is not None:
            label, start, end, tokens = current
            text = sentence[start:end] if start is not None and end is not None else " ".join(tokens)
            text = " ".join(text.split())
            if text:
                spans.append((label, text))
            current = None

    for item in tagged:
        token, tag = str(item[0]), str(item[-1])
        pos = sentence.find(token, cursor)
        if pos >= 0:
            start, end = pos, pos + len(token)
            cursor = end
        else:
            start = end = None
        prefix, _, label = tag.partition("-")
        if prefix == "B" or (prefix == "I" and (current is None or current[0] != label)):
            close()
            current = [label, start, end, [token]]
        elif prefix == "I":
            current[3].append(token)
            if current[1] is None or end is None:
                current[1] = None
            current[2] = end
        else:
            close()
    close()
    return spans


def underthesea_entities(text: str) -> list[tuple[str, str]]:
    """``(label, text)`` of the PER/ORG/LOC spans underthesea finds in an
    article's text (cleaned first)."""
    import underthesea

    article = clean_text(text)
    clean = article.text if article.ok else normalize_text(text)
    entities: list[tuple[str, str]] = []
    for paragraph in clean.split(PARAGRAPH_SEPARATOR):
        paragraph = paragraph.strip()
        if not paragraph:
            continue
        for sentence in underthesea.sent_tokenize(paragraph):
            if not sentence.strip():
                continue
            for label, span in _spans(sentence, underthesea.ner(sentence)):
                if label in LABEL_MAP:
                    entities.append((LABEL_MAP[label], span))
    return entities


def _id_and_text(article) -> tuple[str, str]:
    if hasattr(article, "id") and hasattr(article, "text"):
        return article.id, article.text
    article_id, text = article
    return article_id, text


def underthesea_predictions(gold_articles: Iterable) -> dict[str, dict]:
    """Predictions (entities only) of underthesea's NER for each article:
    ``GoldArticle`` objects or ``(id, text)`` pairs (so that it can be passed
    as the ``predict`` of :func:`pipeline.evaluate.evaluate_corpus`)."""
    predictions = {}
    for article in gold_articles:
        article_id, text = _id_and_text(article)
        predictions[article_id] = {"entities": underthesea_entities(text), "relations": []}
    return predictions
