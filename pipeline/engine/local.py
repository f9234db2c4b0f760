"""Run the stages over records in this process or in a pool of processes.

Each worker builds the spaCy pipeline once (process initializer) and turns
records into :class:`~pipeline.rows.ArticleRows`; the collector in the
parent keeps the input order, so a run with N workers gives exactly the
tables of a run with one.  Records go to the workers a batch at a time
(annotated stage by stage, :func:`annotate_batch`) with a bounded look-ahead
of ``4 × workers`` batches, so memory stays flat however long the input.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import re
from concurrent.futures import ProcessPoolExecutor
from typing import Iterable, Iterator

from ..article import Article, RawRecord
from ..clean import clean_record
from ..nlp.doc_tokens import doc_tokens
from ..nlp.language import get_nlp
from ..rows import ArticleRows

_worker_segmenter: str | None = None
#: words kept by :func:`keep_words`, per vocabulary (``id``) of this process
_kept_words: dict[int, int] = {}

#: run each batch in a spaCy memory zone (see :func:`process_records`)
USE_MEMORY_ZONE = True
#: at most this many word strings a process keeps in its vocabulary for good
#: (see :func:`keep_words`): about 10 MB
KEPT_WORDS_LIMIT = 50_000


def process_records(records: list[RawRecord], *, segmenter: str | None = None) -> list[ArticleRows]:
    """Clean and annotate a batch of records; errors become error rows.

    The batch runs inside ``nlp.memory_zone()`` (spaCy ≥ 3.8): the strings
    its Docs add to the vocabulary are dropped once their rows are built, so a
    long-running worker does not grow with every new number or name; its
    words are then kept for the next batches (:func:`keep_words`), up to a
    bound.
    """
    nlp = get_nlp(segmenter) if segmenter else get_nlp()
    articles = [clean_record(record) for record in records]
    zone = nlp.memory_zone() if USE_MEMORY_ZONE and hasattr(nlp, "memory_zone") else contextlib.nullcontext()
    with zone:
        docs = _annotate(nlp, [article for article in articles if article.ok])
        rows = [ArticleRows.from_article(article, docs.get(article.article_id)) for article in articles]
        words = {text for doc in docs.values() for text in doc_tokens(doc).texts}
    keep_words(nlp, [word for word in words if _worth_keeping(word)])
    return rows


_DIGIT = re.compile(r"\d")


def _worth_keeping(token: str) -> bool:
    """Words, punctuation and numbers of up to four digits: not document numbers, dates or whitespace."""
    if token.isspace():
        return False
    return (len(token) <= 4 and token.isdigit()) or not _DIGIT.search(token)


def keep_words(nlp, words: Iterable[str]) -> int:
    """Add ``words`` missing from the vocabulary to it for good (outside a memory zone); how many were added.

    A memory zone forgets every string its batch added, so without this the
    next batch would build the lexemes of the same syllables (``tỉnh``,
    ``Nguyễn``...) and punctuation again: a few percent of the run.  The
    batch runner keeps each batch's words, punctuation and short numbers
    (see :func:`_worth_keeping`), up to :data:`KEPT_WORDS_LIMIT` per process,
    after which the vocabulary stops growing.
    """
    vocab = nlp.vocab
    room = KEPT_WORDS_LIMIT - _kept_words.get(id(vocab), 0)
    added = 0
    for word in words:
        if added >= room:
            break
        if word not in vocab:
            vocab[word]  # noqa: B018 - creating the lexeme is the point
            added += 1
    _kept_words[id(vocab)] = _kept_words.get(id(vocab), 0) + added
    return added


def annotate_batch(nlp, texts: list[str]) -> list:
    """``list(nlp.pipe(texts))``, stage by stage: every Doc of the batch goes
    through one component before the next component starts.

    spaCy's ``nlp.pipe`` takes each Doc through all the components before
    the next Doc; on this workload every component then meets its tables
    (the segmenter's lexicon and CRF model, the gazetteer, the organisation
    lexicon) evicted from the CPU caches by the others, Doc after Doc.  By
    stage, a component's tables stay warm for the whole batch: about 12 %
    less CPU time per article here (16 articles a batch).  Components keep
    no state from one Doc to the next, so the Docs are the same.
    """
    docs = [nlp.make_doc(text) for text in texts]
    for _name, component in nlp.pipeline:
        docs = [component(doc) for doc in docs]
    return docs


def _annotate(nlp, ok: list[Article]) -> dict:
    docs = {}
    try:
        for article, doc in zip(ok, annotate_batch(nlp, [article.text for article in ok])):
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
    return docs


def _mark_failed(article: Article, message: str) -> None:
    article.status = "error"
    article.error = message


#: generation-0 threshold of the garbage collector in processes that run the
#: pipeline (Python's default is 700): a Doc allocates many small objects,
#: few of them in reference cycles.
GC_THRESHOLD = 50_000


def tune_gc() -> None:
    """Make this process's garbage collector cheap for the pipeline's workload.

    Called once the pipeline is loaded: ``gc.freeze()`` moves every object
    alive now (the lexicons, gazetteers and models: hundreds of thousands of
    objects) out of the collector's reach, so full collections stop walking
    them, and young collections run less often.  Used in worker processes and
    by :func:`pipeline.api.run_to`; a process that is not a batch job (a
    notebook) keeps its defaults unless it asks.
    """
    gc.collect()
    gc.freeze()
    _, threshold1, threshold2 = gc.get_threshold()
    gc.set_threshold(GC_THRESHOLD, threshold1, threshold2)


def load_worker(segmenter: str | None = None) -> None:
    """Build the pipeline of this process (once) and tune its garbage collector."""
    get_nlp(segmenter) if segmenter else get_nlp()
    tune_gc()


def _init_worker(segmenter: str | None) -> None:
    global _worker_segmenter
    _worker_segmenter = segmenter
    load_worker(segmenter)


def _process_in_worker(records: list[RawRecord]) -> list[ArticleRows]:
    return process_records(records, segmenter=_worker_segmenter)


def batched(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def iter_article_rows(
    records: Iterable[RawRecord], *, workers: int = 1, batch_size: int = 16, segmenter: str | None = None,
    tune: bool = False,
) -> Iterator[ArticleRows]:
    """Rows of every record, in input order, with ``workers`` processes.

    ``workers=1`` runs in this process; ``tune`` then loads the pipeline
    first and applies :func:`tune_gc` to this process (worker processes are
    always tuned).
    """
    batches = batched(records, batch_size)
    if workers <= 1:
        if tune:
            load_worker(segmenter)
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
