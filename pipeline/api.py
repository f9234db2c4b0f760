"""The public Python API: whole runs and single texts.

>>> import pipeline
>>> result = pipeline.process_text("Bộ TT&TT ban hành Kế hoạch số 12/KH-BTTTT ngày 3/5/2024.")
>>> sorted(result.mentions["label"].unique())
['DIRECTIVE', 'ORG']
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Protocol

import pandas as pd

from .article import Article, RawRecord
from .clean import clean_record
from .clean.dedup import NearDuplicateIndex
from .near_duplicates import CompactNearDuplicateIndex
from .ingest import read_records, record_from_text
from .tables import ArticleRows, StreamingTables, TableBuilder, Tables


@dataclass
class RunSummary:
    """What a run did, for the CLI's closing lines and for notebooks.

    With an incremental store (``db=``) the counts are those of the articles
    processed by this run; ``n_skipped`` counts records already in the store
    unchanged, and ``n_entities`` is the size of the entities table written.
    """

    n_records: int = 0
    n_ok: int = 0
    n_error: int = 0
    n_duplicate_paragraphs: int = 0
    n_near_duplicate_articles: int = 0
    n_mentions: int = 0
    n_relations: int = 0
    n_entities: int = 0
    n_skipped: int = 0
    seconds: float = 0.0
    messages: list[str] = field(default_factory=list)


class Collector(Protocol):
    """Where :func:`collect` puts rows: :class:`~pipeline.tables.TableBuilder`
    (in memory), :class:`~pipeline.tables.StreamingTables` (output files) or the
    incremental store's batch writer."""

    def add_rows(self, rows: ArticleRows) -> None: ...

    def finish(self): ...


def collect(
    rows: Iterable[ArticleRows],
    *,
    on_article: Callable[[ArticleRows], None] | None = None,
    summary: RunSummary | None = None,
    sink: Collector | None = None,
    index: NearDuplicateIndex | CompactNearDuplicateIndex | None = None,
):
    """Gather per-article rows, flagging near-duplicate articles in input order.

    Every engine's rows go through here, so a run gives the same tables
    whatever the engine or the number of workers.  Returns ``sink.finish()``:
    :class:`Tables` for the default in-memory collector.  ``index`` is the
    near-duplicate index: by default a :class:`~pipeline.near_duplicates.CompactNearDuplicateIndex`
    (the answers of ``NearDuplicateIndex`` in a twelfth of its memory); an
    incremental store passes one that knows the articles stored earlier.
    """
    sink = sink if sink is not None else TableBuilder()
    index = index if index is not None else CompactNearDuplicateIndex()
    summary = summary if summary is not None else RunSummary()
    for article_rows in rows:
        row = article_rows.article
        summary.n_records += 1
        if row["status"] == "ok":
            summary.n_ok += 1
            row["duplicate_of"] = index.check_and_add(row["article_id"], row["text"])
            summary.n_near_duplicate_articles += row["duplicate_of"] is not None
            summary.n_duplicate_paragraphs += row["n_duplicate_paragraphs"] or 0
        else:
            summary.n_error += 1
        summary.n_mentions += len(article_rows.mentions)
        summary.n_relations += len(article_rows.relations)
        sink.add_rows(article_rows)
        if on_article is not None:
            on_article(article_rows)
    return sink.finish()


def _article_rows(records, *, engine: str, workers: int, batch_size: int, scheduler: str | None, tune: bool = False):
    from .engine import iter_article_rows

    return iter_article_rows(records, engine=engine, workers=workers, batch_size=batch_size, scheduler=scheduler, tune=tune)


def run(
    paths: str | Path | Iterable[str | Path],
    *,
    workers: int = 1,
    batch_size: int = 16,
    summary: RunSummary | None = None,
    on_article: Callable[[ArticleRows], None] | None = None,
    engine: str = "local",
    scheduler: str | None = None,
) -> Tables:
    """Run the whole pipeline over files and folders; return the four tables.

    ``paths``: ``.txt``/``.html`` articles, ``.jsonl``/``.csv``/``.parquet`` dumps,
    or folders of them (read recursively).  Records that cannot be read or
    processed are rows with ``status == "error"``; nothing is dropped.
    ``engine="dask"`` runs the articles on a Dask cluster (``scheduler`` its
    address; a local cluster of ``workers`` processes without one).  The
    tables are kept in memory: for long runs use :func:`run_to`, which
    streams them to files.

    >>> tables = run("corpus/dev")                      # doctest: +SKIP
    >>> tables.relations.query("relation == 'issued_by'")  # doctest: +SKIP
    """
    summary = summary if summary is not None else RunSummary()
    started = time.perf_counter()
    records = read_records(paths, on_message=summary.messages.append)
    rows = _article_rows(records, engine=engine, workers=workers, batch_size=batch_size, scheduler=scheduler)
    tables = collect(rows, on_article=on_article, summary=summary)
    summary.n_entities = len(tables.entities)
    summary.seconds = time.perf_counter() - started
    return tables


def run_to(
    paths: str | Path | Iterable[str | Path],
    out_dir: str | Path,
    fmt: str = "parquet",
    *,
    db: str | Path | None = None,
    workers: int = 1,
    batch_size: int = 16,
    engine: str = "local",
    scheduler: str | None = None,
    summary: RunSummary | None = None,
    on_article: Callable[[ArticleRows], None] | None = None,
    flush_every: int = 256,
    store_options: dict | None = None,
) -> list[Path]:
    """Run the pipeline and stream the four tables into ``out_dir`` (what the CLI does).

    Rows are appended to the files every ``flush_every`` articles and
    ``entities`` is aggregated at the end from the written mentions, so memory
    does not grow with the number of articles.  With ``db`` (a DuckDB file)
    the run is incremental and crash-safe (:mod:`pipeline.store`): records
    already stored unchanged are skipped, each batch of ``batch_size``
    articles is committed in one transaction, and the tables are then written
    from the database.  Returns the paths written (the database last).

    A batch job: with one worker the pipeline runs in this process, whose
    garbage collector is tuned for it (:func:`pipeline.engine.local.tune_gc`).
    """
    summary = summary if summary is not None else RunSummary()
    started = time.perf_counter()
    records = read_records(paths, on_message=summary.messages.append)
    if db is None:
        sink = StreamingTables(out_dir, fmt, flush_every=flush_every)
        try:
            rows = _article_rows(records, engine=engine, workers=workers, batch_size=batch_size, scheduler=scheduler,
                                 tune=True)
            written = collect(rows, on_article=on_article, summary=summary, sink=sink)
        except BaseException:
            sink.abort()
            raise
        summary.n_entities = sink.n_entities
    else:
        from .store import Store

        with Store(db, **(store_options or {})) as store:
            fresh = store.new_records(records, summary=summary)
            rows = _article_rows(fresh, engine=engine, workers=workers, batch_size=batch_size, scheduler=scheduler,
                                 tune=True)
            collect(rows, on_article=on_article, summary=summary, sink=store.writer(commit_every=batch_size),
                    index=store.near_duplicate_index())
            store.refresh_entities()
            written = store.export(out_dir, fmt)
            summary.n_entities = store.count("entities")
        written.append(Path(db))
    summary.seconds = time.perf_counter() - started
    return written


def process_records(records: Iterable[RawRecord], *, workers: int = 1) -> Tables:
    """Tables for records already in memory (e.g. from :func:`pipeline.ingest.record_from_text`)."""
    from .engine import iter_article_rows

    return collect(iter_article_rows(records, workers=workers))


def process_texts(texts: Iterable[tuple[str, str]] | dict[str, str], *, workers: int = 1) -> Tables:
    """Tables for ``(article_id, text)`` pairs, each text a whole scraped article."""
    items = texts.items() if isinstance(texts, dict) else texts
    return process_records((record_from_text(text, article_id=article_id) for article_id, text in items), workers=workers)


@dataclass
class Result:
    """One article through the pipeline: the clean article, its Doc and its tables.

    ``doc`` is the spaCy Doc (entities in ``doc.ents``, relations in
    ``doc._.relations``); :meth:`render` shows it with displaCy.
    """

    article: Article
    doc: object | None
    tables: Tables

    @property
    def mentions(self) -> pd.DataFrame:
        return self.tables.mentions

    @property
    def entities(self) -> pd.DataFrame:
        return self.tables.entities

    @property
    def relations(self) -> pd.DataFrame:
        return self.tables.relations

    def render(self, style: str = "ent", jupyter: bool | None = None):
        """displaCy rendering of the Doc (entities by default)."""
        from spacy import displacy

        if self.doc is None:
            raise ValueError(f"article {self.article.article_id} has no Doc: {self.article.error}")
        return displacy.render(self.doc, style=style, jupyter=jupyter)


def process_text(text: str, article_id: str = "text", **metadata) -> Result:
    """Run one scraped article (title line, body, byline ...) through every stage.

    >>> result = process_text("Sở TT&TT tỉnh Gia Lai tổ chức hội nghị.")  # doctest: +SKIP
    >>> result.mentions[["text", "label"]]                              # doctest: +SKIP
    """
    from .nlp.language import get_nlp

    record = record_from_text(text, article_id=article_id, **metadata)
    article = clean_record(record)
    doc = None
    if article.ok:
        try:
            doc = get_nlp()(article.text)
            doc._.article_id = article.article_id
        except Exception as error:  # noqa: BLE001 - errors travel as data
            article.status, article.error = "error", f"annotation failed: {type(error).__name__}: {error}"
    tables = collect([ArticleRows.from_article(article, doc)])
    return Result(article=article, doc=doc, tables=tables)
