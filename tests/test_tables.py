"""Output tables: columns, writers, CSV formula safety, DuckDB."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from pipeline.article import Article
from pipeline.link import entity_id
from pipeline.tables import (
    ARTICLE_COLUMNS, ENTITY_COLUMNS, MENTION_COLUMNS, RELATION_COLUMNS, Tables, TableBuilder,
    aggregate_entities, neutralise_formula, read_tables,
)


def _tables_with_hostile_cells() -> Tables:
    builder = TableBuilder()
    builder.add(Article(article_id="=cmd|' /C calc'!A0", source_path="x.txt", text="=1+1\n\nNội dung", title="+Tin nóng",
                        author="@Nguyễn Văn A", n_paragraphs=1))
    builder.add(Article(article_id="loi", source_path="y.txt", status="error", error="empty article"))
    return builder.build()


def test_tables_have_the_contract_columns():
    tables = Tables.empty()
    assert list(tables.articles.columns) == ARTICLE_COLUMNS
    assert list(tables.mentions.columns) == MENTION_COLUMNS
    assert list(tables.entities.columns) == ENTITY_COLUMNS
    assert list(tables.relations.columns) == RELATION_COLUMNS


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_every_format_round_trips_row_counts(tmp_path, fmt):
    tables = _tables_with_hostile_cells()
    paths = tables.write(tmp_path, fmt)
    assert sorted(path.name for path in paths) == sorted(f"{name}.{fmt}" for name in ("articles", "mentions", "entities", "relations"))
    back = read_tables(tmp_path, fmt)
    assert len(back.articles) == 2
    assert set(back.articles["status"]) == {"ok", "error"}


def test_csv_neutralises_formula_cells(tmp_path):
    _tables_with_hostile_cells().write(tmp_path, "csv")
    raw = (tmp_path / "articles.csv").read_text(encoding="utf-8")
    assert "'=cmd" in raw and "'+Tin nóng" in raw and "'@Nguyễn Văn A" in raw
    assert "\n=cmd" not in raw and ",+Tin" not in raw
    # Parquet keeps the value itself: only spreadsheets need the guard.
    assert neutralise_formula("-5") == "'-5"
    assert neutralise_formula("Sở TT&TT") == "Sở TT&TT"


def test_output_file_names_never_come_from_input(tmp_path):
    tables = _tables_with_hostile_cells()
    tables.articles.loc[0, "article_id"] = "../../etc/passwd"
    tables.write(tmp_path / "out", "csv")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["articles.csv", "entities.csv", "mentions.csv", "relations.csv"]
    assert not (tmp_path / "etc").exists()


def test_duckdb_holds_all_tables(tmp_path):
    path = _tables_with_hostile_cells().to_duckdb(tmp_path / "kb.duckdb")
    with duckdb.connect(str(path)) as connection:
        names = {row[0] for row in connection.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        count = connection.execute("SELECT count(*) FROM articles WHERE status = 'error'").fetchone()[0]
    assert {"articles", "mentions", "entities", "relations"} <= names
    assert count == 1


def test_entities_aggregate_mentions_across_articles():
    key = "ORG:Ủy ban nhân dân tỉnh Gia Lai"
    mentions = pd.DataFrame(
        [
            {"article_id": "a", "sentence_id": 0, "start": 0, "end": 17, "text": "UBND tỉnh Gia Lai", "label": "ORG",
             "canonical": "Ủy ban nhân dân tỉnh Gia Lai", "entity_id": entity_id(key), "is_reference": False},
            {"article_id": "a", "sentence_id": 1, "start": 40, "end": 49, "text": "UBND tỉnh", "label": "ORG",
             "canonical": "Ủy ban nhân dân tỉnh Gia Lai", "entity_id": entity_id(key), "is_reference": True},
            {"article_id": "b", "sentence_id": 0, "start": 0, "end": 28, "text": "Ủy ban nhân dân tỉnh Gia Lai", "label": "ORG",
             "canonical": "Ủy ban nhân dân tỉnh Gia Lai", "entity_id": entity_id("ORG:ủy ban nhân dân tỉnh gia lai"), "is_reference": False},
        ]
    )
    entities = aggregate_entities(mentions)
    assert len(entities) == 1
    row = entities.iloc[0]
    assert row["n_mentions"] == 3 and row["n_articles"] == 2
    assert row["aliases"] == ["UBND tỉnh", "UBND tỉnh Gia Lai", "Ủy ban nhân dân tỉnh Gia Lai"]
