"""From a Doc to the rows of one article: what a worker sends to the collector.

The row contract of the four tables lives here (the column lists), with the
per-article row builders: :func:`article_row`, :func:`mention_rows`,
:func:`relation_rows`, gathered in :class:`ArticleRows`.  This module needs
neither pandas nor Arrow, so a worker process never imports them;
:mod:`pipeline.tables` turns rows into DataFrames and files.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from .article import Article
from .link import entity_id

ARTICLE_COLUMNS = [
    "article_id", "source_path", "url", "title", "author", "source", "published", "text",
    "n_paragraphs", "n_duplicate_paragraphs", "duplicate_of", "encoding", "content_hash",
    "status", "error",
]
MENTION_COLUMNS = [
    "article_id", "sentence_id", "start", "end", "text", "label", "canonical", "entity_id", "is_reference",
]
ENTITY_COLUMNS = ["entity_id", "label", "canonical", "aliases", "n_mentions", "n_articles"]
RELATION_COLUMNS = [
    "article_id", "subject", "subject_label", "subject_id", "relation", "object", "object_label",
    "object_id", "title", "award", "evidence", "sentence_id", "start", "end", "confidence",
]
TABLE_COLUMNS = {
    "articles": ARTICLE_COLUMNS,
    "mentions": MENTION_COLUMNS,
    "entities": ENTITY_COLUMNS,
    "relations": RELATION_COLUMNS,
}


def article_row(article: Article) -> dict:
    """The ``articles`` row of one article."""
    return {column: getattr(article, column) for column in ARTICLE_COLUMNS}


def _sentence_starts(doc) -> list[int]:
    """Token index of each sentence's first token, in document order."""
    return [sentence.start for sentence in doc.sents]


def mention_rows(article_id: str, doc) -> list[dict]:
    """One ``mentions`` row per entity in ``doc.ents``."""
    if doc is None:
        return []
    starts = _sentence_starts(doc)
    rows = []
    for ent in doc.ents:
        extensions = ent._  # one Underscore object per entity, not one per attribute
        canonical = extensions.canonical or ent.text
        key = extensions.entity_key or f"{ent.label_}:{canonical}"
        rows.append(
            {
                "article_id": article_id,
                "sentence_id": max(0, bisect_right(starts, ent.start) - 1),
                "start": ent.start_char,
                "end": ent.end_char,
                "text": ent.text,
                "label": ent.label_,
                "canonical": canonical,
                "entity_id": entity_id(key),
                "is_reference": bool(extensions.is_reference),
            }
        )
    return rows


def relation_rows(article_id: str, doc) -> list[dict]:
    """The ``relations`` rows of one Doc (from ``doc._.relations``)."""
    if doc is None or not doc._.relations:
        return []
    rows = []
    for relation in doc._.relations:
        row = {column: relation.get(column) for column in RELATION_COLUMNS}
        row["article_id"] = article_id
        # Components name relation ends by article-local entity keys; the
        # corpus-wide ids are derived here, like the mentions' ids.
        for end in ("subject", "object"):
            key = relation.get(f"{end}_key")
            if key and not row.get(f"{end}_id"):
                row[f"{end}_id"] = entity_id(key)
        rows.append(row)
    return rows


@dataclass
class ArticleRows:
    """All rows of one article: what a worker sends back to the collector."""

    article: dict
    mentions: list[dict]
    relations: list[dict]

    @classmethod
    def from_article(cls, article: Article, doc=None) -> "ArticleRows":
        ok = doc is not None and article.ok
        return cls(
            article=article_row(article),
            mentions=mention_rows(article.article_id, doc) if ok else [],
            relations=relation_rows(article.article_id, doc) if ok else [],
        )
