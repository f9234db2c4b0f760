"""The two records that travel through the pipeline.

``RawRecord`` is what ingest produces: one scraped article as decoded text plus
whatever metadata the container carried (a JSONL/CSV row, an HTML page's
``<meta>`` tags).  ``Article`` is what the cleaning stages produce: the clean
text every later stage indexes into, with title, source tag, author and the
duplicate-paragraph bookkeeping.

Errors travel as data: a record that could not be read or cleaned keeps its
row with ``status="error"`` and a human-readable ``error``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

STATUS_OK = "ok"
STATUS_ERROR = "error"

#: Separator between paragraphs in ``Article.text``.  Offsets in every table
#: index into that text, so the separator is part of the output contract.
PARAGRAPH_SEPARATOR = "\n\n"


@dataclass
class RawRecord:
    """One article as read from disk, before any cleaning.

    ``text`` is ``None`` when the record could not be decoded; ``error`` then
    says why.  Metadata fields are ``None`` when the container had none.
    """

    article_id: str
    source_path: str
    text: str | None
    kind: str  # txt, html, jsonl, csv, parquet, missing
    url: str | None = None
    title: str | None = None
    published: str | None = None
    author: str | None = None
    encoding: str | None = None
    error: str | None = None
    #: the id the record asked for, when ``article_id`` had to be changed to
    #: stay unique within the run (``None`` when it was kept as is)
    requested_id: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and self.text is not None


@dataclass
class Article:
    """A clean article: the input of the NLP stages.

    ``text`` is the title, the body paragraphs (duplicates removed) and the
    byline, joined with :data:`PARAGRAPH_SEPARATOR`; it holds neither the
    source tag nor the footer noise.
    """

    article_id: str
    source_path: str
    text: str = ""
    title: str | None = None
    author: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    n_paragraphs: int = 0
    n_duplicate_paragraphs: int = 0
    duplicate_of: str | None = None
    encoding: str | None = None
    content_hash: str | None = None
    status: str = STATUS_OK
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.status == STATUS_OK

    @classmethod
    def failed(cls, record: RawRecord, error: str) -> "Article":
        """The error row for a record that could not be read or cleaned."""
        return cls(
            article_id=record.article_id,
            source_path=record.source_path,
            title=record.title,
            author=record.author,
            url=record.url,
            published=record.published,
            encoding=record.encoding,
            status=STATUS_ERROR,
            error=error,
        )
