"""From articles and Docs to the output tables, and the table writers.

Four tables, one row contract each (see the README):

``articles``   one row per record read, ``status`` ok/error
``mentions``   one row per entity mention, character offsets into ``articles.text``
``entities``   one row per corpus-wide entity (``entity_id``)
``relations``  the knowledge table: subject -relation-> object, with evidence

Rows are built per article (:func:`article_rows`) so that runs can stream;
:class:`TableBuilder` collects them and aggregates ``entities`` at the end.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import pandas as pd

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
FORMATS = ("parquet", "csv", "jsonl")

_INT_COLUMNS = {
    "articles": ["n_paragraphs", "n_duplicate_paragraphs"],
    "mentions": ["sentence_id", "start", "end"],
    "entities": ["n_mentions", "n_articles"],
    "relations": ["sentence_id", "start", "end"],
}


def article_row(article: Article) -> dict:
    """The ``articles`` row of one article."""
    return {column: getattr(article, column) for column in ARTICLE_COLUMNS}


def _sentence_index(doc) -> dict[int, int]:
    """Token index -> sentence number (0-based, in document order)."""
    index = {}
    for number, sentence in enumerate(doc.sents):
        for token in sentence:
            index[token.i] = number
    return index


def mention_rows(article_id: str, doc) -> list[dict]:
    """One ``mentions`` row per entity in ``doc.ents``."""
    if doc is None:
        return []
    sentence_of = _sentence_index(doc)
    rows = []
    for ent in doc.ents:
        canonical = ent._.canonical or ent.text
        key = ent._.entity_key or f"{ent.label_}:{canonical}"
        rows.append(
            {
                "article_id": article_id,
                "sentence_id": sentence_of.get(ent.start, 0),
                "start": ent.start_char,
                "end": ent.end_char,
                "text": ent.text,
                "label": ent.label_,
                "canonical": canonical,
                "entity_id": entity_id(key),
                "is_reference": bool(ent._.is_reference),
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


def _frame(name: str, rows: list[dict]) -> pd.DataFrame:
    columns = TABLE_COLUMNS[name]
    frame = pd.DataFrame(rows, columns=columns)
    for column in _INT_COLUMNS.get(name, []):
        frame[column] = pd.array(frame[column], dtype="Int64")
    if name == "relations":
        frame["confidence"] = frame["confidence"].astype("float64")
    if name == "mentions":
        frame["is_reference"] = frame["is_reference"].astype("bool")
    return frame


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

    def build(self) -> Tables:
        mentions = _frame("mentions", self.mention_rows)
        return Tables(
            articles=_frame("articles", self.article_rows),
            mentions=mentions,
            entities=aggregate_entities(mentions),
            relations=_frame("relations", self.relation_rows),
        )


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


def aggregate_entities(mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per ``entity_id``: label, canonical form, aliases, counts.

    The canonical form shown is that of the entity's full mentions (short
    references such as ``Sở`` do not name it); ``aliases`` lists every surface
    form, sorted, so the table is deterministic.
    """
    if mentions.empty:
        return _frame("entities", [])
    rows = []
    for (eid, label), group in mentions.groupby(["entity_id", "label"], sort=True):
        full = group[~group["is_reference"]]
        canonical_source = full if not full.empty else group
        canonical = canonical_source["canonical"].value_counts().sort_index().idxmax()
        rows.append(
            {
                "entity_id": eid,
                "label": label,
                "canonical": canonical,
                "aliases": sorted(set(group["text"])),
                "n_mentions": len(group),
                "n_articles": group["article_id"].nunique(),
            }
        )
    return _frame("entities", rows)


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
        path = out / f"{name}.{fmt}"
        if fmt == "parquet":
            frame.to_parquet(path, index=False)
        elif fmt == "csv":
            _csv_safe(frame).to_csv(path, index=False, encoding="utf-8")
        else:
            frame.to_json(path, orient="records", lines=True, force_ascii=False)
        written.append(path)
    return written


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
