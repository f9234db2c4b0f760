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


def test_entity_canonical_ties_go_to_the_smallest_form_and_references_only_count_alone():
    def mention(article, text, canonical, eid, is_reference=False):
        return {"article_id": article, "sentence_id": 0, "start": 0, "end": len(text), "text": text, "label": "ORG",
                "canonical": canonical, "entity_id": eid, "is_reference": is_reference}

    mentions = pd.DataFrame([
        mention("a", "Sở B", "Sở B", "org-1"), mention("a", "Sở A", "Sở A", "org-1"),
        mention("b", "Sở", "Sở Z", "org-1", True), mention("b", "Sở", "Sở Z", "org-1", True),
        mention("c", "Bộ", "Bộ X", "org-2", True), mention("c", "Bộ", "Bộ Y", "org-2", True), mention("d", "Bộ", "Bộ Y", "org-2", True),
    ])
    entities = aggregate_entities(mentions).set_index("entity_id")
    assert entities.loc["org-1", "canonical"] == "Sở A"  # full mentions only; tie -> smallest
    assert entities.loc["org-2", "canonical"] == "Bộ Y"  # references only: the most frequent
    assert entities.loc["org-1", "aliases"] == ["Sở", "Sở A", "Sở B"]
    assert list(entities["n_articles"]) == [2, 2]


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_streamed_tables_equal_the_in_memory_ones(tmp_path, repo_root, fmt):
    """The CLI path (rows appended batch by batch, entities by DuckDB over the
    written mentions) writes the very files of ``Tables.write``."""
    from pipeline.api import run, run_to

    inputs = [repo_root / "corpus" / "dev" / f"{stem}.txt" for stem in ("dev-b-012", "dev-b-003", "dev-a-009")]
    inputs.append(tmp_path / "missing.txt")
    tables = run(inputs)
    tables.write(tmp_path / "memory", fmt)
    written = run_to(inputs, tmp_path / "streamed", fmt, flush_every=1)
    assert [path.name for path in written] == [f"{name}.{fmt}" for name in ("articles", "mentions", "entities", "relations")]
    assert sorted(p.name for p in (tmp_path / "streamed").iterdir()) == sorted(path.name for path in written)
    for path in written:
        memory = tmp_path / "memory" / path.name
        if fmt == "parquet":
            pd.testing.assert_frame_equal(pd.read_parquet(memory), pd.read_parquet(path), obj=path.name)
        else:
            assert memory.read_bytes() == path.read_bytes(), path.name


def test_entities_of_many_mentions_are_aggregated_range_by_range_with_the_same_result():
    from pipeline.tables import duckdb_connection, entity_queries, iter_entity_frames

    rows = [
        {"article_id": f"a{i % 7}", "sentence_id": 0, "start": 0, "end": 3, "text": f"T{i % 5}", "label": "ORG" if i % 3 else "PER",
         "canonical": f"C{i % 4}", "entity_id": entity_id(f"ORG:e{i % 23}"), "is_reference": i % 2 == 0}
        for i in range(200)
    ]
    mentions = pd.DataFrame(rows)
    connection = duckdb_connection()
    connection.register("m", mentions)
    assert len(entity_queries(connection, "m", partition_rows=30)) > 2
    ranged = pd.concat(list(iter_entity_frames(connection, "m", partition_rows=30)), ignore_index=True)
    whole = pd.concat(list(iter_entity_frames(connection, "m")), ignore_index=True)
    connection.close()
    pd.testing.assert_frame_equal(ranged, whole)
    pd.testing.assert_frame_equal(whole, aggregate_entities(mentions))
