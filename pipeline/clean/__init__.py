"""The cleaning stage: ``RawRecord`` -> ``Article``.

:func:`clean_record` normalises the text (:mod:`.normalize`), splits it into
title, source tag, body, byline and footer (:mod:`.structure`), removes
repeated body paragraphs (:mod:`.dedup`) and builds the clean
``Article.text``::

    title \\n\\n paragraph 1 \\n\\n ... \\n\\n paragraph n [\\n\\n byline]

so that ``Article.text.split(PARAGRAPH_SEPARATOR)`` gives back the title, the
body paragraphs (``Article.paragraphs``) and the byline.  Near-duplicate
articles across a corpus are flagged afterwards with
:func:`flag_near_duplicate_articles`.

Errors travel as data: a record that could not be read, or whose cleaning
failed, becomes an ``Article`` with ``status="error"``; nothing is raised.
"""

from __future__ import annotations

import hashlib

from pipeline.article import PARAGRAPH_SEPARATOR, Article, RawRecord
from pipeline.clean.dedup import (
    NearDuplicateIndex,
    flag_near_duplicate_articles,
    remove_duplicate_paragraphs,
)
from pipeline.clean.normalize import normalize_text
from pipeline.clean.structure import ArticleParts, parse_structure

__all__ = [
    "clean_record",
    "clean_text",
    "normalize_text",
    "parse_structure",
    "ArticleParts",
    "remove_duplicate_paragraphs",
    "NearDuplicateIndex",
    "flag_near_duplicate_articles",
    "NO_TEXT_ERROR",
]

NO_TEXT_ERROR = "no article text after cleaning"


def _one_line(value: str | None) -> str | None:
    """A metadata field normalised to one line (``None`` when empty)."""
    if value is None:
        return None
    value = " ".join(normalize_text(str(value)).split())
    return value or None


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def clean_record(record: RawRecord) -> Article:
    """The clean ``Article`` of one ingested record (never raises)."""
    if not record.ok:
        return Article.failed(record, record.error or "record has no text")
    try:
        return _clean(record)
    except Exception as exc:  # errors travel as data, never crash the run
        return Article.failed(record, f"cleaning failed: {type(exc).__name__}: {exc}")


def _clean(record: RawRecord) -> Article:
    text = normalize_text(record.text or "")
    meta_title = _one_line(record.title)
    parts = parse_structure(text, title=meta_title)

    title = parts.title or meta_title
    body, n_duplicates = remove_duplicate_paragraphs(parts.paragraphs)
    if title:
        # a scrape that repeats the title as the first paragraph
        title_key = _key(title)
        repeated = [p for p in body if _key(p) == title_key]
        if repeated:
            body = [p for p in body if _key(p) != title_key]
            n_duplicates += len(repeated)
    if not body:
        return Article.failed(record, NO_TEXT_ERROR)

    pieces = ([title] if title else []) + body + ([parts.byline] if parts.byline else [])
    clean = PARAGRAPH_SEPARATOR.join(pieces)
    return Article(
        article_id=record.article_id,
        source_path=record.source_path,
        text=clean,
        title=title,
        author=parts.author or _one_line(record.author),
        source=parts.source,
        url=record.url,
        published=record.published,
        paragraphs=body,
        n_paragraphs=len(body),
        n_duplicate_paragraphs=n_duplicates,
        encoding=record.encoding,
        content_hash=hashlib.sha1(clean.encode("utf-8")).hexdigest(),
    )


def clean_text(text: str, article_id: str = "text", *, title: str | None = None) -> Article:
    """Clean a text given directly (no file): the same as :func:`clean_record`
    on a ``txt`` record."""
    record = RawRecord(
        article_id=article_id,
        source_path=f"<{article_id}>",
        text=text,
        kind="txt",
        title=title,
    )
    return clean_record(record)
