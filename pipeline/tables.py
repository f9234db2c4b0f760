"""From articles and Docs to the output tables, and the table writers.

Four tables, one row contract each (see the README):

``articles``   one row per record read, ``status`` ok/error
``mentions``   one row per entity mention, character offsets into ``articles.text``
``entities``   one row per corpus-wide entity (``entity_id``)
``relations``  the knowledge table: subject -relation-> object, with evidence

Rows are built per article (:class:`~pipeline.rows.ArticleRows`, in
:mod:`pipeline.rows`, which the workers use without pandas) so that runs can
stream.  Two collectors take them: :class:`TableBuilder` keeps DataFrames in memory
(the Python API), :class:`StreamingTables` appends them to the output files
batch by batch (the CLI) so that memory stays flat however long the run.
Either way ``entities`` is aggregated at the end from the mentions with one
SQL query (:data:`ENTITIES_SQL`, run by DuckDB over a DataFrame, a Parquet
file or the incremental store), so every path gives the same table.

Every writer goes through :class:`TableFileWriter`: fixed Arrow schemas for
Parquet (:func:`arrow_schema`), formula-safe CSV, JSON Lines; files are
written under a temporary name and renamed when complete.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import pandas as pd
import pyarrow as pa

from .article import Article
from .rows import (  # noqa: F401 - the row contract, re-exported
    ARTICLE_COLUMNS,
    ENTITY_COLUMNS,
    MENTION_COLUMNS,
    RELATION_COLUMNS,
    TABLE_COLUMNS,
    ArticleRows,
    article_row,
    mention_rows,
    relation_rows,
)

FORMATS = ("parquet", "csv", "jsonl")

_INT_COLUMNS = {
    "articles": ["n_paragraphs", "n_duplicate_paragraphs"],
    "mentions": ["sentence_id", "start", "end"],
    "entities": ["n_mentions", "n_articles"],
    "relations": ["sentence_id", "start", "end"],
}


def coerce_frame(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Give ``frame`` the column order and dtypes of table ``name`` (in place where possible)."""
    columns = TABLE_COLUMNS[name]
    if list(frame.columns) != columns:
        frame = frame.reindex(columns=columns)
    for column in _INT_COLUMNS.get(name, []):
        if str(frame[column].dtype) != "Int64":
            frame[column] = pd.array(frame[column], dtype="Int64")
    if name == "relations":
        frame["confidence"] = frame["confidence"].astype("float64")
    if name == "mentions":
        frame["is_reference"] = frame["is_reference"].astype("bool")
    if name == "entities" and len(frame):
        frame["aliases"] = [list(value) for value in frame["aliases"]]
    return frame


def _frame(name: str, rows: list[dict]) -> pd.DataFrame:
    return coerce_frame(name, pd.DataFrame(rows, columns=TABLE_COLUMNS[name]))


def arrow_schema(name: str) -> pa.Schema:
    """The fixed Parquet/Arrow schema of table ``name`` (strings, int64, bool, float64, list<string>)."""
    types = {column: pa.string() for column in TABLE_COLUMNS[name]}
    for column in _INT_COLUMNS.get(name, []):
        types[column] = pa.int64()
    if name == "mentions":
        types["is_reference"] = pa.bool_()
    if name == "relations":
        types["confidence"] = pa.float64()
    if name == "entities":
        types["aliases"] = pa.list_(pa.string())
    return pa.schema([(column, types[column]) for column in TABLE_COLUMNS[name]])


@dataclass
class Tables:
    """The four output tables as pandas DataFrames.

    >>> tables = Tables.empty()
    >>> list(tables.articles.columns)[:3]
    ['article_id', 'source_path', 'url']
    """

    articles: pd.DataFrame
    mentions: pd.DataFrame
    entities: pd.DataFrame
    relations: pd.DataFrame

    @classmethod
    def empty(cls) -> "Tables":
        return cls(**{name: _frame(name, []) for name in TABLE_COLUMNS})

    def items(self):
        """(name, DataFrame) pairs in a fixed order."""
        return [(name, getattr(self, name)) for name in TABLE_COLUMNS]

    def write(self, out_dir: str | Path, fmt: str = "parquet") -> list[Path]:
        """Write one file per table into ``out_dir`` (``articles.parquet`` ...)."""
        return write_tables(self, out_dir, fmt)

    def to_duckdb(self, path: str | Path) -> Path:
        """Write all tables into a DuckDB database file (tables replaced)."""
        return write_duckdb(self, path)


@dataclass
class TableBuilder:
    """Collects rows article by article; :meth:`build` aggregates ``entities``."""

    article_rows: list[dict] = field(default_factory=list)
    mention_rows: list[dict] = field(default_factory=list)
    relation_rows: list[dict] = field(default_factory=list)

    def add(self, article: Article, doc=None) -> None:
        self.article_rows.append(article_row(article))
        if doc is not None and article.ok:
            self.mention_rows.extend(mention_rows(article.article_id, doc))
            self.relation_rows.extend(relation_rows(article.article_id, doc))

    def add_rows(self, rows: "ArticleRows") -> None:
        self.article_rows.append(rows.article)
        self.mention_rows.extend(rows.mentions)
        self.relation_rows.extend(rows.relations)

    def finish(self) -> Tables:
        """The collector protocol (see :func:`pipeline.api.collect`): the tables."""
        return self.build()

    def build(self) -> Tables:
        mentions = _frame("mentions", self.mention_rows)
        return Tables(
            articles=_frame("articles", self.article_rows),
            mentions=mentions,
            entities=aggregate_entities(mentions),
            relations=_frame("relations", self.relation_rows),
        )


#: One row per ``entity_id``, from the mentions in ``{source}`` (a table, a
#: view, a DataFrame or ``read_parquet(...)``).  The canonical form shown is
#: the most frequent one among the entity's full mentions (all its mentions
#: when it has only short references such as ``Sở``), ties to the smallest;
#: ``aliases`` lists every surface form, sorted.  DuckDB compares strings by
#: their UTF-8 bytes, i.e. by code point, as Python does.
ENTITIES_SQL = """
WITH m AS (
    SELECT entity_id, label, canonical, text, is_reference, article_id FROM {source}
    WHERE entity_id IS NOT NULL AND label IS NOT NULL
),
g AS (
    SELECT entity_id, label,
           count(*) AS n_mentions,
           count(DISTINCT article_id) AS n_articles,
           list(DISTINCT text ORDER BY text) AS aliases,
           bool_or(NOT is_reference) AS has_full
    FROM m GROUP BY entity_id, label
),
c AS (
    SELECT m.entity_id, m.label, m.canonical, count(*) AS n
    FROM m JOIN g ON m.entity_id = g.entity_id AND m.label = g.label
    WHERE m.canonical IS NOT NULL AND (NOT m.is_reference OR NOT g.has_full)
    GROUP BY m.entity_id, m.label, m.canonical
),
best AS (
    SELECT entity_id, label, first(canonical ORDER BY n DESC, canonical) AS canonical
    FROM c GROUP BY entity_id, label
)
SELECT g.entity_id, g.label, best.canonical, g.aliases, g.n_mentions, g.n_articles
FROM g LEFT JOIN best ON g.entity_id = best.entity_id AND g.label = best.label
ORDER BY g.entity_id, g.label
"""


def duckdb_connection(path: str | Path = ":memory:", *, memory_limit: str = "128MB", temp_dir: str | Path | None = None):
    """A DuckDB connection with bounded memory (spilling to ``temp_dir``) and a single thread.

    One thread keeps the pipeline's own memory and CPU use predictable next
    to the worker processes; the queries here are small next to the NLP.
    """
    import duckdb

    connection = duckdb.connect(str(path))
    connection.execute("SET threads = 1")
    connection.execute(f"SET memory_limit = '{memory_limit}'")
    if temp_dir is not None:
        connection.execute(f"SET temp_directory = {_quote(str(temp_dir))}")
    # Every query that needs an order says so (ORDER BY): less memory.
    connection.execute("SET preserve_insertion_order = false")
    return connection


def iter_query_frames(connection, name: str, sql: str, params=None, chunk_rows: int = 20_000):
    """The result of ``sql`` as DataFrames of table ``name``, ``chunk_rows`` at a time."""
    relation = connection.sql(sql) if params is None else connection.sql(sql, params=params)
    # The method's name changed across DuckDB releases.
    for method in ("to_arrow_reader", "fetch_arrow_reader", "record_batch"):
        if hasattr(relation, method):
            reader = getattr(relation, method)(chunk_rows)
            break
    else:  # pragma: no cover - very old DuckDB
        reader = relation.arrow().to_reader(chunk_rows)
    for batch in reader:
        if batch.num_rows:
            yield coerce_frame(name, batch.to_pandas())


#: mentions aggregated per query; larger inputs are cut into ranges of
#: ``entity_id`` (each query's memory is that of its range).  With 200,000
#: the aggregation's peak made a 20,000-article run's collector 19 % larger
#: than a 2,000-article one's; with 100,000, 13 %
ENTITY_PARTITION_ROWS = 100_000


def _quote(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def entity_queries(connection, source: str, *, partition_rows: int = ENTITY_PARTITION_ROWS) -> list[str]:
    """:data:`ENTITIES_SQL` over ``source``, as queries over consecutive ``entity_id``
    ranges when the mentions are many, so that memory stays bounded; their
    results, concatenated in order, are the one query's."""
    n = connection.sql(f"SELECT count(*) FROM {source}").fetchall()[0][0]
    parts = -(-n // partition_rows) if n else 1
    if parts <= 1:
        return [ENTITIES_SQL.format(source=source)]
    # range bounds from a sample (the ranges need not be equal, only bounded)
    sample = sorted(
        row[0] for row in connection.sql(
            f"SELECT entity_id FROM {source} WHERE entity_id IS NOT NULL USING SAMPLE reservoir(20000 ROWS) REPEATABLE (1)"
        ).fetchall()
    )
    bounds = sorted({sample[len(sample) * k // parts] for k in range(1, parts)})
    edges = [None, *bounds, None]
    queries = []
    for low, high in zip(edges, edges[1:]):
        conditions = [f"entity_id >= {_quote(low)}" if low is not None else None,
                      f"entity_id < {_quote(high)}" if high is not None else None]
        where = " AND ".join(condition for condition in conditions if condition)
        queries.append(ENTITIES_SQL.format(source=f"(SELECT * FROM {source} WHERE {where})"))
    return queries


def iter_entity_frames(connection, source: str, *, partition_rows: int = ENTITY_PARTITION_ROWS):
    """The ``entities`` table aggregated from the mentions in ``source``, a chunk at a time, in order."""
    for query in entity_queries(connection, source, partition_rows=partition_rows):
        yield from iter_query_frames(connection, "entities", query)


def aggregate_entities(mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per ``entity_id``: label, canonical form, aliases, counts (see :data:`ENTITIES_SQL`)."""
    if mentions.empty:
        return _frame("entities", [])
    connection = duckdb_connection()
    try:
        connection.register("mentions_frame", mentions[["entity_id", "label", "canonical", "text", "is_reference", "article_id"]])
        frames = list(iter_query_frames(connection, "entities", ENTITIES_SQL.format(source="mentions_frame")))
    finally:
        connection.close()
    if not frames:
        return _frame("entities", [])
    return coerce_frame("entities", pd.concat(frames, ignore_index=True))


# --- writers -----------------------------------------------------------------

_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """Prefix a cell a spreadsheet would run as a formula with ``'``.

    >>> neutralise_formula("=HYPERLINK(\\"x\\")")
    '\\'=HYPERLINK("x")'
    >>> neutralise_formula("Gia Lai")
    'Gia Lai'
    """
    if isinstance(value, str) and value.startswith(_FORMULA_PREFIXES):
        return "'" + value
    return value


def _csv_safe(frame: pd.DataFrame) -> pd.DataFrame:
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(
                lambda value: neutralise_formula(json.dumps(value, ensure_ascii=False) if isinstance(value, list) else value)
            )
    return safe


class TableFileWriter:
    """Writes one table to ``path`` in ``fmt``, a DataFrame chunk at a time.

    Parquet chunks become row groups of one file (fixed :func:`arrow_schema`);
    CSV gets one header and formula-safe cells; JSON Lines one object a line.
    The file is written as ``<path>.partial`` and renamed by :meth:`close`, so
    a killed run never leaves a truncated table under the final name.
    """

    def __init__(self, name: str, path: str | Path, fmt: str = "parquet"):
        if fmt not in FORMATS:
            raise ValueError(f"unknown output format {fmt!r}; choose one of {', '.join(FORMATS)}")
        self.name, self.fmt = name, fmt
        self.path = Path(path)
        self.partial = self.path.with_name(self.path.name + ".partial")
        self.rows = 0
        self._parquet = None
        self._handle = None
        self._started = False

    def write(self, frame: pd.DataFrame) -> None:
        frame = coerce_frame(self.name, frame)
        if self.fmt == "parquet":
            table = pa.Table.from_pandas(frame, schema=arrow_schema(self.name), preserve_index=False)
            if self._parquet is None:
                import pyarrow.parquet as pq

                self._parquet = pq.ParquetWriter(self.partial, table.schema)
            if table.num_rows or not self._started:
                self._parquet.write_table(table)
        else:
            if self._handle is None:
                self._handle = open(self.partial, "w", encoding="utf-8", newline="")
            if self.fmt == "csv":
                if len(frame) or not self._started:
                    _csv_safe(frame).to_csv(self._handle, index=False, header=not self._started)
            elif len(frame):
                text = frame.to_json(orient="records", lines=True, force_ascii=False)
                self._handle.write(text if text.endswith("\n") else text + "\n")
        self._started = True
        self.rows += len(frame)

    def close(self) -> Path:
        """Finish the file (an empty table still gets its schema or header) and move it into place."""
        if not self._started or (self.fmt == "jsonl" and not self.rows):
            if self.fmt == "jsonl":
                if self._handle is None:
                    self._handle = open(self.partial, "w", encoding="utf-8", newline="")
                self._handle.write(_frame(self.name, []).to_json(orient="records", lines=True, force_ascii=False))
                self._started = True
            else:
                self.write(_frame(self.name, []))
        if self._parquet is not None:
            self._parquet.close()
            self._parquet = None
        if self._handle is not None:
            self._handle.close()
            self._handle = None
        os.replace(self.partial, self.path)
        return self.path

    def abort(self) -> None:
        """Drop the partial file (the final name is left untouched)."""
        for closer in (self._parquet, self._handle):
            try:
                if closer is not None:
                    closer.close()
            except Exception:  # noqa: BLE001 - best effort while failing
                pass
        self._parquet = self._handle = None
        self.partial.unlink(missing_ok=True)


def write_tables(tables: Tables, out_dir: str | Path, fmt: str = "parquet") -> list[Path]:
    """Write each table as ``<out_dir>/<name>.<fmt>``; returns the paths written.

    File names are fixed table names: nothing taken from the input (ids,
    titles) becomes part of a path.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown output format {fmt!r}; choose one of {', '.join(FORMATS)}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in tables.items():
        writer = TableFileWriter(name, out / f"{name}.{fmt}", fmt)
        writer.write(frame)
        written.append(writer.close())
    return written


def release_memory() -> None:
    """Give memory freed by a flush back to the system: pyarrow's allocator
    pool and (glibc) the C heap keep it otherwise, and a long run's RSS
    creeps up with every chunk."""
    try:
        pa.default_memory_pool().release_unused()
    except Exception:  # noqa: BLE001 - an optimisation only
        pass
    global _malloc_trim
    if _malloc_trim is None:
        try:
            import ctypes
            import ctypes.util

            _malloc_trim = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
        except (OSError, AttributeError, TypeError):
            _malloc_trim = False
    if _malloc_trim:
        _malloc_trim(0)


_malloc_trim = None


class StreamingTables:
    """Collector that appends rows to the output files as the run goes.

    ``articles``, ``mentions`` and ``relations`` are written every
    ``flush_every`` articles (Parquet row groups, CSV/JSONL chunks);
    :meth:`finish` aggregates ``entities`` from the written mentions with
    DuckDB (bounded memory, spilling to disk) and moves the files into place.
    Memory is that of one chunk, whatever the number of articles.
    """

    def __init__(self, out_dir: str | Path, fmt: str = "parquet", *, flush_every: int = 256):
        if fmt not in FORMATS:
            raise ValueError(f"unknown output format {fmt!r}; choose one of {', '.join(FORMATS)}")
        self.out = Path(out_dir)
        self.out.mkdir(parents=True, exist_ok=True)
        self.fmt = fmt
        self.flush_every = max(1, flush_every)
        self.n_entities = 0
        self._writers = {name: TableFileWriter(name, self.out / f"{name}.{fmt}", fmt) for name in ("articles", "mentions", "relations")}
        # Entities are aggregated from a Parquet copy of the mentions when the
        # output format is not Parquet itself.
        self._work = Path(tempfile.mkdtemp(prefix=".pipeline-", dir=self.out))
        self._staged = None if fmt == "parquet" else TableFileWriter("mentions", self._work / "mentions.parquet", "parquet")
        self._buffer = TableBuilder()
        self._pending = 0

    def add_rows(self, rows: "ArticleRows") -> None:
        self._buffer.add_rows(rows)
        self._pending += 1
        if self._pending >= self.flush_every:
            self.flush()

    def flush(self) -> None:
        if not self._pending:
            return
        buffer, self._buffer, self._pending = self._buffer, TableBuilder(), 0
        self._writers["articles"].write(_frame("articles", buffer.article_rows))
        mentions = _frame("mentions", buffer.mention_rows)
        self._writers["mentions"].write(mentions)
        if self._staged is not None:
            self._staged.write(mentions)
        self._writers["relations"].write(_frame("relations", buffer.relation_rows))
        del buffer, mentions
        release_memory()

    def finish(self) -> list[Path]:
        """Flush, write ``entities``, move every file into place; the paths, in table order."""
        try:
            self.flush()
            paths = {name: writer.close() for name, writer in self._writers.items()}
            mentions_parquet = self._staged.close() if self._staged is not None else paths["mentions"]
            entities = TableFileWriter("entities", self.out / f"entities.{self.fmt}", self.fmt)
            connection = duckdb_connection(temp_dir=self._work / "duckdb")
            try:
                for frame in iter_entity_frames(connection, f"read_parquet({_quote(str(mentions_parquet))})"):
                    entities.write(frame)
            finally:
                connection.close()
            self.n_entities = entities.rows
            paths["entities"] = entities.close()
            return [paths[name] for name in TABLE_COLUMNS]
        except BaseException:
            self.abort()
            raise
        finally:
            shutil.rmtree(self._work, ignore_errors=True)

    def abort(self) -> None:
        """Drop the partial files of a run that failed."""
        for writer in self._writers.values():
            writer.abort()
        if self._staged is not None:
            self._staged.abort()
        shutil.rmtree(self._work, ignore_errors=True)


def write_duckdb(tables: Tables, path: str | Path) -> Path:
    """All four tables into one DuckDB file, replacing tables of the same name."""
    import duckdb

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(path)) as connection:
        for name, frame in tables.items():
            connection.register("incoming", frame)
            connection.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM incoming")
            connection.unregister("incoming")
    return path


def read_tables(out_dir: str | Path, fmt: str = "parquet") -> Tables:
    """Read tables written by :func:`write_tables` back into DataFrames."""
    out = Path(out_dir)
    frames = {}
    for name in TABLE_COLUMNS:
        path = out / f"{name}.{fmt}"
        if fmt == "parquet":
            frames[name] = pd.read_parquet(path)
        elif fmt == "csv":
            frames[name] = pd.read_csv(path)
        else:
            frames[name] = pd.read_json(path, orient="records", lines=True)
    return Tables(**frames)


def concat_rows(parts: Iterable[ArticleRows]) -> Tables:
    """Tables from per-article rows (the collector of every engine)."""
    builder = TableBuilder()
    for rows in parts:
        builder.add_rows(rows)
    return builder.build()
