"""Run the stages over records in this process or in a pool of processes.

Each worker builds the spaCy pipeline once (process initializer) and turns
records into :class:`~pipeline.tables.ArticleRows`; the collector in the
parent keeps the input order, so a run with N workers gives exactly the
tables of a run with one.
"""

from __future__ import annotations

import itertools
from concurrent.futures import ProcessPoolExecutor
from typing import Iterable, Iterator

from ..article import Article, RawRecord
from ..clean import clean_record
from ..nlp.language import get_nlp
from ..tables import ArticleRows

_worker_segmenter: str | None = None


def process_records(records: list[RawRecord], *, segmenter: str | None = None) -> list[ArticleRows]:
    """Clean and annotate a batch of records; errors become error rows."""
    nlp = get_nlp(segmenter) if segmenter else get_nlp()
    articles = [clean_record(record) for record in records]
    results: list[ArticleRows] = []
    ok = [article for article in articles if article.ok]
    docs = {}
    try:
        for article, doc in zip(ok, nlp.pipe(article.text for article in ok)):
            doc._.article_id = article.article_id
            docs[article.article_id] = doc
    except Exception:
        # One bad article must not take its batch down: redo one by one.
        docs = {}
        for article in ok:
            try:
                doc = nlp(article.text)
                doc._.article_id = article.article_id
                docs[article.article_id] = doc
            except Exception as error:  # noqa: BLE001 - errors travel as data
                _mark_failed(article, f"annotation failed: {type(error).__name__}: {error}")
    for article in articles:
        results.append(ArticleRows.from_article(article, docs.get(article.article_id)))
    return results


def _mark_failed(article: Article, message: str) -> None:
    article.status = "error"
    article.error = message


def _init_worker(segmenter: str | None) -> None:
    global _worker_segmenter
    _worker_segmenter = segmenter
    get_nlp(segmenter) if segmenter else get_nlp()


def _process_in_worker(records: list[RawRecord]) -> list[ArticleRows]:
    return process_records(records, segmenter=_worker_segmenter)


def batched(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def iter_article_rows(
    records: Iterable[RawRecord], *, workers: int = 1, batch_size: int = 16, segmenter: str | None = None
) -> Iterator[ArticleRows]:
    """Rows of every record, in input order, with ``workers`` processes."""
    batches = batched(records, batch_size)
    if workers <= 1:
        for batch in batches:
            yield from process_records(batch, segmenter=segmenter)
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(segmenter,)) as pool:
        # Bounded look-ahead keeps memory flat on long runs.
        pending = []
        for batch in batches:
            pending.append(pool.submit(_process_in_worker, batch))
            if len(pending) >= workers * 4:
                yield from pending.pop(0).result()
        for future in pending:
            yield from future.result()
