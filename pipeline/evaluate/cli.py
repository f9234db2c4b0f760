"""``python -m pipeline evaluate``: the pipeline against gold annotations.

Two modes:

* gold JSONL files (schema format): entity and relation P/R/F1 per label and
  micro, title accuracy, optionally the misses, optionally underthesea's NER
  on the same articles beside ours;
* ``--segmentation CONLLU``: word segmentation against a treebank, ours beside
  underthesea's and pyvi's.
"""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import pandas as pd
import typer


def pipeline_predictions(articles: list[tuple[str, str]]) -> dict[str, dict]:
    """The pipeline's predictions (scorer format) for ``(id, raw text)`` pairs."""
    from ..api import process_texts
    from .schema import predictions_from_tables

    tables = process_texts(articles)
    failed = tables.articles[tables.articles["status"] != "ok"]
    for row in failed.itertuples():
        typer.echo(f"warning: {row.article_id} failed in the pipeline: {row.error}", err=True)
    return predictions_from_tables(tables.mentions, tables.relations)


def _side_by_side(ours: pd.DataFrame, baseline: pd.DataFrame, name: str) -> str:
    key = ours.columns[0]
    merged = ours[[key, "precision", "recall", "f1"]].merge(
        baseline[[key, "precision", "recall", "f1"]], on=key, how="left", suffixes=("", f"_{name}")
    )
    return merged.to_string(index=False, float_format=lambda value: f"{100 * value:.1f}")


def evaluate_command(
    gold: Optional[List[Path]] = typer.Argument(None, help="Gold annotation files (JSON Lines, schema format)."),
    misses: bool = typer.Option(False, "--misses", help="List missed and spurious entities and relations."),
    baseline: Optional[str] = typer.Option(None, "--baseline", help="Also score a baseline on the same articles: underthesea."),
    segmentation: Optional[List[Path]] = typer.Option(
        None, "--segmentation", help="Score word segmentation on a CoNLL-U treebank instead (repeatable)."
    ),
    limit: Optional[int] = typer.Option(None, "--limit", help="Segmentation: first N sentences only."),
) -> None:
    """Score the pipeline against gold annotations, or word segmentation against a treebank."""
    if segmentation:
        from .segmentation import evaluate_segmentation

        for path in segmentation:
            if not path.is_file():
                raise typer.BadParameter(f"no such treebank file: {path}", param_hint="--segmentation")
            typer.echo(f"== word segmentation on {path}")
            table = evaluate_segmentation(path, ("ours", "underthesea", "pyvi"), limit=limit)
            typer.echo(table.to_string(index=False))
        return
    if not gold:
        raise typer.BadParameter("give gold JSONL files, or --segmentation CONLLU", param_hint="GOLD")
    if baseline not in (None, "underthesea"):
        raise typer.BadParameter(f"unknown baseline {baseline!r}; known: underthesea", param_hint="--baseline")

    from . import format_report, load_gold, score_entities, score_relations
    from .baseline import underthesea_predictions

    articles = []
    for path in gold:
        try:
            articles.extend(load_gold(path))
        except (OSError, ValueError) as error:
            typer.echo(f"error: {error}", err=True)
            raise typer.Exit(code=1)
    typer.echo(f"== {len(articles)} gold articles from {', '.join(str(path) for path in gold)}")
    predictions = pipeline_predictions([(article.id, article.text) for article in articles])
    entity_scores = score_entities(articles, predictions)
    relation_scores = score_relations(articles, predictions)
    typer.echo(format_report(entity_scores, misses=misses))
    typer.echo(format_report(relation_scores, misses=misses))
    if baseline == "underthesea":
        theirs = score_entities(articles, underthesea_predictions(articles))
        typer.echo("== entities: ours beside underthesea.ner (P, R, F1 in %)")
        typer.echo(_side_by_side(entity_scores.tables()["entities"], theirs.tables()["entities"], "underthesea"))
