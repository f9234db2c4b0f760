"""Incremental, crash-safe runs: the knowledge base as one DuckDB file.

``python -m pipeline run INPUT --db kb.duckdb`` keeps every article it has
processed in ``kb.duckdb``; a later run over the same folders processes only
the records that are new or changed, and a run that was killed is simply
started again.

What is stored
    ``processed``  one row per article: ``article_id``, ``raw_hash``, ``seq``
                   (the order in which articles were first stored) and
                   ``processed_at``.
    ``articles``, ``mentions``, ``relations``
                   views with exactly the columns of the output tables, in
                   order, over ``_articles``/``_mentions``/``_relations``
                   (the same rows plus ``_seq`` and a row number).
    ``entities``   a table, re-aggregated from all stored mentions at the end
                   of every run (:data:`pipeline.tables.ENTITIES_SQL`).

When a record is skipped
    ``raw_hash`` is the SHA-1 of the record *as read*, before any cleaning:
    its decoded text (or, for an unreadable record, its error) and the
    metadata that reach the ``articles`` row (``url``, ``title``,
    ``published``, ``author``, encoding).  A record is skipped when the store
    already holds its ``article_id`` with the same ``raw_hash``; so an
    unchanged article costs one hash, not a cleaning.  A record whose id is
    stored with another hash (the file was edited) replaces the stored rows
    of that id and keeps its place in the order.  The path is not part of the
    hash: moving the corpus folder does not reprocess it.  The pipeline's own
    version is not part of it either: after changing the rules, start a new
    database (or delete the old one) to reprocess everything.

Crash safety
    Rows are committed in transactions of ``commit_every`` articles (the
    run's batch size): every row of a batch, and its ``processed`` entries,
    or none.  A run killed at any point leaves whole batches only; started
    again over the same input it skips them and processes the rest, in input
    order, so it ends with every article exactly once and with the tables an
    uninterrupted run would have written.  Near-duplicate articles
    (``duplicate_of``) are looked for among the stored articles too: the
    index is seeded from the store (in ``seq`` order) before the first new
    article is checked.

A DuckDB file is opened by one writer at a time; a second run on the same
file waits for nothing and fails with DuckDB's lock error.
"""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .article import RawRecord
from .near_duplicates import CompactNearDuplicateIndex
from .tables import (
    TABLE_COLUMNS,
    ArticleRows,
    TableFileWriter,
    _frame,
    arrow_schema,
    duckdb_connection,
    entity_queries,
    iter_query_frames,
)

#: Tables the pipeline keeps its rows in (the public names are views over them).
_DATA_TABLES = {"articles": "_articles", "mentions": "_mentions", "relations": "_relations"}
_LOOKUP_CHUNK = 512


class StoreError(ValueError):
    """The database file cannot be used as an incremental store."""


def raw_hash(record: RawRecord) -> str:
    """SHA-1 of a record as read: text (or error) and the metadata of its row."""
    payload = [
        record.text if record.text is not None else None,
        None if record.text is not None else record.error,
        record.url,
        record.title,
        record.published,
        record.author,
        record.encoding,
    ]
    return hashlib.sha1(json.dumps(payload, ensure_ascii=False).encode("utf-8")).hexdigest()


def _sql_type(arrow_type) -> str:
    import pyarrow as pa

    if pa.types.is_int64(arrow_type):
        return "BIGINT"
    if pa.types.is_boolean(arrow_type):
        return "BOOLEAN"
    if pa.types.is_floating(arrow_type):
        return "DOUBLE"
    if pa.types.is_list(arrow_type):
        return "VARCHAR[]"
    return "VARCHAR"


def _columns_ddl(name: str) -> str:
    return ", ".join(f'"{field.name}" {_sql_type(field.type)}' for field in arrow_schema(name))


def _column_list(name: str) -> str:
    return ", ".join(f'"{column}"' for column in TABLE_COLUMNS[name])


class Store:
    """An incremental knowledge base in a DuckDB file (see the module docs).

    >>> with Store("kb.duckdb") as store:                 # doctest: +SKIP
    ...     fresh = store.new_records(read_records(["corpus/dev"]))
    ...     collect(iter_article_rows(fresh), sink=store.writer(), index=store.near_duplicate_index())
    ...     store.refresh_entities(); store.export("output")

    ``before_commit(batch_number)`` is called inside each batch's transaction,
    after its rows are inserted and before the commit (tests use it to kill
    a run at the worst moment).
    """

    def __init__(self, path: str | Path, *, memory_limit: str = "256MB",
                 before_commit: Callable[[int], None] | None = None):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.before_commit = before_commit
        self.connection = duckdb_connection(self.path, memory_limit=memory_limit)
        self._pending: dict[str, tuple[str, int | None]] = {}
        try:
            self._create_schema()
        except BaseException:
            self.connection.close()
            raise
        self._next_seq = self.connection.execute("SELECT coalesce(max(seq) + 1, 0) FROM processed").fetchall()[0][0]

    # -- schema ---------------------------------------------------------------

    def _create_schema(self) -> None:
        connection = self.connection
        existing = dict(connection.execute(
            "SELECT table_name, table_type FROM information_schema.tables WHERE table_schema = 'main'"
        ).fetchall())
        if "processed" not in existing and any(name in existing for name in ("articles", "mentions", "relations")):
            raise StoreError(
                f"{self.path} holds pipeline tables but is not an incremental store "
                "(written by Tables.to_duckdb?); use a new file for --db"
            )
        connection.execute("BEGIN TRANSACTION")
        connection.execute(
            "CREATE TABLE IF NOT EXISTS processed (article_id VARCHAR NOT NULL, raw_hash VARCHAR NOT NULL, "
            "seq BIGINT NOT NULL, processed_at TIMESTAMP DEFAULT current_timestamp)"
        )
        connection.execute(f"CREATE TABLE IF NOT EXISTS _articles (_seq BIGINT NOT NULL, {_columns_ddl('articles')})")
        for name in ("mentions", "relations"):
            connection.execute(
                f"CREATE TABLE IF NOT EXISTS _{name} (_seq BIGINT NOT NULL, _row INTEGER NOT NULL, {_columns_ddl(name)})"
            )
        connection.execute(f"CREATE OR REPLACE VIEW articles AS SELECT {_column_list('articles')} FROM _articles ORDER BY _seq")
        for name in ("mentions", "relations"):
            connection.execute(
                f"CREATE OR REPLACE VIEW {name} AS SELECT {_column_list(name)} FROM _{name} ORDER BY _seq, _row"
            )
        connection.execute(f"CREATE TABLE IF NOT EXISTS entities ({_columns_ddl('entities')})")
        connection.execute("COMMIT")

    # -- reading --------------------------------------------------------------

    def count(self, name: str) -> int:
        if name not in TABLE_COLUMNS and name != "processed":
            raise ValueError(f"unknown table {name!r}")
        return self.connection.execute(f"SELECT count(*) FROM {name}").fetchall()[0][0]

    def new_records(self, records: Iterable[RawRecord], *, summary=None) -> Iterator[RawRecord]:
        """The records that are not stored unchanged, lazily, in input order.

        Skipped records are counted in ``summary.n_skipped``.  Ids are looked
        up a chunk at a time, so memory does not grow with the store.
        """
        chunk: list[tuple[RawRecord, str]] = []
        for record in records:
            chunk.append((record, raw_hash(record)))
            if len(chunk) >= _LOOKUP_CHUNK:
                yield from self._filter(chunk, summary)
                chunk = []
        if chunk:
            yield from self._filter(chunk, summary)

    def _filter(self, chunk: list[tuple[RawRecord, str]], summary) -> Iterator[RawRecord]:
        ids = [record.article_id for record, _ in chunk]
        stored = {
            article_id: (hash_, seq)
            for article_id, hash_, seq in self.connection.execute(
                "SELECT article_id, raw_hash, seq FROM processed WHERE article_id IN (SELECT unnest(?::VARCHAR[]))",
                [ids],
            ).fetchall()
        }
        for record, hash_ in chunk:
            known = stored.get(record.article_id)
            if known is not None and known[0] == hash_:
                if summary is not None:
                    summary.n_skipped += 1
                continue
            self._pending[record.article_id] = (hash_, known[1] if known is not None else None)
            yield record

    def near_duplicate_index(self, **options) -> "_StoredNearDuplicates":
        """A near-duplicate index that also knows the stored articles."""
        return _StoredNearDuplicates(self, CompactNearDuplicateIndex(**options))

    def iter_stored_texts(self, chunk_rows: int = 1000) -> Iterator[tuple[str, str]]:
        """``(article_id, text)`` of the stored ok articles, in ``seq`` order."""
        result = self.connection.execute("SELECT article_id, text FROM _articles WHERE status = 'ok' ORDER BY _seq")
        while rows := result.fetchmany(chunk_rows):
            yield from rows

    # -- writing --------------------------------------------------------------

    def writer(self, commit_every: int = 16) -> "StoreWriter":
        """The collector that commits rows in transactions of ``commit_every`` articles."""
        return StoreWriter(self, commit_every)

    def _commit(self, batch: list[ArticleRows], batch_number: int) -> None:
        connection = self.connection
        seqs, hashes, replaced = [], [], []
        for rows in batch:
            article_id = rows.article["article_id"]
            hash_, old_seq = self._pending.get(article_id, (None, None))
            if hash_ is None:
                raise KeyError(f"article {article_id!r} did not come through Store.new_records")
            if old_seq is not None:
                replaced.append(article_id)
                seq = old_seq
            else:
                seq = self._next_seq
                self._next_seq += 1
            seqs.append(seq)
            hashes.append(hash_)
        articles = _frame("articles", [rows.article for rows in batch])
        articles.insert(0, "_seq", seqs)
        processed = articles[["article_id"]].assign(raw_hash=hashes, seq=seqs)
        children = {}
        for name in ("mentions", "relations"):
            part_rows, part_seq, part_row = [], [], []
            for rows, seq in zip(batch, seqs):
                for number, row in enumerate(getattr(rows, name)):
                    part_rows.append(row)
                    part_seq.append(seq)
                    part_row.append(number)
            frame = _frame(name, part_rows)
            frame.insert(0, "_row", part_row)
            frame.insert(0, "_seq", part_seq)
            children[name] = frame
        connection.execute("BEGIN TRANSACTION")
        try:
            if replaced:
                for table in ("processed", *_DATA_TABLES.values()):
                    connection.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [replaced])
            self._insert("_articles", articles)
            for name, frame in children.items():
                if len(frame):
                    self._insert(f"_{name}", frame)
            self._insert("processed", processed, columns="article_id, raw_hash, seq")
            if self.before_commit is not None:
                self.before_commit(batch_number)
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        for rows in batch:
            self._pending.pop(rows.article["article_id"], None)

    def _insert(self, table: str, frame, columns: str | None = None) -> None:
        self.connection.register("_incoming", frame)
        try:
            target = f"{table} ({columns})" if columns else table
            self.connection.execute(f"INSERT INTO {target} SELECT * FROM _incoming")
        finally:
            self.connection.unregister("_incoming")

    def refresh_entities(self) -> int:
        """Re-aggregate ``entities`` from every stored mention; its row count."""
        connection = self.connection
        connection.execute("BEGIN TRANSACTION")
        try:
            connection.execute("DELETE FROM entities")
            for query in entity_queries(connection, "_mentions"):
                connection.execute(f"INSERT INTO entities SELECT * FROM ({query})")
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        return self.count("entities")

    def export(self, out_dir: str | Path, fmt: str = "parquet") -> list[Path]:
        """Write the four stored tables into ``out_dir`` (streamed a chunk at a time)."""
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for name in TABLE_COLUMNS:
            writer = TableFileWriter(name, out / f"{name}.{fmt}", fmt)
            try:
                order = " ORDER BY entity_id, label" if name == "entities" else ""
                for frame in iter_query_frames(self.connection, name, f"SELECT * FROM {name}{order}"):
                    writer.write(frame)
                written.append(writer.close())
            except BaseException:
                writer.abort()
                raise
        return written

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class StoreWriter:
    """Collector (see :func:`pipeline.api.collect`) committing batches into a :class:`Store`."""

    def __init__(self, store: Store, commit_every: int = 16):
        self.store = store
        self.commit_every = max(1, commit_every)
        self.batches = 0
        self._batch: list[ArticleRows] = []

    def add_rows(self, rows: ArticleRows) -> None:
        self._batch.append(rows)
        if len(self._batch) >= self.commit_every:
            self.commit()

    def commit(self) -> None:
        if self._batch:
            batch, self._batch = self._batch, []
            self.batches += 1
            self.store._commit(batch, self.batches)

    def finish(self) -> int:
        """Commit the last batch; the number of batches committed."""
        self.commit()
        return self.batches


class _StoredNearDuplicates:
    """A near-duplicate index seeded with the stored articles (lazily, on first use)."""

    def __init__(self, store: Store, index: CompactNearDuplicateIndex):
        self.store = store
        self.index = index
        self.seeded = False
        self.seconds_seeding = 0.0

    def _seed(self) -> None:
        started = time.perf_counter()
        for article_id, text in self.store.iter_stored_texts():
            self.index.check_and_add(article_id, text)
        self.seeded = True
        self.seconds_seeding = time.perf_counter() - started

    def check_and_add(self, article_id: str, text: str) -> str | None:
        if not self.seeded:
            self._seed()
        duplicate_of = self.index.check_and_add(article_id, text)
        # A changed article may meet its own earlier version in the store.
        return None if duplicate_of == article_id else duplicate_of
